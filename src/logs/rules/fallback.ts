/**
 * Events without a level that still report an error: a JSON/logfmt error field, else the words
 * `error(s)`, `failed`, `failure`, `crashed` (as `structured_error` in a JSON or logfmt record),
 * `command not found`, `no such file or directory`. Node's GC traces (`Mark-Compact …
 * allocation failure`) are not errors.
 */
import { tier } from './types.js'

export const STRUCTURED_FIELD = tier('structured_error', '', 'first-line', [
  {
    name: 'structured_error.field',
    pattern:
      /\\?"(?:error|err|exception|exc_info|stack|stacktrace|stack_trace|error_message|errorMessage|error\.message|error\.type|error\.kind|fault)\\?"\s*:\s*(?!null\b|false\b|""|\\"\\"|\[\]|\{\}|0\b|\\?"\\?"|\\?"(?:none|null|nil|false)\\?")\S|(?:^|\s)(?:err|error|exception)=(?!<nil>|nil\b|null\b|""|none\b|false\b|0\b|\s|$)/
        .source
  }
])

/** Node's GC traces: `… ms: Mark-Compact … allocation failure` is not a failure. */
const GC_TRACE = tier(null, '', 'first-line', [
  {
    name: 'negative.gc-trace',
    pattern: String.raw`\bms: (?:Mark-Compact|Scavenge|Mark-sweep|Mark-Sweep|Minor Mark-Compact)\b`
  }
])

export const ERROR_WORDS = {
  ...tier(
    'error',
    'i',
    'message',
    [
      {
        name: 'error.keyword',
        pattern: String.raw`\b(?:errors?|failed|failures?|crash(?:ed|es)?)\b`,
        guard: 'word'
      },
      {
        name: 'error.not-found',
        pattern: String.raw`command not found|: not found$|no such file or directory|exec format error`
      }
    ],
    { category: 'structured_error', rule: 'structured_error.keyword' }
  ),
  unless: GC_TRACE
}
