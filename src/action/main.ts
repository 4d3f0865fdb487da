/**
 * The GitHub Action: settings from the inputs → the run → every channel (report files in the
 * log, job summary, annotations, PR comment, outputs) → the step's result under `fail-on`.
 */
import * as core from '@actions/core'
import { clientOptions, createClients, destroyClients } from '../aws/clients.js'
import { settingsFromAction, type FailOn, type Settings } from '../config.js'
import { ConfigError, errorMessage, FatalError } from '../errors.js'
import type { Overall } from '../checks/types.js'
import { runPipeline, SYSTEM_CLOCK } from '../pipeline/run.js'
import type { Plan } from '../pipeline/types.js'
import { FAILED_RUN_OUTPUTS, runHeadline, runOverall } from '../report/run.js'
import { oneLine } from '../util/sanitize.js'
import { actionProgress } from './progress.js'
import { publish, setOutputs } from './publish.js'

/** Whether the overall status fails the step under `fail-on`. */
export function failsStep(overall: Overall, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  if (failOn === 'unhealthy') return overall === 'unhealthy'
  return overall !== 'healthy'
}

/**
 * The action's plan: `auto` is the health check, then the diagnosis of what needs one over the
 * `minutes` window; `health` the check alone; the other modes are the seed's log commands.
 */
export function actionPlan(settings: Settings): Plan {
  if (settings.mode === 'auto' || settings.mode === 'health') {
    return {
      kind: 'health',
      diagnose: settings.mode === 'auto' ? { minutes: settings.minutes } : false,
      alert: true
    }
  }
  return { kind: 'logs', command: settings.mode }
}

function failRun(message: string): void {
  setOutputs(FAILED_RUN_OUTPUTS)
  core.setFailed(oneLine(message, 2000))
  process.exitCode = 2
}

/** Entry point of the action. Never throws; the step's result says what happened. */
export async function run(): Promise<void> {
  let settings: Settings
  try {
    settings = settingsFromAction(name => core.getInput(name))
  } catch (err) {
    failRun(err instanceof ConfigError ? err.message : `Invalid settings: ${errorMessage(err)}`)
    return
  }
  const clients = createClients(clientOptions(settings))
  try {
    const result = await runPipeline(settings, actionPlan(settings), {
      clients,
      clock: SYSTEM_CLOCK,
      progress: actionProgress(settings)
    })
    await publish({ result, settings })
    const headline = oneLine(runHeadline(result), 1000)
    if (failsStep(runOverall(result), settings.failOn)) core.setFailed(headline)
    else core.info(`${headline} (fail-on: ${settings.failOn})`)
  } catch (err) {
    if (err instanceof FatalError) failRun(err.message)
    else failRun(`The health check could not run: ${errorMessage(err)}`)
  } finally {
    destroyClients(clients)
  }
}
