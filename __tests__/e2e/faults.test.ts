/**
 * The fault matrix (issue 7 §5), the built CLI as a process against the simulator. For each
 * operation the product calls — ListServices, DescribeServices, DescribeTargetGroups,
 * DescribeTargetHealth, ListTasks, DescribeTasks, FilterLogEvents — and each fault — throttling
 * 30%, 5xx 10%, connection resets, AccessDenied, 2 s latency — `aws-ecs-monitor health` (check,
 * then the diagnosis of the failing service) must write the same state and alert files as without
 * faults (volatile fields aside), or, for AccessDenied, differ only in the affected check or
 * service, which is `error` and names the IAM permission. Every run must end by itself within
 * the bound its settings give (`--aws-timeout`, AWS_MAX_ATTEMPTS). And a run killed at any
 * moment, mid-write included, leaves the state file either old or new, never partial.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  startSimulator,
  type FaultConfig,
  type OperationFaults,
  type Scenario,
  type Simulator
} from '../../sim/index.js'
import { FaultEngine } from '../../sim/faults.js'
import { awsEnv, ROOT, runCli } from '../../sim/runner.js'

/** One clock for every simulator, so that every run sees the same event and task times. */
const T0 = Date.now()

const OOM = 'OutOfMemoryError: Container killed due to memory usage'

/**
 * `api` and `web` healthy behind their target groups; `worker` degraded (1/2 running) with two
 * OOM-killed tasks, an unhealthy target and errors in its logs (so the diagnosis reads its logs,
 * lists and describes its stopped tasks); `batch` scaled down.
 */
const scenario: Scenario = {
  clusters: [
    {
      name: 'prod',
      services: [
        {
          name: 'api',
          desiredCount: 2,
          loadBalancers: [{ targetGroup: 'api-tg', containerName: 'api', containerPort: 8080 }]
        },
        {
          name: 'web',
          desiredCount: 2,
          loadBalancers: [{ targetGroup: 'web-tg', containerName: 'web', containerPort: 8080 }]
        },
        {
          name: 'worker',
          desiredCount: 2,
          runningCount: 1,
          loadBalancers: [
            { targetGroup: 'worker-tg', containerName: 'worker', containerPort: 8080 }
          ],
          events: [
            {
              createdAt: '-4m',
              message: '(service worker) is unable to consistently start tasks successfully.'
            }
          ],
          tasks: [
            {
              lastStatus: 'STOPPED',
              count: 2,
              stoppedAt: '-6m',
              containers: [{ name: 'worker', exitCode: 137, reason: OOM }]
            }
          ]
        },
        { name: 'batch', desiredCount: 0 }
      ]
    }
  ],
  targetGroups: [
    { name: 'api-tg', port: 8080, targets: [{ id: '10.0.1.1' }, { id: '10.0.1.2' }] },
    { name: 'web-tg', port: 8080, targets: [{ id: '10.0.2.1' }, { id: '10.0.2.2' }] },
    {
      name: 'worker-tg',
      port: 8080,
      targets: [
        { id: '10.0.3.1' },
        {
          id: '10.0.3.2',
          state: 'unhealthy',
          reason: 'Target.ResponseCodeMismatch',
          description: 'Health checks failed with these codes: [503]'
        }
      ]
    }
  ],
  logGroups: [
    {
      name: '/ecs/worker',
      streams: [
        {
          name: 'ecs/worker/0f1e2d3c4b5a69788796a5b4c3d2e1f0',
          events: [
            { t: '-20m', message: 'INFO Started WorkerApplication in 4.2 seconds' },
            { t: '-12m', message: 'ERROR Job 4411 failed: connection refused to 10.0.9.9:5432' },
            { t: '-11m', message: 'ERROR Job 4412 failed: connection refused to 10.0.9.9:5432' },
            {
              t: '-8m',
              message: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space'
            },
            { t: '-8m', message: '\tat com.example.Worker.run(Worker.java:42)' },
            { t: '-7m', message: 'INFO Shutting down' }
          ]
        }
      ]
    }
  ]
}

const OPERATIONS = [
  'ListServices',
  'DescribeServices',
  'DescribeTargetGroups',
  'DescribeTargetHealth',
  'ListTasks',
  'DescribeTasks',
  'FilterLogEvents'
] as const
type Operation = (typeof OPERATIONS)[number]

const PERMISSION: Record<Operation, string> = {
  ListServices: 'ecs:ListServices',
  DescribeServices: 'ecs:DescribeServices',
  DescribeTargetGroups: 'elasticloadbalancing:DescribeTargetGroups',
  DescribeTargetHealth: 'elasticloadbalancing:DescribeTargetHealth',
  ListTasks: 'ecs:ListTasks',
  DescribeTasks: 'ecs:DescribeTasks',
  FilterLogEvents: 'logs:FilterLogEvents'
}

const FAULTS: Record<string, OperationFaults> = {
  'throttling 30%': { throttleRate: 0.3 },
  '5xx 10%': { errorRate: 0.1 },
  'connection reset': { resetRate: 0.3 },
  AccessDenied: { accessDenied: true },
  '2 s latency': { latencyMs: 2000 }
}

/** Settings of every faulted run, and the bound they put on its duration. */
const AWS_TIMEOUT_S = 4
const MAX_ATTEMPTS = 6
/** The longest chain of calls of one operation in this scenario is one call. */
const RUN_BOUND_MS = 20_000

/**
 * A fault seed under which the operation's first request is faulted, so that every case really
 * meets its fault (the simulator's draws are a pure function of seed, operation and request
 * number); the rate then applies as configured to the retries and the other requests.
 */
function seedFor(op: Operation, f: OperationFaults): number {
  for (let seed = 1; seed < 10_000; seed++) {
    const first = new FaultEngine({ seed, operations: { [op]: f } }).decide(op)
    if (first.action.kind !== 'none' || first.latencyMs > 0) return seed
  }
  throw new Error(`no seed faults the first ${op}`)
}

/** Drops what changes from run to run: times, durations, the diagnosis window. */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (k, v: unknown) =>
    ['timestamp', 'epoch', 'duration_ms', 'latency_ms', 'window'].includes(k) ? undefined : v
  )
}

async function runHealth(faults: FaultConfig, extraEnv: Record<string, string> = {}) {
  const sim: Simulator = await startSimulator({ scenario, now: () => T0 })
  const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-faults-'))
  try {
    sim.setFaults(faults)
    const t0 = performance.now()
    const result = await runCli(
      ['health', '--aws-timeout', String(AWS_TIMEOUT_S)],
      {
        ...awsEnv(sim.url),
        ECS_CLUSTER: 'prod',
        ECS_HEALTH_OUTDIR: out,
        AWS_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        ...extraEnv
      },
      { timeoutMs: 45_000 }
    )
    const ms = performance.now() - t0
    const read = (f: string) =>
      existsSync(path.join(out, f))
        ? (stable(JSON.parse(readFileSync(path.join(out, f), 'utf8'))) as Record<string, unknown>)
        : undefined
    const state = read('ecs-health.json')
    if (!state) throw new Error(`no state file; stderr: ${result.stderr}`)
    const faulted = (op: string) =>
      sim.requests().filter(r => r.operation === op && (r.status === 0 || r.error)).length
    return {
      result,
      ms,
      state,
      alert: read('ecs-health-alert.json'),
      counts: sim.counts(),
      faulted
    }
  } finally {
    await sim.close()
    rmSync(out, { recursive: true, force: true })
  }
}

/** Paths (a.b.c) where two JSON values differ. */
function diffPaths(a: unknown, b: unknown, at = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return []
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b as object)])
    return [...keys].flatMap(k =>
      diffPaths(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        at ? `${at}.${k}` : k
      )
    )
  }
  return [at]
}

/** What an AccessDenied on each operation may change, and where the permission must be named. */
const DENIED: Record<Operation, { errorAt: string; mayChange: RegExp }> = {
  ListServices: {
    errorAt: 'state.checks.ecs_services',
    mayChange:
      /^(state\.(checks\.(ecs_services|alb_targets)|overall|issues|findings)|alert\.(overall|issues|log_analysis))/
  },
  DescribeServices: {
    errorAt: 'state.checks.ecs_services',
    mayChange:
      /^(state\.(checks\.(ecs_services|alb_targets)|overall|issues|findings)|alert\.(overall|issues|log_analysis))/
  },
  // The diagnosis loses the target group's evidence, which could not be read.
  DescribeTargetGroups: {
    errorAt: 'state.checks.alb_targets',
    mayChange:
      /^(state\.(checks\.alb_targets|overall|issues|findings)|alert\.(overall|issues|log_analysis\.worker\.diagnosis))/
  },
  DescribeTargetHealth: {
    errorAt: 'state.checks.alb_targets',
    mayChange:
      /^(state\.(checks\.alb_targets|overall|issues|findings)|alert\.(overall|issues|log_analysis\.worker\.diagnosis))/
  },
  ListTasks: {
    errorAt: 'alert.log_analysis.worker.tasks_error',
    mayChange: /^alert\.log_analysis\.worker\.(tasks_error|restarts|diagnosis|status)/
  },
  DescribeTasks: {
    errorAt: 'alert.log_analysis.worker.tasks_error',
    mayChange: /^alert\.log_analysis\.worker\.(tasks_error|restarts|diagnosis|status)/
  },
  // Everything read from the logs is gone; the stopped tasks (from ECS) stay.
  FilterLogEvents: {
    errorAt: 'alert.log_analysis.worker.error',
    mayChange: /^alert\.log_analysis\.worker\.(?!restarts\.(tasks|stopped_tasks))/
  }
}

function get(root: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], root)
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i] as T)
      }
    })
  )
  return out
}

let reference: Awaited<ReturnType<typeof runHealth>>
const results = new Map<string, Awaited<ReturnType<typeof runHealth>>>()
const cases = OPERATIONS.flatMap(op => Object.keys(FAULTS).map(fault => ({ op, fault })))

beforeAll(async () => {
  reference = await runHealth({ seed: 7 })
  const runs = await pool(cases, 6, c => {
    const f = FAULTS[c.fault] ?? {}
    return runHealth({ seed: seedFor(c.op, f), operations: { [c.op]: f } })
  })
  cases.forEach((c, i) => results.set(`${c.op} ${c.fault}`, runs[i] as never))
}, 55_000)

describe('fault matrix: aws-ecs-monitor health (check + diagnosis)', () => {
  it('the fault-free run calls every operation of the matrix', () => {
    expect(reference.result.code).toBe(1)
    for (const op of OPERATIONS) expect(reference.counts[op] ?? 0).toBeGreaterThan(0)
    expect(
      get({ alert: reference.alert }, 'alert.log_analysis.worker.restarts.stopped_tasks')
    ).toBe(2)
  })

  describe.each(OPERATIONS)('%s', op => {
    it.each(Object.keys(FAULTS))('%s', fault => {
      const r = results.get(`${op} ${fault}`)
      if (!r) throw new Error('case did not run')
      // Ends by itself (not killed by the harness), exit 1 (the scenario is not healthy), in time.
      expect(r.result.code).toBe(1)
      expect(r.ms).toBeLessThan(RUN_BOUND_MS)
      if (fault !== '2 s latency') expect(r.faulted(op)).toBeGreaterThan(0)
      const got = { state: r.state, alert: r.alert }
      const want = { state: reference.state, alert: reference.alert }
      if (fault !== 'AccessDenied') {
        expect(got).toEqual(want)
        if (fault === '2 s latency') expect(r.ms).toBeGreaterThan(2000)
        return
      }
      const { errorAt, mayChange } = DENIED[op]
      const changed = diffPaths(got, want)
      expect(changed.filter(p => !mayChange.test(p))).toEqual([])
      const error = get(got, errorAt.endsWith('error') ? errorAt : `${errorAt}.error`) as
        { permission?: string; operation?: string } | undefined
      expect(error).toMatchObject({ operation: op, permission: PERMISSION[op] })
      if (!errorAt.startsWith('alert.log_analysis'))
        expect(get(got, `${errorAt}.status`)).toBe('error')
      if (op === 'FilterLogEvents')
        expect(get(got, 'alert.log_analysis.worker.status')).toBe('error')
    })
  })
})

describe('a hung call is bounded by --aws-timeout', () => {
  it('DescribeTargetHealth never answering: only that check fails, within attempts × timeout', async () => {
    const r = await runHealth(
      { seed: 7, operations: { DescribeTargetHealth: { hang: true } } },
      { AWS_MAX_ATTEMPTS: '2' }
    )
    expect(r.result.code).toBe(1)
    // 2 attempts × 4 s plus the retry delay and start-up.
    expect(r.ms).toBeLessThan(2 * AWS_TIMEOUT_S * 1000 + 3000)
    expect(get(r.state, 'checks.alb_targets.status')).toBe('error')
    expect(get(r.state, 'checks.alb_targets.error')).toMatchObject({
      operation: 'DescribeTargetHealth',
      code: 'TimeoutError'
    })
    expect(get(r.state, 'checks.ecs_services')).toEqual(get(reference.state, 'checks.ecs_services'))
    const { diagnosis: _d, ...logs } = get(r.alert, 'log_analysis.worker') as Record<
      string,
      unknown
    >
    const { diagnosis: _r, ...refLogs } = get(reference.alert, 'log_analysis.worker') as Record<
      string,
      unknown
    >
    expect(logs).toEqual(refLogs)
  }, 20_000)
})

describe('the state file is the old one or the new one, never partial', () => {
  /** 100 services with long event messages: a state file of about a megabyte. */
  const big: Scenario = {
    clusters: [
      {
        name: 'prod',
        services: Array.from({ length: 100 }, (_, i) => ({
          name: `svc-${i}`,
          desiredCount: 2,
          runningCount: i % 3 === 0 ? 1 : 2,
          events: Array.from({ length: 5 }, (_, j) => ({
            createdAt: `-${j + 1}m`,
            message: `(service svc-${i}) is unable to place a task: ${'reason '.repeat(300)}${j}`
          }))
        }))
      }
    ]
  }

  it('SIGKILL at random moments and as soon as the temp file appears', async () => {
    const sim = await startSimulator({ scenario: big, now: () => T0 })
    const dir = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-kill-'))
    const stateFile = path.join(dir, 'ecs-health.json')
    const env = {
      ...awsEnv(sim.url),
      ECS_CLUSTER: 'prod',
      ECS_HEALTH_OUTDIR: dir,
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp'
    }
    try {
      // The complete new file, and how long a run takes.
      const t0 = performance.now()
      const full = await runCli(['health', '--quiet'], env)
      const runMs = performance.now() - t0
      expect(full.code).toBe(1)
      const fresh = stable(JSON.parse(readFileSync(stateFile, 'utf8')))
      expect(readFileSync(stateFile).length).toBeGreaterThan(500_000)
      const OLD = JSON.stringify({ old: true, overall: 'healthy' })

      const outcomes = { old: 0, new: 0, tempLeft: 0 }
      let lastPid = 0
      for (let i = 0; i < 16; i++) {
        writeFileSync(stateFile, OLD)
        for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) rmSync(path.join(dir, f))
        // Half the runs die when the temp file appears (mid-write), half at a random moment.
        const onTemp = i % 2 === 0
        await new Promise<void>(resolve => {
          const child = spawn(
            process.execPath,
            [path.join(ROOT, 'dist/cli/index.js'), 'health', '--quiet'],
            {
              env,
              stdio: 'ignore'
            }
          )
          lastPid = child.pid ?? lastPid
          const kill = () => child.kill('SIGKILL')
          const watcher = onTemp
            ? watch(dir, (_e, name) => {
                if (name?.toString().endsWith('.tmp')) kill()
              })
            : undefined
          const timer = onTemp ? undefined : setTimeout(kill, Math.random() * runMs * 1.1)
          child.on('exit', () => {
            watcher?.close()
            if (timer) clearTimeout(timer)
            resolve()
          })
        })
        const text = readFileSync(stateFile, 'utf8')
        const parsed: unknown = JSON.parse(text)
        if (text === OLD) outcomes.old++
        else {
          expect(stable(parsed)).toEqual(fresh)
          outcomes.new++
        }
        if (readdirSync(dir).some(f => f.endsWith('.tmp'))) outcomes.tempLeft++
      }
      expect(outcomes.old + outcomes.new).toBe(16)
      // Some kills landed while the temp file was being written, and the state stayed whole.
      expect(outcomes.tempLeft).toBeGreaterThan(0)
      // The next run's write removes what killed runs left (their pids are gone). The last of
      // them may have left nothing: then a leftover of the last killed run stands in.
      const temps = () => readdirSync(dir).filter(f => f.endsWith('.tmp'))
      if (temps().length === 0) {
        writeFileSync(path.join(dir, `.ecs-health.json.${lastPid}.0123abcd.tmp`), '{"ha')
      }
      expect((await runCli(['health', '--quiet'], env)).code).toBe(1)
      expect(temps()).toEqual([])
    } finally {
      await sim.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 40_000)
})
