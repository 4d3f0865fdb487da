import { describe, expect, it } from '@jest/globals'
import { isHealthPath, parseHttpLine } from '../../../src/logs/http.js'
import { BLOCK, differences, goldenInputs, goldenOf, readGolden } from './golden.js'

describe('parseHttpLine', () => {
  it.each([
    [
      'nginx combined',
      '10.0.1.23 - - [25/Nov/2026:12:00:01 +0000] "POST /api/v1/checkout HTTP/1.1" 500 64 "https://shop.example.com/cart" "Mozilla/5.0"',
      { status: 500, method: 'POST', path: '/api/v1/checkout', format: 'common' }
    ],
    [
      'Apache common',
      '127.0.0.1 - frank [10/Oct/2026:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
      { status: 200, method: 'GET', path: '/apache_pb.gif', format: 'common' }
    ],
    [
      'Envoy',
      '[2026-11-25T12:00:00.123Z] "POST /api/v1/payments HTTP/1.1" 503 UF 312 91 1 - "10.0.1.5" "Go-http-client/1.1" "5d1e" "payments:8080" "10.0.3.21:8080"',
      { status: 503, method: 'POST', path: '/api/v1/payments' }
    ],
    [
      'uvicorn',
      'INFO:     10.0.1.23:51234 - "GET /api/v1/items?page=2 HTTP/1.1" 404 Not Found',
      { status: 404, method: 'GET', path: '/api/v1/items?page=2' }
    ],
    [
      'Werkzeug',
      '127.0.0.1 - - [25/Nov/2026 12:00:00] "GET /favicon.ico HTTP/1.1" 404 -',
      { status: 404, method: 'GET', path: '/favicon.ico' }
    ],
    [
      'chi',
      '"GET http://localhost:3000/api/items HTTP/1.1" from 10.0.1.5:54321 - 500 12B in 1.2ms',
      { status: 500, method: 'GET', path: '/api/items' }
    ],
    [
      'HAProxy',
      'haproxy[7]: 10.0.1.5:51234 [25/Nov/2026:12:00:00.123] fe_main be_app/srv1 0/0/1/12/13 502 212 - - ---- 1/1/0/0/0 0/0 "GET /api/items HTTP/1.1"',
      { status: 502, method: 'GET', path: '/api/items' }
    ],
    [
      'ALB (elb_status_code)',
      'https 2026-11-25T12:00:00.123456Z app/prod-alb/50dc6c495c0c9188 203.0.113.7:50432 10.0.2.15:8080 0.000 30.001 -1 504 - 334 0 "POST https://api.example.com:443/api/v1/checkout?x=1 HTTP/1.1" "Mozilla/5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354"',
      { status: 504, method: 'POST', path: '/api/v1/checkout?x=1', format: 'alb' }
    ],
    [
      'ALB (target_status_code when the ELB has none)',
      'h2 2026-11-25T12:00:00.123456Z app/prod-alb/50dc6c495c0c9188 203.0.113.7:50432 10.0.2.15:8080 0.001 0.012 0.000 - 503 334 0 "GET https://api.example.com:443/x HTTP/2.0" "curl/8.4.0" - -',
      { status: 503, method: 'GET', path: '/x', format: 'alb' }
    ],
    [
      'Classic Load Balancer (backend status 0: no backend answered)',
      '2026-11-25T12:00:00.123456Z my-clb 203.0.113.7:41340 - -1 -1 -1 504 0 0 0 "POST https://api.example.com:443/shop/log HTTP/1.1" "Mozilla/5.0" ECDHE-RSA-AES128-SHA TLSv1',
      { status: 504, method: 'POST', path: '/shop/log', format: 'alb' }
    ],
    [
      'Classic Load Balancer (backend status when the ELB has none)',
      '2026-11-25T12:00:00.123456Z my-clb 203.0.113.7:2817 10.0.0.1:80 0.000073 0.001048 0.000057 - 503 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -',
      { status: 503, method: 'GET', path: '/', format: 'alb' }
    ],
    [
      'Gin',
      '[GIN] 2026/11/25 - 12:00:00 | 503 |  1.2ms | 10.0.0.1 | GET "/api"',
      { status: 503, method: 'GET', path: '/api', format: 'gin' }
    ],
    [
      'Gin padded',
      '[GIN] 2026/11/25 - 12:00:00 | 200 |    1.234567ms |        10.0.0.1 | POST     "/api/v1/orders"',
      { status: 200, method: 'POST', path: '/api/v1/orders', format: 'gin' }
    ],
    [
      'Fiber',
      '12:00:00 | 500 |  1.2ms |  10.0.0.1 | GET | /api/items | -',
      { status: 500, method: 'GET', path: '/api/items', format: 'gin' }
    ],
    [
      'morgan dev',
      'POST /api/v1/orders 500 183.442 ms - 74',
      { status: 500, method: 'POST', path: '/api/v1/orders', format: 'morgan' }
    ],
    [
      'JSON status',
      '{"time":"2026-11-25T12:00:00Z","level":"info","msg":"request completed","method":"GET","path":"/api/v1/items","status":200}',
      { status: 200, method: 'GET', path: '/api/v1/items', format: 'json' }
    ],
    [
      'pino-http res.statusCode',
      '{"level":50,"req":{"id":421,"method":"POST","url":"/api/v1/orders"},"res":{"statusCode":500},"msg":"request errored"}',
      { status: 500, method: 'POST', path: '/api/v1/orders', format: 'json' }
    ],
    [
      'OpenTelemetry http.status_code',
      '{"name":"GET /api","attributes":{"http.method":"GET","http.target":"/api","http.status_code":502}}',
      { status: 502, method: 'GET', path: '/api' }
    ],
    [
      'ECS http.response.status_code',
      '{"@timestamp":"2026-11-25T12:00:00Z","http.request.method":"PUT","url.path":"/api/x","http.response.status_code":"503"}',
      { status: 503, method: 'PUT', path: '/api/x' }
    ],
    [
      'GCP httpRequest',
      '{"severity":"ERROR","httpRequest":{"requestMethod":"GET","requestUrl":"https://api.example.com/api/v1/items?x=1","status":500}}',
      { status: 500, method: 'GET', path: '/api/v1/items?x=1' }
    ],
    [
      'Envoy JSON response_code',
      '{"start_time":"2026-11-25T12:00:00.000Z","method":"GET","path":"/api/v1/items","response_code":503,"response_flags":"UF"}',
      { status: 503, method: 'GET', path: '/api/v1/items' }
    ],
    [
      'nginx JSON with a request line',
      '{"time_local":"25/Nov/2026:12:00:00 +0000","request":"GET /api/v1/items HTTP/1.1","status":"502","body_bytes_sent":"157"}',
      { status: 502, method: 'GET', path: '/api/v1/items' }
    ],
    [
      'Fluent Bit wrapped JSON',
      '{"container_name":"app","log":"{\\"method\\":\\"GET\\",\\"path\\":\\"/api/x\\",\\"status\\":504}"}',
      { status: 504 }
    ],
    [
      'logfmt',
      'time=2026-11-25T12:00:00Z level=info method=GET path=/api/v1/reports status=503 duration=2.1ms',
      { status: 503, method: 'GET', path: '/api/v1/reports', format: 'logfmt' }
    ],
    [
      'lograge',
      'method=POST path=/orders format=json controller=OrdersController action=create status=500 duration=83.21',
      { status: 500, method: 'POST', path: '/orders', format: 'logfmt' }
    ],
    [
      'Rails',
      'I, [2026-11-25T12:00:00.123456 #1]  INFO -- : [4b1c] Completed 500 Internal Server Error in 24ms',
      { status: 500, format: 'rails' }
    ],
    ['Phoenix', '12:00:00.123 [info] Sent 502 in 12ms', { status: 502, format: 'phoenix' }],
    [
      'ASP.NET Core',
      'info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET http://orders.internal/api/orders - 500 0 - 153.2117ms',
      { status: 500, method: 'GET', path: '/api/orders', format: 'aspnet' }
    ]
  ])('%s', (_name, line, want) => {
    expect(parseHttpLine(line)).toMatchObject({ ...want, healthCheck: false })
  })

  it.each([
    ['plain application line', '2026-11-25 12:00:00 INFO started in 12 ms'],
    [
      'nginx error log naming a request',
      '2026/11/25 12:00:00 [error] 31#31: *124 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.1.23, request: "POST /api/v1/orders HTTP/1.1", upstream: "http://127.0.0.1:8080/api/v1/orders"'
    ],
    ['a bare status in an unrelated JSON record', '{"job":"export","status":500,"msg":"done"}'],
    ['a bare status in logfmt', 'job=export status=500 msg=done'],
    ['a status word', '{"status":"ok","uptime":3600}'],
    ['a table that is not Gin', '| 200 | rows | done |'],
    ['empty', ''],
    ['status out of range', '10.0.0.1 - - [25/Nov/2026:12:00:00 +0000] "GET / HTTP/1.1" 999 0'],
    ['a year for a status', '"GET /x HTTP/1.1" 2026-11-25']
  ])('not a request line: %s', (_name, line) => {
    expect(parseHttpLine(line)).toBeUndefined()
  })

  it.each([
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /health HTTP/1.1" 503 19 "-" "curl/8.4.0"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /ready HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /readyz?verbose HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /livez HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /ping HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /status HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /actuator/health HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /orders/api/health/ HTTP/1.1" 200 2 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "HEAD / HTTP/1.1" 200 0 "-" "-"',
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET / HTTP/1.1" 200 612 "-" "ELB-HealthChecker/2.0"',
    '10.0.2.9 - - [25/Nov/2026:12:00:00 +0000] "GET /metrics/ok HTTP/1.1" 500 3 "-" "kube-probe/1.29"',
    '[GIN] 2026/11/25 - 12:00:00 | 200 |      20.1µs |      10.0.1.7 | GET      "/healthz"',
    '{"method":"GET","path":"/health/ready","status":503}',
    'https 2026-11-25T12:00:00.123456Z app/prod-alb/50dc6c495c0c9188 203.0.113.7:50432 10.0.2.15:8080 0.000 0.001 0.000 200 200 100 2 "GET https://api.example.com:443/healthcheck HTTP/1.1" "Mozilla/5.0" - -'
  ])('health check: %s', line => {
    expect(parseHttpLine(line)?.healthCheck).toBe(true)
  })

  it.each([
    '/api/orders/42/status',
    '/api/v1/health-score',
    '/healthcare/plans',
    '/api/orders',
    '/',
    '/statuses',
    '/a/b/c/d/health'
  ])('not a health path: %s', path => {
    expect(isHealthPath(path)).toBe(false)
  })

  it('never throws on odd input', () => {
    const odd = [
      'x'.repeat(1_000_000),
      '\u0000GET / HTTP/1.1" 200',
      Buffer.from([0xff, 0xfe, 0x47, 0x45, 0x54]).toString(),
      '"GET /x HTTP/1.1" 5',
      'HTTP/',
      ' HTTP/1.1" 200',
      '\u001b[97;42m 200 \u001b[0m'
    ]
    for (const m of odd) expect(() => parseHttpLine(m)).not.toThrow()
    expect(parseHttpLine(undefined as unknown as string)).toBeUndefined()
    expect(
      parseHttpLine(
        '[GIN] 2026/11/25 - 12:00:00 |\u001b[97;41m 500 \u001b[0m|  1.2ms | 10.0.0.1 |\u001b[97;44m GET \u001b[0m "/x"'
      )
    ).toMatchObject({ status: 500, method: 'GET', path: '/x' })
  })
})

describe('parseHttpLine: differential', () => {
  // Recorded with classify.test.ts (see golden.ts).
  it('reproduces the recorded result of every golden input', () => {
    const inputs = goldenInputs()
    const got = goldenOf(inputs, { parseHttpLine })
    const want = readGolden()
    expect(got.inputs).toEqual(want.inputs)
    expect(
      differences(
        inputs,
        { table: want.shapes, index: want.http },
        { table: got.shapes, index: got.http }
      )
    ).toEqual([])
    // Paths are compared per block of lines.
    const blocks = want.httpBlocks.flatMap((d, b) =>
      got.httpBlocks[b] === d ? [] : [`lines ${b * BLOCK}–${b * BLOCK + BLOCK - 1}`]
    )
    expect(blocks).toEqual([])
  })
})

describe('parseHttpLine: Gin tables', () => {
  // The table is read by hand; this is the expression it replaced, as the reference.
  const GIN_RE = /\|\s*([1-5]\d\d)\s*\|[^|]*\|[^|]*\|\s*([A-Z]{3,8})\s*(?:\|\s*)?"?([^\s"|]*)/
  const PIPE_STATUS_RE = /\|\s*([1-5]\d\d)\s*\|/
  const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT']
  const ALL_METHODS = new Set([...METHODS, 'TRACE', 'PROPFIND', 'PURGE'])
  const reference = (s: string) => {
    const g = GIN_RE.exec(s)
    if (g && ALL_METHODS.has(g[2] as string)) {
      const path = g[3] === '' || g[3] === '-' ? undefined : g[3]
      return { status: Number(g[1]), method: g[2], path }
    }
    if (!s.includes('[GIN]')) return undefined
    const m = PIPE_STATUS_RE.exec(s)
    return m ? { status: Number(m[1]), method: undefined, path: undefined } : undefined
  }
  const PARTS = [
    ...['|', '| ', ' |', ' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '"'],
    ...['200', '503', '5000', '99', '600', ' 1.2ms ', '10.0.0.1', '[GIN] ', '/x', '/a/b', '-'],
    ...[...METHODS, 'PROPFIND', 'PURGE', 'OPTIONSX', 'GETS', 'get', 'GE', 'X']
  ]

  it('reads what the expression read, on 20,000 generated tables', () => {
    let seed = 42
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
    const sp = () => pick(['', ' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff'])
    const cell = () => (next() < 0.8 ? `${sp()}${pick(PARTS)}${sp()}` : `${pick(PARTS)}|`)
    let parsed = 0
    for (let n = 0; n < 20_000; n++) {
      const status = pick(['200', '503', '404', '5000', '99', '600', '', '20'])
      const method = pick([...METHODS, 'PROPFIND', 'PURGE', 'OPTIONSX', 'GETS', 'get', 'GE', 'X'])
      const path = pick(['"/x"', '/a/b', '"/a b"', '', '-', '"', '"/x|y"', '"'])
      let s = `${pick(['x', 'x [GIN] 2026/11/25', 'x | y', 'x |'])} |${sp()}${status}${sp()}|`
      s += `${cell()}|${next() < 0.8 ? `${cell()}|` : ''}${sp()}${method}${sp()}`
      s += `${next() < 0.3 ? `|${sp()}` : ''}${path}${pick(['', ' tail', ' | 500 |', '|'])}`
      const want = reference(s)
      const got = parseHttpLine(s)
      const read = got && { status: got.status, method: got.method, path: got.path }
      if (want) parsed++
      expect({ line: s, read }).toEqual({ line: s, read: want })
    }
    expect(parsed).toBeGreaterThan(5000)
  })
})
