/**
 * The CLI: `aws-ecs-monitor health [--json] [--quiet]`, the seed's `ecs-health.sh` surface.
 * Flags map onto the same env-style settings as the action's inputs (`--minutes 30` is
 * `ECS_MINUTES=30`), so there is one configuration path. Exit codes: 0 healthy, 1 degraded or
 * unhealthy, 2 the run itself failed.
 */
import type { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import { LOG_COMMANDS, runLogsCommand } from './logs.js'
import { clientOptions, createClients, destroyClients } from '../aws/clients.js'
import { exitCodeOf } from '../checks/judge.js'
import { INPUT_KEYS, settingsFromEnv, type Env, type Settings } from '../config.js'
import { ConfigError, errorMessage, FatalError } from '../errors.js'
import { runHealthPlan } from '../pipeline/run.js'
import type { HealthPlan } from '../pipeline/types.js'
import { sampleOf } from '../monitor/history.js'
import { recordRun } from '../pipeline/history.js'
import { renderHealthRunText } from '../report/run.js'
import { renderHistoryLine } from '../report/trend.js'
import { termText } from '../util/sanitize.js'
import { VERSION } from '../version.js'

export { VERSION }

/** Where the CLI writes; injected so tests capture it. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stdin: Readable
  env: Env
}

const USAGE = `Usage: aws-ecs-monitor <command> [options]

Commands:
  health            check services, target groups, endpoints and TLS (the seed's ecs-health.sh)
  logs <command>    log analysis (pull, errors, diagnose, restarts, summary, auto-diagnose)

Log commands (service: a name or all; default all):
  logs pull [service] [--filter PATTERN]   raw events of the window (also saved under <outdir>/logs/)
  logs errors [service]                    error groups; exit 1 if any error
  logs diagnose [service]                  analysis + stopped tasks + most likely cause
  logs restarts [service]                  stopped tasks (ECS) and shutdowns/startups (logs)
  logs summary                             diagnose every service, show the ones with a problem
  logs auto-diagnose                       read the health state file, diagnose what is failing
  logs analyze [FILE|-]                    analyze exported log lines (text or JSON lines)
  logs classify [FILE|-]                   one JSON line per event: category, rule, message
  --minutes N (60)  --limit N (200 events per service)  --json  --verbose

Options of health:
  --json            print the state as JSON (no alert file)
  --wait            wait for the PRIMARY deployments to finish, then judge them (ECS_WAIT)
  --timeout M       minutes to wait at most (ECS_WAIT_TIMEOUT, 15); --poll-interval S (15)
  --new-error-threshold N   new errors per minute that make a deployment degraded (1)
  --quiet           write only the state file (no output, no alert file)
  --cluster NAME    ECS_CLUSTER         --region REGION       ECS_REGION
  --services A,B    ECS_SERVICES        --domain HOST[:PORT]  ECS_DOMAIN
  --http-endpoints name=url,...         ECS_HTTP_ENDPOINTS
  --state-file FILE ECS_HEALTH_STATE    --output-dir DIR      ECS_HEALTH_OUTDIR
  --http-timeout S  ECS_HTTP_TIMEOUT    --concurrency N       ECS_CONCURRENCY
  --aws-timeout S   ECS_AWS_TIMEOUT (AWS_MAX_ATTEMPTS bounds the retries)
  --rate-limit default|off|FACTOR   ECS_RATE_LIMIT: pace AWS calls under the documented quotas
  --log-engine auto|filter|insights ECS_LOG_ENGINE: FilterLogEvents or Logs Insights
  --target-health-source auto|api|metrics   ECS_TARGET_HEALTH_SOURCE: DescribeTargetHealth,
                    or CloudWatch host counts first (auto: from 41 target groups on)
  --tls-warning-days N, --tls-critical-days N
  --history auto|off ECS_HISTORY: the run history in the output dir (last 500 runs)
  --minutes N, --limit N, --log-group-pattern P
  -h, --help        this text          --version             the version

Every option can also be set with its environment variable; a flag wins over the variable.
Exit codes: 0 healthy, 1 degraded or unhealthy, 2 the run itself failed (bad setting, no
credentials, cluster not found).
`

/** Inputs that are the action's own (GitHub channels, the action's modes). */
const ACTION_ONLY = [
  'mode',
  'fail-on',
  'comment-on-pr',
  'incident',
  'incident-labels',
  'incident-assignees',
  'incident-after',
  'resolve-after',
  'incident-scope'
]
const CLI_FLAGS = Object.keys(INPUT_KEYS).filter(k => !ACTION_ONLY.includes(k))

interface ParsedArgs {
  command?: string
  rest: string[]
  overrides: Env
  help: boolean
  version: boolean
  verbose: boolean
  filter?: string
}

function parse(argv: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
    verbose: { type: 'boolean' },
    filter: { type: 'string' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' }
  }
  for (const f of CLI_FLAGS) options[f] = { type: 'string' }
  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (err) {
    throw new ConfigError(`${errorMessage(err)} (see --help)`, 'argv')
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  const overrides: Env = {}
  for (const f of CLI_FLAGS) {
    const v = values[f]
    if (typeof v === 'string') overrides[INPUT_KEYS[f] as string] = v
  }
  if (values.wait) overrides.ECS_WAIT = 'true'
  if (typeof values.timeout === 'string') overrides.ECS_WAIT_TIMEOUT = values.timeout
  if (values.json) overrides.ECS_JSON = 'true'
  if (values.quiet) overrides.ECS_QUIET = 'true'
  const [command, ...rest] = parsed.positionals
  return {
    ...(command !== undefined ? { command } : {}),
    rest,
    overrides,
    help: values.help === true,
    version: values.version === true,
    verbose: values.verbose === true,
    ...(typeof values.filter === 'string' ? { filter: values.filter } : {})
  }
}

/**
 * The CLI's plan for `health`: as the seed did, when not healthy, diagnose what needs it over
 * the last 30 minutes and write the alert file — neither with `--json` or `--quiet`.
 */
export function cliHealthPlan(settings: Pick<Settings, 'json' | 'quiet'>): HealthPlan {
  const talk = !settings.json && !settings.quiet
  return { kind: 'health', diagnose: talk ? { minutes: 30 } : false, alert: talk }
}

async function health(settings: Settings, io: CliIo): Promise<number> {
  const clients = createClients(clientOptions(settings))
  const talk = !settings.json && !settings.quiet
  try {
    const result = await runHealthPlan(settings, cliHealthPlan(settings), {
      clients,
      progress: {
        phase: (_p, fn) => fn(),
        event: e => {
          if (talk && e.kind === 'wait-line') io.stdout(`${termText(e.line, 1000)}\n`)
        }
      }
    })
    let text = renderHealthRunText(result, settings)
    // Memory between runs (a cron job's): not with --quiet, which writes the state file only.
    if (settings.history !== 'off' && !settings.quiet) {
      const { history, file } = await recordRun(
        settings.outDir,
        result.report.cluster,
        result.report.region,
        sampleOf(result, settings.failOn)
      )
      if (talk && history.runs.length > 1) text += renderHistoryLine(history, file)
    }
    io.stdout(text)
    return exitCodeOf(result.report.overall)
  } finally {
    destroyClients(clients)
  }
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parse(argv)
    if (args.version) {
      io.stdout(`${VERSION}\n`)
      return 0
    }
    if (args.help || args.command === undefined) {
      io.stdout(USAGE)
      return args.help ? 0 : 2
    }
    if (args.command === 'health') {
      if (args.rest.length > 0)
        throw new ConfigError(`health takes no arguments, got '${args.rest.join(' ')}'`, 'argv')
      return await health(settingsFromEnv(io.env, args.overrides), io)
    }
    if (args.command === 'logs') {
      const [sub, target, ...extra] = args.rest
      if (sub === undefined) {
        throw new ConfigError(`logs needs a command: ${LOG_COMMANDS.join(', ')}`, 'argv')
      }
      if (extra.length > 0) {
        throw new ConfigError(
          `logs ${sub} takes one service (or all), got '${args.rest.slice(1).join(' ')}'`,
          'argv'
        )
      }
      const offline = sub === 'analyze' || sub === 'classify'
      const settings = settingsFromEnv(io.env, args.overrides, { requireCluster: !offline })
      return await runLogsCommand(
        {
          command: sub,
          ...(target !== undefined ? { target } : {}),
          ...(args.filter ? { filter: args.filter } : {}),
          verbose: args.verbose
        },
        settings,
        io
      )
    }
    throw new ConfigError(
      `unknown command '${args.command}' (expected health or logs; see --help)`,
      'argv'
    )
  } catch (err) {
    if (err instanceof ConfigError || err instanceof FatalError) {
      io.stderr(`aws-ecs-monitor: ${err.message}\n`)
    } else {
      io.stderr(`aws-ecs-monitor: the run failed: ${errorMessage(err)}\n`)
    }
    return 2
  }
}
