/**
 * The three Logs Insights queries of the Insights engine and the reading of their rows. Pure.
 *
 * Every query starts with the window in ms (`StartQuery` takes whole seconds, so the sent range is
 * widened to the second and the filter restores the exact bounds FilterLogEvents uses, both
 * inclusive). Then:
 * 1. volume — events and distinct streams per log group;
 * 2. counts — plain requests (see plain-requests.ts) per log group and status, with the first
 *    and last time: these lines never cross the wire;
 * 3. detail — every other event, oldest first, for the analyzer.
 * Query 2 and 3 split the events exactly: `A and not B` versus `not A or B`.
 */
import type { LogEvent } from './types.js'
import { PLAIN_REQUEST, PLAIN_REQUEST_EXCLUDE, PLAIN_STATUS_PARSE } from './plain-requests.js'

export interface Window {
  start: number
  end: number
}

function timeFilter(w: Window): string {
  const start = Math.floor(w.start)
  const end = Math.floor(w.end)
  return `filter toMillis(@timestamp) >= ${start} and toMillis(@timestamp) <= ${end}`
}

/** Events and distinct streams per log group (`@log` is `account-id:log-group-name`). */
export function volumeQuery(w: Window): string {
  return `${timeFilter(w)} | stats count(*) as events, count_distinct(@logStream) as streams by @log`
}

/** Plain requests per log group and status, with their first and last timestamps. */
export function countsQuery(w: Window): string {
  return (
    `${timeFilter(w)}` +
    ` | filter @message like /${PLAIN_REQUEST}/ and @message not like /${PLAIN_REQUEST_EXCLUDE}/` +
    ` | parse @message /${PLAIN_STATUS_PARSE}/` +
    ' | stats count(*) as requests, min(@timestamp) as first, max(@timestamp) as last' +
    ' by @log, httpStatus'
  )
}

/** Every event that is not a plain request, oldest first, at most `limit`. */
export function detailQuery(w: Window, limit: number): string {
  return (
    `${timeFilter(w)}` +
    ` | filter @message not like /${PLAIN_REQUEST}/ or @message like /${PLAIN_REQUEST_EXCLUDE}/` +
    ' | fields @timestamp, @message, @logStream, @log' +
    ` | sort @timestamp asc | limit ${Math.floor(limit)}`
  )
}

/** The log group name of an `@log` value (`123456789012:/ecs/api` → `/ecs/api`). */
export function groupOfLog(value: string): string {
  // Log group names have no `:`; the account id comes first.
  const i = value.indexOf(':')
  return i === -1 ? value : value.slice(i + 1)
}

/**
 * Epoch ms of an Insights timestamp: `2026-11-25 12:00:00.123` (UTC, the results' format), an
 * ISO time, or epoch ms digits. `undefined` when it is none of these.
 */
export function insightsTime(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  if (/^\d{10,}$/.test(value)) return Number(value)
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]00:?00)?$/.exec(
      value
    )
  if (!m) return undefined
  const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0
  const t = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    ms
  )
  return Number.isFinite(t) ? t : undefined
}

function count(value: string | undefined): number {
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}

/** Rows of {@link volumeQuery}: events and streams per log group. */
export function volumeOf(
  rows: readonly Record<string, string>[]
): Map<string, { events: number; streams: number }> {
  const out = new Map<string, { events: number; streams: number }>()
  for (const r of rows) {
    if (r['@log'] === undefined) continue
    out.set(groupOfLog(r['@log']), { events: count(r.events), streams: count(r.streams) })
  }
  return out
}

/** One row of {@link countsQuery}. */
export interface StatusCount {
  group: string
  status: number
  requests: number
  first?: number
  last?: number
}

/** Rows of {@link countsQuery}; rows without a log group or a status are skipped. */
export function statusCountsOf(rows: readonly Record<string, string>[]): StatusCount[] {
  const out: StatusCount[] = []
  for (const r of rows) {
    const status = Number(r.httpStatus)
    if (r['@log'] === undefined || !/^[1-5]\d\d$/.test(r.httpStatus ?? '')) continue
    const first = insightsTime(r.first)
    const last = insightsTime(r.last)
    out.push({
      group: groupOfLog(r['@log']),
      status,
      requests: count(r.requests),
      ...(first !== undefined ? { first } : {}),
      ...(last !== undefined ? { last } : {})
    })
  }
  return out
}

/** Rows of {@link detailQuery} as log events, per log group, in the order returned. */
export function detailEventsOf(rows: readonly Record<string, string>[]): Map<string, LogEvent[]> {
  const out = new Map<string, LogEvent[]>()
  for (const r of rows) {
    const log = r['@log']
    const timestamp = insightsTime(r['@timestamp'])
    if (log === undefined || timestamp === undefined) continue
    const group = groupOfLog(log)
    let list = out.get(group)
    if (!list) out.set(group, (list = []))
    list.push({
      timestamp,
      message: r['@message'] ?? '',
      ...(r['@logStream'] ? { logStream: r['@logStream'] } : {})
    })
  }
  return out
}
