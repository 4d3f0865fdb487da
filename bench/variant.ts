/**
 * The CLI's `health` command (src/cli/main.ts, without --wait) with the client-side rate limiters
 * turned off, run as its own process by bench/run.ts: it shows how fast the product's call
 * structure is when only latency bounds it, next to the real CLI paced by the documented quotas.
 * Until a setting maps onto `createClients({ rateLimits })`, this is the only way to run the
 * product without its limiters. Prints `{"ms": …}` (time from the first AWS call to the last
 * file written; process start-up is measured separately by the benchmark) as its last line.
 *
 * Usage: ECS_CLUSTER=… AWS_ENDPOINT_URL=… node --import tsx bench/variant.ts [--json]
 */
import { createClients, destroyClients } from '../src/aws/clients.js'
import { cliHealthPlan } from '../src/cli/main.js'
import { settingsFromEnv } from '../src/config.js'
import { runHealthPlan } from '../src/pipeline/run.js'
import { renderHealthRunText } from '../src/report/run.js'

const json = process.argv.includes('--json')
const settings = settingsFromEnv(process.env, json ? { ECS_JSON: 'true' } : {})
const clients = createClients({
  region: settings.region,
  maxAttempts: settings.maxAttempts,
  requestTimeoutMs: settings.awsTimeoutMs,
  rateLimits: false
})
const t0 = performance.now()
try {
  const result = await runHealthPlan(settings, cliHealthPlan(settings), { clients })
  // Build the text the CLI prints (not printed, to keep stdout for the timing).
  renderHealthRunText(result, settings)
} finally {
  destroyClients(clients)
}
process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0 })}\n`)
