/**
 * Shared types of the log analysis: error categories, the classification of one event,
 * a parsed HTTP access line, a fingerprint and a log event. Pure declarations.
 */

/** Error categories, each event gets at most one (see `classify.ts` for the precedence). */
export const CATEGORIES = [
  'panic',
  'fatal',
  'oom',
  'timeout',
  'connection_error',
  'http_5xx',
  'python_traceback',
  'exception',
  'auth_error',
  'structured_error',
  'error'
] as const

export type Category = (typeof CATEGORIES)[number]

/** The result of `classify`. Returned objects are shared and frozen: do not mutate them. */
export interface Classification {
  /** The error category, `null` when the event is not an error. */
  category: Category | null
  /**
   * Which rule decided, e.g. `oom.java`, `timeout.deadline`, `http.5xx`, `level.info`,
   * `negative.zero-count`, `healthcheck`, `none`.
   */
  rule: string
  /** The event is a health-check request (never counted as an error or in HTTP statistics). */
  healthCheck: boolean
}

/** The access-log format an HTTP status was read from. */
export type HttpFormat =
  'alb' | 'common' | 'aspnet' | 'gin' | 'morgan' | 'json' | 'logfmt' | 'rails' | 'phoenix'

/** One HTTP request line, as read by `parseHttpLine`. */
export interface HttpLine {
  status: number
  method?: string
  /** The request path (query string included when the log has it; no scheme or host). */
  path?: string
  /** A health-check request: left out of error counts and HTTP statistics. */
  healthCheck: boolean
  format: HttpFormat
}

/** A normalized error signature (see `fingerprint.ts`). */
export interface Fingerprint {
  /** A short stable hash (16 hex digits) of the normalized text. */
  key: string
  /** The normalized, human-readable text (at most 200 characters). */
  text: string
}

/** A log event as read from CloudWatch Logs. */
export interface LogEvent {
  timestamp: number
  message: string
  logStream?: string
}
