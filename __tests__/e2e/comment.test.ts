/**
 * The sticky PR comment end to end: the action as a process on a pull_request event, talking to
 * a local fake GitHub API through GITHUB_API_URL.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { startFakeGitHub, type FakeGitHub } from '../../sim/fake-github.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runAction } from '../../sim/runner.js'

let sim: Simulator
let gh: FakeGitHub

const PR = 42
const event = {
  name: 'pull_request',
  payload: {
    action: 'synchronize',
    number: PR,
    pull_request: { number: PR, head: { sha: 'abc' }, base: { ref: 'main' } },
    repository: { name: 'app', owner: { login: 'acme' }, full_name: 'acme/app' }
  }
}

function ghEnv(): Record<string, string> {
  return {
    ...awsEnv(sim.url),
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: '777'
  }
}

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

describe('sticky comment', () => {
  it('creates one comment, then updates it on every rerun', async () => {
    for (let i = 0; i < 3; i++) {
      const run = await runAction(
        { cluster: 'prod', mode: 'health', 'github-token': 'tok' },
        ghEnv(),
        { event }
      )
      expect(run.code).toBe(1)
    }
    const comments = gh.commentsOf(PR)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).toContain('<!-- aws-ecs-monitor:sticky cluster=prod -->')
    expect(comments[0]?.body).toContain('ECS health: unhealthy')
    expect(comments[0]?.body).toContain('https://github.example/acme/app/actions/runs/777')
    expect(gh.requests.filter(r => r.method === 'POST')).toHaveLength(1)
  })

  it('gives another cluster its own comment', async () => {
    await runAction({ cluster: 'prod', mode: 'health', 'github-token': 'tok' }, ghEnv(), { event })
    await runAction(
      { cluster: 'prod', mode: 'health', 'github-token': 'tok', services: 'web' },
      ghEnv(),
      { event }
    )
    expect(gh.commentsOf(PR)).toHaveLength(1)
    const staging = await startSimulator({
      scenario: { clusters: [{ name: 'staging', services: [{ name: 'web' }] }] }
    })
    try {
      await runAction(
        { cluster: 'staging', mode: 'health', 'github-token': 'tok' },
        { ...ghEnv(), ...awsEnv(staging.url) },
        { event }
      )
    } finally {
      await staging.close()
    }
    const bodies = gh.commentsOf(PR).map(c => c.body)
    expect(bodies).toHaveLength(2)
    expect(
      bodies.some(b => b.includes('cluster=staging') && b.includes('ECS health: healthy'))
    ).toBe(true)
  })

  it('turns a 403 into a warning and keeps a healthy step green', async () => {
    gh.setFailure({ status: 403, message: 'Resource not accessible by integration' })
    const run = await runAction(
      { cluster: 'prod', mode: 'health', services: 'web,api', 'github-token': 'tok' },
      ghEnv(),
      { event }
    )
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('healthy')
    expect(run.stdout).toMatch(/::warning title=PR comment not written::.*pull-requests: write/)
    expect(run.summary).toContain('ECS health: healthy')
  })

  it('writes no comment outside pull requests in auto mode', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'health', 'github-token': 'tok' },
      ghEnv(),
      {
        event: { name: 'push', payload: { ref: 'refs/heads/main' } }
      }
    )
    expect(run.stdout).toMatch(/PR comment: not written/)
    expect(gh.requests).toHaveLength(0)
  })

  it('keeps an oversized report under the comment limit', async () => {
    const big = await startSimulator({
      scenario: {
        clusters: [
          {
            name: 'prod',
            services: Array.from({ length: 600 }, (_, i) => ({
              name: `service-with-a-rather-long-name-${String(i).padStart(4, '0')}`,
              desiredCount: 3,
              runningCount: 1,
              events: [
                {
                  createdAt: '-1m',
                  message: `(service s${i}) was unable to place a task because no container instance met all of its requirements. ${'x'.repeat(150)}`
                }
              ]
            }))
          }
        ]
      }
    })
    try {
      const run = await runAction(
        { cluster: 'prod', mode: 'health', 'github-token': 'tok' },
        { ...ghEnv(), ...awsEnv(big.url) },
        { event }
      )
      expect(run.summary.length).toBeGreaterThan(65_536)
      const [c] = gh.commentsOf(PR)
      expect(c?.body.length).toBeLessThanOrEqual(65_536)
      expect(c?.body).toMatch(/report cut to fit/)
    } finally {
      await big.close()
    }
  })
})
