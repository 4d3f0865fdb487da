/** Logs Insights in the simulator through the real SDK: lifecycle, query subset, limits, faults. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type GetQueryResultsCommandOutput,
  type StartQueryCommandInput
} from '@aws-sdk/client-cloudwatch-logs'
import { startSimulator, type Scenario, type Simulator } from '../../sim/index.js'
import { countsQuery, detailQuery, volumeQuery } from '../../src/logs/insights-queries.js'
import { isPlainRequest } from '../../src/logs/plain-requests.js'
import { clientConfig, errorOf, NOW } from './helpers.js'

const MIN = 60_000
const S = (ms: number): number => Math.floor(ms / 1000)

const scenario: Scenario = {
  accountId: '123456789012',
  logGroups: [
    {
      name: '/ecs/api',
      streams: [
        {
          name: 'a',
          events: [
            { t: '-50m', message: 'INFO starting server on :8080' },
            { t: '-40m', message: 'ERROR payment failed: timeout' },
            {
              t: '-30m',
              message:
                '10.0.0.1 - - [01/Jun/2025:11:30:00 +0000] "GET /api/orders HTTP/1.1" 200 12 "-" "curl/8"'
            },
            { t: '-30m', message: 'same millisecond, second line' }
          ]
        },
        {
          name: 'b',
          events: [
            {
              t: '-20m',
              message:
                '10.0.0.2 - - [01/Jun/2025:11:40:00 +0000] "POST /api/cart HTTP/1.1" 404 9 "-" "curl/8"'
            },
            { t: '-10m', message: 'ERROR db connection refused' }
          ]
        }
      ]
    },
    {
      name: '/ecs/web',
      generate: [{ kind: 'access', count: 3000, minutes: 60, streams: 3, errorRate: 0.05 }]
    },
    ...Array.from({ length: 55 }, (_, i) => ({ name: `/ecs/g${i}` }))
  ]
}

let sim: Simulator
let logs: CloudWatchLogsClient

beforeAll(async () => {
  sim = await startSimulator({
    scenario,
    now: () => NOW,
    insights: { maxConcurrentQueries: 3, pollsToComplete: 3 }
  })
  logs = new CloudWatchLogsClient(clientConfig(sim))
})
afterAll(async () => {
  logs.destroy()
  await sim.close()
})

const window = { startTime: S(NOW - 60 * MIN), endTime: S(NOW) }

async function start(input: Partial<StartQueryCommandInput>): Promise<string> {
  const out = await logs.send(
    new StartQueryCommand({ logGroupNames: ['/ecs/api'], queryString: '', ...window, ...input })
  )
  return out.queryId as string
}

async function poll(queryId: string): Promise<GetQueryResultsCommandOutput> {
  return logs.send(new GetQueryResultsCommand({ queryId }))
}

async function complete(queryId: string): Promise<GetQueryResultsCommandOutput> {
  for (let i = 0; i < 10; i++) {
    const r = await poll(queryId)
    if (r.status === 'Complete') return r
  }
  throw new Error('query did not complete')
}

type Rows = Array<Record<string, string>>
const records = (r: GetQueryResultsCommandOutput): Rows =>
  (r.results ?? []).map(row => Object.fromEntries(row.map(f => [f.field ?? '', f.value ?? ''])))

async function query(queryString: string, groups = ['/ecs/api'], limit?: number): Promise<Rows> {
  const id = await start({
    logGroupNames: groups,
    queryString,
    ...(limit !== undefined ? { limit } : {})
  })
  return records(await complete(id))
}

describe('query lifecycle', () => {
  it('goes Scheduled → Running (partial results) → Complete over polls', async () => {
    const id = await start({
      logGroupNames: ['/ecs/web'],
      queryString: 'fields @timestamp, @message | sort @timestamp asc | limit 100'
    })
    const p1 = await poll(id)
    expect(p1.status).toBe('Scheduled')
    expect(p1.results).toEqual([])
    const p2 = await poll(id)
    expect(p2.status).toBe('Running')
    expect(p2.results?.length).toBe(50)
    const p3 = await poll(id)
    expect(p3.status).toBe('Complete')
    expect(p3.results).toHaveLength(100)
    const row = p3.results?.[0] ?? []
    expect(row.map(f => f.field)).toEqual(['@timestamp', '@message', '@ptr'])
    expect(row[0]?.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/)
    expect(p3.statistics).toEqual({
      recordsMatched: 3000,
      recordsScanned: 3000,
      bytesScanned: expect.any(Number)
    })
    // A finished query stays Complete.
    expect((await poll(id)).status).toBe('Complete')
  })

  it('runs for wall time when runMs is set, however often it is polled', async () => {
    const timed = await startSimulator({
      scenario,
      now: () => NOW,
      insights: { runMs: 1000, scanMsPer1k: 0 }
    })
    const client = new CloudWatchLogsClient(clientConfig(timed))
    try {
      const { queryId } = await client.send(
        new StartQueryCommand({
          logGroupNames: ['/ecs/web'],
          queryString: 'fields @timestamp, @message | limit 10',
          ...window
        })
      )
      const statuses: string[] = []
      for (let i = 0; i < 5; i++)
        statuses.push((await client.send(new GetQueryResultsCommand({ queryId }))).status ?? '')
      expect(statuses.every(st => st !== 'Complete')).toBe(true)
      await new Promise(resolve => setTimeout(resolve, 1100))
      const done = await client.send(new GetQueryResultsCommand({ queryId }))
      expect(done.status).toBe('Complete')
      expect(done.results).toHaveLength(10)
    } finally {
      client.destroy()
      await timed.close()
    }
  })

  it('stops a running query; stopping one that ended is an error', async () => {
    const id = await start({ queryString: 'fields @message' })
    expect((await logs.send(new StopQueryCommand({ queryId: id }))).success).toBe(true)
    expect((await poll(id)).status).toBe('Cancelled')
    const e = await errorOf(logs.send(new StopQueryCommand({ queryId: id })))
    expect(e.name).toBe('InvalidParameterException')
    expect(e.message).toMatch(/not running/)
  })

  it('knows no unknown query id', async () => {
    const e = await errorOf(poll('0000'))
    expect(e.name).toBe('ResourceNotFoundException')
  })
})

describe('the query subset', () => {
  it('filters by time in ms, sorts ascending with ties in log order, and limits', async () => {
    const rows = await query(
      `filter toMillis(@timestamp) >= ${NOW - 45 * MIN} and toMillis(@timestamp) <= ${NOW - 20 * MIN}` +
        ' | fields @timestamp, @message, @logStream, @log | sort @timestamp asc | limit 10'
    )
    expect(rows.map(r => r['@message'])).toEqual([
      'ERROR payment failed: timeout',
      expect.stringContaining('GET /api/orders'),
      'same millisecond, second line',
      expect.stringContaining('POST /api/cart')
    ])
    expect(rows[0]?.['@log']).toBe('123456789012:/ecs/api')
    expect(rows[0]?.['@logStream']).toBe('a')
    expect(rows[0]?.['@timestamp']).toBe(
      new Date(NOW - 40 * MIN).toISOString().replace('T', ' ').replace('Z', '')
    )
    const two = await query('fields @message | sort @timestamp desc | limit 2')
    expect(two.map(r => r['@message'])).toEqual([
      'ERROR db connection refused',
      expect.stringContaining('POST /api/cart')
    ])
  })

  it('matches like, not like, and, or, not and parentheses', async () => {
    const rows = await query(
      'filter (@message like /ERROR/ or @message like /starting/) and not @message like /refused/' +
        ' and @message not like /^INFO/ | fields @message'
    )
    expect(rows.map(r => r['@message'])).toEqual(['ERROR payment failed: timeout'])
  })

  it('aggregates count, count_distinct, min and max by fields, times as times', async () => {
    const rows = await query(
      'stats count(*) as events, count_distinct(@logStream) as streams, min(@timestamp) as first,' +
        ' max(@timestamp) as last by @log',
      ['/ecs/api', '/ecs/web']
    )
    const api = rows.find(r => r['@log'] === '123456789012:/ecs/api')
    expect(api).toEqual({
      '@log': '123456789012:/ecs/api',
      events: '6',
      streams: '2',
      first: new Date(NOW - 50 * MIN).toISOString().replace('T', ' ').replace('Z', ''),
      last: new Date(NOW - 10 * MIN).toISOString().replace('T', ' ').replace('Z', ''),
      '@ptr': expect.any(String)
    })
    expect(rows.find(r => r['@log'] === '123456789012:/ecs/web')?.events).toBe('3000')
  })

  it('parses named groups into fields that stats can group by', async () => {
    const rows = await query(
      'filter @message like /HTTP/ | parse @message /HTTP\\/[0-9.]+" (?<code>[0-9]{3})/' +
        ' | stats count(*) as n by code'
    )
    expect(rows.map(r => [r.code, r.n]).sort()).toEqual([
      ['200', '1'],
      ['404', '1']
    ])
  })

  it('splits the events exactly between the product’s counts and detail queries', async () => {
    const w = { start: NOW - 60 * MIN, end: NOW }
    const groups = ['/ecs/api', '/ecs/web']
    const volume = await query(volumeQuery(w), groups)
    const counts = await query(countsQuery(w), groups)
    const detail = await query(detailQuery(w, 10_000), groups, 10_000)
    const total = volume.reduce((n, r) => n + Number(r.events), 0)
    const plain = counts.reduce((n, r) => n + Number(r.requests), 0)
    expect(total).toBe(3006)
    expect(plain + detail.length).toBe(total)
    expect(plain).toBeGreaterThan(1000)
    for (const r of detail) expect(isPlainRequest(r['@message'] ?? '')).toBe(false)
    for (const r of counts) expect(r.httpStatus).toMatch(/^[1-4]\d\d$/)
  })

  it('refuses what it does not implement, saying so', async () => {
    for (const [q, msg] of [
      ['fields @message | display @message', /display.*not supported/],
      ['parse @message "* [*]" as a, b', /glob/],
      ['filter @message like /(?=x)/', /lookaround/],
      ['filter @message like /(?i)error/', /inline flags/],
      ['filter @message like /a{1001}/', /1000/],
      ['filter duration / 2 > 1', /division/],
      ['stats avg(duration) by @log', /avg/],
      ['fields @message |', /trailing pipe/],
      ['limit 10001', /limit/]
    ] as const) {
      const e = await errorOf(start({ queryString: q }))
      expect({ q, name: e.name }).toEqual({ q, name: 'MalformedQueryException' })
      expect(e.message).toMatch(msg)
    }
  })
})

describe('limits', () => {
  it('refuses more than 50 log groups, a missing one, and bad parameters', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `/ecs/g${i % 55}`)
    const e1 = await errorOf(start({ logGroupNames: many, queryString: 'fields @message' }))
    expect(e1.name).toBe('InvalidParameterException')
    expect(e1.message).toMatch(/less than or equal to 50/)
    // 50 is fine.
    const id = await start({ logGroupNames: many.slice(0, 50), queryString: 'fields @message' })
    expect((await complete(id)).results).toEqual([])

    const e2 = await errorOf(
      start({ logGroupNames: ['/ecs/api', '/ecs/nope'], queryString: 'fields @message' })
    )
    expect(e2.name).toBe('ResourceNotFoundException')
    expect(e2.message).toMatch(/\/ecs\/nope/)

    const e3 = await errorOf(start({ queryString: 'fields @message', limit: 10_001 }))
    expect(e3.name).toBe('InvalidParameterException')
    const e4 = await errorOf(start({ queryString: `fields @message ${' '.repeat(10_000)}` }))
    expect(e4.name).toBe('InvalidParameterException')
    const e5 = await errorOf(
      start({
        queryString: 'fields @message',
        startTime: window.endTime,
        endTime: window.startTime
      })
    )
    expect(e5.name).toBe('InvalidParameterException')
  })

  it('caps results at the limit parameter and at 10,000 rows', async () => {
    expect(await query('fields @message', ['/ecs/web'], 7)).toHaveLength(7)
    expect(await query('fields @message | limit 5', ['/ecs/web'], 7)).toHaveLength(5)
  })

  it('allows at most the configured concurrent queries; completed and stopped ones free a slot', async () => {
    const ids = [
      await start({ queryString: 'fields @message' }),
      await start({ queryString: 'fields @message' }),
      await start({ queryString: 'fields @message' })
    ]
    const e = await errorOf(start({ queryString: 'fields @message' }))
    expect(e.name).toBe('LimitExceededException')
    await complete(ids[0] as string)
    const next = await start({ queryString: 'fields @message' })
    await errorOf(start({ queryString: 'fields @message' }))
    await logs.send(new StopQueryCommand({ queryId: ids[1] }))
    const after = await start({ queryString: 'fields @message' })
    for (const id of [ids[2], next, after])
      await logs.send(new StopQueryCommand({ queryId: id as string }))
  })

  it('counts requests per operation and applies faults per operation', async () => {
    sim.resetCounts()
    sim.setFaults({ operations: { StartQuery: { accessDenied: true } } })
    try {
      const e = await errorOf(start({ queryString: 'fields @message' }))
      expect(e.name).toBe('AccessDeniedException')
      expect(e.message).toMatch(/logs:StartQuery on resource: arn:aws:logs:.*:log-group:\/ecs\/api/)
    } finally {
      sim.setFaults({})
    }
    const id = await start({ queryString: 'fields @message' })
    await complete(id)
    await errorOf(logs.send(new StopQueryCommand({ queryId: id })))
    expect(sim.counts()).toEqual({ StartQuery: 2, GetQueryResults: 3, StopQuery: 1 })
  })
})
