import { describe, expect, it } from '@jest/globals'
import { classify } from '../../../src/logs/classify.js'
import { REAL_WORLD } from './real-world.js'

describe('real-world log lines from public sources', () => {
  it('holds at least 40 sourced lines across the formats the classifier once misread', () => {
    expect(REAL_WORLD.length).toBeGreaterThanOrEqual(40)
    for (const r of REAL_WORLD) expect(r.source).toMatch(/^https:\/\/\S+$/)
    const formats = new Set(REAL_WORLD.map(r => r.format))
    for (const f of [
      'nginx',
      'gunicorn/uvicorn',
      'dotnet',
      'alb',
      'postgres',
      'shell',
      'json',
      'node'
    ]) {
      expect(formats).toContain(f)
    }
  })

  it('classifies at least 95% of them as expected', () => {
    const wrong = REAL_WORLD.filter(r => classify(r.line).category !== r.expect)
    const accuracy = 1 - wrong.length / REAL_WORLD.length
    expect({ accuracy: accuracy >= 0.95, wrong: wrong.map(r => r.line.slice(0, 120)) }).toEqual({
      accuracy: true,
      wrong: expect.any(Array)
    })
  })

  it.each(REAL_WORLD.map(r => [r.format, r.expect, r.line] as const))(
    '%s line → %s: %s',
    (_format, want, line) => {
      expect(classify(line).category).toBe(want)
    }
  )
})
