/**
 * ECS services check. `assessService` is pure: one described service in, its health
 * and the reasons behind it out. `checkServices` does the reads and never throws for a denied
 * or failing call; only a missing cluster or missing credentials end the run.
 */
import type { Deployment, ECSClient, Service } from '@aws-sdk/client-ecs'
import { describeServices, listServiceNames } from '../aws/ecs.js'
import { awsCheckError, errorCode, FatalError, isMissingCredentials } from '../errors.js'
import type {
  DeploymentInfo,
  Finding,
  ServiceEventInfo,
  ServiceHealth,
  ServiceResult,
  ServicesCheck
} from './types.js'

/** Service events kept per service, newest first. */
export const EVENTS_KEPT = 5

const ROLLBACK_EVENT = /rolling back|rolled back|circuit breaker/i
const PROBLEM_EVENT =
  /unable to|failed|unhealthy|insufficient|cannot|not enough|error|exceeded|stopped|throttl/i
const STEADY_EVENT =
  /steady state|deployment completed|registered \d+ targets|has started \d+ tasks/i

function iso(d: Date | undefined): string | undefined {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined
}

/** Task definition ARN → `family:revision`. */
export function shortTaskDefinition(arn: string | undefined): string | undefined {
  if (!arn) return undefined
  const slash = arn.lastIndexOf('/')
  return slash >= 0 ? arn.slice(slash + 1) : arn
}

function deploymentInfo(d: Deployment): DeploymentInfo {
  const td = shortTaskDefinition(d.taskDefinition)
  const created = iso(d.createdAt)
  const updated = iso(d.updatedAt)
  return {
    id: d.id ?? 'unknown',
    status: d.status ?? 'UNKNOWN',
    ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
    ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
    ...(td ? { taskDefinition: td } : {}),
    desired: d.desiredCount ?? 0,
    running: d.runningCount ?? 0,
    pending: d.pendingCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    ...(created ? { createdAt: created } : {}),
    ...(updated ? { updatedAt: updated } : {})
  }
}

/**
 * Judges one described service.
 * Seed rules: status not ACTIVE → unhealthy; desired 0 → scaled_down; running < desired →
 * degraded. Beyond the seed: a FAILED deployment still listed → unhealthy; a circuit-breaker
 * rollback within `recentMs` → at least degraded; the latest problem event is given as reason.
 */
export function assessService(svc: Service, now: Date, recentMs: number): ServiceResult {
  const name = svc.serviceName ?? 'unknown'
  const desired = svc.desiredCount ?? 0
  const running = svc.runningCount ?? 0
  const pending = svc.pendingCount ?? 0
  const status = svc.status ?? 'UNKNOWN'
  const deployments = (svc.deployments ?? []).map(deploymentInfo)
  const primary = deployments.find(d => d.status === 'PRIMARY')
  const events: ServiceEventInfo[] = [...(svc.events ?? [])]
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
    .slice(0, EVENTS_KEPT)
    .map(e => {
      const at = iso(e.createdAt)
      return { ...(at ? { createdAt: at } : {}), message: e.message ?? '' }
    })
  const recent = (e: { createdAt?: Date }): boolean =>
    !!e.createdAt && now.getTime() - e.createdAt.getTime() <= recentMs

  const reasons: string[] = []
  let health: ServiceHealth
  if (status !== 'ACTIVE') {
    health = 'unhealthy'
    reasons.push(`service status is ${status}`)
  } else if (desired === 0) {
    health = 'scaled_down'
  } else if (running < desired) {
    health = 'degraded'
    reasons.push(
      running === 0
        ? `no tasks running (0/${desired})`
        : `${running}/${desired} tasks running${pending ? `, ${pending} pending` : ''}`
    )
  } else {
    health = 'healthy'
  }

  const failed = deployments.filter(d => d.rolloutState === 'FAILED')
  for (const d of failed) {
    const why = d.rolloutStateReason ? `: ${d.rolloutStateReason}` : ''
    reasons.push(
      `deployment ${d.id}${d.taskDefinition ? ` (${d.taskDefinition})` : ''} failed${why}`
    )
  }
  const rollbackEvent = (svc.events ?? []).find(
    e => recent(e) && ROLLBACK_EVENT.test(e.message ?? '')
  )
  const rolledBack =
    (failed.length > 0 && !!primary && primary.rolloutState !== 'FAILED') || !!rollbackEvent
  if (rolledBack) {
    reasons.push(
      `circuit breaker rolled back${primary?.taskDefinition ? ` to ${primary.taskDefinition}` : ''}`
    )
  }
  if (failed.length > 0 && health !== 'unhealthy') health = 'unhealthy'
  else if (rolledBack && health === 'healthy') health = 'degraded'

  if (health !== 'healthy' && health !== 'scaled_down') {
    const problem = (svc.events ?? [])
      .filter(
        e => recent(e) && PROBLEM_EVENT.test(e.message ?? '') && !STEADY_EVENT.test(e.message ?? '')
      )
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0]
    // A "deployment X failed" event repeats what the FAILED deployment already says.
    const repeats = failed.some(d => problem?.message?.includes(d.id))
    if (problem?.message && !repeats) {
      reasons.push(`latest event: ${problem.message}`)
    }
  }

  const td = shortTaskDefinition(svc.taskDefinition)
  return {
    name,
    ...(svc.serviceArn ? { arn: svc.serviceArn } : {}),
    desired,
    running,
    pending,
    status,
    health,
    reasons,
    ...(td ? { taskDefinition: td } : {}),
    ...(primary?.rolloutState ? { rolloutState: primary.rolloutState } : {}),
    activeDeployments: deployments.filter(d => d.status !== 'INACTIVE').length,
    deployments,
    rolledBack,
    events,
    targetGroupArns: [
      ...new Set(
        (svc.loadBalancers ?? []).flatMap(lb => (lb.targetGroupArn ? [lb.targetGroupArn] : []))
      )
    ]
  }
}

/** A service ECS could not describe (DescribeServices `failures`, e.g. MISSING). */
export function failedService(name: string, reason: string, detail?: string): ServiceResult {
  return {
    name,
    desired: 0,
    running: 0,
    pending: 0,
    status: reason,
    health: 'failed',
    reasons: [
      reason === 'MISSING'
        ? 'service not found in the cluster (MISSING)'
        : `ECS could not describe the service: ${reason}${detail ? ` (${detail})` : ''}`
    ],
    activeDeployments: 0,
    deployments: [],
    rolledBack: false,
    events: [],
    targetGroupArns: []
  }
}

/** One-line issue for a service that is not healthy, e.g. `api: degraded (1/3 tasks running)`. */
export function serviceIssue(s: ServiceResult): string {
  return `${s.name}: ${s.health}${s.reasons.length ? ` (${s.reasons.join('; ')})` : ''}`
}

/** Status of the whole services check from its services. */
export function servicesStatus(services: readonly ServiceResult[]): ServicesCheck['status'] {
  if (services.some(s => s.health === 'failed' || s.health === 'unhealthy')) return 'unhealthy'
  if (services.some(s => s.health === 'degraded')) return 'degraded'
  return 'healthy'
}

export interface ServicesCheckInput {
  cluster: string
  /** Services to check; undefined lists every service of the cluster. */
  services?: string[]
  concurrency: number
  now: Date
  /** How far back a rollback or problem event still counts, in ms. */
  recentMs: number
}

/**
 * Reads and judges the services. Throws `FatalError` only when the cluster does not exist or
 * there are no credentials; every other failure becomes the check's `error`.
 */
export async function checkServices(
  ecs: ECSClient,
  input: ServicesCheckInput
): Promise<ServicesCheck> {
  let operation = 'ListServices'
  try {
    const names = input.services ?? (await listServiceNames(ecs, input.cluster))
    operation = 'DescribeServices'
    const described = await describeServices(ecs, input.cluster, names, input.concurrency)
    const results = new Map<string, ServiceResult>()
    for (const svc of described.services) {
      const r = assessService(svc, input.now, input.recentMs)
      results.set(r.name, r)
    }
    for (const f of described.failures)
      results.set(f.name, failedService(f.name, f.reason, f.detail))
    // Keep the order the user asked for (or ListServices returned).
    const ordered = names.map(n => results.get(n)).filter((r): r is ServiceResult => !!r)
    for (const r of results.values()) if (!ordered.includes(r)) ordered.push(r)
    return {
      status: servicesStatus(ordered),
      services: Object.fromEntries(ordered.map(r => [r.name, r])),
      issues: ordered
        .filter(r => r.health !== 'healthy' && r.health !== 'scaled_down')
        .map(serviceIssue)
    }
  } catch (err) {
    if (errorCode(err) === 'ClusterNotFoundException') {
      throw new FatalError(
        `ECS cluster '${input.cluster}' was not found in this region (ECS_CLUSTER / ECS_REGION)`
      )
    }
    if (isMissingCredentials(err)) {
      throw new FatalError(
        'No AWS credentials found: configure them (e.g. aws-actions/configure-aws-credentials) before this step'
      )
    }
    const error = awsCheckError(err, 'ecs', operation, `cluster ${input.cluster}`)
    return { status: 'error', services: {}, issues: [error.message], error }
  }
}

/** A finding when the services could not be read, and one per service that is not healthy. */
export function servicesFindings(c: ServicesCheck): Finding[] {
  const out: Finding[] = []
  if (c.status === 'error') {
    out.push({
      severity: 'degraded',
      check: 'ecs_services',
      title: 'ECS services could not be checked',
      message: c.error?.message ?? 'unknown error'
    })
  }
  for (const s of Object.values(c.services)) {
    if (s.health === 'healthy' || s.health === 'scaled_down') continue
    out.push({
      severity: s.health === 'degraded' ? 'degraded' : 'unhealthy',
      check: 'ecs_services',
      service: s.name,
      title: `${s.name}: ${s.health === 'failed' ? s.status.toLowerCase() : s.health} (${s.running}/${s.desired} running)`,
      message: s.reasons.join('; ') || s.health
    })
  }
  return out
}
