/** The fake GitHub's issues endpoints, through the product's own Octokit client. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { octokitIssuesApi, type IssueRecord, type IssuesApi } from '../../src/github/issues.js'
import { startFakeGitHub, type FakeGitHub } from '../../sim/fake-github.js'
import { errorOf } from './helpers.js'

const REPO = { owner: 'acme', repo: 'app' }
let gh: FakeGitHub
let api: IssuesApi

beforeEach(async () => {
  gh = await startFakeGitHub()
  api = octokitIssuesApi('tok', { baseUrl: gh.url, timeoutMs: 5000 })
})
afterEach(async () => {
  await gh.close()
})

async function all(labels: string[], state: 'open' | 'all' = 'open'): Promise<IssueRecord[]> {
  const out: IssueRecord[] = []
  for await (const page of api.list(REPO, { state, labels })) out.push(...page)
  return out
}

describe('fake GitHub issues', () => {
  it('lists every page of issues with all the labels, by state, oldest first', async () => {
    for (let i = 0; i < 230; i++) {
      gh.addIssue({
        title: `t${i}`,
        labels: i % 2 ? ['a', 'b'] : ['a'],
        state: i % 5 ? 'open' : 'closed'
      })
    }
    gh.addIssue({ title: 'pr', labels: ['a', 'b'], pullRequest: true })
    const ab = await all(['a', 'b'])
    expect(ab).toHaveLength(92 + 1)
    expect(ab.map(i => i.number)).toEqual([...ab.map(i => i.number)].sort((x, y) => x - y))
    expect(ab.filter(i => i.pullRequest)).toHaveLength(1)
    expect(await all(['a'], 'all')).toHaveLength(231)
    const pages = gh.requests.filter(r => r.path.startsWith('/repos/acme/app/issues?'))
    expect(pages.length).toBeGreaterThanOrEqual(3)
  })

  it('creates, edits, closes with a reason, comments and locks', async () => {
    const i = await api.create(REPO, { title: 'down', body: 'b', labels: ['x'], assignees: ['al'] })
    expect(i).toMatchObject({
      title: 'down',
      state: 'open',
      labels: ['x'],
      login: 'github-actions[bot]'
    })
    await api.update(REPO, i.number, { body: 'b2', state: 'closed', stateReason: 'duplicate' })
    await api.comment(REPO, i.number, 'dup')
    await api.lock(REPO, i.number)
    expect(gh.issue(i.number)).toMatchObject({
      body: 'b2',
      state: 'closed',
      stateReason: 'duplicate',
      locked: true,
      assignees: ['al']
    })
    expect(gh.commentsOf(i.number).map(c => c.body)).toEqual(['dup'])
  })

  it('answers with GitHub’s limits and errors', async () => {
    expect(
      (await errorOf(api.create(REPO, { title: 'x'.repeat(257), body: '', labels: [] }))).status
    ).toBe(422)
    expect(
      (await errorOf(api.create(REPO, { title: 't', body: 'x'.repeat(65537), labels: [] }))).status
    ).toBe(422)
    expect(
      (await errorOf(api.create(REPO, { title: 't', body: '', labels: ['l'.repeat(51)] }))).status
    ).toBe(422)
    expect((await errorOf(api.update(REPO, 999, { body: 'x' }))).status).toBe(404)
    expect(await api.selfLogin()).toBeUndefined() // GITHUB_TOKEN has no user
    gh.setIssuesPermission('read')
    expect(await all([])).toEqual([])
    expect((await errorOf(api.create(REPO, { title: 't', body: '', labels: [] }))).status).toBe(403)
  })

  it('refuses assignees that cannot be assigned, and answers 410 when issues are off', async () => {
    await gh.close()
    gh = await startFakeGitHub({ assignable: ['alice'], login: 'ops-bot-user' })
    api = octokitIssuesApi('tok', { baseUrl: gh.url, timeoutMs: 5000 })
    expect(await api.selfLogin()).toBe('ops-bot-user')
    const e = await errorOf(
      api.create(REPO, { title: 't', body: '', labels: [], assignees: ['bob'] })
    )
    expect(e.status).toBe(422)
    await gh.close()
    gh = await startFakeGitHub({ issuesDisabled: true })
    api = octokitIssuesApi('tok', { baseUrl: gh.url, timeoutMs: 5000 })
    expect((await errorOf(all(['x']))).status).toBe(410)
  })
})
