/**
 * docs/summary-sample.md is generated from the demo scenario by scripts/docs-sample.ts; this
 * regenerates it through the built action and fails when the committed file is stale.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { generateSummarySample, SAMPLE_FILE } from '../../scripts/docs-sample.js'

describe('docs/summary-sample.md', () => {
  it('matches what the built action writes for the demo (npx tsx scripts/docs-sample.ts regenerates it)', async () => {
    expect(existsSync(SAMPLE_FILE)).toBe(true)
    const fresh = await generateSummarySample()
    expect(readFileSync(SAMPLE_FILE, 'utf8')).toBe(fresh)
  })
})
