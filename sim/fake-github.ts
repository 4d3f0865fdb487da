/**
 * A local fake of the parts of GitHub's REST API that the product uses: issue comments (the
 * sticky PR comment: list paged with a real `Link` header, get, create, update) and issues (the
 * incident issues and the history issue: list with `state`/`labels`/`creator` filters and
 * paging, get, create, edit, close, lock), plus `GET /user`. It checks what GitHub checks (an
 * `authorization` header, the 65,536-character body and 256-character title limits, 50-character
 * label names, who may edit a comment, valid assignees and `state_reason` values, the token's
 * `issues` permission, issues disabled) and answers with GitHub-shaped JSON and errors
 * (401/403/404/410/422). Listens on 127.0.0.1, port 0.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** GitHub rejects longer comment bodies with 422. */
export const FAKE_GITHUB_BODY_LIMIT = 65536

/** One stored issue comment. */
export interface FakeComment {
  id: number
  owner: string
  repo: string
  issueNumber: number
  body: string
  user: { login: string; type: 'User' | 'Bot' }
  createdAt: string
  updatedAt: string
  /** GitHub's `minimized` field: a hidden comment carries `{ reason }`. */
  minimized?: { reason: string | null } | null
}

/** GitHub rejects longer issue titles with 422. */
export const FAKE_GITHUB_TITLE_LIMIT = 256
/** GitHub rejects longer label names with 422. */
export const FAKE_GITHUB_LABEL_LIMIT = 50

/** One stored issue (pull requests are issues too; `pullRequest` marks one). */
export interface FakeIssue {
  number: number
  owner: string
  repo: string
  title: string
  body: string
  state: 'open' | 'closed'
  stateReason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null
  labels: string[]
  assignees: string[]
  user: { login: string; type: 'User' | 'Bot' }
  locked: boolean
  lockReason: string | null
  createdAt: string
  updatedAt: string
  closedAt: string | null
  pullRequest: boolean
}

/** What {@link FakeGitHub.addIssue} needs; the rest defaults. */
export interface NewFakeIssue {
  title: string
  body?: string
  owner?: string
  repo?: string
  labels?: string[]
  state?: 'open' | 'closed'
  /** Author login; default the token's user. */
  login?: string
  type?: 'User' | 'Bot'
  pullRequest?: boolean
}

/** One request the fake received. */
export interface FakeRequest {
  method: string
  /** Path with query string, e.g. `/repos/o/r/issues/1/comments?per_page=100&page=2`. */
  path: string
  /** Parsed JSON body, if any. */
  body?: unknown
  status: number
}

/** A failure to inject: every matching request gets this answer. */
export interface FakeFailure {
  /** HTTP method to fail (`GET`, `POST`, `PATCH`); all when unset. */
  method?: string
  /** Only requests whose path contains this. */
  pathIncludes?: string
  status: number
  message?: string
  /** Fail this many matching requests, then answer normally. Unlimited when unset. */
  times?: number
}

export interface FakeGitHubOptions {
  /** Login of the token's user. Default `github-actions[bot]` (a Bot, like GITHUB_TOKEN). */
  login?: string
  /** If set, only this token is accepted (401 `Bad credentials` otherwise). */
  token?: string
  failWith?: FakeFailure
  /** Page size when the request names none. GitHub's default is 30. */
  defaultPerPage?: number
  /**
   * The token's `issues` permission. `read`: writes to issues (create, edit, lock, and comments
   * on an issue that is not a pull request) get 403 `Resource not accessible by integration`,
   * as for a job without `permissions: issues: write`. `none`: reads get 403 too. Default `write`.
   */
  issuesPermission?: 'write' | 'read' | 'none'
  /** Every issues request gets 410 `Issues are disabled for this repo`. */
  issuesDisabled?: boolean
  /** Logins that may be assigned; others get 422. Default: anyone. */
  assignable?: string[]
}

/** What {@link addComment} needs; the rest defaults. */
export interface NewFakeComment {
  issueNumber: number
  body: string
  owner?: string
  repo?: string
  /** Author login; default the token's user. */
  login?: string
  /** Default `Bot` for a `…[bot]` login, `User` otherwise. */
  type?: 'User' | 'Bot'
  minimized?: { reason: string | null } | null
}

export interface FakeGitHub {
  /** REST API root, for `baseUrl` / `GITHUB_API_URL`. */
  url: string
  /** Every comment, in creation order (ascending ids). */
  comments: FakeComment[]
  requests: FakeRequest[]
  /** Stores a comment, e.g. a person's, as if it had been posted before the test. */
  addComment(c: NewFakeComment): FakeComment
  /** Comments of one issue, oldest first. */
  commentsOf(issueNumber: number, owner?: string, repo?: string): FakeComment[]
  /** Every issue, in creation order. */
  issues: FakeIssue[]
  /** Stores an issue, e.g. a person's, as if it had been opened before the test. */
  addIssue(i: NewFakeIssue): FakeIssue
  /** One issue by number (of `acme/app` by default). */
  issue(issueNumber: number, owner?: string, repo?: string): FakeIssue | undefined
  /** Changes the token's `issues` permission from now on. */
  setIssuesPermission(p: 'write' | 'read' | 'none'): void
  setFailure(f: FakeFailure | undefined): void
  close(): Promise<void>
}

const DOCS = 'https://docs.github.com/rest/issues/comments'
const OWNER = 'acme'
const REPO = 'app'

function typeOf(login: string): 'User' | 'Bot' {
  return login.endsWith('[bot]') ? 'Bot' : 'User'
}

/** Starts the fake. Owner/repo default to `acme/app` in {@link FakeGitHub.addComment}. */
export async function startFakeGitHub(opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const login = opts.login ?? 'github-actions[bot]'
  const comments: FakeComment[] = []
  const requests: FakeRequest[] = []
  let failure: FakeFailure | undefined = opts.failWith ? { ...opts.failWith } : undefined
  let issuesPermission = opts.issuesPermission ?? 'write'
  const issues: FakeIssue[] = []
  let nextId = 1000
  // A deterministic clock: one second per write, so created_at orders like ids.
  let tick = Date.parse('2025-01-01T00:00:00Z')
  const now = (): string => new Date((tick += 1000)).toISOString().replace(/\.000Z$/, 'Z')
  let base = ''

  const userJson = (u: FakeComment['user']): Record<string, unknown> => ({
    login: u.login,
    id: u.type === 'Bot' ? 41898282 : 1000 + u.login.length,
    type: u.type,
    site_admin: false,
    html_url: `https://github.com/${u.login.replace(/\[bot\]$/, '')}`
  })
  const commentJson = (c: FakeComment): Record<string, unknown> => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${base}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
    body: c.body,
    user: userJson(c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    ...(c.minimized !== undefined ? { minimized: c.minimized } : {})
  })
  const issueJson = (i: FakeIssue): Record<string, unknown> => ({
    id: 500_000 + i.number,
    node_id: `I_${i.number}`,
    number: i.number,
    url: `${base}/repos/${i.owner}/${i.repo}/issues/${i.number}`,
    html_url: `https://github.com/${i.owner}/${i.repo}/${i.pullRequest ? 'pull' : 'issues'}/${i.number}`,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.stateReason,
    labels: i.labels.map((name, k) => ({ id: 9000 + k, name, color: 'ededed', default: false })),
    assignees: i.assignees.map(a => userJson({ login: a, type: typeOf(a) })),
    assignee: i.assignees[0] ? userJson({ login: i.assignees[0], type: 'User' }) : null,
    user: userJson(i.user),
    locked: i.locked,
    active_lock_reason: i.lockReason,
    comments: commentsOf(i.number, i.owner, i.repo).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    author_association: i.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    ...(i.pullRequest
      ? { pull_request: { url: `${base}/repos/${i.owner}/${i.repo}/pulls/${i.number}` } }
      : {})
  })

  function addComment(n: NewFakeComment): FakeComment {
    const author = n.login ?? login
    const at = now()
    const c: FakeComment = {
      id: nextId++,
      owner: n.owner ?? OWNER,
      repo: n.repo ?? REPO,
      issueNumber: n.issueNumber,
      body: n.body,
      user: { login: author, type: n.type ?? typeOf(author) },
      createdAt: at,
      updatedAt: at,
      ...(n.minimized !== undefined ? { minimized: n.minimized } : {})
    }
    comments.push(c)
    return c
  }
  const commentsOf = (issueNumber: number, owner = OWNER, repo = REPO): FakeComment[] =>
    comments.filter(c => c.issueNumber === issueNumber && c.owner === owner && c.repo === repo)

  // Issues and pull requests share one sequence of numbers per repository.
  function nextNumber(owner: string, repo: string): number {
    let max = 0
    for (const i of issues) if (i.owner === owner && i.repo === repo) max = Math.max(max, i.number)
    for (const c of comments)
      if (c.owner === owner && c.repo === repo) max = Math.max(max, c.issueNumber)
    return max + 1
  }
  function addIssue(n: NewFakeIssue): FakeIssue {
    const owner = n.owner ?? OWNER
    const repo = n.repo ?? REPO
    const author = n.login ?? login
    const at = now()
    const i: FakeIssue = {
      number: nextNumber(owner, repo),
      owner,
      repo,
      title: n.title,
      body: n.body ?? '',
      state: n.state ?? 'open',
      stateReason: null,
      labels: [...(n.labels ?? [])],
      assignees: [],
      user: { login: author, type: n.type ?? typeOf(author) },
      locked: false,
      lockReason: null,
      createdAt: at,
      updatedAt: at,
      closedAt: n.state === 'closed' ? at : null,
      pullRequest: n.pullRequest ?? false
    }
    issues.push(i)
    return i
  }
  const issue = (issueNumber: number, owner = OWNER, repo = REPO): FakeIssue | undefined =>
    issues.find(i => i.number === issueNumber && i.owner === owner && i.repo === repo)

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void {
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      ...headers
    })
    res.end(text)
  }
  const error = (res: ServerResponse, status: number, message: string, extra: object = {}): void =>
    send(res, status, { message, documentation_url: DOCS, status: String(status), ...extra })

  function validBody(res: ServerResponse, body: unknown): string | undefined {
    const text = (body as { body?: unknown } | undefined)?.body
    if (typeof text !== 'string' || text.length === 0) {
      error(res, 422, 'Validation Failed', {
        errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]
      })
      return undefined
    }
    if (text.length > FAKE_GITHUB_BODY_LIMIT) {
      error(res, 422, 'Validation Failed', {
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${FAKE_GITHUB_BODY_LIMIT} characters)`
          }
        ]
      })
      return undefined
    }
    return text
  }

  /** One page of `all`, with GitHub's `per_page` bounds and `Link` header. */
  function sendPage(res: ServerResponse, url: URL, all: unknown[]): void {
    const perPage = Math.min(
      100,
      Math.max(1, Number(url.searchParams.get('per_page')) || (opts.defaultPerPage ?? 30))
    )
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const link = (p: number): string => {
      const u = new URL(url.href)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(p))
      return u.href
    }
    const rels: string[] = []
    if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`)
    if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`)
    const items = all.slice((page - 1) * perPage, page * perPage)
    send(res, 200, items, rels.length ? { link: rels.join(', ') } : {})
  }

  /**
   * A comment on a number that is not a stored issue is a pull request's (the sticky comment):
   * the `pull-requests` permission governs it, not `issues`.
   */
  const isPull = (owner: string, repo: string, n: number): boolean => {
    const i = issue(n, owner, repo)
    return i === undefined || i.pullRequest
  }

  /** Answers 410/403 (and returns false) when the token may not do this to issues. */
  function canIssues(res: ServerResponse, method: string, _owner: string, _repo: string): boolean {
    if (opts.issuesDisabled) {
      error(res, 410, 'Issues are disabled for this repo')
      return false
    }
    const write = method !== 'GET'
    if (issuesPermission === 'none' || (write && issuesPermission === 'read')) {
      error(res, 403, 'Resource not accessible by integration')
      return false
    }
    return true
  }

  function validationFailed(res: ServerResponse, field: string, code: string, extra = {}): void {
    error(res, 422, 'Validation Failed', {
      errors: [{ resource: 'Issue', code, field, ...extra }]
    })
  }

  /** Checks and applies the writable fields of an issue create or edit; false after a 422. */
  function applyIssueFields(
    res: ServerResponse,
    i: FakeIssue,
    body: Record<string, unknown>,
    creating: boolean
  ): boolean {
    const { title, labels, assignees, state } = body
    const text = body.body
    if (creating || title !== undefined) {
      if (typeof title !== 'string' || title.trim() === '') {
        validationFailed(res, 'title', 'missing_field')
        return false
      }
      if (title.length > FAKE_GITHUB_TITLE_LIMIT) {
        validationFailed(res, 'title', 'custom', {
          message: `title is too long (maximum is ${FAKE_GITHUB_TITLE_LIMIT} characters)`
        })
        return false
      }
    }
    if (text !== undefined && text !== null) {
      if (typeof text !== 'string') {
        validationFailed(res, 'body', 'invalid')
        return false
      }
      if (text.length > FAKE_GITHUB_BODY_LIMIT) {
        validationFailed(res, 'body', 'custom', {
          message: `body is too long (maximum is ${FAKE_GITHUB_BODY_LIMIT} characters)`
        })
        return false
      }
    }
    if (labels !== undefined) {
      const names = (Array.isArray(labels) ? labels : []).map(l =>
        typeof l === 'string' ? l : String((l as { name?: unknown })?.name ?? '')
      )
      const bad = names.find(n => n.length === 0 || n.length > FAKE_GITHUB_LABEL_LIMIT)
      if (!Array.isArray(labels) || bad !== undefined) {
        validationFailed(res, 'labels', 'invalid', { value: bad })
        return false
      }
    }
    if (assignees !== undefined) {
      const list = Array.isArray(assignees) ? assignees : [null]
      const bad = list.find(
        a =>
          typeof a !== 'string' || (opts.assignable !== undefined && !opts.assignable.includes(a))
      )
      if (bad !== undefined) {
        validationFailed(res, 'assignees', 'invalid', { value: bad })
        return false
      }
    }
    if (state !== undefined && state !== 'open' && state !== 'closed') {
      validationFailed(res, 'state', 'invalid', { value: state })
      return false
    }
    const reason = body.state_reason
    if (
      reason !== undefined &&
      reason !== null &&
      !['completed', 'not_planned', 'duplicate', 'reopened'].includes(String(reason))
    ) {
      validationFailed(res, 'state_reason', 'invalid', { value: reason })
      return false
    }
    if (typeof title === 'string') i.title = title
    if (typeof text === 'string') i.body = text
    else if (text === null) i.body = ''
    if (Array.isArray(labels)) {
      i.labels = [
        ...new Set(
          labels.map(l => (typeof l === 'string' ? l : String((l as { name?: unknown }).name)))
        )
      ]
    }
    if (Array.isArray(assignees)) i.assignees = [...new Set(assignees as string[])]
    if (state === 'closed' && i.state === 'open') {
      i.state = 'closed'
      i.closedAt = now()
      i.stateReason = (reason as FakeIssue['stateReason']) ?? 'completed'
    } else if (state === 'open' && i.state === 'closed') {
      i.state = 'open'
      i.closedAt = null
      i.stateReason = 'reopened'
    } else if (reason !== undefined && i.state === 'closed') {
      i.stateReason = (reason as FakeIssue['stateReason']) ?? 'completed'
    }
    if (!creating) i.updatedAt = now()
    return true
  }

  /** `/repos/{o}/{r}/issues…` other than comments; undefined when the path is not one. */
  function handleIssues(
    res: ServerResponse,
    method: string,
    url: URL,
    body: unknown
  ): true | undefined {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/issues(?:\/(\d+)(\/lock)?)?$/.exec(url.pathname)
    if (!m) return undefined
    const [, owner = '', repo = '', num, lock] = m
    if (!canIssues(res, method, owner, repo)) return true
    const fields = (body ?? {}) as Record<string, unknown>
    if (num === undefined) {
      if (method === 'GET') {
        const q = url.searchParams
        const state = q.get('state') ?? 'open'
        const wanted = (q.get('labels') ?? '').split(',').filter(Boolean)
        const creator = q.get('creator')
        const desc = (q.get('direction') ?? 'desc') !== 'asc'
        const found = issues
          .filter(i => i.owner === owner && i.repo === repo)
          .filter(i => state === 'all' || i.state === state)
          .filter(i => wanted.every(l => i.labels.some(x => x.toLowerCase() === l.toLowerCase())))
          .filter(i => creator === null || i.user.login === creator)
          .sort((a, b) => (desc ? b.number - a.number : a.number - b.number))
        sendPage(res, url, found.map(issueJson))
        return true
      }
      if (method === 'POST') {
        const i: FakeIssue = {
          number: 0,
          owner,
          repo,
          title: '',
          body: '',
          state: 'open',
          stateReason: null,
          labels: [],
          assignees: [],
          user: { login, type: typeOf(login) },
          locked: false,
          lockReason: null,
          createdAt: '',
          updatedAt: '',
          closedAt: null,
          pullRequest: false
        }
        if (!applyIssueFields(res, i, fields, true)) return true
        i.number = nextNumber(owner, repo)
        i.createdAt = i.updatedAt = now()
        issues.push(i)
        send(res, 201, issueJson(i), {
          location: `${base}/repos/${owner}/${repo}/issues/${i.number}`
        })
        return true
      }
      error(res, 404, 'Not Found')
      return true
    }
    const i = issue(Number(num), owner, repo)
    if (!i) {
      error(res, 404, 'Not Found')
      return true
    }
    if (lock !== undefined) {
      if (method === 'PUT') {
        const reason = fields.lock_reason
        if (
          reason !== undefined &&
          !['off-topic', 'too heated', 'resolved', 'spam'].includes(String(reason))
        ) {
          validationFailed(res, 'lock_reason', 'invalid', { value: reason })
          return true
        }
        i.locked = true
        i.lockReason = (reason as string | undefined) ?? null
        send(res, 204, undefined)
      } else if (method === 'DELETE') {
        i.locked = false
        i.lockReason = null
        send(res, 204, undefined)
      } else error(res, 404, 'Not Found')
      return true
    }
    if (method === 'GET') send(res, 200, issueJson(i))
    else if (method === 'PATCH') {
      if (applyIssueFields(res, i, fields, false)) send(res, 200, issueJson(i))
    } else error(res, 404, 'Not Found')
    return true
  }

  function handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
    const url = new URL(req.url ?? '/', base)
    const method = req.method ?? 'GET'
    const auth = req.headers.authorization ?? ''
    if (!auth) return error(res, 401, 'Requires authentication')
    if (opts.token !== undefined && auth.replace(/^(token|bearer)\s+/i, '') !== opts.token) {
      return error(res, 401, 'Bad credentials')
    }
    if (
      failure &&
      (!failure.method || failure.method === method) &&
      url.pathname.includes(failure.pathIncludes ?? '')
    ) {
      const f = failure
      if (f.times !== undefined && --f.times <= 0) failure = undefined
      return error(res, f.status, f.message ?? defaultMessage(f.status))
    }
    let body: unknown
    if (rawBody) {
      try {
        body = JSON.parse(rawBody)
      } catch {
        return error(res, 400, 'Problems parsing JSON')
      }
    }

    if (url.pathname === '/user' && method === 'GET') {
      // GITHUB_TOKEN (an app installation) has no user; a personal token does.
      if (typeOf(login) === 'Bot') return error(res, 403, 'Resource not accessible by integration')
      return send(res, 200, userJson({ login, type: 'User' }))
    }
    if (handleIssues(res, method, url, body)) return

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    if (list) {
      const [, owner = '', repo = '', num = ''] = list
      if (method === 'GET') {
        if (!isPull(owner, repo, Number(num)) && !canIssues(res, 'GET', owner, repo)) return
        return sendPage(res, url, commentsOf(Number(num), owner, repo).map(commentJson))
      }
      if (method === 'POST') {
        if (!isPull(owner, repo, Number(num)) && !canIssues(res, method, owner, repo)) return
        const text = validBody(res, body)
        if (text === undefined) return
        const c = addComment({ owner, repo, issueNumber: Number(num), body: text })
        return send(res, 201, commentJson(c), {
          location: `${base}/repos/${owner}/${repo}/issues/comments/${c.id}`
        })
      }
      return error(res, 404, 'Not Found')
    }

    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (one) {
      const [, owner, repo, id] = one
      const c = comments.find(x => x.id === Number(id) && x.owner === owner && x.repo === repo)
      if (!c) return error(res, 404, 'Not Found')
      if (method === 'GET') return send(res, 200, commentJson(c))
      if (method === 'PATCH') {
        // GITHUB_TOKEN may not edit what other users wrote.
        if (c.user.login !== login) return error(res, 403, 'Resource not accessible by integration')
        const text = validBody(res, body)
        if (text === undefined) return
        c.body = text
        c.updatedAt = now()
        return send(res, 200, commentJson(c))
      }
      return error(res, 404, 'Not Found')
    }
    return error(res, 404, 'Not Found')
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (b: Buffer) => chunks.push(b))
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8')
      res.on('finish', () => {
        let body: unknown
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined
        } catch {
          body = rawBody
        }
        requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          body,
          status: res.statusCode
        })
      })
      try {
        handle(req, res, rawBody)
      } catch (err) {
        error(res, 500, `fake GitHub failed: ${String(err)}`)
      }
    })
  })
  const sockets = new Set<Socket>()
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })
  server.on('clientError', (_err, s: Socket) => s.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    comments,
    requests,
    addComment,
    commentsOf,
    issues,
    addIssue,
    issue,
    setIssuesPermission(p) {
      issuesPermission = p
    },
    setFailure(f) {
      failure = f ? { ...f } : undefined
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Bad credentials'
    case 403:
      return 'Resource not accessible by integration'
    case 410:
      return 'Issues are disabled for this repo'
    case 404:
      return 'Not Found'
    case 422:
      return 'Validation Failed'
    default:
      return 'Server Error'
  }
}
