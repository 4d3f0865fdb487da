/**
 * Plain requests: access-log lines that carry nothing for the diagnosis but their status, so the
 * Logs Insights engine can count them server-side (by log group and status) instead of fetching
 * them. They are most of what a busy service logs. Everything else — errors, traces, restarts,
 * health checks, 5xx, 401/403, and every line of a shape not listed here — is fetched and read
 * by the same `LogAnalyzer` as with FilterLogEvents.
 *
 * A line is plain when it matches {@link PLAIN_REQUEST} and not {@link PLAIN_REQUEST_EXCLUDE}.
 * The test `plain-requests.test.ts` proves, over the labelled corpus, the simulator's generators
 * and adversarial lines, that for every plain line `parseHttpLine` returns the status that
 * {@link PLAIN_STATUS_PARSE} extracts with `healthCheck: false`, `classify` finds no category,
 * `restartSignal` finds nothing, and the multi-line grouper never joins the line to an open
 * trace. So counting a plain line as "one event, one request with that status" is exactly what
 * the analyzer would have done with it.
 *
 * The patterns are deliberately narrow; correctness beats coverage (a line left out just crosses
 * the wire):
 * - nginx/Apache common and combined: `IP - user [time] "METHOD /path HTTP/x" status bytes`,
 *   optionally `"referer" "agent"` and extra unquoted fields (e.g. a request time);
 * - Gin: `[GIN] 2026/01/01 - 12:00:00 | 200 |  1.2ms |  10.0.0.1 | GET  "/path"`;
 * - flat JSON with `"level":"info|debug|warn"`, then `"path":"/…"` and `"status":NNN` in either
 *   order, and otherwise only keys from a fixed list (no error, no nested objects, no escapes).
 * Statuses 100–499 except 401 and 403 (which `classify` counts as `auth_error`); methods GET, POST,
 * PUT, PATCH, DELETE, OPTIONS (a `HEAD /` is a health check).
 *
 * Both engines must agree on what matches: Logs Insights uses RE2, the simulator and the tests
 * JavaScript. The patterns use only what both read alike: printable-ASCII character classes (so
 * a plain line is pure ASCII, one UTF-16 unit per code point), no lookaround, no backreferences,
 * no `\s`/`\w`/`\d` shorthands, no inline flags (case-insensitive words are spelled `[Hh][Ee]…`),
 * repeat counts whose nested product stays ≤ 1000 (RE2's maximum), and `/` always escaped (Insights delimits regexes by it).
 */

/** Statuses counted server-side: 100–499 except 401 and 403 (`classify` counts those). */
const STATUS = '(?:[1-3][0-9]{2}|40[0245-9]|4[1-9][0-9])'
const METHOD = '(?:GET|POST|PUT|PATCH|DELETE|OPTIONS)'
/** A path character: printable ASCII except space, `"`, `\` and `|`. */
const PATH_CHAR = '[!#-\\[\\]-{}~]'
/** Free text inside quotes (referer, user agent): printable ASCII except `"` and `\`. */
const QUOTED_CHAR = '[ !#-\\[\\]-~]'
/** A JSON string character: printable ASCII except `"`, `\` and `|`. */
const JSON_CHAR = '[ !#-\\[\\]-{}~]'

const NGINX =
  '[0-9]{1,3}(?:\\.[0-9]{1,3}){3} - (?:-|[A-Za-z0-9._@-]{1,64}) ' +
  '\\[[0-9]{2}\\/[A-Z][a-z]{2}\\/[0-9]{4}(?::[0-9]{2}){3} [+-][0-9]{4}\\] ' +
  `"${METHOD} \\/${PATH_CHAR}* HTTP\\/(?:1\\.[01]|2(?:\\.0)?)" ${STATUS} (?:[0-9]{1,15}|-)` +
  `(?: "${QUOTED_CHAR}*" "${QUOTED_CHAR}*")?(?: [!#-~]+)*`

const GIN =
  '\\[GIN\\] [0-9]{4}\\/[0-9]{2}\\/[0-9]{2} - [0-9]{2}:[0-9]{2}:[0-9]{2} ' +
  `\\| ${STATUS} \\| {1,20}[0-9][0-9.hmnsu]{0,20} \\| {1,40}[0-9A-Fa-f.:]{1,45} ` +
  `\\| ${METHOD} {1,10}"\\/${PATH_CHAR}*"`

/**
 * Keys a plain JSON request may have besides level, method, path and status: none of them is
 * read as a level, status, method, path or error by `http.ts` / `classify.ts`.
 */
const JSON_KEYS = [
  'time',
  'ts',
  'timestamp',
  'msg',
  'message',
  'logger',
  'caller',
  'pid',
  'hostname',
  'host',
  'service',
  'env',
  'version',
  'request_id',
  'requestId',
  'trace_id',
  'traceId',
  'span_id',
  'spanId',
  'remote_ip',
  'remote_addr',
  'client_ip',
  'ip',
  'user_agent',
  'userAgent',
  'referer',
  'referrer',
  'proto',
  'protocol',
  'query',
  'bytes',
  'bytes_in',
  'bytes_out',
  'size',
  'latency',
  'latency_ms',
  'duration',
  'duration_ms',
  'elapsed_ms',
  'response_time',
  'took'
] as const

const JSON_VALUE = `(?:"${JSON_CHAR}*"|-?[0-9]{1,15}(?:\\.[0-9]{1,15})?|true|false|null)`
const JSON_KV = `(?:"(?:${JSON_KEYS.join('|')})":${JSON_VALUE}|"method":"${METHOD}")`
const JSON_LEVEL = '(?:info|INFO|Info|debug|DEBUG|Debug|warn|WARN|Warn|warning|WARNING|Warning)'
const JSON_PATH = `"path":"\\/${PATH_CHAR}*"`
const JSON_STATUS = `"status":${STATUS}`
const JSON =
  `\\{(?:${JSON_KV},)*"level":"${JSON_LEVEL}"(?:,${JSON_KV})*` +
  `(?:,${JSON_PATH}(?:,${JSON_KV})*,${JSON_STATUS}|,${JSON_STATUS}(?:,${JSON_KV})*,${JSON_PATH})` +
  `(?:,${JSON_KV})*\\}`

/** A plain request line (before {@link PLAIN_REQUEST_EXCLUDE}), as RE2/JS regex source. */
export const PLAIN_REQUEST = `^(?:${NGINX}|${GIN}|${JSON})$`

/** `health` → `[Hh][Ee][Aa][Ll][Tt][Hh]`: case-insensitive without flags, `/` escaped. */
function anyCase(word: string): string {
  let out = ''
  for (const ch of word) {
    const lower = ch.toLowerCase()
    const upper = ch.toUpperCase()
    out += lower !== upper ? `[${upper}${lower}]` : ch === '/' ? '\\/' : ch
  }
  return out
}

/** Substrings (any case) of health checks (`http.ts`) and restart messages (`restarts.ts`). */
const EXCLUDED_WORDS = [
  // health-check paths and agents: isHealthPath, hasHealthCheckAgent
  'health',
  'heartbeat',
  'readyz',
  'livez',
  'readiness',
  'liveness',
  'probe',
  'googlehc',
  'envoy/hc',
  // shutdown and startup messages: restartSignal
  'shut',
  'sigterm',
  'sigint',
  'sigquit',
  'terminated',
  'signal',
  'stopping',
  'stopped',
  'closed',
  'exiting',
  'start',
  'listening',
  'booting',
  'ready to',
  'running'
]

/** Path segments that are health checks at the root or under a generic prefix (`/api/ping`). */
const HEALTH_SEGMENTS = [
  'ready',
  'live',
  'alive',
  'isalive',
  'ping',
  '_ping',
  'status',
  '_status',
  'statusz',
  'hc',
  'up',
  'ok',
  'healthy',
  'ruok',
  'lbcheck',
  'elb-status',
  'elb-check'
]

/**
 * Lines that look plain but are not counted server-side: a shape other than nginx that mentions
 * `HTTP/` (`parseHttpLine` would read a request line in it first), any mention of a health-check
 * word or path segment, any restart word, and lines of 4000 characters or more (`parseHttpLine`
 * reads the first 8 KB).
 */
export const PLAIN_REQUEST_EXCLUDE =
  '^[^0-9].*HTTP\\/|' +
  EXCLUDED_WORDS.map(anyCase).join('|') +
  `|\\/(?:${HEALTH_SEGMENTS.map(anyCase).join('|')})(?:[\\/?#" ]|$)` +
  '|^[ -~]{1000}[ -~]{1000}[ -~]{1000}[ -~]{1000}'

/**
 * The status of a plain request, as a `parse` pattern with the named group `httpStatus`. The
 * first match is the status in every plain shape: nothing before it can contain `| `,
 * `"status":` or `HTTP/x" ` (paths and JSON values exclude `|` and `"`).
 */
export const PLAIN_STATUS_PARSE = '(?:HTTP\\/[0-9.]+" |\\| |"status":)(?<httpStatus>[1-5][0-9]{2})'

const PLAIN_RE = new RegExp(PLAIN_REQUEST)
const EXCLUDE_RE = new RegExp(PLAIN_REQUEST_EXCLUDE)
const STATUS_RE = new RegExp(PLAIN_STATUS_PARSE)

/** Whether a log line is a plain request (what the Insights engine counts server-side). */
export function isPlainRequest(line: string): boolean {
  return PLAIN_RE.test(line) && !EXCLUDE_RE.test(line)
}

/** The status {@link PLAIN_STATUS_PARSE} extracts from a line, if any. */
export function plainStatus(line: string): number | undefined {
  const s = STATUS_RE.exec(line)?.groups?.httpStatus
  return s === undefined ? undefined : Number(s)
}
