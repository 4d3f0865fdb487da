/**
 * The Logs Insights engine (`log-engine: insights`, or `auto` from
 * {@link INSIGHTS_AUTO_SERVICES} services on): instead of paging every event of every log group through
 * FilterLogEvents (about 5 requests/s per account, shared), one query covers up to 50 log groups
 * and counts the plain requests — most of a busy service's lines — server-side. Only the other
 * events cross the wire, and they go through the same `LogAnalyzer`, so categories, fingerprints,
 * samples, restarts and multi-line grouping come from the same code as with FilterLogEvents.
 *
 * First DescribeLogGroups (one call per 50 names) finds the log groups that do not exist: they
 * are `no_logs`, as with FilterLogEvents, and left out of the queries, because StartQuery fails
 * with ResourceNotFoundException when any group it names is missing — and every failed start
 * costs a request of the account's low, shared Logs quota. The check is optional: when it is
 * denied (the permission is not in every policy) or fails, nothing is reported and a batch that
 * names a missing group is split in halves until the missing groups are found, which is also
 * what happens when a group is deleted between the check and the query.
 *
 * Then per batch of ≤ 50 existing log groups (see insights-queries.ts), at once: a volume query
 * (events and streams per group), a counts query and a detail query; the detail rows are checked
 * against the other two when all three are in. At most {@link INSIGHTS_CONCURRENCY} queries run
 * at once.
 *
 * `limit` (ECS_LIMIT) bounds the detailed events fetched per service — at most 10,000, the rows
 * of one query; plain requests are always counted over the whole window. The detail query of a
 * batch asks for `limit × groups + 1` rows (≤ 10,000), oldest first. When the batch hits that
 * cap, each group's rows in it are still its oldest: a group with more than `limit` of them is
 * truncated (like FilterLogEvents stopping at the limit), one with as many as the volume and
 * counts queries imply (events − plain requests) is complete, one with exactly `limit` of more
 * is truncated; only the others are read again, in smaller batches down to a single group.
 *
 * Same report as FilterLogEvents on the same events, with two documented differences:
 * - multi-line grouping: a plain request is never a continuation (it starts with a digit, `[` or
 *   `{`, see the test of plain-requests.ts), but FilterLogEvents lets a continuation line — an
 *   indented frame, `Caused by:`, a `Traceback` — that follows a plain request *in the same
 *   stream within 2 s* join it, where Insights joins it to the trace it belongs to (or leaves it
 *   alone). That needs access lines and stack traces interleaved in one stream;
 * - events with the same millisecond in one stream come back in an order Insights does not
 *   define, which only matters when a trace's lines share their timestamp.
 * `count_distinct(@logStream)` is exact below very high cardinality (the docs call it an
 * approximation there).
 *
 * An empty answer is never taken on trust: a monitor must not turn "the query found nothing"
 * into "no logs". A group the volume query counts no events in is confirmed with one
 * FilterLogEvents read of a single event; a group whose detail rows fall short of what the
 * volume and counts queries imply, or every group once StartQuery rejects our query
 * (`MalformedQueryException`, `InvalidParameterException`, `UnrecognizedClientException`: a
 * backend that reads our query dialect differently, or no Insights at all), comes back with a
 * `fallback` reason, and the caller reads it with FilterLogEvents instead.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import {
  INSIGHTS_MAX_GROUPS,
  INSIGHTS_MAX_ROWS,
  InsightsError,
  runQuery,
  type QueryClock,
  type QueryResult,
  type RunQueryOptions
} from '../../aws/insights.js'
import { filterLogEvents, findLogGroups } from '../../aws/logs.js'
import type { LogEngine } from '../../config.js'
import { errorCode } from '../../errors.js'
import { chunk, createLimiter } from '../../util/concurrency.js'
import type { LogAnalyzer } from '../analyze.js'
import {
  countsQuery,
  detailEventsOf,
  detailQuery,
  statusCountsOf,
  volumeOf,
  volumeQuery,
  type StatusCount,
  type Window
} from '../insights-queries.js'
import type { LogEvent } from '../types.js'

/**
 * `auto` uses Insights from this many services on. Below it FilterLogEvents is cheap — one
 * request per service at the default limit, 10 s at most at the account's ~5 requests/s — and it
 * is the engine whose answers need no second opinion; from it on, Insights' 3 queries per 50
 * groups clearly pay for the confirmation reads an empty answer costs.
 */
export const INSIGHTS_AUTO_SERVICES = 50

/**
 * Insights queries in flight at most. The account's concurrent-query quota (30 in the API
 * reference, 100 in the user guide) is shared with dashboards and other tools.
 */
export const INSIGHTS_CONCURRENCY = 4

/** The engine a run uses: `auto` picks Insights for large reads. Absent: `filter`. */
export function chooseEngine(
  engine: LogEngine | undefined,
  services: number
): 'filter' | 'insights' {
  if (engine === 'insights') return 'insights'
  if (engine === 'auto') return services >= INSIGHTS_AUTO_SERVICES ? 'insights' : 'filter'
  return 'filter'
}

/** One service to read: its log group and the analyzer its events go to. */
export interface InsightsTarget {
  logGroup: string
  analyzer: LogAnalyzer
}

/** Why a group is read with FilterLogEvents after all. */
export interface InsightsFallback {
  /** `rejected`: StartQuery refused the query; `empty`: no events counted where FilterLogEvents found one; `partial`: fewer rows than its own counts imply. */
  reason: 'rejected' | 'empty' | 'partial'
  /** One line saying what happened. */
  detail: string
}

/** How the read of one service ended. */
export interface InsightsRead {
  /** More detailed events than the limit: the analysis covers the first ones. */
  truncated: boolean
  /** The log group does not exist. */
  missing: boolean
  /** A query of the service's log group failed: the operation and its error. */
  failure?: { operation: string; error: unknown }
  /** Insights' answer cannot be trusted for this group: read it with FilterLogEvents. */
  fallback?: InsightsFallback
}

/** StartQuery errors that mean our query will not run on this backend at all. */
const ENGINE_REFUSED = new Set([
  'MalformedQueryException',
  'InvalidParameterException',
  'UnrecognizedClientException'
])

export interface InsightsOptions {
  /** Detailed events per service at most (capped at 10,000). */
  limit: number
  /** Queries in flight at most. Default {@link INSIGHTS_CONCURRENCY}. */
  concurrency?: number
  /** Polling sleep and clock (tests inject instant ones). */
  clock?: QueryClock
  /** Query options (time budget, poll delays, retries). */
  query?: Omit<RunQueryOptions, 'clock'>
}

type Failure = NonNullable<InsightsRead['failure']>

/** StartQuery refused the query itself: this backend reads our dialect differently, or has no Insights. */
function isRefusal(e: InsightsError): boolean {
  const code = errorCode(e.error)
  return e.operation === 'StartQuery' && code !== undefined && ENGINE_REFUSED.has(code)
}

/**
 * Reads the services' log groups in the window with Logs Insights into their analyzers (rows
 * oldest first, plain requests as counts, streams from the volume query). Returns how each read
 * ended, in the order of `targets`; never throws for an AWS error.
 */
export async function readWithInsights(
  client: CloudWatchLogsClient,
  targets: readonly InsightsTarget[],
  window: Window,
  opts: InsightsOptions
): Promise<InsightsRead[]> {
  const perService = Math.max(1, Math.min(Math.floor(opts.limit), INSIGHTS_MAX_ROWS))
  const limit = createLimiter(opts.concurrency ?? INSIGHTS_CONCURRENCY)
  const runOpts: RunQueryOptions = { ...opts.query, ...(opts.clock ? { clock: opts.clock } : {}) }
  /** Set by the first refused start: no query is started after it (once per run, not per batch). */
  let refused: InsightsError | undefined
  /**
   * Open once the run's first StartQuery has answered: the others wait for it, so that a backend
   * that refuses our queries is asked once per run, although a batch's queries run at once.
   */
  let firstStart: Promise<void> | undefined
  const run = (groups: string[], queryString: string, rows: number): Promise<QueryResult> =>
    limit(async () => {
      const q = {
        logGroupNames: groups,
        startMs: window.start,
        endMs: window.end,
        queryString,
        limit: rows
      }
      if (firstStart === undefined) {
        let open = (): void => undefined
        firstStart = new Promise<void>(resolve => (open = resolve))
        try {
          return await runQuery(client, q, { ...runOpts, onStarted: open })
        } catch (err) {
          if (err instanceof InsightsError && isRefusal(err)) refused ??= err
          throw err
        } finally {
          open()
        }
      }
      await firstStart
      if (refused) throw refused
      return runQuery(client, q, runOpts)
    })

  const missing = new Set<string>()
  const failed = new Map<string, Failure>()
  const fallback = new Map<string, InsightsFallback>()
  const volume = new Map<string, { events: number; streams: number }>()
  const counts = new Map<string, StatusCount[]>()
  /** Groups whose detail rows went to their analyzers, and whether they were cut at the limit. */
  const delivered = new Map<string, boolean>()
  /** Groups whose detail rows filled a whole query on their own. */
  const capped = new Set<string>()
  const analyzersOf = new Map<string, LogAnalyzer[]>()
  for (const t of targets)
    analyzersOf.set(t.logGroup, [...(analyzersOf.get(t.logGroup) ?? []), t.analyzer])
  /**
   * Hands a group's detail rows (oldest first) to its analyzers at once, so that memory holds
   * only the results of the queries in flight, not every row of the run.
   */
  function deliver(g: string, rows: readonly LogEvent[]): void {
    // Not for a group whose volume query failed or counted nothing (read again, or confirmed).
    if (failed.has(g) || fallback.has(g) || (volume.get(g)?.events ?? 0) === 0) return
    const kept = rows.length > perService ? rows.slice(0, perService) : rows
    for (const a of analyzersOf.get(g) ?? []) for (const e of kept) a.push(e)
    delivered.set(g, rows.length > perService)
  }

  /** Runs `fn` on a batch; a batch that names a missing log group is halved until it does not. */
  async function splitting(batch: string[], fn: (b: string[]) => Promise<void>): Promise<void> {
    if (batch.length === 0) return
    try {
      await fn(batch)
    } catch (err) {
      const e = err instanceof InsightsError ? err : new InsightsError('StartQuery', err)
      const code = errorCode(e.error)
      if (isRefusal(e)) {
        refused ??= e
        const detail = `Logs Insights refused the query (${code}: ${String((e.error as { message?: unknown })?.message ?? '').slice(0, 200)})`
        for (const g of batch) fallback.set(g, { reason: 'rejected', detail })
        return
      }
      if (e.operation === 'StartQuery' && code === 'ResourceNotFoundException') {
        if (batch.length === 1) {
          missing.add(batch[0] as string)
          return
        }
        const mid = Math.ceil(batch.length / 2)
        await Promise.all([splitting(batch.slice(0, mid), fn), splitting(batch.slice(mid), fn)])
        return
      }
      for (const g of batch) failed.set(g, { operation: e.operation, error: e.error })
    }
  }

  async function readVolume(batch: string[]): Promise<void> {
    const r = await run(batch, volumeQuery(window), INSIGHTS_MAX_ROWS)
    const v = volumeOf(r.rows)
    for (const g of batch) volume.set(g, v.get(g) ?? { events: 0, streams: 0 })
  }

  async function readCounts(batch: string[]): Promise<void> {
    const r = await run(batch, countsQuery(window), INSIGHTS_MAX_ROWS)
    if (r.rows.length >= INSIGHTS_MAX_ROWS && batch.length > 1) {
      // More (group, status) pairs than one result holds: count in halves.
      const mid = Math.ceil(batch.length / 2)
      await Promise.all([
        splitting(batch.slice(0, mid), readCounts),
        splitting(batch.slice(mid), readCounts)
      ])
      return
    }
    for (const g of batch) counts.set(g, [])
    for (const c of statusCountsOf(r.rows)) counts.get(c.group)?.push(c)
  }

  /**
   * Detail rows of a group that queries 1 and 2 imply: its events less its plain requests. Only
   * a hint (events may arrive between the queries); `undefined` when either query failed.
   */
  function expectedDetails(g: string): number | undefined {
    const v = volume.get(g)
    const c = counts.get(g)
    if (v === undefined || c === undefined) return undefined
    return v.events - c.reduce((n, x) => n + x.requests, 0)
  }

  async function readDetails(batch: string[], countsRead: Promise<void>): Promise<void> {
    const cap = Math.min(INSIGHTS_MAX_ROWS, perService * batch.length + 1)
    const r = await run(batch, detailQuery(window, cap), cap)
    const byGroup = detailEventsOf(r.rows)
    if (r.rows.length < cap) {
      // Every row of the batch came back: each group must hold what its counts imply.
      await countsRead
      for (const g of batch) {
        const rows = byGroup.get(g) ?? []
        const expected = expectedDetails(g)
        if (expected !== undefined && rows.length < expected) {
          fallback.set(g, {
            reason: 'partial',
            detail: `Logs Insights returned ${rows.length} of the ${expected} events its own counts imply`
          })
        } else deliver(g, rows)
      }
      return
    }
    // The result holds the batch's oldest `cap` rows, so each group's rows in it are its oldest
    // ones: a group with more than `perService` of them is truncated, and a group with all the
    // rows the counts imply is complete. The rest are read again in smaller batches.
    await countsRead
    const unsure: string[] = []
    for (const g of batch) {
      const rows = byGroup.get(g) ?? []
      const expected = expectedDetails(g)
      if (rows.length > perService) deliver(g, rows)
      else if (expected !== undefined && rows.length >= expected) deliver(g, rows)
      else if (expected !== undefined && rows.length === perService) {
        deliver(g, rows)
        capped.add(g)
      } else if (batch.length === 1) {
        // One group filled a whole query: as much as one query gives.
        deliver(g, rows)
        capped.add(g)
      } else unsure.push(g)
    }
    const again = (b: string[]): Promise<void> => splitting(b, x => readDetails(x, countsRead))
    if (unsure.length < batch.length) await again(unsure)
    else {
      const mid = Math.ceil(batch.length / 2)
      await Promise.all([again(batch.slice(0, mid)), again(batch.slice(mid))])
    }
  }

  // No events counted is confirmed with one FilterLogEvents read of a single event.
  const confirm = createLimiter(opts.concurrency ?? INSIGHTS_CONCURRENCY)
  const confirmEmpty = (batch: readonly string[]): Promise<unknown> =>
    Promise.all(
      batch
        .filter(g => !failed.has(g) && !fallback.has(g) && (volume.get(g)?.events ?? 0) === 0)
        .map(g =>
          confirm(async () => {
            try {
              const r = await filterLogEvents(
                client,
                { logGroupName: g, startTime: window.start, endTime: window.end, limit: 1 },
                () => undefined
              )
              if (r.events > 0) {
                fallback.set(g, {
                  reason: 'empty',
                  detail: 'Logs Insights counted no events where FilterLogEvents found some'
                })
              }
            } catch {
              // The confirmation is a courtesy: without it, Insights' answer stands.
            }
          })
        )
    )
  // A batch's three queries run at once: each takes a second or more on the server, and only
  // the checks of the detail rows need the other two (a group without events gets no rows).
  // Where DescribeLogGroups could not tell whether a group exists, the volume query runs first,
  // so that only it is split to find the missing groups.
  async function readBatch(b: string[], unknown: boolean): Promise<void> {
    if (b.length === 0) return
    if (unknown) {
      await splitting(b, readVolume)
      const live = b.filter(
        g => !missing.has(g) && !failed.has(g) && (volume.get(g)?.events ?? 0) > 0
      )
      const countsRead = splitting(live, readCounts)
      await Promise.all([
        confirmEmpty(b),
        countsRead,
        splitting(live, x => readDetails(x, countsRead))
      ])
      return
    }
    const volumeRead = splitting(b, readVolume)
    const countsRead = Promise.all([volumeRead, splitting(b, readCounts)]).then(() => undefined)
    await Promise.all([
      volumeRead.then(() => confirmEmpty(b)),
      countsRead,
      splitting(b, x => readDetails(x, countsRead))
    ])
  }

  // Missing groups would fail the starts of their batches; a failed check only costs the halving.
  // Each batch's queries start as soon as DescribeLogGroups has answered for its groups (both
  // take 50 groups), not after every answer: the call's 5/s quota then overlaps the queries.
  const all = [...new Set(targets.map(t => t.logGroup))]
  const reads: Promise<void>[] = []
  await findLogGroups(
    client,
    all,
    opts.concurrency ?? INSIGHTS_CONCURRENCY,
    (batch, gone, unknown) => {
      for (const g of gone) missing.add(g)
      const existing = batch.filter(g => !missing.has(g))
      for (const b of chunk(existing, INSIGHTS_MAX_GROUPS)) reads.push(readBatch(b, unknown))
    }
  )
  await Promise.all(reads)

  return targets.map(t => {
    const g = t.logGroup
    const fb = fallback.get(g)
    if (fb) return { truncated: false, missing: false, fallback: fb }
    const failure = failed.get(g)
    if (failure) return { truncated: false, missing: false, failure }
    if (missing.has(g)) return { truncated: false, missing: true }
    for (const c of counts.get(g) ?? [])
      t.analyzer.addCountedRequests(c.status, c.requests, c.first, c.last)
    t.analyzer.setStreamCount(volume.get(g)?.streams ?? 0)
    return { truncated: (delivered.get(g) ?? false) || capped.has(g), missing: false }
  })
}
