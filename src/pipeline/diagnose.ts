/**
 * Log analyses and their diagnoses for a set of services, with what the health report knows of
 * each (deployments, target groups); analyses may start early, while the health check runs.
 */
import type { AwsClients } from '../aws/clients.js'
import type { HealthReport, TargetGroupResult } from '../checks/types.js'
import type { ServiceLogAnalysis } from '../logs/analyze.js'
import { analyzeServices, windowOf, type LogsSettings } from '../logs/read/services.js'
import { diagnose } from '../logs/diagnose.js'
import type { ServiceDiagnosis } from '../logs/diagnose.js'

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
