import { describe, expect, it } from '@jest/globals'
import {
  checkScenario,
  GeneratedSource,
  type GeneratorSpec,
  type NormalizedGenerator
} from '../../sim/index.js'
import { lowerBound } from '../../sim/generate.js'
import { NOW } from './helpers.js'

function gen(spec: GeneratorSpec, group = '/ecs/api'): NormalizedGenerator {
  const s = checkScenario({ logGroups: [{ name: group, generate: [spec] }] }, NOW)
  const g = s.logGroups[0]?.generate[0]
  if (!g) throw new Error('no generator')
  return g
}

function messages(src: GeneratedSource, from = 0, n = src.length): string[] {
  const out: string[] = []
  for (let i = from; i < Math.min(src.length, from + n); i++) out.push(src.message(i))
  return out
}

describe('log generators', () => {
  it('produces exactly count events, time-ordered inside the window', () => {
    const src = new GeneratedSource(
      gen({ kind: 'app', count: 20_000, minutes: 30, errorRate: 0.1, severeRate: 0.02 })
    )
    expect(src.length).toBe(20_000)
    let prev = -Infinity
    let ordered = true
    for (let i = 0; i < src.length; i++) {
      const t = src.ts(i)
      if (t < prev) ordered = false
      prev = t
    }
    expect(ordered).toBe(true)
    expect(src.ts(0)).toBeGreaterThanOrEqual(NOW - 30 * 60_000)
    expect(src.ts(src.length - 1)).toBeLessThan(NOW)
  })

  it('keeps timestamps ordered even when events are denser than 1 per ms', () => {
    const src = new GeneratedSource(
      gen({ kind: 'app', count: 50_000, minutes: 0.5, errorRate: 0.3, severeRate: 0.1 })
    )
    let ordered = true
    for (let i = 1; i < src.length; i++) if (src.ts(i) < src.ts(i - 1)) ordered = false
    expect(ordered).toBe(true)
  })

  it('is deterministic for a seed and differs across seeds', () => {
    const a = new GeneratedSource(gen({ kind: 'access', count: 500, seed: 1 }))
    const b = new GeneratedSource(gen({ kind: 'access', count: 500, seed: 1 }))
    const c = new GeneratedSource(gen({ kind: 'access', count: 500, seed: 2 }))
    expect(messages(a)).toEqual(messages(b))
    expect(a.streamNames).toEqual(b.streamNames)
    expect(messages(a)).not.toEqual(messages(c))
    // Random access: an event does not depend on reading the ones before it.
    expect(a.message(321)).toBe(messages(b)[321])
  })

  it('writes nginx access lines with health checks and some 5xx', () => {
    const src = new GeneratedSource(
      gen({ kind: 'access', count: 5000, errorRate: 0.05, healthCheckRate: 0.2 })
    )
    const lines = messages(src)
    const nginx =
      /^\d+\.\d+\.\d+\.\d+ - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "(GET|POST|PUT|DELETE) \S+ HTTP\/1\.1" (\d{3}) \d+ "[^"]*" "[^"]*" \d+\.\d{3}$/
    expect(lines.every(l => nginx.test(l))).toBe(true)
    const health = lines.filter(l => l.includes('"ELB-HealthChecker/2.0"'))
    expect(health.length / lines.length).toBeGreaterThan(0.15)
    expect(health.length / lines.length).toBeLessThan(0.25)
    expect(health.every(l => /"GET \/(health|healthz|ping) HTTP/.test(l))).toBe(true)
    const s5xx = lines.filter(l => / 5\d\d \d+ "/.test(l))
    expect(s5xx.length / lines.length).toBeGreaterThan(0.02)
    expect(s5xx.length / lines.length).toBeLessThan(0.08)
  })

  it('writes Gin and JSON access lines', () => {
    const gin = messages(new GeneratedSource(gen({ kind: 'access', count: 200, format: 'gin' })))
    expect(
      gin.every(l =>
        /^\[GIN\] \d{4}\/\d{2}\/\d{2} - \d{2}:\d{2}:\d{2} \| \d{3} \|\s+[\d.]+m?s \|\s+[\d.]+ \| \w+\s+"\S+"$/.test(
          l
        )
      )
    ).toBe(true)
    const json = messages(new GeneratedSource(gen({ kind: 'access', count: 200, format: 'json' })))
    const parsed = json.map(l => JSON.parse(l) as { status: number; path: string })
    expect(parsed.every(p => typeof p.status === 'number' && p.path.startsWith('/'))).toBe(true)
  })

  it('writes app lines with levels and multi-line Java stack traces in one stream', () => {
    const src = new GeneratedSource(
      gen({ kind: 'app', count: 4000, errorRate: 0.1, style: 'java' })
    )
    const lines = messages(src)
    expect(lines.some(l => / INFO 1 --- /.test(l))).toBe(true)
    expect(lines.some(l => / WARN 1 --- /.test(l))).toBe(true)
    expect(lines.some(l => /ERROR 1 --- /.test(l))).toBe(true)
    const head = lines.findIndex(l => l.includes('Unhandled exception while processing'))
    expect(head).toBeGreaterThanOrEqual(0)
    expect(lines[head + 1]).toMatch(/^[\w.]+(Exception|Error): /)
    expect(lines[head + 2]).toMatch(/^\tat /)
    expect(src.stream(head + 2)).toBe(src.stream(head))
    expect(src.ts(head + 2) - src.ts(head)).toBeLessThanOrEqual(2)
    expect(lines.some(l => l.includes('OutOfMemoryError'))).toBe(false) // no crash unless asked
  })

  it('writes crashes only with severeRate, per style', () => {
    const java = messages(new GeneratedSource(gen({ kind: 'app', count: 2000, severeRate: 0.05 })))
    expect(java.some(l => l === 'java.lang.OutOfMemoryError: Java heap space')).toBe(true)
    const go = messages(
      new GeneratedSource(gen({ kind: 'app', count: 2000, severeRate: 0.05, style: 'go' }))
    )
    expect(go.some(l => l.startsWith('panic: runtime error'))).toBe(true)
    expect(go.some(l => /^time="[^"]+" level=info msg=/.test(l))).toBe(true)
    const py = messages(
      new GeneratedSource(gen({ kind: 'app', count: 2000, errorRate: 0.2, style: 'python' }))
    )
    expect(py).toContain('Traceback (most recent call last):')
    const node = messages(
      new GeneratedSource(gen({ kind: 'app', count: 2000, severeRate: 0.05, style: 'node' }))
    )
    expect(node.some(l => l.includes('JavaScript heap out of memory'))).toBe(true)
  })

  it('picks from given lines and fills placeholders', () => {
    const lines = messages(
      new GeneratedSource(
        gen({ kind: 'lines', count: 50, lines: ['{iso} job {n} done', 'worker {hex} from {ip}'] })
      )
    )
    expect(
      lines.every(l =>
        /^\d{4}-\d\d-\d\dT[\d:.]+Z job \d+ done$|^worker [0-9a-f]{8} from 10\.0\.\d+\.\d+$/.test(l)
      )
    ).toBe(true)
  })

  it('handles a million events lazily', () => {
    const t0 = performance.now()
    const src = new GeneratedSource(gen({ kind: 'access', count: 1_000_000, minutes: 60 }))
    const mid = lowerBound(src, NOW - 30 * 60_000)
    expect(Math.abs(mid - 500_000)).toBeLessThan(10)
    const page = messages(src, mid, 10_000)
    expect(page).toHaveLength(10_000)
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})
