/**
 * The issues part of GitHub's REST API that incidents and the history issue use, as a small
 * interface (Octokit behind it), and the error that says which permission is missing.
 */
import { getOctokit } from '@actions/github'
import { errorMessage } from '../errors.js'
import { oneLine } from '../util/sanitize.js'

export interface Repo {
  owner: string
  repo: string
}

/** The parts of an issue that incidents need. */
export interface IssueRecord {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  labels: string[]
  login?: string | undefined
  userType?: string | undefined
  url?: string | undefined
  createdAt?: string | undefined
  /** True for a pull request (the issues list returns both). */
  pullRequest: boolean
}

export interface NewIssue {
  title: string
  body: string
  labels: string[]
  assignees?: string[]
}

export interface IssueEdit {
  title?: string
  body?: string
  state?: 'open' | 'closed'
  stateReason?: 'completed' | 'not_planned' | 'duplicate'
}

/** What incidents need from GitHub; failures throw errors with a numeric `status`. */
export interface IssuesApi {
  /** The token's own login; undefined for GITHUB_TOKEN (an app installation has none). */
  selfLogin(): Promise<string | undefined>
  /** Issues with every one of `labels`, page by page. */
  list(repo: Repo, q: { state: 'open' | 'all'; labels: string[] }): AsyncIterable<IssueRecord[]>
  create(repo: Repo, issue: NewIssue): Promise<IssueRecord>
  update(repo: Repo, number: number, edit: IssueEdit): Promise<IssueRecord>
  comment(repo: Repo, number: number, body: string): Promise<void>
  lock(repo: Repo, number: number): Promise<void>
}

/** GitHub's page size limit for issues. */
const PER_PAGE = 100
/** Bounds a runaway listing: 10,000 issues with one label. */
const MAX_PAGES = 100

interface RawIssue {
  number: number
  title?: string
  body?: string | null
  state?: string
  labels?: (string | { name?: string })[]
  user?: { login?: string; type?: string } | null
  html_url?: string
  created_at?: string
  pull_request?: unknown
}

function toIssue(raw: RawIssue): IssueRecord {
  return {
    number: raw.number,
    title: raw.title ?? '',
    body: raw.body ?? '',
    state: raw.state === 'closed' ? 'closed' : 'open',
    labels: (raw.labels ?? []).map(l => (typeof l === 'string' ? l : (l.name ?? ''))),
    login: raw.user?.login,
    userType: raw.user?.type,
    url: raw.html_url,
    createdAt: raw.created_at,
    pullRequest: raw.pull_request != null
  }
}

function nextLink(link: string | undefined): string | undefined {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1]
}

/** An {@link IssuesApi} over `@actions/github`'s Octokit (`baseUrl`: `GITHUB_API_URL`). */
export function octokitIssuesApi(
  token: string,
  opts: { baseUrl?: string | undefined; timeoutMs?: number | undefined } = {}
): IssuesApi {
  const octokit = getOctokit(token, {
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : {}),
    userAgent: 'aws-ecs-monitor'
  })
  const timeoutMs = opts.timeoutMs ?? 30_000
  const request = (): { signal: AbortSignal } => ({ signal: AbortSignal.timeout(timeoutMs) })
  return {
    async selfLogin() {
      try {
        const res = await octokit.rest.users.getAuthenticated({ request: request() })
        return res.data.login
      } catch {
        return undefined
      }
    },
    async *list(r, q) {
      const first = await octokit.rest.issues.listForRepo({
        owner: r.owner,
        repo: r.repo,
        state: q.state,
        labels: q.labels.join(','),
        sort: 'created',
        direction: 'asc',
        per_page: PER_PAGE,
        request: request()
      })
      yield (first.data as RawIssue[]).map(toIssue)
      // Follow GitHub's Link header rather than guessing page numbers.
      let next = nextLink(first.headers.link)
      for (let page = 2; next && page <= MAX_PAGES; page++) {
        const res = await octokit.request({ method: 'GET', url: next, request: request() })
        yield (res.data as RawIssue[]).map(toIssue)
        next = nextLink(res.headers.link)
      }
    },
    async create(r, issue) {
      const res = await octokit.rest.issues.create({
        owner: r.owner,
        repo: r.repo,
        title: issue.title,
        body: issue.body,
        labels: issue.labels,
        ...(issue.assignees?.length ? { assignees: issue.assignees } : {}),
        request: request()
      })
      return toIssue(res.data as RawIssue)
    },
    async update(r, number, edit) {
      const res = await octokit.rest.issues.update({
        owner: r.owner,
        repo: r.repo,
        issue_number: number,
        ...(edit.title !== undefined ? { title: edit.title } : {}),
        ...(edit.body !== undefined ? { body: edit.body } : {}),
        ...(edit.state !== undefined ? { state: edit.state } : {}),
        ...(edit.stateReason !== undefined ? { state_reason: edit.stateReason } : {}),
        request: request()
      })
      return toIssue(res.data as RawIssue)
    },
    async comment(r, number, body) {
      await octokit.rest.issues.createComment({
        owner: r.owner,
        repo: r.repo,
        issue_number: number,
        body,
        request: request()
      })
    },
    async lock(r, number) {
      await octokit.rest.issues.lock({
        owner: r.owner,
        repo: r.repo,
        issue_number: number,
        lock_reason: 'resolved',
        request: request()
      })
    }
  }
}

export function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** A failed issues call; `message` says what to fix. Callers warn, never fail the step. */
export class IssuesError extends Error {
  override readonly name = 'IssuesError'
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
  }
}

/** The error of a failed issues call, naming the permission or setting to fix. */
export function issuesError(err: unknown, doing: string, r: Repo): IssuesError {
  if (err instanceof IssuesError) return err
  const status = statusOf(err)
  const detail = oneLine(errorMessage(err), 300)
  const what = `Could not ${doing} in ${r.owner}/${r.repo}${status ? ` (HTTP ${status}: ${detail})` : `: ${detail}`}`
  let hint: string
  if (status === 429 || (status === 403 && /rate limit/i.test(detail))) {
    hint = 'GitHub rate-limited the token; the next run will catch up.'
  } else if (status === 403) {
    hint =
      'The token may not write issues: give the job `permissions: issues: write` (or set incident: never).'
  } else if (status === 410) {
    hint = 'Issues are disabled for this repository: enable them, or set incident: never.'
  } else if (status === 404) {
    hint = 'The repository or issue was not found: check the github-token input.'
  } else if (status === 401) {
    hint = 'GitHub rejected the token: check the github-token input.'
  } else if (status === 422) {
    hint = 'GitHub rejected the issue (labels, assignees or size).'
  } else if (status === undefined) {
    hint = 'GitHub could not be reached; check GITHUB_API_URL and the network.'
  } else {
    hint = 'GitHub failed; the next run will retry.'
  }
  return new IssuesError(`${what}. ${hint}`, status)
}

/** Whether an issue was written by us: the Actions bot, or the token's own login. */
export function isOurs(i: IssueRecord, selfLogin: string | undefined): boolean {
  const norm = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/\[bot\]$/, '')
  if (selfLogin && norm(i.login) === norm(selfLogin)) return true
  return i.userType === 'Bot' && norm(i.login) === 'github-actions'
}
