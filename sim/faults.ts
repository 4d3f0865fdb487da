/**
 * Fault injection: deterministic (seeded) per-operation latency, throttling, 5xx errors, connection
 * resets, hangs, AccessDenied, and a requests-per-second quota (token bucket).
 */
import type { Checker } from './validate.js'
import { hash32, mix2, unit } from './prng.js'

/** Faults for one operation (or, under `default`, for every operation). */
export interface OperationFaults {
  /** Delay before answering, in ms: a fixed number, or `[min, max]` drawn per request. */
  latencyMs?: number | [number, number]
  /** Probability (0–1) of a throttling error (`ThrottlingException` / `Throttling`, "Rate exceeded"). */
  throttleRate?: number
  /** Probability (0–1) of a server error (JSON: 503 `ServiceUnavailableException`; XML: 500 `InternalFailure`). */
  errorRate?: number
  /** Probability (0–1) of destroying the connection without answering. */
  resetRate?: number
  /** Answer every request with AccessDenied; a string replaces the generated message. */
  accessDenied?: boolean | string
  /** Never answer (the connection stays open until the client gives up or the simulator closes). */
  hang?: boolean
  /** Throttle the first N requests of this operation (counted since the faults were set). */
  throttleFirst?: number
  /** Fail the first N requests of this operation with a server error (after `throttleFirst`). */
  errorFirst?: number
  /**
   * Requests-per-second quota as a token bucket (`burst` defaults to `rps`): requests beyond it get
   * a throttling error "Rate exceeded". Real AWS: FilterLogEvents ≈ 5/s per account and region.
   */
  quota?: number | { rps: number; burst?: number }
}

/** Fault configuration: a seed, defaults for every operation, and per-operation overrides. */
export interface FaultConfig {
  /** Seed of the fault PRNG (default 1). The same seed and request order give the same faults. */
  seed?: number
  /** Applied to every operation; fields set under `operations.<Op>` override these field by field. */
  default?: OperationFaults
  /** Per operation name, e.g. `ListServices`, `DescribeTargetHealth`, `FilterLogEvents`. */
  operations?: Record<string, OperationFaults>
}

const FAULT_KEYS = [
  'latencyMs',
  'throttleRate',
  'errorRate',
  'resetRate',
  'accessDenied',
  'hang',
  'throttleFirst',
  'errorFirst',
  'quota'
] as const

/** Validates a fault configuration, recording problems on the checker. Returns a clean copy. */
export function checkFaults(c: Checker, value: unknown, path: string): FaultConfig | undefined {
  const o = c.object(value, path, ['seed', 'default', 'operations'])
  if (!o) return undefined
  const out: FaultConfig = {}
  const seed = c.int(o, 'seed', path)
  if (seed !== undefined) out.seed = seed
  if (o.default !== undefined) out.default = checkOperationFaults(c, o.default, `${path}.default`)
  if (o.operations !== undefined) {
    const ops = c.object(o.operations, `${path}.operations`, null)
    if (ops) {
      out.operations = {}
      for (const [name, f] of Object.entries(ops)) {
        if (!/^[A-Z][A-Za-z0-9]*$/.test(name))
          c.fail(`${path}.operations.${name}`, 'expected an operation name such as "ListServices"')
        out.operations[name] = checkOperationFaults(c, f, `${path}.operations.${name}`)
      }
    }
  }
  return out
}

function checkOperationFaults(c: Checker, value: unknown, path: string): OperationFaults {
  const o = c.object(value, path, FAULT_KEYS)
  const out: OperationFaults = {}
  if (!o) return out
  if (o.latencyMs !== undefined) {
    const v = o.latencyMs
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out.latencyMs = v
    else if (
      Array.isArray(v) &&
      v.length === 2 &&
      v.every(x => typeof x === 'number' && Number.isFinite(x) && x >= 0) &&
      (v[0] as number) <= (v[1] as number)
    )
      out.latencyMs = [v[0] as number, v[1] as number]
    else c.fail(`${path}.latencyMs`, 'expected a number of ms ≥ 0 or [min, max]')
  }
  for (const k of ['throttleRate', 'errorRate', 'resetRate'] as const) {
    const r = c.number(o, k, path, { min: 0, max: 1 })
    if (r !== undefined) out[k] = r
  }
  for (const k of ['throttleFirst', 'errorFirst'] as const) {
    const r = c.int(o, k, path, { min: 0 })
    if (r !== undefined) out[k] = r
  }
  if (o.accessDenied !== undefined) {
    if (typeof o.accessDenied === 'boolean' || typeof o.accessDenied === 'string')
      out.accessDenied = o.accessDenied
    else c.fail(`${path}.accessDenied`, 'expected true/false or a message string')
  }
  const hang = c.bool(o, 'hang', path)
  if (hang !== undefined) out.hang = hang
  if (o.quota !== undefined) {
    const q = o.quota
    if (typeof q === 'number') {
      if (q > 0 && Number.isFinite(q)) out.quota = q
      else c.fail(`${path}.quota`, 'expected requests per second > 0')
    } else {
      const qo = c.object(q, `${path}.quota`, ['rps', 'burst'])
      if (qo) {
        const rps = c.number(qo, 'rps', `${path}.quota`, { required: true, min: 0.001 })
        const burst = c.number(qo, 'burst', `${path}.quota`, { min: 1 })
        if (rps !== undefined) out.quota = burst === undefined ? { rps } : { rps, burst }
      }
    }
  }
  return out
}

/** What to do with one request. */
export type FaultAction =
  | { kind: 'none' }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'throttle'; message: string }
  | { kind: 'error' }
  | { kind: 'accessDenied'; message?: string }

/** The decision for one request: an optional delay, then an action. */
export interface FaultDecision {
  latencyMs: number
  action: FaultAction
}

interface Bucket {
  tokens: number
  last: number
  rps: number
  burst: number
}

/**
 * Decides faults per request. Draws are a pure function of (seed, operation, n-th request of that
 * operation, draw kind), so concurrent traffic on other operations never changes an operation's
 * fault sequence.
 */
export class FaultEngine {
  private readonly seed: number
  private readonly perOp = new Map<string, number>()
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    readonly config: FaultConfig,
    /** Monotonic ms clock for the quota buckets (real time, not the scenario clock). */
    private readonly clock: () => number = () => performance.now()
  ) {
    this.seed = config.seed ?? 1
  }

  /** The merged faults that apply to an operation. */
  faultsFor(op: string): OperationFaults {
    return { ...this.config.default, ...this.config.operations?.[op] }
  }

  /** Decides what happens to the next request of `op`. */
  decide(op: string): FaultDecision {
    const n = (this.perOp.get(op) ?? 0) + 1
    this.perOp.set(op, n)
    const f = this.faultsFor(op)
    const base = mix2(hash32(this.seed, op), n)
    const draw = (salt: number): number => unit(mix2(base, salt))

    let latencyMs = 0
    if (typeof f.latencyMs === 'number') latencyMs = f.latencyMs
    else if (Array.isArray(f.latencyMs)) {
      const [lo, hi] = f.latencyMs
      latencyMs = lo + Math.round(draw(1) * (hi - lo))
    }
    const decision = (action: FaultAction): FaultDecision => ({ latencyMs, action })

    if (f.hang) return decision({ kind: 'hang' })
    if (f.accessDenied)
      return decision(
        typeof f.accessDenied === 'string'
          ? { kind: 'accessDenied', message: f.accessDenied }
          : { kind: 'accessDenied' }
      )
    if (f.throttleFirst !== undefined && n <= f.throttleFirst)
      return decision({ kind: 'throttle', message: 'Rate exceeded' })
    if (f.errorFirst !== undefined && n <= (f.throttleFirst ?? 0) + f.errorFirst)
      return decision({ kind: 'error' })
    if (f.resetRate && draw(2) < f.resetRate) return decision({ kind: 'reset' })
    if (f.quota !== undefined && !this.take(op, f.quota))
      return decision({ kind: 'throttle', message: 'Rate exceeded' })
    if (f.throttleRate && draw(3) < f.throttleRate)
      return decision({ kind: 'throttle', message: 'Rate exceeded' })
    if (f.errorRate && draw(4) < f.errorRate) return decision({ kind: 'error' })
    return decision({ kind: 'none' })
  }

  private take(op: string, quota: NonNullable<OperationFaults['quota']>): boolean {
    const rps = typeof quota === 'number' ? quota : quota.rps
    const burst = typeof quota === 'number' ? quota : (quota.burst ?? quota.rps)
    const now = this.clock()
    let b = this.buckets.get(op)
    if (!b || b.rps !== rps || b.burst !== burst) {
      b = { tokens: burst, last: now, rps, burst }
      this.buckets.set(op, b)
    }
    b.tokens = Math.min(b.burst, b.tokens + ((now - b.last) / 1000) * b.rps)
    b.last = now
    if (b.tokens >= 1) {
      b.tokens -= 1
      return true
    }
    return false
  }
}
