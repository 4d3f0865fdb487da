/** The job summary as GitHub renders it (GFM): the sample of the demo incident, and the checker. */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gfmProblems } from './gfm.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

describe('the summary rendered with GFM', () => {
  it('renders the demo incident summary with no broken table, open details or wide table', () => {
    const sample = readFileSync(path.join(ROOT, 'docs/summary-sample.md'), 'utf8')
    const summary = sample.slice(sample.indexOf('\n---\n') + 5)
    expect(summary).toContain('### Services')
    expect(gfmProblems(summary)).toEqual([])
  })

  it('finds what GitHub would show broken', () => {
    const bad = [
      '| a | b |',
      '| --- | --- |',
      '| 1 | 2 | 3 |',
      '',
      '<details><summary>x</summary>',
      '| c | d |',
      '| --- | --- |',
      '| 1 | 2 |',
      '',
      '| a | b | c | d | e | f |',
      '| --- | --- | --- | --- | --- | --- |',
      '| 1 | 2 | 3 | 4 | 5 | 6 |',
      ''
    ].join('\n')
    const problems = gfmProblems(bad)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^row with 3 cells, header 2/),
        expect.stringMatching(/^table row GitHub shows as text/),
        expect.stringMatching(/^table of 6 columns/),
        expect.stringMatching(/^1 <details> not closed/),
        expect.stringMatching(/^no blank line after <summary>x/)
      ])
    )
  })
})
