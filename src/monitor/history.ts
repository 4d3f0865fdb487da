/**
 * Memory between runs: one compact sample per health run (when, overall, which units failed,
 * which services were not healthy, error counts, probe latency, TLS days left), kept per
 * cluster and region, newest last, bounded in count and encoded size. Pure: the stores that
 * keep it (a history issue for the action, a file for the CLI) sit at the edges.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import type { FailOn } from '../config.js'
import type { Finding, Overall, ServiceHealth } from '../checks/types.js'
import type { HealthRunResult } from '../pipeline/types.js'

/** The unit of the whole cluster (scope `cluster`). */
export const CLUSTER_UNIT = 'cluster'
/** The unit of the checks that belong to no service: endpoints, domain, TLS (scope `service`). */
export const CHECKS_UNIT = 'checks'

/** The unit of one service (scope `service`). */
export function serviceUnit(service: string): string {
  return `service:${service}`
}

/** One health run, as remembered. */
export interface RunSample {
  /** ISO-8601 time the run started. */
  at: string
  /** Link to the workflow run, when there was one. */
  run?: string
  overall: Overall
  /** Units that failed in this run: `cluster`, `service:<name>`, `checks`. */
  failing: string[]
  /** What failed, per finding key (`service:<name>`, `<check>:<title>`) → its cause. */
  causes: Record<string, string>
  /** Services that were not healthy → their health. */
  services: Record<string, ServiceHealth>
  /** Services checked. */
  total: number
  /** Error events in the logs of the services diagnosed. */
  errors: number
  /** Milliseconds per HTTP probe (`domain` or the endpoint's name) that answered. */
  latency: Record<string, number>
  /** Fewest days left of the certificates checked. */
  tlsDays?: number
}

export interface History {
  version: 1
  cluster: string
  region: string
  /** Oldest first. */
  runs: RunSample[]
}

/** Runs kept at most. */
export const MAX_RUNS = 500

export function emptyHistory(cluster: string, region: string): History {
  return { version: 1, cluster, region, runs: [] }
}

/** Whether a finding of this severity fails the step (and so counts towards an incident). */
export function isFailing(severity: Finding['severity'], failOn: FailOn): boolean {
  return severity === 'unhealthy' || (severity === 'degraded' && failOn === 'degraded')
}

/** Digits change from run to run (`0/3 healthy`, `5 days`); a cause should not. */
function stable(text: string): string {
  return text.replace(/\d+(?:\.\d+)?/g, '#').slice(0, 200)
}

/** What a finding is about (`endpoint api`, `TLS example.com:443`) and what it says. */
function splitTitle(title: string): [subject: string, rest: string] {
  const k = title.indexOf(': ')
  return k === -1 ? [stable(title), ''] : [title.slice(0, k), title.slice(k + 2)]
}

/** The key under which a finding is compared across runs. */
export function findingKey(f: Finding): string {
  return f.service !== undefined ? serviceUnit(f.service) : `${f.check}:${splitTitle(f.title)[0]}`
}

/** How a finding key reads in a sentence: the service's name, or what the check is about. */
export function keyLabel(key: string): string {
  if (key.startsWith('service:')) return key.slice(8)
  const k = key.indexOf(':')
  return k === -1 ? key : key.slice(k + 1)
}

/** The unit a finding belongs to under scope `service`. */
export function findingUnit(f: Finding): string {
  return f.service !== undefined ? serviceUnit(f.service) : CHECKS_UNIT
}

/** The sample of one health run. */
export function sampleOf(r: HealthRunResult, failOn: FailOn, runUrl?: string): RunSample {
  const report = r.report
  const failingFindings = report.findings.filter(f => isFailing(f.severity, failOn))
  const failing = new Set<string>()
  if (failingFindings.length > 0) failing.add(CLUSTER_UNIT)
  const causes: Record<string, string> = {}
  for (const f of failingFindings) {
    failing.add(findingUnit(f))
    const key = findingKey(f)
    if (f.service !== undefined) {
      const d = r.diagnoses.find(x => x.analysis.service === f.service)?.diagnosis
      const cause = d && d.cause !== 'none' ? d.cause : stable(f.check)
      causes[key] = causes[key] && causes[key] !== cause ? `${causes[key]}+${cause}` : cause
    } else causes[key] = stable(splitTitle(f.title)[1]) || f.severity
  }
  // A service's ECS health, made worse by what other checks found about it (its targets).
  const services: Record<string, ServiceHealth> = {}
  const all = Object.values(report.services.services)
  for (const s of all) if (s.health !== 'healthy') services[s.name] = s.health
  for (const f of report.findings) {
    if (f.service === undefined) continue
    const now = services[f.service]
    if (f.severity === 'unhealthy' && now !== 'failed') services[f.service] = 'unhealthy'
    else if (now === undefined || now === 'scaled_down') services[f.service] = 'degraded'
  }
  const latency: Record<string, number> = {}
  for (const p of [...(report.domainHttp ? [report.domainHttp] : []), ...report.endpoints]) {
    if (p.code !== null) latency[p.name] = Math.round(p.latencyMs)
  }
  const days = report.tls.flatMap(t => (t.daysLeft !== undefined ? [t.daysLeft] : []))
  return {
    at: report.timestamp,
    ...(runUrl ? { run: runUrl } : {}),
    overall: report.overall,
    failing: [...failing],
    causes,
    services,
    total: all.length,
    errors: r.diagnoses.reduce((n, d) => n + d.analysis.errorCount, 0),
    latency,
    ...(days.length ? { tlsDays: Math.min(...days) } : {})
  }
}

/** The history with one more run, the oldest dropped beyond `max`. */
export function appendRun(h: History, sample: RunSample, max = MAX_RUNS): History {
  const runs = [...h.runs, sample]
  return { ...h, runs: runs.slice(Math.max(0, runs.length - max)) }
}

/** How a unit has been doing in the latest runs. */
export interface Streak {
  /** Whether the unit failed in the latest run. */
  failing: boolean
  /** Consecutive latest runs with that same state (1 at least when there is a run). */
  runs: number
  /** When the first of those runs started. */
  since?: string
  /** Earlier runs (before the streak) in which the unit failed. */
  earlierFailures: number
  /** When the unit last failed before the streak. */
  lastFailureBefore?: string
}

export function streakOf(h: History, unit: string): Streak {
  const runs = h.runs
  const last = runs[runs.length - 1]
  if (!last) return { failing: false, runs: 0, earlierFailures: 0 }
  const failing = last.failing.includes(unit)
  let i = runs.length - 1
  while (i >= 0 && (runs[i] as RunSample).failing.includes(unit) === failing) i--
  const first = runs[i + 1] as RunSample
  let earlierFailures = 0
  let lastFailureBefore: string | undefined
  for (let k = i; k >= 0; k--) {
    const r = runs[k] as RunSample
    if (r.failing.includes(unit)) {
      earlierFailures++
      lastFailureBefore ??= r.at
    }
  }
  return {
    failing,
    runs: runs.length - 1 - i,
    since: first.at,
    earlierFailures,
    ...(lastFailureBefore !== undefined ? { lastFailureBefore } : {})
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding: JSON, gzip, base64, so 500 runs fit in an issue body (65,536 characters)

/** Encoded characters a history may take; the oldest runs go first beyond it. */
export const HISTORY_BUDGET_CHARS = 48_000

export function encodeHistory(h: History): string {
  return gzipSync(Buffer.from(JSON.stringify(h), 'utf8'), { level: 9 }).toString('base64')
}

/**
 * The history encoded within `budget` characters: as many of the latest runs as fit (found by
 * bisection, since the size grows with the runs kept).
 */
export function encodeWithin(
  h: History,
  budget = HISTORY_BUDGET_CHARS
): { text: string; kept: number } {
  const whole = encodeHistory(h)
  if (whole.length <= budget) return { text: whole, kept: h.runs.length }
  let lo = 0
  let hi = h.runs.length
  let best = encodeHistory({ ...h, runs: [] })
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    const text = encodeHistory({ ...h, runs: h.runs.slice(h.runs.length - mid) })
    if (text.length <= budget) {
      lo = mid
      best = text
    } else hi = mid - 1
  }
  return { text: best, kept: lo }
}

function isSample(x: unknown): x is RunSample {
  const r = x as RunSample
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.at === 'string' &&
    typeof r.overall === 'string' &&
    Array.isArray(r.failing) &&
    r.failing.every(u => typeof u === 'string') &&
    typeof r.services === 'object' &&
    typeof r.latency === 'object' &&
    typeof r.errors === 'number'
  )
}

/**
 * The history of `cluster`/`region` from its encoding; undefined when the text is not one (a
 * person edited it, an older format): a fresh history starts, nothing fails.
 */
export function decodeHistory(text: string, cluster: string, region: string): History | undefined {
  try {
    const raw = JSON.parse(gunzipSync(Buffer.from(text.trim(), 'base64')).toString('utf8')) as {
      version?: unknown
      cluster?: unknown
      region?: unknown
      runs?: unknown
    }
    if (raw.version !== 1 || raw.cluster !== cluster || raw.region !== region) return undefined
    if (!Array.isArray(raw.runs)) return undefined
    const runs = raw.runs.filter(isSample).map(r => ({ ...r, causes: r.causes ?? {} }))
    return { version: 1, cluster, region, runs: runs.slice(-MAX_RUNS) }
  } catch {
    return undefined
  }
}
