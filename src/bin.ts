#!/usr/bin/env node
/**
 * CLI entry point (`aws-ecs-monitor`, `dist/cli/index.js`). Kept tiny: `--version` answers
 * without loading the CLI, and on Node ≥ 22.1 the CLI bundle (`dist/cli/main/index.js`, the AWS
 * SDK above all) is compiled once and then read from Node's compile cache (`NODE_COMPILE_CACHE`
 * names its directory; by default it is under the system's temp directory).
 */
import * as nodeModule from 'node:module'
import { VERSION } from './version.js'

const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${VERSION}\n`)
} else {
  // Not in Node 20's `node:module`: looked up, not imported by name.
  const enableCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache
  try {
    enableCache?.()
  } catch {
    // A cache that cannot be written only costs the time it would have saved.
  }
  // A separate bundle, not a chunk of this one: Node caches the compiled code of a file it
  // imports, not of chunks a bundler loads itself.
  const bundle = './main/index.js'
  await import(/* webpackIgnore: true */ bundle)
}
