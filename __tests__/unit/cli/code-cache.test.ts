/** The CLI bundle's loader with V8's code cache (src/cli/code-cache.ts), on a small bundle. */
import { describe, expect, it } from '@jest/globals'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  BUNDLE_PREAMBLE,
  bundleAsScript,
  cacheDirectory,
  loadBundle
} from '../../../src/cli/code-cache.js'

/**
 * A bundle of ncc's shape that writes its own URL and `this` to `out`, via a required module.
 * Each load gets its own copy of it (same content, so the same cache file): V8 keeps what it
 * compiled in the process by file name, and would not look at the cache for a name it knows.
 */
function bundle(dir: string, out: string, extra = ''): string {
  const file = path.join(mkdtempSync(path.join(dir, 'copy-')), 'index.js')
  writeFileSync(
    file,
    `${BUNDLE_PREAMBLE}
const fs = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
const p = Promise.resolve(/* import() */).then(() => 1);
fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ url: import.meta.url, self: typeof this }));
${extra}`
  )
  return file
}

function saver(): { atExit: (f: () => void) => void; save: () => void } {
  let saved: (() => void) | undefined
  return {
    atExit: f => (saved = f),
    save: () => {
      expect(saved).toBeDefined()
      saved?.()
    }
  }
}

describe('bundleAsScript', () => {
  it('makes a strict function of an ncc module bundle, its lines where they were', () => {
    const src = `${BUNDLE_PREAMBLE}\nconst u = import.meta.url;\n/* import() */ x();\n`
    const script = bundleAsScript(src)
    expect(script).toMatch(
      /^\(function \(__WEBPACK_EXTERNAL_createRequire, (\w+)\) \{"use strict";/
    )
    expect(script).not.toContain('import.meta')
    expect(script?.split('\n').length).toBe(src.split('\n').length + 1)
  })

  it('leaves a bundle of another shape to the module loader', () => {
    expect(bundleAsScript('const a = 1;\n')).toBeUndefined()
    expect(bundleAsScript(`${BUNDLE_PREAMBLE}\nawait import("./chunk.js");\n`)).toBeUndefined()
    expect(bundleAsScript(`${BUNDLE_PREAMBLE}\nconst r = import.meta.resolve("x");\n`)).toBe(
      undefined
    )
  })
})

describe('loadBundle', () => {
  it('compiles once, reads the cache back, and replaces a cache V8 rejects', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-cc-'))
    const out = path.join(dir, 'out.json')
    const env = { NODE_COMPILE_CACHE: path.join(dir, 'cache') }
    const cacheDir = path.join(dir, 'cache', 'aws-ecs-monitor')

    const first = saver()
    const file = bundle(dir, out)
    expect(await loadBundle(file, { env, atExit: first.atExit })).toBe('cache-miss')
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      url: pathToFileURL(file).href,
      self: 'undefined'
    })
    first.save()
    const [cached, ...others] = readdirSync(cacheDir)
    expect(others).toEqual([])
    expect(cached).toMatch(/^[0-9a-f]{32}\.bin$/)

    const second = saver()
    expect(await loadBundle(bundle(dir, out), { env, atExit: second.atExit })).toBe('cache-hit')

    writeFileSync(path.join(cacheDir, cached as string), 'not a code cache')
    const third = saver()
    expect(await loadBundle(bundle(dir, out), { env, atExit: third.atExit })).toBe('cache-rejected')
    third.save()
    expect(readFileSync(path.join(cacheDir, cached as string)).length).toBeGreaterThan(100)
    expect(await loadBundle(bundle(dir, out), { env, atExit: saver().atExit })).toBe('cache-hit')

    // Another bundle content is another file.
    const changed = bundle(dir, out, '// changed\n')
    expect(await loadBundle(changed, { env, atExit: saver().atExit })).toBe('cache-miss')
  })

  it('runs without a cache where it is off or others may write to it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-cc-'))
    const file = bundle(dir, path.join(dir, 'out.json'))
    const off = { NODE_COMPILE_CACHE: path.join(dir, 'cache'), NODE_DISABLE_COMPILE_CACHE: '1' }
    expect(await loadBundle(file, { env: off, atExit: saver().atExit })).toBe('no-cache')

    const env = { NODE_COMPILE_CACHE: path.join(dir, 'shared') }
    expect(cacheDirectory(env)).toBe(path.join(dir, 'shared', 'aws-ecs-monitor'))
    expect(statSync(path.join(dir, 'shared', 'aws-ecs-monitor')).mode & 0o777).toBe(0o700)
    chmodSync(path.join(dir, 'shared', 'aws-ecs-monitor'), 0o777)
    expect(cacheDirectory(env)).toBeUndefined()
    expect(await loadBundle(file, { env, atExit: saver().atExit })).toBe('no-cache')
  })
})

describe('loadBundle, a bundle of another shape', () => {
  it('imports it as the module it is', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-cc-'))
    const out = path.join(dir, 'out.txt')
    const file = path.join(dir, 'index.mjs')
    writeFileSync(
      file,
      `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(out)}, import.meta.url)\n`
    )
    const env = { NODE_COMPILE_CACHE: path.join(dir, 'cache') }
    expect(await loadBundle(file, { env, atExit: saver().atExit })).toBe('module')
    expect(readFileSync(out, 'utf8')).toBe(pathToFileURL(file).href)
  })
})
