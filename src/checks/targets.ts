/**
 * ALB target groups check: only the groups attached to the checked services.
 * `assessTargetGroup` is pure; `checkTargets` does the reads (one DescribeTargetHealth per group,
 * or the load balancers' CloudWatch host counts first) and reports a failing group inside the
 * check without hiding the others.
 */
import type {
  ElasticLoadBalancingV2Client,
  TargetGroup,
  TargetHealthDescription
} from '@aws-sdk/client-elastic-load-balancing-v2'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { type Datapoint, readHostCounts } from '../aws/cloudwatch.js'
import { describeTargetGroups, describeTargetHealth, findTargetGroups } from '../aws/elbv2.js'
import type { TargetHealthSource } from '../config.js'
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
    badTargets,
    source: 'api'
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
    source: 'api',
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
  concurrency: number,
  byPage = false
): Promise<{ groups: Map<string, TargetGroup>; missing: Set<string> }> {
  const groups = new Map<string, TargetGroup>()
  const missing = new Set<string>()
  if (byPage) {
    const { found, rest } = await findTargetGroups(elbv2, arns)
    for (const g of found) groups.set(g.TargetGroupArn as string, g)
    arns = rest
    if (arns.length === 0) return { groups, missing }
  }
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

/** Where target health comes from, and what the metrics path needs. */
export interface TargetHealthOptions {
  /** Default `api`. */
  source?: TargetHealthSource
  /**
   * The client for the metrics, asked for only when they are read (`metrics`, or `auto` beyond
   * the burst); without it every group is read with the API.
   */
  cloudwatch?: () => CloudWatchClient
  /** The time the metrics are judged at. Default: now. */
  now?: Date
}

/**
 * With `auto`, the metrics are read for more groups than this: up to here the API's answer (live,
 * every target named) fits in the ELBv2 `Describe*` burst of 40 (shared with deploy tooling).
 */
export const METRICS_FROM_GROUPS = 40

/** A datapoint older than this does not tell the group's state now: the group is read live. */
export const METRICS_MAX_AGE_MS = 5 * 60_000

/** How far back the metrics are read (a few one-minute datapoints; they arrive 1–3 min late). */
const METRICS_WINDOW_MS = 10 * 60_000

/**
 * Reads and judges the target groups that the given services are attached to. With metrics
 * (see {@link TargetHealthOptions}), one GetMetricData call per 250 groups replaces the
 * DescribeTargetHealth calls of the groups whose host counts are recent and all healthy and
 * whose service is not being deployed; the others are still read live.
 */
export async function checkTargets(
  elbv2: ElasticLoadBalancingV2Client,
  services: readonly ServiceResult[],
  concurrency: number,
  opts: TargetHealthOptions = {}
): Promise<TargetsCheck> {
  const servicesByArn = new Map<string, string[]>()
  const deploying = new Set<string>()
  for (const s of services) {
    for (const arn of s.targetGroupArns) {
      servicesByArn.set(arn, [...(servicesByArn.get(arn) ?? []), s.name])
      if (s.activeDeployments > 1 || s.rolloutState === 'IN_PROGRESS') deploying.add(arn)
    }
  }
  const arns = [...servicesByArn.keys()]
  if (arns.length === 0) return { status: 'healthy', targetGroups: {}, issues: [] }
  const source = opts.source ?? 'api'
  const cloudwatch =
    source === 'metrics' || (source === 'auto' && arns.length > METRICS_FROM_GROUPS)
      ? opts.cloudwatch?.()
      : undefined

  const readHealth = (list: readonly string[]) =>
    mapLimit(list, concurrency, arn =>
      describeTargetHealth(elbv2, arn).then(
        targets => ({ targets }),
        (err: unknown) => ({ err })
      )
    )
  // Without metrics the health reads need only the ARNs (from the services), so they go out
  // together with the name lookup instead of after it: one round trip less on the critical path.
  // With metrics the groups' load balancers are needed first: listing the region's groups by
  // the page is then often cheaper than by ARN, 20 at a time.
  const describedP = describeGroupsTolerant(elbv2, arns, concurrency, cloudwatch !== undefined)
  const earlyHealthP = cloudwatch ? undefined : readHealth(arns)
  let described: Awaited<ReturnType<typeof describeGroupsTolerant>>
  try {
    described = await describedP
  } catch (err) {
    await earlyHealthP
    const error = awsCheckError(err, 'elasticloadbalancing', 'DescribeTargetGroups')
    return { status: 'error', targetGroups: {}, issues: [error.message], error }
  }

  const health = new Map<string, { targets: TargetHealthDescription[] } | { err: unknown }>()
  const fromMetrics = new Map<string, Datapoint>()
  const warnings: string[] = []
  if (earlyHealthP) {
    ;(await earlyHealthP).forEach((h, i) => health.set(arns[i] as string, h))
  } else if (cloudwatch) {
    const now = opts.now ?? new Date()
    const metricGroups = arns.flatMap(arn => {
      const lbs = described.groups.get(arn)?.LoadBalancerArns ?? []
      // A group behind several load balancers has one set of counts per balancer: read it live.
      return lbs.length === 1 && !deploying.has(arn)
        ? [{ arn, loadBalancerArn: lbs[0] as string }]
        : []
    })
    try {
      const counts = await readHostCounts(
        cloudwatch,
        metricGroups,
        { start: new Date(now.getTime() - METRICS_WINDOW_MS), end: now },
        concurrency
      )
      for (const [arn, c] of counts) {
        const h = c.healthy
        if (!h || !c.unhealthy || h.value <= 0 || c.unhealthy.value > 0) continue
        if (now.getTime() - h.at.getTime() > METRICS_MAX_AGE_MS) continue
        fromMetrics.set(arn, h)
      }
    } catch (err) {
      const e = awsCheckError(err, 'cloudwatch', 'GetMetricData')
      warnings.push(
        `target health was read with DescribeTargetHealth for every group: ${e.message}`
      )
    }
    const live = arns.filter(arn => !fromMetrics.has(arn) && !described.missing.has(arn))
    ;(await readHealth(live)).forEach((h, i) => health.set(live[i] as string, h))
  }

  const results = arns.map(arn => {
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
    const m = fromMetrics.get(arn)
    if (m) return metricsGroup(name, arn, owners, m)
    const h = health.get(arn)
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
    ...(warnings.length ? { warnings } : {}),
    ...(firstError ? { error: firstError } : {})
  }
}

/** A group whose load balancer counts `healthy.value` healthy targets and none unhealthy. */
function metricsGroup(
  name: string,
  arn: string,
  services: string[],
  healthy: Datapoint
): TargetGroupResult {
  return {
    name,
    arn,
    healthy: healthy.value,
    draining: 0,
    unhealthy: 0,
    initial: 0,
    total: healthy.value,
    status: 'healthy',
    services,
    badTargets: [],
    source: 'metrics',
    observedAt: healthy.at.toISOString()
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
