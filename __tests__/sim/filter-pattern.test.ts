import { describe, expect, it } from '@jest/globals'
import { compileFilterPattern } from '../../sim/index.js'

const lines = [
  'ERROR connection refused',
  'WARN slow query',
  'INFO GET /health 200',
  'ERROR "quoted" value',
  '{"level":"error","status":503,"user":{"id":"u-1"},"tags":["a","b"],"ok":false,"none":null}',
  '{"level":"info","status":200,"path":"/api/orders/1"}'
]
const run = (p: string) => lines.filter(compileFilterPattern(p))

describe('filter patterns', () => {
  it('matches everything for an empty pattern', () => {
    expect(run('')).toHaveLength(lines.length)
    expect(run('   ')).toHaveLength(lines.length)
  })
  it('requires all plain terms, case-sensitively', () => {
    expect(run('ERROR refused')).toEqual(['ERROR connection refused'])
    expect(run('error')).toEqual([lines[4]])
  })
  it('handles quoted phrases with escapes', () => {
    expect(run('"GET /health"')).toEqual(['INFO GET /health 200'])
    expect(run('"\\"quoted\\""')).toEqual(['ERROR "quoted" value'])
  })
  it('handles ?any-of and -exclusion', () => {
    expect(run('?WARN ?refused')).toEqual(['ERROR connection refused', 'WARN slow query'])
    expect(run('ERROR -refused')).toEqual(['ERROR "quoted" value'])
    expect(run('-"/health" INFO')).toEqual([])
  })
  it('evaluates JSON patterns', () => {
    expect(run('{ $.level = "error" }')).toEqual([lines[4]])
    expect(run('{ $.status >= 500 }')).toEqual([lines[4]])
    expect(run('{ $.status != 200 }')).toEqual([lines[4]])
    expect(run('{ $.user.id = "u-*" }')).toEqual([lines[4]])
    expect(run('{ $.tags[1] = "b" }')).toEqual([lines[4]])
    expect(run('{ $.path = "/api/*" && $.status = 200 }')).toEqual([lines[5]])
    expect(run('{ ($.status = 503 || $.status = 200) && $.level = "info" }')).toEqual([lines[5]])
    expect(run('{ $.ok IS FALSE }')).toEqual([lines[4]])
    expect(run('{ $.none IS NULL }')).toEqual([lines[4]])
    expect(run('{ $.path NOT EXISTS }')).toEqual([lines[4]])
    expect(run('{ $.user EXISTS }')).toEqual([lines[4]])
  })
  it('supports %regex%', () => {
    expect(run('%^(WARN|INFO)%')).toEqual(['WARN slow query', 'INFO GET /health 200'])
  })
  it('rejects invalid patterns with InvalidParameterException', () => {
    for (const p of ['{ $.a = }', '{ $.a = "x"', '"open', '[ip, user]', '{ a = 1 }', '%(%'])
      expect(() => compileFilterPattern(p)).toThrow(
        expect.objectContaining({ code: 'InvalidParameterException' })
      )
  })
})
