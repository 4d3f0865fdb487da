/**
 * Runs the simulator until SIGINT/SIGTERM:
 *   tsx sim/cli.ts --scenario sim/scenarios/basic.json [--port 4566] [--host 127.0.0.1]
 * Prints the endpoint and the environment lines that point the AWS SDK (and the product) at it.
 */
import { parseArgs } from 'node:util'
import { ScenarioError } from './errors.js'
import { startSimulator } from './server.js'

const USAGE = 'usage: tsx sim/cli.ts --scenario FILE [--port N] [--host ADDR]'

async function main(): Promise<number> {
  let values: { scenario?: string; port?: string; host?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: {
        scenario: { type: 'string', short: 's' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true
    }))
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`)
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (!values.scenario) {
    console.error(`--scenario is required\n${USAGE}`)
    return 2
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), got "${values.port}"`)
    return 2
  }
  let sim
  try {
    sim = await startSimulator({
      scenario: values.scenario,
      port,
      ...(values.host ? { host: values.host } : {})
    })
  } catch (e) {
    console.error(
      e instanceof ScenarioError ? e.message : `cannot start the simulator: ${(e as Error).message}`
    )
    return 2
  }
  const s = sim.scenario
  const services = s.clusters.reduce((n, c) => n + c.services.length, 0)
  console.log(`AWS simulator listening on ${sim.url}`)
  console.log(
    `scenario ${values.scenario}: ${s.clusters.length} cluster(s), ${services} service(s), ` +
      `${s.targetGroups.length} target group(s), ${s.logGroups.length} log group(s)`
  )
  console.log(
    `export AWS_ENDPOINT_URL=${sim.url} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${s.region}`
  )
  console.log(
    `control: GET ${sim.url}/__sim/counts · POST ${sim.url}/__sim/reset · PUT ${sim.url}/__sim/faults`
  )

  await new Promise<void>(resolve => {
    const stop = (signal: string) => {
      console.log(`${signal}: stopping; requests per operation: ${JSON.stringify(sim.counts())}`)
      resolve()
    }
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('SIGTERM', () => stop('SIGTERM'))
  })
  await sim.close()
  return 0
}

process.exitCode = await main()
