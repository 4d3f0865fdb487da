/**
 * Streaming log analysis of one service: events go in one at a time; counts,
 * fingerprints and a bounded set of samples come out, so memory does not grow with the number
 * of events read. Pure: no I/O, time only from the events themselves.
 */
import type { CheckError } from '../checks/types.js'
import { jsonText, oneLine, redact } from '../util/sanitize.js'
import { classify } from './classify.js'
import { fingerprint } from './fingerprint.js'
import { parseHttpLine } from './http.js'
import { MultilineGrouper, type LogEvent } from './multiline.js'
import { restartSignal, type StoppedTaskInfo } from './restarts.js'
import { CATEGORIES, type Category } from './types.js'

export type LogStatus = 'critical' | 'unhealthy' | 'degraded' | 'healthy' | 'no_logs' | 'error'

/** Errors that share a fingerprint. */
export interface ErrorGroup {
  key: string
  /** Normalized text (ids, numbers, times masked). */
  text: string
  category: Category
  rule: string
  count: number
  firstSeen: string
  lastSeen: string
  /** One redacted sample, cut to a readable length. */
  sample: string
}

export interface HttpStats {
  /** Requests counted (health checks left out). */
  total: number
  /** Count per status code. */
  byStatus: Record<string, number>
  /** 5xx responses. */
  errors5xx: number
  /** Health-check requests left out of the counts. */
  healthChecks: number
}

export interface ServiceLogAnalysis {
  service: string
  logGroup: string
  status: LogStatus
  /** Window that was read (ISO). */
  window: { start: string; end: string; minutes: number }
  /** Raw events read from CloudWatch. */
  eventsRead: number
  /** Events after multi-line grouping (a stack trace counts once). */
  events: number
  /** True when the limit stopped the read before the end of the window. */
  truncated: boolean
  streams: number
  timeRange: { first?: string; last?: string }
  categories: Record<Category, number>
  /** Events that fell into an error category. */
  errorCount: number
  http: HttpStats
  /** Restarts seen in log lines (second source, after stopped tasks). */
  logRestarts: { shutdowns: number; startups: number }
  /** Error groups, most frequent first. */
  errors: ErrorGroup[]
  /** Error groups beyond the ones kept. */
  otherErrors: number
  /** Stopped tasks of the service in the window (first source of restarts). */
  stoppedTasks: StoppedTaskInfo[]
  /** Set when reading the logs failed. */
  error?: CheckError
  /** Set when reading stopped tasks failed (the log analysis still stands). */
  tasksError?: CheckError
  /** What read the events: FilterLogEvents or Logs Insights. */
  engine?: 'filter' | 'insights'
  /** Set when Logs Insights' answer was not trusted and FilterLogEvents read the group instead. */
  fallback?: EngineFallback
  /** Set when the pattern's log group does not exist (and what the task definition says). */
  logGroupCheck?: LogGroupCheck
}

/** What was found when the log group the pattern names does not exist. */
export interface LogGroupCheck {
  /** `log-group-pattern` (ECS_LOG_PATTERN) and the group it names for the service. */
  pattern: string
  patternGroup: string
  /** Tasks the service runs (DescribeServices), when read. */
  running?: number
  taskDefinition?: string
  /** The container's log driver and `awslogs-group` in that task definition. */
  driver?: string
  taskDefinitionGroup?: string
  /** True when the analysis was read from `taskDefinitionGroup` instead. */
  usedTaskDefinitionGroup: boolean
  /** Why the service or its task definition could not be read (a denied call). */
  error?: string
}

/** Why Logs Insights' answer for a log group was replaced by a FilterLogEvents read. */
export interface EngineFallback {
  /** `rejected`: StartQuery refused the query; `empty`: no events counted where FilterLogEvents found some; `partial`: fewer rows than its own counts imply. */
  reason: 'rejected' | 'empty' | 'partial'
  /** One line saying what happened. */
  detail: string
}

export interface AnalyzerOptions {
  service: string
  logGroup: string
  windowStart: number
  windowEnd: number
  /** Error groups kept at most; the rest are counted in `otherErrors`. */
  maxGroups?: number
  /** Characters kept of a sample. */
  sampleChars?: number
}

const CRITICAL: ReadonlySet<Category> = new Set(['panic', 'fatal', 'oom'])

function emptyCategories(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map(c => [c, 0])) as Record<Category, number>
}

/** Shutdowns above which restarts alone make a service degraded (the seed's rule). */
export function restartThreshold(streams: number, minutes: number): number {
  return Math.max(2, streams * Math.max(1, minutes / 30))
}

/**
 * Status from the seed's rules: critical (panic, fatal or oom seen — in logs or as an OOM-killed
 * task), unhealthy (> 10 errors), degraded (any error, or more shutdowns than the threshold).
 */
export function logStatus(a: Omit<ServiceLogAnalysis, 'status'>): LogStatus {
  if (a.error) return 'error'
  const oomTasks = a.stoppedTasks.some(t => t.cause === 'oom')
  if (a.eventsRead === 0 && a.stoppedTasks.length === 0) return 'no_logs'
  if (oomTasks || [...CRITICAL].some(c => a.categories[c] > 0)) return 'critical'
  if (a.errorCount > 10) return 'unhealthy'
  if (a.errorCount > 0 || a.logRestarts.shutdowns > restartThreshold(a.streams, a.window.minutes))
    return 'degraded'
  return a.eventsRead === 0 ? 'no_logs' : 'healthy'
}

/** Cleans a message for keeping: secrets redacted, control characters gone, length bounded. */
export function cleanSample(message: string, max = 2000): string {
  return jsonText(message, max)
}

/** Feeds events in; `finish()` returns the analysis. */
export class LogAnalyzer {
  private readonly opts: Required<AnalyzerOptions>
  private readonly grouper = new MultilineGrouper()
  private readonly categories = emptyCategories()
  private readonly groups = new Map<string, ErrorGroup>()
  private readonly streamNames = new Set<string>()
  private readonly http: HttpStats = { total: 0, byStatus: {}, errors5xx: 0, healthChecks: 0 }
  private eventsRead = 0
  private events = 0
  private errorCount = 0
  private otherErrors = 0
  private first = Infinity
  private last = -Infinity
  private shutdowns = 0
  private startups = 0
  private streamCount = 0

  constructor(opts: AnalyzerOptions) {
    this.opts = { maxGroups: 200, sampleChars: 1000, ...opts }
  }

  /** Adds one raw event (as read from CloudWatch, one line each or already multi-line). */
  push(e: LogEvent): void {
    this.eventsRead++
    if (e.logStream !== undefined && this.streamNames.size < 100_000)
      this.streamNames.add(e.logStream)
    for (const g of this.grouper.push(e)) this.consume(g)
  }

  /**
   * Adds requests counted elsewhere — Logs Insights counts plain access lines server-side (see
   * plain-requests.ts) — as `push` would have counted them: each one raw event, one event and one
   * request with `status`; never an error, a health check or a restart. `first`/`last` (epoch ms)
   * widen the time range.
   */
  addCountedRequests(status: number, count: number, first?: number, last?: number): void {
    if (!(count > 0)) return
    this.eventsRead += count
    this.events += count
    this.http.total += count
    const k = String(status)
    this.http.byStatus[k] = (this.http.byStatus[k] ?? 0) + count
    if (status >= 500) this.http.errors5xx += count
    if (first !== undefined && first < this.first) this.first = first
    if (last !== undefined && last > this.last) this.last = last
  }

  /** Streams that logged in the window, counted elsewhere (the events pushed may be fewer). */
  setStreamCount(streams: number): void {
    this.streamCount = streams
  }

  private consume(e: LogEvent): void {
    this.events++
    if (e.timestamp < this.first) this.first = e.timestamp
    if (e.timestamp > this.last) this.last = e.timestamp
    const message = e.message
    const signal = restartSignal(message)
    if (signal === 'shutdown') this.shutdowns++
    else if (signal === 'startup') this.startups++
    const http = parseHttpLine(message)
    if (http) {
      if (http.healthCheck) this.http.healthChecks++
      else {
        this.http.total++
        const k = String(http.status)
        this.http.byStatus[k] = (this.http.byStatus[k] ?? 0) + 1
        if (http.status >= 500) this.http.errors5xx++
      }
    }
    const c = classify(message)
    if (c.category === null) return
    this.categories[c.category]++
    this.errorCount++
    // Redact first: masking ids could otherwise break a secret's shape before redaction sees it.
    const fp = fingerprint(redact(message))
    const at = new Date(e.timestamp).toISOString()
    const known = this.groups.get(fp.key)
    if (known) {
      known.count++
      if (at > known.lastSeen) known.lastSeen = at
      // The sample is the group's earliest event (the smaller sample on a tie), whatever order
      // the events arrive in: multi-line grouping emits per stream, so the order of arrival
      // depends on what else the streams logged (and differs between the log engines).
      if (at <= known.firstSeen) {
        const sample = cleanSample(message, this.opts.sampleChars)
        if (at < known.firstSeen || sample < known.sample) {
          known.firstSeen = at
          known.sample = sample
          known.category = c.category
          known.rule = c.rule
        }
      }
    } else if (this.groups.size < this.opts.maxGroups) {
      this.groups.set(fp.key, {
        key: fp.key,
        text: oneLine(fp.text, 300),
        category: c.category,
        rule: c.rule,
        count: 1,
        firstSeen: at,
        lastSeen: at,
        sample: cleanSample(message, this.opts.sampleChars)
      })
    } else {
      this.otherErrors++
    }
  }

  /** Ends the analysis; `truncated` says whether the read stopped at the limit. */
  finish(
    extra: {
      truncated?: boolean
      stoppedTasks?: StoppedTaskInfo[]
      error?: CheckError
      tasksError?: CheckError
      engine?: 'filter' | 'insights'
      fallback?: EngineFallback
      logGroupCheck?: LogGroupCheck
    } = {}
  ): ServiceLogAnalysis {
    for (const g of this.grouper.flush()) this.consume(g)
    const iso = (t: number): string | undefined =>
      Number.isFinite(t) ? new Date(t).toISOString() : undefined
    const first = iso(this.first)
    const last = iso(this.last)
    const base: Omit<ServiceLogAnalysis, 'status'> = {
      service: this.opts.service,
      logGroup: this.opts.logGroup,
      window: {
        start: new Date(this.opts.windowStart).toISOString(),
        end: new Date(this.opts.windowEnd).toISOString(),
        minutes: Math.round((this.opts.windowEnd - this.opts.windowStart) / 60_000)
      },
      eventsRead: this.eventsRead,
      events: this.events,
      truncated: extra.truncated ?? false,
      streams: Math.max(this.streamNames.size, this.streamCount),
      timeRange: { ...(first ? { first } : {}), ...(last ? { last } : {}) },
      categories: { ...this.categories },
      errorCount: this.errorCount,
      http: { ...this.http, byStatus: { ...this.http.byStatus } },
      logRestarts: { shutdowns: this.shutdowns, startups: this.startups },
      // Most frequent first; on a tie the more specific category (a cause before its symptom,
      // e.g. a refused connection before the 503 it leads to), then the most recent.
      errors: [...this.groups.values()].sort(
        (a, b) =>
          b.count - a.count ||
          CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
          (a.lastSeen < b.lastSeen ? 1 : -1)
      ),
      otherErrors: this.otherErrors,
      stoppedTasks: extra.stoppedTasks ?? [],
      ...(extra.error ? { error: extra.error } : {}),
      ...(extra.tasksError ? { tasksError: extra.tasksError } : {}),
      ...(extra.engine ? { engine: extra.engine } : {}),
      ...(extra.fallback ? { fallback: extra.fallback } : {}),
      ...(extra.logGroupCheck ? { logGroupCheck: extra.logGroupCheck } : {})
    }
    return { ...base, status: logStatus(base) }
  }
}
