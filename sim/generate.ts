/**
 * Log event sources. A log group is read through one or more {@link LogSource}s, each a sequence
 * of events sorted by timestamp with random access by index. Generated sources compute every
 * event from (seed, index) on demand, so a million events cost no memory until a page is read.
 */
import type { NormalizedGenerator, NormalizedLogGroup } from './scenario.js'
import { mix2, Rng, unit } from './prng.js'

/** A timestamp-sorted sequence of log events with random access. */
export interface LogSource {
  /** Number of events. */
  readonly length: number
  /** Names of the streams events belong to (see {@link LogSource.stream}). */
  readonly streamNames: readonly string[]
  /** Event time (epoch ms); non-decreasing in `i`. */
  ts(i: number): number
  /** Index into `streamNames` of event `i`. */
  stream(i: number): number
  /** The message of event `i`. */
  message(i: number): string
  /** Ingestion time (epoch ms) of event `i`. */
  ingestion(i: number): number
}

/** First index whose timestamp is ≥ t (binary search; `length` when none). */
export function lowerBound(src: LogSource, t: number): number {
  let lo = 0
  let hi = src.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (src.ts(mid) < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index whose timestamp is > t (binary search; `length` when none). */
export function upperBound(src: LogSource, t: number): number {
  let lo = 0
  let hi = src.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (src.ts(mid) <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The explicit events of a log group, all streams merged by time. */
export class ExplicitSource implements LogSource {
  readonly length: number
  readonly streamNames: string[]
  private readonly times: Float64Array
  private readonly streams: Int32Array
  private readonly messages: string[]
  private readonly ingestions: Float64Array

  constructor(group: Pick<NormalizedLogGroup, 'streams'>) {
    this.streamNames = group.streams.map(s => s.name)
    const all: Array<{ t: number; s: number; m: string; g: number }> = []
    group.streams.forEach((s, si) => {
      for (const e of s.events) all.push({ t: e.t, s: si, m: e.message, g: e.ingestionTime })
    })
    all.sort((a, b) => a.t - b.t || a.s - b.s) // stable: keeps each stream's order
    this.length = all.length
    this.times = new Float64Array(all.map(e => e.t))
    this.streams = new Int32Array(all.map(e => e.s))
    this.messages = all.map(e => e.m)
    this.ingestions = new Float64Array(all.map(e => e.g))
  }
  ts(i: number): number {
    return this.times[i] as number
  }
  stream(i: number): number {
    return this.streams[i] as number
  }
  message(i: number): string {
    return this.messages[i] as string
  }
  ingestion(i: number): number {
    return this.ingestions[i] as number
  }
}

/** Events per block: app generators lay a stack trace out over the events of one block. */
const BLOCK = 8

type BlockKind = 'normal' | 'trace' | 'severe'

/** A generated source: `count` events spread over [from, to), each computed from (seed, index). */
export class GeneratedSource implements LogSource {
  readonly length: number
  readonly streamNames: readonly string[]
  private readonly step: number
  private readonly seed: number
  private readonly from: number

  constructor(readonly spec: NormalizedGenerator) {
    this.length = spec.count
    this.streamNames = spec.streamNames
    this.from = Math.floor(spec.from)
    this.step = spec.count > 0 ? (spec.to - this.from) / spec.count : 0
    this.seed = spec.seed >>> 0
  }

  ts(i: number): number {
    if (this.spec.kind === 'app') {
      const b = Math.floor(i / BLOCK)
      if (this.blockKind(b) !== 'normal') {
        // A trace is written at once: its lines 1 ms apart from the block's first slot. This
        // stays below the next block's first slot, so timestamps never go backwards.
        const first = b * BLOCK
        return Math.floor(this.slot(first) + (i - first) * Math.min(1, this.step))
      }
    }
    return Math.floor(this.slot(i))
  }

  /** Slot i with jitter inside the slot: strictly ordered slots keep ts non-decreasing. */
  private slot(i: number): number {
    const u = unit(mix2(this.seed ^ 0x7a11, i)) * 0.999
    return this.from + (i + u) * this.step
  }

  ingestion(i: number): number {
    return this.ts(i) + 200 + (mix2(this.seed ^ 0x1a6e, i) % 1800)
  }

  private blockKind(b: number): BlockKind {
    if (this.spec.kind !== 'app') return 'normal'
    const r = unit(mix2(this.seed ^ 0xb10c, b))
    if (r < this.spec.severeRate) return 'severe'
    const style = this.spec.style ?? 'java'
    // Go and structured-JSON services log errors as single lines; the others print traces.
    if (style !== 'go' && style !== 'json' && r < this.spec.severeRate + this.spec.errorRate * 0.5)
      return 'trace'
    return 'normal'
  }

  stream(i: number): number {
    const n = this.streamNames.length
    const b = Math.floor(i / BLOCK)
    if (this.blockKind(b) !== 'normal') return mix2(this.seed ^ 0x5e7b, b) % n
    return mix2(this.seed ^ 0x5e7a, i) % n
  }

  message(i: number): string {
    const ts = this.ts(i)
    const rng = new Rng(mix2(this.seed, i))
    const spec = this.spec
    if (spec.kind === 'lines') return fill(rng.pick(spec.lines ?? ['']), rng, ts)
    if (spec.kind === 'access') return accessLine(spec, rng, ts)
    const b = Math.floor(i / BLOCK)
    const kind = this.blockKind(b)
    if (kind === 'normal') return appLine(spec, rng, ts)
    // All events of a trace block share one story, chosen by the block.
    const story = new Rng(mix2(this.seed ^ 0x7ace, b))
    return traceLine(spec, kind === 'severe', story, i % BLOCK, ts, rng)
  }
}

/** Builds the sources of a log group: its explicit events (if any) and one per generator. */
export function sourcesFor(group: NormalizedLogGroup): LogSource[] {
  const out: LogSource[] = []
  if (group.streams.some(s => s.events.length > 0)) out.push(new ExplicitSource(group))
  for (const g of group.generate) if (g.count > 0) out.push(new GeneratedSource(g))
  return out
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)
const p3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`)

function parts(ts: number) {
  const d = new Date(ts)
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth(),
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds()
  }
}

const iso = (ts: number) => new Date(ts).toISOString()
// Consecutive events mostly share their second: remember the last formatted one.
let nginxSec = NaN
let nginxStr = ''
function nginxTime(ts: number): string {
  const sec = Math.floor(ts / 1000)
  if (sec !== nginxSec) {
    const t = parts(ts)
    nginxStr = `${p2(t.d)}/${MONTHS[t.mo]}/${t.y}:${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} +0000`
    nginxSec = sec
  }
  return nginxStr
}
function ginTime(ts: number): string {
  const t = parts(ts)
  return `${t.y}/${p2(t.mo + 1)}/${p2(t.d)} - ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`
}
function spaceTime(ts: number, msSep: string): string {
  const t = parts(ts)
  return `${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}${msSep}${p3(t.ms)}`
}

function ip(rng: Rng): string {
  return `10.0.${rng.int(0, 3)}.${rng.int(2, 254)}`
}

/** Fills `{iso}`, `{n}`, `{ms}`, `{hex}`, `{ip}`, `{id}` placeholders. */
function fill(template: string, rng: Rng, ts: number): string {
  if (!template.includes('{')) return template
  return template.replace(/\{(iso|n|ms|hex|ip|id)\}/g, (_, k: string) => {
    switch (k) {
      case 'iso':
        return iso(ts)
      case 'n':
        return String(rng.int(1000, 99999))
      case 'ms':
        return String(rng.int(2, 900))
      case 'hex':
        return rng.hex(8)
      case 'ip':
        return ip(rng)
      default:
        return `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}`
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Access logs

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'okhttp/4.12.0',
  'python-requests/2.31.0',
  'Go-http-client/1.1',
  'curl/8.5.0'
]
const ROUTES: Array<[string, string]> = [
  ['GET', '/api/v1/orders'],
  ['GET', '/api/v1/orders/{n}'],
  ['GET', '/api/v1/products?page={pg}'],
  ['GET', '/api/v1/products/{n}'],
  ['GET', '/api/v1/users/{n}'],
  ['POST', '/api/v1/cart/items'],
  ['POST', '/api/v1/checkout'],
  ['POST', '/api/v1/login'],
  ['PUT', '/api/v1/users/{n}/preferences'],
  ['DELETE', '/api/v1/cart/items/{n}'],
  ['GET', '/static/js/app.{hex}.js'],
  ['GET', '/favicon.ico']
]
const HEALTH_PATHS = ['/health', '/health', '/health', '/healthz', '/ping']

function pickStatus(rng: Rng, errorRate: number, method: string): number {
  const r = rng.float()
  if (r < errorRate) return rng.pick([500, 502, 503, 503, 504])
  if (r < errorRate + 0.04) return rng.pick([400, 401, 403, 404, 404, 404, 409, 422, 429])
  if (r < errorRate + 0.06) return rng.pick([301, 302, 304])
  return method === 'POST' ? rng.pick([200, 201]) : method === 'DELETE' ? 204 : 200
}

function accessLine(spec: NormalizedGenerator, rng: Rng, ts: number): string {
  const health = rng.chance(spec.healthCheckRate)
  let method: string
  let path: string
  let ua: string
  let status: number
  if (health) {
    method = 'GET'
    path = rng.pick(HEALTH_PATHS)
    ua = 'ELB-HealthChecker/2.0'
    status = 200
  } else {
    const route = rng.pick(ROUTES)
    method = route[0]
    path = route[1]
      .replace('{n}', String(rng.int(1, 99999)))
      .replace('{pg}', String(rng.int(1, 40)))
      .replace('{hex}', rng.hex(8))
    ua = rng.pick(USER_AGENTS)
    status = pickStatus(rng, spec.errorRate, method)
  }
  const client = health ? `10.0.${rng.int(0, 2)}.${rng.int(2, 254)}` : ip(rng)
  const latency = health
    ? rng.float() * 2
    : status >= 500
      ? status === 504
        ? 30000 + rng.float() * 100
        : 5 + rng.float() * 3000
      : 2 + rng.float() * rng.pick([20, 80, 400])
  const bytes = status === 204 || status === 304 ? 0 : health ? 2 : rng.int(40, 24000)
  switch (spec.format ?? 'nginx') {
    case 'gin': {
      const lat = latency >= 1000 ? `${(latency / 1000).toFixed(6)}s` : `${latency.toFixed(6)}ms`
      return `[GIN] ${ginTime(ts)} | ${status} | ${lat.padStart(13)} | ${client.padStart(15)} | ${method.padEnd(7)} "${path}"`
    }
    case 'json':
      return JSON.stringify({
        time: iso(ts),
        level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
        msg: 'request completed',
        method,
        path,
        status,
        latency_ms: Math.round(latency * 100) / 100,
        bytes,
        remote_ip: client,
        user_agent: ua
      })
    default: {
      const ref = health || rng.chance(0.7) ? '-' : 'https://shop.example.com/'
      return `${client} - - [${nginxTime(ts)}] "${method} ${path} HTTP/1.1" ${status} ${bytes} "${ref}" "${ua}" ${(latency / 1000).toFixed(3)}`
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Application logs

const INFO_MSGS = [
  'Processed order {n} in {ms} ms',
  'Fetched {n} products from catalog in {ms} ms',
  'User {n} signed in',
  'Completed GET /api/v1/orders/{n} in {ms} ms',
  'Published event OrderCreated for order {n}',
  "Scheduled job 'cleanup-sessions' finished, removed {n} expired sessions",
  'HikariPool-1 - Pool stats (total=10, active=2, idle=8, waiting=0)',
  'Cache refreshed: {n} entries in {ms} ms'
]
const WARN_MSGS = [
  'Slow query: SELECT * FROM orders WHERE customer_id = ? took {ms} ms',
  'Retrying request to payment-service (attempt 2 of 3)',
  'Response from inventory-service took {ms} ms (threshold 500 ms)',
  'Connection pool nearly exhausted (active=9, max=10)',
  'Deprecated endpoint /api/v0/orders called by client {hex}'
]
/** Common (non-crash) errors, covering timeouts, connection, auth and plain failures. */
const ERROR_MSGS = [
  'Request to inventory-service timed out after 5000 ms',
  'Failed to fetch exchange rates: context deadline exceeded',
  'Could not connect to redis at {ip}:6379: Connection refused',
  'Database query failed: dial tcp {ip}:5432: connect: connection refused',
  'Upstream payment-service returned HTTP 502 Bad Gateway',
  'Authentication failed for user {n}: token expired',
  'Failed to process order {n}: payment declined by gateway',
  'Error publishing message to queue orders-events: connection reset by peer'
]

function levelOf(spec: NormalizedGenerator, rng: Rng): 'INFO' | 'WARN' | 'ERROR' {
  const r = rng.float()
  if (r < spec.errorRate) return 'ERROR'
  if (r < spec.errorRate + 0.05) return 'WARN'
  return 'INFO'
}

const LOGGERS = [
  'c.e.orders.OrderController',
  'c.e.orders.OrderService',
  'c.e.payment.PaymentClient',
  'c.e.catalog.ProductRepository',
  'o.s.web.servlet.DispatcherServlet'
]

function appLine(spec: NormalizedGenerator, rng: Rng, ts: number): string {
  const level = levelOf(spec, rng)
  const msg = fill(
    level === 'ERROR'
      ? rng.pick(spec.errorLines ?? ERROR_MSGS)
      : level === 'WARN'
        ? rng.pick(WARN_MSGS)
        : rng.pick(INFO_MSGS),
    rng,
    ts
  )
  switch (spec.style ?? 'java') {
    case 'go':
      return `time="${iso(ts).slice(0, 19)}Z" level=${level === 'WARN' ? 'warning' : level.toLowerCase()} msg=${JSON.stringify(msg)}${level === 'INFO' ? ` duration=${rng.int(1, 400)}ms` : ''}`
    case 'python':
      return `${spaceTime(ts, ',')} ${level === 'WARN' ? 'WARNING' : level} [${rng.pick(['orders.views', 'orders.tasks', 'payments.client'])}] ${msg}`
    case 'node': {
      const o: Record<string, unknown> = {
        level: level === 'ERROR' ? 50 : level === 'WARN' ? 40 : 30,
        time: ts,
        pid: 1,
        hostname: `ip-10-0-${rng.int(0, 3)}-${rng.int(2, 254)}.ec2.internal`,
        msg
      }
      if (level === 'ERROR')
        o.err = {
          type: 'Error',
          message: msg,
          stack: `Error: ${msg}\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`
        }
      return JSON.stringify(o)
    }
    case 'json':
      return JSON.stringify({
        timestamp: iso(ts),
        level,
        logger: rng.pick(['orders.api', 'orders.worker', 'payments.client']),
        message: msg,
        ...(level === 'ERROR' ? { status: rng.pick([500, 502, 503]), error: msg } : {})
      })
    default:
      return `${spaceTime(ts, '.')} ${level.padStart(5)} 1 --- [nio-8080-exec-${rng.int(1, 10)}] ${rng.pick(LOGGERS).padEnd(40)} : ${msg}`
  }
}

// Traces: position 0 is the log line that announces the error, the following positions its trace.
const JAVA_EXCEPTIONS = [
  'java.lang.IllegalStateException: Cart {n} is already checked out',
  'java.lang.NullPointerException: Cannot invoke "com.example.orders.Customer.getId()" because "customer" is null',
  'org.springframework.dao.DataIntegrityViolationException: could not execute statement; constraint [orders_pkey]',
  'java.util.concurrent.TimeoutException: Timeout waiting for payment-service after 5000 ms'
]
const JAVA_FRAMES = [
  '\tat com.example.orders.OrderService.checkout(OrderService.java:142)',
  '\tat com.example.orders.OrderController.checkout(OrderController.java:58)',
  '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
  '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  '\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)',
  '\tat java.base/java.lang.Thread.run(Thread.java:1583)'
]
const PY_FRAMES = [
  '  File "/app/orders/views.py", line 142, in checkout',
  '    order = Order.objects.select_for_update().get(pk=order_id)',
  '  File "/usr/local/lib/python3.12/site-packages/django/db/models/query.py", line 649, in get',
  '    raise self.model.DoesNotExist(',
  '  File "/app/orders/services.py", line 77, in charge'
]
const PY_ERRORS = [
  'orders.models.Order.DoesNotExist: Order matching query does not exist.',
  "KeyError: 'customer_id'",
  "requests.exceptions.ConnectionError: HTTPConnectionPool(host='payment-service', port=80): Max retries exceeded",
  "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'"
]

function traceLine(
  spec: NormalizedGenerator,
  severe: boolean,
  story: Rng,
  pos: number,
  ts: number,
  rng: Rng
): string {
  const style = spec.style ?? 'java'
  const storyPick = story.int(0, 1 << 20)
  const pickS = <T>(items: readonly T[]): T => items[storyPick % items.length] as T
  switch (style) {
    case 'go': // severe only (Go errors are single lines)
      if (storyPick % 3 === 0) {
        return [
          'fatal error: runtime: out of memory',
          '',
          'runtime stack:',
          'runtime.throw({0x1a2b3c, 0x16})',
          '\t/usr/local/go/src/runtime/panic.go:1047 +0x5d',
          'runtime.sysMap(0xc004000000, 0x4000000, 0x2b3e4f8)',
          '\t/usr/local/go/src/runtime/mem_linux.go:187 +0x11b',
          'goroutine 1 [running]:'
        ][pos] as string
      }
      return [
        'panic: runtime error: invalid memory address or nil pointer dereference',
        '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8a4f2e]',
        '',
        `goroutine ${1000 + (storyPick % 9000)} [running]:`,
        'github.com/example/orders/internal/handler.(*OrderHandler).Get(0xc0001a2000, {0xb1c2d0, 0xc000412000}, 0xc000398100)',
        '\t/app/internal/handler/order.go:88 +0x2e',
        'net/http.HandlerFunc.ServeHTTP(0xc0000a6010, {0xb1c2d0, 0xc000412000}, 0xc000398100)',
        '\t/usr/local/go/src/net/http/server.go:2166 +0x29'
      ][pos] as string
    case 'python': {
      if (pos === 0)
        return `${spaceTime(ts, ',')} ERROR [django.request] Internal Server Error: /api/v1/checkout`
      if (pos === 1) return 'Traceback (most recent call last):'
      if (pos < BLOCK - 1) return PY_FRAMES[(pos - 2) % PY_FRAMES.length] as string
      return severe ? 'MemoryError' : pickS(PY_ERRORS).replace('{n}', String(storyPick))
    }
    case 'node':
      if (severe) {
        return [
          '<--- Last few GCs --->',
          '[1:0x6b7c2a0]   912345 ms: Mark-Compact 2041.8 (2083.2) -> 2039.9 (2084.2) MB, 1843.12 / 0.00 ms  (average mu = 0.112, current mu = 0.021) allocation failure;',
          '<--- JS stacktrace --->',
          'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
          ' 1: 0xb7c5f0 node::Abort() [node]',
          ' 2: 0xa8e8c5  [node]',
          ' 3: 0xd6a9a0 v8::Utils::ReportOOMFailure(v8::internal::Isolate*, char const*, bool) [node]',
          ' 4: 0xd6ad47 v8::internal::V8::FatalProcessOutOfMemory(v8::internal::Isolate*, char const*, bool) [node]'
        ][pos] as string
      }
      if (pos === 0) {
        const msg = `Cannot read properties of undefined (reading 'id')`
        return JSON.stringify({
          level: 50,
          time: ts,
          pid: 1,
          msg: 'unhandled error in request handler',
          err: {
            type: 'TypeError',
            message: msg,
            stack: `TypeError: ${msg}\n    at OrderService.checkout (/app/dist/orders/service.js:142:31)\n    at async /app/dist/routes/orders.js:58:7`
          }
        })
      }
      return appLine(spec, rng, ts)
    case 'json':
      if (pos === 0)
        return JSON.stringify({
          timestamp: iso(ts),
          level: 'FATAL',
          logger: 'orders.worker',
          message: 'fatal error: runtime: out of memory',
          error: 'out of memory'
        })
      return appLine(spec, rng, ts)
    default: {
      // java
      if (severe) {
        return [
          `${spaceTime(ts, '.')} ERROR 1 --- [nio-8080-exec-${1 + (storyPick % 10)}] o.a.c.c.C.[.[.[/].[dispatcherServlet]      : Servlet.service() for servlet [dispatcherServlet] threw exception`,
          'java.lang.OutOfMemoryError: Java heap space',
          '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
          '\tat java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)',
          '\tat com.example.reports.ReportBuilder.render(ReportBuilder.java:211)',
          '\tat com.example.reports.ReportController.export(ReportController.java:64)',
          '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
          '\tat java.base/java.lang.Thread.run(Thread.java:1583)'
        ][pos] as string
      }
      if (pos === 0)
        return `${spaceTime(ts, '.')} ERROR 1 --- [nio-8080-exec-${1 + (storyPick % 10)}] c.e.orders.GlobalExceptionHandler        : Unhandled exception while processing POST /api/v1/checkout`
      if (pos === 1) return pickS(JAVA_EXCEPTIONS).replace('{n}', String(storyPick))
      return JAVA_FRAMES[(pos - 2) % JAVA_FRAMES.length] as string
    }
  }
}
