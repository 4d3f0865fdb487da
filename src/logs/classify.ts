/**
 * Classifies one log event (a line, or a grouped multi-line stack trace) into at most one error
 * category (SPEC §3). Pure, never throws, and cheap on lines that are not errors.
 *
 * ## Precedence: the most specific category wins
 *
 * The seed took the first match of an ordered list that put `ERROR` before `oom`, `timeout`…
 * Here a category found from what the event *says* always beats one read from its log level, and
 * among those:
 *
 * 1. **Health checks** (access line to `/health`, `/healthz`, `/ready`, …, `HEAD /`, or the ELB
 *    health checker / `kube-probe` user agent): `null` with `healthCheck: true`, even when the
 *    check failed with a 5xx — the spec leaves them out of error counts and HTTP statistics.
 * 2. **Access lines** (nginx/Apache, ALB, Gin, Envoy, uvicorn, morgan…, see `http.ts`): the status
 *    decides — 5xx → `http_5xx`, 401/403 → `auth_error`, anything else → `null`. Nothing else in
 *    the line counts (a URL `/api/errors` or `/timeout` is not an error). So an access line with
 *    504 is `http_5xx`, while an application message "upstream timed out" is `timeout`.
 *    JSON/logfmt request logs are read the same way, except that an explicit cause in the record
 *    (error level, `"err":"…connection refused"`) is checked first (steps 4–7).
 * 3. **Level gate**: `DEBUG`/`TRACE`/`INFO`/`NOTICE` events are not errors (rule `level.info`…),
 *    whatever they mention (`INFO Registered error handler`, `INFO retrying after timeout=30s`).
 *    `WARN` events are not errors either (`level.warn`: retries, deprecations, client mistakes
 *    Spring "resolved"), except for a crash signal: an OOM kill, a Go panic, a fatal runtime
 *    error (step 4). The level comes from a JSON key (`level`, `severity`, `lvl`, `log.level`,
 *    `levelname`, `@l`, pino's numbers, Datadog's `status`, MongoDB's `s`), a logfmt key
 *    (`level=`, `lvl=eror`), else the line's prefix: an upper-case word (`ERROR`, `WARN`, `ERR`,
 *    `SEVERE`…), a bracketed one (`[error]`, `[proxy:error]`), a word with a colon that starts
 *    the line (`error: …`, `Error: …`, .NET `fail: …`), glog `E1125`, Rails `E, [`, syslog
 *    `<3>`. A level word after prose (`… cannot switch to DEBUG`) is not a level. PostgreSQL's
 *    `FATAL:  ` ends a session (a failed login), not the process: it reads as an error level.
 * 4. **Crash** (what makes a service `critical`): `oom` > `panic` > `fatal`.
 *    `oom`: Java `OutOfMemoryError` (also inside `ERROR …` lines and grouped traces), ECS
 *    `OutOfMemoryError: Container killed due to memory usage`, the Linux OOM killer, `OOMKilled`,
 *    Node `JavaScript heap out of memory`, Go `fatal error: runtime: out of memory`, Python
 *    `MemoryError` (a `MemoryError` traceback is `oom`), `Cannot allocate memory`, exit code 137,
 *    `signal: killed`. `panic`: Go `panic:` (whatever its cause: `panic: … connection refused` is
 *    a panic), `goroutine N [running]:`, `http: panic serving`, Rust `panicked at`, a `panic`
 *    level. `fatal`: Go `fatal error:` (`all goroutines are asleep`, `concurrent map writes`), Node
 *    `FATAL ERROR:`, the JVM crash banner, segmentation faults/`SIGSEGV`/`SIGABRT`, `Fatal Python
 *    error`, and a `FATAL`/`EMERG` level (`log.Fatal`, zap/logrus fatal: the process exits).
 * 5. **Cause**: `timeout` > `connection_error` > `auth_error`. `timeout`: `context deadline
 *    exceeded`, `i/o timeout`, `timed out`, `ETIMEDOUT`, `*TimeoutException`/`TimeoutError`,
 *    `ReadTimeout`, `… timeout exceeded`, gRPC `DEADLINE_EXCEEDED`, Hikari `request timed out
 *    after 30000ms`, gunicorn `WORKER TIMEOUT`. A connect that timed out is a timeout.
 *    `connection_error`: refused/reset/broken pipe/DNS (`no such host`, `ENOTFOUND`)/unreachable,
 *    `dial tcp`, `java.net.ConnectException`, `CommunicationsException`, psycopg2 `could not connect
 *    to server`, Envoy `upstream connect error`, gRPC `UNAVAILABLE`, TLS failures (`x509: …`,
 *    `SSLHandshakeException`, `certificate verify failed`). `auth_error`: AWS `AccessDenied`/`ExpiredToken`/
 *    `not authorized to perform`, `Unauthorized`, `Forbidden`, `permission denied`, invalid or
 *    expired tokens, `authentication failed`, `password authentication failed`. Generic
 *    "failed to connect" phrases rank below auth (pgx: `failed to connect … password
 *    authentication failed` is `auth_error`).
 * 6. **`http_5xx`** from the text of an application message: `status code 503`,
 *    `HTTP 502 Bad Gateway`, `"status":500`, `Internal Server Error`. In a grouped trace only the
 *    exception lines are read for this, not the header (Django's `Internal Server Error: /x`
 *    followed by a `KeyError` traceback is `python_traceback`).
 * 7. **Trace shape**: `python_traceback` (`Traceback (most recent call last):`, `File "x.py", line
 *    N`, a Python exception line such as `ValueError: …`) > `exception` (Java/Kotlin/.NET/JS/Ruby
 *    exception classes, `Caused by:`, stack frames `at x.y(Y.java:42)`, `Exception in thread`,
 *    unhandled promise rejections/uncaught exceptions, the word "exception"). A traceback whose
 *    cause is specific is that cause (`requests.exceptions.ConnectTimeout` → `timeout`).
 * 8. **Level only**: a `CRITICAL`/`ALERT` level → `fatal`; an error level in a JSON/logfmt record
 *    → `structured_error`; any other error level (`ERROR`, `[error]`, `E1125` glog, `<3>` syslog,
 *    Rails `E,`) → `error`.
 * 9. **No level**: a JSON/logfmt error field (`"error":"…"`, `err="…"`) → `structured_error`;
 *    the words `error(s)`, `failed`, `failure`, `crashed` → `error` (`structured_error` in a JSON
 *    or logfmt record), as do `command not found`, `no such file or directory`.
 *
 * ## Not crying wolf
 *
 * Words are taken only as words: not inside identifiers or paths (`error_count`, `ErrorDocument`,
 * `/errors`, `error-reports`, `error.html`), not with a zero or empty value (`errors: []`,
 * `"errors":0`, `error=<nil>`, `0 errors`, `errors (0)`), not negated (`no error`, `without errors`,
 * `non-fatal`), not naming code (`error handler`, `error page`), and timeouts not in settings
 * (`timeout: 30s`, `read_timeout=10`, `connect_timeout_ms=500`, `ReadTimeout:30s`). JVM flags
 * such as `-XX:+HeapDumpOnOutOfMemoryError` are not OOMs, Node GC traces (`Mark-Compact …
 * allocation failure`) are not errors. Every decision names its rule; `null` results say why
 * (`none`, `level.info`, `http.2xx`, `negative.zero-count`, `negative.identifier`…).
 *
 * Access-log 401/403 lines count as `auth_error` (rules `http.401`, `http.403`): one is a client
 * mistake, but a run of them is how a broken secret, key rotation or identity provider shows.
 * A consumer that wants to ignore client-side auth noise can filter on those two rules.
 *
 * ## Performance
 *
 * At most 8 KB of an event is read (for a grouped trace: its first 6 KB and last 2 KB, where a
 * Python traceback ends). Access lines are recognized by `indexOf` and read by hand (the last
 * parse is remembered, so `parseHttpLine` then `classify` on one message parses once), and the
 * newline, `{` and `=` that parse found serve the level too. The level is read from the first
 * 160 characters (`<timestamp> <LEVEL>` and JSON/logfmt values without cutting strings);
 * `INFO`/`DEBUG` lines stop there, `WARN` lines after one cheap look for crash words. Other
 * lines get one pass of a trigram table over their characters that says which stems they hold,
 * hence which rule families (oom, timeout, auth…) can match at all; only those run, and each
 * with just the alternatives whose required stems occur (`gateOf` reads them from the rules
 * at load time). No regular expression is built per call (a narrowed one once per combination
 * of stems, at most 512 kept per rule set), none backtracks more than linearly on long input,
 * and results are shared frozen objects. bench/classify.ts measures the throughput.
 */
import { hasHealthCheckAgent, jsonKeyEnd, type LineScan, parseHttpScan } from './http.js'
import type { Category, Classification, HttpLine } from './types.js'

// ---------------------------------------------------------------------------------------------
// Results

const resultCache = new Map<string, Classification>()

/** The shared frozen result of a rule (a rule name always maps to one category). */
function res(category: Category | null, rule: string, healthCheck = false): Classification {
  let r = resultCache.get(rule)
  if (r === undefined) {
    r = Object.freeze({ category, rule, healthCheck })
    resultCache.set(rule, r)
  }
  return r
}

const R_EMPTY = res(null, 'empty')
const R_NONE = res(null, 'none')
const R_HEALTH = res(null, 'healthcheck', true)
const R_LEVEL_DEBUG = res(null, 'level.debug')
const R_LEVEL_INFO = res(null, 'level.info')
const R_LEVEL_WARN = res(null, 'level.warn')
const R_GC = res(null, 'negative.gc-trace')
const R_HTTP_5XX = res('http_5xx', 'http.5xx')
const R_HTTP_401 = res('auth_error', 'http.401')
const R_HTTP_403 = res('auth_error', 'http.403')
const R_HTTP_OK = [
  res(null, 'http.1xx'),
  res(null, 'http.2xx'),
  res(null, 'http.3xx'),
  res(null, 'http.4xx')
] as const
const R_PANIC_LEVEL = res('panic', 'panic.level')
const R_FATAL_LEVEL = res('fatal', 'fatal.level')
const R_FATAL_CRITICAL = res('fatal', 'fatal.critical-level')
const R_EXCEPTION_CLASS = res('exception', 'exception.class')
const R_EXCEPTION_FRAME = res('exception', 'exception.frame')
const R_STRUCTURED_LEVEL = res('structured_error', 'structured_error.level')
const R_STRUCTURED_KEYWORD = res('structured_error', 'structured_error.keyword')
const R_ERROR_LEVEL = res('error', 'error.level')

// ---------------------------------------------------------------------------------------------
// Levels

const L_NONE = 0
const L_DEBUG = 1
const L_INFO = 2
const L_WARN = 3
const L_ERROR = 4
const L_CRITICAL = 5
const L_FATAL = 6
const L_PANIC = 7
/** Added to a level read from a JSON or logfmt key. */
const STRUCTURED = 8

/** Level names, lower-cased, as they appear in JSON/logfmt values and brackets. */
const LEVEL_NAMES = new Map<string, number>([
  ['trace', L_DEBUG],
  ['trc', L_DEBUG],
  ['trce', L_DEBUG],
  ['debug', L_DEBUG],
  ['dbg', L_DEBUG],
  ['dbug', L_DEBUG],
  ['verbose', L_DEBUG],
  ['vrb', L_DEBUG],
  ['fine', L_DEBUG],
  ['finer', L_DEBUG],
  ['finest', L_DEBUG],
  ['info', L_INFO],
  ['inf', L_INFO],
  ['information', L_INFO],
  ['informational', L_INFO],
  ['notice', L_INFO],
  ['warn', L_WARN],
  ['warning', L_WARN],
  ['wrn', L_WARN],
  ['error', L_ERROR],
  ['err', L_ERROR],
  ['eror', L_ERROR],
  ['severe', L_ERROR],
  ['crit', L_CRITICAL],
  ['critical', L_CRITICAL],
  ['crt', L_CRITICAL],
  ['alert', L_CRITICAL],
  ['fatal', L_FATAL],
  ['ftl', L_FATAL],
  ['emerg', L_FATAL],
  ['emergency', L_FATAL],
  ['panic', L_PANIC],
  ['dpanic', L_PANIC],
  ['pnc', L_PANIC]
])

for (const [name, level] of [...LEVEL_NAMES]) {
  LEVEL_NAMES.set(name.toUpperCase(), level)
  LEVEL_NAMES.set(name.charAt(0).toUpperCase() + name.slice(1), level)
}

/** Single-letter level values (JSON/logfmt only: `"level":"E"`). */
const LEVEL_LETTERS = new Map<string, number>([
  ['t', L_DEBUG],
  ['d', L_DEBUG],
  ['i', L_INFO],
  ['n', L_INFO],
  ['w', L_WARN],
  ['e', L_ERROR],
  ['c', L_CRITICAL],
  ['f', L_FATAL]
])

/** Bare upper-case level words found in a line's prefix (`ERROR`, `WARN`…). */
const UPPER_LEVELS = new Map<string, number>([
  ['TRACE', L_DEBUG],
  ['TRC', L_DEBUG],
  ['DEBUG', L_DEBUG],
  ['DBG', L_DEBUG],
  ['VERBOSE', L_DEBUG],
  ['VRB', L_DEBUG],
  ['FINE', L_DEBUG],
  ['FINER', L_DEBUG],
  ['FINEST', L_DEBUG],
  ['INFO', L_INFO],
  ['INF', L_INFO],
  ['NOTICE', L_INFO],
  ['LOG', L_INFO],
  ['WARN', L_WARN],
  ['WARNING', L_WARN],
  ['WRN', L_WARN],
  ['ERROR', L_ERROR],
  ['ERR', L_ERROR],
  ['EROR', L_ERROR],
  ['SEVERE', L_ERROR],
  ['CRITICAL', L_CRITICAL],
  ['CRIT', L_CRITICAL],
  ['FATAL', L_FATAL],
  ['FTL', L_FATAL],
  ['EMERG', L_FATAL],
  ['PANIC', L_PANIC],
  ['PNC', L_PANIC]
])

/** Words that name a level at the very start of a line (`error: …`, .NET `fail: …`). */
const LINE_START_LEVELS = new Map<string, number>([
  ['trace', L_DEBUG],
  ['trce', L_DEBUG],
  ['debug', L_DEBUG],
  ['dbug', L_DEBUG],
  ['info', L_INFO],
  ['notice', L_INFO],
  ['warn', L_WARN],
  ['warning', L_WARN],
  ['error', L_ERROR],
  ['err', L_ERROR],
  ['fail', L_ERROR],
  ['severe', L_ERROR],
  ['crit', L_CRITICAL],
  ['critical', L_CRITICAL],
  ['alert', L_CRITICAL],
  ['fatal', L_FATAL],
  ['emerg', L_FATAL],
  ['panic', L_PANIC]
])

const SYSLOG_SEVERITY = [L_FATAL, L_CRITICAL, L_CRITICAL, L_ERROR, L_WARN, L_INFO, L_INFO, L_DEBUG]
const PINO_LEVELS: Record<string, number> = {
  '10': L_DEBUG,
  '20': L_DEBUG,
  '30': L_INFO,
  '40': L_WARN,
  '50': L_ERROR,
  '60': L_FATAL
}

const JSON_LEVEL_RE =
  /\\?"(?:level|lvl|severity|levelname|levelName|level_name|log\.level|loglevel|logLevel|log_level|@l|@level|Level|Severity|severityText|severity_text|SeverityText|status|s)\\?"\s*:\s*\\?"?([A-Za-z]+|\d{1,3})(?![\w])/g
const LOGFMT_LEVEL_RE =
  /(?:^|\s)(?:level|lvl|severity|loglevel|log_level|log\.level)=["']?([A-Za-z]+)/
/** Prose before a level word means the word is part of the message, not its level. */
const PROSE_RE = /[A-Za-z]{2}: [a-z]|(?:Error|Exception|Throwable):|[a-z]{2,} [a-z]{2,} /

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** `LEVEL_NAMES` and pino's numbers, for the first look-up of `levelValue`. */
const EXACT_LEVELS = new Map<string, number>([...Object.entries(PINO_LEVELS), ...LEVEL_NAMES])

function levelValue(v: string): number {
  const exact = EXACT_LEVELS.get(v)
  if (exact !== undefined) return exact
  const lower = v.toLowerCase()
  const p = PINO_LEVELS[lower]
  if (p !== undefined) return p
  return (
    LEVEL_NAMES.get(lower) ?? (lower.length === 1 ? (LEVEL_LETTERS.get(lower) ?? L_NONE) : L_NONE)
  )
}

/**
 * The level of a line: from a JSON or logfmt key (plus `STRUCTURED`), else from its prefix.
 * `brace`, `equals`: the first `{` and `=` of the line when known, else -2.
 */
function detectLevel(line: string, brace: number, equals: number): number {
  const first = line.charCodeAt(0)
  if (brace === -2) brace = line.indexOf('{')
  if (brace !== -1) {
    // Fast path for the common `"level":` key, else every known key.
    const i = jsonKeyEnd(line, 'level":')
    const l = i !== -1 ? valueLevel(line, i) : -1
    if (l > L_NONE) return l + STRUCTURED
    // Every known key, until one holds a level (Datadog's `status` may hold an HTTP status).
    const re = JSON_LEVEL_RE
    re.lastIndex = 0
    for (let k = 0; k < 4; k++) {
      const m = re.exec(line)
      if (m === null) break
      const l = levelValue(m[1] as string)
      if (l !== L_NONE) return l + STRUCTURED
    }
    if (first === 123) return L_NONE // a JSON record without a level
  }
  if (equals === -2) equals = line.indexOf('=')
  if (equals !== -1) {
    const i = line.indexOf('level=')
    let l = -1
    if (i !== -1 && (i === 0 || line.charCodeAt(i - 1) === 32)) l = valueLevel(line, i + 6)
    if (l === -1 && (i !== -1 || line.indexOf('lvl=') !== -1 || line.indexOf('severity=') !== -1)) {
      const v = LOGFMT_LEVEL_RE.exec(line)?.[1]
      if (v !== undefined) l = levelValue(v)
    }
    if (l > L_NONE) return l + STRUCTURED
  }
  return positionalLevel(line)
}

/** Word character → 1…63, so that up to five of them pack into a small integer. */
const WORD_CODE = new Uint8Array(128)
for (let c = 48; c < 123; c++) {
  if (isWordChar(c)) WORD_CODE[c] = c < 58 ? c - 47 : c < 91 ? c - 54 : c === 95 ? 37 : c - 59
}
/** The names of `EXACT_LEVELS` up to 5 characters, as `packed` numbers. */
const PACKED_LEVELS = new Map<number, number>()
for (const [name, level] of EXACT_LEVELS) {
  if (name.length <= 5) PACKED_LEVELS.set(packed(name, 0, name.length), level)
}

/** The word characters `s[start, end)` (at most 5) as one number, 6 bits each. */
function packed(s: string, start: number, end: number): number {
  let key = 0
  for (let j = start; j < end; j++) key = key * 64 + (WORD_CODE[s.charCodeAt(j)] as number)
  return key
}

/**
 * The level of the value at `i` (optional spaces and quote, then letters and digits), -1 when
 * there is none. Short values are looked up without being cut out of the line.
 */
function valueLevel(s: string, i: number): number {
  let j = i
  while (s.charCodeAt(j) === 32) j++
  let c = s.charCodeAt(j)
  if (c === 92) c = s.charCodeAt(++j) // \" in an escaped JSON string
  if (c === 34 || c === 39) j++
  const start = j
  while (j < s.length && isWordChar(s.charCodeAt(j))) j++
  if (j === start) return -1
  if (j - start <= 5) {
    const l = PACKED_LEVELS.get(packed(s, start, j))
    if (l !== undefined) return l
  }
  return levelValue(s.slice(start, j))
}

const UPPER_LEVEL_RE =
  /(?<![\w])(TRACE|DEBUG|INFO|NOTICE|LOG(?=:)|WARN|WARNING|ERROR|ERR|EROR|SEVERE|CRITICAL|CRIT|FATAL|EMERG|PANIC|TRC|DBG|INF|WRN|FTL|PNC|VRB|VERBOSE|FINE|FINER|FINEST)(?![\w])/
const BRACKET_LEVEL_RE =
  /\[\s*(?:[\w-]+:)?(trace\d?|debug|info|notice|warn|warning|error|err|crit|critical|alert|emerg|fatal|panic|Trace|Debug|Info|Information|Notice|Warn|Warning|Error|Critical|Fatal|Verbose)\s*\]|\[([DIWEC]) \d{6} /

/** The level from a plain-text prefix: `2026-… ERROR [main] …`, `[error]`, `E1125 …`, `<3>`. */
function positionalLevel(line: string): number {
  const fast = timestampLevel(line)
  if (fast !== -1) return fast
  const s = line.length > 160 ? line.slice(0, 160) : line
  if (s.length === 0) return L_NONE
  const c0 = s.charCodeAt(0)
  // syslog <PRI>
  if (c0 === 60) {
    let j = 1
    let pri = 0
    while (j < 5 && isDigit(s.charCodeAt(j))) pri = pri * 10 + s.charCodeAt(j++) - 48
    if (j > 1 && s.charCodeAt(j) === 62) return SYSLOG_SEVERITY[pri % 8] ?? L_NONE
  }
  // glog/klog `E1125 12:00:00.123…`, Rails `E, [2026-…`
  if (c0 === 73 || c0 === 87 || c0 === 69 || c0 === 70 || c0 === 68) {
    const c1 = s.charCodeAt(1)
    if (
      (isDigit(c1) && isDigit(s.charCodeAt(4)) && s.charCodeAt(5) === 32) ||
      (c1 === 44 && s.charCodeAt(2) === 32 && s.charCodeAt(3) === 91)
    ) {
      return c0 === 73
        ? L_INFO
        : c0 === 87
          ? L_WARN
          : c0 === 69
            ? L_ERROR
            : c0 === 70
              ? L_FATAL
              : L_DEBUG
    }
  }
  // A level word with a colon that starts the line: `error: …`, `Error: …`, `fail: …`
  if (isLetter(c0)) {
    let j = 1
    while (j < 12 && isLetter(s.charCodeAt(j))) j++
    const after = s.charCodeAt(j)
    if (j >= 3 && after === 58) {
      const l = LINE_START_LEVELS.get(s.slice(0, j).toLowerCase())
      if (l !== undefined) return l
    }
  }
  const u = UPPER_LEVEL_RE.exec(s)
  // A bracketed level counts only before an upper-case one.
  const open = s.indexOf('[')
  const b = open !== -1 && (u === null || open < u.index) ? BRACKET_LEVEL_RE.exec(s) : null
  let m = u
  if (b !== null && (m === null || b.index < m.index)) m = b
  if (m === null || !validPrefix(s, m.index)) return L_NONE
  const word = m[1] ?? m[2] ?? ''
  if (m === u) {
    // PostgreSQL's `FATAL:  ` ends one session (a failed login…), its `PANIC:  ` the server.
    if (s.startsWith(':  ', m.index + word.length)) {
      if (word === 'FATAL') return L_ERROR
      if (word === 'PANIC') return L_FATAL
    }
    return UPPER_LEVELS.get(word) ?? L_NONE
  }
  const lower = word.toLowerCase()
  return LEVEL_NAMES.get(lower) ?? LEVEL_LETTERS.get(lower) ?? L_NONE
}

/** A timestamp-like prefix: digits (a `T` or `Z` right after one), `-:.,/+` and spaces. */
const TS_PREFIX_RE = /[-\d:.,/+ ]*(?:(?<=\d)[TZ][-\d:.,/+ ]*)*/y

/** `UPPER_LEVELS` by length. */
const UPPER_LEVELS_BY_LENGTH: [word: string, level: number][][] = []
for (const [word, level] of UPPER_LEVELS)
  (UPPER_LEVELS_BY_LENGTH[word.length] ??= []).push([word, level])

/**
 * `positionalLevel` for its most common shape: a timestamp-like prefix then an upper-case level
 * word, as in `2026-11-25 12:00:00.123  INFO 1 --- [main] …`. Such a prefix holds no level word
 * (its letters follow digits), no bracket and no prose, so the word after it is what the
 * general path finds. -1: another shape.
 */
function timestampLevel(line: string): number {
  const prefix = TS_PREFIX_RE
  prefix.lastIndex = 0
  prefix.test(line)
  const i = prefix.lastIndex
  if (i === 0 || i > 120 || isWordChar(line.charCodeAt(i - 1))) return -1
  // The upper-case word there, whole (not followed by a word character).
  let j = i
  while (j < i + 9) {
    const c = line.charCodeAt(j) // NaN past the end
    if (!(c >= 65 && c <= 90)) break
    j++
  }
  const after = line.charCodeAt(j)
  if (isWordChar(after) || j + 3 > 160) return -1
  let level = -1
  for (const [word, l] of UPPER_LEVELS_BY_LENGTH[j - i] ?? []) {
    let k = 0
    while (k < word.length && line.charCodeAt(i + k) === word.charCodeAt(k)) k++
    if (k === word.length) {
      level = l
      break
    }
  }
  if (
    level === -1 ||
    (level === L_INFO && j - i === 3 && line.charCodeAt(i) === 76 && after !== 58)
  ) {
    return -1 // not a level word, or `LOG` (a level only before `:`)
  }
  // PostgreSQL's `FATAL:  ` ends one session (a failed login…), its `PANIC:  ` the server.
  if ((level === L_FATAL || level === L_PANIC) && after === 58 && line.startsWith(':  ', j)) {
    const c1 = line.charCodeAt(i + 1)
    if (j - i === 5 && c1 === 65) return level === L_FATAL ? L_ERROR : L_FATAL
  }
  return level
}

function validPrefix(s: string, i: number): boolean {
  if (i === 0) return true
  if (i > 120) return false
  return !PROSE_RE.test(s.slice(0, i))
}

// ---------------------------------------------------------------------------------------------
// Rule sets

/** How a match is checked before it counts. */
const NO_CHECK = 0
/** A word: not in an identifier or path, not zero/empty, not negated, not naming code. */
const WORD = 1
/** A word that may be a setting (`timeout: 30s`). */
const SETTING = 2

type Rule = [name: string, source: string, check?: number]

/** A top-level alternative of a rule's expression. */
interface Alternative {
  rule: number
  source: string
  /** Stems (indexes in `STEMS`) one of which every match holds; null: none known. */
  gate: number[] | null
}

/** A rule set's expression without the alternatives that cannot match the current event. */
interface Narrowed {
  re: RegExp
  /** Capture group k → rule index (k - 1). */
  rules: number[]
}

interface RuleSet {
  re: RegExp
  names: string[]
  checks: number[]
  rules: Rule[]
  flags: string
  /** The rules' alternatives and their gates, read on first use (see `gatesOf`). */
  alternatives?: Alternative[]
  /** The stems of the gates; bit k of a narrowing key: `gateStems[k]` is present. */
  gateStems?: number[]
  /** Narrowed expressions by key; null: no alternative can match. */
  narrowed: Map<number, Narrowed | null>
}

/** The top-level alternatives of a regular expression's source. */
function topAlternatives(source: string): string[] {
  const out: string[] = []
  let depth = 0
  let inClass = false
  let start = 0
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') i++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i))
      start = i + 1
    }
  }
  out.push(source.slice(start))
  return out
}

/**
 * Whether the source has capture groups or backreferences of its own (they would be numbered
 * differently in a narrowed expression).
 */
function hasOwnGroups(source: string): boolean {
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') {
      if (!inClass && /[1-9k]/.test(source[i + 1] ?? '')) return true
      i++
    } else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(' && (source[i + 1] !== '?' || /^<[^=!]/.test(source.slice(i + 2, i + 4)))) {
      return true
    }
  }
  return false
}

/** Escaped characters that stand for themselves. */
const ESCAPED_LITERALS = new Set([...'.\\/()[]{}*+?|$^-\'":=<>!,#&%@~`;_ '])

/** Thrown by `gateOf`'s reader on syntax it does not follow. */
class Unreadable extends Error {}

/**
 * Stems (indexes in `STEMS`) one of which every match of the alternative holds, read from the
 * literal text the alternative requires; null when none is found. Conservative: optional parts,
 * classes and lookarounds require nothing, a group of several branches requires one stem of
 * each branch.
 */
function gateOf(alternative: string): number[] | null {
  try {
    return bestGate(requiredGates(alternative))
  } catch (e) {
    if (e instanceof Unreadable) return null
    throw e
  }
}

/** The most selective gate: the fewest stems, then the longest shortest stem. */
function bestGate(gates: number[][]): number[] | null {
  let best: number[] | null = null
  let bestShortest = 0
  for (const g of gates) {
    const shortest = Math.min(...g.map(id => (LOWER_STEMS[id] as string).length))
    if (
      best === null ||
      g.length < best.length ||
      (g.length === best.length && shortest > bestShortest)
    ) {
      best = g
      bestShortest = shortest
    }
  }
  return best
}

/** The longest stem in a required literal run, as a gate. */
function runGate(run: string): number[] | null {
  const lower = run.toLowerCase()
  let best = -1
  LOWER_STEMS.forEach((stem, id) => {
    if (lower.includes(stem) && (best === -1 || stem.length > (LOWER_STEMS[best] as string).length))
      best = id
  })
  return best === -1 ? null : [best]
}

/** The gates an expression requires: each is a list of stems one of which a match holds. */
function requiredGates(src: string): number[][] {
  const gates: number[][] = []
  let run = ''
  const flush = () => {
    const g = run === '' ? null : runGate(run)
    if (g) gates.push(g)
    run = ''
  }
  let i = 0
  while (i < src.length) {
    const c = src[i] as string
    let literal: string | null = null
    let group: string | null = null
    let zeroWidth = false
    if (c === '\\') {
      const d = src[i + 1] ?? ''
      if (d === 'n') literal = '\n'
      else if (d === 't') literal = '\t'
      else if (ESCAPED_LITERALS.has(d)) literal = d
      else if (d === 'b' || d === 'B') zeroWidth = true
      else if (!'dDsSwW'.includes(d)) throw new Unreadable(d)
      i += 2
    } else if (c === '[') {
      let j = i + 1
      if (src[j] === '^') j++
      if (src[j] === ']') j++
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1
      const body = src.slice(i + 1, j)
      // `[Pp]`: one letter in either case, which is what the scan sees.
      const lower = body.toLowerCase()
      if (/^[A-Za-z]{2}$/.test(body) && body[0] !== body[1] && lower[0] === lower[1]) {
        literal = lower[0] as string
      }
      i = j + 1
    } else if (c === '(') {
      let depth = 0
      let inClass = false
      let j = i
      for (; j < src.length; j++) {
        const d = src[j]
        if (d === '\\') j++
        else if (inClass) inClass = d !== ']'
        else if (d === '[') inClass = true
        else if (d === '(') depth++
        else if (d === ')' && --depth === 0) break
      }
      const inner = src.slice(i + 1, j)
      if (/^\?(?:=|!|<=|<!)/.test(inner)) zeroWidth = true
      else if (inner.startsWith('?:')) group = inner.slice(2)
      else throw new Unreadable(inner)
      i = j + 1
    } else if (c === '^' || c === '$') {
      zeroWidth = true
      i++
    } else if (c === '.' || c === ')' || c === '|') {
      if (c !== '.') throw new Unreadable(c)
      i++
    } else {
      literal = c
      i++
    }
    // Quantifier: {0,…}, ? and * make the atom optional.
    let min = 1
    let max = 1
    let quantified = false
    const q = src[i]
    if (q === '?' || q === '*' || q === '+') {
      min = q === '+' ? 1 : 0
      max = q === '?' ? 1 : Infinity
      quantified = true
      i++
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i))
      if (m) {
        min = Number(m[1])
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
        quantified = true
        i += m[0].length
      }
    }
    if (quantified && src[i] === '?') i++ // lazy
    if (zeroWidth) {
      flush()
    } else if (literal !== null && min >= 1) {
      run += literal
      if (max !== 1) flush()
    } else {
      flush()
      if (group !== null && min >= 1) {
        const branches = topAlternatives(group)
        if (branches.length === 1) gates.push(...requiredGates(group))
        else {
          const each = branches.map(b => bestGate(requiredGates(b)))
          if (each.every(g => g !== null)) gates.push([...new Set(each.flat() as number[])])
        }
      }
    }
  }
  flush()
  return gates
}

/** Distinct gate stems a set may have (keys are exact integers up to 2^52). */
const MAX_GATE_STEMS = 52

function ruleSet(rules: Rule[], flags: string): RuleSet {
  return {
    re: new RegExp(rules.map(r => `(${r[1]})`).join('|'), `g${flags}`),
    names: rules.map(r => r[0]),
    checks: rules.map(r => r[2] ?? NO_CHECK),
    rules,
    flags,
    narrowed: new Map()
  }
}

/** Reads the alternatives of a set's rules and their gates (once, on the set's first use). */
function gatesOf(set: RuleSet): number[] {
  if (set.gateStems !== undefined) return set.gateStems
  const alternatives: Alternative[] = []
  set.rules.forEach(([, source], rule) => {
    for (const alt of topAlternatives(source)) {
      alternatives.push({ rule, source: alt, gate: gateOf(alt) })
    }
  })
  const own = set.rules.some(([, source]) => hasOwnGroups(source))
  let stems = [...new Set(alternatives.flatMap(a => a.gate ?? []))]
  if (own || stems.length > MAX_GATE_STEMS) stems = []
  set.alternatives = alternatives
  set.gateStems = stems
  return stems
}

/**
 * `set` without the alternatives whose gate stems the scanned event lacks: an alternative that
 * cannot match anywhere in the text changes no match, so the narrowed expression finds the same
 * matches, of the same rules, in the same order. Undefined: use the whole set.
 */
function narrow(set: RuleSet): Narrowed | null | undefined {
  if (!scanned) return undefined
  const stems = gatesOf(set)
  if (stems.length === 0) return undefined
  let lo = 0
  let hi = 0
  for (let k = 0; k < stems.length; k++) {
    if (SEEN[stems[k] as number] !== scanNumber) continue
    if (k < 26) lo |= 1 << k
    else hi |= 1 << (k - 26)
  }
  const key = hi * 67108864 + lo
  let n = set.narrowed.get(key)
  if (n === undefined) {
    n = narrowed(set, k => (k < 26 ? (lo & (1 << k)) !== 0 : (hi & (1 << (k - 26))) !== 0))
    if (set.narrowed.size >= 512) set.narrowed.clear()
    set.narrowed.set(key, n)
  }
  return n
}

function narrowed(set: RuleSet, present: (k: number) => boolean): Narrowed | null {
  const stems = gatesOf(set)
  const byRule = new Map<number, string[]>()
  for (const alt of set.alternatives ?? []) {
    if (alt.gate !== null && !alt.gate.some(stem => present(stems.indexOf(stem)))) continue
    const list = byRule.get(alt.rule)
    if (list) list.push(alt.source)
    else byRule.set(alt.rule, [alt.source])
  }
  if (byRule.size === 0) return null
  const rules = [...byRule.keys()]
  const source = rules.map(r => `(${(byRule.get(r) as string[]).join('|')})`).join('|')
  return { re: new RegExp(source, `g${set.flags}`), rules }
}

/** Why the last candidate match was rejected (for the rule of a `null` result). */
let lastRejection: string | undefined

/** The name of the first rule of `set` that matches `text` and passes its check. */
function match(set: RuleSet, text: string): string | undefined {
  const n = narrow(set)
  if (n === null) return undefined
  const re = n === undefined ? set.re : n.re
  re.lastIndex = 0
  for (let guard = 0; guard < 64; guard++) {
    const m = re.exec(text)
    if (m === null) return undefined
    let k = 1
    while (k < m.length && m[k] === undefined) k++
    const rule = n === undefined ? k - 1 : (n.rules[k - 1] as number)
    const check = set.checks[rule] ?? NO_CHECK
    const name = set.names[rule] ?? 'unknown'
    if (check === NO_CHECK) return name
    const why = reject(text, m.index, m.index + m[0].length, check)
    if (why === undefined) return name
    lastRejection = why
    re.lastIndex = m.index + 1
  }
  return undefined
}

const ZERO_AFTER_RE =
  /s?(?:["']?\s*[:=]\s*["']?(?:0(?![\w.])|\[\s*\]|\{\s*\}|<nil>|""|''|(?:null|nil|none|false|n\/a)(?=\s*(?:[,;}\])"'&]|$)|\s+[\w.]+=))|\s+\(0\)|\s+0(?![\w.]))/iy
const SETTING_AFTER_RE =
  /s?["']?\s*[:=]\s*["']?\d|s? (?:is |set to |of )\d+\s*(?:ms|s|sec|seconds)?[\s,.;)]/iy
const NEGATION_BEFORE_RE =
  /(?:^|[^\w])(?:(?:no|zero|without(?: any)?|0)[\s-]+(?:[a-z]+[\s-]+)?|(?:non|not(?: an?| any)?|never)[\s-]+)$/i
const CODE_AFTER_RE =
  /s?[ _-](?:handlers?|handling|pages?|reporting|reporter|tracking|boundary|middleware|template|callback|listener|hook|rate|budget|threshold|metrics?|counter|logs?|logging)\b/iy

function reject(text: string, start: number, end: number, check: number): string | undefined {
  // Skip a leading boundary character the pattern consumed.
  if (start < end && !isWordChar(text.charCodeAt(start))) start++
  const before = start > 0 ? text.charCodeAt(start - 1) : 32
  const after = end < text.length ? text.charCodeAt(end) : 32
  if (before === 47 || before === 92 || before === 95) return 'negative.identifier'
  if (before === 45 && start >= 2 && isLetter(text.charCodeAt(start - 2)))
    return 'negative.identifier'
  if (after === 47 || after === 95) return 'negative.identifier'
  if ((after === 45 || after === 46) && isLetter(text.charCodeAt(end + 1)))
    return 'negative.identifier'
  ZERO_AFTER_RE.lastIndex = end
  if (ZERO_AFTER_RE.test(text)) return 'negative.zero-count'
  if (check === SETTING) {
    SETTING_AFTER_RE.lastIndex = end
    if (SETTING_AFTER_RE.test(text)) return 'negative.setting'
  }
  if (NEGATION_BEFORE_RE.test(text.slice(start > 24 ? start - 24 : 0, start))) {
    return 'negative.negated'
  }
  CODE_AFTER_RE.lastIndex = end
  if (CODE_AFTER_RE.test(text)) return 'negative.identifier'
  return undefined
}

// --- oom ---------------------------------------------------------------------------------------

const OOM_I = ruleSet(
  [
    ['oom.ecs', String.raw`container killed due to memory usage`],
    [
      'oom.killer',
      String.raw`out of memory: kill(?:ed)? process|\boom[-_]kill(?:er|ed)?\b|invoked oom-killer|memory cgroup out of memory|\boom_reaper\b|\bkilled process \d+ \(`,
      WORD
    ],
    ['oom.k8s', String.raw`\boomkilled\b(?!["']?\s*[:=]\s*["']?false)`],
    [
      'oom.node',
      String.raw`javascript heap out of memory|reached heap limit|allocation failed - (?:javascript )?heap|heap out of memory`
    ],
    ['oom.go', String.raw`runtime: out of memory`],
    [
      'oom.alloc',
      String.raw`cannot allocate memory|\benomem\b|std::bad_alloc|\bout of memory\b|memory limit (?:exceeded|reached)|exceeded (?:the |its )?memory limit|perhaps out of memory|\boom command not allowed|allowed memory size of \d+ bytes exhausted|\bmemory exhausted\b`,
      WORD
    ],
    [
      'oom.exit137',
      String.raw`\bexit(?:ed)?(?: with)?(?: exit)?[ _-]?(?:code|status)?["']?\s*[:=]?\s*137\b|\bsignal: killed\b|\b(?:killed|terminated) by signal 9\b|(?:^|\n)killed(?=\n|$)`
    ]
  ],
  'i'
)
const OOM_CS = ruleSet(
  [
    ['oom.java', String.raw`(?<![A-Za-z])OutOfMemory(?:Error|Exception)\b`],
    ['oom.python', String.raw`(?<![A-Za-z])MemoryError\b|_ArrayMemoryError\b`]
  ],
  ''
)

// --- panic -------------------------------------------------------------------------------------

const PANIC_CS = ruleSet(
  [
    ['panic.go', String.raw`(?:^|[\s"'>\]:=])panic: (?!false\b|true\b|0\b|null\b|nil\b)\S`],
    ['panic.goroutine', String.raw`(?:^|\n)goroutine \d+ \[[^\]\n]*\]:`],
    ['panic.signal', String.raw`\[signal SIG[A-Z]+: `],
    ['panic.rust', String.raw`thread '[^'\n]*' panicked at`],
    [
      'panic.recovered',
      String.raw`\bhttp: panic serving\b|\b[Pp]anic recovered\b|\b[Rr]ecovered from panic\b|\[PANIC RECOVER\]|\bpanicked\b|Kernel panic`
    ]
  ],
  ''
)

// --- fatal -------------------------------------------------------------------------------------

const FATAL_CS = ruleSet(
  [
    ['fatal.go', String.raw`(?:^|[\s"'>\]])fatal (?:runtime )?error: `],
    ['fatal.node', String.raw`(?:^|[\s"'>\]])FATAL ERROR: `],
    ['fatal.php', String.raw`(?:^|[\s"'>\]])(?:PHP )?Fatal error: `],
    [
      'fatal.jvm',
      String.raw`A fatal error has been detected by the Java Runtime|SIGSEGV \(0xb\) at pc=|# Problematic frame:`
    ],
    [
      'fatal.signal',
      String.raw`Segmentation fault|\bsegfault\b|\bSIG(?:SEGV|ABRT|BUS|ILL|FPE)\b|core dumped|double free or corruption|stack smashing detected|has overflowed its stack`
    ],
    ['fatal.python', String.raw`Fatal Python error`],
    ['fatal.supervisor', String.raw`entered FATAL state`],
    ['fatal.cli', String.raw`(?:^|\n)fatal: \S`]
  ],
  ''
)

// --- timeout -----------------------------------------------------------------------------------

const TIMEOUT_I = ruleSet(
  [
    ['timeout.deadline', String.raw`\bcontext deadline exceeded\b|\bdeadline[ _]?exceeded\b`],
    ['timeout.io', String.raw`\bi\/o timeout\b`],
    ['timeout.timed-out', String.raw`timed[ _-]?out\b`, WORD],
    [
      'timeout.phrase',
      String.raw`\b(?:request|connection|connect|read|write|socket|upstream|query|statement|lock wait|operation|handshake|worker|dial|response)[ _-]?timeout\b`,
      SETTING
    ],
    [
      'timeout.exceeded',
      String.raw`\btimeout (?:exceeded|expired|reached|occurred|occured|error|waiting|awaiting|while|elapsed|after \d|of \d+\s*\w*\s*(?:exceeded|reached)|on (?:request|read|connect))|\bexceeded (?:the )?(?:\w+ )?timeout\b|\bdue to (?:a )?timeout\b|\btook too long\b|\berrno 110\b`,
      WORD
    ]
  ],
  'i'
)
const TIMEOUT_CS = ruleSet(
  [
    [
      'timeout.class',
      String.raw`\b(?:[A-Z][\w$]*)?Timeout(?:Exception|Error)\b|\b[A-Z][\w$]*Timeout\b(?!["']?\s*[:=]\s*["']?\d)(?![(.])|\bsocket\.timeout\b|\bTimeout::Error\b|\bDEADLINE_EXCEEDED\b|\b[A-Z_]*TIMED_?OUT\b`
    ]
  ],
  ''
)

// --- connection ----------------------------------------------------------------------------------

const CONN_I = ruleSet(
  [
    [
      'connection.refused',
      String.raw`connection refused|econnrefused|connectionrefused|connection to \S+ refused|\berrno 111\b|\(111: |actively refused`,
      WORD
    ],
    [
      'connection.reset',
      String.raw`connection reset|econnreset|connectionreset|reset by peer|socket hang up|\berrno 104\b|\(104: |connection aborted|econnaborted|connectionaborted|remotedisconnected|server closed the connection unexpectedly|upstream prematurely closed|lost connection to|connection (?:was )?closed unexpectedly|connection terminated unexpectedly|closed by (?:the )?remote host|disconnect\/reset before headers|stream reset`,
      WORD
    ],
    ['connection.broken-pipe', String.raw`broken pipe|\bepipe\b|brokenpipe|\berrno 32\b`, WORD],
    [
      'connection.dns',
      String.raw`no such host|\benotfound\b|\beai_again\b|name or service not known|temporary failure in name resolution|nodename nor servname|unknownhostexception|could(?: not|n't) resolve host|could not translate host name|getaddrinfo (?:failed|enotfound|eai_again)|name resolution failed|dns (?:lookup|resolution) failed|unable to resolve host|server misbehaving`,
      WORD
    ],
    [
      'connection.unreachable',
      String.raw`\behostunreach\b|\benetunreach\b|no route to host|network is unreachable|host is unreachable|noroutetohostexception|\bhost is down\b|\behostdown\b`,
      WORD
    ],
    [
      'connection.upstream',
      String.raw`\b14 UNAVAILABLE\b|code = Unavailable\b|no connection established|upstream connect error|no healthy upstream|connect\(\) (?:to \S+ )?failed|communications link failure|too many connections|too many clients|failed to establish a new connection|newconnectionerror|connection pool exhausted|connection attempt failed|\bdial (?:tcp|udp|unix)\b`,
      WORD
    ],
    [
      'connection.tls',
      String.raw`\bx509: |certificate verify failed|certificate_verify_failed|\btls: (?:handshake failure|bad certificate|failed to verify|unrecognized name)|sslhandshakeexception|\bssl(?:\.ssl)?error\b|ssl routines|pkix path building failed|unable to find valid certification path|tls handshake (?:error|failed)|ssl handshake failed`
    ]
  ],
  'i'
)
const CONN_CS = ruleSet(
  [
    [
      'connection.class',
      String.raw`\b(?:ConnectException|SocketException|ClosedChannelException|CommunicationsException|ConnectionError|ConnectionRefusedError|ConnectionResetError|ConnectionAbortedError|BrokenPipeError|ConnectionClosedException|HttpHostConnectException|ConnectionException|CannotConnectError|ConnectionBad)\b`
    ]
  ],
  ''
)
const CONN_WEAK_I = ruleSet(
  [
    [
      'connection.failed',
      String.raw`\b(?:failed|unable|could not|couldn't|cannot|can't) (?:to )?(?:connect|establish (?:a )?connection|reach)\b|\berror connecting\b|\bconnection (?:error|failed|failure|lost|closed by peer)\b|\blost connection\b|\bconnect failed\b|\bdisconnected unexpectedly\b|\b(?:could|can)(?: ?not|n't) be established\b`,
      WORD
    ]
  ],
  'i'
)

// --- auth --------------------------------------------------------------------------------------

const AUTH_I = ruleSet(
  [
    [
      'auth.aws',
      String.raw`\baccessdenied(?:exception)?\b|\bunauthorizedoperation\b|\bunrecognizedclientexception\b|\binvalidclienttokenid\b|\bexpiredtoken(?:exception)?\b|\bsignaturedoesnotmatch\b|\binvalidaccesskeyid\b|\binvalidsignatureexception\b|security token included in the request is (?:invalid|expired)|not authorized to perform|\bauthfailure\b|\bmissingauthenticationtoken(?:exception)?\b|\bnotauthorizedexception\b|unable to locate credentials|\bnocredentialserror\b|could not load credentials|\bcredentialsprovidererror\b|the request signature we calculated does not match`
    ],
    [
      'auth.denied',
      String.raw`\baccess (?:is )?denied\b|\bpermission denied\b|\bpermissionerror\b|\beacces\b|\bpermission_denied\b|insufficient (?:permissions|privileges|scope)|\bforbidden\b|\bnot permitted to\b`,
      WORD
    ],
    [
      'auth.unauthorized',
      String.raw`\bunauthori[sz]ed\b|\bunauthenticated\b|\bnot authenticated\b|\bauth(?:entication)? (?:failed|failure|required|error)\b|failed to authenticate|\bauthenticationexception\b|\bauthenticationerror\b|\bauthorizationerror\b|\bauthorizationexception\b|password authentication failed|\blogin failed\b|\bnoauth\b|\bwrongpass\b|bad credentials|badcredentialsexception|invalid (?:username or password|credentials|password|user(?:name)? or password)|incorrect password|wrong password`,
      WORD
    ],
    [
      'auth.token',
      String.raw`\binvalid[ _-]?(?:token|jwt|signature|api[ _-]?key|access[ _-]?token|bearer|grant|client)\b|\b(?:token|jwt|session|credentials?) (?:has |is |are )?(?:expired|invalid|revoked)\b|\btokenexpirederror\b|\bjsonwebtokenerror\b|\bjwt (?:expired|malformed)\b|\bexpired[ _-]?token\b|\bmissing (?:bearer |auth(?:orization)? )?token\b|\bsignature verification failed\b`,
      WORD
    ],
    [
      'auth.http-text',
      String.raw`\b40[13] (?:unauthorized|forbidden)\b|\bstatus(?:[ _-]?code)?["']?\s*[:= ]\s*["']?40[13]\b|\bhttp(?:\/[\d.]+)? 40[13]\b`
    ]
  ],
  'i'
)

// --- http 5xx in a message -----------------------------------------------------------------------

const NOT_A_COUNT = String.raw`(?!\s*(?:rows?|items?|records?|bytes?|results?|entries|messages?|objects?|ms\b|users?|orders?|lines?|errors?|times?|documents?|keys?|events?|files?|tasks?|jobs?))`
const HTTP5XX_I = ruleSet(
  [
    [
      'http_5xx.text',
      String.raw`\b(?:status(?:[ _-]?code)?|http(?:[ _-]?(?:status|code))?|response(?:[ _-]?(?:code|status))?|statuscode)["']?\s*[:=]?\s*["']?\(?5\d\d\b${NOT_A_COUNT}|\bhttp\/[\d.]+ 5\d\d\b|(?:returned|responded with|received)(?: an?)?(?: http| status| code| status code| response)? ["'(]?5\d\d\b${NOT_A_COUNT}|\bgot (?:an? )?(?:http|status|code|status code|response) ["'(]?5\d\d\b|\b5\d\d (?:internal server error|bad gateway|service (?:temporarily )?unavailable|gateway time-?out|not implemented|server error)\b|(?:->|=>) ?5\d\d\b|\[5\d\d\] during \[|\b(?:internal server error|bad gateway|service (?:temporarily )?unavailable|gateway time-?out)\b|\bhttpservererrorexception\b|\binternalservererror\b|\bserviceunavailable(?:exception)?\b`
    ]
  ],
  'i'
)

// --- python --------------------------------------------------------------------------------------

const PY_BUILTINS =
  'ValueError|KeyError|AttributeError|IndexError|ZeroDivisionError|NameError|ImportError|ModuleNotFoundError|NotImplementedError|RecursionError|UnicodeDecodeError|UnicodeEncodeError|UnicodeError|FileNotFoundError|IsADirectoryError|NotADirectoryError|FileExistsError|OSError|IOError|LookupError|StopIteration|StopAsyncIteration|UnboundLocalError|IndentationError|TabError|OverflowError|KeyboardInterrupt|BlockingIOError|ChildProcessError|InterruptedError|ProcessLookupError|SystemError|EOFError|FloatingPointError|ArithmeticError|BufferError|JSONDecodeError|GeneratorExit|ExceptionGroup|BaseExceptionGroup'
const PY_MODULES =
  'json|django|sqlalchemy|psycopg2|psycopg|requests|urllib3|urllib|http\\.client|botocore|boto3|pydantic|pydantic_core|redis|celery|kombu|aiohttp|httpx|httpcore|flask|werkzeug|fastapi|starlette|uvicorn|gunicorn|pymongo|pymysql|MySQLdb|asyncpg|asyncio|concurrent|builtins|jinja2|yaml|marshmallow|rest_framework|google\\.api_core|grpc|openai|socket|ssl|subprocess|multiprocessing|pandas|numpy|jwt|jose'
const JAVA_ROOTS =
  'java|javax|jakarta|org|com|io|net|kotlin|kotlinx|scala|sun|jdk|software|reactor|akka|dev|ch|de|fr|uk|me|nl|se|br|edu|gov|android|androidx|okhttp3|retrofit2|feign|lombok|System|Microsoft'
const PYTHON_CS = ruleSet(
  [
    [
      'python.traceback',
      String.raw`Traceback \(most recent call last\)|During handling of the above exception|The above exception was the direct cause`
    ],
    ['python.frame', String.raw`(?:^|\n)\s*File "[^"\n]+", line \d+`],
    [
      'python.exception',
      String.raw`(?:^|\n)(?:builtins\.)?(?:${PY_BUILTINS})(?::\s|(?=\n|$))|(?:^|\n)(?:${PY_MODULES})\.[\w.]*[A-Z]\w*(?::\s|(?=\n|$))|(?:^|\n)(?:\w+\.)*[A-Z]\w*\.DoesNotExist(?::\s|(?=\n|$))|(?:^|\n)(?!(?:${JAVA_ROOTS})\.)(?:[a-z_]\w*\.)+[A-Z]\w*(?:Error|Exception)(?::\s|(?=\n|$))`
    ]
  ],
  ''
)

// --- exception -----------------------------------------------------------------------------------

const EXCEPTION_CS = ruleSet(
  [
    ['exception.thread', String.raw`Exception in thread "[^"\n]*" `],
    ['exception.caused-by', String.raw`(?:^|\n)\s*Caused by: `],
    ['exception.ruby', String.raw`\b(?:[A-Z]\w*::){1,6}[A-Z]\w*(?= \()`],
    ['exception.elixir', String.raw`(?:^|\n)\*\* \([\w.]+\)`]
  ],
  ''
)
const EXCEPTION_I = ruleSet(
  [
    [
      'exception.unhandled',
      String.raw`\bunhandled ?promise ?rejection|\bunhandled ?rejection\b|\buncaught ?exception\b|\buncaught \w*error\b|\bunhandled (?:exception|error)\b`,
      WORD
    ],
    ['exception.word', String.raw`\bexceptions?\b`, WORD]
  ],
  'i'
)
/** The end of an exception class name; the name itself is read backwards from there. */
const EXCEPTION_SUFFIX_RE = /(?:Exception|Error|Throwable)(?=[:\s\]);,"'>$]|\(['"]|$)/g

function isClassChar(c: number): boolean {
  return isWordChar(c) || c === 36
}

/**
 * An exception class: `NullPointerException`, `java.lang.Exception`, `TypeError`,
 * `HttpClientErrorException$NotFound` — a name ending in Exception/Error/Throwable whose last
 * segment starts with a capital (or is qualified), followed by `:`, a space, the end, `(`…
 */
function hasExceptionClass(text: string): boolean {
  const re = EXCEPTION_SUFFIX_RE
  re.lastIndex = 0
  for (let guard = 0; guard < 32; guard++) {
    const m = re.exec(text)
    if (m === null) return false
    const k = m.index
    let j = k
    while (j > 0 && isClassChar(text.charCodeAt(j - 1))) j--
    // A JVM flag names the error without reporting one: -XX:+HeapDumpOnOutOfMemoryError
    const flag = text.charCodeAt(j - 1)
    if ((flag === 43 || flag === 45) && text.charCodeAt(j - 2) === 58) continue
    if (j < k) {
      const c = text.charCodeAt(j)
      if (c >= 65 && c <= 90) return true
    } else if (k >= 2 && text.charCodeAt(k - 1) === 46 && isWordChar(text.charCodeAt(k - 2))) {
      return true
    }
  }
  return false
}

/** Stack frames: Java/Kotlin/.NET/Node `at …`, `... 12 more`, Ruby `from /app/x.rb:3:in`. */
const FRAME_RE =
  /(?:^|\n)[ \t]*at (?:async |new )?[\w$.<>[\]/:-]+(?: \[as [^\]\n]+\])? ?\(|(?:^|\n)[ \t]+at (?:\/|file:|node:)|(?:^|\n)[ \t]*\.\.\. \d+ (?:more|common frames omitted)|(?:^|\n)[ \t]+from \/\S+:\d+:in |(?:^|\n)[ \t]*Suppressed: /

// --- level-less errors ---------------------------------------------------------------------------

const STRUCTURED_FIELD_RE =
  /\\?"(?:error|err|exception|exc_info|stack|stacktrace|stack_trace|error_message|errorMessage|error\.message|error\.type|error\.kind|fault)\\?"\s*:\s*(?!null\b|false\b|""|\\"\\"|\[\]|\{\}|0\b|\\?"\\?"|\\?"(?:none|null|nil|false)\\?")\S|(?:^|\s)(?:err|error|exception)=(?!<nil>|nil\b|null\b|""|none\b|false\b|0\b|\s|$)/
const ERROR_WORD_I = ruleSet(
  [
    ['error.keyword', String.raw`\b(?:errors?|failed|failures?|crash(?:ed|es)?)\b`, WORD],
    [
      'error.not-found',
      String.raw`command not found|: not found$|no such file or directory|exec format error`
    ]
  ],
  'i'
)
const GC_TRACE_RE = /\bms: (?:Mark-Compact|Scavenge|Mark-sweep|Mark-Sweep|Minor Mark-Compact)\b/

// ---------------------------------------------------------------------------------------------
// Stem scan: one pass over the text finds which rule families can match at all

const F_OOM = 1
const F_PANIC = 2
const F_FATAL = 4
const F_TIMEOUT = 8
const F_CONN = 16
const F_AUTH = 32
const F_HTTP = 64
const F_PYTHON = 128
const F_EXCEPTION = 256
const F_ERROR = 512
const F_STRUCTURED = 1024
const F_CRASH = F_OOM | F_PANIC | F_FATAL

/**
 * Every match of a rule below contains one of its family's stems (case-insensitive), so a
 * family whose stems are absent is not tried. Stems are at least three characters long.
 */
const STEMS: [stem: string, families: number][] = [
  ['memory', F_OOM],
  ['oom', F_OOM],
  ['kill', F_OOM],
  ['heap', F_OOM],
  ['137', F_OOM],
  ['alloc', F_OOM],
  ['enomem', F_OOM],
  ['panic', F_PANIC],
  ['goroutine', F_PANIC],
  ['sig', F_PANIC | F_FATAL | F_AUTH],
  ['fatal', F_FATAL],
  ['seg', F_FATAL],
  ['core dump', F_FATAL],
  ['double free', F_FATAL],
  ['smashing', F_FATAL],
  ['problematic', F_FATAL],
  ['overflowed its', F_FATAL],
  ['timeout', F_TIMEOUT],
  ['timed', F_TIMEOUT],
  ['deadline', F_TIMEOUT],
  ['too long', F_TIMEOUT],
  ['errno', F_TIMEOUT | F_CONN | F_ERROR | F_EXCEPTION | F_PYTHON | F_STRUCTURED],
  ['refused', F_CONN],
  ['econn', F_CONN],
  ['conn', F_CONN],
  ['reset', F_CONN],
  ['hang up', F_CONN],
  ['abort', F_CONN],
  ['closed', F_CONN],
  ['pipe', F_CONN],
  ['host', F_CONN],
  ['eai_', F_CONN],
  ['notfound', F_CONN | F_EXCEPTION],
  ['name or service', F_CONN],
  ['name resolution', F_CONN],
  ['servname', F_CONN],
  ['resolv', F_CONN],
  ['getaddrinfo', F_CONN],
  ['dns', F_CONN],
  ['unreach', F_CONN],
  ['dial', F_CONN],
  ['upstream', F_CONN],
  ['communications', F_CONN],
  ['too many', F_CONN],
  ['(111', F_CONN],
  ['(104', F_CONN],
  ['socket', F_CONN],
  ['misbehav', F_CONN],
  ['lost', F_CONN],
  ['disconnect', F_CONN],
  ['reach', F_CONN],
  ['x509', F_CONN],
  ['certif', F_CONN],
  ['ssl', F_CONN],
  ['tls', F_CONN],
  ['handshake', F_CONN],
  ['pkix', F_CONN],
  ['denied', F_AUTH],
  ['auth', F_AUTH],
  ['cred', F_AUTH],
  ['token', F_AUTH],
  ['permi', F_AUTH],
  ['eacces', F_AUTH],
  ['forbid', F_AUTH],
  ['insufficient', F_AUTH],
  ['login', F_AUTH],
  ['wrongpass', F_AUTH],
  ['password', F_AUTH],
  ['expired', F_AUTH],
  ['jwt', F_AUTH],
  ['invalid', F_AUTH],
  ['access', F_AUTH],
  ['unrecognized', F_AUTH],
  ['401', F_AUTH],
  ['403', F_AUTH],
  ['status', F_HTTP],
  ['http', F_HTTP],
  ['respon', F_HTTP],
  ['returned', F_HTTP],
  ['received', F_HTTP],
  ['got', F_HTTP],
  ['server', F_HTTP],
  ['gateway', F_HTTP],
  ['unavailable', F_HTTP | F_CONN],
  ['implemented', F_HTTP],
  ['during', F_HTTP | F_PYTHON],
  ['traceback', F_PYTHON],
  ['file "', F_PYTHON],
  ['iteration', F_PYTHON],
  ['interrupt', F_PYTHON],
  ['generatorexit', F_PYTHON],
  ['doesnotexist', F_PYTHON],
  ['err', F_PYTHON | F_EXCEPTION | F_ERROR | F_STRUCTURED],
  ['exception', F_PYTHON | F_EXCEPTION | F_STRUCTURED],
  ['throwable', F_EXCEPTION],
  ['caused by', F_EXCEPTION],
  ['unhandled', F_EXCEPTION],
  ['uncaught', F_EXCEPTION],
  ['rejection', F_EXCEPTION],
  ['** (', F_EXCEPTION],
  ['\tat ', F_EXCEPTION],
  ['  at ', F_EXCEPTION],
  ['\nat ', F_EXCEPTION],
  ['... ', F_EXCEPTION],
  ['from /', F_EXCEPTION],
  ['suppressed', F_EXCEPTION],
  ['fail', F_ERROR],
  ['not found', F_ERROR],
  ['no such file', F_ERROR],
  ['crash', F_ERROR],
  ['exc_info', F_STRUCTURED],
  ['stack', F_STRUCTURED],
  ['fault', F_STRUCTURED]
]
// Ruby namespaces: `ActiveRecord::RecordNotFound (…)`.
for (let c = 97; c <= 122; c++) STEMS.push([`::${String.fromCharCode(c)}`, F_EXCEPTION])

/** For `gateOf`. */
const LOWER_STEMS = STEMS.map(([stem]) => stem.toLowerCase())

/** Character → symbol (0: a character no stem holds); letters fold to one symbol per case. */
const SYMBOL = new Uint8Array(128)
for (let c = 0; c < 26; c++) {
  SYMBOL[65 + c] = 1 + c
  SYMBOL[97 + c] = 1 + c
}
for (let c = 0; c < 10; c++) SYMBOL[48 + c] = 27 + c
for (const [ch, sym] of [
  [' ', 37],
  ['\t', 38],
  ['\n', 39],
  ['"', 40],
  ['/', 41],
  ['*', 42],
  ['(', 43],
  [':', 44],
  ['.', 45],
  ['_', 46]
] as const) {
  SYMBOL[ch.charCodeAt(0)] = sym
}

/** A stem under its first three symbols: the symbols after them, its families, its index. */
interface StemEntry {
  rest: number[]
  families: number
  id: number
}

/** Trigram (3 × 6 bits) → 1 + index in `BUCKETS`, 0 for none. */
const TRIGRAMS = new Uint8Array(1 << 18)
/** The same trigrams as bits (32 KB, where most look-ups end). */
const TRIGRAM_BITS = new Int32Array(1 << 13)
const BUCKETS: StemEntry[][] = []
STEMS.forEach(([stem, families], id) => {
  const syms = [...stem].map(ch => SYMBOL[ch.charCodeAt(0)] ?? 0)
  const t = ((syms[0] ?? 0) << 12) | ((syms[1] ?? 0) << 6) | (syms[2] ?? 0)
  let b = TRIGRAMS[t] ?? 0
  if (b === 0) {
    BUCKETS.push([])
    b = BUCKETS.length
    TRIGRAMS[t] = b
    TRIGRAM_BITS[t >>> 5] = (TRIGRAM_BITS[t >>> 5] as number) | (1 << (t & 31))
  }
  ;(BUCKETS[b - 1] as StemEntry[]).push({ rest: syms.slice(3), families, id })
})

/** Per stem: the number of the last scan that found it (see `stemFamilies`). */
const SEEN = new Int32Array(STEMS.length)
let scanNumber = 0
/** Whether the current event was scanned: `SEEN` then tells which stems it holds. */
let scanned = false

/** Words without which no crash rule (oom, panic, fatal) can match. */
const CRASH_HINT_RE =
  /oom|memory|kill|heap|panic|fatal|goroutine|sig|seg|core dump|137|alloc|smashing|double free|problematic/i

/** The families whose stems occur in `s`; records the stems found in `SEEN`. */
function stemFamilies(s: string): number {
  if (scanNumber === 0x7fffffff) {
    SEEN.fill(0)
    scanNumber = 0
  }
  const scan = ++scanNumber
  scanned = true
  const n = s.length
  let families = 0
  let key = 0
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i)
    key = ((key << 6) | (code < 128 ? (SYMBOL[code] as number) : 0)) & 0x3ffff
    if (((TRIGRAM_BITS[key >>> 5] as number) & (1 << (key & 31))) === 0) continue
    const bucket = BUCKETS[(TRIGRAMS[key] as number) - 1] as StemEntry[]
    for (let q = 0; q < bucket.length; q++) {
      const stem = bucket[q] as StemEntry
      if (SEEN[stem.id] === scan) continue
      const rest = stem.rest
      let k = 0
      while (k < rest.length) {
        const cc = s.charCodeAt(i + 1 + k)
        if ((cc < 128 ? SYMBOL[cc] : 0) !== rest[k]) break
        k++
      }
      if (k === rest.length) {
        families |= stem.families
        SEEN[stem.id] = scan
      }
    }
  }
  // A stack frame at the very start: `at com.x.Y.m(Y.java:3)`.
  if (n > 3 && s.charCodeAt(0) === 97 && s.charCodeAt(1) === 116 && s.charCodeAt(2) === 32) {
    families |= F_EXCEPTION
  }
  return families
}

// ---------------------------------------------------------------------------------------------
// classify

const HEAD_CHARS = 6144
const TAIL_CHARS = 2048
const MAX_CHARS = HEAD_CHARS + TAIL_CHARS
const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]/g

/** Capped, without ANSI escapes, `\r` or trailing whitespace. */
function prepare(message: string): string {
  let s = message
  if (s.length > MAX_CHARS) {
    const nl = s.indexOf('\n')
    if (nl !== -1 && nl < HEAD_CHARS) {
      // A grouped trace: its head and its end (where a Python traceback names the exception).
      let tail = s.slice(s.length - TAIL_CHARS)
      const t = tail.indexOf('\n')
      tail = t === -1 ? '' : tail.slice(t + 1)
      s = `${s.slice(0, HEAD_CHARS)}\n${tail}`
    } else {
      s = s.slice(0, MAX_CHARS)
    }
  }
  if (s.indexOf('\x1b') !== -1) s = s.replace(ANSI_RE, '')
  if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n')
  let end = s.length
  while (end > 0) {
    const c = s.charCodeAt(end - 1)
    if (c === 10 || c === 32 || c === 9) end--
    else break
  }
  return end === s.length ? s : s.slice(0, end)
}

/** For a multi-line event: the lines that carry meaning (no stack frames or code lines). */
function meaningfulLines(s: string): string {
  const lines = s.split('\n')
  const keep: string[] = []
  for (const line of lines) {
    if (line.length === 0) continue
    const c = line.charCodeAt(0)
    if (c === 32 || c === 9) {
      const t = line.trimStart()
      if (t.startsWith('Caused by:') || t.startsWith('Suppressed:') || t.startsWith('panic:')) {
        keep.push(t)
      }
      continue
    }
    if (c === 97 && line.startsWith('at ') && line.indexOf('(') !== -1) continue
    keep.push(line)
  }
  return keep.join('\n')
}

/** What parsing the HTTP status found out about the event, reused for its level. */
const SCAN: LineScan = { newline: -2, brace: -2, equals: -2 }

/**
 * The category of one log event (a line, or a grouped multi-line trace), with the rule that
 * decided it. See the module comment for the precedence. Never throws.
 */
export function classify(message: string): Classification {
  if (typeof message !== 'string' || message.length === 0) return R_EMPTY
  const s = prepare(message)
  if (s.length === 0) return R_EMPTY
  scanned = false
  const found = SCAN
  const http = parseHttpScan(s, found)
  if (http !== undefined) return classifyRequest(s, http, found)

  const nl = found.newline !== -2 ? found.newline : s.indexOf('\n')
  const firstLine = nl === -1 ? s : s.slice(0, nl)
  const lv = detectLevel(firstLine, found.brace, found.equals)
  const level = lv & 7
  if (level === L_INFO) return R_LEVEL_INFO
  if (level === L_DEBUG) return R_LEVEL_DEBUG
  let families: number
  if (level === L_WARN) {
    // A warning counts only for a crash: a cheap look for crash words first.
    if (!CRASH_HINT_RE.test(s)) return R_LEVEL_WARN
    families = F_CRASH
  } else {
    families = stemFamilies(s)
    if (level === L_NONE && families === 0) return R_NONE
  }
  if (hasHealthCheckAgent(firstLine)) return R_HEALTH
  lastRejection = undefined

  const multi = nl !== -1
  const scan = multi ? meaningfulLines(s) : s

  const crash = crashRule(scan, families)
  if (crash !== undefined) return crash
  if (level === L_WARN) return R_LEVEL_WARN
  if (level === L_PANIC) return R_PANIC_LEVEL
  if (level === L_FATAL) return R_FATAL_LEVEL

  const cause = causeRule(scan, families)
  if (cause !== undefined) return cause

  let r: string | undefined
  if ((families & F_HTTP) !== 0) {
    // HTTP 5xx named by the message; in a grouped trace by its exception lines, not its header.
    let statusText = scan
    if (multi) {
      const k = scan.indexOf('\n')
      statusText = k === -1 ? '' : scan.slice(k + 1)
    }
    if (statusText.length > 0 && (r = match(HTTP5XX_I, statusText)) !== undefined) {
      return res('http_5xx', r)
    }
  }
  if ((families & F_PYTHON) !== 0 && (r = match(PYTHON_CS, multi ? s : scan)) !== undefined) {
    return res('python_traceback', r)
  }
  if ((families & F_EXCEPTION) !== 0) {
    if ((r = match(EXCEPTION_CS, scan)) !== undefined) return res('exception', r)
    if (hasExceptionClass(scan)) return R_EXCEPTION_CLASS
    if (FRAME_RE.test(s)) return R_EXCEPTION_FRAME
    if ((r = match(EXCEPTION_I, scan)) !== undefined) return res('exception', r)
  }

  if (level === L_CRITICAL) return R_FATAL_CRITICAL
  if (level === L_ERROR) return lv >= STRUCTURED ? R_STRUCTURED_LEVEL : R_ERROR_LEVEL

  // No level.
  if ((families & F_STRUCTURED) !== 0 && STRUCTURED_FIELD_RE.test(firstLine)) {
    return res('structured_error', 'structured_error.field')
  }
  if ((families & F_ERROR) !== 0) {
    if (GC_TRACE_RE.test(firstLine)) return R_GC
    if ((r = match(ERROR_WORD_I, scan)) !== undefined) {
      // A JSON or logfmt record that reports an error without a level.
      const c0 = firstLine.charCodeAt(0)
      if (c0 === 123 || firstLine.indexOf('msg=') !== -1) return R_STRUCTURED_KEYWORD
      return res('error', r)
    }
  }
  return lastRejection !== undefined ? res(null, lastRejection) : R_NONE
}

/** oom > panic > fatal, from what the event says. */
function crashRule(scan: string, families: number): Classification | undefined {
  let r: string | undefined
  if ((families & F_OOM) !== 0 && (r = match(OOM_I, scan) ?? match(OOM_CS, scan)) !== undefined) {
    return res('oom', r)
  }
  if ((families & F_PANIC) !== 0 && (r = match(PANIC_CS, scan)) !== undefined)
    return res('panic', r)
  if ((families & F_FATAL) !== 0 && (r = match(FATAL_CS, scan)) !== undefined)
    return res('fatal', r)
  return undefined
}

/** timeout > connection_error > auth_error > "failed to connect". */
function causeRule(scan: string, families: number): Classification | undefined {
  let r: string | undefined
  if (
    (families & F_TIMEOUT) !== 0 &&
    (r = match(TIMEOUT_I, scan) ?? match(TIMEOUT_CS, scan)) !== undefined
  ) {
    return res('timeout', r)
  }
  if (
    (families & F_CONN) !== 0 &&
    (r = match(CONN_I, scan) ?? match(CONN_CS, scan)) !== undefined
  ) {
    return res('connection_error', r)
  }
  if ((families & F_AUTH) !== 0 && (r = match(AUTH_I, scan)) !== undefined)
    return res('auth_error', r)
  if ((families & F_CONN) !== 0 && (r = match(CONN_WEAK_I, scan)) !== undefined) {
    return res('connection_error', r)
  }
  return undefined
}

/** An access or request line: the status decides, after an explicit cause in a JSON/logfmt record. */
function classifyRequest(s: string, http: HttpLine, found: LineScan): Classification {
  if (http.healthCheck) return R_HEALTH
  if (http.format === 'json' || http.format === 'logfmt') {
    const nl = found.newline !== -2 ? found.newline : s.indexOf('\n')
    const level = detectLevel(nl === -1 ? s : s.slice(0, nl), found.brace, found.equals) & 7
    if (level === L_NONE || level >= L_ERROR) {
      lastRejection = undefined
      const families = stemFamilies(s)
      const r = crashRule(s, families) ?? causeRule(s, families & ~F_AUTH)
      if (r !== undefined) return r
    }
  }
  const status = http.status
  if (status >= 500) return R_HTTP_5XX
  if (status === 401) return R_HTTP_401
  if (status === 403) return R_HTTP_403
  return R_HTTP_OK[Math.floor(status / 100) - 1] ?? R_NONE
}
