/**
 * `logs auto-diagnose`, as the seed's cron jobs used it after `health --quiet`: read the health
 * state file, diagnose the services it shows needing one (the same predicate as a health run),
 * or every service with tasks wanted when it shows none, and write the report.
 */
import { readFile } from 'node:fs/promises'
import type { AwsClients } from '../aws/clients.js'
import { servicesToDiagnoseInState, type StateFacts } from '../checks/attention.js'
import type { Settings } from '../config.js'
import { errorMessage, FatalError } from '../errors.js'
import { logsReportJson } from '../report/logs.js'
import { diagnoseServices } from './diagnose.js'
import { writeLogsReport } from './files.js'
import { SYSTEM_CLOCK, type Clock } from './run.js'
import type { AutoDiagnoseResult } from './types.js'

type State = StateFacts & { overall?: string; issues?: string[] }

/** Reads the state file and diagnoses what it shows failing. */
export async function autoDiagnose(
  settings: Settings,
  deps: { clients: AwsClients; clock?: Clock }
): Promise<AutoDiagnoseResult> {
  let state: State
  try {
    state = JSON.parse(await readFile(settings.stateFile, 'utf8')) as State
  } catch (err) {
    throw new FatalError(
      `cannot read the health state file ${settings.stateFile} (ECS_HEALTH_STATE): ${errorMessage(err)}; run 'aws-ecs-monitor health' first`
    )
  }
  const now = new Date((deps.clock ?? SYSTEM_CLOCK).now())
  const needing = servicesToDiagnoseInState(state)
  const services = needing.length
    ? needing
    : Object.entries(state.checks?.ecs_services?.services ?? {})
        .filter(([, v]) => (v.desired ?? 0) > 0)
        .map(([k]) => k)
  const items = await diagnoseServices(settings, deps.clients, services, { now: () => now })
  const json = logsReportJson(settings, 'auto-diagnose', items, now)
  const reportFile = await writeLogsReport(settings.outDir, 'auto-diagnose', json)
  return {
    stateFile: settings.stateFile,
    overall: state.overall ?? 'unknown',
    issues: state.issues ?? [],
    services,
    items,
    json,
    reportFile
  }
}
