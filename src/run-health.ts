/**
 * What both front ends do for a health run: check, then write the state file (and the alert
 * file when not healthy). Rendering and exit handling stay with the front ends.
 */
import path from 'node:path'
import type { AwsClients } from './aws/clients.js'
import type { HealthReport } from './checks/types.js'
import type { Settings } from './config.js'
import { runHealth, type HealthDeps } from './health.js'
import { toAlert, toState, type Json } from './report/state.js'
import { writeJsonAtomic } from './util/files.js'
import { analysisJson, type ServiceDiagnosis } from './report/logs.js'

export interface HealthRun {
  report: HealthReport
  /** Path of the state file written. */
  stateFile: string
  /** Path of the alert file, when one was written. */
  alertFile?: string
}

/** Path of the alert file for an output directory. */
export function alertFilePath(outDir: string): string {
  return path.join(outDir, 'ecs-health-alert.json')
}

/** Writes the state file; `deployment` is the verdict section when a rollout was awaited. */
export async function writeState(
  file: string,
  report: HealthReport,
  deployment?: Json
): Promise<void> {
  await writeJsonAtomic(file, {
    ...toState(report),
    ...(deployment !== undefined ? { deployment } : {})
  })
}

/** Writes the alert file, with the log analysis of the diagnosed services; returns its path. */
export async function writeAlert(
  outDir: string,
  report: HealthReport,
  diagnoses: readonly ServiceDiagnosis[]
): Promise<string> {
  const file = alertFilePath(outDir)
  const alert = toAlert(report)
  alert.log_analysis = diagnoses.length
    ? Object.fromEntries(
        diagnoses.map(d => [d.analysis.service, analysisJson(d.analysis, d.diagnosis)])
      )
    : null
  await writeJsonAtomic(file, alert)
  return file
}

/** Runs the health check and writes its files. `writeAlert` is false for --json/--quiet. */
export async function healthRun(
  settings: Settings,
  clients: AwsClients,
  opts: { writeAlert: boolean; deps?: Omit<HealthDeps, 'clients'> }
): Promise<HealthRun> {
  const report = await runHealth(settings, { clients, ...opts.deps })
  await writeJsonAtomic(settings.stateFile, toState(report))
  const out: HealthRun = { report, stateFile: settings.stateFile }
  if (opts.writeAlert && report.overall !== 'healthy') {
    out.alertFile = await writeAlert(settings.outDir, report, [])
  }
  return out
}
