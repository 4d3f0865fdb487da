/** The CLI's run history: a file under the output directory that a cron job keeps between runs. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runCli } from '../../sim/runner.js'

let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
})
afterAll(async () => {
  await sim.close()
})

describe('aws-ecs-monitor health: history', () => {
  it('remembers each run and says since when the cluster fails', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-hist-'))
    const env = { ...awsEnv(sim.url), ECS_CLUSTER: 'prod', ECS_HEALTH_OUTDIR: out }
    const file = path.join(out, 'ecs-monitor-history-prod-us-east-1.json')
    const first = await runCli(['health', '--services', 'web,api'], env)
    expect(first.code).toBe(0)
    expect(first.stdout).not.toContain('History:')
    await runCli(['health'], env)
    const third = await runCli(['health'], env)
    expect(third.stdout).toMatch(
      /History: unhealthy since \d\d:\d\d:\d\d UTC \(2 runs\) · a new failure; 3 runs in .*ecs-monitor-history-prod-us-east-1\.json\n$/
    )
    const h = JSON.parse(readFileSync(file, 'utf8')) as {
      runs: { overall: string; failing: string[] }[]
    }
    expect(h.runs.map(r => r.overall)).toEqual(['healthy', 'unhealthy', 'unhealthy'])
    expect(h.runs[2]?.failing).toEqual(expect.arrayContaining(['cluster', 'service:checkout']))
  })

  it('keeps none with --history off or --quiet', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-hist-'))
    const env = { ...awsEnv(sim.url), ECS_CLUSTER: 'prod', ECS_HEALTH_OUTDIR: out }
    await runCli(['health', '--history', 'off'], env)
    await runCli(['health', '--quiet'], env)
    expect(existsSync(path.join(out, 'ecs-monitor-history-prod-us-east-1.json'))).toBe(false)
  })
})
