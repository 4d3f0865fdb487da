/**
 * The Logs Insights engine end to end: the real SDK against the simulator. The same scenario read
 * with FilterLogEvents and with Insights gives the same analyses; Insights does it with a few
 * queries per 50 log groups and no FilterLogEvents; batches, missing log groups, the limit, the
 * account's concurrent-query limit and AccessDenied behave as documented.
 */
import { describe, expect, it } from '@jest/globals'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { ECSClient } from '@aws-sdk/client-ecs'
import path from 'node:path'
import type { ServiceLogAnalysis } from '../../src/logs/analyze.js'
import {
  analyzeServices,
  windowOf,
  type LogsDeps,
  type LogsSettings
} from '../../src/logs/read/services.js'
import {
  startSimulator,
  type GeneratorSpec,
  type InsightsOptions,
  type Scenario,
  type Simulator
} from '../../sim/index.js'
import { ROOT } from '../../sim/runner.js'

const NOW = Date.parse('2026-11-25T12:00:00.000Z')
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

interface Run {
  sim: Simulator
  deps: LogsDeps
  /** Rows returned by completed detail queries (what crossed the wire besides counts). */
  detailRows: () => number
  stop(): Promise<void>
}

async function start(
  scenario: Scenario | string,
  insights?: InsightsOptions,
  maxAttempts = 2
): Promise<Run> {
  const sim = await startSimulator({ scenario, now: () => NOW, ...(insights ? { insights } : {}) })
  const common = { region: 'us-east-1', endpoint: sim.url, credentials, maxAttempts }
  const ecs = new ECSClient(common)
  const logs = new CloudWatchLogsClient(common)
  // Count the rows of the detail queries' final results, as they arrive.
  const detailIds = new Set<string>()
  let rows = 0
  logs.middlewareStack.add(
    next => async args => {
      const r = await next(args)
      const input = args.input as { queryString?: string; queryId?: string }
      const output = r.output as { queryId?: string; status?: string; results?: unknown[] }
      if (input.queryString?.includes('sort @timestamp') && output.queryId)
        detailIds.add(output.queryId)
      if (input.queryId && detailIds.has(input.queryId) && output.status === 'Complete')
        rows += output.results?.length ?? 0
      return r
    },
    { step: 'initialize' }
  )
  return {
    sim,
    deps: {
      clients: { ecs, logs },
      now: () => new Date(NOW),
      sleep: () => new Promise(resolve => setTimeout(resolve, 1))
    },
    detailRows: () => rows,
    async stop() {
      ecs.destroy()
      logs.destroy()
      await sim.close()
    }
  }
}

function settings(over: Partial<LogsSettings> = {}): LogsSettings {
  return {
    cluster: 'prod',
    logPattern: '/ecs/{service}',
    minutes: 60,
    limit: 1_000_000,
    concurrency: 8,
    ...over
  }
}

const servicesOf = (sim: Simulator): string[] =>
  sim.scenario.clusters.flatMap(c => c.services.map(s => s.name))

/** An analysis without the name of the engine that produced it (the figures are compared). */
function withoutEngine(a: ServiceLogAnalysis): ServiceLogAnalysis {
  const { engine: _engine, ...rest } = a
  return rest
}

/**
 * Both engines over the same services, without the engine's name (each is checked to name
 * itself); the request counts of the Insights read.
 */
async function both(
  r: Run,
  services: string[],
  over: Partial<LogsSettings> = {}
): Promise<{
  filter: ServiceLogAnalysis[]
  insights: ServiceLogAnalysis[]
  counts: Record<string, number>
}> {
  const window = windowOf(60, new Date(NOW))
  const filter = await analyzeServices(
    r.deps,
    settings({ ...over, logEngine: 'filter' }),
    services,
    {
      withTasks: true,
      window
    }
  )
  r.sim.resetCounts()
  const insights = await analyzeServices(
    r.deps,
    settings({ ...over, logEngine: 'insights' }),
    services,
    { withTasks: true, window }
  )
  expect(filter.map(a => a.engine)).toEqual(filter.map(() => 'filter'))
  expect(insights.map(a => a.engine)).toEqual(
    insights.map(a => (a.fallback ? 'filter' : 'insights'))
  )
  return {
    filter: filter.map(withoutEngine),
    insights: insights.map(withoutEngine),
    counts: r.sim.counts()
  }
}

const queriesPerBatch = (groups: number): number => Math.ceil(groups / 50) * 3

/** StartQuery requests that failed (a missing log group, the concurrency limit, faults). */
const failedStarts = (sim: Simulator): number =>
  sim.requests().filter(q => q.operation === 'StartQuery' && q.error !== undefined).length

describe('the same analyses from both engines', () => {
  it('on the demo incident (14 services, 9 without a log group)', async () => {
    const r = await start(path.join(ROOT, 'sim/scenarios/demo-incident.json'))
    try {
      const services = servicesOf(r.sim)
      const { filter, insights, counts } = await both(r, services)
      expect(insights).toEqual(filter)
      // Missing log groups are no_logs (or what the stopped tasks say), not errors.
      const byName = new Map(insights.map(a => [a.service, a]))
      expect(byName.get('admin')?.eventsRead).toBe(0)
      expect(byName.get('admin')?.error).toBeUndefined()
      expect(byName.get('payments')?.status).toBe('critical')
      expect(insights.filter(a => a.eventsRead > 0)).toHaveLength(5)
      expect(counts.FilterLogEvents).toBeUndefined()
      // One DescribeLogGroups finds the 9 missing log groups, so the 3 queries name only the 5
      // that exist and no start fails.
      expect(counts.DescribeLogGroups).toBe(1)
      expect(counts.StartQuery).toBe(queriesPerBatch(5))
      expect(failedStarts(r.sim)).toBe(0)
      const [check] = r.sim.requests().filter(q => q.operation === 'DescribeLogGroups')
      expect((check?.params as { logGroupIdentifiers: string[] }).logGroupIdentifiers).toEqual(
        services.map(s => `/ecs/${s}`)
      )
      // The access lines of web and search and most of api's JSON were counted server-side.
      const events = insights.reduce((n, a) => n + a.eventsRead, 0)
      expect(r.detailRows()).toBeLessThan(events / 2)
    } finally {
      await r.stop()
    }
  })

  it.each([
    ['denied', { accessDenied: true }],
    ['failing', { errorRate: 1 }]
  ] as const)(
    'on the demo incident with DescribeLogGroups %s: the same, by splitting, and no error',
    async (_, fault) => {
      const r = await start(path.join(ROOT, 'sim/scenarios/demo-incident.json'))
      try {
        r.sim.setFaults({ operations: { DescribeLogGroups: fault } })
        const services = servicesOf(r.sim)
        const { filter, insights, counts } = await both(r, services)
        // The check's failure is not reported: the policy without the permission keeps working.
        expect(insights).toEqual(filter)
        expect(insights.filter(a => a.error)).toEqual([])
        expect(counts.DescribeLogGroups).toBeGreaterThanOrEqual(1)
        // The halvings that find the 9 missing log groups among 14, each a StartQuery that fails
        // at once, scanning nothing.
        expect(failedStarts(r.sim)).toBeGreaterThan(0)
        expect(counts.StartQuery).toBeGreaterThan(queriesPerBatch(5))
        expect(counts.StartQuery).toBeLessThanOrEqual(3 + 2 * 14)
      } finally {
        await r.stop()
      }
    }
  )

  it('on the basic scenario', async () => {
    const r = await start(path.join(ROOT, 'sim/scenarios/basic.json'))
    try {
      const { filter, insights, counts } = await both(r, ['api', 'worker', 'batch'])
      expect(insights).toEqual(filter)
      expect(insights[0]?.http.total).toBeGreaterThan(1000)
      expect(counts.DescribeLogGroups).toBe(1)
      expect(counts.StartQuery).toBe(queriesPerBatch(3))
      // Only a group Insights counts no events in is confirmed, with one FilterLogEvents read.
      const empty = insights.filter(a => a.eventsRead === 0 && a.status === 'no_logs').length
      expect(counts.FilterLogEvents ?? 0).toBe(empty)
    } finally {
      await r.stop()
    }
  })

  it('on every generator format and style, with traces, health checks and restarts', async () => {
    const gen = (o: Partial<GeneratorSpec> & Pick<GeneratorSpec, 'kind'>): GeneratorSpec => ({
      count: 1500,
      minutes: 55,
      streams: 3,
      ...o
    })
    const scenario: Scenario = {
      clusters: [
        {
          name: 'prod',
          services: ['nginx', 'gin', 'jsonaccess', 'java', 'python', 'node', 'go', 'json'].map(
            name => ({ name, desiredCount: 1 })
          )
        }
      ],
      logGroups: [
        {
          name: '/ecs/nginx',
          generate: [gen({ kind: 'access', format: 'nginx', errorRate: 0.05 })]
        },
        { name: '/ecs/gin', generate: [gen({ kind: 'access', format: 'gin', errorRate: 0.05 })] },
        {
          name: '/ecs/jsonaccess',
          generate: [
            gen({ kind: 'access', format: 'json', errorRate: 0.05 }),
            gen({ kind: 'app', style: 'json', errorRate: 0.1, severeRate: 0.01 })
          ]
        },
        ...['java', 'python', 'node', 'go'].map(style => ({
          name: `/ecs/${style}`,
          generate: [
            gen({
              kind: 'app',
              style: style as GeneratorSpec['style'],
              errorRate: 0.1,
              severeRate: 0.02
            }),
            gen({ kind: 'access', errorRate: 0.02, count: 800 })
          ]
        })),
        {
          name: '/ecs/json',
          streams: [
            {
              name: 'main',
              events: [
                { t: '-50m', message: 'Started Application in 4.2 seconds' },
                { t: '-40m', message: 'Received SIGTERM, shutting down gracefully' },
                { t: '-39m', message: 'java.lang.IllegalStateException: boom' },
                { t: '-39m', message: '\tat com.x.A.b(A.java:1)' },
                {
                  t: '-30m',
                  message:
                    '10.0.0.1 - - [25/Nov/2026:11:30:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"'
                }
              ]
            }
          ]
        }
      ]
    }
    const r = await start(scenario)
    try {
      const services = servicesOf(r.sim)
      const { filter, insights, counts } = await both(r, services)
      expect(insights).toEqual(filter)
      expect(insights.every(a => a.eventsRead > 0 && !a.truncated)).toBe(true)
      expect(
        insights.some(a => a.categories.oom + a.categories.panic + a.categories.fatal > 0)
      ).toBe(true)
      expect(counts.StartQuery).toBe(queriesPerBatch(8))
      const events = insights.reduce((n, a) => n + a.eventsRead, 0)
      expect(r.detailRows()).toBeLessThan(events)
    } finally {
      await r.stop()
    }
  })
})

describe('more than 50 log groups', () => {
  it('splits them into queries of at most 50, with auto choosing Insights', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `svc${String(i).padStart(2, '0')}`)
    const scenario: Scenario = {
      clusters: [{ name: 'prod', services: names.map(name => ({ name, desiredCount: 1 })) }],
      logGroups: names.map((name, i) => ({
        name: `/ecs/${name}`,
        generate: [
          { kind: 'access', count: 60, minutes: 50, errorRate: 0.1, seed: i },
          { kind: 'app', count: 40, minutes: 50, errorRate: 0.2, style: 'python', seed: i }
        ]
      }))
    }
    const r = await start(scenario)
    try {
      const { filter, insights, counts } = await both(r, names, { logEngine: 'auto' })
      expect(insights).toEqual(filter)
      expect(counts.DescribeLogGroups).toBe(Math.ceil(60 / 50))
      expect(counts.StartQuery).toBe(queriesPerBatch(60))
      const groupsPerQuery = r.sim
        .requests()
        .filter(q => q.operation === 'StartQuery')
        .map(q => (q.params as { logGroupNames: string[] }).logGroupNames.length)
        .sort((a, b) => a - b)
      expect(groupsPerQuery).toEqual([10, 10, 10, 50, 50, 50])
      // auto: 60 services × 60 minutes is above the threshold.
      r.sim.resetCounts()
      await analyzeServices(r.deps, settings({ logEngine: 'auto' }), names, { withTasks: false })
      expect(r.sim.counts().FilterLogEvents).toBeUndefined()
      r.sim.resetCounts()
      await analyzeServices(r.deps, settings({ logEngine: 'auto' }), names.slice(0, 3), {
        withTasks: false
      })
      expect(r.sim.counts().StartQuery).toBeUndefined()
      expect(r.sim.counts().DescribeLogGroups).toBeUndefined()
      expect(r.sim.counts().FilterLogEvents).toBe(3)
    } finally {
      await r.stop()
    }
  })
})

describe('limits and failures', () => {
  const scenario: Scenario = {
    clusters: [
      {
        name: 'prod',
        services: [
          {
            name: 'api',
            desiredCount: 2,
            tasks: [
              {
                lastStatus: 'STOPPED',
                stoppedAt: '-10m',
                stoppedReason: 'Essential container in task exited',
                containers: [{ name: 'api', exitCode: 137, reason: 'OutOfMemoryError' }]
              }
            ]
          },
          { name: 'web', desiredCount: 1 },
          { name: 'ghost', desiredCount: 1 }
        ]
      }
    ],
    logGroups: [
      {
        name: '/ecs/api',
        generate: [
          { kind: 'access', count: 2000, minutes: 50, errorRate: 0.05 },
          { kind: 'app', count: 400, minutes: 50, errorRate: 0.3, style: 'go' }
        ]
      },
      {
        name: '/ecs/web',
        generate: [{ kind: 'access', count: 500, minutes: 50, healthCheckRate: 0 }]
      }
    ]
  }

  it('fetches at most `limit` detailed events per service and counts every plain request', async () => {
    const r = await start(scenario)
    try {
      const window = windowOf(60, new Date(NOW))
      const services = ['api', 'web', 'ghost']
      const full = (
        await analyzeServices(r.deps, settings({ logEngine: 'filter' }), services, {
          withTasks: false,
          window
        })
      ).map(withoutEngine)
      const { filter, insights } = await both(r, services, { limit: 50 })
      const [api, web, ghost] = insights
      // api: its first 50 other events, and every plain request of the window.
      expect(api?.truncated).toBe(true)
      expect(api?.eventsRead).toBe(plainOf(full[0]) + 50)
      expect(plainOf(api)).toBe(plainOf(full[0]))
      // web has fewer than 50 other events: complete.
      expect(web?.truncated).toBe(false)
      expect(web).toEqual({ ...full[1], stoppedTasks: [] })
      expect(ghost?.status).toBe('no_logs')
      // FilterLogEvents stops after 50 events of any kind.
      expect(filter.map(a => [a.eventsRead, a.truncated])).toEqual([
        [50, true],
        [50, true],
        [0, false]
      ])
    } finally {
      await r.stop()
    }
  })

  it('waits for a free query slot when the account is at its concurrent-query limit', async () => {
    const r = await start(scenario, { maxConcurrentQueries: 1 })
    try {
      const { filter, insights, counts } = await both(r, ['api', 'web', 'ghost'])
      expect(insights).toEqual(filter)
      const limited = r.sim.requests().filter(q => q.error === 'LimitExceededException')
      expect(limited.length).toBeGreaterThan(0)
      expect(counts.StartQuery).toBeGreaterThan(queriesPerBatch(3))
    } finally {
      await r.stop()
    }
  })

  it('gives the same analyses through throttling, 5xx and resets (the SDK retries)', async () => {
    const r = await start(scenario, undefined, 6)
    try {
      const window = windowOf(60, new Date(NOW))
      const services = ['api', 'web', 'ghost']
      const clean = await analyzeServices(r.deps, settings({ logEngine: 'insights' }), services, {
        withTasks: false,
        window
      })
      r.sim.setFaults({
        seed: 7,
        operations: {
          StartQuery: { throttleFirst: 2, errorFirst: 1 },
          GetQueryResults: { throttleFirst: 2, errorFirst: 1, resetRate: 0.1 },
          StopQuery: { errorRate: 0.5 }
        }
      })
      r.sim.resetCounts()
      const faulted = await analyzeServices(r.deps, settings({ logEngine: 'insights' }), services, {
        withTasks: false,
        window
      })
      expect(faulted).toEqual(clean)
      expect(r.sim.requests().some(q => q.error !== undefined)).toBe(true)
    } finally {
      await r.stop()
    }
  })

  it('reports AccessDenied on StartQuery in each service, naming logs:StartQuery', async () => {
    const r = await start(scenario)
    r.sim.setFaults({ operations: { StartQuery: { accessDenied: true } } })
    try {
      const a = await analyzeServices(
        r.deps,
        settings({ logEngine: 'insights' }),
        ['api', 'web', 'ghost'],
        { withTasks: true, window: windowOf(60, new Date(NOW)) }
      )
      // ghost has no log group (DescribeLogGroups says so): no_logs, as with FilterLogEvents.
      expect(a[2]?.status).toBe('no_logs')
      expect(a[2]?.error).toBeUndefined()
      for (const x of a.slice(0, 2)) {
        expect(x.status).toBe('error')
        expect(x.error?.permission).toBe('logs:StartQuery')
        expect(x.error?.message).toMatch(
          new RegExp(`StartQuery on log group /ecs/${x.service} was denied`)
        )
      }
      // The rest of the report stands: the stopped tasks come from ECS.
      expect(a[0]?.stoppedTasks).toHaveLength(1)
      expect(a[0]?.stoppedTasks[0]?.cause).toBe('oom')
    } finally {
      await r.stop()
    }
  })

  it('reports AccessDenied on GetQueryResults naming it, and stops nothing it cannot', async () => {
    const r = await start(scenario)
    r.sim.setFaults({ operations: { GetQueryResults: { accessDenied: true } } })
    try {
      const a = await analyzeServices(r.deps, settings({ logEngine: 'insights' }), ['api', 'web'], {
        withTasks: false,
        window: windowOf(60, new Date(NOW))
      })
      expect(a.map(x => x.error?.permission)).toEqual([
        'logs:GetQueryResults',
        'logs:GetQueryResults'
      ])
      // Each query given up is stopped, so it does not hold one of the account's slots.
      expect(r.sim.counts().StopQuery).toBe(r.sim.counts().StartQuery)
    } finally {
      await r.stop()
    }
  })
})

/**
 * Requests of an analysis that are plain lines in these scenarios: generated nginx access lines
 * with a status 1xx–4xx except 401/403 (health checks are not in `byStatus`).
 */
function plainOf(a: ServiceLogAnalysis | undefined): number {
  if (!a) return 0
  return Object.entries(a.http.byStatus)
    .filter(([s]) => Number(s) < 500 && s !== '401' && s !== '403')
    .reduce((n, [, c]) => n + c, 0)
}

describe('an Insights whose answers differ from ours is not trusted', () => {
  /** The analyses without what only says how they were read. */
  const figures = (list: ServiceLogAnalysis[]): ServiceLogAnalysis[] =>
    list.map(a => {
      const { fallback: _fallback, ...rest } = a
      return rest
    })

  it.each([
    ['answers empty', { answers: 'empty' }, 'empty'],
    ['answers with half the rows', { answers: 'partial' }, undefined],
    ['refuses the query', { rejectQueries: 'MalformedQueryException' }, 'rejected']
  ] as [string, InsightsOptions, string | undefined][])(
    'yields the FilterLogEvents report when Insights %s',
    async (_name, insightsOpts, reason) => {
      const r = await start(path.join(ROOT, 'sim/scenarios/demo-incident.json'), insightsOpts)
      try {
        const services = servicesOf(r.sim)
        const { filter, insights, counts } = await both(r, services)
        expect(figures(insights)).toEqual(filter)
        const withLogs = insights.filter(a => a.eventsRead > 0)
        expect(withLogs.length).toBeGreaterThan(0)
        for (const a of withLogs) {
          expect(a.fallback).toBeDefined()
          if (reason) expect(a.fallback?.reason).toBe(reason)
        }
        // Log groups with no events anywhere stay no_logs, without a fallback.
        expect(insights.filter(a => a.eventsRead === 0 && a.fallback)).toEqual([])
        if (reason === 'rejected') expect(counts.StartQuery).toBe(1) // once per run, not per batch
      } finally {
        await r.stop()
      }
    }
  )

  it('trusts an exact Insights: no fallback, no FilterLogEvents beyond the empty-group checks', async () => {
    const r = await start(path.join(ROOT, 'sim/scenarios/demo-incident.json'))
    try {
      const { insights } = await both(r, servicesOf(r.sim))
      expect(insights.filter(a => a.fallback)).toEqual([])
    } finally {
      await r.stop()
    }
  })
})
