import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { removeStaleTemps, STALE_TEMP_MS, writeJsonAtomic } from '../../../src/util/files.js'

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

describe('stale temp files of killed writers', () => {
  /** A pid no process has any more: a child that already exited. */
  const deadPid = (): number => {
    const child = spawnSync(process.execPath, ['-e', ''])
    expect(child.pid).toBeGreaterThan(0)
    return child.pid as number
  }
  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })
  const setup = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atomic-'))
    dirs.push(dir)
    const file = path.join(dir, 'state.json')
    const put = (name: string, ageMs = 0) => {
      writeFileSync(path.join(dir, name), '{"half":')
      const t = new Date(Date.now() - ageMs)
      utimesSync(path.join(dir, name), t, t)
    }
    return { dir, file, put }
  }

  it('removes the temp file of a writer that is gone, at the next write', async () => {
    const { dir, file, put } = setup()
    const left = `.state.json.${deadPid()}.0123abcd.tmp`
    put(left)
    await writeJsonAtomic(file, { a: 1 })
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('keeps a fresh temp file of a live writer, removes one older than 10 minutes', async () => {
    const { dir, file, put } = setup()
    const fresh = `.state.json.${process.pid}.00ff00ff.tmp`
    const old = `.state.json.${process.pid}.11ee11ee.tmp`
    put(fresh, STALE_TEMP_MS - 60_000)
    put(old, STALE_TEMP_MS + 60_000)
    await writeJsonAtomic(file, { a: 1 })
    expect(readdirSync(dir).sort()).toEqual([fresh, 'state.json'].sort())
  })

  it('leaves other files alone', async () => {
    const { dir, file, put } = setup()
    const pid = deadPid()
    const others = [
      `.other.json.${pid}.0123abcd.tmp`, // another file's temp
      `.state.json.x.${pid}.0123abcd.tmp`,
      `.state.json.${pid}.0123ABCD.tmp`,
      `.state.json.${pid}.0123abc.tmp`,
      `.state.json.${pid}.0123abcd.tmp.bak`,
      `state.json.${pid}.0123abcd.tmp`,
      'notes.txt'
    ]
    for (const name of others) put(name, STALE_TEMP_MS * 2)
    await writeJsonAtomic(file, { a: 1 })
    expect(readdirSync(dir).sort()).toEqual([...others, 'state.json'].sort())
  })

  it('removes only what the time and pid allow (injected clock)', async () => {
    const { dir, put } = setup()
    const mine = `.state.json.${process.pid}.aaaaaaaa.tmp`
    put(mine)
    await removeStaleTemps(dir, 'state.json', Date.now() + STALE_TEMP_MS - 1000)
    expect(readdirSync(dir)).toEqual([mine])
    await removeStaleTemps(dir, 'state.json', Date.now() + STALE_TEMP_MS + 1000)
    expect(readdirSync(dir)).toEqual([])
  })

  it('does not fail the write when the directory cannot be cleaned', async () => {
    await expect(removeStaleTemps('/nonexistent/dir', 'state.json')).resolves.toBeUndefined()
  })
})
