/**
 * Loads the CLI bundle (`dist/cli/main/index.js`) with V8's code cache on the Node versions whose
 * `node:module` has no `enableCompileCache` (Node 20 to 22.0). Compiling the 2 MB bundle, the AWS
 * SDK above all, is most of the CLI's start-up there: about 60 of 145 ms to the first AWS request
 * on a 2-core machine. With the cache, V8 reads back the code it compiled on an earlier run.
 *
 * The bundle is an ES module only in three places that ncc writes: its first line imports
 * `createRequire`, `import.meta.url` names the file, and the module runs in strict mode. A
 * `vm.Script` can carry a code cache where a module cannot on these versions, so the loader
 * turns the bundle into a strict function of those two things. A bundle of any other shape is
 * imported as the module it is, without a cache.
 *
 * The cache lives where Node ≥ 22.1 keeps its own: `NODE_COMPILE_CACHE`, or `node-compile-cache`
 * under the system's temp directory, in an `aws-ecs-monitor` directory that must belong to the
 * user and be writable by no one else (compiled code read from a directory another user can
 * write to would run as this user). `NODE_DISABLE_COMPILE_CACHE` turns it off, as for Node's.
 * A file per bundle content, Node version and architecture; written once, when the process exits,
 * so that it holds the functions the run compiled on demand as well.
 */
import { createHash } from 'node:crypto'
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'

/** The first line of an ncc ES-module bundle. */
export const BUNDLE_PREAMBLE =
  'import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";'
const URL_PARAM = '__awsEcsMonitorBundleUrl'

/**
 * The bundle as the source of a strict function `(createRequire, url) => void`, or undefined
 * when it has a shape the loader does not know: no preamble, a dynamic `import(` (a script has no
 * module loader for it), or `import.meta` used other than for `.url`. The line numbers of the
 * bundle stay as they are, so stack traces point where they would.
 */
export function bundleAsScript(source: string): string | undefined {
  if (!source.startsWith(BUNDLE_PREAMBLE)) return undefined
  const body = source.slice(BUNDLE_PREAMBLE.length).replaceAll('import.meta.url', URL_PARAM)
  // webpack leaves `/* import() */` where it turned a dynamic import into a require.
  if (body.includes('import.meta') || /(?<!\/\* )\bimport\s*\(/.test(body)) return undefined
  return `(function (__WEBPACK_EXTERNAL_createRequire, ${URL_PARAM}) {"use strict";${body}\n})`
}

/** The cache directory, created if need be, or undefined where it is off or not safe to read. */
export function cacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined
  const root = env.NODE_COMPILE_CACHE || path.join(tmpdir(), 'node-compile-cache')
  const dir = path.join(root, 'aws-ecs-monitor')
  try {
    // The shared directory as Node would make it (other users' Node caches go there too); ours
    // inside it for this user alone.
    mkdirSync(root, { recursive: true })
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const st = lstatSync(dir)
    const uid = process.getuid?.()
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0)
      return undefined
    return dir
  } catch {
    return undefined
  }
}

/**
 * How the bundle was loaded: imported as a module (`module`), or compiled as a script with its
 * cache read (`cache-hit`), not there yet (`cache-miss`), rejected by V8 (`cache-rejected`:
 * another Node build or V8 flags), or with the cache off or unsafe (`no-cache`).
 */
export type BundleLoad = 'module' | 'cache-hit' | 'cache-miss' | 'cache-rejected' | 'no-cache'

export interface LoadOptions {
  env: NodeJS.ProcessEnv
  /** Runs `save` when the process exits (the default); tests call it themselves. */
  atExit?: (save: () => void) => void
}

/** Loads and runs the bundle at `file`, with the code cache where it can. */
export async function loadBundle(file: string, options: LoadOptions): Promise<BundleLoad> {
  const raw = readFileSync(file)
  const source = bundleAsScript(raw.toString('utf8'))
  if (source === undefined) return importModule(file)
  const dir = cacheDirectory(options.env)
  const cacheFile =
    dir &&
    path.join(
      dir,
      createHash('sha256')
        .update(`${process.version} ${process.arch}\n`)
        .update(raw)
        .digest('hex')
        .slice(0, 32) + '.bin'
    )
  let cachedData: Buffer | undefined
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile)
  } catch {
    // No cache yet.
  }
  let script: vm.Script
  try {
    script = new vm.Script(source, { filename: file, cachedData })
  } catch {
    // A bundle that is not valid as a function body (top-level await, say) is a module still.
    return importModule(file)
  }
  const load: BundleLoad = !cacheFile
    ? 'no-cache'
    : cachedData === undefined
      ? 'cache-miss'
      : script.cachedDataRejected
        ? 'cache-rejected'
        : 'cache-hit'
  if (cacheFile && load !== 'cache-hit') {
    const save = (): void => {
      const temp = `${cacheFile}.${process.pid}.tmp`
      try {
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 })
        renameSync(temp, cacheFile)
      } catch {
        // A cache that cannot be written only costs the time it would have saved.
      }
    }
    ;(options.atExit ?? (f => process.once('exit', f)))(save)
  }
  const run = script.runInThisContext() as (req: typeof createRequire, url: string) => void
  run(createRequire, pathToFileURL(file).href)
  return load
}

async function importModule(file: string): Promise<BundleLoad> {
  await import(/* webpackIgnore: true */ pathToFileURL(file).href)
  return 'module'
}
