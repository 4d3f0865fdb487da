/** `aws-ecs-monitor logs …` as a process against the simulator and from stdin. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, run, runCli } from '../../sim/runner.js'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
})
afterAll(async () => {
  await sim.close()
})

function env(): { out: string; env: Record<string, string> } {
  const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-logs-'))
  return { out, env: { ...awsEnv(sim.url), ECS_CLUSTER: 'prod', ECS_HEALTH_OUTDIR: out } }
}

describe('against the simulator', () => {
  it('errors: lists error groups and exits 1 when there are errors', async () => {
    const { env: e } = env()
    const r = await runCli(['logs', 'errors', 'payments'], e)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/== payments: \d+ errors/)
    expect(r.stdout).toMatch(/5× oom/)
  })

  it('errors: exits 0 for a service without errors', async () => {
    const { env: e } = env()
    const r = await runCli(['logs', 'errors', 'web'], e)
    expect(r.code).toBe(0)
  })

  it('diagnose --json: the seed fields and the diagnosis, and a report file', async () => {
    const { out, env: e } = env()
    const r = await runCli(['logs', 'diagnose', 'payments', '--json'], e)
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    const p = report.services.payments
    expect(p).toMatchObject({ service: 'payments', log_group: '/ecs/payments', status: 'critical' })
    expect(p.categories.oom).toBe(5)
    expect(p.restarts.stopped_tasks).toBe(2)
    expect(p.diagnosis.cause).toBe('oom')
    expect(existsSync(path.join(out, 'ecs-logs-diagnose.json'))).toBe(true)
  })

  it('restarts: stopped tasks first, from ECS', async () => {
    const { env: e } = env()
    const r = await runCli(['logs', 'restarts', 'checkout'], e)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/== checkout: 3 stopped tasks/)
    expect(r.stdout).toMatch(/\[elb_health_check\] Task failed ELB health checks/)
    // The three stopped the same way: one line with their count.
    expect(r.stdout).toMatch(
      /^ {2}3× \[elb_health_check\] Task failed ELB health checks.* exit checkout: 143 .*tasks /m
    )
    expect(r.stdout.match(/\[elb_health_check\]/g)).toHaveLength(1)
  })

  it('pull: prints and saves the raw events, with a filter', async () => {
    const { out, env: e } = env()
    const r = await runCli(['logs', 'pull', 'checkout', '--filter', 'Redis'], e)
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(13)
    expect(lines.every(l => l.includes('Redis'))).toBe(true)
    expect(
      readFileSync(path.join(out, 'logs', 'checkout.log'), 'utf8')
        .trim()
        .split('\n')
    ).toHaveLength(13)
  })

  it('unknown service: exit 2 listing the known ones', async () => {
    const { env: e } = env()
    const r = await runCli(['logs', 'diagnose', 'nope'], e)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /unknown service 'nope'; the known services are: web, api, checkout, payments, search/
    )
  })

  it('auto-diagnose: reads the state file and diagnoses the failing services', async () => {
    const { out, env: e } = env()
    const h = await runCli(['health', '--quiet'], e)
    expect(h.code).toBe(1)
    const r = await runCli(['logs', 'auto-diagnose'], e)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/overall unhealthy/)
    expect(r.stdout).toMatch(/Diagnosing (?=.*payments)(?=.*checkout)(?=.*search)/)
    expect(r.stdout).toMatch(/OOM: container killed/)
    expect(existsSync(path.join(out, 'ecs-logs-auto-diagnose.json'))).toBe(true)
  })

  it('health: runs the auto-diagnosis and puts it in the alert file', async () => {
    const { out, env: e } = env()
    const r = await runCli(['health'], e)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/Auto-diagnosis \(last 30 minutes\)/)
    const alert = JSON.parse(readFileSync(path.join(out, 'ecs-health-alert.json'), 'utf8'))
    expect(alert.log_analysis.payments.diagnosis.cause).toBe('oom')
  })
})

describe('offline, from stdin or a file', () => {
  const lines = [
    '2026-11-25T12:00:00Z INFO started',
    '2026-11-25T12:00:01Z ERROR java.lang.OutOfMemoryError: Java heap space',
    '\tat com.acme.Foo.bar(Foo.java:42)',
    '\tat com.acme.Foo.main(Foo.java:7)',
    '10.0.0.1 - - [25/Nov/2026:12:00:02 +0000] "GET /api HTTP/1.1" 503 12 "-" "curl/8"',
    '10.0.0.2 - - [25/Nov/2026:12:00:03 +0000] "GET /health HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"',
    '{"level":"info","msg":"error_count=0"}'
  ].join('\n')

  it('classify: one JSON line per event, a stack trace once', async () => {
    const r = await run(
      [path.join(ROOT, 'dist/cli/index.js'), 'logs', 'classify', '-'],
      {},
      { input: lines }
    )
    expect(r.code).toBe(0)
    const out = r.stdout
      .trim()
      .split('\n')
      .map(l => JSON.parse(l))
    expect(out).toHaveLength(5)
    expect(out.map(o => o.category)).toEqual([null, 'oom', 'http_5xx', null, null])
    expect(out[1].message).toContain('at com.acme.Foo.main')
    expect(typeof out[1].rule).toBe('string')
  })

  it('analyze: reads a file of JSON lines and plain lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'analyze-'))
    const file = path.join(dir, 'export.jsonl')
    writeFileSync(
      file,
      lines
        .split('\n')
        .map((m, i) =>
          JSON.stringify({ timestamp: 1_795_600_000_000 + i * 1000, message: m, logStream: 's1' })
        )
        .join('\n')
    )
    const r = await run(
      [path.join(ROOT, 'dist/cli/index.js'), 'logs', 'analyze', file, '--json'],
      {}
    )
    expect(r.code).toBe(1)
    const a = JSON.parse(r.stdout)
    expect(a).toMatchObject({
      status: 'critical',
      events_read: 7,
      events: 5,
      error_count: 2,
      streams: 1
    })
    expect(a.categories).toEqual({ oom: 1, http_5xx: 1 })
    expect(a.http_status).toEqual({ '503': 1 })
    expect(a.http.health_checks_skipped).toBe(1)
  })

  it('analyze: a missing file is exit 2', async () => {
    const r = await run(
      [path.join(ROOT, 'dist/cli/index.js'), 'logs', 'analyze', '/nonexistent/file.log'],
      {}
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/cannot read '\/nonexistent\/file.log'/)
  })
})
