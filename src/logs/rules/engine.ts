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
  /**
   * Texts one of which every match holds (lower case, each holding a gate stem) that the scan
   * compares where it finds their stem, so that the matcher is let through only where one of
   * them is; none: the stems alone.
   */
  keys: readonly string[]
  source: string
  /** The number of its rule in the tier (a rule's alternatives are matchers in a row). */
  rule: number
  /**
   * Its whole rule, global: run once instead of each alternative when more than one of them is
   * let through (the same first match, for a fraction of the passes over the text).
   */
  ruleRe: RegExp
}

export interface CompiledTier {
  kind: 'tier'
  tier: Tier
  matchers: Matcher[]
  /** Its bit in word 0 of a scan mask: set when one of its matchers may match. */
  bit: number
  /** Its matchers' bits: mask words and bits, in pairs (the matchers are numbered in a row). */
  spans: number[]
  /** The number of its first matcher: `matchers[(word - 1) * 30 + bit index - first]`. */
  first: number
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
  /**
   * A mask with no bit set (copy it with `slice`): word 0 tiers, then matchers, then stems
   * found.
   */
  empty: number[]
  /** A mask for `classify` to reuse (after `fill(0)`) within one call: no garbage per event. */
  work: number[]
  scanner: Scanner
  /** The same for the crash rules alone (a `WARN` event is read for those only). */
  crashScanner: Scanner
  /** Matches wherever `crashScanner` would find a stem: most warnings end with its no. */
  crashHint: RegExp
  /** Every stem looked for. */
  stems: readonly string[]
}

// ---------------------------------------------------------------------------------------------
// The stem scan

/**
 * UTF-16 code unit → symbol, 1… (0: a character no stem holds); letters fold to one symbol per
 * case. One entry per code unit, so that the scan reads a character without a range check.
 */
export const SYMBOL = new Uint8Array(65536)
;[...ALPHABET].forEach((ch, k) => {
  SYMBOL[ch.charCodeAt(0)] = k + 1
  SYMBOL[ch.toUpperCase().charCodeAt(0)] = k + 1
})
/** The scan starts as if after a newline (`^` reads as one). */
const START_KEY = SYMBOL[10] as number

/**
 * Finds stems in one pass: a trigram table says where one may start, then a trie over the
 * symbols after the trigram reads on from there. Its keys are the stems and the texts matchers
 * are keyed on, each from its stem on (its text before the stem is compared backwards where the
 * key is found): such a matcher is let through only where one of its texts occurs. Texts that
 * share a stem share their steps down the trie, where comparing each text at each occurrence of
 * the stem cost a fifth of the scan. All of it is typed arrays: no object is read per
 * character.
 */
export interface Scanner {
  /** Trigram (3 × 6 bits) → 1 + its trie's root node, 0 for none (the roots come first). */
  trigrams: Uint8Array
  /** Two numbers per node (node `k` at `2 * k`): where its keys start and end in `hitData`. */
  nodes: Int32Array
  /**
   * Node `k`'s children by their first symbol: `kids[64 * k + symbol]` is 1 + the child's number
   * in `kidNodes` and `edgeRuns`, 0 for none (one look-up instead of a search among them).
   */
  kids: Int16Array
  /** The node a child's edge leads to, as its index in `nodes`. */
  kidNodes: Int32Array
  /** Where a child's edge continues in `runs` (its end: the next child's start). */
  edgeRuns: Int32Array
  /** The symbols of the edges after their first, down to the next node with a key or a fork. */
  runs: Uint8Array
  /**
   * The keys, one after another. A key is `seenWord, seenBit, pairs, (word, bit) × pairs,
   * before, symbol × before`: the mask bit that says it was found (its matcher's bit for a
   * keyed text), the mask words and bits it sets (tiers in word 0, matchers after), and the
   * symbols of a keyed text before its stem, last first.
   */
  hitData: Int32Array
}

/**
 * Sets in `mask` the bits of the tiers and matchers whose stems `s` holds (case ignored); true
 * when it holds any stem at all.
 */
export function scan(sc: Scanner, s: string, mask: number[]): boolean {
  const { trigrams, nodes, kids, kidNodes, edgeRuns, runs, hitData } = sc
  // A local: a module binding read per character costs twice the whole loop.
  const symbol = SYMBOL
  const n = s.length
  let found = false
  let key = START_KEY
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i)
    key = ((key << 6) | (symbol[code] as number)) & 0x3ffff
    const root = trigrams[key] as number
    if (root === 0) continue
    let node = 2 * (root - 1)
    let at = i + 1
    for (;;) {
      let h = nodes[node] as number
      const hitEnd = nodes[node + 1] as number
      while (h < hitEnd) {
        const seenWord = hitData[h] as number
        const seenBit = hitData[h + 1] as number
        const pairsEnd = h + 3 + 2 * (hitData[h + 2] as number)
        const before = hitData[pairsEnd] as number
        const next = pairsEnd + 1 + before
        if (((mask[seenWord] as number) & seenBit) === 0) {
          // A keyed text before its stem, which starts at i - 2.
          let b = 0
          while (b < before) {
            const p = i - 3 - b
            if (p < 0) break
            const cb = s.charCodeAt(p)
            if (symbol[cb] !== hitData[pairsEnd + 1 + b]) break
            b++
          }
          if (b === before) {
            found = true
            mask[seenWord] = (mask[seenWord] as number) | seenBit
            for (let a = h + 3; a < pairsEnd; a += 2) {
              const w = hitData[a] as number
              mask[w] = (mask[w] as number) | (hitData[a + 1] as number)
            }
          }
        }
        h = next
      }
      if (at >= n) break
      const kid = kids[(node << 5) | (symbol[s.charCodeAt(at)] as number)] as number
      if (kid === 0) break
      const k = kid - 1
      // The rest of the edge.
      let r = edgeRuns[k] as number
      const runEnd = edgeRuns[k + 1] as number
      at++
      while (r < runEnd && at < n) {
        const cr = s.charCodeAt(at)
        if (symbol[cr] !== runs[r]) break
        r++
        at++
      }
      if (r !== runEnd) break
      node = kidNodes[k] as number
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
 * The matchers the scan let through for one tier, by their number in the tier. Shared working
 * memory, as `FOUND` in classify.ts: made and read within one `runTier`, which calls nothing
 * that runs a tier.
 */
export const MAX_TIER_MATCHERS = 1024
const LIST = new Int32Array(MAX_TIER_MATCHERS)

/**
 * The result of the first match in `text` among the tier's matchers that `mask` lets through
 * and whose guard passes; at one position the matcher listed first. Undefined: none.
 */
function runTier(
  t: CompiledTier,
  text: string,
  mask: number[],
  ev: { why: string | undefined }
): Classification | undefined {
  const matchers = t.matchers
  const spans = t.spans
  const list = LIST
  let count = 0
  // The set bits of the tier's words, in order (its matchers are numbered in a row).
  for (let p = 0; p < spans.length; p += 2) {
    const word = spans[p] as number
    let bits = (mask[word] as number) & (spans[p + 1] as number)
    const base = (word - 1) * 30 - t.first
    while (bits !== 0) {
      const low = bits & -bits
      bits ^= low
      list[count++] = base + 31 - Math.clz32(low)
    }
  }
  if (count === 0) return undefined
  let from = 0
  for (let tries = 0; tries < 64; tries++) {
    let best: Matcher | undefined
    let at = Infinity
    let end = 0
    for (let q = 0; q < count;) {
      const m = matchers[list[q] as number] as Matcher
      // The alternatives of one rule that are let through are run as the rule.
      let next = q + 1
      while (next < count && (matchers[list[next] as number] as Matcher).rule === m.rule) next++
      const re = next - q === 1 ? m.re : m.ruleRe
      q = next
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
    const r = runTier(step, text, mask, ev)
    if (r === undefined) continue
    const unless = step.unless
    if (unless !== undefined && (tiers & unless.bit) !== 0) {
      const u = runTier(unless, textOf(ev, unless.tier.scope), mask, ev)
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
  const ev = { why: undefined }
  for (const t of rules.request) {
    if ((tiers & t.bit) === 0) continue
    const r = runTier(t, s, mask, ev)
    if (r !== undefined) return r
  }
  return undefined
}
