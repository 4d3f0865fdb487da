/**
 * A local fake of the part of GitHub's REST API that the sticky PR comment uses: list (paged,
 * with a real `Link` header), get, create and update issue comments. It checks what GitHub
 * checks (an `authorization` header, the 65,536-character body limit, who may edit a comment)
 * and answers with GitHub-shaped JSON and errors. Listens on 127.0.0.1, port 0.
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

    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname)
    if (list) {
      const [, owner = '', repo = '', num = ''] = list
      if (method === 'GET') {
        const perPage = Math.min(
          100,
          Math.max(1, Number(url.searchParams.get('per_page')) || (opts.defaultPerPage ?? 30))
        )
        const page = Math.max(1, Number(url.searchParams.get('page')) || 1)
        const all = commentsOf(Number(num), owner, repo)
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
        const items = all.slice((page - 1) * perPage, page * perPage).map(commentJson)
        return send(res, 200, items, rels.length ? { link: rels.join(', ') } : {})
      }
      if (method === 'POST') {
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
    case 404:
      return 'Not Found'
    case 422:
      return 'Validation Failed'
    default:
      return 'Server Error'
  }
}
