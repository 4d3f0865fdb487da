#!/usr/bin/env node
/** CLI entry point (`aws-ecs-monitor`): runs `main` and exits with its code. */
import { main } from './cli/main.js'

main(process.argv.slice(2), {
  stdout: t => process.stdout.write(t),
  stderr: t => process.stderr.write(t),
  stdin: process.stdin,
  env: process.env
}).then(
  code => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`aws-ecs-monitor: ${String(err)}\n`)
    process.exitCode = 2
  }
)
