/**
 * `npm run bench`: the built CLI (`dist/cli/index.js`) against the wire-level simulator with an
 * injected per-request latency, beside the seed's sequential approach on the same simulator.
 * Prints one table and writes it as JSON to bench/results/<timestamp>.json and latest.json.
 * Method, columns and the latest figures: bench/README.md.
 *
 *   npm run bench -- [--latency 50] [--sizes 10,100,500] [--events 10000,100000,1000000]
 *                    [--quick] [--no-baseline] [--no-variant] [--no-summary] [--no-mixed]
 *
 * Local only: the simulator and a timing proxy listen on 127.0.0.1; the CLI gets dummy
 * credentials and `AWS_ENDPOINT_URL`.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startSimulator, type Simulator } from '../sim/index.js'
import type { FaultConfig, OperationFaults } from '../sim/index.js'
import { awsEnv, ROOT } from '../sim/runner.js'
import { baselineClients, destroyBaseline, seedCheck, seedDiagnose } from './baseline.js'
import { observedDepth, startProxy, type TimingProxy } from './proxy.js'
import {
  clusterScenario,
  failingCount,
  serviceName,
  targetGroupCount,
  volumeScenario
} from './scenario.js'

const CLI = path.join(ROOT, 'dist/cli/index.js')
const TIME = '/usr/bin/time'

/**
 * The documented AWS quotas, enforced by the simulator for the product's runs (per operation:
 * the simulator has no buckets shared between operations, AWS does — the product's limiter
 * shares them, so it is held to the stricter rule).
 */
export const DOCUMENTED_QUOTAS: Record<string, { rps: number; burst: number }> = {
  ListServices: { rps: 20, burst: 50 },
  DescribeServices: { rps: 20, burst: 50 },
  ListTasks: { rps: 20, burst: 50 },
  DescribeTasks: { rps: 20, burst: 50 },
  DescribeClusters: { rps: 20, burst: 50 },
  DescribeTargetGroups: { rps: 10, burst: 40 },
  DescribeTargetHealth: { rps: 10, burst: 40 },
  FilterLogEvents: { rps: 5, burst: 5 },
  // Logs Insights and DescribeLogGroups: 5 TPS per account and region, as FilterLogEvents.
  StartQuery: { rps: 5, burst: 5 },
  GetQueryResults: { rps: 5, burst: 5 },
  StopQuery: { rps: 5, burst: 5 },
  DescribeLogGroups: { rps: 5, burst: 5 },
  // CloudWatch GetMetricData: 50 TPS per account and region.
  GetMetricData: { rps: 50, burst: 50 }
}

/** Quota buckets as AWS shares them, for the quota floor. */
const QUOTA_BUCKETS: { ops: string[]; rps: number; burst: number }[] = [
  { ops: ['ListServices', 'DescribeServices'], rps: 20, burst: 50 },
  { ops: ['ListTasks', 'DescribeTasks'], rps: 20, burst: 50 },
  { ops: ['DescribeTargetGroups', 'DescribeTargetHealth'], rps: 10, burst: 40 },
  { ops: ['FilterLogEvents'], rps: 5, burst: 5 },
  { ops: ['StartQuery'], rps: 5, burst: 5 },
  { ops: ['GetQueryResults'], rps: 5, burst: 5 },
  { ops: ['DescribeLogGroups'], rps: 5, burst: 5 },
  { ops: ['GetMetricData'], rps: 50, burst: 50 }
]

const SHORT: Record<string, string> = {
  ListServices: 'LS',
  DescribeServices: 'DS',
  DescribeTargetGroups: 'DTG',
  DescribeTargetHealth: 'DTH',
  StartQuery: 'SQ',
  GetQueryResults: 'GQR',
  StopQuery: 'SPQ',
  DescribeLogGroups: 'DLG',
  ListTasks: 'LT',
  DescribeTasks: 'DT',
  FilterLogEvents: 'FLE',
  DescribeClusters: 'DC',
  GetMetricData: 'GMD'
}

type Impl = 'cli' | 'cli-nolimit' | 'cli-nolimit-c64' | 'baseline'

export interface Row {
  workload: string
  impl: Impl
  /** Services in the cluster; events in the diagnosed log group. */
  services: number
  events?: number
  /** Whether the simulator enforced DOCUMENTED_QUOTAS. */
  quotas: boolean
  wallMs: number
  /** First request's arrival to the last reply's end. */
  awsSpanMs: number
  requests: Record<string, number>
  totalRequests: number
  throttled: number
  /** Longest chain of dependent requests the call structure needs / seen in the timed log. */
  depth: number
  observedDepth: number
  /** depth × latency, and the least time the documented quotas allow for these requests. */
  floorMs: number
  quotaFloorMs: number
  peakRssMb?: number
  exitCode?: number | null
  note?: string
  /** The timed request log: [operation, start ms, end ms, HTTP status], relative to the first. */
  timeline?: [string, number, number, number][]
}

interface Options {
  latency: number
  sizes: number[]
  events: number[]
  baseline: boolean
  variant: boolean
  summary: boolean
  /** The N=100 cluster where only some services sit behind a target group. */
  mixed: boolean
}

function options(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter(a => a !== '--'),
    options: {
      latency: { type: 'string' },
      sizes: { type: 'string' },
      events: { type: 'string' },
      quick: { type: 'boolean' },
      'no-baseline': { type: 'boolean' },
      'no-variant': { type: 'boolean' },
      'no-summary': { type: 'boolean' },
      'no-mixed': { type: 'boolean' }
    }
  })
  const list = (v: string | undefined, d: number[]): number[] =>
    v ? v.split(',').map(x => Number(x.trim())) : d
  const quick = values.quick === true
  return {
    latency: Number(values.latency ?? 50),
    sizes: list(values.sizes, quick ? [10, 100] : [10, 100, 500]),
    events: list(values.events, quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]),
    baseline: values['no-baseline'] !== true,
    variant: values['no-variant'] !== true,
    summary: values['no-summary'] !== true && !quick,
    mixed: values['no-mixed'] !== true
  }
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`)
}

function faults(latency: number, quotas: boolean): FaultConfig {
  const operations: Record<string, OperationFaults> = {}
  if (quotas) for (const [op, q] of Object.entries(DOCUMENTED_QUOTAS)) operations[op] = { quota: q }
  return { default: { latencyMs: latency }, operations }
}

function quotaFloorMs(counts: Record<string, number>): number {
  let floor = 0
  for (const b of QUOTA_BUCKETS) {
    const n = b.ops.reduce((s, op) => s + (counts[op] ?? 0), 0)
    floor = Math.max(floor, (Math.max(0, n - b.burst) / b.rps) * 1000)
  }
  return floor
}

interface Measured {
  wallMs: number
  peakRssMb?: number
  exitCode: number | null
  stdout: string
  stderr: string
}

/** Runs a process under /usr/bin/time -v (when present) for its peak RSS. */
function measure(args: string[], env: Record<string, string>, timed = true): Promise<Measured> {
  const useTime = timed && existsExecutable(TIME)
  const cmd = useTime ? TIME : process.execPath
  const argv = useTime ? ['-v', process.execPath, ...args] : args
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(cmd, argv, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => {
      if (stdout.length < 1_000_000) stdout += String(d)
    })
    child.stderr.on('data', d => (stderr += String(d)))
    child.on('error', reject)
    child.on('close', code => {
      const wallMs = performance.now() - t0
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
      const status = /Exit status: (\d+)/.exec(stderr)
      resolve({
        wallMs,
        ...(rss ? { peakRssMb: Number(rss[1]) / 1024 } : {}),
        exitCode: useTime && status ? Number(status[1]) : code,
        stdout,
        stderr
      })
    })
  })
}

function existsExecutable(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

interface Bed {
  sim: Simulator
  proxy: TimingProxy
  dir: string
}

async function bed(scenario: Parameters<typeof startSimulator>[0]['scenario']): Promise<Bed> {
  // Insights queries run for wall time, as in AWS: 1 s plus 1 ms per 1,000 records scanned.
  const sim = await startSimulator({
    scenario,
    maxRecords: 1_000_000,
    insights: { runMs: 1000, scanMsPer1k: 1 }
  })
  const proxy = await startProxy(sim.url)
  return { sim, proxy, dir: mkdtempSync(path.join(tmpdir(), 'ecs-monitor-bench-')) }
}

async function closeBed(b: Bed): Promise<void> {
  await b.proxy.close()
  await b.sim.close()
  rmSync(b.dir, { recursive: true, force: true })
}

function reset(b: Bed, latency: number, quotas: boolean): void {
  b.sim.setFaults(faults(latency, quotas))
  b.sim.resetCounts()
  b.proxy.reset()
}

function collect(
  b: Bed,
  base: Omit<
    Row,
    | 'requests'
    | 'totalRequests'
    | 'throttled'
    | 'awsSpanMs'
    | 'observedDepth'
    | 'floorMs'
    | 'quotaFloorMs'
    | 'depth'
    | 'timeline'
  >,
  depth: (counts: Record<string, number>) => number,
  latency: number
): Row {
  const counts = b.sim.counts()
  const timed = b.proxy.requests()
  const throttled = b.sim
    .requests()
    .filter(r => r.error === 'ThrottlingException' || r.error === 'Throttling').length
  const d = depth(counts)
  const start = Math.min(...timed.map(r => r.start))
  const end = Math.max(...timed.map(r => r.end))
  return {
    ...base,
    requests: counts,
    totalRequests: Object.values(counts).reduce((a, n) => a + n, 0),
    throttled,
    awsSpanMs: timed.length ? end - start : 0,
    depth: d,
    observedDepth: observedDepth(timed),
    floorMs: d * latency,
    quotaFloorMs: quotaFloorMs(counts),
    timeline: timed
      .slice(0, 5000)
      .map(r => [r.operation, round1(r.start - start), round1(r.end - start), r.status])
  }
}

const round1 = (x: number): number => Math.round(x * 10) / 10

const pagesOfListServices = (n: number): number => Math.max(1, Math.ceil(n / 100))

/**
 * Depth of the product's health check: ListServices pages → DescribeServices → (DTG ‖ DTH); the
 * health reads need only the target group ARNs, so they do not wait for DescribeTargetGroups.
 */
function checkDepth(n: number, counts: Record<string, number>): number {
  // With the metrics: DescribeServices → DescribeTargetGroups (the load balancers of the groups)
  // → GetMetricData → DescribeTargetHealth of the groups the metrics do not clear.
  if ((counts.GetMetricData ?? 0) > 0)
    return pagesOfListServices(n) + 2 + (counts.DescribeTargetHealth ? 2 : 1)
  return pagesOfListServices(n) + 2
}

/** The diagnosis: FilterLogEvents pages per service, or the Insights chain, ‖ the stopped tasks. */
function diagDepth(counts: Record<string, number>, services: number): number {
  if (services === 0) return 0
  const fle = Math.ceil((counts.FilterLogEvents ?? 0) / services)
  // Logs Insights: DescribeLogGroups → StartQuery → GetQueryResults polls (each waits for the last).
  const queries = counts.StartQuery ?? 0
  const insights =
    queries > 0
      ? ((counts.DescribeLogGroups ?? 0) > 0 ? 1 : 0) +
        1 +
        Math.ceil((counts.GetQueryResults ?? 0) / queries)
      : 0
  // Stopped tasks: per service (≤ 4 services) ListTasks → DescribeTasks; for the cluster, the
  // ListTasks pages one after the other, the last page's DescribeTasks after them.
  const lt = counts.ListTasks ?? 0
  const tasks = (counts.DescribeTasks ?? 0) === 0 ? Math.min(lt, 1) : services <= 4 ? 2 : lt + 1
  return Math.max(fle, insights, tasks)
}

/**
 * Check + diagnosis: the services ECS shows failing are diagnosed as soon as DescribeServices
 * answers, beside the target-group reads (every failing service of the bench is one of them).
 */
function fullDepth(n: number, counts: Record<string, number>, failing: number): number {
  const targets = (counts.GetMetricData ?? 0) > 0 ? (counts.DescribeTargetHealth ? 3 : 2) : 1
  return pagesOfListServices(n) + 1 + Math.max(targets, diagDepth(counts, failing))
}

const sequential = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, n) => a + n, 0)

function cliEnv(b: Bed, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...awsEnv(b.proxy.url),
    ECS_CLUSTER: 'prod',
    ECS_HEALTH_OUTDIR: b.dir,
    ...extra
  }
}

async function runCliRow(
  b: Bed,
  o: Options,
  workload: string,
  args: string[],
  base: { services: number; events?: number },
  depth: (counts: Record<string, number>) => number,
  env: Record<string, string> = {}
): Promise<Row> {
  reset(b, o.latency, true)
  const m = await measure([CLI, ...args], cliEnv(b, env))
  if (m.exitCode === 2) log(`${workload}: CLI exit 2: ${m.stderr.slice(0, 500)}`)
  return collect(
    b,
    {
      workload,
      impl: 'cli',
      ...base,
      quotas: true,
      wallMs: m.wallMs,
      ...(m.peakRssMb !== undefined ? { peakRssMb: m.peakRssMb } : {}),
      exitCode: m.exitCode
    },
    depth,
    o.latency
  )
}

async function runVariantRow(
  b: Bed,
  o: Options,
  workload: string,
  json: boolean,
  n: number,
  depth: (counts: Record<string, number>) => number,
  startupMs: number,
  concurrency?: number
): Promise<Row> {
  reset(b, o.latency, false)
  const m = await measure(
    ['--import', 'tsx', path.join(ROOT, 'bench/variant.ts'), ...(json ? ['--json'] : [])],
    cliEnv(b, concurrency ? { ECS_CONCURRENCY: String(concurrency) } : {}),
    false
  )
  const last = m.stdout.trim().split('\n').pop() ?? '{}'
  let ms = NaN
  try {
    ms = (JSON.parse(last) as { ms: number }).ms
  } catch {
    log(`${workload} (no limiter) failed: ${m.stderr.slice(0, 500)}`)
  }
  return collect(
    b,
    {
      workload,
      impl: concurrency ? 'cli-nolimit-c64' : 'cli-nolimit',
      services: n,
      quotas: false,
      wallMs: ms + startupMs,
      exitCode: m.exitCode,
      note: `limiters off (bench/variant.ts)${concurrency ? `, ECS_CONCURRENCY=${concurrency}` : ''}: work ${Math.round(ms)} ms + CLI start-up ${Math.round(startupMs)} ms`
    },
    depth,
    o.latency
  )
}

async function runBaselineRow(
  b: Bed,
  o: Options,
  workload: string,
  base: { services: number; events?: number },
  fn: (c: ReturnType<typeof baselineClients>) => Promise<unknown>,
  note?: string
): Promise<Row> {
  reset(b, o.latency, false)
  const c = baselineClients(b.proxy.url)
  const t0 = performance.now()
  try {
    await fn(c)
  } finally {
    destroyBaseline(c)
  }
  const wallMs = performance.now() - t0
  return collect(
    b,
    { workload, impl: 'baseline', ...base, quotas: false, wallMs, ...(note ? { note } : {}) },
    sequential,
    o.latency
  )
}

/** Two consecutive parts of one sequential run as one row. */
function sumRows(workload: string, a: Row, b: Row, latency: number): Row {
  const requests: Record<string, number> = { ...a.requests }
  for (const [op, n] of Object.entries(b.requests)) requests[op] = (requests[op] ?? 0) + n
  return {
    ...a,
    workload,
    requests,
    totalRequests: a.totalRequests + b.totalRequests,
    throttled: a.throttled + b.throttled,
    wallMs: a.wallMs + b.wallMs,
    awsSpanMs: a.awsSpanMs + b.awsSpanMs,
    depth: a.depth + b.depth,
    observedDepth: a.observedDepth + b.observedDepth,
    floorMs: (a.depth + b.depth) * latency,
    quotaFloorMs: quotaFloorMs(requests),
    timeline: [
      ...(a.timeline ?? []),
      ...(b.timeline ?? []).map(([op, s, e, st]): [string, number, number, number] => [
        op,
        s + a.awsSpanMs,
        e + a.awsSpanMs,
        st
      ])
    ],
    note: 'check and diagnosis timed as two parts of one sequential run'
  }
}

/** Median wall time of the CLI doing nothing but start (`--version`). */
async function startupMs(): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < 5; i++) times.push((await measure([CLI, '--version'], {}, false)).wallMs)
  times.sort((a, b) => a - b)
  return times[2] ?? times[0] ?? 0
}

/** Classifier throughput, in its own process (bench/classify.ts). */
async function classifierThroughput(): Promise<{
  lines: number
  median: number
  best: number
  avgBytes: number
  rounds: number[]
}> {
  const m = await measure(['--import', 'tsx', path.join(ROOT, 'bench/classify.ts')], {}, false)
  return JSON.parse(m.stdout.trim().split('\n').pop() ?? '{}') as never
}

function fmtS(ms: number): string {
  return Number.isFinite(ms) ? (ms / 1000).toFixed(ms < 10_000 ? 2 : 1) : '—'
}

function fmtRequests(r: Record<string, number>): string {
  return Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${SHORT[op] ?? op} ${n}`)
    .join(' · ')
}

/** The issue's target: wall ≤ 1.25 × max(quota floor, latency floor) + start-up. */
export const FLOOR_TARGET = 1.25

/** (wall − start-up) / max(quota floor, latency floor); undefined for the baseline. */
function floorRatio(r: Row, startupMs: number): number | undefined {
  if (r.impl === 'baseline') return undefined
  const floor = Math.max(r.quotaFloorMs, r.floorMs)
  return floor > 0 ? Math.max(0, r.wallMs - startupMs) / floor : undefined
}

/** The rows that miss {@link FLOOR_TARGET}, one line each. */
function missedTargets(rows: Row[], startupMs: number): string[] {
  return rows.flatMap(r => {
    const q = floorRatio(r, startupMs)
    return q !== undefined && q > FLOOR_TARGET
      ? [
          `- ${r.workload} (${r.impl}): ${q.toFixed(2)} × max(quota floor ${fmtS(r.quotaFloorMs)} s, latency floor ${fmtS(r.floorMs)} s) + start-up`
        ]
      : []
  })
}

function table(rows: Row[], speedups: Map<Row, number>, startupMs: number): string {
  const head = [
    'workload',
    'impl',
    'quota',
    'wall s',
    'AWS requests',
    'thr',
    'depth',
    'obs',
    'floor s',
    'wall/floor',
    'quota floor s',
    'vs floor',
    'RSS MB',
    'speed-up'
  ]
  const body = rows.map(r => [
    r.workload,
    r.impl,
    r.quotas ? 'on' : 'off',
    fmtS(r.wallMs),
    `${r.totalRequests}: ${fmtRequests(r.requests)}`,
    String(r.throttled),
    String(r.depth),
    String(r.observedDepth),
    fmtS(r.floorMs),
    r.floorMs > 0 ? (r.wallMs / r.floorMs).toFixed(1) : '—',
    r.impl === 'baseline' ? '—' : fmtS(r.quotaFloorMs),
    ((q: number | undefined) =>
      q === undefined ? '—' : `${q.toFixed(2)}${q <= FLOOR_TARGET ? ' ✓' : ' ✗'}`)(
      floorRatio(r, startupMs)
    ),
    r.peakRssMb !== undefined ? r.peakRssMb.toFixed(0) : '—',
    speedups.has(r) ? `${(speedups.get(r) ?? 0).toFixed(1)}×` : ''
  ])
  const lines = [head, head.map(h => '-'.repeat(h.length)), ...body]
  return lines.map(l => `| ${l.join(' | ')} |`).join('\n')
}

async function main(): Promise<void> {
  const o = options()
  const t0 = performance.now()
  const loadAtStart = loadavg()
    .map(x => x.toFixed(2))
    .join(' ')
  try {
    const built = statSync(CLI).mtimeMs
    const newest = Math.max(
      ...readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
        .filter(e => e.isFile() && e.name.endsWith('.ts'))
        .map(e => statSync(path.join(e.parentPath, e.name)).mtimeMs)
    )
    if (newest > built) log('warning: src/ is newer than dist/cli/index.js — run npm run build')
  } catch {
    throw new Error(`${CLI} is missing: run npm run build first`)
  }
  const rows: Row[] = []
  const speedups = new Map<Row, number>()
  const startup = await startupMs()
  log(`CLI start-up (--version): ${startup.toFixed(0)} ms; latency ${o.latency} ms per request`)

  for (const n of o.sizes) {
    const b = await bed(clusterScenario(n))
    const failing = failingCount(n)
    try {
      log(`N=${n}: health --json`)
      const check = await runCliRow(
        b,
        o,
        `check N=${n}`,
        ['health', '--json'],
        { services: n },
        c => checkDepth(n, c)
      )
      rows.push(check)
      log(`N=${n}: health (check + auto-diagnosis of ${failing} failing)`)
      const full = await runCliRow(b, o, `check+diagnosis N=${n}`, ['health'], { services: n }, c =>
        fullDepth(n, c, failing)
      )
      rows.push(full)
      if (o.variant) {
        log(`N=${n}: no-limiter variant`)
        rows.push(
          await runVariantRow(b, o, `check N=${n}`, true, n, c => checkDepth(n, c), startup),
          await runVariantRow(
            b,
            o,
            `check+diagnosis N=${n}`,
            false,
            n,
            c => fullDepth(n, c, failing),
            startup
          )
        )
        // The same with the highest ECS_CONCURRENCY (64): what the call structure allows when
        // the in-flight bound is not the limit.
        if (n >= 100)
          rows.push(
            await runVariantRow(
              b,
              o,
              `check+diagnosis N=${n}`,
              false,
              n,
              c => fullDepth(n, c, failing),
              startup,
              64
            )
          )
      }
      if (o.baseline) {
        log(`N=${n}: baseline`)
        // One sequential run, check then diagnosis, measured in two parts: the seed's
        // check+diagnosis is the sum (nothing overlaps in a one-request-at-a-time run).
        let failingNames: string[] = []
        const bCheck = await runBaselineRow(b, o, `check N=${n}`, { services: n }, async c => {
          failingNames = await seedCheck(c, 'prod')
        })
        const bDiag = await runBaselineRow(b, o, `diagnosis N=${n}`, { services: n }, c =>
          seedDiagnose(c, failingNames, { minutes: 30, limit: 200 })
        )
        const bFull = sumRows(`check+diagnosis N=${n}`, bCheck, bDiag, o.latency)
        rows.push(bCheck, bFull)
        for (const r of rows.filter(r => r.impl !== 'baseline' && r.services === n)) {
          const base = r.workload.startsWith('check+') ? bFull : bCheck
          if (r.events === undefined) speedups.set(r, base.wallMs / r.wallMs)
        }
      }
      if (o.summary && n === Math.max(...o.sizes)) {
        // Every service's logs over 60 minutes: the default engine (auto) picks Logs Insights
        // at this size; the FilterLogEvents engine beside it, one log group after the other.
        for (const engine of ['auto', 'filter']) {
          log(`N=${n}: logs summary, engine ${engine} (documented quotas enforced)`)
          rows.push(
            await runCliRow(
              b,
              o,
              `logs summary N=${n}${engine === 'auto' ? '' : ` (${engine})`}`,
              ['logs', 'summary', '--json', '--log-engine', engine],
              { services: n },
              c => pagesOfListServices(n) + diagDepth(c, n)
            )
          )
        }
      }
    } finally {
      await closeBed(b)
    }
    if (o.mixed && n === 100) {
      // The same cluster where only every 4th service (and every failing one) is behind a
      // target group, the others being workers: the ELBv2 reads then fit in the quota's burst.
      const tgEvery = 4
      const tgs = targetGroupCount(n, tgEvery)
      const label = `check+diagnosis N=${n}, ${tgs} TGs`
      const bm = await bed(clusterScenario(n, tgEvery))
      try {
        log(`N=${n}, ${tgs} target groups: health (check + auto-diagnosis)`)
        const full = await runCliRow(bm, o, label, ['health'], { services: n }, c =>
          fullDepth(n, c, failing)
        )
        rows.push(full)
        if (o.baseline) {
          log(`N=${n}, ${tgs} target groups: baseline`)
          let failingNames: string[] = []
          const bCheck = await runBaselineRow(
            bm,
            o,
            `check N=${n}, ${tgs} TGs`,
            { services: n },
            async c => {
              failingNames = await seedCheck(c, 'prod')
            }
          )
          const bDiag = await runBaselineRow(
            bm,
            o,
            `diagnosis N=${n}, ${tgs} TGs`,
            { services: n },
            c => seedDiagnose(c, failingNames, { minutes: 30, limit: 200 })
          )
          const bFull = sumRows(label, bCheck, bDiag, o.latency)
          rows.push(bFull)
          speedups.set(full, bFull.wallMs / full.wallMs)
        }
      } finally {
        await closeBed(bm)
      }
    }
  }

  for (const events of o.events) {
    const b = await bed(volumeScenario(events))
    try {
      const label = events >= 1_000_000 ? `${events / 1_000_000}M` : `${events / 1000}k`
      log(`logs diagnose ${serviceName(0)} --limit ${events}`)
      const row = await runCliRow(
        b,
        o,
        `diagnose ${label} events`,
        [
          'logs',
          'diagnose',
          serviceName(0),
          '--minutes',
          '60',
          '--limit',
          String(events),
          '--json'
        ],
        { services: 10, events },
        c => pagesOfListServices(10) + diagDepth(c, 1)
      )
      rows.push(row)
      if (o.baseline) {
        const base = await runBaselineRow(
          b,
          o,
          `diagnose ${label} events`,
          { services: 10, events },
          c => seedDiagnose(c, [serviceName(0)], { minutes: 60, limit: events }),
          'the seed reads one page (≤ 10,000 events) and stops'
        )
        rows.push(base)
      }
    } finally {
      await closeBed(b)
    }
  }

  log('classifier throughput')
  const classifierLoad = loadavg()[0]?.toFixed(2) ?? '?'
  const classifier = await classifierThroughput()
  const totalMs = performance.now() - t0

  const missed = missedTargets(rows, startup)
  const text = [
    table(rows, speedups, startup),
    '',
    missed.length
      ? `rows over ${FLOOR_TARGET} × max(quota floor, latency floor) + start-up:\n${missed.join('\n')}`
      : `every row within ${FLOOR_TARGET} × max(quota floor, latency floor) + start-up`,
    '',
    `classifier: ${Math.round(classifier.best).toLocaleString('en-US')} lines/s on one core, best of 8 rounds (median ${Math.round(classifier.median).toLocaleString('en-US')}; load average ${classifierLoad}; ${classifier.lines.toLocaleString('en-US')} generated lines, ${classifier.avgBytes.toFixed(0)} B average, 8 formats)`,
    `load average at start ${loadAtStart} · latency ${o.latency} ms per request · CLI start-up ${startup.toFixed(0)} ms · node ${process.version} · ${new Date().toISOString()} · bench took ${(totalMs / 1000).toFixed(0)} s`,
    `quota: simulator enforced the documented quotas (bench/run.ts DOCUMENTED_QUOTAS) · thr: throttling replies · depth: dependent requests the call structure needs · obs: longest chain of non-overlapping requests seen · floor: depth × latency · quota floor: least time the documented quotas allow for these requests · vs floor: (wall − start-up) / max(quota floor, floor), target ≤ ${FLOOR_TARGET} · speed-up: baseline wall / this wall`,
    `requests: ${Object.entries(SHORT)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`
  ].join('\n')
  process.stdout.write(`${text}\n`)

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    latencyMs: o.latency,
    cliStartupMs: startup,
    loadAverageAtStart: loadAtStart,
    options: o,
    quotas: DOCUMENTED_QUOTAS,
    rows: rows.map(r => ({ ...r, ...(speedups.has(r) ? { speedup: speedups.get(r) } : {}) })),
    classifier,
    totalMs,
    table: text
  }
  const dir = path.join(ROOT, 'bench/results')
  mkdirSync(dir, { recursive: true })
  // The timestamped file keeps every row's request timeline; latest.json (tracked) stays small.
  const stamp = `${result.date.replace(/[:.]/g, '-')}.json`
  writeFileSync(path.join(dir, stamp), JSON.stringify(result, null, 2) + '\n')
  const lean = { ...result, timelines: stamp, rows: result.rows.map(({ timeline: _t, ...r }) => r) }
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(lean, null, 2) + '\n')
  log(`written bench/results/latest.json (${(totalMs / 1000).toFixed(0)} s)`)
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`
  )
  process.exitCode = 1
})
