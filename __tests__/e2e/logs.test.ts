/** Log reading and diagnosis end to end: the real SDK against the simulator. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { ECSClient } from '@aws-sdk/client-ecs'
import path from 'node:path'
import { analyzeService, type LogsSettings } from '../../src/logs/read/services.js'
import { diagnoseServices, EarlyAnalyses } from '../../src/pipeline/diagnose.js'
import { windowOf } from '../../src/logs/read/services.js'
import { startSimulator, type Scenario, type Simulator } from '../../sim/index.js'
import { ROOT } from '../../sim/runner.js'

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

function clientsFor(sim: Simulator) {
  const common = { region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts: 3 }
  return { ecs: new ECSClient(common), logs: new CloudWatchLogsClient(common) }
}

function settings(over: Partial<LogsSettings> = {}): LogsSettings {
  return {
    cluster: 'prod',
    logPattern: '/ecs/{service}',
    minutes: 60,
    limit: 200,
    concurrency: 4,
    ...over
  }
}

const volume = (paging: Record<string, number> = {}): Scenario => ({
  clusters: [{ name: 'prod', services: [{ name: 'api', desiredCount: 2 }] }],
  logGroups: [
    {
      name: '/ecs/api',
      generate: [{ kind: 'access', count: 25_000, minutes: 50, errorRate: 0.02, streams: 3 }],
      paging
    }
  ]
})

describe('reading every page up to the limit', () => {
  it('stops at the limit with the fewest pages, and says it was truncated', async () => {
    const sim = await startSimulator({ scenario: volume() })
    const c = clientsFor(sim)
    try {
      const a = await analyzeService({ clients: c }, settings({ limit: 12_000 }), 'api', {
        withTasks: false
      })
      expect(a.eventsRead).toBe(12_000)
      expect(a.truncated).toBe(true)
      // Pages end at 10,000 events or about 1 MB; each request asks only for what is left.
      const limits = sim
        .requests()
        .filter(r => r.operation === 'FilterLogEvents')
        .map(r => (r.params as { limit: number }).limit)
      expect(limits[0]).toBe(10_000)
      expect(limits.length).toBeLessThanOrEqual(3)
      expect(limits.at(-1)).toBeLessThan(10_000)
    } finally {
      c.ecs.destroy()
      c.logs.destroy()
      await sim.close()
    }
  })

  it('reads all pages, empty ones included, when the limit is above the volume', async () => {
    const sim = await startSimulator({ scenario: volume({ sliceMs: 5 * 60_000 }) })
    const c = clientsFor(sim)
    try {
      const a = await analyzeService({ clients: c }, settings({ limit: 1_000_000 }), 'api', {
        withTasks: false
      })
      expect(a.eventsRead).toBe(25_000)
      expect(a.truncated).toBe(false)
      expect(a.streams).toBe(3)
      expect(sim.counts().FilterLogEvents).toBeGreaterThanOrEqual(10)
      expect(a.http.total + a.http.healthChecks).toBe(25_000)
      expect(a.http.errors5xx).toBeGreaterThan(0)
      expect(a.categories.http_5xx).toBe(a.http.errors5xx)
    } finally {
      c.ecs.destroy()
      c.logs.destroy()
      await sim.close()
    }
  })
})

describe('demo incident scenario', () => {
  let sim: Simulator
  let c: ReturnType<typeof clientsFor>
  beforeAll(async () => {
    sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
    c = clientsFor(sim)
  })
  afterAll(async () => {
    c.ecs.destroy()
    c.logs.destroy()
    await sim.close()
  })

  it('names OOM for payments from stopped tasks and logs', async () => {
    const [p] = await diagnoseServices(settings(), c, ['payments'])
    expect(p?.analysis.status).toBe('critical')
    expect(p?.analysis.stoppedTasks.map(t => t.cause)).toEqual(['oom', 'oom'])
    expect(p?.diagnosis.cause).toBe('oom')
    expect(p?.diagnosis.verdict).toMatch(
      /^OOM: container killed at its memory limit \(exit 137\), 2 tasks in 60 min; .*OutOfMemoryError.* in logs/
    )
    expect(p?.analysis.categories.oom).toBe(5)
    expect(p?.analysis.logRestarts.startups).toBe(5)
  })

  it('names the dependency behind the failing health checks of checkout, then the chain', async () => {
    const [co] = await diagnoseServices(settings(), c, ['checkout'])
    // The health checks fail because Redis is down: the cause is Redis, not the health checks.
    expect(co?.diagnosis.cause).toBe('dependency')
    expect(co?.diagnosis.dependency).toBe('redis-cart.internal:6379')
    expect(co?.diagnosis.verdict).toMatch(
      /^Cannot reach redis-cart\.internal:6379 \(Connection refused, 13×\); HTTP 5xx/
    )
    expect(co?.diagnosis.chain?.slice(-2)).toEqual([
      'load-balancer health checks fail',
      '3 tasks replaced'
    ])
    expect(co?.diagnosis.next[0]).toMatch(/^Check redis-cart\.internal:6379 first/)
    expect(co?.analysis.categories.connection_error).toBe(13)
    expect(co?.analysis.http.healthChecks).toBe(13)
    expect(co?.analysis.errors[0]?.text).toMatch(/Connection refused/i)
    expect(co?.analysis.errors[0]?.count).toBe(13)
  })

  it('names the image that cannot be pulled for search', async () => {
    const [s] = await diagnoseServices(settings(), c, ['search'])
    expect(s?.diagnosis.cause).toBe('image_pull')
    expect(s?.diagnosis.verdict).toMatch(/CannotPullContainerError/)
  })

  it('picks up analyses started early instead of reading the services again', async () => {
    const now = new Date()
    const services = ['payments', 'checkout', 'search']
    const plain = await diagnoseServices(settings(), c, services, { now: () => now })
    sim.resetCounts()
    const early = new EarlyAnalyses(settings(), c, windowOf(60, now))
    early.start(['payments', 'checkout'])
    early.start(['payments']) // started once only
    const got = await diagnoseServices(settings(), c, services, { now: () => now, early })
    expect(got).toEqual(plain)
    // One log group read each; the stopped tasks of the first two in one batch, the third alone.
    expect(sim.counts().FilterLogEvents).toBe(3)
  })

  it('reports a missing log group as no_logs', async () => {
    const [n] = await diagnoseServices(settings(), c, ['admin'])
    expect(n?.analysis.status).toBe('no_logs')
    expect(n?.analysis.error).toBeUndefined()
  })

  it('reports AccessDenied on FilterLogEvents in that service, naming the permission', async () => {
    sim.setFaults({ operations: { FilterLogEvents: { accessDenied: true } } })
    try {
      const [p] = await diagnoseServices(settings(), c, ['payments'])
      expect(p?.analysis.status).toBe('error')
      expect(p?.analysis.error?.permission).toBe('logs:FilterLogEvents')
      expect(p?.analysis.stoppedTasks).toHaveLength(2)
    } finally {
      sim.setFaults({})
    }
  })

  it('reports AccessDenied on ListTasks beside an intact log analysis', async () => {
    sim.setFaults({ operations: { ListTasks: { accessDenied: true } } })
    try {
      const [p] = await diagnoseServices(settings(), c, ['payments'])
      expect(p?.analysis.tasksError?.permission).toBe('ecs:ListTasks')
      expect(p?.analysis.categories.oom).toBe(5)
      expect(p?.diagnosis.cause).toBe('oom')
    } finally {
      sim.setFaults({})
    }
  })
})
