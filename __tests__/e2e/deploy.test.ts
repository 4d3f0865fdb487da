/**
 * Post-deploy verification end to end: the action as a process with wait-for-deployment, against
 * simulator scenarios whose deployments progress with every DescribeServices poll.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { startSimulator } from '../../sim/index.js'
import { awsEnv, ROOT, runAction, runCli } from '../../sim/runner.js'

async function deploy(scenario: string, inputs: Record<string, string> = {}) {
  const sim = await startSimulator({ scenario: path.join(ROOT, `sim/scenarios/${scenario}.json`) })
  try {
    const run = await runAction(
      {
        cluster: 'prod',
        services: 'checkout',
        'wait-for-deployment': 'true',
        'poll-interval': '1',
        ...inputs
      },
      awsEnv(sim.url),
      { timeoutMs: 90_000 }
    )
    return { run, counts: sim.counts() }
  } finally {
    await sim.close()
  }
}

describe('wait-for-deployment', () => {
  it('ends green after a good deploy completes', async () => {
    const { run } = await deploy('deploy-success')
    expect(run.code).toBe(0)
    expect(run.outputs['deployment-status']).toBe('completed')
    expect(run.outputs['new-errors']).toBe('0')
    expect(run.outputs.status).toBe('healthy')
    expect(run.summary).toMatch(/^## 🟢 Deployment completed: healthy/)
    expect(run.summary).toMatch(
      /\*\*Deployment ecs-svc\/\d+ of checkout completed: checkout 3\/3 tasks running, no new errors\.\*\*/
    )
    expect(run.stdout).toContain('::group::Waiting for the deployment')
    // One line per change, not per poll.
    const progress = run.stdout.split('\n').filter(l => /^checkout: \d\/3 running/.test(l))
    expect(new Set(progress).size).toBe(progress.length)
    const state = JSON.parse(readFileSync(run.outputs['report-file'] as string, 'utf8'))
    expect(state.deployment).toMatchObject({ status: 'completed', overall: 'healthy' })
  })

  it('ends red within a few polls when the circuit breaker fails the deploy, with the reason', async () => {
    const { run, counts } = await deploy('deploy-circuit-breaker')
    expect(run.code).toBe(1)
    expect(run.outputs['deployment-status']).toBe('failed')
    expect(run.outputs.status).toBe('unhealthy')
    expect(counts.DescribeServices).toBeLessThanOrEqual(6)
    expect(run.stdout).toMatch(
      /::error::Deployment ecs-svc\/\d+ of checkout failed: .*circuit breaker rolled back to revision 42\./
    )
    expect(run.summary).toMatch(/^## 🔴 Deployment failed: unhealthy/)
  })

  it('ends red when tasks of the new revision keep stopping with exit 137', async () => {
    const { run, counts } = await deploy('deploy-oom')
    expect(run.code).toBe(1)
    expect(run.outputs['deployment-status']).toBe('failed')
    expect(run.stdout).toMatch(
      /::error::Deployment ecs-svc\/\d+ of checkout failed: 3 tasks stopped with exit 137 \(OutOfMemoryError\) within \d+ minutes?\./
    )
    expect(counts.DescribeServices).toBeLessThanOrEqual(5)
    expect(run.summary).toMatch(/OutOfMemoryError/)
  })

  it('times out on a deploy that never finishes', async () => {
    const { run } = await deploy('deploy-stuck', { 'wait-timeout': '1', 'poll-interval': '5' })
    expect(run.code).toBe(1)
    expect(run.outputs['deployment-status']).toBe('timed-out')
    expect(run.stdout).toMatch(
      /::error::Deployment ecs-svc\/\d+ of checkout did not complete within 1 minute: 1\/3 running/
    )
  }, 120_000)

  it('calls a completed deploy degraded when a new error appears after it', async () => {
    const { run } = await deploy('deploy-new-errors')
    expect(run.outputs['deployment-status']).toBe('completed')
    expect(run.outputs.status).toBe('degraded')
    expect(run.outputs['new-errors']).toBe('1')
    expect(run.code).toBe(1)
    expect(run.summary).toMatch(
      /completed, but 1 new error appeared since: upstream returned &lt;n&gt; for \/v2\/charge/
    )
  })

  it('rejects a bad wait setting with exit 2 naming it', async () => {
    const { run } = await deploy('deploy-success', { 'wait-timeout': 'soon' })
    expect(run.code).toBe(2)
    expect(run.stdout).toContain(
      "::error::input 'wait-timeout' (ECS_WAIT_TIMEOUT) must be a whole number"
    )
  })
})

describe('CLI health --wait', () => {
  it('waits, judges and exits 1 with the reason', async () => {
    const sim = await startSimulator({
      scenario: path.join(ROOT, 'sim/scenarios/deploy-circuit-breaker.json')
    })
    try {
      const r = await runCli(
        ['health', '--wait', '--poll-interval', '1', '--timeout', '5', '--services', 'checkout'],
        {
          ...awsEnv(sim.url),
          ECS_CLUSTER: 'prod',
          ECS_HEALTH_OUTDIR: path.join(ROOT, '.tmp', `cli-wait-${process.pid}`)
        }
      )
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(
        /Deployment failed \(unhealthy\): Deployment ecs-svc\/\d+ of checkout failed/
      )
    } finally {
      await sim.close()
    }
  })
})
