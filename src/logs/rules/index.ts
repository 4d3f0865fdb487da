/**
 * The classifier's rules in order of precedence: the most specific category wins, and a
 * category found from what the event *says* beats one read from its level alone. The first
 * step that decides ends the classification. See classify.ts for the steps before these
 * (health checks, access lines, the INFO/DEBUG gate).
 *
 * To add a rule: add an entry to its tier (its place in the tier is its rank there). To add a
 * category: add it to `CATEGORIES` in ../types.ts and a tier here at its rank. The rules are
 * checked when this module loads (compile.ts): a pattern the prefilter cannot read, or one with
 * capture groups, is an error there, not a rule that silently never fires.
 */
import { AUTH_I, CONN_CS, CONN_I, CONN_WEAK_I, TIMEOUT_CS, TIMEOUT_I } from './cause.js'
import { FATAL_CS, OOM_CS, OOM_I, PANIC_CS } from './crash.js'
import { ERROR_WORDS, STRUCTURED_FIELD } from './fallback.js'
import {
  EXCEPTION_CLASS,
  EXCEPTION_CS,
  EXCEPTION_I,
  FRAME,
  HTTP5XX_I,
  PYTHON_CS
} from './message.js'
import type { LevelStep, Step, Tier } from './types.js'

function level(
  name: LevelStep['level'],
  category: LevelStep['category'],
  rule: string,
  structured?: { category: NonNullable<LevelStep['structuredCategory']>; rule: string }
): LevelStep {
  return {
    kind: 'level',
    level: name,
    category,
    rule,
    ...(structured
      ? { structuredRule: structured.rule, structuredCategory: structured.category }
      : {})
  }
}

/** oom > panic > fatal: they count in a `WARN` event too. */
export const CRASH: readonly Tier[] = [OOM_I, OOM_CS, PANIC_CS, FATAL_CS]

/** timeout > connection_error > auth_error > a generic "failed to connect". */
const CAUSE: readonly Tier[] = [TIMEOUT_I, TIMEOUT_CS, CONN_I, CONN_CS, AUTH_I, CONN_WEAK_I]

export const PRECEDENCE: readonly Step[] = [
  ...CRASH,
  // A warning is not an error unless it reports a crash.
  level('warn', null, 'level.warn'),
  level('panic', 'panic', 'panic.level'),
  level('fatal', 'fatal', 'fatal.level'),
  ...CAUSE,
  HTTP5XX_I,
  PYTHON_CS,
  EXCEPTION_CS,
  EXCEPTION_CLASS,
  FRAME,
  EXCEPTION_I,
  level('critical', 'fatal', 'fatal.critical-level'),
  level('error', 'error', 'error.level', {
    category: 'structured_error',
    rule: 'structured_error.level'
  }),
  // No level from here on.
  STRUCTURED_FIELD,
  ERROR_WORDS
]

/**
 * A JSON or logfmt request record with an error level or none: an explicit cause in it comes
 * before its status (a 401/403 status is the auth verdict, so auth rules are not read).
 */
export const REQUEST_PRECEDENCE: readonly Tier[] = [...CRASH, ...CAUSE.filter(t => t !== AUTH_I)]
