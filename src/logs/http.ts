/**
 * Reads the HTTP status (and method, path) of an access-log line, for the HTTP status
 * distribution and for `classify`. Pure and cheap: every format is recognized by a fixed
 * substring first (`indexOf`), so lines that are not access lines cost a few scans.
 *
 * Formats:
 * - request line + status: nginx/Apache common and combined, Werkzeug, gunicorn, uvicorn
 *   (`INFO: 10.0.0.1:5000 - "GET / HTTP/1.1" 200 OK`), Django runserver, Envoy/Istio text,
 *   Traefik common, morgan `combined`/`common`/`short`, chi (`"GET …" from 10.0.0.1 - 500 …`),
 *   HAProxy (status before the request line);
 * - AWS ALB access logs (`elb_status_code`, else `target_status_code`);
 * - ASP.NET Core `Request finished HTTP/1.1 GET http://… - 500 …`;
 * - Gin / Fiber pipe tables (`[GIN] … | 503 | 1.2ms | 10.0.0.1 | GET "/api"`);
 * - morgan `dev`/`tiny` (`GET /api 500 12.345 ms - 21`);
 * - JSON (`status`, `statusCode`, `status_code`, `http.status_code`, `http.response.status_code`,
 *   `response_code`, `DownstreamStatus`, nested `"res":{"statusCode":…}` /
 *   `"response":{"status":…}`, also inside an escaped JSON string as Fluent Bit wraps it);
 * - logfmt (`status=503`, `status_code=503`, …);
 * - Rails `Completed 500 Internal Server Error in 12ms`, Phoenix `Sent 500 in 12ms`.
 * A bare `status` key (JSON or logfmt) counts only when the line also names a method or a path,
 * so `{"status":500}` in some unrelated record is not taken for a request.
 *
 * Health checks (`healthCheck: true`): the ELB health checker and its siblings by user agent
 * (`ELB-HealthChecker`, `kube-probe`, `GoogleHC`, Route 53, Consul, Envoy);
 * `HEAD /`; paths whose segment is `health`, `healthz`, `healthcheck`, `health-check`,
 * `readyz`, `livez`, `readiness`, `liveness`, `heartbeat`… (at most three segments before it,
 * e.g. `/actuator/health/liveness`, `/orders/api/health`), and the weaker `ready`, `live`,
 * `ping`, `status`, `hc`, `up`… only at the root or under a generic prefix (`/status`,
 * `/api/ping`, but not `/api/orders/42/status`).
 */
import type { HttpFormat, HttpLine } from './types.js'

const MAX_CHARS = 8192

const METHODS = new Set([
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'CONNECT',
  'TRACE',
  'PROPFIND',
  'PURGE'
])

/** `METHODS` by length, to read a method without cutting it out of the line first. */
const METHODS_BY_LENGTH: string[][] = []
for (const m of METHODS) (METHODS_BY_LENGTH[m.length] ??= []).push(m)

/** The method `s[start, end)` names (as a shared string), else undefined. */
function methodAt(s: string, start: number, end: number): string | undefined {
  const candidates = METHODS_BY_LENGTH[end - start]
  if (candidates === undefined) return undefined
  for (const m of candidates) {
    let k = 0
    while (k < m.length && s.charCodeAt(start + k) === m.charCodeAt(k)) k++
    if (k === m.length) return m
  }
  return undefined
}

const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]/g

const HEALTH_UA_RE = /HealthChecker|Health-Check|Health Check|kube-probe\/|GoogleHC\/|Envoy\/HC/

/** A health-check path (origin, query, fragment and a trailing slash allowed). */
const HEALTH_PATH_RE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]*)?(?:(?:\/[^/?#]+){0,3}\/(?:_?health(?:z|check|checks|-check|_check|-?status)?|readyz|livez|readiness|liveness|heartbeat|__heartbeat__|__lbheartbeat__|healthcheck\.\w+|health\.json)(?:\/[^/?#]+){0,2}|(?:\/(?:api|v\d+|internal|_|admin|management|mgmt|system|sys|monitoring|monitor|ops|private|public))?\/(?:ready|live|alive|isalive|ping|_ping|status|_status|statusz|hc|up|ok|healthy|ruok|lbcheck|elb-status|elb-check))\/?(?:[?#].*)?$/i

const ALB_START_RE = /^(?:https?|h2|grpcs?|wss?) \d{4}-/
const ALB_RE =
  /^(?:https?|h2|grpcs?|wss?) \S+ \S+ \S+ \S+ \S+ \S+ \S+ (\d{3}|-) (\d{3}|-) \S+ \S+ "(\S+) (\S+)[^"]*" "([^"]*)"/
/** Classic Load Balancer: the timestamp first, then the name, client, backend and three times. */
const CLB_RE =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:[\d.]+Z \S+ \S+ \S+ \S+ \S+ \S+ (\d{3}|-) (\d{1,3}|-) \d+ \d+ "(\S+) (\S+)[^"]*" "([^"]*)"/
const ASPNET_RE =
  /Request finished (?:in [\d.]+ ?ms )?(?:HTTP\/[\d.]+ ([A-Z]+) (\S+)(?: -)* )?([1-5]\d\d)\b/
const HAPROXY_RE = / -?\d+\/-?\d+\/-?\d+\/-?\d+\/\+?\d+ ([1-5]\d\d) /
const PIPE_STATUS_RE = /\|\s*([1-5]\d\d)\s*\|/
const MORGAN_RE = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (\/\S*) ([1-5]\d\d) \d/
const RAILS_RE = /\bCompleted ([1-5]\d\d) /
const PHOENIX_RE = /\bSent ([1-5]\d\d) in \d/

/** JSON keys that hold an HTTP status; group 1: the key, group 2: the status. */
const JSON_STATUS_RE =
  /\\?"(status|statusCode|status_code|StatusCode|http_status|httpStatus|http_status_code|response_status|responseStatus|response_code|responseCode|http\.status_code|http\.response\.status_code|elb_status_code|DownstreamStatus)\\?"\s*:\s*\\?"?([1-5]\d\d)(?![\d.])/
const FAST_STATUS_KEYS = ['status":', 'statusCode":', 'status_code":']
const JSON_METHOD_RE =
  /\\?"(?:method|requestMethod|request_method|http_method|httpMethod|http\.method|http\.request\.method|RequestMethod|verb)\\?"\s*:\s*\\?"([A-Za-z]+)/
const JSON_PATH_RE =
  /\\?"(?:path|url|uri|requestUrl|requestURI|request_uri|requestUri|request_path|requestPath|resourcePath|originalUrl|url\.path|url\.original|http\.url|http\.target|http\.path|RequestPath|route|request)\\?"\s*:\s*\\?"([^"\\]*)/
const LOGFMT_STATUS_RE =
  /(?:^|\s)(status|status_code|statusCode|http_status|http\.status_code|http\.response\.status_code|response_code)="?([1-5]\d\d)(?![\d.])/
const LOGFMT_METHOD_RE = /(?:^|\s)(?:method|http_method|http\.method|verb)="?([A-Za-z]+)/
const LOGFMT_PATH_RE = /(?:^|\s)(?:path|uri|url|request_uri|http\.path|http\.url|route)="?([^"\s]+)/
const REQUEST_VALUE_RE = /^([A-Z]{3,8}) (\S+)/

/**
 * The HTTP status of an access-log line (see the module comment for the formats), or
 * `undefined` when the line is not a request line. Never throws.
 */
export function parseHttpLine(message: string): HttpLine | undefined {
  if (typeof message !== 'string' || message.length === 0) return undefined
  let s = message.length > MAX_CHARS ? message.slice(0, MAX_CHARS) : message
  if (s.indexOf('\x1b') !== -1) s = s.replace(ANSI_RE, '')
  return parseHttp(s)
}

/**
 * Where `parseHttpScan` found the first newline of the text and the first `{` and `=` of its
 * first line (-2: not looked for), so that `classify` does not search for them again.
 */
export interface LineScan {
  newline: number
  brace: number
  equals: number
}

let lastText: string | undefined
let lastLine: HttpLine | undefined
const ignored: LineScan = { newline: -2, brace: -2, equals: -2 }

/**
 * `parseHttpLine` for text already capped and without ANSI escapes (used by `classify` and
 * `fingerprint`). The last result is remembered: a consumer that calls `parseHttpLine`,
 * `classify` and `fingerprint` on one message parses it once. Do not mutate the result.
 */
export function parseHttp(text: string): HttpLine | undefined {
  return parseHttpScan(text, ignored)
}

/** `parseHttp` that also reports what it found on the way in `scan`. */
export function parseHttpScan(text: string, scan: LineScan): HttpLine | undefined {
  if (text === lastText) {
    scan.newline = scan.brace = scan.equals = -2
    return lastLine
  }
  const r = parseHttpUncached(text, scan)
  lastText = text
  lastLine = r
  return r
}

function parseHttpUncached(text: string, scan: LineScan): HttpLine | undefined {
  const nl = text.indexOf('\n')
  scan.newline = nl
  scan.brace = scan.equals = -2
  const s = nl === -1 ? text : text.slice(0, nl)
  const h = s.indexOf('HTTP/')
  if (h > 1) {
    const r = requestLineFormats(s, s.charCodeAt(h - 1) === 32 ? h - 1 : s.indexOf(' HTTP/', h))
    if (r) return r
  }
  if (s.indexOf('|') !== -1) {
    const r = pipeFormat(s)
    if (r) return r
  }
  const brace = s.indexOf('{')
  scan.brace = brace
  let equals = -2
  if (brace === -1) scan.equals = equals = s.indexOf('=')
  if ((brace !== -1 || equals !== -1) && mayHoldStatusKey(s)) {
    const r = brace !== -1 ? jsonFormat(s) : undefined
    if (r) return r
    if (equals === -2) scan.equals = equals = s.indexOf('=')
    if (equals !== -1) {
      const l = logfmtFormat(s)
      if (l) return l
    }
  }
  const c = s.charCodeAt(0)
  // G, P, D, H, O: morgan dev/tiny lines start with the method.
  if (c === 71 || c === 80 || c === 68 || c === 72 || c === 79) {
    const m = MORGAN_RE.exec(s)
    if (m) return make('morgan', Number(m[3]), m[1], m[2], s)
  }
  if (beforeStatus(s, 'Completed ')) {
    const m = RAILS_RE.exec(s)
    if (m) return make('rails', Number(m[1]), undefined, undefined, s)
  }
  if (beforeStatus(s, 'Sent ')) {
    const m = PHOENIX_RE.exec(s)
    if (m) return make('phoenix', Number(m[1]), undefined, undefined, s)
  }
  if (s.indexOf('Request finished') !== -1) {
    const m = ASPNET_RE.exec(s)
    if (m) return make('aspnet', Number(m[3]), m[1], m[2], s)
  }
  return undefined
}

/**
 * Whether `s` holds `tatus` or `ponse`, as every status key does (`response_code`…). `us` is
 * rarer than the `t` that `tatus` starts with, so it is what the search looks for.
 */
function mayHoldStatusKey(s: string): boolean {
  for (let i = s.indexOf('us', 3); i !== -1; i = s.indexOf('us', i + 2)) {
    if (s.charCodeAt(i - 1) === 116 && s.charCodeAt(i - 2) === 97 && s.charCodeAt(i - 3) === 116)
      return true
  }
  return s.indexOf('ponse') !== -1
}

/** Whether `word` occurs followed by a digit 1–5 (as in `Completed 500`), before a full look. */
function beforeStatus(s: string, word: string): boolean {
  for (let i = s.indexOf(word); i !== -1; i = s.indexOf(word, i + 1)) {
    const c = s.charCodeAt(i + word.length)
    if (c >= 49 && c <= 53) return true
  }
  return false
}

/** Whether a request path is a health-check endpoint (see the module comment). */
export function isHealthPath(path: string): boolean {
  return path.length <= 256 && HEALTH_PATH_RE.test(path)
}

/** Whether the line names a health checker's user agent. */
export function hasHealthCheckAgent(line: string): boolean {
  return (
    (line.indexOf('Health') !== -1 ||
      line.indexOf('HC') !== -1 ||
      line.indexOf('kube-probe') !== -1) &&
    HEALTH_UA_RE.test(line)
  )
}

function make(
  format: HttpFormat,
  status: number,
  method: string | undefined,
  path: string | undefined,
  line: string
): HttpLine {
  const r: HttpLine = { status, healthCheck: false, format }
  if (method !== undefined && method !== '' && method !== '-')
    r.method = METHODS.has(method) ? method : method.toUpperCase()
  if (path !== undefined && path !== '' && path !== '-') r.path = stripOrigin(path)
  r.healthCheck =
    (r.method === 'HEAD' && (r.path === '/' || r.path === undefined)) ||
    (r.path !== undefined && isHealthPath(r.path)) ||
    hasHealthCheckAgent(line)
  return r
}

/**
 * A load balancer's access record matched by `re` (groups: the balancer's status, the target's,
 * method, path): the balancer's status, else the target's; null when `re` does not match.
 */
function balancerRecord(re: RegExp, s: string): HttpLine | undefined | null {
  const m = re.exec(s)
  if (!m) return null
  const elb = m[1] as string
  const target = m[2] as string
  const status = elb !== '-' ? Number(elb) : target !== '-' ? Number(target) : NaN
  return status >= 100 && status <= 599 ? make('alb', status, m[3], m[4], s) : undefined
}

function requestLineFormats(s: string, firstHttp: number): HttpLine | undefined {
  const c0 = s.charCodeAt(0)
  if ((c0 === 104 || c0 === 103 || c0 === 119) && ALB_START_RE.test(s)) {
    const r = balancerRecord(ALB_RE, s)
    if (r !== null) return r
  }
  // Classic Load Balancer: the ISO time first (`T` at index 10).
  if (c0 >= 48 && c0 <= 57 && s.charCodeAt(10) === 84) {
    const r = balancerRecord(CLB_RE, s)
    if (r !== null) return r
  }
  // At most three request lines are tried (a referer or a message may hold " HTTP/" too).
  let h = firstHttp
  for (let tries = 0; h > 0 && tries < 3; tries++) {
    const r = requestLineAt(s, h)
    if (r) return r
    h = s.indexOf(' HTTP/', h + 6)
  }
  return undefined
}

/** `METHOD PATH HTTP/x.y` ending at `h` (the space before `HTTP/`), then the status. */
function requestLineAt(s: string, h: number): HttpLine | undefined {
  const pathStart = s.lastIndexOf(' ', h - 1) + 1
  if (pathStart < 2) return undefined
  let methodStart = pathStart - 1
  while (methodStart > 0) {
    const c = s.charCodeAt(methodStart - 1)
    if (c < 65 || c > 90) break // A-Z
    methodStart--
  }
  const method = methodAt(s, methodStart, pathStart - 1)
  if (method === undefined) return undefined
  const path = s.slice(pathStart, h)
  // Skip "HTTP/1.1" and the closing quote.
  let i = h + 6
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if ((c >= 48 && c <= 57) || c === 46) i++
    else break
  }
  if (s.charCodeAt(i) === 34 || s.charCodeAt(i) === 39) i++
  if (s.charCodeAt(i) !== 32) {
    // HAProxy: the request line ends the line, the status comes before it.
    if (i >= s.length - 1) {
      const m = HAPROXY_RE.exec(s)
      if (m) return make('common', Number(m[1]), method, path, s)
    }
    return undefined
  }
  i++
  // chi: `"GET http://host/x HTTP/1.1" from 10.0.0.1:1234 - 500 12B in 1.2ms`
  if (s.startsWith('from ', i)) {
    const dash = s.indexOf(' - ', i)
    if (dash === -1 || dash - i > 80) return undefined
    i = dash + 3
  }
  const status = threeDigits(s, i)
  if (status === 0) return undefined
  return make('common', status, method, path, s)
}

/** The status at `i` when the text there is exactly three digits 100–599, else 0. */
function threeDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48
  const b = s.charCodeAt(i + 1) - 48
  const c = s.charCodeAt(i + 2) - 48
  if (!(a >= 1 && a <= 5 && b >= 0 && b <= 9 && c >= 0 && c <= 9)) return 0
  const d = s.charCodeAt(i + 3)
  if (d >= 48 && d <= 57) return 0
  return a * 100 + b * 10 + c
}

/** Whether `c` is a character of the regular expression class `\s`. */
function isSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 160 &&
        (c === 160 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff)
}

/**
 * Gin's table, read as the first match of
 * `/\|\s*([1-5]\d\d)\s*\|[^|]*\|[^|]*\|\s*([A-Z]{3,8})\s*(?:\|\s*)?"?([^\s"|]*)/` would read it
 * (status, 1–8 upper-case letters of the method, path), without a regular expression.
 */
function pipeFormat(s: string): HttpLine | undefined {
  for (let p = s.indexOf('|'); p !== -1; p = s.indexOf('|', p + 1)) {
    let i = p + 1
    while (isSpace(s.charCodeAt(i))) i++
    const a = s.charCodeAt(i) - 48
    const b = s.charCodeAt(i + 1) - 48
    const c = s.charCodeAt(i + 2) - 48
    if (!(a >= 1 && a <= 5 && b >= 0 && b <= 9 && c >= 0 && c <= 9)) continue
    i += 3
    while (isSpace(s.charCodeAt(i))) i++
    if (s.charCodeAt(i) !== 124) continue
    const p2 = s.indexOf('|', i + 1)
    const p3 = p2 === -1 ? -1 : s.indexOf('|', p2 + 1)
    if (p3 === -1) continue
    let m = p3 + 1
    while (isSpace(s.charCodeAt(m))) m++
    let e = m
    while (e < m + 8) {
      const u = s.charCodeAt(e) // NaN past the end
      if (!(u >= 65 && u <= 90)) break
      e++
    }
    if (e - m < 3) continue
    // The first match decides: a method that is not one ends the search.
    const method = methodAt(s, m, e)
    if (method === undefined) break
    while (isSpace(s.charCodeAt(e))) e++
    if (s.charCodeAt(e) === 124) {
      e++
      while (isSpace(s.charCodeAt(e))) e++
    }
    if (s.charCodeAt(e) === 34) e++
    let end = e
    while (end < s.length) {
      const u = s.charCodeAt(end)
      if (u === 34 || u === 124 || isSpace(u)) break
      end++
    }
    return make('gin', a * 100 + b * 10 + c, method, s.slice(e, end), s)
  }
  // Without a method, only Gin's own prefix makes a pipe table an access line.
  if (s.indexOf('[GIN]') === -1) return undefined
  const m = PIPE_STATUS_RE.exec(s)
  return m ? make('gin', Number(m[1]), undefined, undefined, s) : undefined
}

/** `"key":` at `i`: the three-digit status after it (optionally quoted), else 0. */
function statusAfter(s: string, i: number): number {
  let j = i
  while (s.charCodeAt(j) === 32) j++
  if (s.charCodeAt(j) === 34) j++
  return threeDigits(s, j)
}

/**
 * The index just after `"key":` (`key` given as `key":`), else -1. The search leaves the leading
 * quote out: `indexOf` is much slower on a pattern that starts with a common character.
 */
export function jsonKeyEnd(s: string, keyQuoteColon: string): number {
  let from = 0
  for (let tries = 0; tries < 8; tries++) {
    const i = s.indexOf(keyQuoteColon, from)
    if (i === -1) return -1
    const before = s.charCodeAt(i - 1)
    if (before === 34 || before === 92) return i + keyQuoteColon.length
    from = i + 1
  }
  return -1
}

/** The string value of `"key":"…"`, else undefined. */
function stringAfter(s: string, keyQuoteColon: string): string | undefined {
  const i = jsonKeyEnd(s, keyQuoteColon)
  if (i === -1) return undefined
  let j = i
  while (s.charCodeAt(j) === 32) j++
  if (s.charCodeAt(j) !== 34) return undefined
  const end = s.indexOf('"', j + 1)
  return end === -1 ? undefined : s.slice(j + 1, end)
}

function jsonFormat(s: string): HttpLine | undefined {
  // Fast paths for the usual keys, then every known key.
  let key = ''
  let status = 0
  for (const k of FAST_STATUS_KEYS) {
    const i = jsonKeyEnd(s, k)
    if (i !== -1) {
      status = statusAfter(s, i)
      if (status !== 0) {
        key = k === 'status":' ? 'status' : 'statusCode'
        break
      }
    }
  }
  if (status === 0) {
    const m = JSON_STATUS_RE.exec(s)
    if (!m) return undefined
    key = m[1] as string
    status = Number(m[2])
  }
  let method = stringAfter(s, 'method":')
  if (method === undefined) method = JSON_METHOD_RE.exec(s)?.[1]
  let path = stringAfter(s, 'path":') ?? stringAfter(s, 'url":') ?? stringAfter(s, 'uri":')
  if (path === undefined) path = JSON_PATH_RE.exec(s)?.[1]
  // `"request":"GET /x HTTP/1.1"`: the value starts with an upper-case method.
  const p0 = path === undefined ? 0 : path.charCodeAt(0)
  if (path !== undefined && p0 >= 65 && p0 <= 90) {
    const req = REQUEST_VALUE_RE.exec(path)
    if (req && METHODS.has(req[1] as string)) {
      method ??= req[1]
      path = req[2]
    }
  }
  if (key === 'status' && method === undefined && path === undefined) return undefined
  return make('json', status, method, path, s)
}

function logfmtFormat(s: string): HttpLine | undefined {
  const m = LOGFMT_STATUS_RE.exec(s)
  if (!m) return undefined
  const method = LOGFMT_METHOD_RE.exec(s)?.[1]
  const path = LOGFMT_PATH_RE.exec(s)?.[1]
  if (m[1] === 'status' && method === undefined && path === undefined) return undefined
  return make('logfmt', Number(m[2]), method, path, s)
}

/** `https://host:443/a/b?x` → `/a/b?x`. */
function stripOrigin(path: string): string {
  const se = path.indexOf('://')
  if (se > 0 && se < 10) {
    const slash = path.indexOf('/', se + 3)
    return slash === -1 ? '/' : path.slice(slash)
  }
  return path
}
