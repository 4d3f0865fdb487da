/**
 * Restarts, first from ECS itself (stopped tasks: stoppedReason, stopCode, container exit codes)
 * and second from log lines (shutdown / startup messages). Pure.
 */
import type { Task } from '@aws-sdk/client-ecs'
import { shortTaskDefinition } from '../checks/services.js'

/** Why a task stopped, from the most to the least specific. */
export type StopCause =
  | 'oom'
  | 'image_pull'
  | 'init_error'
  | 'failed_to_start'
  | 'elb_health_check'
  | 'container_health_check'
  | 'exit_code'
  | 'spot'
  | 'deployment'
  | 'scaling'
  | 'user'
  | 'other'

/** Causes that are not a failure of the task (scale-in, replaced by a deployment, stopped by a person). */
export const BENIGN_CAUSES: ReadonlySet<StopCause> = new Set([
  'deployment',
  'scaling',
  'user',
  'spot',
  'other'
])

export interface ContainerExit {
  name: string
  exitCode?: number
  reason?: string
}

export interface StoppedTaskInfo {
  taskId: string
  taskDefinition?: string
  startedAt?: string
  stoppedAt?: string
  stopCode?: string
  stoppedReason?: string
  containers: ContainerExit[]
  cause: StopCause
  /** One line a person can act on, e.g. `OutOfMemoryError: Container killed due to memory usage (api, exit 137)`. */
  summary: string
}

function iso(d: Date | undefined): string | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined
}

/** Task id from its ARN. */
export function taskIdFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}

function exitText(c: ContainerExit): string {
  return `${c.name}${c.exitCode !== undefined ? `, exit ${c.exitCode}` : ''}`
}

/** A stop reason of an image that could not be pulled (ECS's and the agent's wordings). */
export const PULL_RE =
  /CannotPullContainerError|pull image|image manifest|ECR.*not found|The task can(?:'|\u2019|no)t pull|pull access denied/i
/** A stop reason of a task whose resources (secrets, logging, volumes) could not be set up. */
const INIT_RE =
  /ResourceInitializationError|unable to pull secrets|CannotCreateVolumeError|log(?:ging)? driver|failed to validate logger args/i

/** Classifies why a task stopped and says it in one line. */
export function stopCauseOf(t: {
  stopCode?: string
  stoppedReason?: string
  containers: ContainerExit[]
}): { cause: StopCause; summary: string } {
  const oomContainer = t.containers.find(c =>
    /OutOfMemory|\bOOM(?:Killed)?\b|memory usage/.test(c.reason ?? '')
  )
  if (oomContainer) {
    return { cause: 'oom', summary: `${oomContainer.reason} (${exitText(oomContainer)})` }
  }
  // On EC2 the task says only "Essential container in task exited"; the container's reason says
  // that its image could not be pulled.
  const startError = t.containers.find(
    c => PULL_RE.test(c.reason ?? '') || INIT_RE.test(c.reason ?? '')
  )
  const reason =
    !PULL_RE.test(t.stoppedReason ?? '') && !INIT_RE.test(t.stoppedReason ?? '') && startError
      ? (startError.reason ?? '')
      : (t.stoppedReason ?? '')
  if (/OutOfMemory/i.test(reason)) return { cause: 'oom', summary: reason }
  if (PULL_RE.test(reason)) return { cause: 'image_pull', summary: reason }
  if (INIT_RE.test(reason)) return { cause: 'init_error', summary: reason }
  if (/ELB health checks?/i.test(reason)) return { cause: 'elb_health_check', summary: reason }
  if (/container health checks?|health check(s)? failed/i.test(reason)) {
    return { cause: 'container_health_check', summary: reason }
  }
  const crashed = t.containers.find(c => c.exitCode !== undefined && c.exitCode !== 0)
  if (crashed && crashed.exitCode === 137 && t.stopCode === 'EssentialContainerExited') {
    return {
      cause: 'oom',
      summary: `${exitText(crashed)}: killed by SIGKILL, usually the container memory limit${crashed.reason ? ` (${crashed.reason})` : ''}`
    }
  }
  if (
    t.stopCode === 'TaskFailedToStart' ||
    /CannotStartContainerError|CannotCreateContainerError|CannotInspectContainerError|CannotStopContainerError|ContainerRuntimeTimeoutError|DockerTimeoutError|failed to start/i.test(
      reason
    )
  ) {
    return { cause: 'failed_to_start', summary: reason || 'task failed to start' }
  }
  if (
    crashed &&
    (t.stopCode === 'EssentialContainerExited' || /Essential container/i.test(reason))
  ) {
    return {
      cause: 'exit_code',
      summary: `essential container exited (${exitText(crashed)})${crashed.reason ? `: ${crashed.reason}` : ''}`
    }
  }
  if (t.stopCode === 'SpotInterruption' || t.stopCode === 'TerminationNotice') {
    return { cause: 'spot', summary: reason || t.stopCode }
  }
  if (t.stopCode === 'UserInitiated')
    return { cause: 'user', summary: reason || 'stopped by a user' }
  if (t.stopCode === 'InfrastructureHealth')
    return { cause: 'other', summary: reason || 'stopped by ECS: unhealthy infrastructure' }
  if (/deployment/i.test(reason)) return { cause: 'deployment', summary: reason }
  if (/scaling activity|scale[- ]in/i.test(reason)) return { cause: 'scaling', summary: reason }
  if (crashed) return { cause: 'exit_code', summary: `container exited (${exitText(crashed)})` }
  return { cause: 'other', summary: reason || t.stopCode || 'stopped' }
}

/** A described task as a stopped-task record. */
export function stoppedTaskInfo(task: Task): StoppedTaskInfo {
  const containers: ContainerExit[] = (task.containers ?? []).map(c => ({
    name: c.name ?? 'container',
    ...(c.exitCode !== undefined && c.exitCode !== null ? { exitCode: c.exitCode } : {}),
    ...(c.reason ? { reason: c.reason } : {})
  }))
  const base = {
    ...(task.stopCode ? { stopCode: task.stopCode } : {}),
    ...(task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
    containers
  }
  const td = shortTaskDefinition(task.taskDefinitionArn)
  const started = iso(task.startedAt)
  const stopped = iso(task.stoppedAt)
  return {
    taskId: taskIdFromArn(task.taskArn ?? 'unknown'),
    ...(td ? { taskDefinition: td } : {}),
    ...(started ? { startedAt: started } : {}),
    ...(stopped ? { stoppedAt: stopped } : {}),
    ...base,
    ...stopCauseOf(base)
  }
}

const SHUTDOWN =
  /\b(shutting down|shutdown (?:complete|initiated|requested|signal)|graceful(?:ly)? shut|received (?:signal )?(?:SIGTERM|SIGINT|SIGQUIT|terminated)|caught (?:SIGTERM|SIGINT)|handling signal: (?:term|int)|stopping (?:server|application|http server|service)|server (?:stopped|closed)|worker exiting|application (?:shutdown|stopped))\b/i
const STARTUP =
  /\b(listening on|listening at|server started|started \w+ in \d|started \w*application|application startup complete|starting (?:server|application|gunicorn|puma|unicorn|uvicorn)|booting worker|ready to accept connections|tomcat started on port|server is running|server running (?:on|at))\b/i

/** Whether a log line says the process is shutting down or starting up. */
export function restartSignal(message: string): 'shutdown' | 'startup' | null {
  const head = message.length > 2000 ? message.slice(0, 2000) : message
  if (SHUTDOWN.test(head)) return 'shutdown'
  if (STARTUP.test(head)) return 'startup'
  return null
}

/** Stopped tasks that stopped the same way: one row of a report. */
export interface StoppedTaskGroup {
  count: number
  cause: StopCause
  stopCode?: string
  summary: string
  /** `container: code` pairs, as the tasks report them. */
  exitCodes: string[]
  taskIds: string[]
  taskDefinitions: string[]
  /** The newest stop (ISO), when known. */
  lastStoppedAt?: string
}

/**
 * Groups stopped tasks by cause, stop code, summary and exit codes, most tasks first (then the
 * newest): ten tasks killed the same way are one row, not ten.
 */
export function groupStoppedTasks(tasks: readonly StoppedTaskInfo[]): StoppedTaskGroup[] {
  const by = new Map<string, StoppedTaskGroup>()
  for (const t of tasks) {
    const exitCodes = t.containers
      .filter(c => c.exitCode !== undefined)
      .map(c => `${c.name}: ${c.exitCode}`)
    const key = JSON.stringify([t.cause, t.stopCode ?? '', t.summary, exitCodes])
    let g = by.get(key)
    if (!g) {
      g = {
        count: 0,
        cause: t.cause,
        ...(t.stopCode ? { stopCode: t.stopCode } : {}),
        summary: t.summary,
        exitCodes,
        taskIds: [],
        taskDefinitions: []
      }
      by.set(key, g)
    }
    g.count++
    g.taskIds.push(t.taskId)
    if (t.taskDefinition && !g.taskDefinitions.includes(t.taskDefinition))
      g.taskDefinitions.push(t.taskDefinition)
    if (t.stoppedAt && (!g.lastStoppedAt || t.stoppedAt > g.lastStoppedAt))
      g.lastStoppedAt = t.stoppedAt
  }
  return [...by.values()].sort(
    (a, b) => b.count - a.count || (b.lastStoppedAt ?? '').localeCompare(a.lastStoppedAt ?? '')
  )
}
