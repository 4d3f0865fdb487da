/**
 * Everything that reaches a person passes through here (SPEC §5): text from AWS (service events,
 * target descriptions, task reasons) and from logs is written by others. Redact secrets, strip
 * control characters, and escape it for the place it goes. Pure.
 */

const REDACTED = '[REDACTED]'

const SECRET_PATTERNS: [RegExp, string | ((...m: string[]) => string)][] = [
  // Private key blocks.
  [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    `-----BEGIN PRIVATE KEY----- ${REDACTED}`
  ],
  // AWS access key ids.
  [/\b(AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g, `${REDACTED}`],
  // aws_secret_access_key = <40 chars>
  [
    /(aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}/gi,
    (_m, p: string) => `${p}${REDACTED}`
  ],
  // JWTs.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, REDACTED],
  // Bearer / Basic tokens.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, (_m, p: string) => `${p} ${REDACTED}`],
  // user:password@ in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi, (_m, p: string) => `${p}${REDACTED}@`],
  // password=…, secret: …, token=…, api_key=… (JSON and logfmt too).
  [
    /(["']?\b(?:password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|api[_-]?key|apikey)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi,
    (_m, p: string) => `${p}${REDACTED}`
  ]
]

/** Replaces secrets with `[REDACTED]`. */
export function redact(text: string): string {
  let out = text
  for (const [re, rep] of SECRET_PATTERNS) out = out.replace(re, rep as string)
  return out
}

/** Removes control characters (ANSI escapes included) except tab and newline. */
export function stripControl(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '')
}

/** Cuts text to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  return `${text.slice(0, Math.max(0, max - 1))}…`
}

/** Redacted, control-free, single-line text of at most `max` characters. */
export function oneLine(text: string, max = 300): string {
  return truncate(
    stripControl(redact(text))
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim(),
    max
  )
}

/**
 * Text safe inside Markdown and HTML, including a table cell: HTML-escaped, pipes and Markdown
 * punctuation escaped, mentions and issue references defused, one line.
 */
export function mdText(text: string, max = 300): string {
  return oneLine(text, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]~|])/g, '\\$1')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
    .replace(/(^|[^&])#(?=\d)/g, '$1#\u200b')
}

/** Text safe for a plain terminal (CLI): redacted, no control characters. */
export function termText(text: string, max = 500): string {
  return oneLine(text, max)
}

/**
 * A fenced code block that the content cannot break out of: redacted, control characters
 * removed, cut to `max`, inside a backtick fence longer than any backtick run in it.
 */
export function fence(text: string, max = 2000): string {
  const body = truncate(stripControl(redact(text)), max)
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), m => m[0].length))
  const ticks = '`'.repeat(Math.max(3, longest + 1))
  return `${ticks}text\n${body.replace(/@(?=[A-Za-z0-9])/g, '@\u200b')}\n${ticks}`
}
