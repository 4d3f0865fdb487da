/**
 * Prepares the rule tables once (classify.ts does it on first use) and checks them there.
 *
 * Every top-level alternative of every rule becomes one matcher (a RegExp built here, never
 * later) with a *gate*: a set of stems one of which every match of the alternative contains,
 * read from the literal text the pattern requires (`requiredGates`). One pass over an event
 * (`scan`) finds the stems it holds and so the matchers that can match it; the others are not
 * run. Because the gate is read from the pattern itself, a matcher cannot be skipped on an event
 * it would match. The text the gate was read from narrows that further: every match holds one of
 * its choices (`dns lookup failed` or `dns resolution failed` for gate `fail`), so the scan
 * looks for those texts themselves where it finds their stem (`Extension`s, keys of its trie),
 * and `Authentication failed` no longer lets the DNS rule through. Nothing is looked up between
 * the scan and the expressions: lower-casing the event and searching it for other texts cost
 * more than the expressions they spared. The alternatives of one rule that the scan lets through
 * run as one expression, the rule's own. A pattern whose required text cannot be read, that
 * requires no text at all (nothing to gate on), or that holds capture groups, is an error there,
 * naming the rule.
 */
import { L_CRITICAL, L_ERROR, L_FATAL, L_PANIC, L_WARN } from '../level.js'
import type { Category, Classification } from '../types.js'
import {
  type CompiledRules,
  type CompiledStep,
  type CompiledTier,
  MAX_TIER_MATCHERS,
  type Matcher,
  type Scanner,
  SYMBOL
} from './engine.js'
import { GUARDS } from './guards.js'
import { ALPHABET, STEMS } from './stems.js'
import type { Guard, LevelStep, Step, Tier } from './types.js'

/**
 * Keyed texts are ASCII: lower-casing other text can change its length, and the scan folds no
 * other case.
 */
const ASCII_RE = /^[\x00-\x7f]+$/

/**
 * More texts than this to key one matcher on: its gate stems alone. Many texts under one common
 * stem cost the scan more than they spare the expressions (same-process duels over the lines of
 * bench/classify.ts: 16 beat 4, 8, 32 and 64).
 */
const MAX_KEYS = 16

/**
 * The texts the scan looks for to let an alternative through, each with the gate stem it holds,
 * from `keys` (see `Gate`): the text its gate was read from, one of which every match holds, where
 * that says more than the stems (the scan compares each text where it finds its stem); none
 * (the stems alone let it through) where there are too many, or a text the scan cannot compare.
 */
function scanKeys(keys: [string, string][] | null): [string, string][] {
  if (keys === null || keys.length > MAX_KEYS || keys.every(([text, stem]) => text === stem)) {
    return []
  }
  for (const [text, stem] of keys) {
    if (stem.includes('\n') || text.includes('\n') || !ASCII_RE.test(text)) return []
  }
  return keys
}

/** Bits per mask word: 30 keeps every word a small integer. */
const BITS = 30

export function result(
  category: Category | null,
  rule: string,
  healthCheck = false
): Classification {
  return Object.freeze({ category, rule, healthCheck })
}

// ---------------------------------------------------------------------------------------------
// Reading the text a pattern requires

/** Thrown on syntax the reader does not follow. */
export class RuleError extends Error {}

/** The top-level alternatives of a regular expression's source. */
export function topAlternatives(source: string): string[] {
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

/** Escaped characters that stand for themselves. */
const ESCAPED_LITERALS = new Set([...'.\\/()[]{}*+?|$^-\'":=<>!,#&%@~`;_ '])

/** More strings than this in a run of literal choices: the run is cut there. */
const MAX_CHOICES = 64

/** An atom of a pattern: the strings it may stand for (lower-cased), or null for anything else. */
interface Atom {
  /** Literal choices; null: not a literal (a class of many characters, `\d`, `.`, …). */
  choices: string[] | null
  /** `(?:…)` holding more than literal choices. */
  group: string | null
  zeroWidth: boolean
  min: number
  max: number
}

/** The characters of a class body `[…]` when it lists a few of them, else null. */
function classChoices(body: string): string[] | null {
  if (body.startsWith('^')) return null
  const out = new Set<string>()
  for (let i = 0; i < body.length; i++) {
    let c = body[i] as string
    if (c === '\\') {
      const d = body[i + 1] ?? ''
      i++
      if (d === 'n') c = '\n'
      else if (d === 't') c = '\t'
      else if (ESCAPED_LITERALS.has(d)) c = d
      else return null
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2] as string
      i += 2
      const range = `${c}${to}`
      if (range !== 'AZ' && range !== 'az' && range !== '09') return null
      for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) {
        out.add(String.fromCharCode(k).toLowerCase())
      }
    } else out.add(c.toLowerCase())
  }
  return out.size > 0 && out.size <= 26 ? [...out] : null
}

/** The end of the group that opens at `i`. */
function groupEnd(src: string, i: number): number {
  let depth = 0
  let inClass = false
  for (let j = i; j < src.length; j++) {
    const d = src[j]
    if (d === '\\') j++
    else if (inClass) inClass = d !== ']'
    else if (d === '[') inClass = true
    else if (d === '(') depth++
    else if (d === ')' && --depth === 0) return j
  }
  throw new RuleError(`unbalanced group in ${src}`)
}

/** The atoms of a source without top-level alternatives. */
function atoms(src: string): Atom[] {
  const out: Atom[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i] as string
    const atom: Atom = { choices: null, group: null, zeroWidth: false, min: 1, max: 1 }
    if (c === '\\') {
      const d = src[i + 1] ?? ''
      if (d === 'n') atom.choices = ['\n']
      else if (d === 't') atom.choices = ['\t']
      else if (ESCAPED_LITERALS.has(d)) atom.choices = [d.toLowerCase()]
      else if (d === 'b' || d === 'B') atom.zeroWidth = true
      else if (!'dDsSwW'.includes(d)) throw new RuleError(`unread escape \\${d}`)
      i += 2
    } else if (c === '[') {
      let j = i + 1
      if (src[j] === '^') j++
      if (src[j] === ']') j++
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1
      atom.choices = classChoices(src.slice(i + 1, j))
      i = j + 1
    } else if (c === '(') {
      const j = groupEnd(src, i)
      const inner = src.slice(i + 1, j)
      if (/^\?(?:=|!|<=|<!)/.test(inner)) atom.zeroWidth = true
      else if (inner.startsWith('?:')) {
        const body = inner.slice(2)
        const lit = literalChoices(body)
        if (lit !== null) atom.choices = lit
        else atom.group = body
      } else throw new RuleError(`capture group (${inner}): write (?:…)`)
      i = j + 1
    } else if (c === '^') {
      // The start of the text, which the scan reads as if a newline preceded it.
      atom.choices = ['\n']
      i++
    } else if (c === '$') {
      atom.zeroWidth = true
      i++
    } else if (c === '.') {
      i++
    } else if (c === ')' || c === '|' || c === '*' || c === '+' || c === '?' || c === '{') {
      throw new RuleError(`unexpected ${c} in ${src}`)
    } else {
      atom.choices = [c.toLowerCase()]
      i++
    }
    const q = src[i]
    if (q === '?' || q === '*' || q === '+') {
      atom.min = q === '+' ? 1 : 0
      atom.max = q === '?' ? 1 : Infinity
      i++
      if (src[i] === '?') i++
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i))
      if (m) {
        atom.min = Number(m[1])
        atom.max = m[2] === undefined ? atom.min : m[3] === '' ? Infinity : Number(m[3])
        i += m[0].length
        if (src[i] === '?') i++
      }
    }
    out.push(atom)
  }
  return out
}

/** Every string a source made only of literals (and optional ones) stands for, else null. */
function literalChoices(src: string): string[] | null {
  const all = new Set<string>()
  for (const branch of topAlternatives(src)) {
    let set = ['']
    for (const a of atoms(branch)) {
      if (a.choices === null || a.zeroWidth || a.max !== 1) return null
      set = product(set, a.min === 0 ? [...a.choices, ''] : a.choices)
      if (set.length > MAX_CHOICES) return null
    }
    for (const s of set) all.add(s)
  }
  return all.size <= MAX_CHOICES ? [...all] : null
}

function product(a: string[], b: string[]): string[] {
  const out = new Set<string>()
  for (const x of a) for (const y of b) out.add(x + y)
  return [...out]
}

/**
 * The runs of adjacent literal text a source requires: each run is a list of choices one of
 * which every match contains. Conservative: optional parts, classes of many characters and
 * lookarounds require nothing; a group of several branches requires a stem of each branch.
 */
/**
 * A gate: stems one of which every match holds, and the texts they were read from (one of which
 * every match holds), each with its stem; null where those are not literal text.
 */
interface Gate {
  stems: string[]
  keys: [string, string][] | null
}

function requiredGates(
  src: string,
  stemsOf: (choices: string[]) => [string, string][] | null
): Gate[] {
  const gates: Gate[] = []
  let run = ['']
  const flush = () => {
    if (!(run.length === 1 && run[0] === '')) {
      const keys = stemsOf(run)
      if (keys !== null) gates.push({ stems: [...new Set(keys.map(k => k[1]))], keys })
    }
    run = ['']
  }
  for (const a of atoms(src)) {
    if (a.zeroWidth) {
      flush()
    } else if (a.choices !== null && a.max === 1) {
      // Once, or optional: part of the run.
      const next = product(run, a.min === 0 ? [...a.choices, ''] : a.choices)
      if (next.length > MAX_CHOICES) {
        flush()
        run = a.min === 0 ? [''] : a.choices
      } else run = next
    } else if (a.choices !== null && a.min >= 1) {
      // Repeated: the first copy ends the run before it, the last one starts the next.
      const next = product(run, a.choices)
      if (next.length <= MAX_CHOICES) run = next
      flush()
      run = a.choices
    } else {
      flush()
      if (a.group !== null && a.min >= 1) {
        const branches = topAlternatives(a.group)
        if (branches.length === 1) gates.push(...requiredGates(a.group, stemsOf))
        else {
          const each = branches.map(b => bestGate(requiredGates(b, stemsOf)))
          if (each.every(g => g !== null)) {
            const keys = each.every(g => g.keys !== null) ? each.flatMap(g => g.keys ?? []) : null
            gates.push({ stems: [...new Set(each.flatMap(g => g.stems))], keys })
          }
        }
      }
    }
  }
  flush()
  return gates
}

/** The most selective gate: the fewest stems, then the longest shortest stem. */
function bestGate(gates: Gate[]): Gate | null {
  let best: Gate | null = null
  let bestShortest = 0
  for (const g of gates) {
    const shortest = Math.min(...g.stems.map(s => s.length))
    if (
      best === null ||
      g.stems.length < best.stems.length ||
      (g.stems.length === best.stems.length && shortest > bestShortest)
    ) {
      best = g
      bestShortest = shortest
    }
  }
  return best
}

const STEM_CHARS = new Set(ALPHABET)

/** The longest listed stem in `s`, else (when `own`) its longest piece of stem characters. */
function stemIn(s: string, own: boolean): string | null {
  let best: string | null = null
  for (const stem of STEMS)
    if (s.includes(stem) && (best === null || stem.length > best.length)) best = stem
  if (best !== null || !own) return best
  let start = 0
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || !STEM_CHARS.has(s[i] as string)) {
      if (i - start >= 3 && (best === null || i - start > best.length)) best = s.slice(start, i)
      start = i + 1
    }
  }
  return best
}

/**
 * The gate of one alternative: stems from `STEMS` where its required text holds them, else
 * pieces of that text. Throws when it requires no text.
 */
export function gateOf(alternative: string): Gate {
  for (const own of [false, true]) {
    const g = bestGate(
      requiredGates(alternative, choices => {
        const keys: [string, string][] = []
        for (const c of choices) {
          const stem = stemIn(c, own)
          if (stem === null) return null
          keys.push([c, stem])
        }
        // Where the scan cannot compare the texts, the stems alone let the matcher through: then
        // a listed stem that every choice holds, if any (`read timeout`, `upstream timeout`:
        // `timeout`, not also `upstream`). Else each text's longest, mostly the rarer.
        if (scanKeys(keys).length === 0) {
          let common: string | undefined
          for (const stem of STEMS)
            if (stem.length > (common?.length ?? 0) && choices.every(c => c.includes(stem)))
              common = stem
          if (common !== undefined) return choices.map(c => [c, common])
        }
        return keys
      })
    )
    if (g !== null) return g
  }
  throw new RuleError('it requires no literal text of three characters or more to look for')
}

/**
 * An expression that matches wherever the scan would find one of `stems` (case ignored; a
 * newline in a stem also matches the start): a quick no for most events, run by the regular
 * expression engine instead of a loop over characters.
 *
 * Any piece of a stem matches wherever the stem does, so each alternative is the piece (five
 * characters or more, or the whole stem when shorter: shorter pieces such as `atal` occur in
 * ordinary warnings) whose first three characters add the fewest characters not yet seen at
 * those places among the alternatives before it, the longest among those. V8 skips through the
 * text fast only while those characters stay few: `enomem`, `errno` and `overflowed its` beside
 * the other stems made the hint twice as slow on warnings (bench/classify.ts: 5.2 ms against
 * 2.9 ms for its 13,771 warnings), while it lets about as many through (60-70).
 */
export function anyOf(stems: readonly string[]): RegExp {
  const seen = [new Set<string>(), new Set<string>(), new Set<string>()]
  const pieces: string[] = []
  // The short stems have no choice: they go first.
  for (const stem of [...stems].sort((a, b) => a.length - b.length)) {
    let best = stem
    let bestCost = Infinity
    // A stem with a newline stays whole: its newline also stands for the start of the text.
    for (let i = 0; i + 5 <= stem.length && !stem.includes('\n'); i++) {
      const piece = stem.slice(i)
      let cost = 0
      for (let k = 0; k < 3; k++) if (!(seen[k] as Set<string>).has(piece[k] as string)) cost++
      if (cost < bestCost) {
        best = piece
        bestCost = cost
      }
    }
    for (let k = 0; k < 3 && k < best.length; k++) (seen[k] as Set<string>).add(best[k] as string)
    pieces.push(best)
  }
  const alts = pieces.map(piece =>
    piece.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&').replace(/\n/g, '(?:^|\\n)')
  )
  return new RegExp(alts.join('|'), 'i')
}

// ---------------------------------------------------------------------------------------------
// The stem scan

/**
 * A text a matcher is keyed on (see `scanKeys`): the scan looks for it where it finds the stem
 * it holds, so that the matcher is let through only where one of its texts is.
 */
interface Extension {
  /** Lower case, holding the stem it is listed under. */
  text: string
  tierBit: number
  word: number
  bit: number
}

/** A trie node while the scanner is built. */
interface TrieNode {
  kids: Map<number, TrieNode>
  /** Keys ending here (see `Scanner.hitData`). */
  hits: number[][]
}

function scanner(
  stems: Map<string, number[]>,
  extensions: Map<string, Extension[]>,
  firstSeenWord: number
): Scanner {
  if (ALPHABET.length > 63) throw new RuleError('the stem alphabet holds more than 63 characters')
  const trigrams = new Uint8Array(1 << 18)
  const tries: TrieNode[] = []
  const add = (text: string, hit: number[]): void => {
    // A character outside ALPHABET reads as symbol 0, as any such character of the event does.
    const syms = [...text].map(ch => SYMBOL[ch.charCodeAt(0)] ?? 0)
    const t = ((syms[0] as number) << 12) | ((syms[1] as number) << 6) | (syms[2] as number)
    let b = trigrams[t] as number
    if (b === 0) {
      tries.push({ kids: new Map(), hits: [] })
      b = tries.length
      if (b > 255) throw new RuleError('more than 255 distinct stem trigrams')
      trigrams[t] = b
    }
    let node = tries[b - 1] as TrieNode
    for (const sym of syms.slice(3)) {
      let next = node.kids.get(sym)
      if (next === undefined) node.kids.set(sym, (next = { kids: new Map(), hits: [] }))
      node = next
    }
    node.hits.push(hit)
  }
  let id = 0
  for (const [stem, admits] of stems) {
    if (stem.length < 3 || ![...stem].every(ch => STEM_CHARS.has(ch))) {
      throw new RuleError(`stem ${JSON.stringify(stem)}: three or more characters of ALPHABET`)
    }
    const seenWord = firstSeenWord + Math.floor(id / BITS)
    add(stem, [seenWord, 1 << (id % BITS), admits.length / 2, ...admits, 0])
    id++
    for (const e of extensions.get(stem) ?? []) {
      // Under the stem's own trigram (a text may start with a common one): the text before
      // the stem is compared backwards where the rest is found.
      const at = e.text.indexOf(stem)
      const before = [...e.text.slice(0, at)].reverse().map(ch => SYMBOL[ch.charCodeAt(0)] ?? 0)
      add(e.text.slice(at), [
        e.word,
        e.bit,
        2,
        0,
        e.tierBit,
        e.word,
        e.bit,
        before.length,
        ...before
      ])
    }
  }
  // Numbered breadth first, the roots first, so that a root's number is its trigram's. An edge
  // runs on through the nodes with one child and no key: those are not numbered.
  const order: TrieNode[] = [...tries]
  const nodes: number[] = []
  const kids: number[] = []
  const kidNodes: number[] = []
  const runs: number[] = []
  const edgeRuns: number[] = []
  const hitData: number[] = []
  for (let k = 0; k < order.length; k++) {
    const node = order[k] as TrieNode
    nodes.push(hitData.length)
    for (const h of node.hits) hitData.push(...h)
    nodes.push(hitData.length)
    for (const [sym, first] of node.kids) {
      kids[64 * k + sym] = kidNodes.length + 1
      edgeRuns.push(runs.length)
      let kid = first
      while (kid.kids.size === 1 && kid.hits.length === 0) {
        const [next, below] = [...kid.kids][0] as [number, TrieNode]
        runs.push(next)
        kid = below
      }
      kidNodes.push(2 * order.length)
      order.push(kid)
    }
  }
  edgeRuns.push(runs.length)
  if (kidNodes.length >= 1 << 15) throw new RuleError('more than 32,767 edges in the stem trie')
  const kidTable = new Int16Array(64 * order.length)
  kids.forEach((kid, at) => (kidTable[at] = kid))
  return {
    trigrams,
    nodes: Int32Array.from(nodes),
    kids: kidTable,
    kidNodes: Int32Array.from(kidNodes),
    edgeRuns: Int32Array.from(edgeRuns),
    runs: Uint8Array.from(runs),
    hitData: Int32Array.from(hitData)
  }
}

// ---------------------------------------------------------------------------------------------
// Compiling the tables

function addBit(pairs: number[], word: number, bit: number): void {
  for (let k = 0; k < pairs.length; k += 2) {
    if (pairs[k] === word) {
      pairs[k + 1] = (pairs[k + 1] as number) | bit
      return
    }
  }
  pairs.push(word, bit)
}

/** The level names of `LevelStep`, as levels of level.ts. */
const LEVELS: Record<LevelStep['level'], number> = {
  warn: L_WARN,
  error: L_ERROR,
  critical: L_CRITICAL,
  fatal: L_FATAL,
  panic: L_PANIC
}

/**
 * The tables ready to run, checked. Word 0 of a scan mask holds one bit per tier (at most 30),
 * the words after it one bit per matcher.
 */
export function compileRules(
  precedence: readonly Step[],
  request: readonly Tier[],
  crash: readonly Tier[]
): CompiledRules {
  const tiers = new Map<Tier, CompiledTier>()
  const stems = new Map<string, number[]>(STEMS.map(s => [s, []]))
  const extensions = new Map<string, Extension[]>()
  const names = new Set<string>()
  let count = 0
  const compileTier = (tier: Tier): CompiledTier => {
    const known = tiers.get(tier)
    if (known) return known
    if (tiers.size >= BITS) throw new RuleError(`more than ${BITS} tiers`)
    const tierBit = 1 << tiers.size
    const matchers: Matcher[] = []
    for (const [ruleNumber, rule] of tier.rules.entries()) {
      if (names.has(rule.name)) throw new RuleError(`rule ${rule.name} is listed twice`)
      names.add(rule.name)
      const r = result(tier.category, rule.name)
      const guard = rule.guard === undefined ? undefined : GUARDS[rule.guard as Guard]
      const alternatives = topAlternatives(rule.pattern)
      const firstOfRule = matchers.length
      let ruleRe: RegExp
      try {
        ruleRe = new RegExp(rule.pattern, `g${tier.flags}`)
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e)
        throw new RuleError(`classifier rule ${rule.name}: ${why}`)
      }
      for (const alt of alternatives) {
        let g: Gate
        try {
          new RegExp(alt, tier.flags)
          g = gateOf(alt)
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e)
          throw new RuleError(`classifier rule ${rule.name}, alternative /${alt}/: ${why}`)
        }
        const keys = scanKeys(g.keys)
        const word = 1 + Math.floor(count / BITS)
        const bit = 1 << (count % BITS)
        count++
        const re = new RegExp(alt, `g${tier.flags}`)
        const m: Matcher = {
          re,
          result: r,
          guard,
          word,
          bit,
          gate: g.stems,
          keys: keys.map(k => k[0]),
          source: alt,
          rule: ruleNumber,
          ruleRe: re
        }
        matchers.push(m)
        for (const stem of g.stems) {
          let admits = stems.get(stem)
          if (admits === undefined) stems.set(stem, (admits = []))
          const texts = keys.filter(k => k[1] === stem).map(k => k[0])
          if (texts.length === 0 || texts.includes(stem)) {
            addBit(admits, 0, tierBit)
            addBit(admits, word, bit)
          } else {
            let ext = extensions.get(stem)
            if (ext === undefined) extensions.set(stem, (ext = []))
            for (const text of new Set(texts)) ext.push({ text, tierBit, word, bit })
          }
        }
      }
      if (alternatives.length > 1) for (const m of matchers.slice(firstOfRule)) m.ruleRe = ruleRe
    }
    if (matchers.length > MAX_TIER_MATCHERS) {
      throw new RuleError(`a tier of more than ${MAX_TIER_MATCHERS} alternatives`)
    }
    const spans: number[] = []
    for (const m of matchers) addBit(spans, m.word, m.bit)
    const c: CompiledTier = {
      kind: 'tier',
      tier,
      matchers,
      bit: tierBit,
      spans,
      first: count - matchers.length,
      inRecord: tier.inRecord ? result(tier.inRecord.category, tier.inRecord.rule) : undefined,
      unless: undefined
    }
    tiers.set(tier, c)
    if (tier.unless) c.unless = compileTier(tier.unless)
    return c
  }
  const steps: CompiledStep[] = precedence.map(step =>
    step.kind === 'tier'
      ? compileTier(step)
      : {
          kind: 'level',
          level: LEVELS[step.level],
          result: result(step.category, step.rule),
          structured:
            step.structuredRule !== undefined
              ? result(step.structuredCategory ?? step.category, step.structuredRule)
              : undefined
        }
  )
  const requestTiers = request.map(compileTier)
  const matcherWidth = 1 + Math.ceil(count / BITS)
  const width = matcherWidth + Math.ceil(stems.size / BITS)
  const crashMask = Array.from({ length: width }, () => 0)
  for (const t of crash) {
    const c = compileTier(t)
    crashMask[0] = (crashMask[0] as number) | c.bit
    for (const m of c.matchers) crashMask[m.word] = (crashMask[m.word] as number) | m.bit
  }
  // A listed stem that these rules do not use would only slow the scan down.
  const gated = new Set([...tiers.values()].flatMap(c => c.matchers.flatMap(m => m.gate)))
  for (const stem of stems.keys()) if (!gated.has(stem)) stems.delete(stem)
  // The stems found where a crash rule's stems occur: a warning is read for crashes there.
  const crashGated = new Set<string>()
  for (const t of crash)
    for (const m of compileTier(t).matchers) for (const stem of m.gate) crashGated.add(stem)
  // A warning is read for the crash rules only: a scan for their stems alone finds them sooner.
  const crashStems = new Map<string, number[]>()
  const crashExtensions = new Map<string, Extension[]>()
  for (const [stem, admits] of stems) {
    const kept: number[] = []
    for (let k = 0; k < admits.length; k += 2) {
      const bits = (admits[k + 1] as number) & (crashMask[admits[k] as number] as number)
      if (bits !== 0) kept.push(admits[k] as number, bits)
    }
    const ext = (extensions.get(stem) ?? []).filter(
      e => ((crashMask[e.word] as number) & e.bit) !== 0
    )
    if (ext.length !== 0) crashExtensions.set(stem, ext)
    if (crashGated.has(stem)) crashStems.set(stem, kept)
  }
  return {
    steps,
    request: requestTiers,
    empty: Array.from({ length: width }, () => 0),
    work: Array.from({ length: width }, () => 0),
    scanner: scanner(stems, extensions, matcherWidth),
    crashScanner: scanner(crashStems, crashExtensions, matcherWidth),
    crashHint: anyOf([...crashStems.keys()]),
    stems: [...stems.keys()]
  }
}
