/**
 * CloudWatch (AWS JSON 1.0, `GraniteServiceVersion20100801.<Op>`, "awsQueryCompatible"):
 * GetMetricData for the target-group health metrics `HealthyHostCount` / `UnHealthyHostCount` of
 * `AWS/ApplicationELB` (and `AWS/NetworkELB`, `AWS/GatewayELB`), computed from the simulator's
 * current target health. Errors carry the awsQuery code in `x-amzn-query-error` (see
 * {@link cloudwatchErrorWire}).
 */
import { createHash } from 'node:crypto'
import { SimError } from './errors.js'
import { decodeToken, encodeToken, type Params } from './params.js'
import { describe } from './validate.js'
import type { TargetGroupEntry, World } from './world.js'

/** The X-Amz-Target prefix of CloudWatch (metrics). */
export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801'

/** At most this many MetricDataQuery structures per GetMetricData call. */
export const MAX_METRIC_DATA_QUERIES = 500

/** Datapoints per GetMetricData reply: the default and the maximum of `MaxDatapoints`. */
export const MAX_DATAPOINTS = 100_800

/** The ELB health metrics the simulator publishes. */
export const HEALTH_METRICS = ['HealthyHostCount', 'UnHealthyHostCount'] as const

/** Namespace of the metrics of each load balancer type (the type in the load balancer ARN). */
const NAMESPACE_OF_LB_TYPE: Record<string, string> = {
  app: 'AWS/ApplicationELB',
  net: 'AWS/NetworkELB',
  gwy: 'AWS/GatewayELB'
}

const ID_RE = /^[a-z][a-zA-Z0-9_]*$/
const BASIC_STATS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const
const PERCENTILE_RE = /^p(\d{1,2}(\.\d+)?|100(\.0+)?)$/
/** Extended statistics AWS accepts that the simulator does not compute. */
const UNSUPPORTED_STAT_RE = /^(tm|wm|tc|ts|TM|WM|TC|TS|PR)[\d(]|^IQM$/
const SCAN_BY = ['TimestampDescending', 'TimestampAscending'] as const

const MINUTE = 60_000
const DAY = 86_400_000

/**
 * How a CloudWatch error goes on the wire, by its awsQuery code: the JSON `__type` (the Smithy
 * shape the SDK matches, or the Coral exception for unmodeled errors) and the member that holds the
 * message. The awsQuery code itself goes into `x-amzn-query-error: <code>;<Sender|Receiver>`, which
 * the SDK (awsQueryCompatible) reads first: the error's `name` is the modeled shape whose
 * `awsQueryError` code matches (e.g. `ValidationError` → `ValidationException`), else the code
 * itself (`Throttling`, `AccessDenied`); `Code` and `Type` on the error hold the header's halves.
 */
const ERROR_SHAPES: Record<string, { type: string; member: 'message' | 'Message' }> = {
  ValidationError: { type: 'com.amazonaws.cloudwatch#ValidationException', member: 'message' },
  InvalidParameterValue: {
    type: 'com.amazonaws.cloudwatch#InvalidParameterValueException',
    member: 'message'
  },
  InvalidParameterCombination: {
    type: 'com.amazonaws.cloudwatch#InvalidParameterCombinationException',
    member: 'message'
  },
  MissingParameter: {
    type: 'com.amazonaws.cloudwatch#MissingRequiredParameterException',
    member: 'message'
  },
  InvalidNextToken: { type: 'com.amazonaws.cloudwatch#InvalidNextToken', member: 'message' },
  InternalServiceError: {
    type: 'com.amazonaws.cloudwatch#InternalServiceFault',
    member: 'Message'
  },
  Throttling: { type: 'com.amazon.coral.availability#ThrottlingException', member: 'message' },
  AccessDenied: { type: 'com.amazon.coral.service#AccessDeniedException', member: 'Message' },
  UnknownOperationException: {
    type: 'com.amazon.coral.service#UnknownOperationException',
    member: 'message'
  },
  SerializationException: {
    type: 'com.amazon.coral.service#SerializationException',
    member: 'message'
  }
}

/** Headers and body of a CloudWatch JSON error (see {@link ERROR_SHAPES}). */
export function cloudwatchErrorWire(err: SimError): {
  type: string
  queryError: string
  body: Record<string, string>
} {
  const shape = ERROR_SHAPES[err.code] ?? { type: err.code, member: 'message' as const }
  return {
    type: shape.type,
    queryError: `${err.code};${err.fault}`,
    body: { __type: shape.type, [shape.member]: err.message }
  }
}

/** Errors the fault injection sends for CloudWatch (the awsQuery codes; see {@link ERROR_SHAPES}). */
export const CLOUDWATCH_FAULT_ERRORS = {
  throttle: (message: string) => new SimError('Throttling', message, 400),
  error: () =>
    new SimError(
      'InternalServiceError',
      'The request processing has failed because of an unknown error, exception or failure.',
      500
    ),
  accessDenied: (message: string) => new SimError('AccessDenied', message, 403)
}

function validation(message: string): never {
  throw new SimError('ValidationError', message)
}

function missing(name: string): never {
  throw new SimError('MissingParameter', `The parameter ${name} is required.`)
}

function invalidToken(): never {
  throw new SimError('InvalidNextToken', 'The next token specified is invalid.')
}

/** A JSON 1.0 timestamp: epoch seconds (the SDK sends a number, possibly fractional) → epoch ms. */
function timestamp(params: Params, key: string): number {
  const v = params[key]
  if (v === undefined || v === null) missing(key)
  if (typeof v === 'number' && Number.isFinite(v)) return Math.round(v * 1000)
  throw new SimError(
    'SerializationException',
    `${key} must be a timestamp in epoch seconds, got ${describe(v)}`
  )
}

function floorTo(t: number, unit: number): number {
  return Math.floor(t / unit) * unit
}

/** A MetricStat query, validated. */
interface StatQuery {
  id: string
  label: string
  returnData: boolean
  namespace: string | undefined
  metricName: string | undefined
  dimensions: Array<{ name: string; value: string }>
  periodMs: number
  stat: string
  unit: string | undefined
  accountId: string | undefined
}

/** Checks the queries like AWS (every problem, one line each) and returns them. */
function checkQueries(raw: unknown): StatQuery[] {
  if (raw === undefined || raw === null) missing('MetricDataQueries')
  if (!Array.isArray(raw)) validation('The parameter MetricDataQueries must be a list.')
  if (raw.length === 0) validation('The collection MetricDataQueries must not be empty.')
  if (raw.length > MAX_METRIC_DATA_QUERIES)
    validation(
      `The collection MetricDataQueries must not have a size greater than ${MAX_METRIC_DATA_QUERIES}.`
    )
  const problems: string[] = []
  const out: StatQuery[] = []
  const seen = new Set<string>()
  let duplicate = false
  raw.forEach((q: unknown, i) => {
    const at = `MetricDataQueries.member.${i + 1}`
    if (typeof q !== 'object' || q === null || Array.isArray(q)) {
      problems.push(`The parameter ${at} must be a structure.`)
      return
    }
    const o = q as Params
    const id = o.Id
    if (typeof id !== 'string' || id === '') {
      problems.push(`The parameter ${at}.Id is required.`)
      return
    }
    if (!ID_RE.test(id) || id.length > 255)
      problems.push(
        `The value ${id} for parameter ${at}.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.`
      )
    if (seen.has(id)) duplicate = true
    seen.add(id)
    const hasExpr = o.Expression !== undefined && o.Expression !== null
    const ms = o.MetricStat
    const hasStat = ms !== undefined && ms !== null
    if (hasExpr && hasStat) {
      problems.push(
        `The parameters ${at}.Expression and ${at}.MetricStat are mutually exclusive and you have specified both.`
      )
      return
    }
    if (!hasExpr && !hasStat) {
      problems.push(`Exactly one of ${at}.Expression and ${at}.MetricStat must be specified.`)
      return
    }
    if (hasExpr) {
      problems.push(
        `${at}.Expression: metric math and Metrics Insights queries are not supported by the simulator (use MetricStat).`
      )
      return
    }
    if (typeof ms !== 'object' || Array.isArray(ms)) {
      problems.push(`The parameter ${at}.MetricStat must be a structure.`)
      return
    }
    const s = ms as Params
    const metric = s.Metric
    if (typeof metric !== 'object' || metric === null || Array.isArray(metric)) {
      problems.push(`The parameter ${at}.MetricStat.Metric is required.`)
      return
    }
    const m = metric as Params
    const dims: StatQuery['dimensions'] = []
    if (m.Dimensions !== undefined && m.Dimensions !== null) {
      if (!Array.isArray(m.Dimensions) || m.Dimensions.length > 30)
        problems.push(
          `The parameter ${at}.MetricStat.Metric.Dimensions must be a list of at most 30.`
        )
      else
        m.Dimensions.forEach((d: unknown, j) => {
          const dn = (d as Params | null)?.Name
          const dv = (d as Params | null)?.Value
          if (typeof dn !== 'string' || dn === '' || typeof dv !== 'string' || dv === '')
            problems.push(
              `The parameters ${at}.MetricStat.Metric.Dimensions.member.${j + 1}.Name and Value are required.`
            )
          else dims.push({ name: dn, value: dv })
        })
    }
    const period = s.Period
    if (period === undefined || period === null)
      problems.push(`The parameter ${at}.MetricStat.Period is required.`)
    else if (
      typeof period !== 'number' ||
      !Number.isInteger(period) ||
      period < 60 ||
      period % 60 !== 0
    )
      problems.push(
        `The value ${String(period)} for parameter ${at}.MetricStat.Period is not valid: it must be a multiple of 60 (ELB metrics are standard resolution).`
      )
    const stat = s.Stat
    if (typeof stat !== 'string' || stat === '')
      problems.push(`The parameter ${at}.MetricStat.Stat is required.`)
    else if (UNSUPPORTED_STAT_RE.test(stat))
      problems.push(
        `The value ${stat} for parameter ${at}.MetricStat.Stat is a statistic the simulator does not compute (use SampleCount, Average, Sum, Minimum, Maximum or pNN).`
      )
    else if (!(BASIC_STATS as readonly string[]).includes(stat) && !PERCENTILE_RE.test(stat))
      problems.push(
        `The value ${stat} for parameter ${at}.MetricStat.Stat is not a valid statistic.`
      )
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
    const metricName = str(m.MetricName)
    out.push({
      id,
      label: str(o.Label) ?? metricName ?? id,
      returnData: o.ReturnData !== false,
      namespace: str(m.Namespace),
      metricName,
      dimensions: dims,
      periodMs: typeof period === 'number' ? period * 1000 : MINUTE,
      stat: typeof stat === 'string' ? stat : 'Average',
      unit: str(s.Unit),
      accountId: str(o.AccountId)
    })
  })
  if (duplicate) problems.push('The values for parameter id in MetricDataQueries are not unique.')
  if (problems.length > 0) validation(problems.join('\n'))
  return out
}

/** Target groups by their `TargetGroup` dimension value (`targetgroup/<name>/<id>`), per world. */
const dimensionIndex = new WeakMap<World, Map<string, TargetGroupEntry>>()

function groupByDimension(world: World, value: string): TargetGroupEntry | undefined {
  let index = dimensionIndex.get(world)
  if (!index) {
    index = new Map(world.targetGroups.map(g => [g.arn.slice(g.arn.lastIndexOf(':') + 1), g]))
    dimensionIndex.set(world, index)
  }
  return index.get(value)
}

/**
 * The target group a query's metric is published for, or undefined when the metric does not
 * exist: the namespace of the group's load balancer type, a health metric name, and exactly the
 * dimensions `TargetGroup` and `LoadBalancer` (the per-group metric; `TargetGroup` alone, or with
 * `AvailabilityZone`, has no data in the simulator).
 */
function publishedGroup(world: World, q: StatQuery): TargetGroupEntry | undefined {
  if (!(HEALTH_METRICS as readonly string[]).includes(q.metricName ?? '')) return undefined
  if (q.dimensions.length !== 2) return undefined
  const tg = q.dimensions.find(d => d.name === 'TargetGroup')
  const lb = q.dimensions.find(d => d.name === 'LoadBalancer')
  if (!tg || !lb) return undefined
  const g = groupByDimension(world, tg.value)
  if (!g || !g.lbArn || !g.spec.metrics) return undefined
  const lbDim = g.lbArn.slice(g.lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length)
  if (lb.value !== lbDim) return undefined
  if (q.namespace !== NAMESPACE_OF_LB_TYPE[lbDim.slice(0, lbDim.indexOf('/'))]) return undefined
  return g
}

/** One query's datapoints: `count` buckets `t0 + k·period` (k = 0…count-1), each `value`. */
interface Series {
  t0: number
  periodMs: number
  count: number
  /** Value of bucket k. */
  at(k: number): number
}

const EMPTY: Series = { t0: 0, periodMs: MINUTE, count: 0, at: () => 0 }

/**
 * The datapoints of a query over [start, end) at `now`: one per period from `start` up to the
 * group's latest published minute (the start of the minute `metricsLagMinutes` before now), each
 * the group's current number of healthy (or unhealthy) targets; Sum and SampleCount count one
 * sample per published minute of the bucket.
 */
function seriesFor(world: World, q: StatQuery, start: number, end: number, now: number): Series {
  if (q.unit !== undefined && q.unit !== 'Count') return EMPTY
  if (q.accountId !== undefined && q.accountId !== world.scenario.accountId) return EMPTY
  const g = publishedGroup(world, q)
  if (!g) return EMPTY
  const latest = floorTo(now - g.spec.metricsLagMinutes * MINUTE, MINUTE)
  const p = q.periodMs
  if (latest < start) return EMPTY
  const count = Math.min(Math.floor((latest - start) / p), Math.ceil((end - start) / p) - 1) + 1
  if (count <= 0) return EMPTY
  const want = q.metricName === 'HealthyHostCount' ? 'healthy' : 'unhealthy'
  const value = g.spec.targets.filter(t => t.state === want).length
  const lastMinute = Math.min(latest, Math.ceil(end / MINUTE) * MINUTE - MINUTE)
  const samples = (k: number) => {
    const t = start + k * p
    return (Math.min(t + p - MINUTE, lastMinute) - t) / MINUTE + 1
  }
  const at =
    q.stat === 'Sum'
      ? (k: number) => value * samples(k)
      : q.stat === 'SampleCount'
        ? samples
        : () => value
  return { t0: start, periodMs: p, count, at }
}

/** A min-heap of (key, index) pairs; ties by index. */
class Heap {
  private readonly keys: number[] = []
  private readonly idx: number[] = []
  get size(): number {
    return this.keys.length
  }
  private less(a: number, b: number): boolean {
    const ka = this.keys[a] as number
    const kb = this.keys[b] as number
    return ka < kb || (ka === kb && (this.idx[a] as number) < (this.idx[b] as number))
  }
  private swap(a: number, b: number): void {
    const k = this.keys[a] as number
    this.keys[a] = this.keys[b] as number
    this.keys[b] = k
    const i = this.idx[a] as number
    this.idx[a] = this.idx[b] as number
    this.idx[b] = i
  }
  push(key: number, index: number): void {
    this.keys.push(key)
    this.idx.push(index)
    let c = this.keys.length - 1
    while (c > 0) {
      const parent = (c - 1) >> 1
      if (!this.less(c, parent)) break
      this.swap(c, parent)
      c = parent
    }
  }
  peek(): { key: number; index: number } | undefined {
    return this.keys.length === 0
      ? undefined
      : { key: this.keys[0] as number, index: this.idx[0] as number }
  }
  pop(): { key: number; index: number } | undefined {
    const top = this.peek()
    if (!top) return undefined
    const lastKey = this.keys.pop() as number
    const lastIdx = this.idx.pop() as number
    if (this.keys.length > 0) {
      this.keys[0] = lastKey
      this.idx[0] = lastIdx
      let c = 0
      for (;;) {
        const l = 2 * c + 1
        const r = l + 1
        let m = c
        if (l < this.keys.length && this.less(l, m)) m = l
        if (r < this.keys.length && this.less(r, m)) m = r
        if (m === c) break
        this.swap(c, m)
        c = m
      }
    }
    return top
  }
}

/** GetMetricData's paging state: the request's fingerprint, the pinned clock, the next datapoint. */
interface Cursor {
  /** Fingerprint of the queries, times and order the token belongs to. */
  f: string
  /** Clock (epoch ms) of the first page: later pages see the same datapoints. */
  n: number
  /** Timestamp (epoch ms) and query index of the next datapoint. */
  t: number
  q: number
}

function fingerprint(params: Params): string {
  const basis = JSON.stringify([
    params.MetricDataQueries,
    params.StartTime,
    params.EndTime,
    params.ScanBy ?? SCAN_BY[0]
  ])
  return createHash('sha1').update(basis).digest('hex').slice(0, 16)
}

function getMetricData(params: Params, world: World): unknown {
  if (params.MetricDataQueries === undefined || params.MetricDataQueries === null)
    missing('MetricDataQueries')
  const startRaw = timestamp(params, 'StartTime')
  const end = timestamp(params, 'EndTime')
  const queries = checkQueries(params.MetricDataQueries)
  if (startRaw === end) validation('The parameter StartTime must not equal parameter EndTime.')
  if (startRaw > end) validation('The parameter StartTime must be less than the parameter EndTime.')
  const scanBy = params.ScanBy ?? SCAN_BY[0]
  if (typeof scanBy !== 'string' || !(SCAN_BY as readonly string[]).includes(scanBy))
    validation(
      `1 validation error detected: Value '${String(scanBy)}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [${SCAN_BY.join(', ')}]`
    )
  const ascending = scanBy === 'TimestampAscending'
  const maxRaw = params.MaxDatapoints
  if (
    maxRaw !== undefined &&
    maxRaw !== null &&
    (typeof maxRaw !== 'number' || !Number.isInteger(maxRaw) || maxRaw < 1)
  )
    validation(
      `The value ${String(maxRaw)} for parameter MaxDatapoints must be a positive integer.`
    )
  const maxPoints = Math.min(typeof maxRaw === 'number' ? maxRaw : MAX_DATAPOINTS, MAX_DATAPOINTS)

  const fp = fingerprint(params)
  let cursor: Cursor | undefined
  const token = params.NextToken
  if (token !== undefined && token !== null && token !== '') {
    if (typeof token !== 'string') invalidToken()
    const d = decodeToken('GetMetricData', token)
    if (
      !d ||
      d.f !== fp ||
      typeof d.n !== 'number' ||
      typeof d.t !== 'number' ||
      typeof d.q !== 'number'
    )
      invalidToken()
    cursor = { f: fp, n: d.n, t: d.t, q: d.q }
  }
  const now = cursor?.n ?? world.now
  // AWS rounds StartTime down by its age: to the minute (< 15 days), 5 minutes (< 63 days), hour.
  const age = now - startRaw
  const start = floorTo(
    startRaw,
    age < 15 * DAY ? MINUTE : age < 63 * DAY ? 5 * MINUTE : 60 * MINUTE
  )

  const returned = queries.filter(q => q.returnData)
  const series = returned.map(q => seriesFor(world, q, start, end, now))
  // Position of each query's next datapoint (k: bucket index), from the cursor; heap keys sort
  // ascending, so descending order uses negated timestamps.
  const heap = new Heap()
  const next: number[] = series.map((s, i) => {
    if (s.count === 0) return -1
    let k: number
    if (!cursor) k = ascending ? 0 : s.count - 1
    else {
      const rel = (cursor.t - s.t0) / s.periodMs
      if (ascending) k = i >= cursor.q ? Math.ceil(rel) : Math.floor(rel) + 1
      else k = i >= cursor.q ? Math.floor(rel) : Math.ceil(rel) - 1
      k = Math.max(0, Math.min(s.count - 1, k))
      const t = s.t0 + k * s.periodMs
      const before = ascending
        ? t < cursor.t || (t === cursor.t && i < cursor.q)
        : t > cursor.t || (t === cursor.t && i < cursor.q)
      if (before) return -1
    }
    return k
  })
  next.forEach((k, i) => {
    const s = series[i] as Series
    if (k >= 0) heap.push(ascending ? s.t0 + k * s.periodMs : -(s.t0 + k * s.periodMs), i)
  })
  const timestamps: number[][] = series.map(() => [])
  const values: number[][] = series.map(() => [])
  for (let emitted = 0; emitted < maxPoints; emitted++) {
    const top = heap.pop()
    if (!top) break
    const i = top.index
    const s = series[i] as Series
    const k = next[i] as number
    timestamps[i]?.push((s.t0 + k * s.periodMs) / 1000)
    values[i]?.push(s.at(k))
    const k2 = ascending ? k + 1 : k - 1
    if (k2 >= 0 && k2 < s.count) {
      next[i] = k2
      heap.push(ascending ? s.t0 + k2 * s.periodMs : -(s.t0 + k2 * s.periodMs), i)
    } else next[i] = -1
  }
  const pending = new Set<number>()
  for (let i = 0; i < series.length; i++) if ((next[i] as number) >= 0) pending.add(i)
  const head = heap.peek()
  const out: Record<string, unknown> = {
    MetricDataResults: returned.map((q, i) => ({
      Id: q.id,
      Label: q.label,
      Timestamps: timestamps[i],
      Values: values[i],
      StatusCode: pending.has(i) ? 'PartialData' : 'Complete'
    })),
    Messages: []
  }
  if (head) {
    const c: Cursor = {
      f: fp,
      n: now,
      t: ascending ? head.key : -head.key,
      q: head.index
    }
    out.NextToken = encodeToken('GetMetricData', { ...c })
  }
  return out
}

type Handler = (params: Params, world: World) => unknown

const handlers: Record<string, Handler> = { GetMetricData: getMetricData }

/** CloudWatch operation names the simulator implements. */
export const CLOUDWATCH_OPERATIONS = Object.keys(handlers)

/** Runs a CloudWatch operation; throws SimError (with awsQuery codes) for API errors. */
export function handleCloudwatch(op: string, params: Params, world: World): unknown {
  const h = handlers[op]
  if (!h) throw new SimError('UnknownOperationException', `Unknown operation ${op}`)
  return h(params, world)
}
