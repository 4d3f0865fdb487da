/**
 * CloudWatch reads: the load balancers' per-target-group host counts (`HealthyHostCount`,
 * `UnHealthyHostCount`) of many groups in a few GetMetricData calls. Their cost does not grow
 * with the number of groups the way one DescribeTargetHealth per group does: 500 queries a call
 * on a quota of its own (50 TPS), not on the ELBv2 `Describe*` bucket that deploy tooling in the
 * same account needs.
 */
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery
} from '@aws-sdk/client-cloudwatch'
import { chunk, mapLimit } from '../util/concurrency.js'

/** Queries per GetMetricData call (AWS's limit). */
export const METRIC_QUERIES_PER_CALL = 500

/** A target group as its metrics name it. */
export interface MetricTargetGroup {
  /** The group's ARN (the key of the result). */
  arn: string
  /** The load balancer's ARN. */
  loadBalancerArn: string
}

/** The newest datapoint of one metric. */
export interface Datapoint {
  value: number
  at: Date
}

export interface HostCounts {
  healthy?: Datapoint
  unhealthy?: Datapoint
}

/**
 * The metrics' dimensions of a target group: `TargetGroup` is `targetgroup/<name>/<id>`,
 * `LoadBalancer` is `app/<name>/<id>` (or `net/…`); the namespace follows the load balancer's
 * type. Undefined when an ARN has not that shape (then the group has no such metrics).
 */
export function metricDimensions(
  g: MetricTargetGroup
): { namespace: string; targetGroup: string; loadBalancer: string } | undefined {
  const tg = /:(targetgroup\/[^/]+\/[^/]+)$/.exec(g.arn)?.[1]
  const lb = /:loadbalancer\/((app|net)\/[^/]+\/[^/]+)$/.exec(g.loadBalancerArn)
  if (!tg || !lb?.[1]) return undefined
  const namespace = lb[2] === 'net' ? 'AWS/NetworkELB' : 'AWS/ApplicationELB'
  return { namespace, targetGroup: tg, loadBalancer: lb[1] }
}

/**
 * The newest one-minute datapoint of each group's healthy and unhealthy host counts between
 * `start` and `end` (the healthy count's minimum and the unhealthy count's maximum over the
 * minute: the less flattering figures). Groups without datapoints are missing from the answer
 * or have neither field. Every page is read; calls go `concurrency` at a time.
 */
export async function readHostCounts(
  client: CloudWatchClient,
  groups: readonly MetricTargetGroup[],
  window: { start: Date; end: Date },
  concurrency: number
): Promise<Map<string, HostCounts>> {
  const queries: { q: MetricDataQuery; arn: string; field: keyof HostCounts }[] = []
  for (const g of groups) {
    const d = metricDimensions(g)
    if (!d) continue
    const dims = [
      { Name: 'TargetGroup', Value: d.targetGroup },
      { Name: 'LoadBalancer', Value: d.loadBalancer }
    ]
    for (const [field, metric, stat] of [
      ['healthy', 'HealthyHostCount', 'Minimum'],
      ['unhealthy', 'UnHealthyHostCount', 'Maximum']
    ] as const) {
      queries.push({
        arn: g.arn,
        field,
        q: {
          Id: `${field === 'healthy' ? 'h' : 'u'}${queries.length}`,
          MetricStat: {
            Metric: { Namespace: d.namespace, MetricName: metric, Dimensions: dims },
            Period: 60,
            Stat: stat
          },
          ReturnData: true
        }
      })
    }
  }
  const byId = new Map(queries.map(x => [x.q.Id as string, x]))
  const out = new Map<string, HostCounts>()
  await mapLimit(chunk(queries, METRIC_QUERIES_PER_CALL), concurrency, async batch => {
    let token: string | undefined
    do {
      const page = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch.map(x => x.q),
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: 'TimestampDescending',
          NextToken: token
        })
      )
      for (const r of page.MetricDataResults ?? []) {
        const x = byId.get(r.Id ?? '')
        if (!x) continue
        // Descending: the first datapoint of a page is the newest of that page.
        const at = r.Timestamps?.[0]
        const value = r.Values?.[0]
        if (at === undefined || value === undefined) continue
        const counts = out.get(x.arn) ?? {}
        const known = counts[x.field]
        if (!known || known.at < at) counts[x.field] = { value, at }
        out.set(x.arn, counts)
      }
      token = page.NextToken || undefined
    } while (token)
  })
  return out
}
