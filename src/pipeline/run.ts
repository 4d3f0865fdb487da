/**
 * One run, for every front end: settings and a plan in, one plain result out. A health run is
 * wait (when asked) → health checks, with the analyses of what ECS already shows failing started
 * early → judge the deployment (when waited) → diagnose what needs it → files. A log run is
 * resolve the services → analyze and diagnose them → report file. Publishing is not done here:
 * the action and the CLI render the result.
 */
import type { AwsClients } from '../aws/clients.js'
import { servicesToDiagnose, servicesToDiagnoseEarly } from '../checks/attention.js'
import type { HealthReport, Overall } from '../checks/types.js'
import type { Settings } from '../config.js'
import type { ServiceDiagnosis } from '../logs/diagnose.js'
import { resolveServices, windowOf } from '../logs/read/services.js'
import { deploymentJson } from '../report/deployment.js'
import { logsReportJson } from '../report/logs.js'
import { diagnoseServices, EarlyAnalyses } from './diagnose.js'
import { judgeRollout, waitForRollout } from './deploy.js'
import { writeAlert, writeLogsReport, writeState } from './files.js'
import { runHealth, type HealthDeps } from './health.js'
import type {
  DeploymentOutcome,
  HealthPlan,
  HealthRunResult,
  LogsPlan,
  LogsRunResult,
  Plan,
  Progress,
  RunResult
} from './types.js'

/** The clock of a run; tests pass a fixed one. */
export interface Clock {
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export const SYSTEM_CLOCK: Clock = {
  now: Date.now,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}

/** Collaborators of a run. */
export interface RunDeps {
  clients: AwsClients
  clock?: Clock
  progress?: Progress
  /** HTTP and TLS probes (tests replace them). */
  probes?: Pick<HealthDeps, 'probeHttp' | 'checkTls'>
}

/** Follows nothing: no log groups, no progress lines. */
export const SILENT: Progress = { phase: (_p, fn) => fn(), event: () => undefined }

/** Runs the plan and returns its result. Throws only FatalError and ConfigError. */
export async function runPipeline(
  settings: Settings,
  plan: Plan,
  deps: RunDeps
): Promise<RunResult> {
  return plan.kind === 'health'
    ? runHealthPlan(settings, plan, deps)
    : runLogsPlan(settings, plan, deps)
}

/** A health run (see the module comment). */
export async function runHealthPlan(
  settings: Settings,
  plan: HealthPlan,
  deps: RunDeps
): Promise<HealthRunResult> {
  const { clients } = deps
  const clock = deps.clock ?? SYSTEM_CLOCK
  const progress = deps.progress ?? SILENT
  const wait = settings.wait
    ? await progress.phase({ id: 'wait' }, () =>
        waitForRollout(settings, clients, {
          ...clock,
          log: line => progress.event({ kind: 'wait-line', line })
        })
      )
    : undefined
  if (wait) progress.event({ kind: 'waited', wait })
  // What ECS already shows as failing is read while the target checks run.
  const early =
    plan.diagnose && !wait
      ? new EarlyAnalyses(settings, clients, windowOf(plan.diagnose.minutes, new Date(clock.now())))
      : undefined
  const checked = await progress.phase(
    {
      id: 'health',
      services: settings.services ? settings.services.length : 'all',
      endpoints: settings.endpoints.length,
      ...(settings.domain ? { domain: settings.domain.host } : {})
    },
    async () => {
      const r = await runHealth(settings, {
        clients,
        ...deps.probes,
        ...(early ? { onServices: c => early.start(servicesToDiagnoseEarly(c)) } : {})
      })
      await writeState(settings.stateFile, r)
      progress.event({ kind: 'health', report: r })
      return r
    }
  )
  let report: HealthReport = checked
  let diagnoses: ServiceDiagnosis[] = []
  let deployment: DeploymentOutcome | undefined
  if (wait) {
    const judged = await progress.phase({ id: 'judge' }, async () => {
      const j = await judgeRollout(settings, clients, wait, report, clock.now())
      progress.event({ kind: 'judged', outcome: { wait, ...j } })
      return j
    })
    deployment = { wait, verdict: judged.verdict, comparisons: judged.comparisons }
    report = {
      ...report,
      overall: judged.verdict.overall,
      findings: [...judged.verdict.findings, ...report.findings]
    }
    await writeState(
      settings.stateFile,
      report,
      deploymentJson(wait, judged.verdict, judged.comparisons)
    )
    diagnoses = judged.diagnoses.filter(
      d => d.diagnosis.cause !== 'none' || d.analysis.errorCount > 0
    )
  } else if (plan.diagnose) {
    const { minutes } = plan.diagnose
    const failing = servicesToDiagnose(report)
    if (failing.length > 0) {
      diagnoses = await progress.phase({ id: 'diagnose', services: failing.length }, async () => {
        const items = await diagnoseServices(settings, clients, failing, {
          minutes,
          health: report,
          ...(early ? { early } : {})
        })
        progress.event({ kind: 'diagnosed', items })
        return items
      })
    }
  }
  const alert =
    plan.alert && report.overall !== 'healthy'
      ? await writeAlert(settings.outDir, report, diagnoses)
      : undefined
  return {
    kind: 'health',
    report,
    diagnoses,
    ...(plan.diagnose && !wait ? { diagnosisMinutes: plan.diagnose.minutes } : {}),
    ...(deployment ? { deployment } : {}),
    files: { report: settings.stateFile, ...(alert ? { alert } : {}) }
  }
}

/** Log status → the run's overall status. */
export function overallOfLogs(items: readonly ServiceDiagnosis[]): Overall {
  const statuses = items.map(i => i.analysis.status)
  if (statuses.some(s => s === 'critical' || s === 'unhealthy')) return 'unhealthy'
  if (statuses.some(s => s === 'degraded' || s === 'error')) return 'degraded'
  // Tasks run but their logs go nowhere we can read: a monitor cannot call that healthy.
  if (items.some(i => i.diagnosis.cause === 'logging')) return 'degraded'
  return 'healthy'
}

/** A log command over the cluster's services. */
export async function runLogsPlan(
  settings: Settings,
  plan: LogsPlan,
  deps: RunDeps
): Promise<LogsRunResult> {
  const clock = deps.clock ?? SYSTEM_CLOCK
  const progress = deps.progress ?? SILENT
  const now = new Date(clock.now())
  const { command } = plan
  const items = await progress.phase({ id: 'logs', command }, async () => {
    const services = await resolveServices({ clients: deps.clients }, settings, plan.target)
    progress.event({ kind: 'services', command, services, minutes: settings.minutes })
    const out = await diagnoseServices(settings, deps.clients, services, {
      withTasks: command !== 'errors',
      now: () => now
    })
    progress.event({ kind: 'diagnosed', items: out })
    return out
  })
  const json = logsReportJson(settings, command, items, now)
  const report = await writeLogsReport(settings.outDir, command, json)
  return {
    kind: 'logs',
    command,
    cluster: settings.cluster,
    region: settings.region,
    minutes: settings.minutes,
    now,
    overall: overallOfLogs(items),
    items,
    json,
    files: { report }
  }
}
