/**
 * The action as a process: `node dist/index.js` with INPUT_* variables, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, against the simulator and local HTTP/TLS servers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createCa, issueCert } from '../../sim/certs.js'
import { startHttpServer, startHttpsServer, type LocalServer } from '../../sim/local-servers.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runAction } from '../../sim/runner.js'

const DAY = 86_400_000
let sim: Simulator
let http: LocalServer
let https: LocalServer
let caFile: string

beforeAll(async () => {
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
  http = await startHttpServer((req, res) => {
    if (req.url === '/down') res.writeHead(503).end('down')
    else res.writeHead(200).end('ok')
  })
  const ca = createCa({ commonName: 'e2e CA' })
  caFile = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-monitor-ca-')), 'ca.pem')
  writeFileSync(caFile, ca.cert)
  const leaf = issueCert(ca, {
    hosts: ['localhost', '127.0.0.1'],
    notAfter: new Date(Date.now() + 5 * DAY + 3_600_000)
  })
  https = await startHttpsServer(leaf, (req, res) => {
    if (req.url === '/') res.writeHead(302, { location: '/home' }).end()
    else res.writeHead(200).end('home')
  })
})

afterAll(async () => {
  await Promise.all([sim.close(), http.close(), https.close()])
})

describe('mode health on the incident scenario', () => {
  let run: Awaited<ReturnType<typeof runAction>>
  beforeAll(async () => {
    run = await runAction(
      {
        cluster: 'prod',
        mode: 'health',
        domain: new URL(https.url).host,
        'http-endpoints': `ok=${http.url}/ok,down=${http.url}/down`
      },
      { ...awsEnv(sim.url), NODE_EXTRA_CA_CERTS: caFile }
    )
  })

  it('fails the step and sets every output', () => {
    expect(run.code).toBe(1)
    expect(run.outputs.status).toBe('unhealthy')
    expect(run.outputs['exit-code']).toBe('1')
    expect(run.outputs['unhealthy-services']?.split(',').sort()).toEqual([
      'checkout',
      'payments',
      'search'
    ])
    expect(run.outputs['error-count']).toBe('0')
    expect(run.stdout).toMatch(/::error::ECS health is unhealthy: /)
  })

  it('writes the report file in the seed shape', () => {
    const state = JSON.parse(readFileSync(run.outputs['report-file'] as string, 'utf8'))
    expect(state).toMatchObject({ overall: 'unhealthy', cluster: 'prod', region: 'us-east-1' })
    expect(state.checks.domain_http).toMatchObject({ status: 'healthy', code: 200, redirects: 1 })
    expect(state.checks.http_down).toMatchObject({ status: 'unhealthy', code: 503 })
    expect(state.checks.http_ok).toMatchObject({ status: 'healthy', code: 200 })
    expect(state.checks.ssl).toMatchObject({ status: 'critical', days_left: 5 })
    expect(state.checks.ecs_services.services.payments).toMatchObject({
      desired: 3,
      running: 1,
      pending: 1,
      status: 'ACTIVE',
      health: 'degraded'
    })
    expect(state.checks.alb_targets.target_groups['checkout-tg']).toMatchObject({
      healthy: 0,
      unhealthy: 3,
      total: 3,
      status: 'unhealthy'
    })
    const alert = JSON.parse(
      readFileSync(path.join(run.dir, 'data', 'ecs-health-alert.json'), 'utf8')
    )
    expect(alert).toMatchObject({ cluster: 'prod', overall: 'unhealthy' })
  })

  it('writes the job summary with checks and services tables', () => {
    expect(run.summary).toMatch(/^## 🔴 ECS health: unhealthy — `prod` \(us-east-1\)/)
    expect(run.summary).toContain('| ECS services | 🔴 unhealthy | 14 services:')
    expect(run.summary).toMatch(
      /\| checkout-tg \| 🔴 unhealthy \| Target.ResponseCodeMismatch: Health checks failed with these codes: \\\[503\\\]; Target.Timeout: Request timed out \| 0\/3 healthy, 3 unhealthy \| checkout \|/
    )
    expect(run.summary).toMatch(/\| TLS `localhost:\d+` \| 🔴 critical \| 5 days left/)
    expect(run.summary).toContain('| ⚪ reports | 0/0 | completed |')
  })

  it('annotates the findings, errors first', () => {
    const annotations = run.stdout.split('\n').filter(l => /^::(error|warning|notice) /.test(l))
    expect(annotations[0]).toMatch(/^::error title=/)
    expect(
      annotations.some(l => l.startsWith('::error title=checkout%3A 0/3 targets healthy::'))
    ).toBe(true)
    expect(
      annotations.some(l => l.startsWith('::warning title=payments%3A degraded (1/3 running)::'))
    ).toBe(true)
  })

  it('shows progress in log groups and stops workflow commands around AWS text', () => {
    expect(run.stdout).toContain('::group::Health check')
    expect(run.stdout).toContain('::group::Report')
    expect(run.stdout).toMatch(/::stop-commands::[0-9a-f-]{36}/)
  })
})

describe('fail-on and bad input', () => {
  it('passes the step with fail-on never but keeps the status', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'health', 'fail-on': 'never' },
      awsEnv(sim.url)
    )
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('unhealthy')
    expect(run.outputs['exit-code']).toBe('1')
  })

  it('passes a healthy subset with the default fail-on', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'health', services: 'web,api,auth' },
      awsEnv(sim.url)
    )
    expect(run.outputs.status).toBe('healthy')
    expect(run.code).toBe(0)
    expect(run.outputs['unhealthy-services']).toBe('')
  })

  it('fails with fail-on unhealthy only when unhealthy', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'health', services: 'web,payments', 'fail-on': 'unhealthy' },
      awsEnv(sim.url)
    )
    expect(run.outputs.status).toBe('degraded')
    expect(run.code).toBe(0)
  })

  it.each([
    [
      { cluster: 'prod', minutes: 'abc' },
      "input 'minutes' (ECS_MINUTES) must be a whole number from 1 to 43200, got 'abc'"
    ],
    [{ cluster: 'prod', limit: '-1' }, "input 'limit' (ECS_LIMIT)"],
    [
      { cluster: 'prod', 'http-endpoints': 'x=ftp://a/' },
      "input 'http-endpoints' (ECS_HTTP_ENDPOINTS)"
    ],
    [{ cluster: '' }, "input 'cluster' (ECS_CLUSTER) is required"],
    [{ cluster: 'prod', mode: 'fast' }, "input 'mode' (ECS_MODE) must be one of auto, health"]
  ])('exits 2 naming the input for %j', async (inputs, message) => {
    const run = await runAction(inputs, awsEnv(sim.url))
    expect(run.code).toBe(2)
    expect(run.stdout).toContain(`::error::${message}`)
    expect(run.outputs.status).toBe('error')
    expect(run.outputs['exit-code']).toBe('2')
  })

  it('exits 2 when the cluster does not exist', async () => {
    const run = await runAction({ cluster: 'nope', mode: 'health' }, awsEnv(sim.url))
    expect(run.code).toBe(2)
    expect(run.stdout).toContain("::error::ECS cluster 'nope' was not found")
    expect(run.outputs['exit-code']).toBe('2')
  })
})

describe('mode auto (the default): health, then the diagnosis of what fails', () => {
  let run: Awaited<ReturnType<typeof runAction>>
  beforeAll(async () => {
    run = await runAction({ cluster: 'prod' }, awsEnv(sim.url))
  })

  it('adds a diagnosis per failing service to the summary', () => {
    expect(run.code).toBe(1)
    expect(run.summary).toContain('### Log diagnosis')
    expect(run.summary).toMatch(
      /<details><summary><b>payments<\/b>: OOM: container killed at its memory limit/
    )
    expect(run.summary).toMatch(
      /<details><summary><b>checkout<\/b>: Cannot reach redis-cart\.internal:6379 \(Connection refused, 13×\)/
    )
    expect(run.summary).toMatch(
      /<details><summary><b>search<\/b>: Tasks cannot start, the image cannot be pulled/
    )
  })

  it('counts the errors found and fills the alert file', () => {
    expect(Number(run.outputs['error-count'])).toBeGreaterThan(0)
    const alert = JSON.parse(
      readFileSync(path.join(run.dir, 'data', 'ecs-health-alert.json'), 'utf8')
    )
    expect(Object.keys(alert.log_analysis).sort()).toEqual(['checkout', 'payments', 'search'])
  })

  it('leads the failure message with the cause', () => {
    expect(run.stdout).toMatch(
      /::error::ECS health is unhealthy: .*(OOM|Failing health checks|Tasks cannot start)/
    )
  })
})

describe('log modes', () => {
  it('diagnose: reports every service, fails on the critical one', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'diagnose', services: 'payments,web' },
      awsEnv(sim.url)
    )
    expect(run.code).toBe(1)
    expect(run.outputs.status).toBe('unhealthy')
    expect(run.outputs['unhealthy-services']).toBe('payments')
    expect(run.outputs['report-file']).toMatch(/ecs-logs-diagnose\.json$/)
    expect(run.summary).toMatch(/^## 🔴 ECS diagnose: unhealthy/)
    expect(run.summary).toMatch(/\| payments \| 🔴 critical \|/)
  })

  it('errors: healthy when no service logs errors', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'errors', services: 'web' },
      awsEnv(sim.url)
    )
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('healthy')
    expect(run.outputs['error-count']).toBe('0')
  })
})

describe('outside a runner', () => {
  it('still runs and reports when there is no job summary file', async () => {
    const run = await runAction(
      { cluster: 'prod', mode: 'health', services: 'web' },
      { ...awsEnv(sim.url), GITHUB_STEP_SUMMARY: '' }
    )
    expect(run.code).toBe(0)
    expect(run.outputs.status).toBe('healthy')
    expect(run.stdout).toMatch(/::warning title=Job summary not written::/)
  })
})
