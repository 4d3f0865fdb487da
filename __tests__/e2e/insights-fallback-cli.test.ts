/**
 * The built CLI and action against an Insights that answers empty: the same report as
 * FilterLogEvents, plus one warning that says what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runAction, runCli } from '../../sim/runner.js'

let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({
    scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json'),
    insights: { answers: 'empty' }
  })
})
afterAll(async () => {
  await sim.close()
})

interface Report {
  services: Record<
    string,
    { status: string; events_read: number; error_count: number; engine?: string }
  >
}

async function summary(engine: string): Promise<{ stdout: string; code: number; report: Report }> {
  const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-trust-'))
  const r = await runCli(['logs', 'summary', '--json', '--log-engine', engine], {
    ...awsEnv(sim.url),
    ECS_CLUSTER: 'prod',
    ECS_HEALTH_OUTDIR: out
  })
  const report = JSON.parse(readFileSync(path.join(out, 'ecs-logs-summary.json'), 'utf8')) as Report
  return { stdout: r.stdout, code: r.code ?? -1, report }
}

const figures = (r: Report): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(r.services).map(([k, v]) => [k, [v.status, v.events_read, v.error_count]])
  )

describe('an Insights that answers empty', () => {
  it('CLI: the FilterLogEvents figures, each service saying where they came from', async () => {
    const filter = await summary('filter')
    const insights = await summary('insights')
    expect(insights.code).toBe(filter.code)
    expect(figures(insights.report)).toEqual(figures(filter.report))
    // Groups with events were read again with FilterLogEvents; empty ones stay Insights' answer.
    const read = Object.values(insights.report.services).filter(s => s.events_read > 0)
    expect(read.length).toBeGreaterThan(0)
    expect(new Set(read.map(s => s.engine))).toEqual(new Set(['filter']))
  })

  it('action: one warning naming what happened, the summary says it too', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'summary', 'log-engine': 'insights' },
      awsEnv(sim.url)
    )
    const warnings = run.stdout
      .split('\n')
      .filter(l => l.startsWith('::warning title=Logs Insights answer not trusted::'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /counted no events in \d+ log groups where FilterLogEvents found some/
    )
    expect(run.summary).toContain('> ⚠️ Logs Insights counted no events in')
    expect(run.summary).toContain('figures from FilterLogEvents (Logs Insights')
  })
})
