/**
 * The GitHub Action: inputs → settings, one log group per phase, files, job summary,
 * annotations, outputs, and the step's result according to `fail-on`.
 */
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { createClients, destroyClients, type AwsClients } from './aws/clients.js'
import { exitCodeOf } from './checks/judge.js'
import type { HealthReport, Overall } from './checks/types.js'
import { settingsFromAction, type FailOn, type Settings } from './config.js'
import { ConfigError, errorMessage, FatalError } from './errors.js'
import { annotationsOf } from './report/annotations.js'
import { oneLine } from './report/sanitize.js'
import { renderHealthMarkdown } from './report/summary.js'
import { renderHealthText } from './report/text.js'
import { healthRun } from './run-health.js'

/** Modes this version runs; the others exit 2 with a clear message. */
const AVAILABLE_MODES = new Set(['auto', 'health'])

/** Whether the overall status fails the step under `fail-on`. */
export function failsStep(overall: Overall, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  if (failOn === 'unhealthy') return overall === 'unhealthy'
  return overall !== 'healthy'
}

/**
 * Prints text that may hold content written by others (service events, target descriptions)
 * with workflow commands switched off, so none of it can act as `::error::` and the like.
 */
function logUntrusted(text: string): void {
  const token = randomUUID()
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
}

function setOutputs(o: {
  status: string
  exitCode: number
  reportFile: string
  unhealthyServices: string[]
  errorCount: number
}): void {
  core.setOutput('status', o.status)
  core.setOutput('exit-code', String(o.exitCode))
  core.setOutput('report-file', o.reportFile)
  core.setOutput('unhealthy-services', o.unhealthyServices.join(','))
  core.setOutput('error-count', String(o.errorCount))
}

function failRun(message: string): void {
  setOutputs({ status: 'error', exitCode: 2, reportFile: '', unhealthyServices: [], errorCount: 0 })
  core.setFailed(oneLine(message, 2000))
  process.exitCode = 2
}

/** Names of the services (and target groups' services) that are not healthy. */
export function unhealthyServices(r: HealthReport): string[] {
  const names = new Set<string>()
  for (const s of Object.values(r.services.services)) {
    if (s.health !== 'healthy' && s.health !== 'scaled_down') names.add(s.name)
  }
  for (const g of Object.values(r.targets.targetGroups)) {
    if (g.status === 'unhealthy') for (const s of g.services) names.add(s)
  }
  return [...names]
}

async function health(settings: Settings, clients: AwsClients): Promise<void> {
  const run = await core.group('Health check', async () => {
    core.info(
      `Checking cluster ${settings.cluster} in ${settings.region}: ${settings.services ? `${settings.services.length} named services` : 'all services'}, ${settings.endpoints.length} endpoints${settings.domain ? `, domain ${settings.domain.host}` : ''}`
    )
    const r = await healthRun(settings, clients, { writeAlert: true })
    logUntrusted(renderHealthText(r.report))
    return r
  })
  const { report } = run

  await core.group('Report', async () => {
    core.info(`State file: ${run.stateFile}`)
    if (run.alertFile) core.info(`Alert file: ${run.alertFile}`)
    await core.summary.addRaw(renderHealthMarkdown(report), true).write()
    for (const a of annotationsOf(report.findings)) {
      const props = { title: a.title }
      if (a.level === 'error') core.error(a.message, props)
      else if (a.level === 'warning') core.warning(a.message, props)
      else core.notice(a.message, props)
    }
  })

  const exitCode = exitCodeOf(report.overall)
  setOutputs({
    status: report.overall,
    exitCode,
    reportFile: run.stateFile,
    unhealthyServices: unhealthyServices(report),
    errorCount: 0
  })
  if (failsStep(report.overall, settings.failOn)) {
    const top = report.findings[0]
    const more =
      report.findings.length > 1 ? ` (+${report.findings.length - 1} more in the job summary)` : ''
    core.setFailed(
      oneLine(
        `ECS health is ${report.overall}${top ? `: ${top.title} — ${top.message}` : ''}${more}`,
        1000
      )
    )
  } else {
    core.info(`ECS health is ${report.overall} (fail-on: ${settings.failOn})`)
  }
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
  if (!AVAILABLE_MODES.has(settings.mode)) {
    failRun(
      `input 'mode' (ECS_MODE) '${settings.mode}' is not available in this version; use 'health' or 'auto'`
    )
    return
  }
  const clients = createClients({
    region: settings.region,
    maxAttempts: settings.maxAttempts,
    requestTimeoutMs: settings.awsTimeoutMs
  })
  try {
    await health(settings, clients)
  } catch (err) {
    if (err instanceof FatalError) failRun(err.message)
    else failRun(`The health check could not run: ${errorMessage(err)}`)
  } finally {
    destroyClients(clients)
  }
}
