/**
 * The action and the CLI pick the same services to diagnose for the same cluster: the action's
 * `auto` mode, the CLI's `health`, and `logs auto-diagnose` after `health --quiet` all go
 * through one predicate (checks/attention.ts). The scenario has each kind of case: a service ECS
 * shows degraded (payments), one whose rollout failed (search), one that only its target group
 * shows failing (checkout), a scaled-down one (reports), a healthy one (web), and one named in
 * the settings that ECS does not know (ghost: `failed`, nothing to diagnose).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runAction, runCli } from '../../sim/runner.js'

const SERVICES = 'web,checkout,payments,search,reports,ghost'
const EXPECTED = ['checkout', 'payments', 'search']

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
})
afterAll(async () => {
  await sim.close()
})

function outDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ecs-monitor-choice-'))
}

function diagnosedIn(file: string, key: 'log_analysis' | 'services'): string[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>
  return Object.keys(json[key] ?? {}).sort()
}

describe('services picked for a diagnosis', () => {
  it('the action (mode auto) diagnoses the services that need it, and only those', async () => {
    const out = outDir()
    const run = await runAction(
      { cluster: 'prod', services: SERVICES, 'output-dir': out, 'fail-on': 'never' },
      awsEnv(sim.url)
    )
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('unhealthy')
    expect(diagnosedIn(path.join(out, 'ecs-health-alert.json'), 'log_analysis')).toEqual(EXPECTED)
  })

  it('the CLI health command diagnoses the same services', async () => {
    const out = outDir()
    const r = await runCli(['health'], {
      ...awsEnv(sim.url),
      ECS_CLUSTER: 'prod',
      ECS_SERVICES: SERVICES,
      ECS_HEALTH_OUTDIR: out
    })
    expect(r.code).toBe(1)
    expect(diagnosedIn(path.join(out, 'ecs-health-alert.json'), 'log_analysis')).toEqual(EXPECTED)
  })

  it('logs auto-diagnose picks the same services from the state file', async () => {
    const out = outDir()
    const e = {
      ...awsEnv(sim.url),
      ECS_CLUSTER: 'prod',
      ECS_SERVICES: SERVICES,
      ECS_HEALTH_OUTDIR: out
    }
    expect((await runCli(['health', '--quiet'], e)).code).toBe(1)
    const r = await runCli(['logs', 'auto-diagnose'], e)
    expect(r.code).toBe(0)
    expect(diagnosedIn(path.join(out, 'ecs-logs-auto-diagnose.json'), 'services')).toEqual(EXPECTED)
  })
})
