/**
 * CloudWatch Logs Insights: run one query to the end. `StartQuery` takes epoch **seconds** and at
 * most 50 log groups; the query runs server-side, so results are polled with `GetQueryResults`
 * (partial results while `Scheduled`/`Running` are ignored) until `Complete`; `Failed`,
 * `Cancelled`, `Timeout` and our own time budget end it with an error, and a query we give up on
 * is stopped (`StopQuery`, best effort) so it does not hold one of the account's concurrent
 * query slots. `LimitExceededException` on start — the account's concurrent queries are all in
 * use, ours or another tool's — is retried after a wait. Sleep and clock are injected.
 *
 * Limits (StartQuery / GetQueryResults API reference): 50 log groups a query; 10,000 result rows
 * a query (newer accounts may page up to 100,000 — not relied on); a query times out server-side
 * after 60 minutes; 30 concurrent queries per account in the API reference, 100 in the user guide.
 */
import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type QueryStatistics,
  type ResultField
} from '@aws-sdk/client-cloudwatch-logs'
import type { DeserializeMiddleware } from '@smithy/types'
import { errorCode, errorMessage } from '../errors.js'

/** Log groups one query may name (`logGroupNames`). */
export const INSIGHTS_MAX_GROUPS = 50
/** Result rows a query returns at most. */
export const INSIGHTS_MAX_ROWS = 10_000
/** Characters a query string may have. */
export const INSIGHTS_MAX_QUERY_CHARS = 10_000

/** Sleep and clock of the polling; tests inject instant ones. */
export interface QueryClock {
  sleep(ms: number): Promise<void>
  /** Monotonic ms. */
  now(): number
}

export const SYSTEM_QUERY_CLOCK: QueryClock = {
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  now: () => performance.now()
}

export interface InsightsQuery {
  logGroupNames: string[]
  /** Window start, epoch ms (sent in seconds, rounded down: the query string filters the ms). */
  startMs: number
  /** Window end, epoch ms (sent in seconds, rounded up). */
  endMs: number
  queryString: string
  /** Result rows at most (also the query's own `limit`). */
  limit?: number
}

export interface RunQueryOptions {
  clock?: QueryClock
  /** Time budget of one query, start to results, in ms. Default 5 minutes. */
  timeoutMs?: number
  /**
   * First poll delay; doubles up to `maxPollMs`. Default 500 ms: a query takes about a second at
   * least, and every poll spends the account's shared GetQueryResults quota (and parses the
   * partial results).
   */
  firstPollMs?: number
  /** Longest poll delay. Default 1 s. */
  maxPollMs?: number
  /** Waits after a LimitExceededException before giving up (doubling from `limitWaitMs`). */
  limitRetries?: number
  /** First wait after a LimitExceededException. Default 2 s. */
  limitWaitMs?: number
  /** Gives the query up (and stops it) when aborted, checked between polls. */
  signal?: AbortSignal
  /** Called once StartQuery has answered with a query id. */
  onStarted?: () => void
}

export interface QueryResult {
  queryId: string
  /** One record per row: field name → value (`@ptr` left out). */
  rows: Record<string, string>[]
  statistics?: QueryStatistics
  /** GetQueryResults calls made. */
  polls: number
}

/** A query that ended without results: `Failed`, `Cancelled`, `Timeout`, or over our time budget. */
export class QueryEnded extends Error {
  override readonly name = 'QueryEnded'
  constructor(
    readonly queryId: string,
    /** The last status seen (`Failed`, `Cancelled`, `Timeout`, or e.g. `Running` when we gave up). */
    readonly status: string,
    message: string
  ) {
    super(message)
  }
}

/**
 * A failed Logs Insights call: the operation (what the IAM permission is named after) and what it
 * raised — the SDK's error, or {@link QueryEnded}.
 */
export class InsightsError extends Error {
  override readonly name = 'InsightsError'
  constructor(
    readonly operation: 'StartQuery' | 'GetQueryResults',
    readonly error: unknown
  ) {
    super(`${operation}: ${errorMessage(error)}`)
  }
}

/**
 * Fields of a result row as a record; `@ptr` (a pointer for GetLogRecord) is dropped. Takes the
 * SDK's `ResultField`s or the raw JSON of {@link rawResults}: anything that is not a field with a
 * name is skipped, a value that is not text is ''.
 */
export function rowRecord(fields: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    if (f === null || typeof f !== 'object') continue
    const { field, value } = f as { field?: unknown; value?: unknown }
    if (typeof field === 'string' && field && field !== '@ptr')
      out[field] = typeof value === 'string' ? value : ''
  }
  return out
}

/** Where {@link rawResults} puts the `results` of the response it read. */
interface ResultsSink {
  results?: unknown
}

/**
 * Reads a successful GetQueryResults response's body itself and gives the SDK the body without
 * its `results`, which go to `sink` as parsed JSON (`[[{field, value}, ...], ...]`). A result of
 * 10,000 rows is 40,000–50,000 fields, and the SDK's schema-driven reader builds each of them
 * through generators and schema wrappers: in `logs summary` of 500 services that reader
 * allocated ~590 MB per run, against ~60 MB for all of our own code, and its garbage was most
 * of the run's peak RSS. Everything else of the response (status, statistics) and every error
 * reply still goes through the SDK. Sits inside the SDK's deserializer, on this command only.
 */
function rawResults<I extends object, O extends object>(
  sink: ResultsSink
): DeserializeMiddleware<I, O> {
  return next => async args => {
    const out = await next(args)
    const response = out.response as { statusCode?: number; body?: unknown }
    const body = response.body
    const status = response.statusCode ?? 0
    if (status < 200 || status >= 300 || !isReadable(body)) return out
    const chunks: Buffer[] = []
    for await (const c of body) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array))
    const bytes = Buffer.concat(chunks)
    let parsed: unknown
    try {
      parsed = JSON.parse(bytes.toString('utf8'))
    } catch {
      // Not JSON: the SDK reads it and says what is wrong.
      response.body = bytes
      return out
    }
    if (parsed !== null && typeof parsed === 'object' && 'results' in parsed) {
      const { results, ...rest } = parsed as { results: unknown }
      sink.results = results
      response.body = Buffer.from(JSON.stringify(rest))
    } else {
      response.body = bytes
    }
    return out
  }
}

function isReadable(body: unknown): body is AsyncIterable<unknown> {
  return (
    body !== null &&
    typeof body === 'object' &&
    typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  )
}

/** Result rows of GetQueryResults, from what {@link rawResults} read or (when it did not run) the SDK's output. */
function resultRows(raw: unknown, sdk: ResultField[][] | undefined): Record<string, string>[] {
  const rows: unknown[] = raw === undefined ? (sdk ?? []) : Array.isArray(raw) ? raw : []
  return rows.filter((row): row is unknown[] => Array.isArray(row)).map(rowRecord)
}

/** Starts a query, retrying while the account's concurrent-query limit is reached. */
export async function startQuery(
  client: CloudWatchLogsClient,
  q: InsightsQuery,
  opts: RunQueryOptions = {}
): Promise<string> {
  const clock = opts.clock ?? SYSTEM_QUERY_CLOCK
  const retries = opts.limitRetries ?? 5
  let wait = opts.limitWaitMs ?? 2_000
  for (let attempt = 0; ; attempt++) {
    try {
      const out = await client.send(
        new StartQueryCommand({
          logGroupNames: q.logGroupNames,
          startTime: Math.floor(q.startMs / 1000),
          endTime: Math.ceil(q.endMs / 1000),
          queryString: q.queryString,
          ...(q.limit !== undefined ? { limit: q.limit } : {})
        })
      )
      if (!out.queryId) throw new Error('StartQuery returned no queryId')
      return out.queryId
    } catch (err) {
      if (errorCode(err) !== 'LimitExceededException' || attempt >= retries) throw err
      await clock.sleep(wait)
      wait = Math.min(wait * 2, 30_000)
    }
  }
}

/** Stops a query, ignoring every error (it may have ended meanwhile). */
export async function stopQuery(client: CloudWatchLogsClient, queryId: string): Promise<void> {
  try {
    await client.send(new StopQueryCommand({ queryId }))
  } catch {
    // best effort
  }
}

/**
 * Runs a query to completion and returns its rows. Every failure is an {@link InsightsError}
 * naming the operation; a started query is stopped on every way out but completion.
 */
export async function runQuery(
  client: CloudWatchLogsClient,
  q: InsightsQuery,
  opts: RunQueryOptions = {}
): Promise<QueryResult> {
  const clock = opts.clock ?? SYSTEM_QUERY_CLOCK
  const budget = opts.timeoutMs ?? 300_000
  const started = clock.now()
  let queryId: string
  try {
    queryId = await startQuery(client, q, opts)
  } catch (err) {
    throw new InsightsError('StartQuery', err)
  }
  opts.onStarted?.()
  let delay = opts.firstPollMs ?? 500
  const maxDelay = opts.maxPollMs ?? 1_000
  let polls = 0
  let done = false
  try {
    for (;;) {
      await clock.sleep(delay)
      delay = Math.min(delay * 2, maxDelay)
      if (opts.signal?.aborted) {
        throw new InsightsError(
          'GetQueryResults',
          new QueryEnded(queryId, 'Running', `Logs Insights query ${queryId} aborted; stopped`)
        )
      }
      polls++
      let out
      const sink: ResultsSink = {}
      try {
        const command = new GetQueryResultsCommand({ queryId })
        command.middlewareStack.addRelativeTo(rawResults(sink), {
          relation: 'after',
          toMiddleware: 'deserializerMiddleware',
          name: 'rawQueryResults'
        })
        out = await client.send(command)
      } catch (err) {
        throw new InsightsError('GetQueryResults', err)
      }
      const status = out.status ?? 'Unknown'
      if (status === 'Complete') {
        done = true
        return {
          queryId,
          rows: resultRows(sink.results, out.results),
          ...(out.statistics ? { statistics: out.statistics } : {}),
          polls
        }
      }
      if (status === 'Failed' || status === 'Cancelled' || status === 'Timeout') {
        done = true
        throw new InsightsError(
          'GetQueryResults',
          new QueryEnded(queryId, status, `Logs Insights query ${queryId} ended: ${status}`)
        )
      }
      // Scheduled, Running, Unknown: partial results are not used.
      if (clock.now() - started > budget) {
        throw new InsightsError(
          'GetQueryResults',
          new QueryEnded(
            queryId,
            status,
            `Logs Insights query ${queryId} still ${status} after ${Math.round(budget / 1000)} s; stopped`
          )
        )
      }
    }
  } finally {
    if (!done) await stopQuery(client, queryId)
  }
}
