/**
 * A log group the pattern does not name: read from the task definition's awslogs-group; no log
 * group at all while tasks run: a `logging` finding, not a healthy `no_logs`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Scenario, type Simulator } from '../../sim/index.js'
import { awsEnv, runCli } from '../../sim/runner.js'

const scenario: Scenario = {
  clusters: [
    {
      name: 'prod',
      services: [
        { name: 'web', desiredCount: 2, logGroup: '/aws/ecs/prod/web' },
        { name: 'api', desiredCount: 2 },
        { name: 'quiet', desiredCount: 1, logGroup: null },
        { name: 'idle', desiredCount: 0 }
      ]
    }
  ],
  logGroups: [
    {
      name: '/aws/ecs/prod/web',
      generate: [{ kind: 'app', style: 'node', count: 200, minutes: 30, errorRate: 0.2 }]
    },
    { name: '/ecs/api', generate: [{ kind: 'app', style: 'go', count: 100, minutes: 30 }] }
  ]
}

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ scenario })
})
afterAll(async () => {
  await sim.close()
})

interface Report {
  services: Record<
    string,
    {
      status: string
      log_group: string
      events_read: number
      diagnosis?: { cause?: string; verdict?: string }
    }
  >
}

async function summary(extra: string[] = []) {
  const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-lg-'))
  const r = await runCli(['logs', 'summary', '--json', ...extra], {
    ...awsEnv(sim.url),
    ECS_CLUSTER: 'prod',
    ECS_HEALTH_OUTDIR: out
  })
  const report = JSON.parse(readFileSync(path.join(out, 'ecs-logs-summary.json'), 'utf8')) as Report
  return { ...r, report }
}

describe('log groups the pattern does not name', () => {
  it('reads the task definition’s awslogs-group, and reports tasks with no readable logs', async () => {
    sim.resetCounts()
    const r = await summary()
    const s = r.report.services
    expect(s.web).toMatchObject({ log_group: '/aws/ecs/prod/web' })
    expect(s.web?.events_read).toBeGreaterThan(0)
    expect(s.api).toMatchObject({ log_group: '/ecs/api' })
    expect(s.quiet?.status).toBe('no_logs')
    expect(JSON.stringify(s.quiet)).toMatch(
      /No logs: log group \/ecs\/quiet \(log-group-pattern \/ecs\/\{service\}\) does not exist although 1 task runs; the task definition quiet:1 has no awslogs log configuration/
    )
    // A service scaled to zero with no log group is not a finding.
    expect(JSON.stringify(s.idle)).not.toMatch(/No logs: /)
    // Only the services with a missing group were looked up.
    const counts = sim.counts()
    expect(counts.DescribeServices).toBe(1)
    expect(counts.DescribeTaskDefinition).toBe(3)
  })

  it('keeps no_logs, saying why, when the task definition may not be read', async () => {
    sim.setFaults({ operations: { DescribeTaskDefinition: { accessDenied: true } } })
    try {
      const r = await summary()
      expect(r.report.services.web?.status).toBe('no_logs')
      expect(JSON.stringify(r.report.services.web)).toMatch(/ecs:DescribeTaskDefinition/)
    } finally {
      sim.setFaults({})
    }
  })
})
