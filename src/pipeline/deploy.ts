/**
 * Post-deploy verification, shared by the action and the CLI: wait for the rollout, run the
 * health check, diagnose with the log window starting at the deployment (compared with the same
 * length of time before it), and judge.
 */
import type { AwsClients } from '../aws/clients.js'
import { listServiceNames } from '../aws/ecs.js'
import type { HealthReport } from '../checks/types.js'
import type { Settings } from '../config.js'
import { compareWindows, type Comparison } from '../deploy/compare.js'
import { judgeDeployment, type DeployVerdict } from '../deploy/verdict.js'
import { waitForDeployments, type ServiceRollout, type WaitResult } from '../deploy/wait.js'
import { diagnose } from '../logs/diagnose.js'
import { analyzeService, stoppedTasksOf } from '../logs/read/services.js'
import type { ServiceDiagnosis } from '../logs/diagnose.js'
import { mapLimit } from '../util/concurrency.js'
import { LOGS_CONCURRENCY } from '../logs/read/services.js'

export interface VerifyDeps {
  now: () => number
  sleep: (ms: number) => Promise<void>
  log: (line: string) => void
}

/** Services to wait for: the named ones, else every service of the cluster. */
export async function servicesToWait(
  settings: Settings,
  clients: Pick<AwsClients, 'ecs'>
): Promise<string[]> {
  return settings.services ?? listServiceNames(clients.ecs, settings.cluster)
}

/** Waits for the rollouts of the checked services. */
export async function waitForRollout(
  settings: Settings,
  clients: Pick<AwsClients, 'ecs'>,
  deps: VerifyDeps
): Promise<WaitResult> {
  const services = await servicesToWait(settings, clients)
  return waitForDeployments(
    { ecs: clients.ecs, now: deps.now, sleep: deps.sleep, log: deps.log },
    {
      cluster: settings.cluster,
      services,
      timeoutMs: settings.waitTimeoutMs,
      pollMs: settings.pollIntervalMs,
      concurrency: settings.concurrency
    }
  )
}

export interface Judged {
  verdict: DeployVerdict
  comparisons: Comparison[]
  /** Diagnoses of the window since each deployment. */
  diagnoses: ServiceDiagnosis[]
}

/**
 * Diagnoses each service over the window since its deployment began, compares it with the same
 * length of time before, and judges the deployment.
 */
export async function judgeRollout(
  settings: Settings,
  clients: Pick<AwsClients, 'ecs' | 'logs'>,
  wait: WaitResult,
  report: HealthReport,
  now: number
): Promise<Judged> {
  const withStart = wait.services.filter(s => s.createdAt)
  const startOf = (s: ServiceRollout): number => Date.parse(s.createdAt as string)
  // Stopped tasks of every service in one read (from the earliest deployment), each service
  // then keeping those that stopped since its own deployment began.
  const tasksP = stoppedTasksOf(
    { clients },
    settings,
    withStart.map(s => s.service),
    Math.min(...withStart.map(startOf))
  )
  tasksP.catch(() => undefined) // awaited through each service's analysis
  const pairs = await mapLimit(
    withStart,
    Math.max(1, Math.floor(LOGS_CONCURRENCY / 2)),
    async s => {
      const start = startOf(s)
      const length = Math.max(60_000, now - start)
      const [before, after] = await Promise.all([
        analyzeService({ clients }, settings, s.service, {
          withTasks: false,
          window: { start: start - length, end: start }
        }),
        analyzeService({ clients }, settings, s.service, {
          withTasks: true,
          window: { start, end: now },
          tasks: tasksP.then(m => {
            const r = m.get(s.service) ?? { tasks: [] }
            return {
              ...r,
              tasks: r.tasks.filter(t => !t.stoppedAt || Date.parse(t.stoppedAt) >= start)
            }
          })
        })
      ])
      return { s, before, after }
    }
  )
  const comparisons = pairs
    .filter(p => !p.before.error && !p.after.error)
    .map(p => compareWindows(p.before, p.after, settings.newErrorThreshold))
  const diagnoses: ServiceDiagnosis[] = pairs.map(p => ({
    analysis: p.after,
    diagnosis: diagnose(
      p.s.service,
      p.after,
      report.services.services[p.s.service],
      Object.values(report.targets.targetGroups).filter(g => g.services.includes(p.s.service))
    )
  }))
  return {
    verdict: judgeDeployment(wait, report, comparisons),
    comparisons,
    diagnoses
  }
}
