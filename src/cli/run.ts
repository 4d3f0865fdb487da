/**
 * The CLI bundle's entry (`dist/cli/main/index.js`, loaded by `bin.ts`): runs `main` on the
 * process's arguments and streams and sets the exit code.
 */
import { main } from './main.js'

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
