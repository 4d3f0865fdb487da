/**
 * Incident issues end to end: the built action as a process over a sequence of scheduled runs
 * against the simulator and the local fake GitHub API, checking the exact issues, comments and
 * outputs after each run.
 */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { startFakeGitHub, type FakeGitHub, type FakeIssue } from '../../sim/fake-github.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runAction, type ActionRun } from '../../sim/runner.js'

let sim: Simulator
let gh: FakeGitHub
let runId = 100

const schedule = { name: 'schedule', payload: { schedule: '*/5 * * * *' } }

beforeAll(async () => {
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
})
afterAll(async () => {
  await sim.close()
})
beforeEach(async () => {
  gh = await startFakeGitHub()
})
afterEach(async () => {
  await gh.close()
})

function env(): Record<string, string> {
  return {
    ...awsEnv(sim.url),
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: String(++runId)
  }
}

/** All services of demo-incident: checkout, payments and search fail. */
const UNHEALTHY = { cluster: 'prod', mode: 'health', 'github-token': 'tok' }
/** Two of its services that are healthy. */
const HEALTHY = { ...UNHEALTHY, services: 'web,api' }

const scheduled = (inputs: Record<string, string>, extra: Record<string, string> = {}) =>
  runAction({ ...inputs, ...extra }, env(), { event: schedule })

const incidents = (): FakeIssue[] => gh.issues.filter(i => i.labels.includes('ecs-incident'))
const openIncidents = (): FakeIssue[] => incidents().filter(i => i.state === 'open')
const historyIssues = (): FakeIssue[] =>
  gh.issues.filter(i => i.labels.includes('ecs-monitor-history'))

function expectState(run: ActionRun, state: string, number = ''): void {
  expect(run.stderr).not.toMatch(/TypeError|ReferenceError|Unhandled|\n\s+at /)
  expect(run.outputs['incident-state']).toBe(state)
  expect(run.outputs['incident-number']).toBe(number)
}

describe('incident issues over scheduled runs', () => {
  it('opens after two failing runs, edits quietly, resolves after two healthy runs, converges a race', async () => {
    // Run 1: failing, below incident-after (2): no incident; the history issue is created.
    let run = await scheduled(UNHEALTHY)
    expect(run.code).toBe(1)
    expectState(run, 'none')
    expect(incidents()).toHaveLength(0)
    expect(historyIssues()).toHaveLength(1)
    const history = historyIssues()[0] as FakeIssue
    expect(history).toMatchObject({ state: 'closed', stateReason: 'not_planned', locked: true })
    expect(history.body).toMatch(/^<!-- aws-ecs-monitor:history cluster=prod region=us-east-1 -->/)
    expect(run.stdout).toContain('failing for 1 of 2 runs needed to open an issue')

    // Run 2: the second failing run opens the issue.
    run = await scheduled(UNHEALTHY)
    expect(incidents()).toHaveLength(1)
    const issue = incidents()[0] as FakeIssue
    expectState(run, 'opened', String(issue.number))
    expect(run.outputs['incident-url']).toBe(`https://github.com/acme/app/issues/${issue.number}`)
    expect(issue).toMatchObject({
      title: 'ECS incident: prod (us-east-1)',
      state: 'open',
      labels: ['ecs-incident'],
      user: { login: 'github-actions[bot]', type: 'Bot' }
    })
    expect(issue.body).toMatch(
      /^<!-- aws-ecs-monitor:incident cluster=prod region=us-east-1 unit=cluster -->\n<!-- aws-ecs-monitor:incident-state [A-Za-z0-9+/=]+ -->\n/
    )
    expect(issue.body).toContain('2 failing runs')
    expect(issue.body).toContain('```mermaid\nxychart-beta')
    expect(issue.body).toContain('checkout')
    expect(issue.body).toContain(`https://github.example/acme/app/actions/runs/${runId}`)
    expect(issue.body.length).toBeLessThanOrEqual(65536)
    expect(gh.commentsOf(issue.number)).toHaveLength(0)
    expect(run.summary).toContain('Trend: last 2 runs')

    // Run 3: still failing, the same services: the body is edited, no comment.
    run = await scheduled(UNHEALTHY)
    expectState(run, 'updated', String(issue.number))
    expect(gh.issue(issue.number)?.body).toContain('3 failing runs')
    expect(gh.commentsOf(issue.number)).toHaveLength(0)

    // Run 4: healthy once: recovering, still open, no comment (flap damping).
    run = await scheduled(HEALTHY)
    expect(run.code).toBe(0)
    expectState(run, 'updated', String(issue.number))
    expect(gh.issue(issue.number)).toMatchObject({ state: 'open' })
    expect(gh.issue(issue.number)?.body).toContain('**Recovering**: 1 of 2 healthy runs')
    expect(gh.commentsOf(issue.number)).toHaveLength(0)

    // Run 5: healthy twice: a closing comment, then closed as completed.
    run = await scheduled(HEALTHY)
    expectState(run, 'resolved', String(issue.number))
    expect(gh.issue(issue.number)).toMatchObject({ state: 'closed', stateReason: 'completed' })
    const closing = gh.commentsOf(issue.number)
    expect(closing).toHaveLength(1)
    expect(closing[0]?.body).toMatch(/^\*\*Resolved\*\*: healthy for 2 runs in a row/)
    expect(closing[0]?.body).toContain('3 failing runs')

    // Run 6: healthy: nothing to do.
    run = await scheduled(HEALTHY)
    expectState(run, 'none')
    expect(incidents()).toHaveLength(1)

    // Run 7: failing once after the close: no new issue yet.
    run = await scheduled(UNHEALTHY)
    expectState(run, 'none')
    expect(incidents()).toHaveLength(1)

    // Runs 8 and 9 at the same time: both reach the threshold; one open issue remains.
    const [a, b] = await Promise.all([scheduled(UNHEALTHY), scheduled(UNHEALTHY)])
    const open = openIncidents()
    expect(open).toHaveLength(1)
    const second = open[0] as FakeIssue
    expect(second.number).not.toBe(issue.number)
    expect(second.body).toContain('Recurring: this also failed in')
    for (const r of [a, b]) {
      expect(r?.stderr).not.toMatch(/TypeError|Unhandled/)
      expect(r?.outputs['incident-number']).toBe(String(second.number))
    }
    expect([a?.outputs['incident-state'], b?.outputs['incident-state']]).toContain('opened')
    // A race may have opened a second one: closed as a duplicate of the oldest, with a comment.
    for (const dup of incidents().filter(i => i.number > second.number)) {
      expect(dup).toMatchObject({ state: 'closed', stateReason: 'duplicate' })
      expect(gh.commentsOf(dup.number)[0]?.body).toContain(`Duplicate of #${second.number}`)
    }
    expect(historyIssues()).toHaveLength(1)
  })

  it('comments when what fails changes, and only then', async () => {
    const some = { ...UNHEALTHY, services: 'web,checkout', 'incident-after': '1' }
    let run = await scheduled(some)
    const issue = incidents()[0] as FakeIssue
    expectState(run, 'opened', String(issue.number))
    run = await scheduled(some)
    expect(gh.commentsOf(issue.number)).toHaveLength(0)
    run = await scheduled({ ...some, services: 'web,checkout,payments' })
    expectState(run, 'updated', String(issue.number))
    const comments = gh.commentsOf(issue.number)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).toContain('Now failing: `payments`')
    run = await scheduled({ ...some, services: 'web,payments' })
    expect(gh.commentsOf(issue.number)[1]?.body).toContain('Recovered: `checkout`')
  })

  it('opens one issue per failing service with incident-scope: service', async () => {
    const run = await scheduled(UNHEALTHY, { 'incident-scope': 'service', 'incident-after': '1' })
    const titles = incidents()
      .map(i => i.title)
      .sort()
    expect(titles).toEqual([
      'ECS incident: checkout on prod (us-east-1)',
      'ECS incident: payments on prod (us-east-1)',
      'ECS incident: search on prod (us-east-1)'
    ])
    expectState(
      run,
      'opened',
      incidents()
        .map(i => i.number)
        .join(',')
    )
  })

  it('warns, and keeps the step result, without issues: write', async () => {
    gh.setIssuesPermission('read')
    const run = await scheduled(HEALTHY, { 'incident-after': '1' })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning title=Run history not kept::.*issues: write/)
    expectState(run, 'none')
    expect(gh.issues).toHaveLength(0)
  })

  it('drops assignees GitHub refuses, with a warning', async () => {
    await gh.close()
    gh = await startFakeGitHub({ assignable: ['alice'] })
    const run = await scheduled(UNHEALTHY, {
      'incident-after': '1',
      'incident-assignees': 'alice,nobody-here'
    })
    expect(run.stdout).toMatch(
      /::warning title=Incident issue::GitHub refused the incident-assignees/
    )
    expect(incidents()).toHaveLength(1)
    expect(incidents()[0]?.assignees).toEqual([])
  })

  it('ignores look-alike issues a person wrote, and makes no GitHub calls on a pull request', async () => {
    gh.addIssue({
      title: 'copy',
      login: 'mallory',
      labels: ['ecs-incident'],
      body: '<!-- aws-ecs-monitor:incident cluster=prod region=us-east-1 unit=cluster -->\n'
    })
    const run = await scheduled(UNHEALTHY, { 'incident-after': '1' })
    expect(openIncidents()).toHaveLength(2)
    expect(run.outputs['incident-number']).not.toBe('1')
    const before = gh.requests.length
    const pr = await runAction(UNHEALTHY, env(), {
      event: { name: 'push', payload: { ref: 'refs/heads/main' } }
    })
    expect(pr.outputs['incident-state']).toBe('none')
    expect(gh.requests.length).toBe(before)
  })
})
