/**
 * Client-side rate limiting of AWS requests: token buckets per API (ECS, ELBv2, CloudWatch Logs,
 * CloudWatch),
 * installed as SDK middleware, so that one run never exceeds the account's request quotas by
 * itself. The quotas are per account and region and shared by every tool in the account:
 * CloudWatch Logs `FilterLogEvents` allows about 5 requests/s (hard, not raisable), the ELBv2
 * `Describe*` actions share a bucket of 40 refilled at 10/s, the ECS read actions about 20/s
 * sustained with bursts of 50.
 *
 * The middleware sits in the `finalizeRequest` step after the SDK's retry middleware and before
 * signing: it runs once per **attempt** (AWS counts every HTTP request, retries included, against
 * the quota) and a request is signed only when it may leave (a long wait cannot stale the
 * signature). A throttling reply empties the bucket of that operation, so what follows goes at
 * the sustained rate instead of bursting into a quota that someone else is using.
 */
import type {
  FinalizeHandlerArguments,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  MetadataBearer,
  MiddlewareStack
} from '@smithy/types'

/** A token bucket: `rps` tokens added per second, at most `burst` kept. */
export interface RateLimit {
  rps: number
  burst: number
}

/** The limits of one API (one SDK client). */
export interface ApiRateLimits {
  /**
   * Buckets shared by a family of operations, as AWS quotas often are (ECS "service read
   * actions", ELBv2 `Describe*`). `operations: '*'` covers every operation of the API.
   */
  groups?: Record<string, RateLimit & { operations: readonly string[] | '*' }>
  /** Limit of each operation in no group, one bucket per operation; absent: not limited. */
  perOperation?: RateLimit
}

/** Limits per API; `false` turns an API's limiter off. */
export interface RateLimits {
  ecs: ApiRateLimits | false
  elbv2: ApiRateLimits | false
  logs: ApiRateLimits | false
  cloudwatch: ApiRateLimits | false
}

/**
 * Defaults from the documented quotas, each a little under AWS's own bucket (about 90% of the
 * rate and burst; 80% for FilterLogEvents), so that network jitter cannot bunch our requests
 * past the server's bucket and some of the shared quota stays for other tools.
 * - ECS (request-throttling.html): token buckets per action family, ~20/s sustained, burst 50.
 * - ELBv2 (elb-api-throttling.html): non-mutating `Describe*` actions, bucket 40, refill 10/s.
 * - CloudWatch Logs: FilterLogEvents 5 TPS per account and region (hard limit); the other read
 *   actions have quotas of the same order.
 * - CloudWatch: GetMetricData 50 TPS per account and region.
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = {
  ecs: {
    groups: {
      'cluster-read': { rps: 18, burst: 45, operations: ['DescribeClusters', 'ListClusters'] },
      'service-read': { rps: 18, burst: 45, operations: ['DescribeServices', 'ListServices'] },
      'task-read': {
        rps: 18,
        burst: 45,
        operations: ['DescribeTasks', 'ListTasks', 'DescribeContainerInstances']
      }
    },
    perOperation: { rps: 18, burst: 45 }
  },
  elbv2: { groups: { describe: { rps: 9, burst: 36, operations: '*' } } },
  logs: { perOperation: { rps: 4, burst: 4 } },
  cloudwatch: { perOperation: { rps: 45, burst: 45 } }
}

/**
 * Scales every rate and burst (e.g. 0.5 to use half of the documented quotas when several
 * schedules share an account); bursts stay at least 1.
 */
export function scaleRateLimits(limits: RateLimits, factor: number): RateLimits {
  if (!(factor > 0) || !Number.isFinite(factor))
    throw new RangeError(`rate limit factor must be > 0, got ${factor}`)
  const scale = (l: RateLimit): RateLimit => ({
    rps: l.rps * factor,
    burst: Math.max(1, Math.floor(l.burst * factor))
  })
  const api = (a: ApiRateLimits | false): ApiRateLimits | false =>
    a === false
      ? false
      : {
          ...(a.groups
            ? {
                groups: Object.fromEntries(
                  Object.entries(a.groups).map(([k, g]) => [
                    k,
                    { ...scale(g), operations: g.operations }
                  ])
                )
              }
            : {}),
          ...(a.perOperation ? { perOperation: scale(a.perOperation) } : {})
        }
  return {
    ecs: api(limits.ecs),
    elbv2: api(limits.elbv2),
    logs: api(limits.logs),
    cloudwatch: api(limits.cloudwatch)
  }
}

/** Time source of the buckets; injected by tests so that nothing really waits. */
export interface LimiterClock {
  /** Monotonic time in ms. */
  now(): number
  sleep(ms: number): Promise<void>
}

export const SYSTEM_CLOCK: LimiterClock = {
  now: () => performance.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}

function checkLimit(l: RateLimit, what: string): void {
  if (!(l.rps > 0) || !Number.isFinite(l.rps))
    throw new RangeError(`${what}: rps must be > 0, got ${l.rps}`)
  if (!(l.burst >= 1) || !Number.isFinite(l.burst))
    throw new RangeError(`${what}: burst must be >= 1, got ${l.burst}`)
}

/**
 * A token bucket that hands out tokens in the order they were asked for: each `take()` reserves
 * the next token (the count may go below zero, one per waiter) and sleeps until it is due.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    readonly limit: RateLimit,
    private readonly clock: LimiterClock = SYSTEM_CLOCK
  ) {
    checkLimit(limit, 'rate limit')
    this.tokens = limit.burst
    this.last = clock.now()
  }

  private refill(): void {
    const now = this.clock.now()
    if (now > this.last) {
      this.tokens = Math.min(
        this.limit.burst,
        this.tokens + ((now - this.last) / 1000) * this.limit.rps
      )
      this.last = now
    }
  }

  /** Tokens available now (negative: requests waiting). */
  available(): number {
    this.refill()
    return this.tokens
  }

  /** Waits for a token; resolves with the ms waited (0 when one was there). */
  async take(): Promise<number> {
    this.refill()
    this.tokens -= 1
    if (this.tokens >= 0) return 0
    const wait = Math.ceil((-this.tokens / this.limit.rps) * 1000)
    await this.clock.sleep(wait)
    return wait
  }

  /** Drops the saved burst (after a throttling reply); queued reservations keep their turn. */
  drain(): void {
    this.refill()
    this.tokens = Math.min(this.tokens, 0)
  }
}

/** Counters of a limiter, for logs and benchmarks. */
export interface RateLimiterStats {
  /** Attempts that went through the limiter. */
  requests: number
  /** Attempts that had to wait, and how long in total (ms). */
  delayed: number
  waitedMs: number
  /** Throttling replies seen. */
  throttled: number
}

/** The buckets of one API: operation name → its bucket (shared within a group). */
export class ApiRateLimiter {
  private readonly buckets = new Map<string, TokenBucket | null>()
  private readonly groups: { bucket: TokenBucket; operations: readonly string[] | '*' }[]
  readonly stats: RateLimiterStats = { requests: 0, delayed: 0, waitedMs: 0, throttled: 0 }

  constructor(
    private readonly limits: ApiRateLimits,
    private readonly clock: LimiterClock = SYSTEM_CLOCK
  ) {
    this.groups = Object.entries(limits.groups ?? {}).map(([name, g]) => {
      checkLimit(g, `rate limit group ${name}`)
      return {
        bucket: new TokenBucket({ rps: g.rps, burst: g.burst }, clock),
        operations: g.operations
      }
    })
    if (limits.perOperation) checkLimit(limits.perOperation, 'perOperation rate limit')
  }

  /** The bucket of an operation; `undefined` when it is not limited. */
  bucketFor(operation: string): TokenBucket | undefined {
    let b = this.buckets.get(operation)
    if (b === undefined) {
      const group = this.groups.find(g => g.operations === '*' || g.operations.includes(operation))
      b =
        group?.bucket ??
        (this.limits.perOperation ? new TokenBucket(this.limits.perOperation, this.clock) : null)
      this.buckets.set(operation, b)
    }
    return b ?? undefined
  }

  /** Waits until the operation may send a request; resolves with the ms waited. */
  async acquire(operation: string): Promise<number> {
    this.stats.requests++
    const waited = (await this.bucketFor(operation)?.take()) ?? 0
    if (waited > 0) {
      this.stats.delayed++
      this.stats.waitedMs += waited
    }
    return waited
  }

  /** Records a throttling reply: the operation's bucket loses its burst. */
  throttled(operation: string): void {
    this.stats.throttled++
    this.bucketFor(operation)?.drain()
  }
}

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException'
])

/** True for an AWS throttling reply (by error code, or HTTP 429). */
export function isThrottlingError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
  return THROTTLING_CODES.has(e.name ?? '') || e.$metadata?.httpStatusCode === 429
}

/** `DescribeServicesCommand` → `DescribeServices`. */
export function operationOf(context: HandlerExecutionContext): string {
  const name = typeof context.commandName === 'string' ? context.commandName : 'Unknown'
  return name.endsWith('Command') ? name.slice(0, -'Command'.length) : name
}

export const RATE_LIMIT_MIDDLEWARE = 'awsEcsMonitorRateLimitMiddleware'

/** The middleware: take a token before each attempt, note throttling replies. */
export function rateLimitMiddleware<Input extends object, Output extends MetadataBearer>(
  limiter: ApiRateLimiter
): FinalizeRequestMiddleware<Input, Output> {
  return (next, context) => async (args: FinalizeHandlerArguments<Input>) => {
    const operation = operationOf(context)
    await limiter.acquire(operation)
    try {
      return await next(args)
    } catch (err) {
      if (isThrottlingError(err)) limiter.throttled(operation)
      throw err
    }
  }
}

/**
 * Installs a limiter on a client: after the retry middleware (so once per attempt) and before
 * signing. Returns the limiter, whose `stats` count what it did.
 */
export function installRateLimiter<Input extends object, Output extends MetadataBearer>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  limits: ApiRateLimits,
  clock: LimiterClock = SYSTEM_CLOCK
): ApiRateLimiter {
  const limiter = new ApiRateLimiter(limits, clock)
  client.middlewareStack.addRelativeTo(rateLimitMiddleware<Input, Output>(limiter), {
    name: RATE_LIMIT_MIDDLEWARE,
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
    override: true
  })
  return limiter
}
