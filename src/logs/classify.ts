/**
 * Classifies one log event (a line, or a grouped multi-line stack trace) into at most one error
 * category. Pure, never throws, and cheap on lines that are not errors.
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
 * ## Rules as data
 *
 * Steps 4–9 are the tables in `rules/` (one file per family), in the order of
 * `rules/index.ts`: precedence is their order there. `rules/compile.ts` prepares and checks them
 * the first time an event needs them (a pattern the prefilter cannot read is an error there; the
 * tests compile them when they load).
 *
 * ## Performance
 *
 * At most 8 KB of an event is read (for a grouped trace: its first 6 KB and last 2 KB, where a
 * Python traceback ends). Access lines are recognized by `indexOf` and read by hand, and the
 * newline, `{` and `=` that parse found serve the level too. The level is read from the first
 * 160 characters; `INFO`/`DEBUG` lines stop there. Other lines get one pass of a trigram table
 * over their characters (`scan`) that says which rule alternatives can match at all, from the
 * stems each one requires; only those run. No regular expression is built per call, none
 * backtracks more than linearly on long input, and results are shared frozen objects.
 * bench/classify.ts measures the throughput.
 */
import { hasHealthCheckAgent, type LineScan, parseHttpScan } from './http.js'
import { detectLevel, L_DEBUG, L_ERROR, L_INFO, L_NONE, L_WARN, STRUCTURED } from './level.js'
import { compileRules, result } from './rules/compile.js'
import { type CompiledRules, type EventTexts, runRequest, runSteps, scan } from './rules/engine.js'
import { CRASH, PRECEDENCE, REQUEST_PRECEDENCE } from './rules/index.js'
import type { Classification, HttpLine } from './types.js'

let compiled: CompiledRules | undefined

/**
 * The rule tables, compiled and checked on first use (~10-40 ms): a command that classifies
 * nothing, and the time to a run's first AWS request, do not pay for them. The tests compile
 * them up front, so a table the compiler refuses fails there.
 */
export function rules(): CompiledRules {
  return (compiled ??= compileRules(PRECEDENCE, REQUEST_PRECEDENCE, CRASH))
}

const R_EMPTY = result(null, 'empty')
const R_NONE = result(null, 'none')
const R_HEALTH = result(null, 'healthcheck', true)
const R_LEVEL_DEBUG = result(null, 'level.debug')
const R_LEVEL_INFO = result(null, 'level.info')
const R_LEVEL_WARN = result(null, 'level.warn')
const R_HTTP_5XX = result('http_5xx', 'http.5xx')
const R_HTTP_401 = result('auth_error', 'http.401')
const R_HTTP_403 = result('auth_error', 'http.403')
const R_HTTP_OK = [
  result(null, 'http.1xx'),
  result(null, 'http.2xx'),
  result(null, 'http.3xx'),
  result(null, 'http.4xx')
] as const
/** The `null` results of a guard's rejection, by its reason. */
const R_REJECTED = new Map<string, Classification>()
function rejected(why: string): Classification {
  let r = R_REJECTED.get(why)
  if (r === undefined) R_REJECTED.set(why, (r = result(null, why)))
  return r
}
for (const why of [
  'negative.identifier',
  'negative.zero-count',
  'negative.setting',
  'negative.negated'
])
  rejected(why)

// ---------------------------------------------------------------------------------------------
// Preparing an event

const HEAD_CHARS = 6144
const TAIL_CHARS = 2048
const MAX_CHARS = HEAD_CHARS + TAIL_CHARS
const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]/g

/** Capped, without ANSI escapes, `\r` or trailing whitespace. */
export function prepare(message: string): string {
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

/**
 * Working memory of one `classify` call, written before it is read in every call and holding
 * nothing between calls (classify is synchronous and calls nothing that classifies). One per
 * call was 16 MB of garbage per 400,000 lines in bench/classify.ts, and the young generation
 * collections it cost made the classifier about 4% slower.
 */
const FOUND: LineScan = { newline: -2, brace: -2, equals: -2 }
const DOTNET_RECORD_RE = /^(?:fail|crit|warn|info|dbug|trce): [\w.]+(?:, [^\n]*)?\[\d+\]\n/

/** For a multi-line event: the lines that carry meaning (no stack frames or code lines). */
export function meaningfulLines(s: string): string {
  const lines = s.split('\n')
  const keep: string[] = []
  // .NET's console logger indents a record's message and exception under `fail: Category[id]`.
  const dotnet = DOTNET_RECORD_RE.test(s)
  for (const line of lines) {
    if (line.length === 0) continue
    const c = line.charCodeAt(0)
    if (c === 32 || c === 9) {
      const t = line.trimStart()
      if (
        t.startsWith('Caused by:') ||
        t.startsWith('Suppressed:') ||
        t.startsWith('panic:') ||
        (dotnet && !t.startsWith('at '))
      ) {
        keep.push(t)
      }
      continue
    }
    if (c === 97 && line.startsWith('at ') && line.indexOf('(') !== -1) continue
    keep.push(line)
  }
  return keep.join('\n')
}

/**
 * The category of one log event (a line, or a grouped multi-line trace), with the rule that
 * decided it. See the module comment for the precedence. Never throws.
 */
export function classify(message: string): Classification {
  if (typeof message !== 'string' || message.length === 0) return R_EMPTY
  const s = prepare(message)
  if (s.length === 0) return R_EMPTY
  const found = FOUND
  const http = parseHttpScan(s, found)
  if (http !== undefined) return classifyRequest(s, http, found)

  const nl = found.newline !== -2 ? found.newline : s.indexOf('\n')
  const firstLine = nl === -1 ? s : s.slice(0, nl)
  const lv = detectLevel(firstLine, found.brace, found.equals)
  const level = lv & 7
  if (level === L_INFO) return R_LEVEL_INFO
  if (level === L_DEBUG) return R_LEVEL_DEBUG
  const tables = rules()
  // A warning counts only for a crash; most hold no crash word at all.
  if (level === L_WARN && !tables.crashHint.test(s)) return R_LEVEL_WARN
  const mask = tables.work.fill(0)
  if (level === L_WARN) {
    // Read for crashes where a stem of a crash rule occurs, whether or not a rule may match.
    if (!scan(tables.crashScanner, s, mask)) return R_LEVEL_WARN
  } else if (!scan(tables.scanner, s, mask) && level === L_NONE) return R_NONE
  if (hasHealthCheckAgent(firstLine)) return R_HEALTH

  const multi = nl !== -1
  const ev: EventTexts = {
    event: s,
    message: multi ? meaningfulLines(s) : s,
    firstLine,
    multi,
    afterFirstLine: undefined,
    why: undefined
  }
  return (
    runSteps(tables, ev, mask, level, lv >= STRUCTURED) ??
    (ev.why !== undefined ? rejected(ev.why) : R_NONE)
  )
}

/** An access or request line: the status decides, after an explicit cause in a JSON/logfmt record. */
function classifyRequest(s: string, http: HttpLine, found: LineScan): Classification {
  if (http.healthCheck) return R_HEALTH
  if (http.format === 'json' || http.format === 'logfmt') {
    const nl = found.newline !== -2 ? found.newline : s.indexOf('\n')
    const level = detectLevel(nl === -1 ? s : s.slice(0, nl), found.brace, found.equals) & 7
    if (level === L_NONE || level >= L_ERROR) {
      const tables = rules()
      const mask = tables.work.fill(0)
      if (scan(tables.scanner, s, mask)) {
        const r = runRequest(tables, s, mask)
        if (r !== undefined) return r
      }
    }
  }
  const status = http.status
  if (status >= 500) return R_HTTP_5XX
  if (status === 401) return R_HTTP_401
  if (status === 403) return R_HTTP_403
  return R_HTTP_OK[Math.floor(status / 100) - 1] ?? R_NONE
}
