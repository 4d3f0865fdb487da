import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../../../src/checks/types.js'
import { annotationsOf } from '../../../src/report/annotations.js'

const f = (severity: Finding['severity'], i: number, extra = ''): Finding => ({
  severity,
  check: 'x',
  title: `t${i}${extra}`,
  message: `m${i}${extra}`
})

describe('annotationsOf', () => {
  it('puts the most severe first even when findings arrive unsorted', () => {
    const out = annotationsOf([
      f('degraded', 1),
      f('unhealthy', 2),
      f('degraded', 3),
      f('unhealthy', 4)
    ])
    expect(out.map(a => `${a.level}:${a.title}`)).toEqual([
      'error:t2',
      'error:t4',
      'warning:t1',
      'warning:t3'
    ])
  })

  it('shows at most 10 errors and 10 warnings, and one closing line', () => {
    const many = [
      ...Array.from({ length: 25 }, (_, i) => f('degraded', i)),
      ...Array.from({ length: 25 }, (_, i) => f('unhealthy', i))
    ]
    const out = annotationsOf(many)
    expect(out.filter(a => a.level === 'error').length).toBeLessThanOrEqual(10)
    expect(out.filter(a => a.level === 'warning').length).toBeLessThanOrEqual(10)
    expect(out[0]?.level).toBe('error')
    expect(out.at(-1)?.level).toBe('notice')
    expect(out.at(-1)?.title).toBe('32 more findings')
  })

  it('writes redacted one-liners without pings', () => {
    const [a] = annotationsOf([f('unhealthy', 1, ' @octocat\n::error::x password=hunter2')])
    expect(a?.title).not.toMatch(/\n|@o|hunter2/)
    expect(a?.message).toBe('m1 @\u200boctocat ::error::x password=[REDACTED]')
  })
})
