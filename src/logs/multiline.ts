/**
 * Groups a multi-line stack trace or traceback, which CloudWatch often stores as one event per
 * line, back into one event, so it counts as one error and is classified by its cause.
 *
 * Streaming and per log stream: each stream has at most one open group; an event either
 * continues the open group of its stream (same stream, at most `maxGapMs` apart from the group's
 * previous line, and a continuation by the rules below) or closes it and opens its own. `push`
 * returns the groups it closed, `flush` the rest. O(1) work per event; memory is one group per
 * stream, each capped at `maxLines` lines and `maxChars` characters (beyond the cap, `Caused by:`
 * lines and the last line are still kept, the rest is counted as omitted).
 *
 * Continuations:
 * - after an exception line (Java/Kotlin `com.x.FooException: …`, `Exception in thread …`,
 *   Node/JS `TypeError: …`, `Error: …`, .NET `Unhandled exception. System.X…`, `FATAL ERROR:`):
 *   indented lines (`\tat …`, `    at …`, `   at X.Y() in /src/x.cs:line 4`, Node's crash
 *   dump ` 1: 0xb7c5f0 node::Abort()`), `Caused by: …`, `Suppressed: …`, `... 12 more`,
 *   `... 42 common frames omitted`, unindented `at x.Y(…)` frames, Node's `Node.js v20.11.0`;
 * - after any line (a log line such as `ERROR … Request failed`): a stack frame, a `Caused by:`
 *   line, and — as the second line of the group only — an exception line or `Traceback (most
 *   recent call last):` (what Logback and Python's `logger.exception` print after the message);
 * - Python: from `Traceback (most recent call last):` every indented line (`  File "x.py", line
 *   3, in f` and its code line), then the first non-indented line, which is the exception
 *   (`ValueError: …`) and ends the traceback unless a chain follows (`During handling of the
 *   above exception, another exception occurred:` / `The above exception was the direct cause…`
 *   and the next `Traceback …`). A non-indented line that starts like a new log record
 *   (timestamp, `[`, `{`, a level word) ends the traceback instead;
 * - Go: after `panic: …` / `fatal error: …` (or a log line naming a panic): `goroutine N […]:`,
 *   `[signal SIGSEGV: …]`, `runtime stack:`, function lines `main.main()` /
 *   `net/http.(*conn).serve(0xc000…)`, their `\t/path/file.go:42 +0x1d` lines, `created by …`,
 *   `exit status 2`, blank lines;
 * - Node's uncaught-exception banner: `/app/index.js:10`, the code line, the `^` marker, the
 *   error line and its frames.
 * Events that already contain a newline pass through as they are (after closing the open group
 * of their stream). Groups carry the timestamp (and every other field) of their first event.
 */
import type { LogEvent } from './types.js'

export type { LogEvent } from './types.js'

export interface MultilineOptions {
  /** Lines kept per group (default 200). */
  maxLines?: number
  /** Characters kept per group (default 32 KB). */
  maxChars?: number
  /** Largest gap between two lines of one group, in ms (default 2000). */
  maxGapMs?: number
}

const PLAIN = 0
const EXCEPTION = 1
const PY_FRAMES = 2
const PY_END = 3
const PY_CHAIN = 4
const GO = 5
const NODE_SOURCE = 6

/** Extra `Caused by:` lines kept beyond the cap. */
const MAX_EXTRA_LINES = 10
const MAX_EXTRA_CHARS = 4096

/** The mode of a group not yet needed (worked out when a line might continue it). */
const UNKNOWN = -1

interface Group<T extends LogEvent> {
  first: T
  /** The first line (the message of `first`, without a trailing newline). */
  head: string
  /** Every kept line, once a second one joined. */
  lines: string[] | undefined
  chars: number
  /** Lines seen beyond the cap and not kept. */
  dropped: number
  extra: string[] | undefined
  extraChars: number
  /** The last line seen beyond the cap (kept: a traceback ends with its exception). */
  tail: string | undefined
  lastTs: number
  mode: number
  count: number
}

/** An exception line: `java.lang.IllegalStateException: x`, `TypeError: x`, `Error: x`. */
const EXCEPTION_LINE_RE =
  /^(?:Exception in thread "|Unhandled exception\. |Error: |(?:[\w$]+\.)*[A-Z][\w$]*(?:Exception|Error|Throwable)(?:[:\s(]|$)|(?:[A-Z]\w*::){1,6}[A-Z]\w* \(|FATAL ERROR: |Uncaught |Unhandled )/
/** Java/.NET/Node frame without indentation, `... 12 more`, `... 42 common frames omitted`. */
const FRAME_LINE_RE =
  /^(?:at (?:async |new )?[\w$.<>[\]/:-]+(?: \[as [^\]]+\])? ?\(|\.\.\. \d+ (?:more|common frames omitted))/
/** Go dump lines that are not indented. */
const GO_LINE_RE =
  /^(?:goroutine \d+ \[|\[signal |created by |runtime stack:|exit status \d+|panic: |panic\(|fatal error: |\.\.\.additional frames elided\.\.\.|[^\s(]+\.[^\s(]*\(.*\)(?: \{.*\})?$)/
/** The start of a Go panic or fatal runtime error. */
const GO_START_RE = /^(?:panic: |fatal error: |goroutine \d+ \[)/
/** Node's uncaught-exception banner: `/app/dist/index.js:10`. */
const NODE_SOURCE_RE = /^(?:file:\/\/)?\/[^\s:]+\.(?:js|mjs|cjs|ts|jsx|tsx):\d+$/
/** A non-indented line that starts a new log record rather than ending a traceback. */
const NEW_RECORD_RE =
  /^(?:[\d[{<]|(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL)\b|(?:time|ts|level|lvl)=|Traceback )/

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c !== 32 && c !== 9) return false
  }
  return true
}

function isIndented(line: string): boolean {
  const c = line.charCodeAt(0)
  return c === 32 || c === 9
}

/** The mode a group starts in, from its first line. */
function headerMode(line: string): number {
  const c = line.charCodeAt(0)
  if (c === 84 && line.startsWith('Traceback (most recent call last)')) return PY_FRAMES
  if ((c === 112 || c === 102 || c === 103) && GO_START_RE.test(line)) return GO
  if ((c === 47 || c === 102) && NODE_SOURCE_RE.test(line)) return NODE_SOURCE
  if (EXCEPTION_LINE_RE.test(line)) return EXCEPTION
  return PLAIN
}

/**
 * Groups multi-line traces per log stream. `push` each event in order (per stream); collect
 * what `push` and finally `flush` return.
 */
export class MultilineGrouper<T extends LogEvent = LogEvent> {
  private readonly maxLines: number
  private readonly maxChars: number
  private readonly maxGapMs: number
  private readonly open = new Map<string, Group<T>>()

  constructor(opts: MultilineOptions = {}) {
    this.maxLines = Math.max(1, opts.maxLines ?? 200)
    this.maxChars = Math.max(256, opts.maxChars ?? 32 * 1024)
    this.maxGapMs = Math.max(0, opts.maxGapMs ?? 2000)
  }

  /** Adds one event; returns the groups this closed (in order). */
  push(e: T): T[] {
    const stream = e.logStream ?? ''
    const g = this.open.get(stream)
    let message = typeof e.message === 'string' ? e.message : String(e.message)
    // A trailing newline does not make a multi-line event.
    let end = message.length
    while (end > 0 && (message.charCodeAt(end - 1) === 10 || message.charCodeAt(end - 1) === 13))
      end--
    if (end < message.length) message = message.slice(0, end)

    if (message.indexOf('\n') !== -1) {
      // Already multi-line: passes through as it is.
      if (g === undefined) return [e]
      this.open.delete(stream)
      return [this.emit(g), e]
    }
    if (g === undefined) {
      this.open.set(stream, {
        first: e,
        head: message,
        lines: undefined,
        chars: message.length,
        dropped: 0,
        extra: undefined,
        extraChars: 0,
        tail: undefined,
        lastTs: e.timestamp,
        mode: UNKNOWN,
        count: 1
      })
      return []
    }
    const gap = e.timestamp - g.lastTs
    if (gap <= this.maxGapMs && gap >= -this.maxGapMs && this.continues(g, message)) {
      this.append(g, message)
      g.lastTs = e.timestamp
      return []
    }
    const done = this.emit(g)
    // The group object is reused for the event that starts the next one.
    g.first = e
    g.head = message
    g.lines = undefined
    g.chars = message.length
    g.dropped = 0
    g.extra = undefined
    g.extraChars = 0
    g.tail = undefined
    g.lastTs = e.timestamp
    g.mode = UNKNOWN
    g.count = 1
    return [done]
  }

  /** Closes every open group; returns them. */
  flush(): T[] {
    const out: T[] = []
    for (const g of this.open.values()) out.push(this.emit(g))
    this.open.clear()
    return out
  }

  /** Whether `line` continues group `g` (and moves `g` to its next mode). */
  private continues(g: Group<T>, line: string): boolean {
    // A line that starts with a digit or `{` starts a new record (a timestamp, an IP, JSON).
    const c0 = line.charCodeAt(0)
    if ((c0 >= 48 && c0 <= 57) || c0 === 123) return false
    if (g.mode === UNKNOWN) g.mode = headerMode(g.head)
    switch (g.mode) {
      case EXCEPTION:
        if (isIndented(line) || line.length === 0) return true
        return (
          line.startsWith('Caused by:') ||
          line.startsWith('Suppressed:') ||
          line.startsWith('Node.js v') ||
          FRAME_LINE_RE.test(line)
        )
      case PY_FRAMES:
        if (isIndented(line) || line.length === 0) return true
        if (NEW_RECORD_RE.test(line)) return false
        g.mode = PY_END
        return true
      case PY_END:
        if (line.length === 0 || isBlank(line) || isIndented(line)) return true
        if (
          line.startsWith('During handling of the above exception') ||
          line.startsWith('The above exception was the direct cause')
        ) {
          g.mode = PY_CHAIN
          return true
        }
        return false
      case PY_CHAIN:
        if (line.length === 0 || isBlank(line)) return true
        if (line.startsWith('Traceback (most recent call last)')) {
          g.mode = PY_FRAMES
          return true
        }
        return false
      case GO:
        if (line.length === 0 || isIndented(line)) return true
        return GO_LINE_RE.test(line)
      case NODE_SOURCE:
        if (line.length === 0 || isIndented(line) || line.startsWith('Node.js v')) return true
        if (/^\^+\s*$/.test(line)) return true
        if (EXCEPTION_LINE_RE.test(line)) {
          g.mode = EXCEPTION
          return true
        }
        return false
      default: {
        // PLAIN: a log line, possibly announcing a trace.
        const c = line.charCodeAt(0)
        if (c === 32 || c === 9) {
          const t = line.trimStart()
          if (FRAME_LINE_RE.test(t) || t.startsWith('Caused by:')) {
            g.mode = EXCEPTION
            return true
          }
          return false
        }
        if (c === 67 && line.startsWith('Caused by:')) {
          g.mode = EXCEPTION
          return true
        }
        if (g.count !== 1) return false
        if (c === 84 && line.startsWith('Traceback (most recent call last)')) {
          g.mode = PY_FRAMES
          return true
        }
        if (c === 103 && GO_START_RE.test(line) && /panic/i.test(g.head)) {
          g.mode = GO
          return true
        }
        if (((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && EXCEPTION_LINE_RE.test(line)) {
          g.mode = EXCEPTION
          return true
        }
        return false
      }
    }
  }

  private append(g: Group<T>, line: string): void {
    g.count++
    if (g.lines === undefined) g.lines = [g.head]
    if (
      g.dropped === 0 &&
      g.lines.length < this.maxLines &&
      g.chars + 1 + line.length <= this.maxChars
    ) {
      g.lines.push(line)
      g.chars += 1 + line.length
      return
    }
    g.dropped++
    const t = line.trimStart()
    if (
      t.startsWith('Caused by:') &&
      (g.extra?.length ?? 0) < MAX_EXTRA_LINES &&
      g.extraChars + t.length <= MAX_EXTRA_CHARS
    ) {
      g.extra ??= []
      g.extra.push(line.length > 1024 ? line.slice(0, 1024) : line)
      g.extraChars += Math.min(line.length, 1024)
      g.tail = undefined
      return
    }
    g.tail = line.length > 2048 ? line.slice(0, 2048) : line
  }

  private emit(g: Group<T>): T {
    if (g.count === 1 || g.lines === undefined) return g.first
    const parts = g.lines
    if (g.dropped > 0) {
      const extra = g.extra ?? []
      const shown = extra.length + (g.tail !== undefined ? 1 : 0)
      const omitted = g.dropped - shown
      if (omitted > 0) parts.push(`... ${omitted} more lines omitted ...`)
      for (const x of extra) parts.push(x)
      if (g.tail !== undefined) parts.push(g.tail)
    }
    return { ...g.first, message: parts.join('\n') }
  }
}
