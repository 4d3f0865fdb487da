/**
 * Everything that reaches a person passes through here: text from AWS (service events,
 * target descriptions, task reasons) and from logs is written by others. Redact secrets, strip
 * control characters, and escape it for the place it goes. Pure.
 *
 * Every pattern below has bounded quantifiers and every entry point bounds its input first, so a
 * hostile 1 MB line costs milliseconds, not a regex blow-up.
 */

const REDACTED = '[REDACTED]'

/** Input the helpers read, per character of output they keep, and at least. */
const INPUT_FACTOR = 8
const HEAD_MIN = 65536

/** Key names whose value is a secret: `password=…`, `"db_password": "…"`, `X-Api-Key: …`. */
const SECRET_KEY =
  '[A-Za-z0-9_.-]{0,40}?(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|session[_-]?key)'

const SECRET_PATTERNS: [RegExp, string | ((...m: string[]) => string)][] = [
  // Private key blocks: to their END line, the next BEGIN or the end of the text; one whose END
  // is out of reach is cut by the second pattern.
  [
    /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----(?:(?!-----BEGIN )[\s\S]){0,20000}?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----|$|(?=-----BEGIN ))/g,
    '[REDACTED PRIVATE KEY]'
  ],
  [/-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----[\s\S]{0,20000}/g, '[REDACTED PRIVATE KEY]'],
  // AWS access key ids (long-term AKIA…, temporary ASIA…, and the other principal prefixes).
  [
    /(?<![A-Z0-9])(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
    REDACTED
  ],
  // aws_secret_access_key = <40 chars>, SecretAccessKey: "…", AWS_SECRET_ACCESS_KEY=…
  [
    /((?:aws_?)?secret_?(?:access_?)?key["']?[ \t]{0,5}[:=][ \t]{0,5}["']?)[A-Za-z0-9/+=]{20,80}/gi,
    (_m, p: string) => `${p}${REDACTED}`
  ],
  // JWTs (header.payload.signature, base64url).
  [
    /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,1024}\.[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{5,4096}/g,
    REDACTED
  ],
  // What is left of one whose signature was masked (`eyJ….eyJ….<id>`): header and claims.
  [
    /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,1024}\.eyJ[A-Za-z0-9_-]{2,8192}(?:\.[^\s.]{0,4096})?/g,
    REDACTED
  ],
  // GitHub, Slack, Stripe and similar prefixed tokens.
  [
    /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255}|xox[abposr]-[A-Za-z0-9-]{10,255}|sk_live_[A-Za-z0-9]{16,255}|glpat-[A-Za-z0-9_-]{20,64})/g,
    REDACTED
  ],
  // Bearer / Basic / Token credentials in headers.
  [
    /\b(Bearer|Basic|Token)(\s{1,5})[A-Za-z0-9._~+/=-]{8,4096}/gi,
    (_m, p: string, s: string) => `${p}${s}${REDACTED}`
  ],
  // A line that is nothing but 60–100 base64 characters of mixed case and digits: a private
  // key's body when its BEGIN line went into another log event.
  [
    /^([ \t]*)([A-Za-z0-9+/]{60,100}={0,2})([ \t]*)$/gm,
    (m: string, a: string, b: string, c: string) =>
      /[A-Z]/.test(b) && /[a-z]/.test(b) && /[0-9]/.test(b) ? `${a}${REDACTED}${c}` : m
  ],
  // user:password@ in URLs.
  [
    /\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/:@]{0,256}:[^\s/@]{1,256}@/gi,
    (_m, p: string) => `${p}${REDACTED}@`
  ],
  // password=…, secret: …, token=…, api_key=…, DB_PASSWORD=… (JSON, YAML, logfmt, query strings).
  [
    new RegExp(
      `((?:^|[^A-Za-z0-9])["']?${SECRET_KEY}["']?[ \\t]{0,5}[:=][ \\t]{0,5})(?!["']?\\[REDACTED)("[^"\\n]{0,4096}"|'[^'\\n]{0,4096}'|[^\\s,;&"'}]{1,4096})`,
      'gi'
    ),
    (_m, p: string) => `${p}${REDACTED}`
  ]
]

/** Replaces secrets with `[REDACTED]`. */
export function redact(text: string): string {
  let out = text
  for (const [re, rep] of SECRET_PATTERNS) out = out.replace(re, rep as string)
  return out
}

/**
 * Removes what could control a terminal or the Actions runner: ANSI/OSC escape sequences, C0/C1
 * control characters (tab and newline kept; a lone CR becomes a newline), Unicode line
 * separators, bidirectional overrides, lone surrogates (invalid UTF-16, shown as U+FFFD), and the
 * runner's legacy `##[command]` prefix, which the runner honours anywhere in a line of output.
 */
export function stripControl(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // CSI and OSC sequences (OSC ends with BEL or ESC \), then any other escape.
      .replace(/\u001b\[[0-?]{0,64}[ -/]{0,16}[@-~]?/g, '')
      .replace(/\u001b\][^\u0007\u001b]{0,4096}(?:\u0007|\u001b\\)?/g, '')
      .replace(/\u009b[0-?]{0,64}[ -/]{0,16}[@-~]?/g, '')
      .replace(
        /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
        ''
      )
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/##\[/g, '##\u200b[')
  )
}

/** Cuts text to `max` characters, marking the cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max - 1)
  const code = text.charCodeAt(end - 1)
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end--
  return `${text.slice(0, end)}…`
}

/**
 * The part of `text` worth sanitizing for `max` characters of output: all of it up to 64 KiB
 * (so stripped whitespace and control characters cannot pull unredacted text into view), else a
 * prefix without the token the cut went through, since half a secret no longer matches its
 * pattern.
 */
function head(text: string, max: number): string {
  const limit = Math.max(HEAD_MIN, max * INPUT_FACTOR)
  if (text.length <= limit) return text
  let end = limit
  const stop = Math.max(0, limit - 8192)
  while (end > stop && !/\s/.test(text[end - 1] ?? ' ')) end--
  return `${text.slice(0, end)} …`
}

/** Redacted, control-free, single-line text of at most `max` characters. */
export function oneLine(text: string, max = 300): string {
  // split/trim/join rather than a regex around newlines: linear on long runs of blanks.
  const lines = stripControl(redact(head(text, max))).split('\n')
  return truncate(
    lines
      .map(l => l.trim())
      .filter(l => l !== '')
      .join(' '),
    max
  )
}

/** `@name` (users, `@org/team`) and `#123` (issues, PRs) made inert with a zero-width space. */
function defusePings(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b').replace(/#(?=\d)/g, '#\u200b')
}

/**
 * Text safe inside Markdown and HTML, including a table cell: HTML-escaped, pipes and Markdown
 * punctuation escaped, mentions and issue references defused, one line.
 */
export function mdText(text: string, max = 300): string {
  return defusePings(
    oneLine(text, max)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]~|])/g, '\\$1')
  ).replace(/^([#+=-])/, '\\$1')
}

/**
 * Text safe inside raw HTML (e.g. `<summary>`, where Markdown is not parsed, so backslash
 * escapes would show): HTML-escaped, mentions and issue references defused, one line.
 */
export function htmlText(text: string, max = 300): string {
  return defusePings(
    oneLine(text, max)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  )
}

/**
 * An inline code span for names (task definitions, hosts, clusters). A backtick or a pipe cannot
 * occur in such names; should one arrive anyway it is replaced, so the span cannot end early or
 * split a table cell.
 */
export function mdCode(text: string, max = 200): string {
  const body = oneLine(text, max).replace(/`/g, "'").replace(/\|/g, '¦')
  return `\`${body || ' '}\``
}

/**
 * One line for an annotation (plain text, but shown on GitHub): redacted, control-free,
 * mentions and issue references defused.
 */
export function plainText(text: string, max = 300): string {
  return defusePings(oneLine(text, max))
}

/** Text safe for a plain terminal (CLI): redacted, no control characters. */
export function termText(text: string, max = 500): string {
  return oneLine(text, max)
}

/**
 * Cleans a free-text value kept in a JSON file or printed as JSON: secrets redacted, control
 * characters removed (newlines kept), at most `max` characters.
 */
export function jsonText(text: string, max = 10_000): string {
  return truncate(stripControl(redact(head(text, max))), max)
}

/** Every string (keys too) of a JSON-like value through {@link jsonText}. */
export function cleanJson<T>(value: T, max = 10_000): T {
  if (typeof value === 'string') return jsonText(value, max) as T
  if (Array.isArray(value)) return value.map(v => cleanJson(v, max)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[jsonText(k, 1000)] = cleanJson(v, max)
    return out as T
  }
  return value
}

/**
 * A fenced code block that the content cannot break out of: redacted, control characters
 * removed, cut to `max`, inside a backtick fence longer than any backtick run in it. Copies of
 * the sticky-comment marker inside are defused too, though a code block could not carry one.
 */
export function fence(text: string, max = 2000): string {
  const body = truncate(stripControl(redact(head(text, max))), max)
    .replace(/<!--/g, '<!-\u200b-')
    .replace(/@(?=[A-Za-z0-9_-])/g, '@\u200b')
    .replace(/\n+$/, '')
  const longest = Math.max(0, ...Array.from(body.matchAll(/`+/g), m => m[0].length))
  const ticks = '`'.repeat(Math.max(3, longest + 1))
  return `${ticks}text\n${body}\n${ticks}`
}
