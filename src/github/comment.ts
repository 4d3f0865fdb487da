/**
 * The sticky PR comment's I/O: a small comment API (Octokit behind it) and the upsert that finds
 * our comment by its hidden marker. Errors become a `CommentError` whose message says what to
 * fix; the caller turns it into a warning, never a failed step: the comment is a courtesy,
 * the verdict lives in the step result and the summary.
 */
import { getOctokit } from '@actions/github'
import { errorMessage } from '../errors.js'
import { oneLine } from '../util/sanitize.js'

/** The issue (a PR is an issue) whose comments we read and write. */
export interface IssueTarget {
  owner: string
  repo: string
  issueNumber: number
}

/** The parts of an issue comment that the upsert needs. */
export interface IssueComment {
  id: number
  body: string
  /** Author's login; `github-actions[bot]` for `GITHUB_TOKEN`. */
  login?: string | undefined
  /** Author's account type: `User`, `Bot`, `Organization`. */
  userType?: string | undefined
  /** Link to the comment on github.com. */
  url?: string | undefined
  createdAt?: string | undefined
  /** True when the comment was hidden (minimized), e.g. as outdated. */
  minimized?: boolean | undefined
}

/**
 * What the upsert needs from GitHub. Implementations throw errors with a numeric `status` for
 * HTTP failures (as Octokit's `RequestError` does).
 */
export interface CommentApi {
  /** All comments of the issue, page by page, oldest first. */
  listComments(target: IssueTarget): AsyncIterable<IssueComment[]>
  create(target: IssueTarget, body: string): Promise<IssueComment>
  update(target: IssueTarget, id: number, body: string): Promise<IssueComment>
}

/** Writing the PR comment failed; `message` says why and what to do. */
export class CommentError extends Error {
  override readonly name = 'CommentError'
  constructor(
    message: string,
    /** HTTP status of GitHub's answer, when there was one. */
    readonly status?: number
  ) {
    super(message)
  }
}

/** GitHub's page size limit for issue comments. */
const PER_PAGE = 100
/** Bounds a runaway listing; GitHub caps an issue at a few thousand comments. */
const MAX_PAGES = 100

interface RawComment {
  id: number | bigint
  body?: string | null
  html_url?: string
  created_at?: string
  user?: { login?: string; type?: string } | null
  minimized?: unknown
}

function toComment(raw: RawComment): IssueComment {
  return {
    id: Number(raw.id),
    body: raw.body ?? '',
    login: raw.user?.login,
    userType: raw.user?.type,
    url: raw.html_url,
    createdAt: raw.created_at,
    // REST returns `minimized: { reason }` for a hidden comment, null or nothing otherwise.
    minimized: raw.minimized != null && raw.minimized !== false
  }
}

function nextLink(link: string | undefined): string | undefined {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1]
}

/**
 * A {@link CommentApi} over `@actions/github`'s Octokit. `baseUrl` is the REST API root (the
 * caller passes `GITHUB_API_URL` for GitHub Enterprise Server); `timeoutMs` bounds each request.
 * Throws {@link CommentError} when `token` is empty.
 */
export function octokitCommentApi(
  token: string,
  opts: { baseUrl?: string | undefined; timeoutMs?: number | undefined } = {}
): CommentApi {
  if (!token) {
    throw new CommentError(
      'No GitHub token to write the PR comment with: set the github-token input.'
    )
  }
  const octokit = getOctokit(token, {
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : {}),
    userAgent: 'aws-ecs-monitor'
  })
  const timeoutMs = opts.timeoutMs ?? 30_000
  const request = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(timeoutMs) })
  return {
    async *listComments(t) {
      const first = await octokit.rest.issues.listComments({
        owner: t.owner,
        repo: t.repo,
        issue_number: t.issueNumber,
        per_page: PER_PAGE,
        request: request()
      })
      yield (first.data as RawComment[]).map(toComment)
      // Follow GitHub's Link header rather than guessing page numbers.
      let next = nextLink(first.headers.link)
      for (let page = 2; next && page <= MAX_PAGES; page++) {
        const res = await octokit.request({ method: 'GET', url: next, request: request() })
        yield (res.data as RawComment[]).map(toComment)
        next = nextLink(res.headers.link)
      }
    },
    async create(t, body) {
      const res = await octokit.rest.issues.createComment({
        owner: t.owner,
        repo: t.repo,
        issue_number: t.issueNumber,
        body,
        request: request()
      })
      return toComment(res.data)
    },
    async update(t, id, body) {
      const res = await octokit.rest.issues.updateComment({
        owner: t.owner,
        repo: t.repo,
        comment_id: id,
        body,
        request: request()
      })
      return toComment(res.data)
    }
  }
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** The error of a failed GitHub call, with what to do about it. */
export function commentError(err: unknown, doing: string, target: IssueTarget): CommentError {
  if (err instanceof CommentError) return err
  const status = statusOf(err)
  const where = `${target.owner}/${target.repo}#${target.issueNumber}`
  const detail = oneLine(errorMessage(err), 300)
  const what = `Could not ${doing} on ${where}${status ? ` (HTTP ${status}: ${detail})` : `: ${detail}`}`
  let hint: string
  if (status === 429 || (status === 403 && /rate limit/i.test(detail))) {
    hint = 'GitHub rate-limited the token; the next run will update the comment.'
  } else if (status === 403) {
    hint =
      'The token may not write PR comments: give the job `permissions: pull-requests: write`. ' +
      'On a pull request from a fork GITHUB_TOKEN is read-only; the report is in the job summary ' +
      '(set comment-on-pr: never to skip the comment).'
  } else if (status === 404) {
    hint =
      'The pull request was not found, or the token cannot see the repository: check the ' +
      'github-token input and that the PR exists in this repository.'
  } else if (status === 401) {
    hint = 'GitHub rejected the token: check the github-token input.'
  } else if (status === 422) {
    hint = 'GitHub rejected the comment body.'
  } else if (status === undefined) {
    hint = 'GitHub could not be reached; check GITHUB_API_URL and the network.'
  } else {
    hint = 'GitHub failed; the next run will retry.'
  }
  return new CommentError(`${what}. ${hint}`, status)
}

/** Result of {@link upsertStickyComment}. */
export type UpsertResult =
  | { action: 'created' | 'updated' | 'unchanged'; id: number; url?: string | undefined }
  | { action: 'skipped'; id?: undefined; url?: undefined }

function sameLogin(a: string | undefined, b: string | undefined): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/\[bot\]$/, '')
  return !!a && !!b && norm(a) === norm(b)
}

function isNewer(a: IssueComment, b: IssueComment): boolean {
  if (a.createdAt && b.createdAt && a.createdAt !== b.createdAt) return a.createdAt > b.createdAt
  return a.id > b.id
}

/** GitHub may hand a body back with CRLF or trailing whitespace changed. */
function sameBody(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\r\n?/g, '\n').trimEnd()
  return norm(a) === norm(b)
}

/**
 * Creates or updates the sticky comment that carries `marker`. Our comment is the newest one
 * that holds the marker, is not hidden, and was written by a bot (`github-actions[bot]` for
 * GITHUB_TOKEN) or by `selfLogin`, so a person's comment quoting the marker is never edited. An
 * unchanged body is not rewritten. When the update is refused (403/404: not ours to edit), a new
 * comment is created. With `createIfMissing: false` a missing comment is not created (`skipped`).
 * Throws {@link CommentError}.
 */
export async function upsertStickyComment(
  api: CommentApi,
  target: IssueTarget,
  marker: string,
  body: string,
  opts: { selfLogin?: string | undefined; createIfMissing?: boolean | undefined } = {}
): Promise<UpsertResult> {
  if (!marker || !body.includes(marker)) {
    throw new CommentError(
      'The comment body must contain its marker, or the next run cannot find it.'
    )
  }
  let ours: IssueComment | undefined
  try {
    for await (const page of api.listComments(target)) {
      for (const c of page) {
        if (c.minimized || !c.body.includes(marker)) continue
        if (c.userType !== 'Bot' && !sameLogin(c.login, opts.selfLogin)) continue
        if (!ours || isNewer(c, ours)) ours = c
      }
    }
  } catch (err) {
    throw commentError(err, 'list the PR comments', target)
  }

  if (ours) {
    if (sameBody(ours.body, body)) return { action: 'unchanged', id: ours.id, url: ours.url }
    try {
      const updated = await api.update(target, ours.id, body)
      return { action: 'updated', id: updated.id, url: updated.url ?? ours.url }
    } catch (err) {
      const status = statusOf(err)
      // Another bot's comment, or one deleted meanwhile: write our own instead.
      if (status !== 403 && status !== 404) throw commentError(err, 'update the PR comment', target)
    }
  }
  if (opts.createIfMissing === false) return { action: 'skipped' }
  try {
    const created = await api.create(target, body)
    return { action: 'created', id: created.id, url: created.url }
  } catch (err) {
    throw commentError(err, 'create the PR comment', target)
  }
}
