import { describe, expect, it } from '@jest/globals'
import {
  appendRun,
  decodeHistory,
  emptyHistory,
  encodeHistory,
  encodeWithin,
  isFailing,
  MAX_RUNS,
  streakOf,
  type RunSample
} from '../../../src/monitor/history.js'

function run(i: number, failing: string[] = []): RunSample {
  return {
    at: new Date(Date.UTC(2026, 11, 5, 10) + i * 300_000).toISOString(),
    overall: failing.length ? 'unhealthy' : 'healthy',
    failing,
    causes: {},
    services: {},
    total: 2,
    errors: 0,
    latency: {}
  }
}

describe('history', () => {
  it('counts a unit’s streak, since when, and its earlier failures', () => {
    let h = emptyHistory('prod', 'us-east-1')
    for (const f of [['cluster'], [], ['cluster'], ['cluster'], ['cluster']]) {
      h = appendRun(h, run(h.runs.length, f))
    }
    expect(streakOf(h, 'cluster')).toEqual({
      failing: true,
      runs: 3,
      since: run(2).at,
      earlierFailures: 1,
      lastFailureBefore: run(0).at
    })
    expect(streakOf(h, 'service:web')).toMatchObject({
      failing: false,
      runs: 5,
      earlierFailures: 0
    })
    expect(streakOf(emptyHistory('p', 'r'), 'cluster')).toEqual({
      failing: false,
      runs: 0,
      earlierFailures: 0
    })
  })

  it('keeps the last 500 runs', () => {
    let h = emptyHistory('prod', 'us-east-1')
    for (let i = 0; i < MAX_RUNS + 20; i++) h = appendRun(h, run(i))
    expect(h.runs).toHaveLength(MAX_RUNS)
    expect(h.runs[0]?.at).toBe(run(20).at)
  })

  it('round-trips through its encoding, and refuses another cluster’s or garbage', () => {
    const h = appendRun(emptyHistory('prod', 'us-east-1'), run(0, ['cluster']))
    const text = encodeHistory(h)
    expect(text).toMatch(/^[A-Za-z0-9+/=]+$/)
    expect(decodeHistory(text, 'prod', 'us-east-1')).toEqual(h)
    expect(decodeHistory(text, 'staging', 'us-east-1')).toBeUndefined()
    expect(decodeHistory('not base64 gzip', 'prod', 'us-east-1')).toBeUndefined()
  })

  it('drops the oldest runs until the encoding fits its budget', () => {
    let h = emptyHistory('prod', 'us-east-1')
    for (let i = 0; i < MAX_RUNS; i++) {
      const r = run(i, ['cluster'])
      // Incompressible detail, as on a large cluster with many failing services.
      r.causes = { [`service:s${i}`]: Math.random().toString(36).repeat(4) }
      h = appendRun(h, r)
    }
    const { text, kept } = encodeWithin(h, 10_000)
    expect(text.length).toBeLessThanOrEqual(10_000)
    expect(kept).toBeGreaterThan(10)
    expect(kept).toBeLessThan(MAX_RUNS)
    const back = decodeHistory(text, 'prod', 'us-east-1')
    expect(back?.runs).toEqual(h.runs.slice(-kept))
    expect(encodeWithin(h, 1_000_000).kept).toBe(MAX_RUNS)
  })

  it('fails a run on what fail-on fails the step on', () => {
    expect(isFailing('unhealthy', 'never')).toBe(true)
    expect(isFailing('degraded', 'degraded')).toBe(true)
    expect(isFailing('degraded', 'unhealthy')).toBe(false)
  })
})
