import { expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { writeJsonAtomic } from '../../../src/util/files.js'

it('replaces the file whole and leaves no temp file behind', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'))
  const file = path.join(dir, 'nested', 'state.json')
  await writeJsonAtomic(file, { a: 1 })
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 1 })
  await writeJsonAtomic(file, { a: 2, b: 'x'.repeat(100_000) })
  expect(JSON.parse(readFileSync(file, 'utf8')).a).toBe(2)
  expect(readdirSync(path.dirname(file))).toEqual(['state.json'])
})

it('keeps the old file when the write fails', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'))
  const file = path.join(dir, 'state.json')
  writeFileSync(file, '{"old":true}')
  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic
  await expect(writeJsonAtomic(file, cyclic)).rejects.toThrow()
  expect(readFileSync(file, 'utf8')).toBe('{"old":true}')
  expect(readdirSync(dir)).toEqual(['state.json'])
})
