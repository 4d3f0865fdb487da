/**
 * What both front ends do for the log commands: pick the services, analyze them, diagnose them,
 * and write the JSON report. Rendering and exit codes stay with the front ends.
 */
import path from 'node:path'
import type { AwsClients } from './aws/clients.js'
import type { HealthReport, ServicesCheck, TargetGroupResult } from './checks/types.js'
import type { ServiceLogAnalysis } from './logs/analyze.js'
import type { Settings } from './config.js'
import { analyzeServices, windowOf, type LogsSettings } from './logs/run.js'
import { diagnose } from './logs/diagnose.js'
import { analysisJson, type ServiceDiagnosis } from './report/logs.js'
import { writeJsonAtomic } from './util/files.js'

/** Services that ECS alone shows as not healthy (running count, rollout, task health). */
export function failingInServices(c: ServicesCheck): string[] {
  return Object.values(c.services)
    .filter(s => s.health !== 'healthy' && s.health !== 'scaled_down' && s.health !== 'failed')
    .map(s => s.name)
}

/** Services of a health report that are not healthy (service health or an unhealthy target group). */
export function failingServices(r: HealthReport): string[] {
  const names = new Set<string>(failingInServices(r.services))
  for (const g of Object.values(r.targets.targetGroups)) {
    if (g.status === 'unhealthy' || g.unhealthy > 0) for (const s of g.services) names.add(s)
  }
  return [...names]
}

function groupsOf(r: HealthReport | undefined, service: string): TargetGroupResult[] {
  return r ? Object.values(r.targets.targetGroups).filter(g => g.services.includes(service)) : []
}

/**
 * Log analyses started before the health check ends: the services that ECS already shows as
 * failing are read while the load-balancer checks still run (they will be diagnosed anyway),
 * and {@link diagnoseServices} picks them up instead of reading them again.
 */
export class EarlyAnalyses {
  private readonly started = new Map<string, Promise<ServiceLogAnalysis>>()

  constructor(
    private readonly settings: LogsSettings,
    private readonly clients: Pick<AwsClients, 'ecs' | 'logs'>,
    /** The window every analysis of the run covers. */
    readonly window: { start: number; end: number }
  ) {}

  /** Starts reading the services not started yet. */
  start(services: readonly string[]): void {
    const fresh = services.filter(s => !this.started.has(s))
    if (fresh.length === 0) return
    const all = analyzeServices({ clients: this.clients }, this.settings, fresh, {
      withTasks: true,
      window: this.window
    })
    all.catch(() => undefined) // surfaced when a diagnosis awaits it
    fresh.forEach((svc, i) => {
      this.started.set(
        svc,
        all.then(a => {
          const one = a[i]
          if (!one) throw new Error(`no analysis of ${svc}`)
          return one
        })
      )
    })
  }

  /** The analyses of `services`, in that order, reading the ones not started yet. */
  async get(services: readonly string[]): Promise<ServiceLogAnalysis[]> {
    this.start(services)
    return Promise.all(services.map(s => this.started.get(s) as Promise<ServiceLogAnalysis>))
  }
}

/** Analyzes and diagnoses the services, using the health report for deployments and targets. */
export async function diagnoseServices(
  settings: LogsSettings,
  clients: Pick<AwsClients, 'ecs' | 'logs'>,
  services: readonly string[],
  opts: {
    withTasks?: boolean
    minutes?: number
    health?: HealthReport
    now?: () => Date
    /** Analyses already started (their window is used). */
    early?: EarlyAnalyses
  } = {}
): Promise<ServiceDiagnosis[]> {
  const now = (opts.now ?? (() => new Date()))()
  const window = windowOf(opts.minutes ?? settings.minutes, now)
  const analyses = opts.early
    ? await opts.early.get(services)
    : await analyzeServices({ clients }, settings, services, {
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
