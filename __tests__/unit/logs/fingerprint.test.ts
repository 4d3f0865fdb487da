import { describe, expect, it } from '@jest/globals'
import { fingerprint } from '../../../src/logs/fingerprint.js'
import { CORPUS } from './corpus.js'

const key = (m: string): string => fingerprint(m).key
const text = (m: string): string => fingerprint(m).text

/** Pairs that differ only in variable parts: each pair must share a key. */
const SAME: [string, string][] = [
  [
    '2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-3] c.e.orders.OrderService : Could not connect to redis at 10.0.4.9:6379: Connection refused',
    '2026-11-26 08:13:59.901 ERROR 1 --- [nio-8080-exec-9] c.e.orders.OrderService : Could not connect to redis at 10.0.7.12:6380: Connection refused'
  ],
  [
    'Request to inventory-service timed out after 5000 ms',
    'Request to inventory-service timed out after 30000 ms'
  ],
  [
    'HikariPool-1 - Connection is not available, request timed out after 30000ms.',
    'HikariPool-1 - Connection is not available, request timed out after 30004ms.'
  ],
  [
    'level=error msg="query failed" err="dial tcp 10.0.2.15:5432: i/o timeout" took=1.5s',
    'level=error msg="query failed" err="dial tcp 10.0.9.3:5432: i/o timeout" took=2m3s'
  ],
  [
    'Failed to process order 981: payment declined by gateway',
    'Failed to process order 4412: payment declined by gateway'
  ],
  [
    '{"level":"error","ts":1764072000.1,"msg":"cache write failed","error":"dial tcp 10.0.4.9:6379: connect: connection refused","request_id":"3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"}',
    '{"level":"error","ts":1764079999.7,"msg":"cache write failed","error":"dial tcp 10.0.4.7:6379: connect: connection refused","request_id":"9b1c2d3e-0000-4e8f-9a0b-ffffffffffff"}'
  ],
  [
    'Task 0f4e7c3a1b2d4c5e8f9a0b1c2d3e4f5a stopped: OutOfMemoryError: Container killed due to memory usage',
    'Task 7c2a9e1b3d4f5a6b8c0d1e2f3a4b5c6d stopped: OutOfMemoryError: Container killed due to memory usage'
  ],
  [
    'An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:sts::123456789012:assumed-role/orders-task/8f1c2d3e4f5a is not authorized to perform: secretsmanager:GetSecretValue',
    'An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:sts::210987654321:assumed-role/orders-task/0a9b8c7d6e5f is not authorized to perform: secretsmanager:GetSecretValue'
  ],
  [
    'upstream returned 502 for GET https://inventory.internal/api/stock?sku=A-1&session=abc123 at Tue, 25 Nov 2026 12:00:00 GMT',
    'upstream returned 502 for GET https://inventory.internal/api/stock?sku=B-77&session=zz9 at Wed, 26 Nov 2026 01:02:03 GMT'
  ],
  [
    'password reset mail to alice@example.com bounced (id 0x7f3a2c1b)',
    'password reset mail to bob.smith+shop@example.org bounced (id 0x1c2d3e)'
  ],
  [
    'lookup failed for client [2001:db8::1]:443 after 1.2s',
    'lookup failed for client [2001:db8:0:0:8:800:200c:417a]:8443 after 900ms'
  ],
  [
    'Order ord_8f7a6b5c4d3e2f1a not found for customer "cus_9a8b7c6d5e4f"',
    'Order ord_1a2b3c4d5e6f7a8b not found for customer "cus_0f1e2d3c4b5a"'
  ],
  [
    '10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "GET /api/v1/orders/81234?expand=lines HTTP/1.1" 502 157 "-" "okhttp/4.12.0"',
    '10.0.9.77 - - [26/Nov/2026:09:30:12 +0000] "GET /api/v1/orders/7?expand=customer HTTP/1.1" 502 90 "https://shop.example.com/" "Mozilla/5.0"'
  ],
  [
    '2026-11-25T12:00:00.123Z ERROR 1 --- [nio-8080-exec-5] c.e.orders.GlobalExceptionHandler : Unhandled exception\njava.lang.IllegalStateException: Cart 5 is already checked out\n\tat com.example.orders.OrderService.checkout(OrderService.java:142)\n\tat com.example.orders.OrderController.checkout(OrderController.java:58)',
    '2026-11-25T13:10:00.999Z ERROR 1 --- [nio-8080-exec-1] c.e.orders.GlobalExceptionHandler : Unhandled exception\njava.lang.IllegalStateException: Cart 88121 is already checked out\n\tat com.example.orders.OrderService.checkout(OrderService.java:151)\n\tat com.example.orders.OrderController.checkout(OrderController.java:60)'
  ],
  [
    'panic: runtime error: index out of range [3] with length 3\n\ngoroutine 18 [running]:\nmain.(*Server).handle(0xc000123456, {0x6b7e40, 0xc0001a2000})\n\t/app/server.go:88 +0x2e',
    'panic: runtime error: index out of range [7] with length 2\n\ngoroutine 4187 [running]:\nmain.(*Server).handle(0xc000999999, {0x6b7e40, 0xc000abcdef})\n\t/app/server.go:91 +0x31'
  ],
  [
    'Traceback (most recent call last):\n  File "/app/orders/tasks.py", line 77, in sync\n    total = line["qty"]\nKeyError: \'qty\'',
    'Traceback (most recent call last):\n  File "/app/orders/tasks.py", line 81, in sync\n    total = line["qty"]\nKeyError: \'qty\''
  ],
  [
    '\u001b[31mERROR\u001b[0m 2026-11-25T12:00:00Z sync of batch 1 failed after 3 attempts',
    'ERROR 2026-11-26T00:00:01Z sync of batch 2 failed after 5 attempts'
  ],
  [
    "E1125 12:00:00.123456       1 controller.go:114] error syncing 'default/orders-7f9c': failed to update status",
    "E1126 01:02:03.000001       1 controller.go:114] error syncing 'default/orders-1a2b': failed to update status"
  ]
]

/** Different errors: every text must get its own key. */
const DIFFERENT = [
  'Could not connect to redis at 10.0.4.9:6379: Connection refused',
  'Could not connect to postgres at 10.0.4.9:5432: Connection refused',
  'Could not connect to redis at 10.0.4.9:6379: connection reset by peer',
  'Request to inventory-service timed out after 5000 ms',
  'Request to payment-service timed out after 5000 ms',
  'java.lang.NullPointerException: null\n\tat com.example.orders.OrderMapper.toDto(OrderMapper.java:27)',
  'java.lang.NullPointerException: null\n\tat com.example.orders.CartService.total(CartService.java:88)',
  'java.lang.IllegalStateException: null\n\tat com.example.orders.OrderMapper.toDto(OrderMapper.java:27)',
  'panic: runtime error: index out of range [3] with length 3',
  'panic: runtime error: invalid memory address or nil pointer dereference',
  "KeyError: 'qty'",
  "KeyError: 'price'",
  '10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "GET /api/v1/orders HTTP/1.1" 502 157 "-" "curl/8"',
  '10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "GET /api/v1/orders HTTP/1.1" 503 157 "-" "curl/8"',
  '10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "POST /api/v1/orders HTTP/1.1" 502 157 "-" "curl/8"',
  '10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "GET /api/v1/carts HTTP/1.1" 502 157 "-" "curl/8"',
  'Upstream payment-service returned HTTP 502 Bad Gateway',
  'Upstream payment-service returned HTTP 503 Service Unavailable',
  '{"level":"error","msg":"cache write failed","error":"dial tcp 10.0.4.9:6379: connect: connection refused"}',
  '{"level":"error","msg":"cache read failed","error":"dial tcp 10.0.4.9:6379: connect: connection refused"}',
  '{"level":"error","msg":"cache write failed","error":"dial tcp 10.0.4.9:6379: i/o timeout"}'
]

describe('fingerprint', () => {
  it.each(SAME.map((p, i) => [i, p[0], p[1]] as const))(
    'pair %i: variable parts do not change the key',
    (_i, a, b) => {
      expect(text(a)).toBe(text(b))
      expect(key(a)).toBe(key(b))
    }
  )

  it('gives different errors different keys', () => {
    const keys = new Map<string, string>()
    for (const m of DIFFERENT) {
      const k = key(m)
      expect({ m, clash: keys.get(k) }).toEqual({ m, clash: undefined })
      keys.set(k, m)
    }
  })

  it('gives distinct corpus errors distinct keys unless their normalized text is equal', () => {
    const byKey = new Map<string, string>()
    for (const c of CORPUS) {
      if (c.expect === null) continue
      const f = fingerprint(c.line)
      const seen = byKey.get(f.key)
      if (seen !== undefined) expect(seen).toBe(f.text)
      byKey.set(f.key, f.text)
    }
    expect(byKey.size).toBeGreaterThan(200)
  })

  it('keeps the text readable: prefix stripped, variables masked', () => {
    expect(
      text(
        '2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-3] c.e.orders.OrderService : Could not connect to redis at 10.0.4.9:6379 after 1500ms: Connection refused'
      )
    ).toBe('Could not connect to redis at <ip>:<n> after <duration>: Connection refused')
    expect(
      text(
        'time="2026-11-25T12:00:00Z" level=error msg="db ping failed" err="dial tcp 10.0.2.15:5432: connect: connection refused"'
      )
    ).toBe('db ping failed: dial tcp <ip>:<n>: connect: connection refused')
    expect(
      text('[GIN] 2026/11/25 - 12:00:00 | 503 |  1.2ms | 10.0.0.1 | GET "/api/orders/42?x=1"')
    ).toBe('HTTP 503 GET /api/orders/<n>')
    expect(text('ERROR:orders.tasks:sync failed for batch 12')).toBe('sync failed for batch <n>')
    expect(
      text('2026/11/25 12:00:00 [error] 31#31: *77 upstream timed out (110: Connection timed out)')
    ).toBe('upstream timed out (<n>: Connection timed out)')
    expect(
      text(
        'ERROR request 3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b for task 0f4e7c3a1b2d4c5e8f9a0b1c2d3e4f5a failed'
      )
    ).toBe('request <uuid> for task <hex> failed')
    expect(
      text('panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d')
    ).toBe('panic: boom @ main.main')
    expect(
      text(
        'ERROR [main] c.e.App - Request failed\njava.lang.RuntimeException: wrapper\n\tat com.x.A.a(A.java:1)\nCaused by: java.net.ConnectException: Connection refused\n\t... 3 more'
      )
    ).toBe('Request failed | java.net.ConnectException: Connection refused @ com.x.A.a')
    expect(
      text(
        'Traceback (most recent call last):\n  File "/app/x.py", line 3, in <module>\n    main()\n  File "/app/x.py", line 9, in main\n    int("a")\nValueError: invalid literal for int() with base 10: \'a\''
      )
    ).toBe("ValueError: invalid literal for int() with base <n>: 'a' @ x.py:main")
  })

  it('keeps an HTTP status after status/HTTP/code', () => {
    expect(text('call failed with status 503 after 3 tries')).toBe(
      'call failed with status 503 after <n> tries'
    )
    expect(text('call failed with HTTP 502')).toBe('call failed with HTTP 502')
  })

  it('bounds the text and makes a 16-hex-digit key', () => {
    const f = fingerprint(`ERROR ${'x'.repeat(5000)} boom`)
    expect(f.text.length).toBeLessThanOrEqual(200)
    expect(f.key).toMatch(/^[0-9a-f]{16}$/)
    expect(fingerprint('').text).toBe('<empty>')
  })

  it('never throws on odd input', () => {
    const odd = [
      '\u0000\u0001\u0002',
      Buffer.from([0xff, 0xfe, 0xfd, 0x41]).toString(),
      '\ud800 lone surrogate \udfff',
      'x'.repeat(1_000_000),
      `{"msg":"${'a'.repeat(100_000)}`,
      '\n\n\n',
      '\u001b[31m\u001b[0m'
    ]
    for (const m of odd) {
      const f = fingerprint(m)
      expect(f.key).toMatch(/^[0-9a-f]{16}$/)
      expect(f.text.length).toBeLessThanOrEqual(200)
    }
  })
})
