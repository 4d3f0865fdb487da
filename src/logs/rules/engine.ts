/**
 * Runs the compiled rule tables (compile.ts) over one event: the stem scan, then the steps in
 * order. Everything per event lives in the arguments; nothing is kept between calls.
 */
import type { Classification } from '../types.js'
import { ALPHABET } from './stems.js'
import type { Tier } from './types.js'

/** One top-level alternative of a rule. */
export interface Matcher {
  /** Global, with the tier's flags. */
  re: RegExp
  result: Classification
  guard: ((text: string, start: number, end: number) => string | null | undefined) | undefined
  /** Its bit in a scan mask: `mask[word] & bit`. */
  word: number
  bit: number
  /** The stems one of which every match holds (lower case; a newline stands for the start). */
  gate: readonly string[]
  /** Literal text every match holds (lower case), looked for before the expression runs; ''. */
  needle: string
  source: string
}

export interface CompiledTier {
  kind: 'tier'
  tier: Tier
  matchers: Matcher[]
  /** Its bit in word 0 of a scan mask: set when one of its matchers may match. */
  bit: number
  inRecord: Classification | undefined
  unless: CompiledTier | undefined
}

export interface CompiledLevel {
  kind: 'level'
  /** A level of level.ts. */
  level: number
  result: Classification
  structured: Classification | undefined
}

export type CompiledStep = CompiledTier | CompiledLevel

export interface CompiledRules {
  steps: CompiledStep[]
  request: CompiledTier[]
  /** The matchers and tiers of the crash rules, as a mask (a `WARN` event is read for those). */
  crash: number[]
  /** A mask with no bit set (packed: copy it with `slice`). */
  empty: number[]
  scanner: Scanner
  /** Every stem looked for. */
  stems: readonly string[]
}

// ---------------------------------------------------------------------------------------------
// The stem scan

/** Character → symbol, 1… (0: a character no stem holds); letters fold to one symbol per case. */
export const SYMBOL = new Uint8Array(128)
;[...ALPHABET].forEach((ch, k) => {
  SYMBOL[ch.charCodeAt(0)] = k + 1
  SYMBOL[ch.toUpperCase().charCodeAt(0)] = k + 1
})
/** The scan starts as if after a newline (`^` reads as one). */
const START_KEY = SYMBOL[10] as number

export interface StemEntry {
  /** The symbols after its first three. */
  rest: number[]
  /** Mask words and bits (pairs) of the tiers and matchers it lets through. */
  admits: number[]
}

/** Finds stems in one pass: a trigram table, then the rest of each stem found there. */
export interface Scanner {
  /** Trigram (3 × 6 bits) → 1 + index in `buckets`, 0 for none. */
  trigrams: Uint8Array
  /** The same as bits, where most look-ups end. */
  bits: Int32Array
  buckets: StemEntry[][]
}

/** Whether every bit of `admits` is set in `mask`. */
function admitted(mask: number[], admits: number[]): boolean {
  for (let a = 0; a < admits.length; a += 2) {
    const b = admits[a + 1] as number
    if (((mask[admits[a] as number] as number) & b) !== b) return false
  }
  return true
}

/**
 * Sets in `mask` the bits of the tiers and matchers whose stems `s` holds (case ignored); true
 * when it holds any stem at all.
 */
export function scan(sc: Scanner, s: string, mask: number[]): boolean {
  const { trigrams, bits, buckets } = sc
  const n = s.length
  let found = false
  let key = START_KEY
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i)
    key = ((key << 6) | (code < 128 ? (SYMBOL[code] as number) : 0)) & 0x3ffff
    if (((bits[key >>> 5] as number) & (1 << (key & 31))) === 0) continue
    const bucket = buckets[(trigrams[key] as number) - 1] as StemEntry[]
    for (let q = 0; q < bucket.length; q++) {
      const stem = bucket[q] as StemEntry
      const admits = stem.admits
      if (found && admitted(mask, admits)) continue // nothing to add
      const rest = stem.rest
      let k = 0
      while (k < rest.length) {
        const cc = s.charCodeAt(i + 1 + k)
        if ((cc < 128 ? SYMBOL[cc] : 0) !== rest[k]) break
        k++
      }
      if (k === rest.length) {
        found = true
        for (let a = 0; a < admits.length; a += 2) {
          const w = admits[a] as number
          mask[w] = (mask[w] as number) | (admits[a + 1] as number)
        }
      }
    }
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// Running the steps

/** One event as the steps read it (see `Scope`), and why the last candidate was rejected. */
export interface EventTexts {
  event: string
  message: string
  firstLine: string
  multi: boolean
  afterFirstLine: string | undefined
  /** The rule of a `null` result when nothing matches: why the last candidate did not count. */
  why: string | undefined
  /** `message` lower-cased, made on first need. */
  lower: string | undefined
}

function textOf(t: EventTexts, scope: Tier['scope']): string {
  switch (scope) {
    case 'event':
      return t.event
    case 'message':
      return t.message
    case 'first-line':
      return t.firstLine
    case 'after-first-line':
      if (t.afterFirstLine === undefined) {
        const k = t.message.indexOf('\n')
        t.afterFirstLine = !t.multi ? t.message : k === -1 ? '' : t.message.slice(k + 1)
      }
      return t.afterFirstLine
  }
}

/**
 * The result of the first match in `text` among the tier's matchers that `mask` lets through
 * and whose guard passes; at one position the matcher listed first. Undefined: none.
 */
function runTier(
  t: CompiledTier,
  text: string,
  mask: number[],
  ev: { why: string | undefined; lower: string | undefined; event: string },
  lowerOf: string
): Classification | undefined {
  const matchers = t.matchers
  let from = 0
  for (let tries = 0; tries < 64; tries++) {
    let best: Matcher | undefined
    let at = Infinity
    let end = 0
    for (let k = 0; k < matchers.length; k++) {
      const m = matchers[k] as Matcher
      if (((mask[m.word] as number) & m.bit) === 0) continue
      if (m.needle !== '') {
        const lower = lowerOf === text ? (ev.lower ??= text.toLowerCase()) : text.toLowerCase()
        if (lower.indexOf(m.needle) === -1) {
          // Not in the event, so never: drop it for the rest of this event.
          mask[m.word] = (mask[m.word] as number) & ~m.bit
          continue
        }
      }
      const re = m.re
      re.lastIndex = from
      const r = re.exec(text)
      if (r !== null && r.index < at) {
        best = m
        at = r.index
        end = at + r[0].length
        if (at === from) break
      }
    }
    if (best === undefined) return undefined
    if (best.guard === undefined) return best.result
    const why = best.guard(text, at, end)
    if (why === undefined) return best.result
    if (why !== null) ev.why = why
    from = at + 1
  }
  return undefined
}

/**
 * The steps' verdict on an event of level `level` (`structured`: read from a JSON or logfmt
 * key) whose scan set `mask`; undefined when no step decides.
 */
export function runSteps(
  rules: CompiledRules,
  ev: EventTexts,
  mask: number[],
  level: number,
  structured: boolean
): Classification | undefined {
  const steps = rules.steps
  const tiers = mask[0] as number
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k] as CompiledStep
    if (step.kind === 'level') {
      if (step.level !== level) continue
      return structured && step.structured !== undefined ? step.structured : step.result
    }
    if ((tiers & step.bit) === 0) continue
    const text = textOf(ev, step.tier.scope)
    if (text.length === 0) continue
    const r = runTier(step, text, mask, ev, ev.message)
    if (r === undefined) continue
    const unless = step.unless
    if (unless !== undefined && (tiers & unless.bit) !== 0) {
      const u = runTier(unless, textOf(ev, unless.tier.scope), mask, ev, ev.message)
      if (u !== undefined) return u
    }
    if (step.inRecord !== undefined) {
      const first = ev.firstLine
      if (first.charCodeAt(0) === 123 || first.indexOf('msg=') !== -1) return step.inRecord
    }
    return r
  }
  return undefined
}

/** The request tiers' verdict on a JSON/logfmt request record whose scan set `mask`. */
export function runRequest(
  rules: CompiledRules,
  s: string,
  mask: number[]
): Classification | undefined {
  const tiers = mask[0] as number
  const ev = { why: undefined, lower: undefined, event: s }
  for (const t of rules.request) {
    if ((tiers & t.bit) === 0) continue
    const r = runTier(t, s, mask, ev, s)
    if (r !== undefined) return r
  }
  return undefined
}
