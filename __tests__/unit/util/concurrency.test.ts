import { describe, expect, it } from '@jest/globals'
import { chunk, createLimiter, mapLimit } from '../../../src/util/concurrency.js'

describe('mapLimit', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0
    let peak = 0
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async n => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise(r => setTimeout(r, n))
      inFlight--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30])
    expect(peak).toBe(2)
  })

  it('handles an empty list', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([])
  })
})

describe('chunk', () => {
  it('splits into batches of the API maximum', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunk([], 10)).toEqual([])
    expect(() => chunk([1], 0)).toThrow(RangeError)
  })
})

describe('createLimiter', () => {
  it('bounds calls started from anywhere, serves them in order, and frees slots on failure', async () => {
    const run = createLimiter(2)
    let inFlight = 0
    let peak = 0
    const started: number[] = []
    const task = (n: number, fail = false) =>
      run(async () => {
        started.push(n)
        inFlight++
        peak = Math.max(peak, inFlight)
        await new Promise(r => setTimeout(r, 5))
        inFlight--
        if (fail) throw new Error(`task ${n}`)
        return n
      })
    const results = await Promise.allSettled([
      task(1, true),
      task(2, true),
      task(3),
      task(4),
      // Started from inside another call, as recursive splitting does.
      run(async () => task(5))
    ])
    expect(peak).toBe(2)
    expect(started.slice(0, 4)).toEqual([1, 2, 3, 4])
    expect(results.map(r => r.status)).toEqual([
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled'
    ])
    // Every slot came back: two more calls still run side by side.
    await Promise.all([task(6), task(7)])
    expect(inFlight).toBe(0)
  })
})
