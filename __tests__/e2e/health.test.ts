/**
 * The health check end to end: the real SDK clients against the wire-level simulator, with the
 * simulator's request log proving what was (and was not) called.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { ECSClient } from '@aws-sdk/client-ecs'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import path from 'node:path'
import { runHealth, type HealthSettings } from '../../src/pipeline/health.js'
import { FatalError } from '../../src/errors.js'
import type { HealthReport } from '../../src/checks/types.js'
import { toState } from '../../src/report/state.js'
import { startSimulator, type Scenario, type Simulator } from '../../sim/index.js'
import { ROOT } from '../../sim/runner.js'

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

function clientsFor(sim: Simulator, maxAttempts = 3) {
  const common = { region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts }
  return { ecs: new ECSClient(common), elbv2: new ElasticLoadBalancingV2Client(common) }
}

function settings(over: Partial<HealthSettings> = {}): HealthSettings {
  return {
    cluster: 'prod',
    region: 'us-east-1',
    endpoints: [],
    minutes: 60,
    httpTimeoutMs: 2000,
    tlsWarningDays: 30,
    tlsCriticalDays: 7,
    concurrency: 8,
    targetHealthSource: 'auto',
    ...over
  }
}

/** The state without what changes from run to run (times, latencies). */
function stable(r: HealthReport): unknown {
  return JSON.parse(
    JSON.stringify(toState(r), (k, v: unknown) =>
      ['timestamp', 'epoch', 'duration_ms', 'latency_ms'].includes(k) ? undefined : v
    )
  )
}

const manyServices = (n: number): Scenario => ({
  clusters: [{ name: 'prod', generateServices: { count: n, prefix: 'svc-', targetGroups: true } }]
})

describe('incident scenario', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
  })
  afterAll(async () => {
    await sim.close()
  })
  afterEach(() => {
    sim.setFaults({})
    sim.resetCounts()
  })

  it('finds every seeded problem with its reason', async () => {
    const c = clientsFor(sim)
    const r = await runHealth(settings(), { clients: c })
    expect(r.overall).toBe('unhealthy')
    const s = r.services.services
    expect(Object.keys(s)).toHaveLength(14)
    expect(s.payments?.health).toBe('degraded')
    expect(s.payments?.reasons[0]).toBe('1/3 tasks running, 1 pending')
    expect(s.search?.health).toBe('unhealthy')
    expect(s.search?.rolledBack).toBe(true)
    expect(s.search?.reasons.join(' ')).toMatch(
      /deployment ecs-svc\/8210036251094177342 \(search:18\) failed: ECS deployment circuit breaker/
    )
    expect(s.search?.reasons.join(' ')).toMatch(/rolled back to search:17/)
    expect(s.reports?.health).toBe('scaled_down')
    expect(s.web?.health).toBe('healthy')
    const tg = r.targets.targetGroups['checkout-tg']
    expect(tg).toMatchObject({
      status: 'unhealthy',
      healthy: 0,
      unhealthy: 3,
      total: 3,
      services: ['checkout']
    })
    expect(tg?.badTargets.map(t => t.reason)).toEqual([
      'Target.ResponseCodeMismatch',
      'Target.ResponseCodeMismatch',
      'Target.Timeout'
    ])
    expect(r.targets.targetGroups['payments-tg']).toMatchObject({
      status: 'healthy',
      healthy: 1,
      initial: 1
    })
    expect(r.findings.map(f => f.title)).toEqual(
      expect.arrayContaining([
        'checkout: 0/3 targets healthy',
        'search: unhealthy (2/2 running)',
        'payments: degraded (1/3 running)'
      ])
    )
    c.ecs.destroy()
    c.elbv2.destroy()
  })

  it('reads only the target groups attached to the checked services', async () => {
    const c = clientsFor(sim)
    await runHealth(settings(), { clients: c })
    const reqs = sim.requests()
    const healthArns = reqs
      .filter(q => q.operation === 'DescribeTargetHealth')
      .map(q => JSON.stringify(q.params))
    expect(healthArns).toHaveLength(5)
    expect(healthArns.join()).not.toContain('legacy-tg')
    const groupReqs = reqs
      .filter(q => q.operation === 'DescribeTargetGroups')
      .map(q => JSON.stringify(q.params))
    expect(groupReqs).toHaveLength(1)
    expect(groupReqs[0]).not.toContain('legacy-tg')
    expect(groupReqs[0]).toContain('TargetGroupArns')
    c.ecs.destroy()
    c.elbv2.destroy()
  })

  it('reports AccessDenied on DescribeTargetHealth in that check, naming the permission, the rest intact', async () => {
    const c = clientsFor(sim)
    const clean = await runHealth(settings(), { clients: c })
    sim.setFaults({ operations: { DescribeTargetHealth: { accessDenied: true } } })
    const r = await runHealth(settings(), { clients: c })
    expect(r.targets.status).toBe('error')
    expect(r.targets.error?.permission).toBe('elasticloadbalancing:DescribeTargetHealth')
    expect(r.targets.error?.message).toMatch(
      /lack the IAM permission elasticloadbalancing:DescribeTargetHealth/
    )
    for (const g of Object.values(r.targets.targetGroups)) expect(g.status).toBe('error')
    expect(r.services).toEqual(clean.services)
    expect(
      r.findings.some(f => f.check === 'alb_targets' && /DescribeTargetHealth/.test(f.message))
    ).toBe(true)
    c.ecs.destroy()
    c.elbv2.destroy()
  })

  it('reports AccessDenied on ListServices in the services check and skips the targets', async () => {
    const c = clientsFor(sim)
    sim.setFaults({ operations: { ListServices: { accessDenied: true } } })
    const r = await runHealth(settings(), { clients: c })
    expect(r.services.status).toBe('error')
    expect(r.services.error?.permission).toBe('ecs:ListServices')
    expect(r.targets.status).toBe('skipped')
    expect(r.overall).toBe('degraded')
    c.ecs.destroy()
    c.elbv2.destroy()
  })

  it('gives the same report under 30% throttling as without faults', async () => {
    const c = clientsFor(sim, 10)
    const clean = await runHealth(settings(), { clients: c })
    sim.setFaults({ seed: 7, default: { throttleRate: 0.3 } })
    const throttled = await runHealth(settings(), { clients: c })
    expect(stable(throttled)).toEqual(stable(clean))
    const total = Object.values(sim.counts()).reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThan(2 * 9) // retries happened: more requests than the clean run's
    c.ecs.destroy()
    c.elbv2.destroy()
  })

  it('says which services ECS does not know (MISSING)', async () => {
    const c = clientsFor(sim)
    const r = await runHealth(settings({ services: ['web', 'ghost'] }), { clients: c })
    expect(r.services.services.ghost).toMatchObject({ health: 'failed', status: 'MISSING' })
    expect(r.services.services.web?.health).toBe('healthy')
    expect(sim.counts().ListServices ?? 0).toBe(0)
    c.ecs.destroy()
    c.elbv2.destroy()
  })

  it('ends the run with FatalError when the cluster does not exist', async () => {
    const c = clientsFor(sim)
    await expect(runHealth(settings({ cluster: 'nope' }), { clients: c })).rejects.toThrow(
      FatalError
    )
    await expect(
      runHealth(settings({ cluster: 'nope', services: ['web'] }), { clients: c })
    ).rejects.toThrow(/cluster 'nope' was not found/)
    c.ecs.destroy()
    c.elbv2.destroy()
  })
})

describe('paging and batching', () => {
  it('lists 25 services in one page of 100 and describes them in 3 calls', async () => {
    const sim = await startSimulator({ scenario: manyServices(25) })
    const c = clientsFor(sim)
    try {
      const r = await runHealth(settings(), { clients: c })
      expect(Object.keys(r.services.services)).toHaveLength(25)
      expect(sim.counts()).toMatchObject({
        ListServices: 1,
        DescribeServices: 3,
        DescribeTargetGroups: 2,
        DescribeTargetHealth: 25
      })
      expect(r.overall).toBe('healthy')
    } finally {
      c.ecs.destroy()
      c.elbv2.destroy()
      await sim.close()
    }
  })

  it('reads every ListServices page for 250 services', async () => {
    const sim = await startSimulator({ scenario: manyServices(250) })
    const c = clientsFor(sim)
    try {
      const r = await runHealth(settings(), { clients: c })
      expect(Object.keys(r.services.services)).toHaveLength(250)
      expect(sim.counts()).toMatchObject({
        ListServices: 3,
        DescribeServices: 25,
        DescribeTargetHealth: 250
      })
      for (const q of sim.requests().filter(x => x.operation === 'DescribeServices')) {
        expect((q.params as { services: string[] }).services.length).toBeLessThanOrEqual(10)
      }
    } finally {
      c.ecs.destroy()
      c.elbv2.destroy()
      await sim.close()
    }
  })

  it('makes no ELBv2 call for services without load balancers', async () => {
    const sim = await startSimulator({
      scenario: {
        clusters: [
          {
            name: 'prod',
            services: [
              { name: 'worker', desiredCount: 2 },
              { name: 'cron', desiredCount: 1 }
            ]
          }
        ]
      }
    })
    const c = clientsFor(sim)
    try {
      const r = await runHealth(settings(), { clients: c })
      expect(r.targets).toEqual({ status: 'healthy', targetGroups: {}, issues: [] })
      expect(sim.counts().DescribeTargetGroups ?? 0).toBe(0)
      expect(sim.counts().DescribeTargetHealth ?? 0).toBe(0)
    } finally {
      c.ecs.destroy()
      c.elbv2.destroy()
      await sim.close()
    }
  })
})
