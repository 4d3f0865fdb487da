import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  type DescribeLogGroupsCommandInput,
  type ResultField,
  type StartQueryCommandInput
} from '@aws-sdk/client-cloudwatch-logs'
import { mockClient } from 'aws-sdk-client-mock'
import { INSIGHTS_MAX_QUERY_CHARS, type QueryClock } from '../../../src/aws/insights.js'
import { LogAnalyzer } from '../../../src/logs/analyze.js'
import {
  chooseEngine,
  INSIGHTS_AUTO_SERVICES,
  readWithInsights
} from '../../../src/logs/read/insights.js'
import {
  countsQuery,
  detailEventsOf,
  detailQuery,
  groupOfLog,
  insightsTime,
  statusCountsOf,
  volumeOf,
  volumeQuery
} from '../../../src/logs/insights-queries.js'
import {
  PLAIN_REQUEST,
  PLAIN_REQUEST_EXCLUDE,
  PLAIN_STATUS_PARSE
} from '../../../src/logs/plain-requests.js'
import { parseQuery } from '../../../sim/insights-query.js'

const W = { start: 1_764_068_400_123, end: 1_764_072_000_456 }

describe('the queries', () => {
  it('filter the window in ms, then count, split or list', () => {
    const time = `filter toMillis(@timestamp) >= ${W.start} and toMillis(@timestamp) <= ${W.end}`
    expect(volumeQuery(W)).toBe(
      `${time} | stats count(*) as events, count_distinct(@logStream) as streams by @log`
    )
    expect(countsQuery(W)).toBe(
      `${time} | filter @message like /${PLAIN_REQUEST}/ and @message not like /${PLAIN_REQUEST_EXCLUDE}/` +
        ` | parse @message /${PLAIN_STATUS_PARSE}/` +
        ' | stats count(*) as requests, min(@timestamp) as first, max(@timestamp) as last by @log, httpStatus'
    )
    expect(detailQuery(W, 201)).toBe(
      `${time} | filter @message not like /${PLAIN_REQUEST}/ or @message like /${PLAIN_REQUEST_EXCLUDE}/` +
        ' | fields @timestamp, @message, @logStream, @log | sort @timestamp asc | limit 201'
    )
  })

  it('fit the query-string limit and parse in the simulator’s Insights subset', () => {
    for (const q of [volumeQuery(W), countsQuery(W), detailQuery(W, 10_000)]) {
      expect(q.length).toBeLessThanOrEqual(INSIGHTS_MAX_QUERY_CHARS)
      expect(() => parseQuery(q)).not.toThrow()
    }
  })
})

describe('reading rows', () => {
  it('reads Insights times, @log values and numbers', () => {
    expect(insightsTime('2026-11-25 12:00:00.123')).toBe(Date.UTC(2026, 10, 25, 12, 0, 0, 123))
    expect(insightsTime('2026-11-25T12:00:00Z')).toBe(Date.UTC(2026, 10, 25, 12))
    expect(insightsTime('2026-11-25 12:00:00.1')).toBe(Date.UTC(2026, 10, 25, 12, 0, 0, 100))
    expect(insightsTime('1764072000123')).toBe(1_764_072_000_123)
    expect(insightsTime('yesterday')).toBeUndefined()
    expect(insightsTime(undefined)).toBeUndefined()
    expect(groupOfLog('123456789012:/ecs/api')).toBe('/ecs/api')
    expect(groupOfLog('/ecs/api')).toBe('/ecs/api')
    expect(
      volumeOf([
        { '@log': '1:/ecs/a', events: '12', streams: '3' },
        { events: '5' },
        { '@log': '1:/ecs/b', events: 'x', streams: '-1' }
      ])
    ).toEqual(
      new Map([
        ['/ecs/a', { events: 12, streams: 3 }],
        ['/ecs/b', { events: 0, streams: 0 }]
      ])
    )
  })

  it('keeps status counts with a log group and a status', () => {
    expect(
      statusCountsOf([
        {
          '@log': '1:/ecs/a',
          httpStatus: '200',
          requests: '7',
          first: '2026-11-25 12:00:00.000',
          last: '2026-11-25 12:10:00.000'
        },
        { '@log': '1:/ecs/a', httpStatus: '', requests: '3' },
        { httpStatus: '404', requests: '1' }
      ])
    ).toEqual([
      {
        group: '/ecs/a',
        status: 200,
        requests: 7,
        first: Date.UTC(2026, 10, 25, 12),
        last: Date.UTC(2026, 10, 25, 12, 10)
      }
    ])
  })

  it('turns detail rows into events per log group, in order', () => {
    const m = detailEventsOf([
      {
        '@log': '1:/a',
        '@timestamp': '2026-11-25 12:00:00.000',
        '@message': 'x',
        '@logStream': 's'
      },
      { '@log': '1:/b', '@timestamp': '2026-11-25 12:00:01.000', '@message': 'y' },
      {
        '@log': '1:/a',
        '@timestamp': '2026-11-25 12:00:02.000',
        '@message': 'z',
        '@logStream': 's'
      },
      { '@log': '1:/a', '@message': 'no time' }
    ])
    expect(m.get('/a')).toEqual([
      { timestamp: Date.UTC(2026, 10, 25, 12), message: 'x', logStream: 's' },
      { timestamp: Date.UTC(2026, 10, 25, 12, 0, 2), message: 'z', logStream: 's' }
    ])
    expect(m.get('/b')).toEqual([{ timestamp: Date.UTC(2026, 10, 25, 12, 0, 1), message: 'y' }])
  })
})

it('chooses Insights from 50 services on with auto', () => {
  expect(INSIGHTS_AUTO_SERVICES).toBe(50)
  expect(chooseEngine('auto', 50)).toBe('insights')
  // The seed's `summary --minutes 120` on a 14-service cluster: FilterLogEvents.
  expect(chooseEngine('auto', 14)).toBe('filter')
  expect(chooseEngine('auto', 1)).toBe('filter')
  expect(chooseEngine('filter', 1000)).toBe('filter')
  expect(chooseEngine('insights', 1)).toBe('insights')
  expect(chooseEngine(undefined, 1000)).toBe('filter')
})

// ---------------------------------------------------------------------------------------------
// The detail reads against a fake Insights that answers the three queries from per-group data.

const logsMock = mockClient(CloudWatchLogsClient)
const client = new CloudWatchLogsClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
})
const instant: QueryClock = { sleep: async () => undefined, now: () => 0 }

const awsError = (name: string): Error => Object.assign(new Error(name), { name })

interface FakeOptions {
  /** Plain requests of status 200 in every group. Default 2. */
  plain?: number
  /** Log groups that do not exist: a query naming one fails with ResourceNotFoundException. */
  gone?: string[]
  /**
   * What DescribeLogGroups does: `ok` (the existing groups), `stale` (every group, as if the
   * `gone` ones were deleted after the check), or rejects with the error named.
   */
  describe?: 'ok' | 'stale' | 'AccessDeniedException' | 'ServiceUnavailableException'
}

/**
 * Group → detail rows (times in ms); every group also has `plain` plain requests of status 200.
 * Returns the queries started (a start that failed included).
 */
function fakeInsights(
  detail: Record<string, number[]>,
  { plain = 2, gone = [], describe = 'ok' }: FakeOptions = {}
): StartQueryCommandInput[] {
  const started: StartQueryCommandInput[] = []
  polled.clear()
  pollsAtStart.length = 0
  const results = new Map<string, ResultField[][]>()
  const f = (field: string, value: string | number): ResultField => ({
    field,
    value: String(value)
  })
  const missing = new Set(gone)
  logsMock.on(DescribeLogGroupsCommand).callsFake((input: DescribeLogGroupsCommandInput) => {
    if (describe !== 'ok' && describe !== 'stale') throw awsError(describe)
    const names = input.logGroupIdentifiers ?? []
    if (names.length > 50) throw awsError('InvalidParameterException')
    return {
      logGroups: names
        .filter(n => describe === 'stale' || !missing.has(n))
        .map(logGroupName => ({ logGroupName }))
    }
  })
  logsMock.on(StartQueryCommand).callsFake((input: StartQueryCommandInput) => {
    started.push(input)
    pollsAtStart.push(polled.size)
    const groups = input.logGroupNames ?? []
    if (groups.some(g => missing.has(g))) throw awsError('ResourceNotFoundException')
    const q = input.queryString ?? ''
    let rows: ResultField[][]
    if (q.includes('count_distinct')) {
      rows = groups.map(g => [
        f('@log', `1:${g}`),
        f('events', (detail[g]?.length ?? 0) + plain),
        f('streams', 1)
      ])
    } else if (q.includes('httpStatus')) {
      rows = groups.map(g => [f('@log', `1:${g}`), f('httpStatus', 200), f('requests', plain)])
    } else {
      rows = groups
        .flatMap(g => (detail[g] ?? []).map(t => ({ g, t })))
        .sort((a, b) => a.t - b.t)
        .slice(0, input.limit)
        .map(({ g, t }) => [
          f('@timestamp', new Date(t).toISOString()),
          f('@message', `ERROR ${g} ${t}`),
          f('@logStream', 's'),
          f('@log', `1:${g}`)
        ])
    }
    const id = `q${started.length}`
    results.set(id, rows)
    return { queryId: id }
  })
  logsMock.on(GetQueryResultsCommand).callsFake((input: { queryId: string }) => {
    polled.add(input.queryId)
    return { status: 'Complete', results: results.get(input.queryId) }
  })
  return started
}

/** Queries whose results were asked for (the fake answers Complete at the first poll). */
const polled = new Set<string>()
/** For each started query, how many queries had been polled by then. */
const pollsAtStart: number[] = []

/** How many queries started before the first one's results were read. */
function startsBeforeFirstPoll(started: readonly unknown[], pollsAtStart: number[]): number {
  const first = pollsAtStart.findIndex(n => n > 0)
  return first === -1 ? started.length : first
}

function targets(groups: string[]) {
  return groups.map(g => ({
    logGroup: g,
    analyzer: new LogAnalyzer({ service: g, logGroup: g, windowStart: 0, windowEnd: 1e13 })
  }))
}

const times = (n: number, from: number, step = 10): number[] =>
  Array.from({ length: n }, (_, i) => from + i * step)

describe('readWithInsights', () => {
  beforeEach(() => {
    logsMock.reset()
  })

  it('reads groups under their limit in one detail query', async () => {
    const started = fakeInsights({ '/a': times(3, 1000), '/b': times(4, 2000) })
    const t = targets(['/a', '/b', '/empty'])
    const reads = await readWithInsights(client, t, W, { limit: 10, clock: instant })
    expect(reads).toEqual([
      { truncated: false, missing: false },
      { truncated: false, missing: false },
      { truncated: false, missing: false }
    ])
    const [a, , empty] = t.map(x => x.analyzer.finish())
    expect(a?.eventsRead).toBe(5)
    expect(a?.http.byStatus).toEqual({ '200': 2 })
    expect(a?.errorCount).toBe(3)
    expect(empty?.eventsRead).toBe(2)
    // Volume, counts, detail: the counts and detail queries skip no group with events.
    expect(started.map(s => s.logGroupNames)).toEqual([
      ['/a', '/b', '/empty'],
      ['/a', '/b', '/empty'],
      ['/a', '/b', '/empty']
    ])
    expect(started[2]?.limit).toBe(31)
  })

  it('resolves a capped batch from the counts: truncated, complete, or read again', async () => {
    // limit 5: /busy has 40 rows early, /late 3 rows after the cut, /few 2 rows before it.
    const started = fakeInsights({
      '/busy': times(40, 1000),
      '/few': times(2, 1005),
      '/late': times(3, 900_000)
    })
    const t = targets(['/busy', '/few', '/late'])
    const reads = await readWithInsights(client, t, W, { limit: 5, clock: instant })
    expect(reads.map(r => r.truncated)).toEqual([true, false, false])
    expect(t.map(x => x.analyzer.finish().errorCount)).toEqual([5, 2, 3])
    const detail = started.filter(s => s.queryString?.includes('sort @timestamp'))
    // The batch (cap 16), then only /late again.
    expect(detail.map(s => [s.logGroupNames, s.limit])).toEqual([
      [['/busy', '/few', '/late'], 16],
      [['/late'], 6]
    ])
  })

  it('takes a group with exactly the limit in a capped batch as truncated when it has more', async () => {
    // Interleaved: each group has 250 rows; the batch's oldest 101 rows give each about 50.
    const groups = ['/a', '/b']
    const started = fakeInsights({ '/a': times(250, 1000, 2), '/b': times(250, 1001, 2) })
    const t = targets(groups)
    const reads = await readWithInsights(client, t, W, { limit: 50, clock: instant })
    expect(reads.map(r => r.truncated)).toEqual([true, true])
    expect(t.map(x => x.analyzer.finish().errorCount)).toEqual([50, 50])
    expect(started.filter(s => s.queryString?.includes('sort @timestamp'))).toHaveLength(1)
  })

  it('splits more than 50 log groups into batches of 50', async () => {
    const groups = Array.from({ length: 120 }, (_, i) => `/g${i}`)
    const started = fakeInsights(Object.fromEntries(groups.map(g => [g, times(1, 1000)])))
    const reads = await readWithInsights(client, targets(groups), W, {
      limit: 10,
      clock: instant
    })
    expect(reads.every(r => !r.truncated && !r.missing && !r.failure)).toBe(true)
    // Three queries (volume, counts, details) per batch of 50, 50 and 20 groups.
    expect(started.map(s => s.logGroupNames?.length).sort((a, b) => (b ?? 0) - (a ?? 0))).toEqual([
      50, 50, 50, 50, 50, 50, 20, 20, 20
    ])
  })

  it('starts the queries of a batch once DescribeLogGroups has answered for it, not for all', async () => {
    const groups = Array.from({ length: 120 }, (_, i) => `/g${i}`)
    const started = fakeInsights(Object.fromEntries(groups.map(g => [g, times(1, 1000)])))
    const order: string[] = []
    const describe = logsMock.commandCalls(DescribeLogGroupsCommand).length
    logsMock
      .on(DescribeLogGroupsCommand)
      .callsFake(async (input: DescribeLogGroupsCommandInput) => {
        order.push('describe')
        // Later answers take longer: the first batch's queries can start meanwhile.
        await new Promise(resolve => setTimeout(resolve, 20 * order.length))
        return {
          logGroups: (input.logGroupIdentifiers ?? []).map(logGroupName => ({ logGroupName }))
        }
      })
    logsMock.on(StartQueryCommand).callsFake((input: StartQueryCommandInput) => {
      order.push('query')
      started.push(input)
      return { queryId: `q${started.length}` }
    })
    logsMock.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [] })
    await readWithInsights(client, targets(groups), W, {
      limit: 10,
      clock: instant,
      concurrency: 1
    })
    expect(describe).toBe(0)
    expect(order.indexOf('query')).toBeLessThan(order.lastIndexOf('describe'))
    expect(order.filter(x => x === 'describe')).toHaveLength(3)
  })

  it("starts a batch's volume, counts and detail queries together, not one after another", async () => {
    const groups = ['/a', '/b']
    const started = fakeInsights({ '/a': times(3, 1000), '/b': times(2, 1000) })
    const reads = await readWithInsights(client, targets(groups), W, { limit: 10, clock: instant })
    expect(reads.every(r => !r.truncated && !r.missing && !r.failure)).toBe(true)
    const kind = (q: string | undefined): string =>
      q?.includes('as streams') ? 'volume' : q?.includes('as requests') ? 'counts' : 'details'
    expect(started.map(s => kind(s.queryString))).toEqual(['volume', 'counts', 'details'])
    expect(startsBeforeFirstPoll(started, pollsAtStart)).toBe(3)
  })

  describe('missing log groups', () => {
    const detail = { '/a': times(3, 1000), '/b': times(2, 2000) }
    const groups = ['/a', '/gone1', '/b', '/gone2']
    const expected = [
      { truncated: false, missing: false },
      { truncated: false, missing: true },
      { truncated: false, missing: false },
      { truncated: false, missing: true }
    ]

    it('are found by DescribeLogGroups and left out of every query', async () => {
      const started = fakeInsights(detail, { gone: ['/gone1', '/gone2'] })
      const reads = await readWithInsights(client, targets(groups), W, {
        limit: 10,
        clock: instant
      })
      expect(reads).toEqual(expected)
      const described = logsMock.commandCalls(DescribeLogGroupsCommand).map(c => c.args[0].input)
      expect(described).toEqual([{ logGroupIdentifiers: groups }])
      expect(started.map(s => s.logGroupNames)).toEqual([
        ['/a', '/b'],
        ['/a', '/b'],
        ['/a', '/b']
      ])
    })

    it.each(['AccessDeniedException', 'ServiceUnavailableException'] as const)(
      'are found by splitting the queries when DescribeLogGroups fails (%s), with no error',
      async describe => {
        const started = fakeInsights(detail, { gone: ['/gone1', '/gone2'], describe })
        const reads = await readWithInsights(client, targets(groups), W, {
          limit: 10,
          clock: instant
        })
        expect(reads).toEqual(expected)
        // The volume query of all four fails, then its halves, then the quarters that name a
        // missing group; the counts and detail queries name only the existing groups.
        expect(started.length).toBeGreaterThan(3)
        expect(started.slice(-2).map(s => s.logGroupNames)).toEqual([
          ['/a', '/b'],
          ['/a', '/b']
        ])
      }
    )

    it('are found by splitting when deleted between the check and the query', async () => {
      const started = fakeInsights(detail, { gone: ['/gone1', '/gone2'], describe: 'stale' })
      const reads = await readWithInsights(client, targets(groups), W, {
        limit: 10,
        clock: instant
      })
      expect(reads).toEqual(expected)
      expect(started[0]?.logGroupNames).toEqual(groups)
    })

    it('are checked 50 names a call', async () => {
      const many = Array.from({ length: 120 }, (_, i) => `/g${i}`)
      fakeInsights(Object.fromEntries(many.map(g => [g, times(1, 1000)])), { gone: ['/g77'] })
      const reads = await readWithInsights(client, targets(many), W, {
        limit: 10,
        clock: instant
      })
      expect(reads.filter(r => r.missing)).toHaveLength(1)
      expect(reads[77]?.missing).toBe(true)
      expect(
        logsMock
          .commandCalls(DescribeLogGroupsCommand)
          .map(c => c.args[0].input.logGroupIdentifiers?.length)
      ).toEqual([50, 50, 20])
    })
  })
})
