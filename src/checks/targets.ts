/**
 * ALB target groups check: only the groups attached to the checked services.
 * `assessTargetGroup` is pure; `checkTargets` does the reads, one DescribeTargetHealth per group,
 * and reports a failing group inside the check without hiding the others.
 */
import type {
  ElasticLoadBalancingV2Client,
  TargetGroup,
  TargetHealthDescription
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { describeTargetGroups, describeTargetHealth } from '../aws/elbv2.js'
import { awsCheckError, errorCode } from '../errors.js'
import { mapLimit } from '../util/concurrency.js'
import type {
  CheckError,
  Finding,
  ServiceResult,
  TargetGroupResult,
  TargetInfo,
  TargetsCheck
} from './types.js'

/** `arn:…:targetgroup/<name>/<id>` → `<name>`. */
export function targetGroupNameFromArn(arn: string): string {
  const m = /targetgroup\/([^/]+)\//.exec(arn)
  return m?.[1] ?? arn
}

const OK_STATES = new Set(['healthy', 'draining', 'initial'])

/** Counts and judges one group's targets. */
export function assessTargetGroup(
  name: string,
  arn: string,
  services: string[],
  targets: readonly TargetHealthDescription[]
): TargetGroupResult {
  let healthy = 0
  let draining = 0
  let initial = 0
  const badTargets: TargetInfo[] = []
  for (const t of targets) {
    const state = t.TargetHealth?.State ?? 'unknown'
    if (state === 'healthy') healthy++
    else if (state === 'draining') draining++
    else if (state === 'initial') initial++
    if (!OK_STATES.has(state)) {
      badTargets.push({
        id: t.Target?.Id ?? 'unknown',
        ...(t.Target?.Port !== undefined ? { port: t.Target.Port } : {}),
        state,
        ...(t.TargetHealth?.Reason ? { reason: t.TargetHealth.Reason } : {}),
        ...(t.TargetHealth?.Description ? { description: t.TargetHealth.Description } : {})
      })
    }
  }
  const total = targets.length
  const status: TargetGroupResult['status'] =
    total === 0 ? 'empty' : healthy > 0 ? 'healthy' : 'unhealthy'
  return {
    name,
    arn,
    healthy,
    draining,
    unhealthy: badTargets.length,
    initial,
    total,
    status,
    services,
    badTargets
  }
}

/** One-line explanation of a group's bad targets, grouped by reason. */
export function describeBadTargets(g: TargetGroupResult): string {
  const byReason = new Map<string, number>()
  for (const t of g.badTargets) {
    const why = [t.reason, t.description].filter(Boolean).join(': ') || t.state
    byReason.set(why, (byReason.get(why) ?? 0) + 1)
  }
  const parts = [...byReason].map(([why, n]) => `${n} ${why}`)
  if (g.healthy === 0 && g.initial > 0) parts.push(`${g.initial} still registering (initial)`)
  if (g.healthy === 0 && g.draining > 0) parts.push(`${g.draining} draining`)
  return parts.join('; ')
}

/** One-line issue for a group that is not fully healthy. */
export function targetGroupIssue(g: TargetGroupResult): string {
  if (g.status === 'error') return `${g.name}: ${g.error?.message ?? 'could not be read'}`
  const detail = describeBadTargets(g)
  return `${g.name}: ${g.healthy}/${g.total} targets healthy${detail ? ` (${detail})` : ''}`
}

function errorGroup(
  name: string,
  arn: string,
  services: string[],
  error: CheckError
): TargetGroupResult {
  return {
    name,
    arn,
    healthy: 0,
    draining: 0,
    unhealthy: 0,
    initial: 0,
    total: 0,
    status: 'error',
    services,
    badTargets: [],
    error
  }
}

/** Status of the whole check: unhealthy > error > degraded (bad targets beside healthy ones) > healthy. */
export function targetsStatus(groups: readonly TargetGroupResult[]): TargetsCheck['status'] {
  if (groups.some(g => g.status === 'unhealthy')) return 'unhealthy'
  if (groups.some(g => g.status === 'error')) return 'error'
  if (groups.some(g => g.unhealthy > 0)) return 'degraded'
  return 'healthy'
}

async function describeGroupsTolerant(
  elbv2: ElasticLoadBalancingV2Client,
  arns: string[],
  concurrency: number
): Promise<{ groups: Map<string, TargetGroup>; missing: Set<string> }> {
  const groups = new Map<string, TargetGroup>()
  const missing = new Set<string>()
  try {
    for (const g of await describeTargetGroups(elbv2, arns, concurrency)) {
      if (g.TargetGroupArn) groups.set(g.TargetGroupArn, g)
    }
  } catch (err) {
    // One deleted group fails the whole batch; find it by asking for each group alone.
    if (errorCode(err) !== 'TargetGroupNotFoundException') throw err
    await mapLimit(arns, concurrency, async arn => {
      try {
        const [g] = await describeTargetGroups(elbv2, [arn], 1)
        if (g) groups.set(arn, g)
        else missing.add(arn)
      } catch (inner) {
        if (errorCode(inner) === 'TargetGroupNotFoundException') missing.add(arn)
        else throw inner
      }
    })
  }
  return { groups, missing }
}

/** Reads and judges the target groups that the given services are attached to. */
export async function checkTargets(
  elbv2: ElasticLoadBalancingV2Client,
  services: readonly ServiceResult[],
  concurrency: number
): Promise<TargetsCheck> {
  const servicesByArn = new Map<string, string[]>()
  for (const s of services) {
    for (const arn of s.targetGroupArns)
      servicesByArn.set(arn, [...(servicesByArn.get(arn) ?? []), s.name])
  }
  const arns = [...servicesByArn.keys()]
  if (arns.length === 0) return { status: 'healthy', targetGroups: {}, issues: [] }

  // The health reads need only the ARNs (from the services), so they go out together with the
  // name lookup instead of after it: one round trip less on the critical path.
  const describedP = describeGroupsTolerant(elbv2, arns, concurrency)
  const healthP = mapLimit(arns, concurrency, arn =>
    describeTargetHealth(elbv2, arn).then(
      targets => ({ targets }),
      (err: unknown) => ({ err })
    )
  )
  let described: Awaited<ReturnType<typeof describeGroupsTolerant>>
  try {
    described = await describedP
  } catch (err) {
    await healthP
    const error = awsCheckError(err, 'elasticloadbalancing', 'DescribeTargetGroups')
    return { status: 'error', targetGroups: {}, issues: [error.message], error }
  }
  const health = await healthP

  const results = arns.map((arn, i) => {
    const owners = servicesByArn.get(arn) ?? []
    const tg = described.groups.get(arn)
    const name = tg?.TargetGroupName ?? targetGroupNameFromArn(arn)
    if (described.missing.has(arn)) {
      return errorGroup(name, arn, owners, {
        message: `target group ${name} no longer exists but is attached to ${owners.join(', ')}`,
        operation: 'DescribeTargetGroups',
        code: 'TargetGroupNotFoundException'
      })
    }
    const h = health[i]
    if (h && 'targets' in h) return assessTargetGroup(name, arn, owners, h.targets)
    return errorGroup(
      name,
      arn,
      owners,
      awsCheckError(h?.err, 'elasticloadbalancing', 'DescribeTargetHealth', `target group ${name}`)
    )
  })

  const firstError = results.find(g => g.error)?.error
  return {
    status: targetsStatus(results),
    targetGroups: Object.fromEntries(results.map(g => [g.name, g])),
    issues: results
      .filter(g => (g.status !== 'healthy' && g.status !== 'empty') || g.unhealthy > 0)
      .map(targetGroupIssue),
    ...(firstError ? { error: firstError } : {})
  }
}

/** A finding when no group could be read, and one per group that is not fully healthy. */
export function targetsFindings(c: TargetsCheck): Finding[] {
  const out: Finding[] = []
  if (c.status === 'error' && Object.keys(c.targetGroups).length === 0) {
    out.push({
      severity: 'degraded',
      check: 'alb_targets',
      title: 'target groups could not be checked',
      message: c.error?.message ?? 'unknown error'
    })
  }
  for (const g of Object.values(c.targetGroups)) {
    const service = g.services.join(', ')
    if (g.status === 'error') {
      out.push({
        severity: 'degraded',
        check: 'alb_targets',
        service,
        title: `${g.name}: target health could not be read`,
        message: g.error?.message ?? 'unknown error'
      })
    } else if (g.status === 'unhealthy' || g.unhealthy > 0) {
      out.push({
        severity: g.status === 'unhealthy' ? 'unhealthy' : 'degraded',
        check: 'alb_targets',
        service,
        title: `${service || g.name}: ${g.healthy}/${g.total} targets healthy`,
        message: `target group ${g.name}: ${describeBadTargets(g) || 'no healthy targets'}`
      })
    }
  }
  return out
}
