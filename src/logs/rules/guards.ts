/**
 * The checks a match passes before it counts (see `Guard` in types.ts). Each returns undefined
 * when the match counts, else why it does not (the rule of a `null` result when nothing else
 * matches), or null for a match that is simply not one (no reason worth naming).
 */
import { isLetter, isWordChar } from '../level.js'
import type { Guard } from './types.js'

const ZERO_AFTER_RE =
  /s?(?:["']?\s*[:=]\s*["']?(?:0(?![\w.])|\[\s*\]|\{\s*\}|<nil>|""|''|(?:null|nil|none|false|n\/a)(?=\s*(?:[,;}\])"'&]|$)|\s+[\w.]+=))|\s+\(0\)|\s+0(?![\w.]))/iy
const SETTING_AFTER_RE =
  /s?["']?\s*[:=]\s*["']?\d|s? (?:is |set to |of )\d+\s*(?:ms|s|sec|seconds)?[\s,.;)]/iy
const NEGATION_BEFORE_RE =
  /(?:^|[^\w])(?:(?:no|zero|without(?: any)?|0)[\s-]+(?:[a-z]+[\s-]+)?|(?:non|not(?: an?| any)?|never)[\s-]+)$/i
const CODE_AFTER_RE =
  /s?[ _-](?:handlers?|handling|pages?|reporting|reporter|tracking|boundary|middleware|template|callback|listener|hook|rate|budget|threshold|metrics?|counter|logs?|logging)\b/iy

function word(text: string, start: number, end: number, setting: boolean): string | undefined {
  // Skip a leading boundary character the pattern consumed.
  if (start < end && !isWordChar(text.charCodeAt(start))) start++
  const before = start > 0 ? text.charCodeAt(start - 1) : 32
  const after = end < text.length ? text.charCodeAt(end) : 32
  if (before === 47 || before === 92 || before === 95) return 'negative.identifier'
  if (before === 45 && start >= 2 && isLetter(text.charCodeAt(start - 2)))
    return 'negative.identifier'
  if (after === 47 || after === 95) return 'negative.identifier'
  if ((after === 45 || after === 46) && isLetter(text.charCodeAt(end + 1)))
    return 'negative.identifier'
  ZERO_AFTER_RE.lastIndex = end
  if (ZERO_AFTER_RE.test(text)) return 'negative.zero-count'
  if (setting) {
    SETTING_AFTER_RE.lastIndex = end
    if (SETTING_AFTER_RE.test(text)) return 'negative.setting'
  }
  if (NEGATION_BEFORE_RE.test(text.slice(start > 24 ? start - 24 : 0, start))) {
    return 'negative.negated'
  }
  CODE_AFTER_RE.lastIndex = end
  if (CODE_AFTER_RE.test(text)) return 'negative.identifier'
  return undefined
}

function isClassChar(c: number): boolean {
  return isWordChar(c) || c === 36
}

/**
 * `[start, end)` ends an exception class name (`Exception`, `Error`, `Throwable`): the name read
 * backwards from there starts with a capital (`NullPointerException`, `TypeError`,
 * `HttpClientErrorException$NotFound`) or is qualified (`errors.Error`). A JVM flag names the
 * error without reporting one: `-XX:+HeapDumpOnOutOfMemoryError`.
 */
function className(text: string, start: number): null | undefined {
  let j = start
  while (j > 0 && isClassChar(text.charCodeAt(j - 1))) j--
  const flag = text.charCodeAt(j - 1)
  if ((flag === 43 || flag === 45) && text.charCodeAt(j - 2) === 58) return null
  if (j < start) {
    const c = text.charCodeAt(j)
    return c >= 65 && c <= 90 ? undefined : null
  }
  return start >= 2 && text.charCodeAt(start - 1) === 46 && isWordChar(text.charCodeAt(start - 2))
    ? undefined
    : null
}

export const GUARDS: Record<
  Guard,
  (text: string, start: number, end: number) => string | null | undefined
> = {
  word: (text, start, end) => word(text, start, end, false),
  setting: (text, start, end) => word(text, start, end, true),
  'class-name': (text, start) => className(text, start)
}
