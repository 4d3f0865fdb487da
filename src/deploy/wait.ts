/**
 * Waiting for a rollout (post-deploy verification). Polls DescribeServices (batched) until every
 * checked service's PRIMARY deployment is COMPLETED with running = desired, and stops early when
 * one FAILED (circuit breaker), when tasks of the new revision keep stopping, or at the timeout.
 * Progress is one line per change, not per poll. Clock, sleep and log are injected.
 */
import type { Deployment, ECSClient, Service } from '@aws-sdk/client-ecs'
import { describeServices, describeTasks, listTaskArns } from '../aws/ecs.js'
import { shortTaskDefinition } from '../checks/services.js'
import { BENIGN_CAUSES, stoppedTaskInfo, type StoppedTaskInfo } from '../logs/restarts.js'

export type DeploymentStatus = 'completed' | 'failed' | 'timed-out' | 'none'

export interface ServiceRollout {
  service: string
  state: 'waiting' | 'completed' | 'failed' | 'timed-out' | 'missing'
  deploymentId?: string
  taskDefinition?: string
  /** ISO time the awaited deployment was created. */
  createdAt?: string
  desired: number
  running: number
  pending: number
  rolloutState?: string
  /** Why the rollout failed or did not finish, in one line. */
  reason?: string
  /** Failed tasks of the new revision since the deployment began. */
  stoppedTasks: StoppedTaskInfo[]
  /** Task definition the circuit breaker rolled back to. */
  rolledBackTo?: string
}

export interface WaitResult {
  status: DeploymentStatus
  services: ServiceRollout[]
  polls: number
  durationMs: number
}

export interface WaitDeps {
  ecs: ECSClient
  /** Milliseconds clock. */
  now: () => number
  sleep: (ms: number) => Promise<void>
  log: (line: string) => void
  /** [0,1) random source for the poll jitter. */
  random?: () => number
}

export interface WaitOptions {
  cluster: string
  services: readonly string[]
  timeoutMs: number
  pollMs: number
  concurrency: number
  /** Failed tasks of the new revision that end the wait as failed. */
  stoppedTaskLimit?: number
}

interface Tracked extends ServiceRollout {
  seenEvents: Set<string>
  seenTasks: Set<string>
  lastLine?: string
  createdMs?: number
  taskDefinitionArn?: string
}

function primaryOf(svc: Service): Deployment | undefined {
  return svc.deployments?.find(d => d.status === 'PRIMARY')
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** One line describing the failed tasks of a revision, e.g. `3 tasks stopped with exit 137 (OutOfMemoryError)`. */
export function stoppedSummary(tasks: readonly StoppedTaskInfo[]): string {
  const codes = [
    ...new Set(
      tasks.flatMap(t => t.containers.map(c => c.exitCode)).filter(c => c !== undefined && c !== 0)
    )
  ]
  const oom = tasks.some(t => t.cause === 'oom')
  const first = tasks[0]
  const why = oom ? ' (OutOfMemoryError)' : first ? `: ${first.summary}` : ''
  return `${plural(tasks.length, 'task')} stopped${codes.length ? ` with exit ${codes.join(', ')}` : ''}${why}`
}

async function failedTasksOf(deps: WaitDeps, opts: WaitOptions, t: Tracked): Promise<void> {
  const arns = await listTaskArns(deps.ecs, opts.cluster, t.service, 'STOPPED')
  const fresh = arns.filter(a => !t.seenTasks.has(a))
  if (fresh.length === 0) return
  for (const a of fresh) t.seenTasks.add(a)
  const tasks = await describeTasks(deps.ecs, opts.cluster, fresh, 2)
  for (const task of tasks) {
    if (task.taskDefinitionArn !== t.taskDefinitionArn) continue
    if (t.createdMs !== undefined && task.stoppedAt && task.stoppedAt.getTime() < t.createdMs)
      continue
    const info = stoppedTaskInfo(task)
    if (!BENIGN_CAUSES.has(info.cause)) t.stoppedTasks.push(info)
  }
}

/** Remembers which deployment is awaited: the PRIMARY one at the first poll. */
function track(t: Tracked, svc: Service): void {
  const primary = primaryOf(svc)
  if (t.deploymentId !== undefined || !primary) return
  t.deploymentId = primary.id
  const td = shortTaskDefinition(primary.taskDefinition)
  if (td) t.taskDefinition = td
  if (primary.taskDefinition) t.taskDefinitionArn = primary.taskDefinition
  if (primary.createdAt) {
    t.createdMs = primary.createdAt.getTime()
    t.createdAt = primary.createdAt.toISOString()
  }
}

function update(t: Tracked, svc: Service, deps: WaitDeps, limit: number): void {
  const deployments = svc.deployments ?? []
  const primary = primaryOf(svc)
  const awaitedNow = deployments.find(d => d.id === t.deploymentId)
  // The awaited deployment's own counts: during a rollout the service total mixes old and new tasks.
  t.desired = awaitedNow?.desiredCount ?? svc.desiredCount ?? 0
  t.running = awaitedNow?.runningCount ?? svc.runningCount ?? 0
  t.pending = awaitedNow?.pendingCount ?? svc.pendingCount ?? 0
  const awaited = deployments.find(d => d.id === t.deploymentId)
  t.rolloutState = awaited?.rolloutState ?? (awaited ? undefined : 'GONE')

  // New service events, oldest first.
  const fresh = [...(svc.events ?? [])]
    .filter(e => e.id && !t.seenEvents.has(e.id))
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))
  for (const e of fresh) {
    t.seenEvents.add(e.id as string)
    // Events from before the deployment are history, not progress.
    const before = t.createdMs !== undefined && (e.createdAt?.getTime() ?? 0) < t.createdMs
    if (!before) deps.log(`  ${t.service}: ${e.message ?? ''}`)
  }
  const line = `${t.service}: ${t.running}/${t.desired} running, ${t.pending} pending, ${plural(deployments.filter(d => d.status !== 'INACTIVE').length, 'deployment')}, rollout ${t.rolloutState ?? 'unknown'}`
  if (line !== t.lastLine) {
    deps.log(line)
    t.lastLine = line
  }

  if (t.deploymentId === undefined) {
    // No ECS deployment to follow (e.g. an external deployment controller): counts decide.
    if (t.running === t.desired) t.state = 'completed'
    return
  }
  const newPrimary = primary && primary.id !== t.deploymentId ? primary : undefined
  if (t.rolloutState === 'FAILED' || (t.rolloutState === 'GONE' && newPrimary)) {
    t.state = 'failed'
    const td = shortTaskDefinition(newPrimary?.taskDefinition)
    if (newPrimary && td && td !== t.taskDefinition) t.rolledBackTo = td
    t.reason =
      awaited?.rolloutStateReason ??
      (newPrimary ? `replaced by deployment ${newPrimary.id}` : 'deployment failed')
  } else if (t.stoppedTasks.length >= limit) {
    t.state = 'failed'
    t.reason = stoppedSummary(t.stoppedTasks)
  } else if (awaited && primary?.id === t.deploymentId) {
    const done =
      awaited.rolloutState === 'COMPLETED' ||
      // Without a rollout state (other deployment controllers): one deployment, all running.
      (awaited.rolloutState === undefined &&
        deployments.filter(d => d.status !== 'INACTIVE').length === 1)
    if (done && t.running === t.desired && (svc.runningCount ?? 0) >= (svc.desiredCount ?? 0)) {
      t.state = 'completed'
    }
  }
}

/** The overall status of a wait from its services. */
export function waitStatus(services: readonly ServiceRollout[]): DeploymentStatus {
  if (services.length === 0) return 'none'
  if (services.some(s => s.state === 'failed')) return 'failed'
  if (services.some(s => s.state === 'timed-out' || s.state === 'waiting')) return 'timed-out'
  if (services.every(s => s.state === 'missing')) return 'none'
  return 'completed'
}

/** Polls until every service's rollout completed, one failed, or the timeout. */
export async function waitForDeployments(deps: WaitDeps, opts: WaitOptions): Promise<WaitResult> {
  const started = deps.now()
  const limit = opts.stoppedTaskLimit ?? 3
  const random = deps.random ?? Math.random
  const tracked = new Map<string, Tracked>(
    opts.services.map(s => [
      s,
      {
        service: s,
        state: 'waiting',
        desired: 0,
        running: 0,
        pending: 0,
        stoppedTasks: [],
        seenEvents: new Set(),
        seenTasks: new Set()
      }
    ])
  )
  let polls = 0
  for (;;) {
    polls++
    const waiting = [...tracked.values()].filter(t => t.state === 'waiting')
    const described = await describeServices(
      deps.ecs,
      opts.cluster,
      waiting.map(t => t.service),
      opts.concurrency
    )
    for (const f of described.failures) {
      const t = tracked.get(f.name)
      if (t) {
        t.state = 'missing'
        t.reason = `service not found (${f.reason})`
      }
    }
    // Stopped tasks first, so a crash-looping revision fails this poll, not the next.
    await Promise.all(
      described.services.map(async svc => {
        const t = tracked.get(svc.serviceName ?? '')
        if (!t) return
        track(t, svc)
        await failedTasksOf(deps, opts, t)
        update(t, svc, deps, limit)
      })
    )
    if (![...tracked.values()].some(t => t.state === 'waiting')) break
    const elapsed = deps.now() - started
    if (elapsed >= opts.timeoutMs) {
      for (const t of tracked.values()) {
        if (t.state !== 'waiting') continue
        t.state = 'timed-out'
        t.reason = `did not complete within ${plural(Math.max(1, Math.round(opts.timeoutMs / 60_000)), 'minute')}: ${t.running}/${t.desired} running, rollout ${t.rolloutState ?? 'unknown'}`
      }
      break
    }
    // ±20% jitter so many parallel jobs do not poll in lockstep.
    const delay = Math.min(opts.pollMs * (0.8 + 0.4 * random()), opts.timeoutMs - elapsed)
    await deps.sleep(Math.max(0, delay))
  }
  const services: ServiceRollout[] = [...tracked.values()].map(
    ({
      seenEvents: _e,
      seenTasks: _t,
      lastLine: _l,
      createdMs: _c,
      taskDefinitionArn: _a,
      ...rest
    }) => rest
  )
  return { status: waitStatus(services), services, polls, durationMs: deps.now() - started }
}
