/**
 * Runs the built action and CLI as processes, the way a runner or a shell does, and reads back
 * what they wrote (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, stdout). Used by the e2e tests and the demo.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

export interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Env a child needs to reach the simulator: endpoint, dummy credentials, no real config. */
export function awsEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
  }
}

/** Base environment for children: PATH and HOME only, so nothing from the host leaks in. */
function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp'
  }
}

export function run(
  args: string[],
  env: Record<string, string>,
  opts: { timeoutMs?: number; cwd?: string; input?: string } = {}
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: opts.cwd ?? ROOT,
      env: { ...baseEnv(), ...env },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += String(d)))
    child.stderr.on('data', d => (stderr += String(d)))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
    child.stdin.end(opts.input ?? '')
  })
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks, or `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++] ?? '')
      out[name as string] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

export interface ActionRun extends ProcessResult {
  outputs: Record<string, string>
  summary: string
  dir: string
}

/** Runs `node dist/index.js` with INPUT_* variables like a runner does. */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  opts: { timeoutMs?: number; event?: { name: string; payload: unknown } } = {}
): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-action-'))
  const outputFile = path.join(dir, 'github_output')
  const summaryFile = path.join(dir, 'step_summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const inputEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(inputs))
    inputEnv[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  if (inputs['output-dir'] === undefined) inputEnv['INPUT_OUTPUT-DIR'] = path.join(dir, 'data')
  let eventEnv: Record<string, string> = {}
  if (opts.event) {
    const eventFile = path.join(dir, 'event.json')
    writeFileSync(eventFile, JSON.stringify(opts.event.payload))
    eventEnv = { GITHUB_EVENT_NAME: opts.event.name, GITHUB_EVENT_PATH: eventFile }
  }
  const res = await run(
    [path.join(ROOT, 'dist/index.js')],
    {
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: dir,
      ...eventEnv,
      ...inputEnv,
      ...env
    },
    { cwd: dir, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) }
  )
  return {
    ...res,
    dir,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : ''
  }
}

/** Runs the built CLI (`dist/cli/index.js`). */
export function runCli(
  args: string[],
  env: Record<string, string>,
  opts: { timeoutMs?: number; cwd?: string } = {}
): Promise<ProcessResult> {
  return run([path.join(ROOT, 'dist/cli/index.js'), ...args], env, opts)
}
