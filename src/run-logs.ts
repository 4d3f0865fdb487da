/**
 * What both front ends do for the log commands: pick the services, analyze them, diagnose them,
 * and write the JSON report. Rendering and exit codes stay with the front ends.
 */
import path from 'node:path'
import type { AwsClients } from './aws/clients.js'
import type { HealthReport, TargetGroupResult } from './checks/types.js'
import type { Settings } from './config.js'
import { analyzeServices, windowOf, type LogsSettings } from './logs/run.js'
import { diagnose } from './logs/diagnose.js'
import { analysisJson, type ServiceDiagnosis } from './report/logs.js'
import { writeJsonAtomic } from './util/files.js'

/** Services of a health report that are not healthy (service health or an unhealthy target group). */
export function failingServices(r: HealthReport): string[] {
  const names = new Set<string>()
  for (const s of Object.values(r.services.services)) {
    if (s.health !== 'healthy' && s.health !== 'scaled_down' && s.health !== 'failed')
      names.add(s.name)
  }
  for (const g of Object.values(r.targets.targetGroups)) {
    if (g.status === 'unhealthy' || g.unhealthy > 0) for (const s of g.services) names.add(s)
  }
  return [...names]
}

function groupsOf(r: HealthReport | undefined, service: string): TargetGroupResult[] {
  return r ? Object.values(r.targets.targetGroups).filter(g => g.services.includes(service)) : []
}

/** Analyzes and diagnoses the services, using the health report for deployments and targets. */
export async function diagnoseServices(
  settings: LogsSettings,
  clients: Pick<AwsClients, 'ecs' | 'logs'>,
  services: readonly string[],
  opts: { withTasks?: boolean; minutes?: number; health?: HealthReport; now?: () => Date } = {}
): Promise<ServiceDiagnosis[]> {
  const now = (opts.now ?? (() => new Date()))()
  const window = windowOf(opts.minutes ?? settings.minutes, now)
  const analyses = await analyzeServices({ clients }, settings, services, {
    withTasks: opts.withTasks ?? true,
    window
  })
  return analyses.map(analysis => ({
    analysis,
    diagnosis: diagnose(
      analysis.service,
      analysis,
      opts.health?.services.services[analysis.service],
      groupsOf(opts.health, analysis.service)
    )
  }))
}

/** The JSON report of a log command. */
export function logsReportJson(
  settings: Pick<Settings, 'cluster' | 'region'>,
  command: string,
  items: readonly ServiceDiagnosis[],
  now: Date
): Record<string, unknown> {
  return {
    timestamp: now.toISOString(),
    epoch: Math.floor(now.getTime() / 1000),
    cluster: settings.cluster,
    region: settings.region,
    command,
    error_count: items.reduce((n, i) => n + i.analysis.errorCount, 0),
    services: Object.fromEntries(
      items.map(i => [i.analysis.service, analysisJson(i.analysis, i.diagnosis)])
    )
  }
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
