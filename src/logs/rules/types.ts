/**
 * The shape of the classifier's rule tables (see `index.ts` for their order and `compile.ts`
 * for how they are checked and prepared at load time).
 */
import type { Category } from '../types.js'

/**
 * How a match is checked before it counts.
 * - `word`: a word, not inside an identifier or path, not with a zero or empty value, not
 *   negated, not naming code (`error_count`, `errors: 0`, `no errors`, `error handler`).
 * - `setting`: as `word`, and not a setting (`timeout: 30s`, `read_timeout=10`).
 * - `class-name`: the end of an exception class name whose name, read backwards, starts with a
 *   capital or is qualified (`NullPointerException`, `errors.Error`), not a JVM flag
 *   (`-XX:+HeapDumpOnOutOfMemoryError`).
 */
export type Guard = 'word' | 'setting' | 'class-name'

export interface Rule {
  /** Named in every result it decides (`oom.java`, `connection.refused`…). */
  name: string
  /**
   * A regular expression source. Its top-level alternatives are matched, gated and checked
   * one by one; it must not hold capture groups (`(?:…)` only).
   */
  pattern: string
  guard?: Guard
}

/**
 * Which text of the event a tier reads:
 * - `message`: the event without stack frames or code lines (a one-line event: itself);
 * - `event`: the whole event;
 * - `after-first-line`: `message` without its first line in a grouped trace, else `message`;
 * - `first-line`: the first line.
 */
export type Scope = 'message' | 'event' | 'after-first-line' | 'first-line'

/**
 * Rules of one rank. Within a tier the match that starts first in the text wins (at one
 * position: the rule listed first); a tier that matches ends the classification.
 */
export interface Tier {
  kind: 'tier'
  /** `null`: a rule that says the event is *not* an error (and why). */
  category: Category | null
  /** `i` or ``. */
  flags: string
  scope: Scope
  rules: Rule[]
  /**
   * The result instead when the event is a JSON or logfmt record (a `{` first, or `msg=`):
   * `structured_error.keyword` for an error word in a record without a level.
   */
  inRecord?: { category: Category; rule: string }
  /** A match does not count when this tier matches too: its result is the verdict then. */
  unless?: Tier
}

/** The level names a `LevelStep` reads (see `level.ts`). */
export type LevelName = 'warn' | 'error' | 'critical' | 'fatal' | 'panic'

/** A result decided by the event's level alone, at its place in the order. */
export interface LevelStep {
  kind: 'level'
  level: LevelName
  category: Category | null
  rule: string
  /** The rule instead when the level came from a JSON or logfmt key. */
  structuredRule?: string
  /** The category with `structuredRule`. */
  structuredCategory?: Category
}

export type Step = Tier | LevelStep

export function tier(
  category: Category | null,
  flags: '' | 'i',
  scope: Scope,
  rules: Rule[],
  inRecord?: Tier['inRecord']
): Tier {
  return { kind: 'tier', category, flags, scope, rules, ...(inRecord ? { inRecord } : {}) }
}
