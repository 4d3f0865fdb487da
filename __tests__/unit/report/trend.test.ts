import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { emptyHistory, type History, type RunSample } from '../../../src/monitor/history.js'
import { streakSentence, trendMarkdown, TREND_RUNS } from '../../../src/report/trend.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))

/** Every ```mermaid block of a Markdown text. */
function mermaidBlocks(md: string): string[] {
  return [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map(m => m[1] as string)
}

/** mermaid's parser's verdict on each diagram: null when valid. */
function parse(diagrams: string[]): (string | null)[] {
  const r = spawnSync(process.execPath, [path.join(HERE, 'mermaid-parse.mjs')], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    timeout: 60_000
  })
  if (r.status !== 0) throw new Error(`mermaid-parse failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as (string | null)[]
}

function run(i: number, over: Partial<RunSample> = {}): RunSample {
  const at = new Date(Date.UTC(2026, 11, 5, 10, 0) + i * 5 * 60_000).toISOString()
  return {
    at,
    overall: 'healthy',
    failing: [],
    causes: {},
    services: {},
    total: 3,
    errors: 0,
    latency: { domain: 120 + i, api: 80 },
    ...over
  }
}

function history(runs: RunSample[]): History {
  return { ...emptyHistory('prod', 'us-east-1'), runs }
}

const failing = (i: number): RunSample =>
  run(i, {
    overall: 'unhealthy',
    failing: ['cluster', 'service:checkout'],
    services: { checkout: 'unhealthy', 'pay"ments]': 'degraded' },
    errors: 40 + i,
    latency: { 'end"point]\n': 9000 }
  })

describe('trendMarkdown', () => {
  it('draws charts that mermaid parses, hostile probe names included', () => {
    const h = history([run(0), run(1), failing(2), failing(3), run(4)])
    const md = trendMarkdown(h)
    const blocks = mermaidBlocks(md)
    expect(blocks.length).toBe(4) // errors + three latency charts
    expect(parse(blocks)).toEqual(blocks.map(() => null))
    expect(md).toContain('bar [0, 0, 42, 43, 0]')
    expect(md).toContain('| **overall** | 🟩🟩🟥🟥🟩 |')
    expect(md).toContain('| `checkout` | 🟩🟩🟥🟥🟩 |')
  })

  it('the test can fail: mermaid rejects a broken chart', () => {
    const [verdict] = parse(['xychart-beta\n  x-axis ["a", "b"]\n  bar [1, x]'])
    expect(verdict).toMatch(/Parse error/)
  })

  it('keeps the last runs only, labels days when they span more than one', () => {
    // Every 2 hours: the last 30 runs span three days.
    const runs = Array.from({ length: 400 }, (_, i) =>
      run(i, { at: new Date(Date.UTC(2026, 10, 1) + i * 7_200_000).toISOString() })
    )
    const md = trendMarkdown(history(runs))
    expect(md).toContain(`Trend: last ${TREND_RUNS} runs`)
    const axis = /x-axis \[(.*)\]/.exec(md)?.[1] ?? ''
    expect(axis.split(', ')).toHaveLength(TREND_RUNS)
    expect(axis).toMatch(/^"\d\d-\d\d \d\d:00", /)
    expect(parse(mermaidBlocks(md))).toEqual(mermaidBlocks(md).map(() => null))
  })

  it('is empty without runs, and parses with a single run', () => {
    expect(trendMarkdown(history([]))).toBe('')
    const one = mermaidBlocks(trendMarkdown(history([failing(0)])))
    expect(parse(one)).toEqual(one.map(() => null))
  })

  it('says since when, and whether the failure is new or recurring', () => {
    const h = history([failing(0), run(1), failing(2), failing(3)])
    const md = trendMarkdown(h)
    expect(md).toContain(
      'unhealthy since 10:10:00 UTC (2 runs) · recurring: last failed 2026-12-05 10:00:00 UTC'
    )
    expect(
      streakSentence(
        { failing: true, runs: 1, since: '2026-12-05T10:00:00.000Z', earlierFailures: 0 },
        'degraded'
      )
    ).toBe('degraded since 2026-12-05 10:00:00 UTC (1 run) · a new failure')
  })
})
