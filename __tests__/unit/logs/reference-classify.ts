/**
 * An unoptimised classifier over the same rule tables, to test the fast one against: each
 * tier's rules joined into one expression (whole patterns, in table order) and run on every
 * event that reaches the tier — no stem scan, no masks, no split alternatives. It shares only
 * the two facts the product defines by stems: an event with no level and no stem at all is
 * `none` before the health-check look, and a `WARN` event is read for crashes only when a stem
 * of a crash rule occurs. Those it finds with `String.includes`.
 */
import { hasHealthCheckAgent, type LineScan, parseHttpScan } from '../../../src/logs/http.js'
import { meaningfulLines, prepare, rules } from '../../../src/logs/classify.js'
import {
  detectLevel,
  L_CRITICAL,
  L_DEBUG,
  L_ERROR,
  L_FATAL,
  L_INFO,
  L_NONE,
  L_PANIC,
  L_WARN,
  STRUCTURED
} from '../../../src/logs/level.js'
import { GUARDS } from '../../../src/logs/rules/guards.js'
import { CRASH, PRECEDENCE, REQUEST_PRECEDENCE } from '../../../src/logs/rules/index.js'
import type { Tier } from '../../../src/logs/rules/types.js'

/** `category|rule|healthCheck`, as the differential tests compare them. */
export type Verdict = string

const LEVELS: Record<string, number> = {
  warn: L_WARN,
  error: L_ERROR,
  critical: L_CRITICAL,
  fatal: L_FATAL,
  panic: L_PANIC
}

const joined = new Map<Tier, RegExp>()
function expressionOf(t: Tier): RegExp {
  let re = joined.get(t)
  if (re === undefined) {
    re = new RegExp(t.rules.map(r => `(${r.pattern})`).join('|'), `g${t.flags}`)
    joined.set(t, re)
  }
  return re
}

function run(t: Tier, text: string, note: { why?: string }): Verdict | undefined {
  const re = expressionOf(t)
  re.lastIndex = 0
  for (let tries = 0; tries < 64; tries++) {
    const m = re.exec(text)
    if (m === null) return undefined
    let k = 1
    while (m[k] === undefined) k++
    const rule = t.rules[k - 1]
    if (rule === undefined) throw new Error('group without rule')
    const verdict = `${t.category}|${rule.name}|false`
    if (rule.guard === undefined) return verdict
    const why = GUARDS[rule.guard](text, m.index, m.index + m[0].length)
    if (why === undefined) return verdict
    if (why !== null) note.why = why
    re.lastIndex = m.index + 1
  }
  return undefined
}

function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, c => c.toLowerCase())
}

const RULES = rules()
const crashGates = RULES.steps
  .filter(s => s.kind === 'tier' && CRASH.includes(s.tier))
  .flatMap(s => (s.kind === 'tier' ? s.matchers.map(m => m.gate) : []))

export function referenceClassify(message: string): Verdict {
  if (typeof message !== 'string' || message.length === 0) return 'null|empty|false'
  const s = prepare(message)
  if (s.length === 0) return 'null|empty|false'
  const found: LineScan = { newline: -2, brace: -2, equals: -2 }
  const http = parseHttpScan(s, found)
  const folded = lowerAscii(`\n${s}`)
  const nl = s.indexOf('\n')
  const firstLine = nl === -1 ? s : s.slice(0, nl)
  if (http !== undefined) {
    if (http.healthCheck) return 'null|healthcheck|true'
    if (http.format === 'json' || http.format === 'logfmt') {
      const level = detectLevel(firstLine, -2, -2) & 7
      if (level === L_NONE || level >= L_ERROR) {
        const note = {}
        for (const t of REQUEST_PRECEDENCE) {
          const v = run(t, s, note)
          if (v !== undefined) return v
        }
      }
    }
    const st = http.status
    if (st >= 500) return 'http_5xx|http.5xx|false'
    if (st === 401 || st === 403) return `auth_error|http.${st}|false`
    return `null|http.${Math.floor(st / 100)}xx|false`
  }
  const lv = detectLevel(firstLine, -2, -2)
  const level = lv & 7
  if (level === L_INFO) return 'null|level.info|false'
  if (level === L_DEBUG) return 'null|level.debug|false'
  if (level === L_WARN) {
    if (!crashGates.some(g => g.some(stem => folded.includes(stem)))) return 'null|level.warn|false'
  } else if (level === L_NONE && !RULES.stems.some(stem => folded.includes(stem))) {
    return 'null|none|false'
  }
  if (hasHealthCheckAgent(firstLine)) return 'null|healthcheck|true'
  const multi = nl !== -1
  const message2 = multi ? meaningfulLines(s) : s
  const note: { why?: string } = {}
  for (const step of PRECEDENCE) {
    if (step.kind === 'level') {
      if (LEVELS[step.level] !== level) continue
      if (step.structuredRule !== undefined && lv >= STRUCTURED)
        return `${step.structuredCategory}|${step.structuredRule}|false`
      return `${step.category}|${step.rule}|false`
    }
    const text =
      step.scope === 'event'
        ? s
        : step.scope === 'first-line'
          ? firstLine
          : step.scope === 'message' || !multi
            ? message2
            : message2.includes('\n')
              ? message2.slice(message2.indexOf('\n') + 1)
              : ''
    if (text.length === 0) continue
    const v = run(step, text, note)
    if (v === undefined) continue
    if (step.unless !== undefined) {
      const u = run(step.unless, step.unless.scope === 'first-line' ? firstLine : text, {})
      if (u !== undefined) return u
    }
    if (step.inRecord && (firstLine.charCodeAt(0) === 123 || firstLine.includes('msg='))) {
      return `${step.inRecord.category}|${step.inRecord.rule}|false`
    }
    return v
  }
  return note.why !== undefined ? `null|${note.why}|false` : 'null|none|false'
}
