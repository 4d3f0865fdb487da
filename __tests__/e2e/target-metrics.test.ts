/**
 * Target health from the load balancers' CloudWatch host counts (`target-health-source`): the
 * real SDK clients against the simulator, whose request log shows which groups were still read
 * with DescribeTargetHealth and why.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { ECSClient } from '@aws-sdk/client-ecs'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { runHealth, type HealthSettings } from '../../src/pipeline/health.js'
import type { TargetHealthSource } from '../../src/config.js'
import { toState } from '../../src/report/state.js'
import { renderHealthMarkdown } from '../../src/report/summary.js'
import { startSimulator, type Scenario, type Simulator } from '../../sim/index.js'

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
let sim: Simulator | undefined
const clients: { destroy(): void }[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await sim?.close()
  sim = undefined
})

function settings(source: TargetHealthSource): HealthSettings {
  return {
    cluster: 'prod',
    region: 'us-east-1',
    endpoints: [],
    minutes: 60,
    httpTimeoutMs: 2000,
    tlsWarningDays: 30,
    tlsCriticalDays: 7,
    concurrency: 8,
    targetHealthSource: source
  }
}

interface GroupOptions {
  unhealthy?: boolean
  metrics?: boolean
  metricsLagMinutes?: number
  deploying?: boolean
}

/** `n` services `svc-NN`, each behind its own group of two targets; `special` by index. */
function scenario(n: number, special: Record<number, GroupOptions> = {}): Scenario {
  const services = []
  const targetGroups = []
  for (let i = 0; i < n; i++) {
    const name = `svc-${String(i).padStart(2, '0')}`
    const o = special[i] ?? {}
    services.push({
      name,
      desiredCount: 2,
      taskDefinition: `${name}:2`,
      loadBalancers: [{ targetGroup: `${name}-tg`, containerName: name, containerPort: 8080 }],
      ...(o.deploying
        ? {
            deployments: [
              { taskDefinition: `${name}:3`, desiredCount: 2, runningCount: 1, createdAt: '-3m' },
              { status: 'ACTIVE' as const, taskDefinition: `${name}:2`, runningCount: 1 }
            ]
          }
        : {})
    })
    targetGroups.push({
      name: `${name}-tg`,
      port: 8080,
      ...(o.metrics === false ? { metrics: false } : {}),
      ...(o.metricsLagMinutes !== undefined ? { metricsLagMinutes: o.metricsLagMinutes } : {}),
      targets: [
        { id: `10.0.${i}.1` },
        o.unhealthy
          ? { id: `10.0.${i}.2`, state: 'unhealthy' as const, reason: 'Target.Timeout' }
          : { id: `10.0.${i}.2` }
      ]
    })
  }
  return { clusters: [{ name: 'prod', services }], targetGroups } as Scenario
}

async function run(sc: Scenario, source: TargetHealthSource) {
  sim = await startSimulator({ scenario: sc })
  const common = { region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts: 2 }
  const c = {
    ecs: new ECSClient(common),
    elbv2: new ElasticLoadBalancingV2Client(common),
    cloudwatch: new CloudWatchClient(common)
  }
  clients.push(c.ecs, c.elbv2, c.cloudwatch)
  const report = await runHealth(settings(source), { clients: c })
  const healthReads = sim
    .requests()
    .filter(q => q.operation === 'DescribeTargetHealth')
    .map(q => String((q.params as { TargetGroupArn: string }).TargetGroupArn).split('/')[1])
    .sort()
  return { report, counts: sim.counts(), healthReads }
}

describe('target health from CloudWatch metrics', () => {
  it('reads 60 healthy groups with one GetMetricData call and no DescribeTargetHealth', async () => {
    const { report, counts } = await run(scenario(60), 'auto')
    expect(counts.GetMetricData).toBe(1)
    expect(counts.DescribeTargetHealth ?? 0).toBe(0)
    // One page of the region's groups names all 60 (by ARN it takes three calls).
    expect(counts.DescribeTargetGroups).toBe(1)
    const groups = Object.values(report.targets.targetGroups)
    expect(groups).toHaveLength(60)
    for (const g of groups) {
      expect(g).toMatchObject({ source: 'metrics', healthy: 2, total: 2, status: 'healthy' })
      expect(Date.parse(report.timestamp) - Date.parse(g.observedAt ?? '')).toBeLessThan(180_000)
    }
    expect(report.overall).toBe('healthy')
    const state = toState(report) as { checks: { alb_targets: { target_groups: object } } }
    expect(state.checks.alb_targets.target_groups).toMatchObject({
      'svc-00-tg': { source: 'metrics', healthy: 2 }
    })
    expect(renderHealthMarkdown(report)).toMatch(/60 healthy target groups/)
    expect(renderHealthMarkdown(report)).toMatch(/2\/2 healthy · CloudWatch metrics, \d min old/)
  })

  it('reads live the groups the metrics do not clear: unhealthy, silent, stale, deploying', async () => {
    const { report, counts, healthReads } = await run(
      scenario(50, {
        3: { unhealthy: true },
        7: { metrics: false },
        11: { metricsLagMinutes: 7 },
        19: { deploying: true }
      }),
      'auto'
    )
    expect(counts.GetMetricData).toBe(1)
    expect(healthReads).toEqual(['svc-03-tg', 'svc-07-tg', 'svc-11-tg', 'svc-19-tg'])
    const g = report.targets.targetGroups
    expect(g['svc-03-tg']).toMatchObject({ source: 'api', unhealthy: 1, total: 2 })
    expect(g['svc-03-tg']?.badTargets[0]).toMatchObject({
      id: '10.0.3.2',
      reason: 'Target.Timeout'
    })
    expect(g['svc-07-tg']?.source).toBe('api')
    expect(g['svc-11-tg']?.source).toBe('api')
    expect(g['svc-19-tg']?.source).toBe('api')
    expect(g['svc-20-tg']?.source).toBe('metrics')
    expect(report.targets.status).toBe('degraded')
    expect(report.findings.some(f => f.check === 'alb_targets' && f.service === 'svc-03')).toBe(
      true
    )
  })

  it('falls back to DescribeTargetHealth for every group when GetMetricData is denied', async () => {
    const sc = {
      ...scenario(45),
      faults: { operations: { GetMetricData: { accessDenied: true } } }
    } as Scenario
    const { report, counts } = await run(sc, 'metrics')
    expect(counts.DescribeTargetHealth).toBe(45)
    expect(Object.values(report.targets.targetGroups).every(g => g.source === 'api')).toBe(true)
    expect(report.targets.warnings).toHaveLength(1)
    expect(report.targets.warnings?.[0]).toMatch(/cloudwatch:GetMetricData/)
    expect(report.targets.status).toBe('healthy')
    expect(renderHealthMarkdown(report)).toMatch(
      /⚠️ target health was read with DescribeTargetHealth/
    )
  })

  it('keeps to DescribeTargetHealth with api, and with auto up to the ELBv2 burst', async () => {
    const api = await run(scenario(45), 'api')
    expect(api.counts.GetMetricData ?? 0).toBe(0)
    expect(api.counts.DescribeTargetHealth).toBe(45)
    await sim?.close()
    sim = undefined
    const small = await run(scenario(40), 'auto')
    expect(small.counts.GetMetricData ?? 0).toBe(0)
    expect(small.counts.DescribeTargetHealth).toBe(40)
  })

  it("stops listing the region's groups where asking by ARN costs less", async () => {
    const sc = scenario(45)
    const others = Array.from({ length: 2000 }, (_, i) => ({
      name: `other-${i}`,
      port: 80,
      targets: []
    }))
    sc.targetGroups = [...others, ...(sc.targetGroups ?? [])]
    const { report, counts } = await run(sc, 'metrics')
    // Three pages of 400 find none of ours; the 45 then go by ARN, 20 a call.
    expect(counts.DescribeTargetGroups).toBe(6)
    expect(Object.keys(report.targets.targetGroups)).toHaveLength(45)
    expect(Object.keys(report.targets.targetGroups).some(n => n.startsWith('other-'))).toBe(false)
    expect(counts.GetMetricData).toBe(1)
  })

  it('reads the metrics of a few groups when asked to', async () => {
    const { report, counts } = await run(scenario(3), 'metrics')
    expect(counts.GetMetricData).toBe(1)
    expect(counts.DescribeTargetHealth ?? 0).toBe(0)
    expect(Object.values(report.targets.targetGroups).map(g => g.source)).toEqual([
      'metrics',
      'metrics',
      'metrics'
    ])
  })
})
