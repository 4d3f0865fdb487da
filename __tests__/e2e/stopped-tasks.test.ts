/**
 * Stopped tasks of many services read once for the cluster (ListTasks pages of 100, one
 * DescribeTasks per page) give the same result as per-service reads, with fewer requests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { ECSClient } from '@aws-sdk/client-ecs'
import path from 'node:path'
import {
  PER_SERVICE_TASK_READS,
  stoppedTasks,
  stoppedTasksOf,
  type LogsSettings
} from '../../src/logs/read/services.js'
import { startSimulator, type Scenario, type Simulator } from '../../sim/index.js'
import { ROOT } from '../../sim/runner.js'

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

function clientsFor(sim: Simulator) {
  const common = { region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts: 2 }
  return { ecs: new ECSClient(common), logs: new CloudWatchLogsClient(common) }
}

const settings: LogsSettings = {
  cluster: 'prod',
  logPattern: '/ecs/{service}',
  minutes: 60,
  limit: 200,
  concurrency: 8
}

const SINCE = 0
const DEMO_SERVICES = [
  'web',
  'api',
  'checkout',
  'payments',
  'search',
  'reports',
  'auth',
  'catalog',
  'inventory',
  'notifications',
  'recommendations',
  'emails',
  'gateway',
  'admin'
]
const stopped = (n: number) =>
  Array.from({ length: Math.ceil(n / 20) }, (_, i) => ({
    lastStatus: 'STOPPED',
    stoppedAt: `-${i + 1}s`,
    containers: [{ name: 'app', exitCode: 1 }],
    count: Math.min(20, n - i * 20)
  }))

describe('stoppedTasksOf on the demo incident', () => {
  let sim: Simulator
  let c: ReturnType<typeof clientsFor>
  let services: string[]
  beforeAll(async () => {
    sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
    c = clientsFor(sim)
    services = DEMO_SERVICES
  })
  afterAll(async () => {
    c.ecs.destroy()
    c.logs.destroy()
    await sim.close()
  })

  it('matches the per-service reads with one ListTasks and one DescribeTasks', async () => {
    expect(services.length).toBeGreaterThan(PER_SERVICE_TASK_READS)
    const perService = new Map<string, unknown>()
    for (const svc of services) {
      perService.set(svc, await stoppedTasks({ clients: c }, settings, svc, SINCE))
    }
    sim.resetCounts()
    const batched = await stoppedTasksOf({ clients: c }, settings, services, SINCE)
    expect(sim.counts()).toEqual({ ListTasks: 1, DescribeTasks: 1 })
    expect(new Map([...batched].sort())).toEqual(new Map([...perService].sort()))
    const withTasks = [...batched.values()].filter(r => r.tasks.length > 0)
    expect(withTasks.length).toBeGreaterThanOrEqual(2)
  })

  it('reads per service for a few services', async () => {
    sim.resetCounts()
    const r = await stoppedTasksOf({ clients: c }, settings, ['payments'], SINCE)
    expect(r.get('payments')?.tasks.map(t => t.cause)).toEqual(['oom', 'oom'])
    expect(sim.counts()).toEqual({ ListTasks: 1, DescribeTasks: 1 })
  })

  it('reports AccessDenied in every service, naming ecs:ListTasks', async () => {
    sim.setFaults({ operations: { ListTasks: { accessDenied: true } } })
    try {
      sim.resetCounts()
      const r = await stoppedTasksOf({ clients: c }, settings, services, SINCE)
      expect([...r.keys()].sort()).toEqual([...services].sort())
      for (const v of r.values()) expect(v.error?.permission).toBe('ecs:ListTasks')
      // Denied for the cluster is denied for each service: not asked again per service.
      expect(sim.counts()).toEqual({ ListTasks: 1 })
    } finally {
      sim.setFaults({})
    }
  })

  it('reports AccessDenied on DescribeTasks naming ecs:DescribeTasks', async () => {
    sim.setFaults({ operations: { DescribeTasks: { accessDenied: true } } })
    try {
      sim.resetCounts()
      const r = await stoppedTasksOf({ clients: c }, settings, services, SINCE)
      for (const v of r.values()) expect(v.error?.permission).toBe('ecs:DescribeTasks')
      expect(r.get('payments')?.error?.message).toMatch(/cluster prod/)
      expect(sim.counts()).toEqual({ ListTasks: 1, DescribeTasks: 1 })
    } finally {
      sim.setFaults({})
    }
  })
})

describe('stoppedTasksOf on a cluster full of stopped tasks', () => {
  // 6 services, one of them churning: 520 stopped tasks, so 6 pages for the cluster.
  const scenario: Scenario = {
    clusters: [
      {
        name: 'prod',
        services: [
          { name: 'churn', desiredCount: 1, tasks: stopped(520) },
          ...['a', 'b', 'c', 'd', 'e'].map(name => ({ name, desiredCount: 1, tasks: stopped(1) }))
        ]
      }
    ]
  } as unknown as Scenario
  let sim: Simulator
  let c: ReturnType<typeof clientsFor>
  beforeAll(async () => {
    sim = await startSimulator({ scenario })
    c = clientsFor(sim)
  })
  afterAll(async () => {
    c.ecs.destroy()
    c.logs.destroy()
    await sim.close()
  })

  it('reads every page and describes each page once', async () => {
    sim.resetCounts()
    const r = await stoppedTasksOf(
      { clients: c },
      settings,
      ['churn', 'a', 'b', 'c', 'd', 'e'],
      SINCE
    )
    expect(r.get('churn')?.tasks).toHaveLength(520)
    expect(r.get('e')?.tasks).toHaveLength(1)
    expect(sim.counts()).toEqual({ ListTasks: 6, DescribeTasks: 6 })
  })

  it('reads per service for a few services', async () => {
    sim.resetCounts()
    const r = await stoppedTasksOf({ clients: c }, settings, ['a', 'b'], SINCE)
    expect(r.get('a')?.tasks).toHaveLength(1)
    expect(sim.counts()).toEqual({ ListTasks: 2, DescribeTasks: 2 })
  })

  it('gives up the cluster-wide read when it holds more pages than services', async () => {
    const wanted = ['a', 'b', 'c', 'd', 'e']
    sim.resetCounts()
    const r = await stoppedTasksOf({ clients: c }, { ...settings }, wanted, SINCE)
    for (const svc of wanted) expect(r.get(svc)?.tasks).toHaveLength(1)
    // 5 pages read and described, then 5 services read one by one (2 calls each).
    expect(sim.counts()).toEqual({ ListTasks: 10, DescribeTasks: 10 })
  })
})
