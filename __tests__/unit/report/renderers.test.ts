import { describe, expect, it } from '@jest/globals'
import { findingsOf, overallOf } from '../../../src/checks/judge.js'
import type { Finding, HealthReport } from '../../../src/checks/types.js'
import { annotationsOf } from '../../../src/report/annotations.js'
import { toAlert, toState } from '../../../src/report/state.js'
import { renderHealthMarkdown } from '../../../src/report/summary.js'
import { renderHealthText } from '../../../src/report/text.js'
import { incidentReport } from '../../../__fixtures__/reports.js'

function report(): HealthReport {
  const base = incidentReport()
  const findings = findingsOf(base)
  return { ...base, findings, overall: overallOf(findings) }
}

describe('toState', () => {
  it("keeps the seed's shape", () => {
    const s = toState(report()) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(s).slice(0, 6)).toEqual([
      'timestamp',
      'epoch',
      'overall',
      'cluster',
      'region',
      'domain'
    ])
    expect(s.overall).toBe('unhealthy')
    expect(Object.keys(s.checks)).toEqual([
      'domain_http',
      'http_api',
      'ecs_services',
      'alb_targets',
      'ssl',
      'ssl_hosts'
    ])
    expect(s.checks.domain_http).toMatchObject({
      status: 'healthy',
      code: 200,
      latency_ms: 85,
      redirects: 1
    })
    expect(s.checks.http_api).toMatchObject({ status: 'unhealthy', code: 503 })
    expect(s.checks.ecs_services.services.worker).toMatchObject({
      desired: 3,
      running: 1,
      pending: 0,
      status: 'ACTIVE',
      health: 'degraded'
    })
    expect(s.checks.alb_targets.target_groups['checkout-tg']).toMatchObject({
      healthy: 0,
      draining: 0,
      unhealthy: 2,
      total: 2,
      status: 'unhealthy'
    })
    expect(s.checks.ssl).toEqual(
      expect.objectContaining({
        status: 'critical',
        expires: '2026-11-30T12:00:00.000Z',
        days_left: 5
      })
    )
    expect(Array.isArray(s.checks.ecs_services.issues)).toBe(true)
    expect(JSON.parse(JSON.stringify(s))).toBeTruthy()
  })

  it('writes the alert shape', () => {
    expect(toAlert(report())).toMatchObject({
      cluster: 'prod',
      overall: 'unhealthy',
      log_analysis: null
    })
  })
})

describe('renderHealthMarkdown', () => {
  const md = renderHealthMarkdown(report())
  it('has a headline, a checks table and a services table', () => {
    expect(md.split('\n')[0]).toBe('## 🔴 ECS health: unhealthy — `prod` (eu-west-1)')
    expect(md).toContain('| Check | Status | Details |')
    expect(md).toContain('| Endpoint api | 🔴 unhealthy | HTTP 503 in 40 ms |')
    expect(md).toContain('| Service | Health | Why | Tasks · rollout · task definition |')
    expect(md).toContain(
      '| worker | 🟡 degraded | 1/3 tasks running | 1/3 · completed · `worker:7` |'
    )
    expect(md).toContain('| ghost | 🔴 failed |')
  })
  it('neutralises HTML and mentions from AWS text', () => {
    expect(md).not.toContain('<script>')
    expect(md).toContain('&lt;script&gt;')
    expect(md).not.toMatch(/@oncall/)
  })
})

describe('renderHealthText', () => {
  it('lists each check with a mark', () => {
    const text = renderHealthText(report())
    expect(text).toMatch(/^ECS health: UNHEALTHY {2}cluster=prod region=eu-west-1/)
    expect(text).toContain('[FAIL] http api https://api.example.com/health  503')
    expect(text).toContain(
      '    [WARN] worker  1/3 running, 0 pending, rollout COMPLETED  1/3 tasks running'
    )
    expect(text).toContain(
      '    [FAIL] checkout-tg  0/2 healthy  Target.ResponseCodeMismatch: Health checks failed with these codes: [503]'
    )
  })
})

describe('annotationsOf', () => {
  const f = (severity: Finding['severity'], i: number): Finding => ({
    severity,
    check: 'x',
    title: `t${i}`,
    message: `m${i}`
  })
  it('maps severities to levels', () => {
    expect(annotationsOf([f('unhealthy', 1), f('degraded', 2)]).map(a => a.level)).toEqual([
      'error',
      'warning'
    ])
  })
  it('never emits more than GitHub shows and closes with a count', () => {
    const many = [
      ...Array.from({ length: 15 }, (_, i) => f('unhealthy', i)),
      ...Array.from({ length: 3 }, (_, i) => f('degraded', i))
    ]
    const out = annotationsOf(many)
    expect(out.filter(a => a.level === 'error')).toHaveLength(9)
    expect(out.filter(a => a.level === 'warning')).toHaveLength(3)
    expect(out.at(-1)).toEqual({
      level: 'notice',
      title: '6 more findings',
      message: '6 more findings are listed in the job summary.'
    })
    expect(annotationsOf(Array.from({ length: 10 }, (_, i) => f('unhealthy', i)))).toHaveLength(10)
  })
})
