/**
 * CloudWatch Logs reads. Events are streamed to a callback page by page, so memory does not grow
 * with the number of events read; every page is read up to the limit (the seed read one).
 * Which of a list of log groups exist is asked with DescribeLogGroups, 50 names a call.
 */
import {
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  type CloudWatchLogsClient,
  type FilteredLogEvent
} from '@aws-sdk/client-cloudwatch-logs'
import { isAccessDenied } from '../errors.js'
import { chunk, mapLimit } from '../util/concurrency.js'

/** FilterLogEvents returns at most this many events per page. */
export const FILTER_PAGE_MAX = 10_000

export interface FilterOptions {
  logGroupName: string
  startTime: number
  endTime: number
  /** Events to read at most. */
  limit: number
  filterPattern?: string
  logStreamNames?: string[]
}

export interface FilterResult {
  events: number
  pages: number
  /** True when the limit stopped the read before the last page. */
  truncated: boolean
}

/**
 * Reads the events of a log group in the window, calling `onEvent` for each, until the limit or
 * the last page. A page may be empty while `nextToken` continues (the API scans in slices).
 */
export async function filterLogEvents(
  client: CloudWatchLogsClient,
  opts: FilterOptions,
  onEvent: (e: FilteredLogEvent) => void
): Promise<FilterResult> {
  let nextToken: string | undefined
  let events = 0
  let pages = 0
  for (;;) {
    const remaining = opts.limit - events
    const out = await client.send(
      new FilterLogEventsCommand({
        logGroupName: opts.logGroupName,
        startTime: opts.startTime,
        endTime: opts.endTime,
        limit: Math.min(FILTER_PAGE_MAX, remaining),
        ...(opts.filterPattern ? { filterPattern: opts.filterPattern } : {}),
        ...(opts.logStreamNames?.length ? { logStreamNames: opts.logStreamNames } : {}),
        ...(nextToken ? { nextToken } : {})
      })
    )
    pages++
    for (const e of out.events ?? []) {
      if (events >= opts.limit) break
      events++
      onEvent(e)
    }
    const next = out.nextToken
    if (!next || next === nextToken) return { events, pages, truncated: false }
    if (events >= opts.limit) return { events, pages, truncated: true }
    nextToken = next
  }
}

/** Log groups one DescribeLogGroups call may name (`logGroupIdentifiers`, 1–50). */
export const DESCRIBE_LOG_GROUPS_MAX = 50

/** Which of the log groups asked about exist, as far as DescribeLogGroups could tell. */
export interface LogGroupExistence {
  /** Not returned by a complete answer: these log groups do not exist. */
  missing: string[]
  /** In a call that failed (denied, throttled past the retries…): unknown. */
  unknown: string[]
  /** The first error of a failed call. */
  error?: unknown
}

/**
 * Asks which of `names` exist: one DescribeLogGroups per 50 names (`logGroupIdentifiers`, which
 * takes no other filter), following `nextToken`, at most `concurrency` calls at once. A call that
 * fails leaves its names `unknown`; after an AccessDenied the calls not yet sent are skipped
 * (they would be denied too) and their names are `unknown` as well. Never throws.
 */
export async function findLogGroups(
  client: CloudWatchLogsClient,
  names: readonly string[],
  concurrency = 4,
  /** Called as each call's answer is in: its names, those missing, and whether they are unknown. */
  onBatch?: (batch: readonly string[], missing: readonly string[], unknown: boolean) => void
): Promise<LogGroupExistence> {
  const out: LogGroupExistence = { missing: [], unknown: [] }
  let denied = false
  const batches = chunk([...new Set(names)], DESCRIBE_LOG_GROUPS_MAX)
  await mapLimit(batches, concurrency, async batch => {
    if (denied) {
      out.unknown.push(...batch)
      onBatch?.(batch, [], true)
      return
    }
    try {
      const found = new Set<string>()
      let nextToken: string | undefined
      for (;;) {
        const page = await client.send(
          new DescribeLogGroupsCommand({
            logGroupIdentifiers: batch,
            ...(nextToken ? { nextToken } : {})
          })
        )
        for (const g of page.logGroups ?? []) {
          if (g.logGroupName) found.add(g.logGroupName)
          if (g.logGroupArn) found.add(g.logGroupArn)
          if (g.arn) found.add(g.arn.replace(/:\*$/, ''))
        }
        const next = page.nextToken
        if (!next || next === nextToken) break
        nextToken = next
      }
      const gone = batch.filter(n => !found.has(n.replace(/:\*$/, '')))
      out.missing.push(...gone)
      onBatch?.(batch, gone, false)
    } catch (err) {
      if (isAccessDenied(err)) denied = true
      out.unknown.push(...batch)
      out.error ??= err
      onBatch?.(batch, [], true)
    }
  })
  return out
}
