/**
 * TLS certificate check: connects with SNI, reads the leaf certificate and judges its expiry and
 * whether it verifies (chain against the trusted roots, name against the host). Never throws.
 */
import { isIP } from 'node:net'
import tls from 'node:tls'
import { describeNetworkError, formatDuration } from './http.js'
import { hostPort } from '../util/net.js'
import type { Finding, TlsResult } from './types.js'

export interface TlsOptions {
  /** Bound on connect + handshake. */
  timeoutMs: number
  /** Fewer days left than this → warning. */
  warningDays: number
  /** Fewer days left than this (or expired, or not valid) → critical. */
  criticalDays: number
  /** Wall clock for days-left; default `new Date()`. */
  now?: () => Date
  /**
   * Trusted roots replacing Node's defaults (tests). Unset: Node's default store plus
   * NODE_EXTRA_CA_CERTS.
   */
  ca?: string | string[]
}

const DAY_MS = 86_400_000

function firstValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined
  if (Array.isArray(value)) return firstValue(value[0])
  return undefined
}

function nameField(name: unknown, field: string): string | undefined {
  if (typeof name !== 'object' || name === null) return undefined
  return firstValue((name as Record<string, unknown>)[field])
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`
}

function authorizationCode(value: unknown): string | undefined {
  if (!value) return undefined
  if (typeof value === 'string') return value
  const err = value as { code?: unknown; message?: unknown }
  if (typeof err.code === 'string') return err.code
  return typeof err.message === 'string' ? err.message : String(value)
}

function evaluate(
  host: string,
  port: number,
  checkHost: string,
  socket: tls.TLSSocket,
  opts: TlsOptions
): TlsResult {
  const cert = socket.getPeerCertificate()
  if (!cert || Object.keys(cert).length === 0) {
    return {
      host,
      port,
      status: 'error',
      reason: 'no certificate presented',
      error: { message: `${host}:${port} presented no certificate`, code: 'ERR_TLS_NO_CERT' }
    }
  }

  const result: TlsResult = { host, port, status: 'healthy' }
  const issuer = nameField(cert.issuer, 'CN') ?? nameField(cert.issuer, 'O')
  const subject = nameField(cert.subject, 'CN')
  if (issuer) result.issuer = issuer
  if (subject) result.subject = subject

  const chainError = socket.authorized
    ? undefined
    : (authorizationCode(socket.authorizationError) ?? 'UNKNOWN')
  const identityError = tls.checkServerIdentity(checkHost, cert)
  result.valid = !chainError && !identityError
  const validationError = chainError ?? identityError?.message
  if (validationError) result.validationError = validationError

  const critical: string[] = []
  const expiryMs = Date.parse(cert.valid_to)
  let warning: string | undefined
  if (Number.isNaN(expiryMs)) {
    critical.push(`certificate expiry unreadable (${cert.valid_to})`)
  } else {
    const nowMs = (opts.now ?? (() => new Date()))().getTime()
    result.expires = new Date(expiryMs).toISOString()
    const date = result.expires.slice(0, 10)
    const daysLeft = Math.floor((expiryMs - nowMs) / DAY_MS)
    result.daysLeft = daysLeft
    if (expiryMs <= nowMs) {
      const ago = Math.floor((nowMs - expiryMs) / DAY_MS)
      critical.push(
        ago === 0
          ? `certificate expired less than a day ago (${date})`
          : `certificate expired ${days(ago)} ago (${date})`
      )
    } else {
      const expiresIn =
        daysLeft === 0
          ? `certificate expires in less than a day (${date})`
          : `certificate expires in ${days(daysLeft)} (${date})`
      if (daysLeft < opts.criticalDays) critical.push(expiresIn)
      else if (daysLeft < opts.warningDays) warning = expiresIn
    }
  }
  // An expired certificate fails the chain with CERT_HAS_EXPIRED: already said above.
  if (chainError && !(chainError === 'CERT_HAS_EXPIRED' && (result.daysLeft ?? 0) < 0)) {
    critical.unshift(`certificate not trusted: ${chainError}`)
  }
  if (identityError) critical.push(`certificate does not match host ${host}`)

  if (critical.length > 0) {
    result.status = 'critical'
    result.reason = critical.join('; ')
  } else if (warning) {
    result.status = 'warning'
    result.reason = warning
  }
  return result
}

/** Checks the certificate `host:port` presents; never throws. */
export async function checkTls(host: string, port: number, opts: TlsOptions): Promise<TlsResult> {
  const bareHost = host.replace(/^\[(.*)\]$/, '$1')
  const isIpLiteral = isIP(bareHost) !== 0

  return new Promise<TlsResult>(resolve => {
    let settled = false
    let socket: tls.TLSSocket | undefined

    const finish = (result: TlsResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket?.destroy()
      resolve(result)
    }
    const fail = (err: unknown): void => {
      const { reason, error } = describeNetworkError(err)
      finish({ host, port, status: 'error', reason, error })
    }

    const timer = setTimeout(() => {
      const after = formatDuration(opts.timeoutMs)
      finish({
        host,
        port,
        status: 'error',
        reason: `timed out after ${after}`,
        error: {
          message: `no TLS handshake with ${host}:${port} within ${after}`,
          code: 'ETIMEDOUT'
        }
      })
    }, opts.timeoutMs)

    try {
      socket = tls.connect({
        host: bareHost,
        port,
        ...(isIpLiteral ? {} : { servername: bareHost }),
        rejectUnauthorized: false,
        // Node would fold a name mismatch into `authorized`; the name is checked apart below.
        checkServerIdentity: () => undefined,
        ...(opts.ca !== undefined ? { ca: opts.ca } : {})
      })
      socket.once('secureConnect', () => {
        if (!socket) return
        try {
          finish(evaluate(host, port, bareHost, socket, opts))
        } catch (err) {
          fail(err)
        }
      })
      socket.on('error', fail)
      socket.once('close', () => {
        if (!settled) {
          finish({
            host,
            port,
            status: 'error',
            reason: 'connection closed during TLS handshake',
            error: { message: `${host}:${port} closed the connection before the handshake ended` }
          })
        }
      })
    } catch (err) {
      fail(err)
    }
  })
}

/** One finding per certificate that expires soon, does not verify, or could not be read. */
export function tlsFindings(results: readonly TlsResult[]): Finding[] {
  const out: Finding[] = []
  for (const t of results) {
    const where = hostPort(t.host, t.port)
    if (t.status === 'critical' || t.status === 'warning') {
      out.push({
        severity: t.status === 'critical' ? 'unhealthy' : 'degraded',
        check: 'ssl',
        title: `TLS ${where}: ${t.reason ?? t.status}`,
        // The title says what is wrong; the message adds what it does not (no repeat).
        message:
          [
            t.subject ? `subject ${t.subject}` : '',
            t.issuer ? `issuer ${t.issuer}` : '',
            t.expires && !(t.reason ?? '').includes(t.expires.slice(0, 10))
              ? `valid until ${t.expires.slice(0, 10)}`
              : ''
          ]
            .filter(Boolean)
            .join(', ') || `the certificate ${where} serves`
      })
    } else if (t.status === 'error') {
      out.push({
        severity: 'degraded',
        check: 'ssl',
        title: `TLS ${where}: certificate could not be read`,
        message: t.error?.message ?? t.reason ?? 'no TLS answer'
      })
    }
  }
  return out
}
