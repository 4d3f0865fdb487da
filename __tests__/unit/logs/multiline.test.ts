import { describe, expect, it } from '@jest/globals'
import { classify } from '../../../src/logs/classify.js'
import { MultilineGrouper, type LogEvent } from '../../../src/logs/multiline.js'

/** Feeds lines (one event each, `step` ms apart) and returns every group, flushed at the end. */
function group(
  lines: string[],
  opts: { stream?: string; start?: number; step?: number; grouper?: MultilineGrouper } = {}
): LogEvent[] {
  const g = opts.grouper ?? new MultilineGrouper()
  const out: LogEvent[] = []
  let t = opts.start ?? 1_700_000_000_000
  for (const message of lines) {
    out.push(...g.push({ timestamp: t, message, logStream: opts.stream ?? 's1' }))
    t += opts.step ?? 1
  }
  out.push(...g.flush())
  return out
}

const JAVA = [
  '2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-7] c.e.orders.OrderService : checkout failed',
  'java.lang.IllegalStateException: Cart 42 is already checked out',
  '\tat com.example.orders.OrderService.checkout(OrderService.java:142)',
  '\tat com.example.orders.OrderController.checkout(OrderController.java:58)',
  'Caused by: java.sql.SQLException: Connection is closed',
  '\tat com.zaxxer.hikari.pool.ProxyConnection.checkClosed(ProxyConnection.java:515)',
  '\t... 87 common frames omitted',
  'Suppressed: java.lang.IllegalStateException: rollback failed',
  '\t\tat com.example.orders.Tx.rollback(Tx.java:12)',
  '\t... 12 more'
]

const PYTHON = [
  '2026-11-25 12:00:00,123 ERROR [django.request] Internal Server Error: /api/v1/checkout',
  'Traceback (most recent call last):',
  '  File "/app/orders/views.py", line 142, in checkout',
  '    order = Order.objects.get(pk=order_id)',
  '  File "/usr/local/lib/python3.12/site-packages/requests/api.py", line 73, in get',
  '    return request("get", url, params=params, **kwargs)',
  "requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.stripe.com', port=443): Max retries exceeded"
]

const GO = [
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8a4f2e]',
  '',
  'goroutine 4187 [running]:',
  'github.com/acme/orders/internal/handler.(*OrderHandler).Get(0xc0001a2000, {0xb1c2d0, 0xc000412000}, 0xc000398100)',
  '\t/app/internal/handler/order.go:88 +0x2e',
  'net/http.HandlerFunc.ServeHTTP(0xc0000a6010, {0xb1c2d0, 0xc000412000}, 0xc000398100)',
  '\t/usr/local/go/src/net/http/server.go:2166 +0x29',
  'created by net/http.(*Server).Serve in goroutine 1',
  '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
  '',
  'goroutine 1 [IO wait]:',
  'internal/poll.runtime_pollWait(0x7f3a2c1b4d21, 0x72)',
  '\t/usr/local/go/src/runtime/netpoll.go:345 +0x85',
  'exit status 2'
]

const NODE = [
  'Error: connect ECONNREFUSED 10.0.2.15:5432',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
  '    at async Pool.connect (/app/node_modules/pg-pool/index.js:45:11)',
  '    at async OrderRepository.find (/app/dist/orders/repository.js:22:18)'
]

const INFO = '2026-11-25 12:00:01.000  INFO 1 --- [main] c.e.orders.OrderService : next request'

describe('MultilineGrouper', () => {
  it('groups a Java trace with Caused by, Suppressed and "... N more" into its log line', () => {
    const out = group([...JAVA, INFO])
    expect(out).toHaveLength(2)
    expect(out[0]?.message).toBe(JAVA.join('\n'))
    expect(out[0]?.timestamp).toBe(1_700_000_000_000)
    expect(out[1]?.message).toBe(INFO)
    expect(classify(out[0]?.message ?? '').category).toBe('exception')
  })

  it('groups a Python traceback; the exception line ends it and belongs to it', () => {
    const out = group([...PYTHON, INFO, '2026-11-25 12:00:02,000 INFO [orders] ok'])
    expect(out.map(e => e.message)).toEqual([
      PYTHON.join('\n'),
      INFO,
      '2026-11-25 12:00:02,000 INFO [orders] ok'
    ])
    expect(classify(out[0]?.message ?? '').category).toBe('timeout')
  })

  it('groups a chained Python traceback', () => {
    const chained = [
      'Traceback (most recent call last):',
      '  File "/app/a.py", line 3, in f',
      '    return d[k]',
      "KeyError: 'x'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/app/a.py", line 9, in g',
      '    raise LookupError(k) from None',
      'LookupError: x'
    ]
    const out = group([...chained, 'next line'])
    expect(out.map(e => e.message)).toEqual([chained.join('\n'), 'next line'])
    expect(classify(out[0]?.message ?? '').category).toBe('python_traceback')
  })

  it('ends a cut-off traceback at a line that starts a new log record', () => {
    const cut = ['Traceback (most recent call last):', '  File "/app/a.py", line 3, in f']
    const out = group([...cut, '2026-11-25 12:00:00,500 INFO [orders] restarted'])
    expect(out.map(e => e.message)).toEqual([
      cut.join('\n'),
      '2026-11-25 12:00:00,500 INFO [orders] restarted'
    ])
  })

  it('groups a Go panic with its goroutines', () => {
    const out = group([...GO, 'time="2026-11-25T12:00:05Z" level=info msg="starting"'])
    expect(out).toHaveLength(2)
    expect(out[0]?.message).toBe(GO.join('\n'))
    expect(classify(out[0]?.message ?? '').category).toBe('panic')
    expect(classify(out[1]?.message ?? '').category).toBeNull()
  })

  it('groups a Go fatal out-of-memory dump', () => {
    const lines = [
      'fatal error: runtime: out of memory',
      '',
      'runtime stack:',
      'runtime.throw({0x1a2b3c, 0x16})',
      '\t/usr/local/go/src/runtime/panic.go:1047 +0x5d',
      'runtime.sysMap(0xc004000000, 0x4000000, 0x2b3e4f8)',
      '\t/usr/local/go/src/runtime/mem_linux.go:187 +0x11b',
      'goroutine 1 [running]:'
    ]
    const out = group(lines)
    expect(out).toHaveLength(1)
    expect(classify(out[0]?.message ?? '').category).toBe('oom')
  })

  it('groups a Node error stack and the uncaught-exception banner', () => {
    expect(group(NODE).map(e => e.message)).toEqual([NODE.join('\n')])
    const banner = [
      '/app/dist/index.js:10',
      "    throw new Error('boom');",
      '    ^',
      '',
      'Error: boom',
      '    at Object.<anonymous> (/app/dist/index.js:10:11)',
      '    at Module._compile (node:internal/modules/cjs/loader:1358:14)',
      '',
      'Node.js v20.11.0'
    ]
    expect(group(banner).map(e => e.message)).toEqual([banner.join('\n')])
    expect(classify(group(NODE)[0]?.message ?? '').category).toBe('connection_error')
  })

  it('groups a Java OOM logged after an ERROR line, which classify reads as oom', () => {
    const lines = [
      '2026-11-25 12:00:00.123 ERROR [main] c.e.App - Request failed',
      'java.lang.OutOfMemoryError: Java heap space',
      '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)'
    ]
    const out = group(lines)
    expect(out).toHaveLength(1)
    expect(classify(out[0]?.message ?? '').category).toBe('oom')
  })

  it('classifies a grouped NullPointerException trace as exception', () => {
    const out = group([
      '2026-11-25 12:00:00.123 ERROR [main] c.e.App - Request failed',
      'java.lang.NullPointerException: Cannot invoke "Customer.getId()" because "customer" is null',
      '\tat com.example.orders.OrderMapper.toDto(OrderMapper.java:27)'
    ])
    expect(classify(out[0]?.message ?? '').category).toBe('exception')
  })

  it('keeps interleaved streams apart', () => {
    const g = new MultilineGrouper()
    const out: LogEvent[] = []
    const a = JAVA.slice(0, 4)
    const b = NODE
    for (let i = 0; i < 4; i++) {
      out.push(...g.push({ timestamp: 1000 + i, message: a[i] as string, logStream: 'a' }))
      out.push(...g.push({ timestamp: 1000 + i, message: b[i] as string, logStream: 'b' }))
    }
    out.push(...g.flush())
    expect(out).toHaveLength(2)
    const byStream = new Map(out.map(e => [e.logStream, e.message]))
    expect(byStream.get('a')).toBe(a.join('\n'))
    expect(byStream.get('b')).toBe(b.join('\n'))
  })

  it('splits on a time gap', () => {
    const g = new MultilineGrouper({ maxGapMs: 2000 })
    const out: LogEvent[] = []
    out.push(...g.push({ timestamp: 0, message: NODE[0] as string }))
    out.push(...g.push({ timestamp: 500, message: NODE[1] as string }))
    out.push(...g.push({ timestamp: 5000, message: NODE[2] as string }))
    out.push(...g.flush())
    expect(out.map(e => e.message)).toEqual([`${NODE[0]}\n${NODE[1]}`, NODE[2]])
  })

  it('does not merge plain lines, and returns single events unchanged', () => {
    const events: LogEvent[] = [
      { timestamp: 1, message: 'INFO a', logStream: 's' },
      { timestamp: 1, message: 'ERROR b', logStream: 's' },
      { timestamp: 1, message: 'WARN c', logStream: 's' }
    ]
    const g = new MultilineGrouper()
    const out = [...events.flatMap(e => g.push(e)), ...g.flush()]
    expect(out).toHaveLength(3)
    expect(out[0]).toBe(events[0])
    expect(out[1]).toBe(events[1])
    expect(out[2]).toBe(events[2])
  })

  it('passes a multi-line event through after closing the open group', () => {
    const g = new MultilineGrouper()
    const out: LogEvent[] = []
    out.push(...g.push({ timestamp: 1, message: NODE[0] as string }))
    out.push(...g.push({ timestamp: 1, message: NODE[1] as string }))
    const multi = {
      timestamp: 2,
      message: 'Traceback (most recent call last):\n  File "x.py", line 1\nValueError: x'
    }
    out.push(...g.push(multi))
    out.push(...g.flush())
    expect(out.map(e => e.message)).toEqual([`${NODE[0]}\n${NODE[1]}`, multi.message])
    expect(out[1]).toBe(multi)
  })

  it('keeps the other fields of the first event', () => {
    interface Ev extends LogEvent {
      eventId: string
    }
    const g = new MultilineGrouper<Ev>()
    g.push({ timestamp: 1, message: NODE[0] as string, eventId: 'e1', logStream: 's' })
    g.push({ timestamp: 2, message: NODE[1] as string, eventId: 'e2', logStream: 's' })
    const [out] = g.flush()
    expect(out?.eventId).toBe('e1')
    expect(out?.timestamp).toBe(1)
    expect(out?.logStream).toBe('s')
  })

  it('caps huge traces but keeps the root cause and the last line', () => {
    const frames = Array.from(
      { length: 5000 },
      (_, i) => `\tat com.example.Deep.recurse${i}(Deep.java:${i})`
    )
    const lines = [
      'java.lang.StackOverflowError: null',
      ...frames.slice(0, 2500),
      'Caused by: java.lang.IllegalStateException: depth exceeded',
      ...frames.slice(2500),
      '\t... 99 more'
    ]
    const out = group(lines, {
      grouper: new MultilineGrouper({ maxLines: 200, maxChars: 32 * 1024 })
    })
    expect(out).toHaveLength(1)
    const msg = out[0]?.message ?? ''
    const n = msg.split('\n').length
    expect(n).toBeLessThanOrEqual(200 + 3)
    expect(msg.length).toBeLessThanOrEqual(32 * 1024 + 8192)
    expect(msg).toContain('Caused by: java.lang.IllegalStateException: depth exceeded')
    expect(msg.endsWith('\t... 99 more')).toBe(true)
    expect(msg).toMatch(/\.\.\. \d+ more lines omitted \.\.\./)
  })

  it('caps by characters too', () => {
    const long = `\tat ${'x'.repeat(4000)}(X.java:1)`
    const out = group(
      ['java.lang.RuntimeException: big', ...Array.from({ length: 50 }, () => long)],
      {
        grouper: new MultilineGrouper({ maxChars: 16 * 1024 })
      }
    )
    expect(out).toHaveLength(1)
    expect((out[0]?.message ?? '').length).toBeLessThanOrEqual(16 * 1024 + 4200)
  })

  it('keeps at most one open group per stream and flushes them all', () => {
    const g = new MultilineGrouper()
    for (let s = 0; s < 100; s++)
      g.push({ timestamp: 1, message: `line of ${s}`, logStream: `s${s}` })
    expect(g.flush()).toHaveLength(100)
    expect(g.flush()).toHaveLength(0)
  })

  it('is linear: 200,000 events go through quickly', () => {
    const g = new MultilineGrouper()
    const lines = [...JAVA, INFO, ...PYTHON, INFO, ...GO, ...NODE, INFO]
    let n = 0
    for (let i = 0; i < 200_000; i++) {
      n += g.push({
        timestamp: i,
        message: lines[i % lines.length] as string,
        logStream: `s${i % 3}`
      }).length
    }
    n += g.flush().length
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(200_000)
  })

  it('never throws on odd input', () => {
    const g = new MultilineGrouper()
    const odd = [
      '',
      '\u0000',
      Buffer.from([0xff, 0xfe]).toString(),
      'x'.repeat(1_000_000),
      '\t',
      '\r\n'
    ]
    for (const m of odd) g.push({ timestamp: 1, message: m })
    expect(g.flush().length).toBeGreaterThan(0)
  })
})
