#!/usr/bin/env node
/**
 * CLI entry point (`aws-ecs-monitor`, `dist/cli/index.js`). Kept tiny: `--version` answers
 * without loading the CLI, and the CLI bundle (`dist/cli/main/index.js`, the AWS SDK above all)
 * is compiled once and then read from a compile cache: Node's own on Node ≥ 22.1, V8's code cache
 * through `src/cli/code-cache.ts` before that (`NODE_COMPILE_CACHE` names the directory of
 * either; by default it is under the system's temp directory).
 */
import * as nodeModule from 'node:module'
import { fileURLToPath } from 'node:url'
import { loadBundle } from './cli/code-cache.js'
import { VERSION } from './version.js'

const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${VERSION}\n`)
} else {
  // A separate bundle, not a chunk of this one: Node caches the compiled code of a file it
  // imports, not of chunks a bundler loads itself.
  const bundle = './main/index.js'
  // Not in Node 20's `node:module`: looked up, not imported by name.
  const enableCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache
  if (enableCache) {
    try {
      enableCache()
    } catch {
      // A cache that cannot be written only costs the time it would have saved.
    }
    await import(/* webpackIgnore: true */ bundle)
  } else {
    await loadBundle(fileURLToPath(new URL(bundle, import.meta.url)), { env: process.env })
  }
}
