/**
 * Exactness of the plain-request patterns: every line the Insights engine counts server-side
 * must be one the analyzer would have counted as exactly one event and one request with that
 * status, and nothing else. Checked over the golden inputs (corpus, its mutations, token soup,
 * the simulator's generators), lines generated from the patterns' own grammar with adversarial
 * pieces spliced in, and hand-written near misses.
 */
import { describe, expect, it } from '@jest/globals'
import { Rng } from '../../../sim/prng.js'
import { checkScenario, sourcesFor } from '../../../sim/index.js'
import { classify } from '../../../src/logs/classify.js'
import { parseHttpLine } from '../../../src/logs/http.js'
import { MultilineGrouper, type LogEvent } from '../../../src/logs/multiline.js'
import {
  isPlainRequest,
  PLAIN_REQUEST,
  PLAIN_REQUEST_EXCLUDE,
  PLAIN_STATUS_PARSE,
  plainStatus
} from '../../../src/logs/plain-requests.js'
import { restartSignal } from '../../../src/logs/restarts.js'
import { CORPUS } from './corpus.js'
import { goldenInputs } from './golden.js'

/** Lines that leave the multi-line grouper in each of its modes, waiting for a continuation. */
const OPEN_GROUPS: string[][] = [
  ['2026-11-25 12:00:00.000 ERROR 1 --- [main] c.e.App : Checkout failed'],
  ['java.lang.IllegalStateException: boom'],
  ['ERROR x', 'java.lang.IllegalStateException: boom', '\tat com.x.A.b(A.java:1)'],
  ['Traceback (most recent call last):'],
  ['Traceback (most recent call last):', '  File "a.py", line 1, in f', 'ValueError: x'],
  [
    'Traceback (most recent call last):',
    '  File "a.py", line 1, in f',
    'ValueError: x',
    '',
    'During handling of the above exception, another exception occurred:'
  ],
  ['panic: runtime error: index out of range'],
  ['goroutine 7 [running]:'],
  ['fatal error: concurrent map writes', '', 'goroutine 1 [running]:'],
  ['/app/dist/index.js:10'],
  ['Error: boom'],
  ['{"level":"error","msg":"boom"}'],
  ['[GIN-debug] [WARNING] Running in "debug" mode']
]

/** Whether `line`, pushed after an open group of the same stream, comes out as its own event. */
function standsAlone(line: string): string | undefined {
  for (const head of OPEN_GROUPS) {
    const g = new MultilineGrouper()
    const out: LogEvent[] = []
    for (const h of head) out.push(...g.push({ timestamp: 1000, message: h, logStream: 's' }))
    out.push(...g.push({ timestamp: 1000, message: line, logStream: 's' }))
    out.push(...g.flush())
    if (!out.some(e => e.message === line)) return head.join(' ⏎ ')
  }
  return undefined
}

/** What must hold for a plain line; the failed property, or undefined. */
function violation(line: string): string | undefined {
  const status = plainStatus(line)
  if (status === undefined) return 'no status parsed'
  const h = parseHttpLine(line)
  if (!h) return 'parseHttpLine: not a request'
  if (h.status !== status) return `parseHttpLine status ${h.status}, parsed ${status}`
  if (h.healthCheck) return 'a health check'
  if (status >= 500 || status === 401 || status === 403) return `status ${status}`
  const c = classify(line)
  if (c.category !== null) return `classify: ${c.category} (${c.rule})`
  if (c.healthCheck) return 'classify: health check'
  const r = restartSignal(line)
  if (r !== null) return `restartSignal: ${r}`
  const joined = standsAlone(line)
  if (joined !== undefined) return `joined a group opened by: ${joined}`
  return undefined
}

function checkAll(lines: Iterable<string>): { plain: number; failures: string[] } {
  let plain = 0
  const failures: string[] = []
  for (const line of lines) {
    if (!isPlainRequest(line)) continue
    plain++
    const v = violation(line)
    if (v !== undefined && failures.length < 20) failures.push(`${v}: ${JSON.stringify(line)}`)
  }
  return { plain, failures }
}

// ---------------------------------------------------------------------------------------------
// Lines from the patterns' own grammar, with adversarial pieces

const PIECES = [
  'error',
  'ERROR',
  'Error:',
  'exception',
  'panic',
  'fatal',
  'timeout',
  'timed out',
  'refused',
  'OutOfMemoryError',
  'Traceback',
  'health',
  'Health',
  '/health',
  '/healthz',
  '/ping',
  '/PING',
  '/ready',
  '/api/status',
  '/status?x=1',
  '/up',
  '/ok#x',
  'ELB-HealthChecker/2.0',
  'kube-probe/1.29',
  'GoogleHC/1.0',
  'Envoy/HC',
  'shutting down',
  'Shutting down',
  'received SIGTERM',
  'server started',
  'Started Application in 4.2 seconds',
  'listening on :8080',
  'Listening at',
  'worker exiting',
  'Booting worker',
  'ready to accept connections',
  'server is running',
  'HTTP/1.1',
  ' HTTP/1.1 500 ',
  'GET /x HTTP/1.1" 500',
  '| 500 |',
  '"status":500',
  '"level":"error"',
  'status=500',
  '://x/ping',
  'http://h/health',
  '\\"',
  '|',
  '"',
  '{',
  '}',
  'é',
  '🔥',
  '\t',
  '\u001b[31m',
  ' ',
  '=',
  ':',
  ',',
  '401',
  '403',
  '503'
]

const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?#=&%+:;,!$*()@[]'

function text(rng: Rng, max: number, withPieces = true): string {
  let s = ''
  const n = rng.int(0, max)
  for (let i = 0; i < n; i++) {
    s +=
      withPieces && rng.chance(0.15) ? rng.pick(PIECES) : CHARS.charAt(rng.int(0, CHARS.length - 1))
  }
  return s
}

const STATUSES = [100, 101, 200, 201, 204, 206, 301, 302, 304, 400, 401, 402, 403, 404, 405, 409]
const ALL_STATUSES = [...STATUSES, 410, 418, 422, 429, 499, 500, 502, 503, 504, 599, 600, 99]
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'CONNECT', 'get']

function statusOf(rng: Rng): string {
  return String(rng.chance(0.8) ? rng.pick(STATUSES) : rng.pick(ALL_STATUSES))
}

function nginxLine(rng: Rng): string {
  const ip = `${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(0, 255)}`
  const user = rng.chance(0.8) ? '-' : text(rng, 8, false) || '-'
  const path = '/' + text(rng, 40)
  const version = rng.pick(['1.1', '1.0', '2.0', '2'])
  let s = `${ip} - ${user} [25/Nov/2026:12:00:00 +0000] "${rng.pick(METHODS)} ${path} HTTP/${version}" ${statusOf(rng)} ${rng.chance(0.9) ? rng.int(0, 99999) : '-'}`
  if (rng.chance(0.7)) s += ` "${text(rng, 30)}" "${text(rng, 80)}"`
  if (rng.chance(0.5)) s += ` ${rng.int(0, 9)}.${rng.int(0, 999)}`
  if (rng.chance(0.2)) s += ` ${text(rng, 10)}`
  return s
}

function ginLine(rng: Rng): string {
  const lat = rng.pick(['1.234ms', '12.5µs', '3.2s', '1m2.5s', '845ns', '2.1us'])
  return `[GIN] 2026/11/25 - 12:00:00 | ${statusOf(rng)} | ${lat.padStart(13)} | ${'10.0.0.1'.padStart(15)} | ${rng.pick(METHODS).padEnd(7)} "/${text(rng, 40)}"`
}

const JSON_KEYS = ['time', 'msg', 'message', 'remote_ip', 'user_agent', 'bytes', 'latency_ms']
const BAD_KEYS = [
  'error',
  'err',
  'level',
  'status_code',
  'http_status',
  'url',
  'route',
  'log_level'
]

function jsonLine(rng: Rng): string {
  const kv = (): string => {
    const key = rng.chance(0.9) ? rng.pick(JSON_KEYS) : rng.pick(BAD_KEYS)
    const value = rng.chance(0.5) ? rng.int(0, 99999) : text(rng, 30)
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`
  }
  const some = (): string[] => Array.from({ length: rng.int(0, 3) }, kv)
  const level = rng.pick(['info', 'INFO', 'debug', 'warn', 'Warning', 'error', 'fatal', 'notice'])
  const path = `"path":${JSON.stringify('/' + text(rng, 30))}`
  const status = `"status":${statusOf(rng)}`
  const [x, y] = rng.chance(0.5) ? [path, status] : [status, path]
  const parts = [
    ...some(),
    `"level":"${level}"`,
    ...some(),
    ...(rng.chance(0.7) ? [`"method":"${rng.pick(METHODS)}"`] : []),
    x,
    ...some(),
    y,
    ...some()
  ]
  return `{${parts.join(',')}}`
}

function grammarLines(n: number): string[] {
  const rng = new Rng(0x9a11)
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const make = rng.pick([nginxLine, ginLine, jsonLine])
    out.push(make(rng))
  }
  return out
}

// ---------------------------------------------------------------------------------------------

describe('the plain-request patterns', () => {
  it('use only regex syntax that RE2 (Logs Insights) and JavaScript read alike', () => {
    for (const src of [PLAIN_REQUEST, PLAIN_REQUEST_EXCLUDE, PLAIN_STATUS_PARSE]) {
      expect(src).toMatch(/^[\x20-\x7e]*$/) // ASCII only
      expect(src).not.toMatch(/\(\?[=!]|\(\?<[=!]/) // no lookaround
      expect(src).not.toMatch(/\\[dDwWsSbBpP1-9]/) // no shorthands, boundaries, backreferences
      expect(src).not.toMatch(/\(\?[a-z]/) // no inline flags
      expect(src).not.toMatch(/(^|[^\\])\//) // every `/` escaped
      for (const m of src.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
        expect(Number(m[2] || m[1])).toBeLessThanOrEqual(1000)
      }
      expect(() => new RegExp(src)).not.toThrow()
    }
  })

  it('hold for every plain line of the golden inputs (corpus, mutations, generators)', () => {
    const inputs = goldenInputs()
    const r = checkAll(inputs)
    expect(r.failures).toEqual([])
    // The generators' access lines are mostly plain: the patterns are not vacuous.
    expect(r.plain).toBeGreaterThan(10_000)
  })

  it('hold for the labelled corpus, which has no plain line labelled as an error', () => {
    const r = checkAll(CORPUS.map(c => c.line))
    expect(r.failures).toEqual([])
    expect(r.plain).toBeGreaterThan(5)
    for (const c of CORPUS) {
      if (isPlainRequest(c.line)) {
        expect({ line: c.line, expect: c.expect, health: c.healthCheck ?? false }).toEqual({
          line: c.line,
          expect: null,
          health: false
        })
      }
    }
  })

  it('hold for lines built from their own grammar with adversarial pieces spliced in', () => {
    const lines = grammarLines(25_000)
    const r = checkAll(lines)
    expect(r.failures).toEqual([])
    expect(r.plain).toBeGreaterThan(1_000)
    expect(r.plain).toBeLessThan(lines.length)
  })

  it('match the simulator generators’ plain access lines in all three formats', () => {
    const now = Date.UTC(2026, 10, 25, 12)
    for (const format of ['nginx', 'gin', 'json']) {
      const sc = checkScenario(
        {
          logGroups: [
            {
              name: '/ecs/x',
              generate: [{ kind: 'access', format, count: 2000, healthCheckRate: 0.2 }]
            }
          ]
        },
        now
      )
      const [src] = sourcesFor(sc.logGroups[0] as (typeof sc.logGroups)[number])
      let plain = 0
      let plainStatuses = 0
      for (let i = 0; i < (src?.length ?? 0); i++) {
        const line = src?.message(i) ?? ''
        const h = parseHttpLine(line)
        const shouldBe =
          h !== undefined &&
          !h.healthCheck &&
          h.status < 500 &&
          h.status !== 401 &&
          h.status !== 403 &&
          !line.includes('µs')
        if (isPlainRequest(line)) {
          plain++
          expect(violation(line)).toBeUndefined()
        }
        if (shouldBe) plainStatuses++
        expect({ format, line, plain: isPlainRequest(line) }).toEqual({
          format,
          line,
          plain: shouldBe
        })
      }
      expect(plain).toBe(plainStatuses)
      expect(plain).toBeGreaterThan(1000)
    }
  })

  it('leave out near misses', () => {
    const ok = '10.0.1.5 - - [25/Nov/2026:12:00:00 +0000] "GET /api/orders HTTP/1.1" 200 512'
    expect(isPlainRequest(ok)).toBe(true)
    expect(plainStatus(ok)).toBe(200)
    const ua = (agent: string) => `${ok} "-" "${agent}"`
    expect(isPlainRequest(ua('curl/8.5.0'))).toBe(true)
    const misses = [
      ok.replace('200', '500'),
      ok.replace('200', '401'),
      ok.replace('200', '403'),
      ok.replace('GET', 'HEAD'),
      ok.replace('/api/orders', '/health'),
      ok.replace('/api/orders', '/api/ping'),
      ok.replace('/api/orders', '/v1/Status?verbose=1'),
      ua('ELB-HealthChecker/2.0'),
      ua('kube-probe/1.29'),
      ua('Mozilla (server started)'),
      `${ok}\n\tat com.x.A.b(A.java:1)`,
      `${ok}\r`,
      `${ok} \u001b[31m`,
      ua('é'),
      ua('x'.repeat(4000)),
      '[GIN] 2026/11/25 - 12:00:00 | 200 |      1.2ms |        10.0.0.1 | GET      "/healthz"',
      '[GIN] 2026/11/25 - 12:00:00 | 200 |      1.2ms |        10.0.0.1 | GET      "/x HTTP/1.1"',
      '{"level":"error","path":"/api/orders","status":200}',
      '{"level":"info","path":"/api/orders","status":200,"error":"connection refused"}',
      '{"level":"info","path":"/api/orders","status":200,"msg":"Listening on :8080"}',
      '{"level":"info","path":"/api/orders","status":500}',
      '{"level":"info","path":"/api/orders","status":"200"}',
      '{"level":"info","path":"/api/orders","status":200,"req":{"id":1}}',
      '{"path":"/api/orders","level":"info","status":200}',
      '{"level":"info","path":"/api/orders","status":200,"proto":"HTTP/1.1"}'
    ]
    for (const line of misses)
      expect({ line, plain: isPlainRequest(line) }).toEqual({ line, plain: false })
    // Path and status in either order; an error word in a path or agent is no error.
    expect(
      isPlainRequest(
        '{"level":"info","time":"2026-11-25T12:00:00Z","msg":"request completed","status":200,"path":"/v1/search","duration_ms":12}'
      )
    ).toBe(true)
    expect(isPlainRequest(ok.replace('/api/orders', '/errors/error-reports'))).toBe(true)
    expect(isPlainRequest(ua('TimeoutBot/1.0 (exception; panic)'))).toBe(true)
    expect(violation(ua('TimeoutBot/1.0 (exception; panic)'))).toBeUndefined()
  })
})
