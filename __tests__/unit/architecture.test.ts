/**
 * The layout of src/ as a test: no import cycles, layers that point one way (docs/architecture.md
 * draws them), and pure log analysis and renderers that reach no AWS, GitHub or file system.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src')

/** Layer of a module (path relative to src/): a module may import its own layer or lower ones. */
const LAYERS: [prefix: string, rank: number][] = [
  ['util/', 0],
  ['version.ts', 0],
  ['errors.ts', 1],
  ['config.ts', 1],
  ['aws/', 2],
  ['logs/read/', 4],
  ['checks/', 3],
  ['logs/', 3],
  ['deploy/', 3],
  ['monitor/', 4],
  ['report/', 5],
  ['github/', 5],
  ['pipeline/types.ts', 3],
  ['pipeline/', 6],
  ['action/', 7],
  ['cli/', 7],
  ['index.ts', 8],
  ['bin.ts', 8]
]

function layerOf(rel: string): number {
  const hit = LAYERS.find(([prefix]) => rel === prefix || rel.startsWith(prefix))
  if (!hit) throw new Error(`src/${rel} is in no layer: add it to LAYERS`)
  return hit[1]
}

/** Pure modules: no I/O packages, no AWS wrappers, no readers. */
function isPure(rel: string): boolean {
  return (
    (rel.startsWith('logs/') && !rel.startsWith('logs/read/')) ||
    rel.startsWith('report/') ||
    rel.startsWith('monitor/')
  )
}
const IMPURE_PACKAGES = /^(?:@aws-sdk\/|@actions\/|node:fs|node:net|node:tls|node:https?$)/

interface Import {
  spec: string
  typeOnly: boolean
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory()
      ? filesUnder(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : []
  )
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8')
  const out: Import[] = []
  const re = /^(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm
  for (const m of text.matchAll(re)) {
    out.push({ spec: m[3] as string, typeOnly: m[2] !== undefined })
  }
  return out
}

const modules = new Map<string, Import[]>()
for (const f of filesUnder(SRC)) modules.set(path.relative(SRC, f), importsOf(f))

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  return path.relative(SRC, path.resolve(SRC, path.dirname(from), spec.replace(/\.js$/, '.ts')))
}

describe('architecture', () => {
  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>()
    const cycles: string[] = []
    const visit = (m: string, trail: string[]): void => {
      if (state.get(m) === 'done') return
      if (state.get(m) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(m)), m].join(' → '))
        return
      }
      state.set(m, 'open')
      for (const i of modules.get(m) ?? []) {
        const dep = resolve(m, i.spec)
        if (dep && modules.has(dep)) visit(dep, [...trail, m])
      }
      state.set(m, 'done')
    }
    for (const m of modules.keys()) visit(m, [])
    expect(cycles).toEqual([])
  })

  it('imports point down the layers', () => {
    const upward: string[] = []
    for (const [m, imports] of modules) {
      for (const i of imports) {
        const dep = resolve(m, i.spec)
        if (dep && layerOf(dep) > layerOf(m)) upward.push(`${m} → ${dep}`)
      }
    }
    expect(upward).toEqual([])
  })

  it('keeps log analysis and renderers pure', () => {
    const impure: string[] = []
    for (const [m, imports] of modules) {
      if (!isPure(m)) continue
      for (const i of imports) {
        const dep = resolve(m, i.spec)
        if (!i.typeOnly && IMPURE_PACKAGES.test(i.spec)) impure.push(`${m} → ${i.spec}`)
        if (dep && (dep.startsWith('aws/') || dep.startsWith('logs/read/')) && !i.typeOnly)
          impure.push(`${m} → ${dep}`)
      }
    }
    expect(impure).toEqual([])
  })

  it('sees every module of src/', () => {
    expect(modules.size).toBeGreaterThan(40)
    expect([...modules.keys()].filter(m => importsOf(path.join(SRC, m)).length === 0)).toEqual(
      expect.not.arrayContaining(['pipeline/health.ts'])
    )
  })
})
