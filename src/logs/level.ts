/**
 * The log level of a line, read without regular expressions on the common shapes: a JSON or
 * logfmt key (`"level":"error"`, `level=error`, pino's numbers, Datadog's `status`…), else the
 * line's prefix (`2026-… ERROR`, `[error]`, `error: …`, glog `E1125`, Rails `E, [`, syslog
 * `<3>`). A level word after prose is part of the message, not its level. Pure.
 */
import { jsonKeyEnd } from './http.js'

export const L_NONE = 0
export const L_DEBUG = 1
export const L_INFO = 2
export const L_WARN = 3
export const L_ERROR = 4
export const L_CRITICAL = 5
export const L_FATAL = 6
export const L_PANIC = 7
/** Added to a level read from a JSON or logfmt key. */
export const STRUCTURED = 8

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

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}
export function isWordChar(c: number): boolean {
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
export function detectLevel(line: string, brace: number, equals: number): number {
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
      // PostgreSQL's `FATAL:  ` (two spaces, then its lower-case prose) ends one session.
      if (l === L_FATAL && j === 5 && s.charCodeAt(1) === 65 && POSTGRES_FATAL_RE.test(s)) {
        return L_ERROR
      }
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

const POSTGRES_FATAL_RE = /^FATAL: {2}[a-z_]+[ ,] ?[a-z"]/

function validPrefix(s: string, i: number): boolean {
  if (i === 0) return true
  if (i > 120) return false
  return !PROSE_RE.test(s.slice(0, i))
}
