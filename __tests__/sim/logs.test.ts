import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  type CloudWatchLogsClient,
  type FilterLogEventsCommandInput,
  type FilteredLogEvent
} from '@aws-sdk/client-cloudwatch-logs'
import type { Scenario } from '../../sim/index.js'
import { errorOf, NOW, startWithClients, type Clients } from './helpers.js'

const MIN = 60_000

const scenario: Scenario = {
  logGroups: [
    {
      name: '/ecs/api',
      streams: [
        {
          name: 'ecs/api/aaa',
          events: [
            { t: '-50m', message: 'INFO starting server on :8080' },
            { t: '-40m', message: 'ERROR payment failed: timeout' },
            { t: '-30m', message: 'GET /health 200 ELB-HealthChecker/2.0' },
            { t: '-20m', message: 'ERROR Exception in thread "main" java.lang.OutOfMemoryError' },
            {
              t: '-10m',
              message: '{"level":"error","status":503,"path":"/api/orders","msg":"upstream"}'
            }
          ]
        },
        {
          name: 'ecs/api/bbb',
          events: [
            { t: '-45m', message: 'WARN slow request' },
            { t: '-35m', message: 'ERROR db connection refused' },
            { t: '-5m', message: '{"level":"info","status":200,"path":"/api/orders"}' }
          ]
        }
      ]
    },
    {
      name: '/ecs/big',
      generate: [
        { kind: 'access', count: 30_000, minutes: 60, streams: 3, errorRate: 0.02 },
        { kind: 'app', count: 5_000, minutes: 60, streams: 2, errorRate: 0.05, style: 'java' }
      ]
    },
    {
      name: '/ecs/sliced',
      paging: { sliceMs: 10 * MIN },
      streams: [
        {
          name: 's',
          events: [
            { t: '-55m', message: 'ERROR one' },
            { t: '-52m', message: 'INFO a' },
            { t: '-31m', message: 'INFO b' },
            { t: '-8m', message: 'ERROR two' }
          ]
        }
      ]
    },
    {
      name: '/ecs/scan',
      paging: { scanLimit: 1000 },
      generate: [{ kind: 'lines', count: 5000, minutes: 30, lines: ['tick {n}'], streams: 1 }],
      streams: [{ name: 'x', events: [{ t: '-1m', message: 'needle' }] }]
    },
    ...Array.from({ length: 60 }, (_, i) => ({ name: `/svc/g${String(i).padStart(2, '0')}` }))
  ]
}

async function readAll(
  logs: CloudWatchLogsClient,
  input: FilterLogEventsCommandInput
): Promise<{ events: FilteredLogEvent[]; pages: number[] }> {
  const events: FilteredLogEvent[] = []
  const pages: number[] = []
  let nextToken: string | undefined
  do {
    const r = await logs.send(new FilterLogEventsCommand({ ...input, nextToken }))
    events.push(...(r.events ?? []))
    pages.push(r.events?.length ?? 0)
    nextToken = r.nextToken
  } while (nextToken)
  return { events, pages }
}

describe('CloudWatch Logs through the real SDK', () => {
  let c: Clients
  beforeAll(async () => {
    c = await startWithClients(scenario)
  })
  afterAll(async () => c.stop())

  it('lists log groups by prefix with paging (limit ≤ 50)', async () => {
    const p1 = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/svc/' }))
    expect(p1.logGroups).toHaveLength(50)
    expect(p1.logGroups?.[0]).toMatchObject({
      logGroupName: '/svc/g00',
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/svc/g00:*',
      logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/svc/g00'
    })
    const p2 = await c.logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/svc/', nextToken: p1.nextToken })
    )
    expect(p2.logGroups).toHaveLength(10)
    expect(p2.nextToken).toBeUndefined()
    const e = await errorOf(c.logs.send(new DescribeLogGroupsCommand({ limit: 51 })))
    expect(e.name).toBe('InvalidParameterException')
  })

  it('lists the log groups named by logGroupIdentifiers (1–50 names or ARNs, no other filter)', async () => {
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/svc/g03'
    const r = await c.logs.send(
      new DescribeLogGroupsCommand({
        logGroupIdentifiers: [
          '/svc/g07',
          '/ecs/nope',
          '/ecs/api',
          arn,
          `${arn.replace('03', '04')}:*`
        ]
      })
    )
    // Sorted by name; unknown names are left out without an error.
    expect(r.logGroups?.map(g => g.logGroupName)).toEqual([
      '/ecs/api',
      '/svc/g03',
      '/svc/g04',
      '/svc/g07'
    ])
    expect(r.nextToken).toBeUndefined()
    const none = await c.logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: ['/x'] }))
    expect(none.logGroups).toEqual([])
    // An ARN of another account does not name this account's group.
    const other = await c.logs.send(
      new DescribeLogGroupsCommand({
        logGroupIdentifiers: [arn.replace('123456789012', '1'.repeat(12))]
      })
    )
    expect(other.logGroups).toEqual([])

    const sixty = Array.from({ length: 60 }, (_, i) => `/svc/g${String(i).padStart(2, '0')}`)
    const fifty = await c.logs.send(
      new DescribeLogGroupsCommand({ logGroupIdentifiers: sixty.slice(0, 50) })
    )
    expect(fifty.logGroups).toHaveLength(50)
    const e1 = await errorOf(
      c.logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: sixty }))
    )
    expect(e1.name).toBe('InvalidParameterException')
    expect(e1.message).toMatch(/logGroupIdentifiers.*less than or equal to 50/)
    const e2 = await errorOf(c.logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: [] })))
    expect(e2.name).toBe('InvalidParameterException')
    for (const filter of [{ logGroupNamePrefix: '/svc/' }, { logGroupNamePattern: 'svc' }]) {
      const e = await errorOf(
        c.logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: ['/ecs/api'], ...filter }))
      )
      expect(e.name).toBe('InvalidParameterException')
    }
  })

  it('counts DescribeLogGroups and injects its faults like any operation', async () => {
    c.sim.resetCounts()
    await c.logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: ['/ecs/api'] }))
    expect(c.sim.counts().DescribeLogGroups).toBe(1)
    c.sim.setFaults({ operations: { DescribeLogGroups: { accessDenied: true } } })
    try {
      const e = await errorOf(
        c.logs.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: ['/ecs/api'] }))
      )
      expect(e.name).toBe('AccessDeniedException')
      // As the real one: authorized on no particular log group.
      expect(e.message).toContain(
        'logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:123456789012:log-group::log-stream:'
      )
      c.sim.setFaults({ operations: { DescribeLogGroups: { errorFirst: 1 } } })
      const e2 = await errorOf(c.logs.send(new DescribeLogGroupsCommand({})))
      expect(e2.name).toBe('ServiceUnavailableException')
      expect(c.sim.counts().DescribeLogGroups).toBe(3)
      expect(
        c.sim.requests().filter(q => q.operation === 'DescribeLogGroups' && q.error)
      ).toHaveLength(2)
    } finally {
      c.sim.setFaults({})
    }
  })

  it('filters a time window across streams, interleaved by time', async () => {
    const r = await c.logs.send(
      new FilterLogEventsCommand({
        logGroupName: '/ecs/api',
        startTime: NOW - 45 * MIN,
        endTime: NOW - 20 * MIN
      })
    )
    expect(r.events?.map(e => e.message)).toEqual([
      'WARN slow request',
      'ERROR payment failed: timeout',
      'ERROR db connection refused',
      'GET /health 200 ELB-HealthChecker/2.0',
      'ERROR Exception in thread "main" java.lang.OutOfMemoryError'
    ])
    const first = r.events?.[0]
    expect(first).toMatchObject({ logStreamName: 'ecs/api/bbb', timestamp: NOW - 45 * MIN })
    expect(first?.ingestionTime).toBeGreaterThan(NOW - 45 * MIN)
    expect(first?.eventId).toMatch(/^\d{56}$/)
    expect(r.nextToken).toBeUndefined()
  })

  it('applies filter patterns: terms, phrases, any-of, exclusion, JSON', async () => {
    const run = async (filterPattern: string) =>
      (
        await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/api', filterPattern }))
      ).events?.map(e => e.message) ?? []
    expect(await run('ERROR')).toHaveLength(3)
    expect(await run('ERROR timeout')).toEqual(['ERROR payment failed: timeout'])
    expect(await run('REFUSED')).toEqual([]) // case-sensitive
    expect(await run('"Exception in thread"')).toHaveLength(1)
    expect(await run('?WARN ?refused')).toEqual([
      'WARN slow request',
      'ERROR db connection refused'
    ])
    expect(await run('ERROR -timeout -OutOfMemoryError')).toEqual(['ERROR db connection refused'])
    expect(await run('{ $.level = "error" }')).toHaveLength(1)
    expect(await run('{ $.status >= 500 && $.path = "/api/*" }')).toHaveLength(1)
    expect(await run('{ $.status = 200 || $.status = 503 }')).toHaveLength(2)
    expect(await run('%refused|timeout%')).toHaveLength(2)
    const e = await errorOf(
      c.logs.send(
        new FilterLogEventsCommand({ logGroupName: '/ecs/api', filterPattern: '{ $.a = ' })
      )
    )
    expect(e.name).toBe('InvalidParameterException')
  })

  it('filters by stream names and reads newest first with startFromHead=false', async () => {
    const r = await c.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/api', logStreamNames: ['ecs/api/bbb'] })
    )
    expect(r.events?.map(e => e.logStreamName)).toEqual([
      'ecs/api/bbb',
      'ecs/api/bbb',
      'ecs/api/bbb'
    ])
    const { events } = await readAll(c.logs, {
      logGroupName: '/ecs/api',
      startFromHead: false,
      limit: 3
    })
    expect(events.map(e => e.timestamp)).toEqual(
      [5, 10, 20, 30, 35, 40, 45, 50].map(m => NOW - m * MIN)
    )
  })

  it('pages through generated events: limit, no duplicates, in time order', async () => {
    const { events, pages } = await readAll(c.logs, { logGroupName: '/ecs/big', limit: 3000 })
    expect(events).toHaveLength(35_000)
    expect(pages).toEqual([...Array(11).fill(3000), 2000])
    expect(new Set(events.map(e => e.eventId)).size).toBe(35_000)
    const ordered = events.every(
      (e, i) => i === 0 || (e.timestamp ?? 0) >= (events[i - 1]?.timestamp ?? 0)
    )
    expect(ordered).toBe(true)
    expect(events[0]?.timestamp).toBeGreaterThanOrEqual(NOW - 60 * MIN)
    expect(events[events.length - 1]?.timestamp).toBeLessThan(NOW)
  })

  it('caps a page at about 1 MB of messages', async () => {
    const r = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/big' }))
    const bytes = (r.events ?? []).reduce((n, e) => n + Buffer.byteLength(e.message ?? '') + 26, 0)
    expect(bytes).toBeLessThanOrEqual(1_048_576)
    expect(bytes).toBeGreaterThan(1_000_000)
    expect(r.events?.length).toBeLessThan(10_000)
    expect(r.nextToken).toBeDefined()
  })

  it('returns empty pages with a nextToken when a time slice has no match', async () => {
    const { events, pages } = await readAll(c.logs, {
      logGroupName: '/ecs/sliced',
      filterPattern: 'ERROR'
    })
    expect(events.map(e => e.message)).toEqual(['ERROR one', 'ERROR two'])
    expect(pages.filter(n => n === 0).length).toBeGreaterThanOrEqual(2)
    expect(pages[0]).toBe(1)
  })

  it('returns empty pages with a nextToken when the scan limit is reached', async () => {
    const { events, pages } = await readAll(c.logs, {
      logGroupName: '/ecs/scan',
      filterPattern: 'needle'
    })
    expect(events.map(e => e.message)).toEqual(['needle'])
    // 5001 events, 1000 examined per call: the needle (near the end) comes on the fifth page.
    expect(pages).toEqual([0, 0, 0, 0, 1, 0])
  })

  it('describes log streams', async () => {
    const r = await c.logs.send(
      new DescribeLogStreamsCommand({
        logGroupName: '/ecs/api',
        orderBy: 'LastEventTime',
        descending: true
      })
    )
    expect(r.logStreams?.map(s => s.logStreamName)).toEqual(['ecs/api/bbb', 'ecs/api/aaa'])
    expect(r.logStreams?.[0]?.lastEventTimestamp).toBe(NOW - 5 * MIN)
  })

  it('fails on unknown log groups with ResourceNotFoundException', async () => {
    const e = await errorOf(c.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/none' })))
    expect(e.name).toBe('ResourceNotFoundException')
    expect(e.message).toBe('The specified log group does not exist.')
  })
})
