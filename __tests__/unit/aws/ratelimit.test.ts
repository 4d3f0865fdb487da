/**
 * The client-side rate limiter: token buckets on an injected clock (nothing really waits), the
 * grouping of operations into buckets, and the SDK middleware on a real client whose HTTP handler
 * is a stub: one token per attempt (retries included), taken before the request is signed, and a
 * throttling reply drains the bucket.
 */
import { describe, expect, it } from '@jest/globals'
import { ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs'
import { clientOptions, createClients } from '../../../src/aws/clients.js'
import {
  ApiRateLimiter,
  DEFAULT_RATE_LIMITS,
  RATE_LIMIT_MIDDLEWARE,
  TokenBucket,
  installRateLimiter,
  isThrottlingError,
  operationOf,
  scaleRateLimits,
  type LimiterClock
} from '../../../src/aws/ratelimit.js'

/** A clock that moves only when told; sleepers wake when their time has come. */
class FakeClock implements LimiterClock {
  t = 1_000
  private sleepers: { until: number; wake: () => void }[] = []
  readonly slept: number[] = []
  now(): number {
    return this.t
  }
  sleep(ms: number): Promise<void> {
    this.slept.push(ms)
    return new Promise(resolve => this.sleepers.push({ until: this.t + ms, wake: resolve }))
  }
  /** Advances time and lets every due sleeper (and what it awaits next) run. */
  async advance(ms: number): Promise<void> {
    this.t += ms
    const due = this.sleepers.filter(s => s.until <= this.t)
    this.sleepers = this.sleepers.filter(s => s.until > this.t)
    for (const s of due) s.wake()
    await flush()
  }
  get waiting(): number {
    return this.sleepers.length
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

describe('TokenBucket', () => {
  it('serves the burst at once, then one token per 1/rps, in the order asked', async () => {
    const clock = new FakeClock()
    const b = new TokenBucket({ rps: 4, burst: 2 }, clock)
    const done: number[] = []
    const takes = [0, 1, 2, 3, 4].map(i => b.take().then(w => done.push(i) && w))
    await flush()
    expect(done).toEqual([0, 1])
    expect(clock.slept).toEqual([250, 500, 750])
    await clock.advance(249)
    expect(done).toEqual([0, 1])
    await clock.advance(1)
    expect(done).toEqual([0, 1, 2])
    await clock.advance(500)
    expect(done).toEqual([0, 1, 2, 3, 4])
    expect(await Promise.all(takes)).toEqual([0, 0, 250, 500, 750])
  })

  it('refills at rps up to the burst, never beyond', async () => {
    const clock = new FakeClock()
    const b = new TokenBucket({ rps: 10, burst: 3 }, clock)
    for (let i = 0; i < 3; i++) await b.take()
    expect(b.available()).toBe(0)
    clock.t += 150
    expect(b.available()).toBeCloseTo(1.5)
    clock.t += 60_000
    expect(b.available()).toBe(3)
  })

  it('drain drops the saved burst but keeps queued turns', async () => {
    const clock = new FakeClock()
    const b = new TokenBucket({ rps: 2, burst: 5 }, clock)
    expect(await b.take()).toBe(0)
    b.drain()
    expect(b.available()).toBe(0)
    const next = b.take()
    await flush()
    expect(clock.slept).toEqual([500])
    await clock.advance(500)
    expect(await next).toBe(500)
  })

  it('rejects limits that cannot work', () => {
    expect(() => new TokenBucket({ rps: 0, burst: 1 })).toThrow(/rps must be > 0/)
    expect(() => new TokenBucket({ rps: 1, burst: 0.5 })).toThrow(/burst must be >= 1/)
  })
})

describe('ApiRateLimiter', () => {
  it('shares a group bucket among its operations and gives others their own', async () => {
    const clock = new FakeClock()
    const l = new ApiRateLimiter(
      {
        groups: { read: { rps: 1, burst: 1, operations: ['DescribeServices', 'ListServices'] } },
        perOperation: { rps: 1, burst: 1 }
      },
      clock
    )
    expect(l.bucketFor('DescribeServices')).toBe(l.bucketFor('ListServices'))
    expect(l.bucketFor('ListTasks')).not.toBe(l.bucketFor('DescribeTasks'))
    expect(await l.acquire('DescribeServices')).toBe(0)
    expect(await l.acquire('ListTasks')).toBe(0)
    expect(await l.acquire('DescribeTasks')).toBe(0)
    const waiting = l.acquire('ListServices')
    await flush()
    expect(clock.waiting).toBe(1)
    await clock.advance(1000)
    expect(await waiting).toBe(1000)
    expect(l.stats).toEqual({ requests: 4, delayed: 1, waitedMs: 1000, throttled: 0 })
  })

  it("'*' covers every operation; without perOperation other operations are not limited", async () => {
    const all = new ApiRateLimiter({ groups: { any: { rps: 1, burst: 1, operations: '*' } } })
    expect(all.bucketFor('A')).toBe(all.bucketFor('B'))
    const some = new ApiRateLimiter({ groups: { g: { rps: 1, burst: 1, operations: ['A'] } } })
    expect(some.bucketFor('B')).toBeUndefined()
    expect(await some.acquire('B')).toBe(0)
  })

  it('the defaults stay under the documented quotas', () => {
    const ecs = DEFAULT_RATE_LIMITS.ecs as Exclude<typeof DEFAULT_RATE_LIMITS.ecs, false>
    for (const g of Object.values(ecs.groups ?? {})) {
      expect(g.rps).toBeLessThan(20)
      expect(g.burst).toBeLessThan(50)
    }
    const elb = new ApiRateLimiter(DEFAULT_RATE_LIMITS.elbv2 || {})
    expect(elb.bucketFor('DescribeTargetHealth')).toBe(elb.bucketFor('DescribeTargetGroups'))
    expect(elb.bucketFor('DescribeTargetHealth')?.limit).toEqual({ rps: 9, burst: 36 })
    const logs = new ApiRateLimiter(DEFAULT_RATE_LIMITS.logs || {})
    expect(logs.bucketFor('FilterLogEvents')?.limit).toEqual({ rps: 4, burst: 4 })
  })

  it('scaleRateLimits scales rates and bursts, keeping bursts at least 1', () => {
    const half = scaleRateLimits(DEFAULT_RATE_LIMITS, 0.5)
    expect(new ApiRateLimiter(half.logs || {}).bucketFor('FilterLogEvents')?.limit).toEqual({
      rps: 2,
      burst: 2
    })
    const tiny = scaleRateLimits(DEFAULT_RATE_LIMITS, 0.01)
    expect(new ApiRateLimiter(tiny.elbv2 || {}).bucketFor('X')?.limit.burst).toBe(1)
    expect(() => scaleRateLimits(DEFAULT_RATE_LIMITS, 0)).toThrow(RangeError)
  })

  it('clientOptions maps the rate-limit setting onto the clients', () => {
    const base = { region: 'us-east-1', maxAttempts: 3, awsTimeoutMs: 1000 }
    expect(clientOptions({ ...base, rateLimit: 'default' })).not.toHaveProperty('rateLimits')
    expect(clientOptions({ ...base, rateLimit: 'off' }).rateLimits).toBe(false)
    const half = clientOptions({ ...base, rateLimit: 0.5 }).rateLimits
    expect(half && half.logs ? half.logs.perOperation : undefined).toEqual({ rps: 2, burst: 2 })
    expect(clientOptions({ ...base, rateLimit: 'off' })).toMatchObject({
      region: 'us-east-1',
      maxAttempts: 3,
      requestTimeoutMs: 1000
    })
  })
})

describe('helpers', () => {
  it('recognizes throttling replies by code or HTTP 429', () => {
    expect(isThrottlingError(Object.assign(new Error('x'), { name: 'ThrottlingException' }))).toBe(
      true
    )
    expect(isThrottlingError({ name: 'Throttling' })).toBe(true)
    expect(isThrottlingError({ name: 'X', $metadata: { httpStatusCode: 429 } })).toBe(true)
    expect(isThrottlingError({ name: 'AccessDeniedException' })).toBe(false)
    expect(isThrottlingError(undefined)).toBe(false)
  })

  it('names the operation from the command', () => {
    expect(operationOf({ commandName: 'FilterLogEventsCommand' })).toBe('FilterLogEvents')
    expect(operationOf({})).toBe('Unknown')
  })
})

/** An HTTP handler stub: replies from a list, recording what reached it. */
function stubHandler(
  replies: { status: number; body: unknown; headers?: Record<string, string> }[],
  seen: { at: number; headers: Record<string, string> }[],
  clock: FakeClock
) {
  return {
    handle: async (request: { headers: Record<string, string> }) => {
      seen.push({ at: clock.now(), headers: { ...request.headers } })
      const r = replies[Math.min(seen.length - 1, replies.length - 1)] ?? replies[0]
      const text = JSON.stringify(r?.body ?? {})
      return {
        response: {
          statusCode: r?.status ?? 200,
          reason: '',
          headers: { 'content-type': 'application/x-amz-json-1.1', ...r?.headers },
          body: new TextEncoder().encode(text)
        }
      }
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({})
  }
}

function ecsWith(handler: ReturnType<typeof stubHandler>, maxAttempts: number): ECSClient {
  return new ECSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    endpoint: 'http://127.0.0.1:9',
    maxAttempts,
    requestHandler: handler as never
  })
}

const throttled = {
  status: 400,
  body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
  headers: { 'x-amzn-errortype': 'ThrottlingException' }
}
const unavailable = {
  status: 503,
  body: { __type: 'ServiceUnavailableException', message: 'down' },
  headers: { 'x-amzn-errortype': 'ServiceUnavailableException' }
}

describe('rate limit middleware on an SDK client', () => {
  it('sits after the retry middleware and before signing', () => {
    const clock = new FakeClock()
    const client = ecsWith(stubHandler([{ status: 200, body: {} }], [], clock), 1)
    installRateLimiter(client, { perOperation: { rps: 1, burst: 1 } }, clock)
    const order = client.middlewareStack.identify().map(s => s.split(' ')[0])
    const at = (n: string | undefined) => order.indexOf(n ?? '')
    expect(at('retryMiddleware')).toBeLessThan(at(RATE_LIMIT_MIDDLEWARE))
    expect(at(RATE_LIMIT_MIDDLEWARE)).toBeLessThan(at('httpSigningMiddleware'))
  })

  it('holds a request until its token is due, then signs and sends it', async () => {
    const clock = new FakeClock()
    const seen: { at: number; headers: Record<string, string> }[] = []
    const client = ecsWith(
      stubHandler([{ status: 200, body: { serviceArns: [] } }], seen, clock),
      1
    )
    const limiter = installRateLimiter(client, { perOperation: { rps: 2, burst: 1 } }, clock)
    await client.send(new ListServicesCommand({ cluster: 'prod' }))
    const second = client.send(new ListServicesCommand({ cluster: 'prod' }))
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(seen).toHaveLength(1)
    expect(clock.waiting).toBe(1)
    await clock.advance(500)
    await second
    expect(seen).toHaveLength(2)
    expect(seen[1]?.at).toBe(clock.t)
    expect(seen[1]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256/)
    expect(limiter.stats).toMatchObject({ requests: 2, delayed: 1, waitedMs: 500 })
  })

  it('takes one token per attempt, retries included', async () => {
    const clock = new FakeClock()
    const seen: { at: number; headers: Record<string, string> }[] = []
    const client = ecsWith(
      stubHandler(
        [unavailable, unavailable, { status: 200, body: { serviceArns: [] } }],
        seen,
        clock
      ),
      3
    )
    const limiter = installRateLimiter(client, { perOperation: { rps: 100, burst: 10 } }, clock)
    await client.send(new ListServicesCommand({ cluster: 'prod' }))
    expect(seen).toHaveLength(3)
    expect(seen.map(s => s.headers['amz-sdk-request'])).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3'
    ])
    expect(limiter.stats.requests).toBe(3)
    expect(limiter.bucketFor('ListServices')?.available()).toBe(7)
  })

  it('a throttling reply drains the bucket of that operation', async () => {
    const clock = new FakeClock()
    const client = ecsWith(stubHandler([throttled], [], clock), 1)
    const limiter = installRateLimiter(client, { perOperation: { rps: 5, burst: 5 } }, clock)
    await expect(client.send(new ListServicesCommand({ cluster: 'prod' }))).rejects.toMatchObject({
      name: 'ThrottlingException'
    })
    expect(limiter.stats.throttled).toBe(1)
    expect(limiter.bucketFor('ListServices')?.available()).toBe(0)
  })
})

describe('createClients', () => {
  it('installs a limiter on each client unless turned off, with adaptive retries', async () => {
    const on = createClients({ region: 'us-east-1', maxAttempts: 2 })
    const off = createClients({ region: 'us-east-1', maxAttempts: 2, rateLimits: false })
    const partial = createClients({
      region: 'us-east-1',
      maxAttempts: 2,
      rateLimits: { logs: false }
    })
    const has = (c: { middlewareStack: { identify(): string[] } }) =>
      c.middlewareStack.identify().some(s => s.startsWith(RATE_LIMIT_MIDDLEWARE))
    expect([has(on.ecs), has(on.elbv2), has(on.logs)]).toEqual([true, true, true])
    expect([has(off.ecs), has(off.elbv2), has(off.logs)]).toEqual([false, false, false])
    expect([has(partial.ecs), has(partial.elbv2), has(partial.logs)]).toEqual([true, true, false])
    expect(await on.ecs.config.retryStrategy()).toMatchObject({ mode: 'adaptive' })
    for (const c of [on, off, partial])
      for (const k of ['ecs', 'elbv2', 'logs'] as const) c[k].destroy()
  })
})
