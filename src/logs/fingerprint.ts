/**
 * A fingerprint groups repeated errors: the same error with other ids, numbers, IPs,
 * times or durations gets the same key; different errors get different keys. Pure, never throws.
 *
 * What is kept of an event:
 * - an access line: `HTTP <status> <METHOD> <path>` (query string dropped, ids masked);
 * - a JSON record: its message (`msg`, `message`, `@m`, `event`, or a wrapped `log` string)
 *   plus its error (`err.message`, `error`, `exception`…) when that adds something;
 *   a logfmt record: `msg` plus `err`/`error`;
 * - a grouped trace: the first line (the log line announcing it), the exception line — for Java
 *   the root cause (the last `Caused by:`), for Python the final exception line — and the first
 *   stack frame that locates it (Java/Node/.NET method, the innermost Python frame, the Go
 *   function that panicked), without line numbers or arguments, since those change with every
 *   deploy while the bug stays the same: `Unhandled exception while processing POST /x |
 *   java.lang.IllegalStateException: Cart <n> is already checked out @
 *   com.example.orders.OrderService.checkout`;
 * - any other line: its first line.
 * The leading timestamp, level, thread, pid, logger and caller are stripped. Then variable parts
 * are masked: URL credentials and query strings, emails, ARNs, UUIDs, X-Ray trace ids, dates and
 * times (ISO 8601, RFC 1123, nginx/syslog), IPv4/IPv6 addresses (ports become `<n>`), `0x…` and
 * hex ids of 6+ characters with a digit (task ids, request ids, pointers), long mixed
 * letter/digit tokens, quoted strings that hold a digit, durations (`30ms`, `1.5s`, `1m30s`,
 * `5000 ms`), sizes, and numbers (an HTTP status after `status`/`HTTP`/`code` is kept).
 *
 * `text` is that normalized text (≤ 200 characters); `key` is a 64-bit hash (FNV-1a and a
 * Murmur-style lane, 16 hex digits) of the normalized text before the cut to 200 characters.
 */
import { parseHttp } from './http.js'
import type { Fingerprint } from './types.js'

const MAX_INPUT = 16 * 1024
const MAX_TEXT = 200
const MAX_HASHED = 600
const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]/g
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f]/g

// --- choosing what to keep -----------------------------------------------------------------------

const EXCEPTION_LINE_RE =
  /^(?:Exception in thread "[^"]*" )?(?:[\w$]+\.)*[A-Z][\w$]*(?:Exception|Error|Throwable)(?:[:\s(]|$)|^(?:[A-Z]\w*::){1,6}[A-Z]\w* \(|^Unhandled exception\. |^FATAL ERROR: |^Error: /
const JAVA_FRAME_RE = /^\s*at (?:async |new )?([\w$.<>[\]/-]+?)(?: \[as [^\]]+\])? ?\(/
const NODE_PATH_FRAME_RE = /^\s+at (\/\S+?)(?::\d+)*\s*$/
const PY_FRAME_RE = /^\s*File "([^"]+)", line \d+, in (\S+)/
const GO_FUNC_RE = /^[^\s(]+\.[^\s]*\(.*\)(?: \{.*\})?$/

function firstLineOf(s: string): string {
  const nl = s.indexOf('\n')
  return nl === -1 ? s : s.slice(0, nl)
}

/** The meaningful parts of a grouped trace, or undefined for a single line. */
function traceParts(s: string): string[] | undefined {
  if (s.indexOf('\n') === -1) return undefined
  const lines = s.split('\n', 400).filter(l => l.trim().length > 0)
  const head = lines[0]
  if (head === undefined) return undefined

  // Python traceback.
  const tb = lines.findIndex(l => l.startsWith('Traceback (most recent call last)'))
  if (tb !== -1) {
    let exc: string | undefined
    let frame: string | undefined
    for (const l of lines) {
      const c = l.charCodeAt(0)
      if (c === 32 || c === 9) {
        const m = PY_FRAME_RE.exec(l)
        if (m) frame = `${basename(m[1] as string)}:${m[2] as string}`
      } else if (
        !l.startsWith('Traceback (') &&
        !l.startsWith('During handling of the above exception') &&
        !l.startsWith('The above exception was the direct cause') &&
        !l.startsWith('... ')
      ) {
        exc = l
      }
    }
    const out: string[] = []
    if (tb > 0) out.push(head)
    if (exc !== undefined && exc !== head) out.push(exc)
    return withFrame(out, frame)
  }

  // Go panic / fatal error.
  if (/^(?:panic: |fatal error: )/.test(head) || /\bpanic\b/.test(head)) {
    let frame: string | undefined
    let inGoroutine = false
    for (const l of lines) {
      if (/^goroutine \d+ \[/.test(l)) {
        inGoroutine = true
        continue
      }
      if (!inGoroutine) continue
      if (GO_FUNC_RE.test(l)) {
        const fn = l.slice(0, l.lastIndexOf('('))
        if (!/^(?:runtime\.|panic$)/.test(fn)) {
          frame = fn
          break
        }
      }
    }
    const panicLine = lines.find(l => /^(?:panic: |fatal error: )/.test(l))
    const out = [head]
    if (panicLine !== undefined && panicLine !== head) out.push(panicLine)
    else if (head.trimEnd().endsWith(':') && lines[1] !== undefined) out.push(lines[1])
    return withFrame(out, frame)
  }

  // Java / Kotlin / .NET / Node / Ruby: header, (root cause) exception, first frame.
  let exc: string | undefined
  let cause: string | undefined
  let frame: string | undefined
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as string
    const t = l.trimStart()
    if (t.startsWith('Caused by: ')) {
      cause = t.slice(11)
      continue
    }
    if (frame === undefined) {
      const m = JAVA_FRAME_RE.exec(l) ?? NODE_PATH_FRAME_RE.exec(l)
      if (m) {
        frame = m[1]
        continue
      }
    }
    if (exc === undefined && frame === undefined && EXCEPTION_LINE_RE.test(l)) exc = l
  }
  const root = cause ?? exc
  // A banner such as Node's `<--- JS stacktrace --->` says nothing: the exception does.
  const out = root !== undefined && /^<-+ .* -+>$/.test(head) ? [] : [head]
  if (root !== undefined && root !== head) out.push(root)
  return withFrame(out, frame)
}

function withFrame(parts: string[], frame: string | undefined): string[] {
  if (frame !== undefined && frame.length > 0) parts.push(`@ ${frame}`)
  return parts
}

function basename(path: string): string {
  const i = path.lastIndexOf('/')
  return i === -1 ? path : path.slice(i + 1)
}

// --- JSON / logfmt ---------------------------------------------------------------------------------

const MESSAGE_KEYS = ['msg', 'message', '@m', '@mt', 'event', 'MessageTemplate', 'Message']
const ERROR_KEYS = ['err', 'error', 'exception', 'exc_info', 'stack_trace', 'error.message']

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return undefined
}

/** The message and error of a JSON record, or undefined when the line is not one. */
function jsonText(line: string, depth = 0): string | undefined {
  const b = line.indexOf('{')
  if (b === -1 || b > 80) return undefined
  let o: unknown
  try {
    o = JSON.parse(line.slice(b))
  } catch {
    return jsonTextByRegex(line)
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return undefined
  const rec = o as Record<string, unknown>
  // Fluent Bit / FireLens wrap the application's line in `log`.
  const wrapped = str(rec.log)
  if (wrapped !== undefined && depth === 0) {
    return jsonText(wrapped, 1) ?? (wrapped.trim().length > 0 ? wrapped : undefined)
  }
  let msg: string | undefined
  for (const k of MESSAGE_KEYS) {
    msg = str(rec[k])
    if (msg !== undefined) break
  }
  let err: string | undefined
  for (const k of ERROR_KEYS) {
    const v = rec[k]
    if (v !== null && typeof v === 'object') {
      const e = v as Record<string, unknown>
      err = str(e.message) ?? str(e.msg) ?? str(e.type) ?? str(e.kind)
      const t = str(e.type)
      if (err !== undefined && t !== undefined && t !== err && !err.startsWith(t))
        err = `${t}: ${err}`
    } else {
      err = str(v)
    }
    if (err !== undefined && err.length > 0) break
  }
  if (err !== undefined) err = firstLineOf(err)
  if (msg === undefined) return err
  if (err === undefined || msg.includes(err) || err.includes(msg)) {
    return err !== undefined && err.includes(msg) ? err : msg
  }
  return `${msg}: ${err}`
}

const JSON_MSG_RE = /"(?:msg|message)"\s*:\s*"((?:[^"\\]|\\.)*)"/
const JSON_ERR_RE = /"(?:err|error)"\s*:\s*"((?:[^"\\]|\\.)*)"/

function jsonTextByRegex(line: string): string | undefined {
  const m = JSON_MSG_RE.exec(line)?.[1]
  const e = JSON_ERR_RE.exec(line)?.[1]
  if (m === undefined) return e
  return e !== undefined && e !== m ? `${m}: ${e}` : m
}

const LOGFMT_MSG_RE = /(?:^|\s)msg=(?:"((?:[^"\\]|\\.)*)"|(\S+))/
const LOGFMT_ERR_RE = /(?:^|\s)(?:err|error)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/

function logfmtText(line: string): string | undefined {
  const m = LOGFMT_MSG_RE.exec(line)
  if (!m) return undefined
  const msg = (m[1] ?? m[2] ?? '').replace(/\\"/g, '"')
  const e = LOGFMT_ERR_RE.exec(line)
  const err = e ? (e[1] ?? e[2] ?? '').replace(/\\"/g, '"') : undefined
  return err !== undefined && err.length > 0 && !msg.includes(err) ? `${msg}: ${err}` : msg
}

// --- prefix ----------------------------------------------------------------------------------

const LEVELS =
  'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|CRITICAL|CRIT|FATAL|PANIC|EMERG|ALERT|TRC|DBG|INF|WRN|FTL|PNC'

// Prefix rules by the first character of what is left.
const PREFIX_SPACE = [/^\s+/]
const PREFIX_BRACKET = [/^\[[^\]\n]{0,120}\]:?\s*/]
const PREFIX_ANGLE = [/^<\d{1,3}>\s*/]
const PREFIX_DIGIT: RegExp[] = [
  // ISO 8601 and friends
  /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?(?:Z| ?[+-]\d\d:?\d\d| ?UTC| ?GMT)?)?:?\s+/,
  /^\d{4}\/\d\d\/\d\d(?: -)? \d\d:\d\d:\d\d(?:[.,]\d+)?\s*/,
  /^\d{1,2}:\d\d(?::\d\d)?(?:[.,]\d+)?(?: ?[AP]M)?\s+/,
  /^\d{10}(?:\.\d+)?\s+/,
  // nginx error log `31#31: *9921 `, a pid before a bracket, Spring Boot `1 --- `
  /^\d+#\d+: (?:\*\d+ )?/,
  /^\d+\s+(?=\[)/,
  /^\d+ +---\s+/
]
const PREFIX_SEPARATOR = [/^(?:---|--|-|\||:|»)\s+/]
const PREFIX_WORD: RegExp[] = [
  // syslog/JUL dates: `Nov 25 12:00:00`, `Tue Nov 25 12:00:00 2026`, `Nov 25, 2026 12:00:00 PM`
  /^(?:[A-Z][a-z]{2},? )?[A-Z][a-z]{2} [ \d]?\d,? (?:\d{4} )?\d\d:\d\d:\d\d(?:[.,]\d+)?(?: \d{4})?(?: [AP]M)?\s*/,
  // glog/klog prefix with caller, Rails prefix
  /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+\s+[\w./-]+:\d+\]\s*/,
  /^[DIWEFAU], \[[^\]]*\]\s+\w+ -- [^:]*:\s*/,
  // level words: Python's `ERROR:root:msg`, Monolog's `app.ERROR: msg`, plain ones, `error: msg`
  new RegExp(`^(?:${LEVELS}):[\\w.]+:(?=\\S)`),
  new RegExp(`^[\\w-]+\\.(?:${LEVELS}|EMERGENCY):\\s*`),
  new RegExp(`^(?:${LEVELS})\\b(?::\\s*|\\s+|$)`),
  /^(?:trace|debug|info|warn|warning|error|fatal|fail|crit|dbug|trce):\s*/,
  // logger before ` : ` / ` - ` (c.e.o.OrderService : …, o.a.c.c.C.[.[.[/].[dispatcherServlet] : …)
  /^(?=\S{1,120}\s+[:-]\s)[\w$][\w$.[\]/-]*\.[\w$.[\]/-]*\s+[:-]\s+/,
  // loguru `orders.sync:run:88 - `, callers `pkg/file.go:42`, .NET `Category[12] `
  /^[\w.]+:[\w<>]+:\d+\s+-\s+/,
  /^[\w./-]+\.(?:go|py|js|ts|rb|java|kt|cs):\d+:?\s+/,
  /^[A-Z][\w.]+\[\d+\]\s+/,
  // syslog host and program: `ip-10-0-0-1 app[123]: `
  /^[\w.-]+ [\w./-]+\[\d+\]:\s*/,
  /^[\w./-]+\[\d+\]:\s*/
]

function prefixRules(c: number): RegExp[] | undefined {
  if (c === 32 || c === 9) return PREFIX_SPACE
  if (c === 91) return PREFIX_BRACKET
  if (c === 60) return PREFIX_ANGLE
  if (c >= 48 && c <= 57) return PREFIX_DIGIT
  if (c === 45 || c === 124 || c === 58 || c === 187) return PREFIX_SEPARATOR
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36) return PREFIX_WORD
  return undefined
}

/** Strips the leading timestamp, level, thread, pid, logger and caller of a line. */
function stripPrefix(line: string): string {
  let s = line.length > 2000 ? line.slice(0, 2000) : line
  for (let round = 0; round < 16; round++) {
    const rules = prefixRules(s.charCodeAt(0))
    if (rules === undefined) break
    let changed = false
    for (const re of rules) {
      const m = re.exec(s)
      if (m && m[0].length > 0 && m[0].length < s.length) {
        s = s.slice(m[0].length)
        changed = true
        break
      }
    }
    if (!changed) break
  }
  return s
}

// --- masking ---------------------------------------------------------------------------------

type Replace = string | ((m: string, ...rest: unknown[]) => string)

interface Mask {
  re: RegExp
  rep: Replace
  /** The mask can only apply when this returns true (cheap substring checks). */
  when?: (s: string) => boolean
}

const STATUS_BEFORE_RE = /(?:status|http|code|statuscode)["']?\s*[:=]?\s*["']?$/i
const HAS_DIGIT_RE = /\d/

const has =
  (...needles: string[]) =>
  (s: string): boolean =>
    needles.some(n => s.indexOf(n) !== -1)

/** Masks that need no digit. */
const MASKS_ANY: Mask[] = [
  { re: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, rep: '$1<cred>@', when: has('://') },
  { re: /\?[\w%.~+[\]-]+=[^\s"'<>)\]}]*/g, rep: '?<query>', when: has('?') },
  { re: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, rep: '<email>', when: has('@') },
  { re: /\barn:aws[\w-]*:[\w-]*:[\w-]*:\d*:[^\s"',)\]}]+/g, rep: '<arn>', when: has('arn:') },
  {
    re: /\b((?:x-)?(?:request|trace|span|correlation|message|event)[ _-]?id)(["']?\s*[:=]\s*["']?)[\w-]{6,}/gi,
    rep: '$1$2<id>',
    when: has('id', 'Id', 'ID')
  }
]

/** Masks of variable parts that hold a digit. */
const MASKS_DIGIT: Mask[] = [
  {
    re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    rep: '<uuid>',
    when: has('-')
  },
  { re: /\b1-[0-9a-f]{8}-[0-9a-f]{24}\b/gi, rep: '<trace>', when: has('1-') },
  {
    re: /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}(?: \d\d:\d\d(?::\d\d)?(?: (?:GMT|UTC|[+-]\d{4}))?)?/g,
    rep: '<time>',
    when: has('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')
  },
  {
    re: /\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)?\b|\b\d{4}\/\d\d\/\d\d(?: -)?(?: \d\d:\d\d:\d\d(?:[.,]\d+)?)?|\b\d\d\/[A-Z][a-z]{2}\/\d{4}(?::\d\d:\d\d:\d\d(?: [+-]\d{4})?)?|\b\d\d:\d\d(?::\d\d)(?:[.,]\d+)?\b/g,
    rep: '<time>',
    when: has('-', '/', ':')
  },
  {
    re: /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?(?![\w:])/gi,
    rep: (m: string) => (isIPv6(m) ? '<ip>' : m),
    when: s => s.indexOf(':') !== s.lastIndexOf(':')
  },
  { re: /\b(?:\d{1,3}\.){3}\d{1,3}\b/g, rep: '<ip>', when: has('.') },
  { re: /\b0x[0-9a-f]+\b/gi, rep: '<hex>', when: has('0x', '0X') },
  {
    re: /(?<=[a-z]-)(?=[a-z]{0,9}\d)(?=\d{0,9}[a-z])[a-z0-9]{4,10}\b/g,
    rep: '<id>',
    when: has('-')
  },
  { re: /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\b/gi, rep: '<hex>' },
  { re: /\b(?=(?:[A-Za-z_-]*\d){3})(?=[\w-]*[A-Za-z])[A-Za-z0-9_-]{12,}\b/g, rep: '<id>' },
  {
    re: /(["'])(?=[\w.-]{1,64}\1)(?=(?:[A-Za-z_.-]*\d){2})[\w.-]+\1/g,
    rep: '$1<id>$1',
    when: has('"', "'")
  },
  {
    re: /\b\d+(?:\.\d+)?(?:h|m|s|ms|µs|us|ns)(?:\d+(?:\.\d+)?(?:h|m|s|ms|µs|us|ns))*\b|\b\d+(?:\.\d+)? ?(?:ms|millis|milliseconds?|sec|secs|seconds?|mins?|minutes?|hours?|hrs?)\b/g,
    rep: '<duration>'
  },
  { re: /\b\d+(?:\.\d+)? ?(?:[KMGT]i?B|bytes?|[KMGT]B?)\b/g, rep: '<size>' },
  {
    re: /(?<![A-Za-z_\d])\d+(?:[.,]\d+)*|(?<=[A-Za-z_])\d{3,}/g,
    rep: (m: string, ...rest: unknown[]) => {
      const offset = rest[rest.length - 2] as number
      const whole = rest[rest.length - 1] as string
      if (
        m.length === 3 &&
        /^[1-5]\d\d$/.test(m) &&
        STATUS_BEFORE_RE.test(whole.slice(Math.max(0, offset - 16), offset))
      ) {
        return m
      }
      return '<n>'
    }
  }
]

function isIPv6(m: string): boolean {
  let colons = 0
  for (let i = 0; i < m.length; i++) if (m.charCodeAt(i) === 58) colons++
  if (colons < 2) return false
  if (m.includes('::')) return /[0-9a-f]/i.test(m)
  return colons >= 5
}

function applyMasks(s: string, masks: Mask[]): string {
  let out = s
  for (const m of masks) {
    if (m.when === undefined || m.when(out)) out = out.replace(m.re, m.rep as string)
  }
  return out
}

/** The text with its variable parts masked (at most 1,000 characters are read). */
function mask(text: string): string {
  let s = text.length > 1000 ? text.slice(0, 1000) : text
  s = applyMasks(s, MASKS_ANY)
  if (!HAS_DIGIT_RE.test(s)) return s
  return applyMasks(s, MASKS_DIGIT)
}

// --- hash ------------------------------------------------------------------------------------

function hash64(s: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x9747b28c
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0x5bd1e995)
  h2 ^= h2 >>> 15
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')
}

// --- fingerprint -----------------------------------------------------------------------------

/** The normalized text of an error and a stable hash of it (see the module comment). */
export function fingerprint(message: string): Fingerprint {
  let s = typeof message === 'string' ? message : String(message)
  if (s.length > MAX_INPUT) s = s.slice(0, MAX_INPUT)
  if (s.indexOf('\x1b') !== -1) s = s.replace(ANSI_RE, '')
  if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n')
  // Leading blank lines and trailing whitespace.
  let start = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 10) start = i + 1
    else if (c !== 32 && c !== 9) break
  }
  s = (start > 0 ? s.slice(start) : s).trimEnd()

  let text: string
  const http = parseHttp(s)
  if (http !== undefined) {
    const path = http.path !== undefined ? http.path.replace(/[?#].*$/, '') : ''
    text = `HTTP ${http.status}${http.method !== undefined ? ` ${http.method}` : ''}${path !== '' ? ` ${mask(path)}` : ''}`
  } else {
    const parts = traceParts(s)
    if (parts !== undefined) {
      text = parts
        .map((p, i) => {
          if (p.startsWith('@ ')) return p
          const structured = i === 0 ? (jsonText(p) ?? logfmtText(p)) : undefined
          return mask(stripPrefix(structured ?? p).trim())
        })
        .join(' | ')
        .replace(/ \| @ /, ' @ ')
    } else {
      const line = firstLineOf(s)
      const structured =
        jsonText(line) ?? (line.indexOf('msg=') !== -1 ? logfmtText(line) : undefined)
      text = mask(stripPrefix(firstLineOf(structured ?? line)).trim())
    }
  }
  text = text.replace(CONTROL_RE, ' ').replace(/\s+/g, ' ').trim()
  if (text.length === 0) text = '<empty>'
  const hashed = text.length > MAX_HASHED ? text.slice(0, MAX_HASHED) : text
  const shown = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text
  return { key: hash64(hashed), text: shown }
}
