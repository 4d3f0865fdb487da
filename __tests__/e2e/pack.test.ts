/**
 * The package as users get it: `npm pack` of the committed dist/ (no rebuild: CI checks that
 * dist/ is the fresh build), `npm install -g` of the tarball into a temporary prefix with an
 * empty cache and `--offline` (so a runtime dependency that would need downloading fails the
 * test), then the installed `aws-ecs-monitor` binary against the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, type ProcessResult } from '../../sim/runner.js'

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
}

let tmp: string
let sim: Simulator
let packed: string[]
let bin: string
let installed: string

/** Runs a command with only the given environment (nothing from the host or `npm test`). */
function exec(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += String(d)))
    child.stderr.on('data', d => (stderr += String(d)))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** PATH with this test's node first, so the binary's `#!/usr/bin/env node` finds it. */
function basePath(): string {
  return `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`
}

function npmEnv(): Record<string, string> {
  return {
    PATH: basePath(),
    HOME: path.join(tmp, 'home'),
    npm_config_cache: path.join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false'
  }
}

async function npm(args: string[], cwd: string): Promise<ProcessResult> {
  const r = await exec('npm', args, { cwd, env: npmEnv(), timeoutMs: 60_000 })
  if (r.code !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.code}:\n${r.stderr}`)
  return r
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-pack-'))
  for (const d of ['home', 'pack', 'prefix', 'run']) mkdirSync(path.join(tmp, d))
  const pack = await npm(
    ['pack', '--ignore-scripts', '--json', '--pack-destination', path.join(tmp, 'pack')],
    ROOT
  )
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[]
  if (!info) throw new Error(`npm pack printed no package: ${pack.stdout}`)
  packed = info.files.map(f => f.path).sort()
  const tarball = path.join(tmp, 'pack', info.filename)
  const prefix = path.join(tmp, 'prefix')
  await npm(
    ['install', '-g', '--prefix', prefix, tarball, '--offline', '--no-audit', '--no-fund'],
    path.join(tmp, 'run')
  )
  bin = path.join(prefix, 'bin', pkg.name)
  installed = path.join(prefix, 'lib', 'node_modules', pkg.name)
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })
}, 90_000)

afterAll(async () => {
  await sim?.close()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

function cli(args: string[], env: Record<string, string> = {}): Promise<ProcessResult> {
  // cwd is a directory with no node_modules anywhere above the installed package's own.
  return exec(bin, args, {
    cwd: path.join(tmp, 'run'),
    env: { PATH: basePath(), HOME: path.join(tmp, 'home'), ...env }
  })
}

function healthEnv(): { out: string; env: Record<string, string> } {
  const out = mkdtempSync(path.join(tmp, 'out-'))
  return { out, env: { ...awsEnv(sim.url), ECS_CLUSTER: 'prod', ECS_HEALTH_OUTDIR: out } }
}

describe('npm pack', () => {
  it('ships the bundles, the action metadata and the docs a user needs, nothing else', () => {
    for (const file of [
      'dist/cli/index.js',
      'dist/index.js',
      'dist/licenses.txt',
      'action.yml',
      'README.md',
      'LICENSE',
      'package.json'
    ]) {
      expect(packed).toContain(file)
    }
    const allowed =
      /^(dist\/.+|action\.yml|README\.md|LICENSE|package\.json|docs\/iam-policy\.json)$/
    expect(packed.filter(f => !allowed.test(f))).toEqual([])
    const banned = /^(src|__tests__|__fixtures__|sim|bench|scripts|\.ci|\.github|node_modules)\//
    expect(packed.filter(f => banned.test(f))).toEqual([])
  })

  it('installs offline with no dependencies and a bin with a node shebang', () => {
    expect(existsSync(path.join(installed, 'node_modules'))).toBe(false)
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'))
    expect(manifest.dependencies ?? {}).toEqual({})
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })
})

describe('the installed aws-ecs-monitor', () => {
  it('--version prints the package version', async () => {
    const r = await cli(['--version'])
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` })
  })

  it('health exits 1 on the incident scenario and keeps the run history', async () => {
    const { out, env } = healthEnv()
    const r = await cli(['health'], env)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^ECS health: UNHEALTHY {2}cluster=prod/)
    expect(existsSync(path.join(out, 'ecs-health.json'))).toBe(true)
    expect(readdirSync(out)).toContain('ecs-monitor-history-prod-us-east-1.json')
  })

  it('health --services web,api exits 0', async () => {
    const { env } = healthEnv()
    const r = await cli(['health', '--services', 'web,api'], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^ECS health: HEALTHY {2}cluster=prod/)
  })

  it('a bad setting exits 2 and names it', async () => {
    const { env } = healthEnv()
    const r = await cli(['health', '--minutes', 'abc'], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("ECS_MINUTES must be a whole number from 1 to 43200, got 'abc'")
  })
})
