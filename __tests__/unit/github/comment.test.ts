import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CommentError,
  octokitCommentApi,
  upsertStickyComment,
  type CommentApi,
  type IssueTarget
} from '../../../src/github/comment.js'
import { buildCommentBody, commentMarker } from '../../../src/report/comment.js'
import { startFakeGitHub, type FakeGitHub } from '../../../sim/fake-github.js'

const PR: IssueTarget = { owner: 'acme', repo: 'app', issueNumber: 7 }
const PROD = commentMarker('prod')

let fake: FakeGitHub
let api: CommentApi

beforeEach(async () => {
  fake = await startFakeGitHub()
  api = octokitCommentApi('ghs_test', { baseUrl: fake.url, timeoutMs: 5000 })
})
afterEach(async () => {
  await fake.close()
})

const body = (text: string, cluster = 'prod'): string => buildCommentBody(text, { cluster })
const writes = (): string[] =>
  fake.requests
    .filter(r => r.method !== 'GET')
    .map(r => `${r.method} ${r.path.replace(/\?.*/, '')}`)

describe('upsertStickyComment against the fake GitHub', () => {
  it('creates once, then updates the same comment', async () => {
    const first = await upsertStickyComment(api, PR, PROD, body('run 1'))
    expect(first.action).toBe('created')
    expect(first.url).toMatch(/^https:\/\/github\.com\/acme\/app\/pull\/7#issuecomment-\d+$/)
    for (const n of [2, 3]) {
      const r = await upsertStickyComment(api, PR, PROD, body(`run ${n}`))
      expect(r).toMatchObject({ action: 'updated', id: first.id })
    }
    expect(fake.commentsOf(7)).toHaveLength(1)
    expect(fake.commentsOf(7)[0]?.body).toContain('run 3')
    expect(fake.commentsOf(7)[0]?.user).toEqual({ login: 'github-actions[bot]', type: 'Bot' })
    expect(writes()).toEqual([
      'POST /repos/acme/app/issues/7/comments',
      `PATCH /repos/acme/app/issues/comments/${first.id}`,
      `PATCH /repos/acme/app/issues/comments/${first.id}`
    ])
  })

  it('does not write an unchanged body', async () => {
    const first = await upsertStickyComment(api, PR, PROD, body('same'))
    const again = await upsertStickyComment(api, PR, PROD, body('same'))
    expect(again).toEqual({ action: 'unchanged', id: first.id, url: first.url })
    expect(fake.requests.filter(r => r.method === 'PATCH')).toHaveLength(0)
  })

  it('keeps one comment per cluster', async () => {
    await upsertStickyComment(api, PR, PROD, body('prod 1'))
    await upsertStickyComment(api, PR, commentMarker('staging'), body('staging 1', 'staging'))
    await upsertStickyComment(api, PR, PROD, body('prod 2'))
    await upsertStickyComment(api, PR, commentMarker('staging'), body('staging 2', 'staging'))
    const bodies = fake.commentsOf(7).map(c => c.body)
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toContain('prod 2')
    expect(bodies[1]).toContain('staging 2')
  })

  it('pages through more than 100 comments to find ours on page 2', async () => {
    for (let i = 0; i < 130; i++)
      fake.addComment({ issueNumber: 7, body: `chatter ${i}`, login: 'octocat' })
    const ours = fake.addComment({ issueNumber: 7, body: body('old') })
    fake.addComment({ issueNumber: 7, body: 'LGTM', login: 'octocat' })
    const r = await upsertStickyComment(api, PR, PROD, body('new'))
    expect(r).toMatchObject({ action: 'updated', id: ours.id })
    const lists = fake.requests.filter(r => r.method === 'GET').map(r => r.path)
    expect(lists).toEqual([
      '/repos/acme/app/issues/7/comments?per_page=100',
      '/repos/acme/app/issues/7/comments?per_page=100&page=2'
    ])
    expect(fake.commentsOf(7)).toHaveLength(132)
  })

  it('never edits a person’s comment that quotes our marker', async () => {
    const human = fake.addComment({
      issueNumber: 7,
      body: `Look at this:\n${body('quoted')}`,
      login: 'octocat'
    })
    const r = await upsertStickyComment(api, PR, PROD, body('real'))
    expect(r.action).toBe('created')
    expect(fake.requests.filter(q => q.method === 'PATCH')).toHaveLength(0)
    expect(fake.comments.find(c => c.id === human.id)?.body).toContain('quoted')
    // The next run finds our own comment, not the person's.
    expect(await upsertStickyComment(api, PR, PROD, body('real 2'))).toMatchObject({
      action: 'updated',
      id: r.id
    })
  })

  it('accepts the token’s own login when it is not a bot (a PAT)', async () => {
    await fake.close()
    fake = await startFakeGitHub({ login: 'deploy-user' })
    api = octokitCommentApi('ghp_test', { baseUrl: fake.url })
    const mine = fake.addComment({ issueNumber: 7, body: body('old') })
    fake.addComment({ issueNumber: 7, body: body('quoted'), login: 'octocat' })
    const r = await upsertStickyComment(api, PR, PROD, body('new'), { selfLogin: 'deploy-user' })
    expect(r).toMatchObject({ action: 'updated', id: mine.id })
  })

  it('skips hidden comments and picks the newest of ours', async () => {
    fake.addComment({ issueNumber: 7, body: body('older') })
    const newer = fake.addComment({ issueNumber: 7, body: body('newer') })
    fake.addComment({ issueNumber: 7, body: body('hidden'), minimized: { reason: 'outdated' } })
    const r = await upsertStickyComment(api, PR, PROD, body('now'))
    expect(r).toMatchObject({ action: 'updated', id: newer.id })
  })

  it('creates its own comment when another bot’s comment cannot be edited', async () => {
    const other = fake.addComment({ issueNumber: 7, body: body('copied'), login: 'other-app[bot]' })
    const r = await upsertStickyComment(api, PR, PROD, body('ours'))
    expect(r.action).toBe('created')
    expect(r.id).not.toBe(other.id)
    expect(fake.requests.filter(q => q.method !== 'GET').map(q => q.status)).toEqual([403, 201])
  })

  it('updates but does not create when createIfMissing is false', async () => {
    expect(
      await upsertStickyComment(api, PR, PROD, body('ok'), { createIfMissing: false })
    ).toEqual({
      action: 'skipped'
    })
    expect(fake.comments).toHaveLength(0)
    const created = await upsertStickyComment(api, PR, PROD, body('failing'))
    const r = await upsertStickyComment(api, PR, PROD, body('ok again'), { createIfMissing: false })
    expect(r).toMatchObject({ action: 'updated', id: created.id })
  })

  it('turns 403 into a CommentError that names the missing permission', async () => {
    fake.setFailure({ method: 'POST', status: 403 })
    const err = await upsertStickyComment(api, PR, PROD, body('x')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CommentError)
    expect((err as CommentError).status).toBe(403)
    expect((err as CommentError).message).toMatch(/pull-requests: write/)
    expect((err as CommentError).message).toMatch(/fork/)
    expect((err as CommentError).message).toContain('acme/app#7')
    expect((err as CommentError).message).not.toContain('ghs_test')
  })

  it('turns 404 into a CommentError that says the PR or repository is not visible', async () => {
    fake.setFailure({ method: 'GET', status: 404 })
    const err = await upsertStickyComment(api, PR, PROD, body('x')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CommentError)
    expect((err as CommentError).status).toBe(404)
    expect((err as CommentError).message).toMatch(/not found.*cannot see the repository/)
  })

  it('turns a rejected token into a CommentError, and refuses an empty one', async () => {
    await fake.close()
    fake = await startFakeGitHub({ token: 'right' })
    const wrong = octokitCommentApi('wrong', { baseUrl: fake.url })
    const err = await upsertStickyComment(wrong, PR, PROD, body('x')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CommentError)
    expect((err as CommentError).status).toBe(401)
    expect((err as CommentError).message).toMatch(/github-token/)
    expect(() => octokitCommentApi('', { baseUrl: fake.url })).toThrow(CommentError)
  })

  it('never hits the 422 size limit because bodies are cut', async () => {
    const huge = Array.from(
      { length: 40_000 },
      (_, i) => `| svc-${i} | unhealthy | ${'z'.repeat(20)} |`
    ).join('\n')
    expect(huge.length).toBeGreaterThan(1_000_000)
    const r = await upsertStickyComment(api, PR, PROD, body(huge))
    expect(r.action).toBe('created')
    expect(fake.requests.some(q => q.status === 422)).toBe(false)
  })

  it('the fake rejects an uncut body like GitHub does', async () => {
    const res = await fetch(`${fake.url}/repos/acme/app/issues/7/comments`, {
      method: 'POST',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x'.repeat(65537) })
    })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ message: 'body is too long (maximum is 65536 characters)' }]
    })
    const anon = await fetch(`${fake.url}/repos/acme/app/issues/7/comments`)
    expect(anon.status).toBe(401)
  })

  it('rejects a body without its marker', async () => {
    await expect(upsertStickyComment(api, PR, PROD, 'no marker')).rejects.toBeInstanceOf(
      CommentError
    )
    expect(fake.requests).toHaveLength(0)
  })
})
