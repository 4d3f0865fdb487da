import { describe, expect, it } from '@jest/globals'
import { classify } from '../../../src/logs/classify.js'
import { CATEGORIES, type Category } from '../../../src/logs/types.js'

/** Line templates of a typical mix (most lines are not errors), each with its category. */
const TEMPLATES: [Category | null, (i: number) => string][] = [
  [
    null,
    i =>
      `2026-11-25 12:00:${String(i % 60).padStart(2, '0')}.123  INFO 1 --- [nio-8080-exec-${i % 10}] c.e.orders.OrderService : Processed order ${i} in ${i % 400} ms`
  ],
  [
    null,
    i =>
      `10.0.${i % 256}.${i % 200} - - [25/Nov/2026:12:00:00 +0000] "GET /api/v1/orders/${i} HTTP/1.1" 200 ${i % 9000} "-" "Mozilla/5.0" 0.0${i % 90}`
  ],
  [
    null,
    i =>
      `{"time":"2026-11-25T12:00:00.000Z","level":"info","msg":"request completed","method":"GET","path":"/api/v1/items/${i}","status":200,"latency_ms":${i % 100}}`
  ],
  [
    null,
    i => `time="2026-11-25T12:00:00Z" level=info msg="User ${i} signed in" duration=${i % 400}ms`
  ],
  [
    null,
    i =>
      `[GIN] 2026/11/25 - 12:00:00 | 200 |    ${i % 999}.234ms |        10.0.0.${i % 250} | GET      "/api/items/${i}"`
  ],
  [
    null,
    i => `{"level":30,"time":${1764072000000 + i},"pid":1,"msg":"Cache refreshed: ${i} entries"}`
  ],
  [null, i => `Processed ${i} records with 0 errors`],
  [
    null,
    i =>
      `10.0.1.${i % 250} - - [25/Nov/2026:12:00:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"`
  ],
  [
    'http_5xx',
    i =>
      `10.0.${i % 256}.9 - - [25/Nov/2026:12:00:00 +0000] "POST /api/v1/checkout HTTP/1.1" 503 ${i % 90} "-" "okhttp/4.12.0"`
  ],
  [
    'connection_error',
    i =>
      `2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-3] c.e.orders.OrderService : Could not connect to redis at 10.0.4.${i % 250}:6379: Connection refused`
  ],
  [
    'timeout',
    i =>
      `time="2026-11-25T12:00:00Z" level=error msg="Failed to fetch rates for ${i}: context deadline exceeded"`
  ],
  [
    'structured_error',
    i =>
      `{"level":50,"time":${i},"msg":"Failed to process order ${i}: payment declined by gateway"}`
  ],
  [
    'oom',
    i =>
      `2026-11-25 12:00:00.123 ERROR [pool-${i % 9}] c.e.R - java.lang.OutOfMemoryError: Java heap space`
  ],
  ['error', i => `2026-11-25 12:00:00,123 ERROR [orders.tasks] Failed to export batch ${i}`],
  ['python_traceback', i => `KeyError: 'customer_${i % 7}'`],
  ['panic', i => `panic: runtime error: index out of range [${i % 9}] with length ${i % 5}`],
  [
    'auth_error',
    i =>
      `10.0.1.${i % 200} - - [25/Nov/2026:12:00:00 +0000] "GET /api/me HTTP/1.1" 401 12 "-" "curl/8"`
  ]
]

describe('classify: smoke', () => {
  it('classifies 1,000,000 generated lines with the right counts', () => {
    // Mostly non-errors: the first 8 templates are used 4 times as often as the others.
    const weights = TEMPLATES.map((t, k) => (k < 8 ? 4 : 1))
    const schedule: number[] = []
    weights.forEach((w, k) => {
      for (let j = 0; j < w; j++) schedule.push(k)
    })
    const N = 1_000_000
    const want = new Map<Category | 'none', number>()
    const got = new Map<Category | 'none', number>()
    for (let i = 0; i < N; i++) {
      const k = schedule[i % schedule.length] as number
      const [label, make] = TEMPLATES[k] as (typeof TEMPLATES)[number]
      const w = label ?? 'none'
      want.set(w, (want.get(w) ?? 0) + 1)
      const c = classify(make(i)).category ?? 'none'
      got.set(c, (got.get(c) ?? 0) + 1)
    }
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want))
    expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(N)
    for (const c of CATEGORIES) {
      if (c === 'fatal' || c === 'exception') continue
      expect(got.get(c) ?? 0).toBeGreaterThan(0)
    }
  })
})
