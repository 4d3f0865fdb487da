/**
 * HTTP probes: the domain probe (follows redirects, healthy on 2xx) and the endpoint probes
 * (no redirects, healthy on 2xx/3xx). A probe never throws: every failure becomes an unhealthy
 * result with a one-line reason.
 */
import { performance } from 'node:perf_hooks'
import type { CheckError, Finding, HttpProbeResult } from './types.js'

export interface HttpProbeOptions {
  /** Bound on the whole probe, redirects included. */
  timeoutMs: number
  /** Follow 301/302/303/307/308 (domain probe); endpoints keep the 3xx as their answer. */
  followRedirects: boolean
  /** More redirects than this make the probe unhealthy (`too many redirects`). */
  maxRedirects: number
  /** Which final status codes are healthy. */
  isHealthy: (code: number) => boolean
  /** Monotonic clock in ms for the latency; default `performance.now`. */
  now?: () => number
  userAgent?: string
}

/** Healthy on a 2xx answer (the domain probe). */
export const healthy2xx = (code: number): boolean => code >= 200 && code < 300
/** Healthy on a 2xx or 3xx answer (the endpoint probes). */
export const healthy2xxOr3xx = (code: number): boolean => code >= 200 && code < 400

export const DEFAULT_USER_AGENT = 'aws-ecs-monitor'

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308])

/** `10s`, `1.5s`, `300ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  return `${Number((ms / 1000).toFixed(1))}s`
}

const USERINFO_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi

/** Removes `user:password@` from a URL (or from URLs inside a text that is not one). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (!parsed.username && !parsed.password) return url
    parsed.username = ''
    parsed.password = ''
    return parsed.href
  } catch {
    return url.replace(USERINFO_IN_TEXT, '$1')
  }
}

function redactText(text: string): string {
  return text.replace(USERINFO_IN_TEXT, '$1')
}

const TLS_CODE =
  /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED)/

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'DNS lookup failed (ENOTFOUND)',
  EAI_AGAIN: 'DNS lookup failed (EAI_AGAIN)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connect timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for response headers',
  UND_ERR_SOCKET: 'connection closed by server',
  UND_ERR_CLOSED: 'connection closed',
  ERR_SOCKET_BAD_PORT: 'invalid port'
}

interface ErrorLike {
  message?: unknown
  code?: unknown
  cause?: unknown
  errors?: unknown
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined
}

function firstLine(text: string, max = 200): string {
  const line = (text.split('\n')[0] ?? '').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/**
 * Turns a network error (fetch's `TypeError: fetch failed` with its `cause`, a socket error, an
 * AggregateError of several addresses) into a short reason and a CheckError with the Node code.
 */
export function describeNetworkError(err: unknown): { reason: string; error: CheckError } {
  // Walk the cause chain; the deepest error with a code says what happened.
  let code: string | undefined
  let message: string | undefined
  let current = asErrorLike(err)
  for (let depth = 0; current && depth < 8; depth++) {
    const ownMessage = typeof current.message === 'string' ? current.message : ''
    let ownCode = typeof current.code === 'string' ? current.code : undefined
    const inner = Array.isArray(current.errors) ? asErrorLike(current.errors[0]) : undefined
    if (!ownCode && inner && typeof inner.code === 'string') ownCode = inner.code
    if (ownCode) {
      code = ownCode
      message = ownMessage || (inner && typeof inner.message === 'string' ? inner.message : ownCode)
    } else if (!code && ownMessage && ownMessage !== 'fetch failed') {
      message = ownMessage
    }
    current = asErrorLike(current.cause)
  }
  if (!message) {
    const top = asErrorLike(err)
    message = typeof top?.message === 'string' && top.message ? top.message : String(err)
  }
  message = redactText(firstLine(message))

  const known = code ? REASONS[code] : undefined
  let reason: string
  if (known) reason = known
  else if (code && TLS_CODE.test(code)) {
    reason = code.startsWith('ERR_SSL_')
      ? `TLS: ${code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ')}`
      : `TLS: ${message}`
  } else if (code === 'EPROTO') reason = `TLS: ${message}`
  else reason = message || 'request failed'
  return { reason: firstLine(reason), error: code ? { message, code } : { message } }
}

/** Probes `url` with GET; never throws. */
export async function probeHttp(
  name: string,
  url: string,
  opts: HttpProbeOptions
): Promise<HttpProbeResult> {
  const now = opts.now ?? (() => performance.now())
  const safeUrl = redactUrl(url)
  const start = now()
  let finalUrl = safeUrl
  let redirects = 0

  const unhealthy = (
    reason: string,
    error?: CheckError,
    code: number | null = null
  ): HttpProbeResult => ({
    name,
    url: safeUrl,
    status: 'unhealthy',
    code,
    latencyMs: Math.max(0, Math.round(now() - start)),
    finalUrl,
    redirects,
    reason,
    ...(error ? { error } : {})
  })

  let current: URL
  try {
    current = new URL(url)
  } catch {
    return unhealthy('invalid URL', { message: `invalid URL: ${safeUrl}`, code: 'ERR_INVALID_URL' })
  }

  // Credentials in the URL become Basic auth (fetch refuses URLs with userinfo), sent to that origin only.
  let authorization: string | undefined
  if (current.username || current.password) {
    const user = decodeURIComponent(current.username)
    const password = decodeURIComponent(current.password)
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
    current.username = ''
    current.password = ''
  }
  const authOrigin = current.origin

  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, opts.timeoutMs)

  try {
    for (;;) {
      finalUrl = current.href
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return unhealthy(`unsupported protocol ${current.protocol}`, {
          message: `unsupported protocol in ${current.href}`,
          code: 'ERR_INVALID_PROTOCOL'
        })
      }
      const headers: Record<string, string> = {
        'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
        accept: '*/*'
      }
      if (authorization && current.origin === authOrigin) headers.authorization = authorization

      const response = await fetch(current.href, {
        method: 'GET',
        redirect: 'manual',
        signal: controller.signal,
        headers
      })
      // Headers are all we need: drop the body without reading it.
      try {
        response.body?.cancel().catch(() => {})
      } catch {
        // already consumed or locked
      }

      const location = response.headers.get('location')
      if (opts.followRedirects && REDIRECT_CODES.has(response.status) && location) {
        if (redirects >= opts.maxRedirects) {
          return unhealthy('too many redirects', undefined, response.status)
        }
        let next: URL
        try {
          next = new URL(location, current)
        } catch {
          return unhealthy(
            'invalid redirect location',
            { message: `invalid Location header: ${redactText(firstLine(location))}` },
            response.status
          )
        }
        next.username = ''
        next.password = ''
        redirects++
        current = next
        continue
      }

      const code = response.status
      const latencyMs = Math.max(0, Math.round(now() - start))
      const healthy = opts.isHealthy(code)
      return {
        name,
        url: safeUrl,
        status: healthy ? 'healthy' : 'unhealthy',
        code,
        latencyMs,
        finalUrl,
        redirects,
        ...(healthy ? {} : { reason: `HTTP ${code}` })
      }
    }
  } catch (err) {
    if (timedOut) {
      const after = formatDuration(opts.timeoutMs)
      return unhealthy(`timed out after ${after}`, {
        message: `no response from ${finalUrl} within ${after}`,
        code: 'ETIMEDOUT'
      })
    }
    const { reason, error } = describeNetworkError(err)
    return unhealthy(reason, error)
  } finally {
    clearTimeout(timer)
  }
}

/** The finding of the domain probe, when it is not healthy. */
export function domainFindings(r: HttpProbeResult | undefined): Finding[] {
  if (r?.status !== 'unhealthy') return []
  return [
    {
      severity: 'unhealthy',
      check: 'domain_http',
      title: `domain: ${r.reason ?? 'unhealthy'}`,
      message: `GET ${r.url} → ${r.reason ?? 'unhealthy'}`
    }
  ]
}

/** One finding per endpoint that is not healthy. */
export function endpointFindings(results: readonly HttpProbeResult[]): Finding[] {
  return results
    .filter(e => e.status === 'unhealthy')
    .map(e => ({
      severity: 'unhealthy',
      check: `http_${e.name}`,
      title: `endpoint ${e.name}: ${e.reason ?? 'unhealthy'}`,
      message: `GET ${e.url} → ${e.reason ?? 'unhealthy'}`
    }))
}
