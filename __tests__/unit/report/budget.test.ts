import { describe, expect, it } from '@jest/globals'
import {
  byteLength,
  cutMarkdown,
  fitSummary,
  leftOutNote,
  type SummaryPart
} from '../../../src/report/budget.js'

function part(name: string, rank: number, size: number): SummaryPart {
  const sample = '```text\n' + 'x'.repeat(size) + '\n```\n'
  const body = `${'- evidence\n'.repeat(20)}\n`
  return {
    full: `<details><summary><b>${name}</b>: x</summary>\n\n${body}${sample}\n</details>\n\n`,
    lean: `<details><summary><b>${name}</b>: x</summary>\n\n${body}</details>\n\n`,
    stub: `- **${name}**: x _(details left out)_\n\n`,
    rank,
    name
  }
}

const head: SummaryPart = { full: '## report\n\n', rank: Infinity }

describe('fitSummary', () => {
  it('keeps everything when it fits, with no note', () => {
    const r = fitSummary([head, part('a', 3, 10)], 10_000)
    expect(r.markdown).toBe(head.full + part('a', 3, 10).full)
    expect(r).toMatchObject({ samplesLeftOut: [], detailsLeftOut: [], cut: false })
  })

  it('drops samples first, least severe first, and says so', () => {
    const parts = [head, part('crit', 3, 400), part('warn', 2, 400), part('info', 1, 400)]
    const full = parts.reduce((n, p) => n + byteLength(p.full), 0)
    const r = fitSummary(parts, full - 100)
    expect(r.samplesLeftOut).toEqual(['info'])
    expect(r.detailsLeftOut).toEqual([])
    expect(r.markdown).toContain('<b>crit</b>')
    expect(r.markdown).toMatch(/Parts of this report cut to fit .*: log samples of info\./)
    expect(r.bytes).toBeLessThanOrEqual(full - 100)
  })

  it('then replaces the details of the least severe services by one line', () => {
    const parts = [head, part('crit', 3, 400), part('warn', 2, 400), part('info', 1, 400)]
    const r = fitSummary(parts, 900)
    expect(r.bytes).toBeLessThanOrEqual(900)
    expect(r.detailsLeftOut).toContain('info')
    expect(r.detailsLeftOut).not.toContain('crit')
    expect(r.markdown).toContain('- **info**: x _(details left out)_')
    expect(r.markdown).toContain('<details><summary><b>crit</b>')
    expect(r.cut).toBe(false)
  })

  it('cuts a report whose fixed parts alone are too big, closing what it leaves open', () => {
    const big: SummaryPart = {
      full:
        '<details><summary>x</summary>\n\n```text\n' + 'line\n'.repeat(500) + '```\n\n</details>\n',
      rank: Infinity
    }
    const r = fitSummary([head, big], 1000)
    expect(r.cut).toBe(true)
    expect(r.bytes).toBeLessThanOrEqual(1000)
    expect(r.markdown).toMatch(/```\n\n<\/details>\n/)
    expect(r.markdown).toMatch(/the end of the report/)
  })

  it('counts bytes, not characters', () => {
    const r = fitSummary([head, { ...part('é', 1, 10), full: '🔴'.repeat(300) }], 500)
    expect(r.bytes).toBeLessThanOrEqual(500)
  })
})

describe('cutMarkdown', () => {
  it('cuts at a line and closes a fence and details', () => {
    const md =
      '<details><summary>a</summary>\n\n````text\n' + 'x\n'.repeat(100) + '````\n</details>\n'
    const out = cutMarkdown(md, 120)
    expect(byteLength(out)).toBeLessThanOrEqual(120)
    expect(out).toMatch(/\n````\n\n<\/details>\n$/)
  })
})

describe('leftOutNote', () => {
  it('names at most 15 parts and counts the rest', () => {
    const names = Array.from({ length: 20 }, (_, i) => `svc-${i}`)
    const note = leftOutNote([], names, false)
    expect(note).toContain('svc-14 and 5 more')
    expect(note).not.toContain('svc-15')
    expect(leftOutNote([], [], false)).toBe('')
  })
})
