/** The job summary with its per-service diagnosis, console links and byte budget. */
import { describe, expect, it } from '@jest/globals'
import { findingsOf, overallOf } from '../../../src/checks/judge.js'
import type { HealthReport, ServiceResult } from '../../../src/checks/types.js'
import { LogAnalyzer } from '../../../src/logs/analyze.js'
import { diagnose } from '../../../src/logs/diagnose.js'
import type { StoppedTaskInfo } from '../../../src/logs/restarts.js'
import {
  byteLength,
  COMMENT_LIMIT_NAME,
  SUMMARY_BUDGET_BYTES,
  SUMMARY_LIMIT_BYTES
} from '../../../src/report/budget.js'
import { renderDiagnosesMarkdown } from '../../../src/report/logs.js'
import type { ServiceDiagnosis } from '../../../src/logs/diagnose.js'
import { renderHealthMarkdown } from '../../../src/report/summary.js'
import { gfmProblems } from './gfm.js'
import { incidentReport, service } from '../../../__fixtures__/reports.js'

const END = Date.parse('2026-11-25T12:00:00.000Z')
const MIN = 60_000

function report(over: Partial<HealthReport> = {}): HealthReport {
  const base = { ...incidentReport(), ...over }
  const findings = findingsOf(base)
  return { ...base, findings, overall: overallOf(findings) }
}

function oomTask(id: string, at: number): StoppedTaskInfo {
  return {
    taskId: id,
    taskDefinition: 'worker:7',
    stoppedAt: new Date(at).toISOString(),
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [
      {
        name: 'worker',
        exitCode: 137,
        reason: 'OutOfMemoryError: Container killed due to memory usage'
      }
    ],
    cause: 'oom',
    summary: 'OutOfMemoryError: Container killed due to memory usage (worker, exit 137)'
  }
}

/** A diagnosis from log lines, through the real analyzer. */
function diagnosisOf(
  name: string,
  lines: string[],
  opts: { tasks?: StoppedTaskInfo[]; svc?: ServiceResult; sample?: string } = {}
): ServiceDiagnosis {
  const a = new LogAnalyzer({
    service: name,
    logGroup: `/ecs/${name}`,
    windowStart: END - 60 * MIN,
    windowEnd: END,
    ...(opts.sample ? { sampleChars: 2000 } : {})
  })
  lines.forEach((message, i) =>
    a.push({ timestamp: END - (50 - i) * MIN, message, logStream: `ecs/${name}/1` })
  )
  const analysis = a.finish({ stoppedTasks: opts.tasks ?? [] })
  return { analysis, diagnosis: diagnose(name, analysis, opts.svc) }
}

describe('renderHealthMarkdown with the log diagnosis', () => {
  const r = report()
  it('groups stopped tasks that stopped the same way into one row', () => {
    const tasks = Array.from({ length: 5 }, (_, k) => oomTask(`${k}`.repeat(32), END - k * MIN))
    const d = diagnosisOf('worker', ['ERROR java.lang.OutOfMemoryError: Java heap space'], {
      tasks,
      svc: r.services.services.worker
    })
    const md = renderHealthMarkdown(r, { diagnoses: [d] })
    const rows = md.split('\n').filter(l => l.includes('(EssentialContainerExited)'))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatch(
      /^\| 5 × `0{12}`, `1{12}`, `2{12}` \+2 `worker:7` \| 12:00:00 UTC \| oom \(EssentialContainerExited\) \| worker: 137 \|/
    )
  })
  const worker = diagnosisOf(
    'worker',
    [
      'ERROR java.lang.OutOfMemoryError: Java heap space',
      'ERROR java.lang.OutOfMemoryError: Java heap space',
      'ERROR request timed out after 30000ms calling billing'
    ],
    { tasks: [oomTask('a'.repeat(32), END - 5 * MIN)], svc: r.services.services.worker }
  )
  const checkout = diagnosisOf('checkout', ['ERROR upstream returned 503 for POST /cart'])
  const md = renderHealthMarkdown(r, { diagnoses: [worker, checkout], minutes: 60 })

  it('keeps the headline and adds the window and the run time', () => {
    const lines = md.split('\n')
    expect(lines[0]).toBe('## 🔴 ECS health: unhealthy — `prod` (eu-west-1)')
    expect(lines[2]).toContain('window last 60 min (2026-11-25 11:00–12:00 UTC)')
    expect(lines[2]).toContain('checked 2026-11-25 12:00:00 UTC in 1.2 s')
    expect(lines[2]).toContain(
      '[cluster in the ECS console](https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services?region=eu-west-1)'
    )
  })

  it('puts the cause and the log status beside each failing service; healthy ones fold into one line', () => {
    expect(md).toContain('| Service | Health | Why | Tasks · rollout · task definition |')
    expect(md).toMatch(
      /\| worker \| 🟡 degraded \| OOM: [^|]* · logs 🔴 critical, 3 errors \| 1\/3 · completed · `worker:7` \|/
    )
    expect(md).toMatch(/<details><summary>🟢 \d+ healthy services?[^<]*<\/summary>/)
    expect(md).toContain('| web | 2/2 | completed | `web:7` |')
    // The healthy services come after the failing ones, inside the fold.
    expect(md.indexOf('<details><summary>🟢')).toBeLessThan(md.indexOf('| web |'))
    expect(md).not.toMatch(/<b>web<\/b>|<b>batch<\/b>/)
    // Most severe first in the table.
    expect(md.indexOf('| ghost |')).toBeLessThan(md.indexOf('| worker |'))
    expect(md.indexOf('| worker |')).toBeLessThan(md.indexOf('| web |'))
  })

  it('gives each service that is not healthy a collapsible diagnosis, most severe first', () => {
    expect(md).toContain('### Log diagnosis')
    const order = ['ghost', 'checkout', 'worker'].map(n =>
      md.indexOf(`<details><summary><b>${n}</b>`)
    )
    expect(order.every(i => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(md.match(/<details><summary><b>/g)).toHaveLength(3)
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length)
    expect(md).toMatch(
      /<details><summary><b>worker<\/b>: OOM: container killed at its memory limit/
    )
  })

  it('links the service, its target group, its log group and Logs Insights for the window', () => {
    const section = md.slice(md.indexOf('<b>worker</b>'))
    expect(section).toContain(
      '[ECS service](https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/worker/health?region=eu-west-1)'
    )
    expect(section).toContain(
      '[log group /ecs/worker](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fworker)'
    )
    expect(section).toMatch(
      /\[Logs Insights: errors in the window\]\(https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:logs-insights\$3FqueryDetail\$3D[^)]*2026-11-25T12\*3A00\*3A00\.000Z[^)]*\)/
    )
    const co = md.slice(md.indexOf('<b>checkout</b>'))
    expect(co).toContain(
      '[target group checkout-tg](https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#TargetGroup:targetGroupArn=arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/checkout-tg/0123456789abcdef)'
    )
  })

  it('shows fingerprints with first/last seen, a sample, stopped tasks with exit codes, targets and events', () => {
    const section = md.slice(md.indexOf('<b>worker</b>'))
    expect(section).toMatch(
      /\*\*Logs\*\* 🔴 critical: 3 errors in 3 events, 1 stream, first 11:10:00 UTC, last 11:12:00 UTC/
    )
    expect(section).toMatch(
      /\| 2 \| oom \| java\.lang\.OutOfMemoryError: Java heap space \| 11:10:00 UTC \| 11:11:00 UTC \|/
    )
    expect(section).toMatch(
      /Sample of the most frequent error \(oom, 2×, redacted\):\n\n```text\nERROR java\.lang\.OutOfMemoryError/
    )
    expect(section).toMatch(
      /\| 1 × `a{12}` `worker:7` \| 11:55:00 UTC \| oom \(EssentialContainerExited\) \| worker: 137 \|/
    )
    expect(section).toContain('**Latest service events**')
    expect(section).toContain(
      '2026-11-25 11:58:00 UTC — (service worker) was unable to place a task &lt;script&gt;'
    )
    expect(section).toMatch(/\*\*Next:\*\* Raise the task or container memory/)
    const co = md.slice(md.indexOf('<b>checkout</b>'))
    expect(co).toContain(
      '| 10.0.0.1:80 | unhealthy | Target.ResponseCodeMismatch | Health checks failed with these codes: \\[503\\] |'
    )
  })

  it('renders as GitHub would show it: whole tables, closed details, narrow columns', () => {
    expect(gfmProblems(md)).toEqual([])
    expect(gfmProblems(renderHealthMarkdown(r))).toEqual([])
  })

  it('renders the health report alone (mode health) with the same sections, no Logs column', () => {
    const alone = renderHealthMarkdown(r)
    expect(alone).toContain('| Service | Health | Why | Tasks · rollout · task definition |')
    expect(alone).not.toContain(' · logs ')
    expect(alone).toContain('### Services that need attention')
    expect(alone).toMatch(
      /<details><summary><b>worker<\/b>: degraded \(1\/3 running\); 1\/3 tasks running<\/summary>/
    )
  })
})

describe('the 1 MiB budget', () => {
  /** A cluster in a very bad hour: every service failing, with big samples. */
  function hugeReport(count: number): { r: HealthReport; diagnoses: ServiceDiagnosis[] } {
    const services: Record<string, ServiceResult> = {}
    const diagnoses: ServiceDiagnosis[] = []
    for (let i = 0; i < count; i++) {
      const name = `service-${String(i).padStart(4, '0')}`
      const svc = service(name, {
        health: i % 10 === 0 ? 'unhealthy' : 'degraded',
        running: 1,
        desired: 3,
        reasons: ['1/3 tasks running'],
        events: Array.from({ length: 5 }, (_, k) => ({
          createdAt: new Date(END - k * MIN).toISOString(),
          message: `(service ${name}) was unable to place a task because no container instance met all of its requirements. ${'x'.repeat(200)}`
        }))
      })
      services[name] = svc
      const lines = Array.from(
        { length: 6 },
        (_, k) =>
          `ERROR failure kind ${'abcdefghij'[k]} in ${name}\n${`\tat com.acme.Frame${k}.run(Frame.java:1)\n`.repeat(60)}`
      )
      diagnoses.push(
        diagnosisOf(name, lines, {
          tasks: Array.from({ length: 5 }, (_, k) => oomTask(`${k}`.repeat(32), END - k * MIN)),
          svc,
          sample: 'big'
        })
      )
    }
    const base = incidentReport()
    return {
      r: report({
        services: { status: 'unhealthy', services, issues: [] },
        targets: { ...base.targets, targetGroups: {} }
      }),
      diagnoses
    }
  }

  it('keeps a huge report under the limit: samples first, then the least severe details', () => {
    const { r, diagnoses } = hugeReport(600)
    const md = renderHealthMarkdown(r, { diagnoses })
    const bytes = byteLength(md)
    expect(bytes).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(bytes).toBeLessThan(SUMMARY_LIMIT_BYTES)
    expect(md).toMatch(
      /> Parts of this report cut to fit GitHub's 1 MiB job summary limit: log samples of .*the details of .*\. The JSON report/
    )
    // The unhealthy services keep their details; degraded ones are trimmed first.
    expect(md).toMatch(/<details><summary><b>service-0000<\/b>/)
    expect(md).toContain('- **service-0599**:')
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length)
    expect(gfmProblems(md)).toEqual([])
    expect((md.match(/^`{3,}text$/gm)?.length ?? 0) * 2).toBe(md.match(/^`{3,}/gm)?.length ?? 0)
    // What room is left after trimming goes to the samples of the most severe services.
    expect(md.slice(0, md.indexOf('<b>service-0010</b>'))).toContain('```text')
    // Every service still has its row.
    expect(md.match(/^\| service-\d{4} \|/gm)).toHaveLength(600)
  })

  it('fits the same report into a comment-sized budget', () => {
    const { r, diagnoses } = hugeReport(120)
    const md = renderHealthMarkdown(r, {
      diagnoses,
      budgetBytes: 60_000,
      limitName: COMMENT_LIMIT_NAME
    })
    expect(byteLength(md)).toBeLessThanOrEqual(60_000)
    expect(md).toContain("Parts of this report cut to fit GitHub's comment size limit: ")
    expect(md.split('\n')[0]).toMatch(/^## 🔴 ECS health: unhealthy/)
  })

  it('lists thousands of healthy services as one line when rows do not fit', () => {
    const services: Record<string, ServiceResult> = {}
    for (let i = 0; i < 20_000; i++) services[`svc-${i}`] = service(`svc-${i}`)
    services.broken = service('broken', {
      health: 'degraded',
      running: 0,
      reasons: ['no tasks running (0/2)']
    })
    const md = renderHealthMarkdown(
      report({ services: { status: 'degraded', services, issues: [] } }),
      {
        budgetBytes: 256 * 1024
      }
    )
    expect(byteLength(md)).toBeLessThanOrEqual(256 * 1024)
    expect(md).toContain('| broken | 🟡 degraded |')
    expect(md).toMatch(
      /\| … \|(\s+\|)+ 20000 healthy or scaled-down services not listed \(summary size limit\) \|/
    )
    expect(md).toContain('<details><summary><b>broken</b>')
    // Cut to fit, it still renders: the fold around the cut rows closes.
    expect(gfmProblems(md)).toEqual([])
    expect(md).toContain(
      "Parts of this report cut to fit GitHub's 1 MiB job summary limit: the table rows of 20000 healthy or scaled-down services."
    )
  })

  it('keeps the log-mode Markdown within its budget too, with links when the region is known', () => {
    const { diagnoses } = hugeReport(300)
    const md = renderDiagnosesMarkdown(diagnoses, 'Log diagnosis', {
      cluster: 'prod',
      region: 'eu-west-1'
    })
    expect(byteLength(md)).toBeLessThanOrEqual(448 * 1024)
    expect(md).toContain('#logsV2:log-groups/log-group/$252Fecs$252Fservice-0000')
  })
})
