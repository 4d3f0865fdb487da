/**
 * CloudWatch Logs reads. Events are streamed to a callback page by page, so memory does not grow
 * with the number of events read; every page is read up to the limit (the seed read one).
 */
import {
  FilterLogEventsCommand,
  type CloudWatchLogsClient,
  type FilteredLogEvent
} from '@aws-sdk/client-cloudwatch-logs'

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
