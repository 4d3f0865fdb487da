/** The CLI as a process (`dist/cli/index.js`), as a cron job would run it. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as nodeModule from 'node:module'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startHttpServer, hangingHandler, type LocalServer } from '../../sim/local-servers.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runCli } from '../../sim/runner.js'

let sim: Simulator
let hung: LocalServer

beforeAll(async () => {
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
  hung = await startHttpServer(hangingHandler())
})
afterAll(async () => {
  await Promise.all([sim.close(), hung.close()])
})

function dirs(): { out: string; env: Record<string, string> } {
  const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-cli-'))
  return { out, env: { ...awsEnv(sim.url), ECS_CLUSTER: 'prod', ECS_HEALTH_OUTDIR: out } }
}

describe('aws-ecs-monitor health', () => {
  it('prints the report, writes state and alert, exits 1 when not healthy', async () => {
    const { out, env } = dirs()
    const r = await runCli(['health'], env)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^ECS health: UNHEALTHY {2}cluster=prod/)
    expect(r.stdout).toMatch(/\[FAIL\] checkout-tg {2}0\/3 healthy/)
    expect(JSON.parse(readFileSync(path.join(out, 'ecs-health.json'), 'utf8')).overall).toBe(
      'unhealthy'
    )
    expect(existsSync(path.join(out, 'ecs-health-alert.json'))).toBe(true)
  })

  it('--json prints the state and writes no alert file', async () => {
    const { out, env } = dirs()
    const r = await runCli(['health', '--json', '--services', 'web,api'], env)
    expect(r.code).toBe(0)
    const state = JSON.parse(r.stdout)
    expect(state.overall).toBe('healthy')
    expect(Object.keys(state.checks.ecs_services.services)).toEqual(['web', 'api'])
    expect(existsSync(path.join(out, 'ecs-health.json'))).toBe(true)
    expect(existsSync(path.join(out, 'ecs-health-alert.json'))).toBe(false)
  })

  it('--quiet writes only the state file', async () => {
    const { out, env } = dirs()
    const r = await runCli(['health', '--quiet'], {
      ...env,
      ECS_health_STATE: path.join(out, 'custom.json')
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(existsSync(path.join(out, 'custom.json'))).toBe(true)
    expect(existsSync(path.join(out, 'ecs-health-alert.json'))).toBe(false)
  })

  it('bounds a hung endpoint by the timeout', async () => {
    const { env } = dirs()
    const r = await runCli(
      [
        'health',
        '--json',
        '--services',
        'web',
        '--http-timeout',
        '1',
        '--http-endpoints',
        `hung=${hung.url}/`
      ],
      env,
      {
        timeoutMs: 20_000
      }
    )
    expect(r.code).toBe(1)
    const state = JSON.parse(r.stdout)
    expect(state.checks.http_hung).toMatchObject({
      status: 'unhealthy',
      code: null,
      reason: 'timed out after 1s'
    })
  })

  it.each([
    [['health'], { ECS_CLUSTER: '' }, 'ECS_CLUSTER is required'],
    [
      ['health', '--minutes', 'abc'],
      {},
      "ECS_MINUTES must be a whole number from 1 to 43200, got 'abc'"
    ],
    [
      ['health'],
      { ECS_LIMIT: '-1' },
      "ECS_LIMIT must be a whole number from 1 to 10000000, got '-1'"
    ],
    [
      ['health'],
      { ECS_HTTP_ENDPOINTS: 'api=' },
      'ECS_HTTP_ENDPOINTS has an endpoint without a URL'
    ],
    [['health', '--bogus'], {}, "Unknown option '--bogus'"],
    [['frobnicate'], {}, "unknown command 'frobnicate'"]
  ])('exits 2 for %j %j', async (args, extra, message) => {
    const { env } = dirs()
    const r = await runCli(args, { ...env, ...extra })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
  })

  it('exits 2 when the cluster does not exist', async () => {
    const { env } = dirs()
    const r = await runCli(['health'], { ...env, ECS_CLUSTER: 'missing' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("ECS cluster 'missing' was not found")
  })

  it('exits 2 without credentials', async () => {
    const { env } = dirs()
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...noCreds } = env
    const r = await runCli(['health', '--services', 'web'], noCreds, { timeoutMs: 30_000 })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('No AWS credentials found')
  })
})

describe('a hung AWS API', () => {
  it('is bounded by the AWS timeout and reported in its check', async () => {
    const { env } = dirs()
    sim.setFaults({ operations: { DescribeTargetHealth: { hang: true } } })
    try {
      const r = await runCli(
        ['health', '--json', '--services', 'web,api', '--aws-timeout', '1'],
        { ...env, AWS_MAX_ATTEMPTS: '2' },
        { timeoutMs: 30_000 }
      )
      expect(r.code).toBe(1)
      const state = JSON.parse(r.stdout)
      expect(state.checks.alb_targets.status).toBe('error')
      expect(state.checks.alb_targets.error.operation).toBe('DescribeTargetHealth')
      expect(state.checks.ecs_services.status).toBe('healthy')
    } finally {
      sim.setFaults({})
    }
  })
})

describe('the CLI entry', () => {
  it('answers --version without loading the CLI bundle', async () => {
    // The entry is a few KB and holds no SDK code: the SDK is in dist/cli/main/index.js.
    const entry = readFileSync(path.join(ROOT, 'dist/cli/index.js'), 'utf8')
    expect(entry.length).toBeLessThan(32_000)
    expect(entry).not.toMatch(/@aws-sdk|@smithy/)
    const r = await runCli(['--version'], {})
    expect(r.code).toBe(0)
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
    expect(r.stdout).toBe(`${pkg.version}\n`)
  })

  it('compiles the CLI bundle once and then reads it from the compile cache', async () => {
    const { env } = dirs()
    const cache = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-compile-cache-'))
    const e = { ...env, NODE_COMPILE_CACHE: cache }
    const args = ['health', '--json', '--services', 'web,api']
    const overall = (stdout: string): unknown =>
      (JSON.parse(stdout) as { overall: unknown }).overall
    const pidless = (stderr: string): string => stderr.replace(/\(node:\d+\)/g, '(node)')
    const first = await runCli(args, e)
    expect([first.code, overall(first.stdout)]).toEqual([0, 'healthy'])
    // Node's own cache (Node >= 22.1) or ours: either way, files in the directory.
    expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(0)
    const second = await runCli(args, e)
    expect([second.code, overall(second.stdout), pidless(second.stderr)]).toEqual([
      0,
      'healthy',
      pidless(first.stderr)
    ])
    if ('enableCompileCache' in nodeModule) return
    // Ours (src/cli/code-cache.ts): one file, not written again on a hit, replaced when spoilt.
    const ours = path.join(cache, 'aws-ecs-monitor')
    const [file, ...others] = readdirSync(ours).map(f => path.join(ours, f))
    expect(others).toEqual([])
    const written = statSync(file as string).mtimeMs
    await runCli(args, e)
    expect(statSync(file as string).mtimeMs).toBe(written)
    writeFileSync(file as string, 'spoilt')
    const third = await runCli(args, e)
    expect([third.code, overall(third.stdout)]).toEqual([0, 'healthy'])
    expect(statSync(file as string).size).toBeGreaterThan(100_000)
  })
})
