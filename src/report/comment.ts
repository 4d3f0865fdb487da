/**
 * The sticky PR comment: its hidden marker, when to write it, and its body cut to
 * GitHub's size limit without leaving a `<details>` or a code fence open. Pure.
 */

/** GitHub rejects comment bodies longer than this (422 `body is too long`). */
export const GITHUB_COMMENT_LIMIT = 65536

/** Start of every marker we write; stripped from report text so a log line cannot fake one. */
export const MARKER_PREFIX = '<!-- aws-ecs-monitor'

/** Values of the `comment-on-pr` input. */
export type CommentMode = 'auto' | 'always' | 'on-failure' | 'never'

/** Overall status of a run, as far as the comment cares. */
export type CommentOverall = 'healthy' | 'degraded' | 'unhealthy'

/** Events whose payload is a pull request; `auto` comments on these only. */
const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])

/**
 * Marker cluster part: anything but `[A-Za-z0-9_.:/@+=,-]` percent-encoded (so `<`, `>`, spaces
 * and newlines cannot appear), and `--` broken up, because `--` may not occur inside an HTML
 * comment. Injective, so two clusters never share a marker.
 */
export function markerValue(cluster: string): string {
  let out = ''
  for (const ch of cluster) {
    if (/^[A-Za-z0-9_.:/@+=,-]$/.test(ch)) out += ch
    else
      for (const b of Buffer.from(ch, 'utf8'))
        out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  // A cluster ARN is at most ~300 characters; this only bounds hostile input.
  return out.slice(0, 1024).replace(/--/g, '-%2D') || '%00'
}

/**
 * Hidden HTML marker of the sticky comment of one cluster, e.g.
 * `<!-- aws-ecs-monitor:sticky cluster=prod -->`. One comment per cluster can coexist on a PR.
 */
export function commentMarker(cluster: string): string {
  return `${MARKER_PREFIX}:sticky cluster=${markerValue(cluster)} -->`
}

/** Result of {@link shouldComment}. */
export interface CommentDecision {
  /** Whether to touch the PR comment at all. */
  comment: boolean
  /**
   * Whether a missing comment may be created. False with `comment: true` means "update the
   * existing comment only" (`on-failure` on a healthy run, so an old failure report does not
   * stay on the PR).
   */
  create: boolean
  /** Why, for the log. */
  why: string
}

/**
 * When to write the sticky comment:
 * - `never`: no.
 * - `auto`: on `pull_request` / `pull_request_target` events that carry a PR number.
 * - `always`: whenever a PR number is known, from any event (`issue_comment` on a PR,
 *   `workflow_run` of one PR, ...).
 * - `on-failure`: like `auto`, but a comment is created only when the run is not healthy. An
 *   existing comment is still updated when the run is healthy again, so the PR never shows a
 *   stale failure.
 */
export function shouldComment(opts: {
  mode: CommentMode
  eventName: string
  prNumber?: number | undefined
  overall: CommentOverall
}): CommentDecision {
  const { mode, eventName, prNumber, overall } = opts
  const no = (why: string): CommentDecision => ({ comment: false, create: false, why })
  if (mode === 'never') return no('comment-on-pr is never')
  if (prNumber === undefined)
    return no(`the ${eventName || 'unknown'} event is not about a pull request`)
  const pr = `pull request #${prNumber}`
  if (mode === 'always')
    return { comment: true, create: true, why: `comment-on-pr is always: ${pr}` }
  if (!PR_EVENTS.has(eventName)) {
    return no(
      `comment-on-pr is ${mode} and ${eventName} is not a pull_request event (comment-on-pr: always comments from it)`
    )
  }
  if (mode === 'auto') return { comment: true, create: true, why: `${eventName} event of ${pr}` }
  if (overall !== 'healthy') {
    return {
      comment: true,
      create: true,
      why: `comment-on-pr is on-failure and the run is ${overall}`
    }
  }
  return {
    comment: true,
    create: false,
    why: 'comment-on-pr is on-failure and the run is healthy: an existing comment is updated, none is created'
  }
}

function get(obj: unknown, ...path: string[]): unknown {
  let cur = obj
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

function prNumberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined
}

/**
 * Number of the pull request an event is about, if any: `pull_request.number` or `number`
 * (pull_request*, pull_request_review*), `issue.number` when the issue is a PR (issue_comment),
 * and the single PR of a `workflow_run`.
 */
export function prNumberFromEvent(eventName: string, payload: unknown): number | undefined {
  const fromPr = prNumberOf(get(payload, 'pull_request', 'number'))
  if (fromPr !== undefined) return fromPr
  if (eventName === 'issue_comment' || eventName === 'issues') {
    // An issue_comment event fires for issues too; only a PR has `issue.pull_request`.
    const issue = get(payload, 'issue')
    return get(issue, 'pull_request') ? prNumberOf(get(issue, 'number')) : undefined
  }
  if (eventName === 'workflow_run') {
    const prs = get(payload, 'workflow_run', 'pull_requests')
    return Array.isArray(prs) && prs.length === 1 ? prNumberOf(get(prs[0], 'number')) : undefined
  }
  if (eventName.startsWith('pull_request')) return prNumberOf(get(payload, 'number'))
  // Other events only count when their payload clearly is a pull request's.
  return get(payload, 'pull_request') ? prNumberOf(get(payload, 'number')) : undefined
}

/**
 * Defuses every copy of our marker prefix: a zero-width space after `aws` makes it unlike any
 * marker. One pass suffices: every match holds exactly one `<`, which the replacement keeps.
 */
function stripMarkers(text: string): string {
  return text.replace(/<!--\s*aws-ecs-monitor/gi, '<!-- aws\u200b-ecs-monitor')
}

/** A link target that cannot break out of Markdown: http(s) only, no spaces or parentheses. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const u = new URL(url)
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined
    return u.href.replace(/[()<>"' [\]]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  } catch {
    return undefined
  }
}

/** Open blocks at some point of the Markdown: the fence we are in, and `<details>` depth. */
export interface OpenState {
  fence?: { char: string; len: number }
  details: number
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/
const DETAILS_OPEN = /<details\b/gi
const DETAILS_CLOSE = /<\/details\s*>/gi

/** State after one more line (CommonMark fences: same char, at least as long, to close). */
export function advance(state: OpenState, line: string): OpenState {
  if (state.fence) {
    const { char, len } = state.fence
    const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line)
    if (m?.[1] && m[1][0] === char && m[1].length >= len) return { details: state.details }
    return state
  }
  const f = FENCE_OPEN.exec(line)
  // A backtick fence's info string may not contain backticks (else it is inline code).
  if (f?.[1] && !(f[1][0] === '`' && f[2]?.includes('`'))) {
    return { details: state.details, fence: { char: f[1][0] ?? '`', len: f[1].length } }
  }
  const opens = line.match(DETAILS_OPEN)?.length ?? 0
  const closes = line.match(DETAILS_CLOSE)?.length ?? 0
  if (opens === 0 && closes === 0) return state
  return { details: Math.max(0, state.details + opens - closes) }
}

/** Text that closes what is open: the fence first, then each `<details>`. */
export function closers(state: OpenState): string {
  let out = ''
  if (state.fence) out += `\n${state.fence.char.repeat(state.fence.len)}`
  if (state.details > 0) out += '\n' + '\n</details>'.repeat(state.details)
  return out
}

function closersLength(state: OpenState): number {
  return (state.fence ? state.fence.len + 1 : 0) + (state.details > 0 ? 1 + 11 * state.details : 0)
}

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
function sliceSafe(text: string, max: number): string {
  if (text.length <= max) return text
  let end = Math.max(0, max)
  const code = text.charCodeAt(end - 1)
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end--
  return text.slice(0, end)
}

/**
 * Longest prefix of `lines` (joined with `\n`) that fits `budget` together with the text that
 * closes what it leaves open. Returns the prefix's text and state.
 */
function cutLines(lines: readonly string[], budget: number): { text: string; state: OpenState } {
  let state: OpenState = { details: 0 }
  let best = { count: 0, state }
  let used = 0
  for (let i = 0; i < lines.length; i++) {
    used += (i > 0 ? 1 : 0) + (lines[i]?.length ?? 0)
    if (used > budget) break
    state = advance(state, lines[i] ?? '')
    if (used + closersLength(state) <= budget) best = { count: i + 1, state }
  }
  return { text: lines.slice(0, best.count).join('\n'), state: best.state }
}

/**
 * The sticky comment's body: marker, the report's Markdown, a footer linking the run. If it is
 * longer than `maxChars` (default and at most 65,536, GitHub's limit), the Markdown is cut at a
 * line boundary, any `<details>` or code fence left open is closed, and a note says where the
 * full report is. Copies of our marker inside the Markdown are defused, so the marker appears
 * exactly once. The result never exceeds `maxChars` (JS string length). `marker` replaces the
 * sticky comment's marker (an incident issue's marker and state block).
 */
export function buildCommentBody(
  markdown: string,
  opts: {
    cluster: string
    runUrl?: string | undefined
    maxChars?: number | undefined
    marker?: string | undefined
  }
): string {
  const max = Math.max(0, Math.min(opts.maxChars ?? GITHUB_COMMENT_LIMIT, GITHUB_COMMENT_LIMIT))
  const marker = opts.marker ?? commentMarker(opts.cluster)
  const url = safeUrl(opts.runUrl)
  const head = `${marker}\n`
  const footer = `\n\n---\n<sub>aws-ecs-monitor${url ? ` · [workflow run](${url})` : ''}</sub>\n`
  const body = stripMarkers(markdown.replace(/\r\n?/g, '\n')).trimEnd()

  const whole = body + closers(body.split('\n').reduce(advance, { details: 0 }))
  if (head.length + whole.length + footer.length <= max) return head + whole + footer

  const where = url ? `[job summary](${url})` : 'job summary of this run'
  const note = `\n\n> … report cut to fit GitHub's comment size limit; the full report is in the ${where}.`
  const budget = max - head.length - note.length - footer.length
  // Too small a limit for even the frame: keep the marker, cut the rest hard.
  if (budget <= 0) return sliceSafe(head + note.trimStart() + footer, max)
  const cut = cutLines(body.split('\n'), budget)
  return head + cut.text.trimEnd() + closers(cut.state) + note + footer
}
