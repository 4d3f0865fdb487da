/**
 * The files a run writes, each atomically (temp file + rename, so a reader never sees half of
 * one): the health state file, the alert file, and a log command's JSON report.
 */
import path from 'node:path'
import type { HealthReport } from '../checks/types.js'
import type { ServiceDiagnosis } from '../logs/diagnose.js'
import { analysisJson } from '../report/logs.js'
import { toAlert, toState, type Json } from '../report/state.js'
import { writeJsonAtomic } from '../util/files.js'

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

/** Writes the report of a log command to `<outdir>/ecs-logs-<command>.json`; returns the path. */
export async function writeLogsReport(
  outDir: string,
  command: string,
  report: unknown
): Promise<string> {
  const file = path.join(outDir, `ecs-logs-${command}.json`)
  await writeJsonAtomic(file, report)
  return file
}
