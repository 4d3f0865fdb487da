/**
 * Scenarios of the benchmark, built in code so that the sizes are parameters.
 *
 * - `clusterScenario(n)`: cluster `prod` with `n` services `svc-000…`, desired 2, each behind its
 *   own target group `svc-000-tg` (the shape that costs the most requests: one
 *   DescribeTargetHealth per service). `clusterScenario(n, k)` puts only every k-th service (and
 *   every failing one) behind a target group: the others are workers, as in most clusters. Every 10th service is failing: 1/2 tasks running, two
 *   tasks OOM-killed 5 and 15 minutes ago, one unhealthy target, error-heavy logs. Each service
 *   has a log group `/ecs/<name>` with 300 generated app events over the last hour (one
 *   FilterLogEvents page at the default limit of 200 over the 30 minutes auto-diagnosis reads).
 *   No target group outside the cluster: the seed's region-wide scan costs nothing extra here,
 *   which keeps the baseline conservative.
 * - `volumeScenario(events)`: 10 services, `svc-000`'s log group holds `events` events over the
 *   last hour (70% Java app lines with 2% errors and stack traces, 30% nginx access lines).
 */
import type { Scenario, ServiceSpec, TargetGroupSpec } from '../sim/index.js'

export const FAILING_EVERY = 10

/** Service names of a cluster scenario. */
export function serviceName(i: number): string {
  return `svc-${String(i).padStart(3, '0')}`
}

/** How many services of `n` are failing. */
export function failingCount(n: number): number {
  return Math.ceil(n / FAILING_EVERY)
}

/** Target groups of `clusterScenario(n, tgEvery)`: every `tgEvery`-th service and every failing one. */
export function behindTargetGroup(i: number, tgEvery: number): boolean {
  return i % tgEvery === 0 || i % FAILING_EVERY === 0
}

/** Target groups in `clusterScenario(n, tgEvery)`. */
export function targetGroupCount(n: number, tgEvery: number): number {
  let k = 0
  for (let i = 0; i < n; i++) if (behindTargetGroup(i, tgEvery)) k++
  return k
}

export function clusterScenario(n: number, tgEvery = 1): Scenario {
  const services: ServiceSpec[] = []
  const targetGroups: TargetGroupSpec[] = []
  const logGroups: NonNullable<Scenario['logGroups']> = []
  for (let i = 0; i < n; i++) {
    const name = serviceName(i)
    const failing = i % FAILING_EVERY === 0
    services.push({
      name,
      desiredCount: 2,
      runningCount: failing ? 1 : 2,
      taskDefinition: `${name}:7`,
      ...(behindTargetGroup(i, tgEvery)
        ? {
            loadBalancers: [{ targetGroup: `${name}-tg`, containerName: name, containerPort: 8080 }]
          }
        : {}),
      ...(failing
        ? {
            events: [
              { createdAt: '-3m', message: `(service ${name}) has started 1 tasks.` },
              {
                createdAt: '-5m',
                message: `(service ${name}) is unable to consistently start tasks successfully.`
              }
            ],
            tasks: [
              {
                lastStatus: 'STOPPED',
                count: 2,
                stoppedAt: '-5m',
                stoppedReason: 'Essential container in task exited',
                containers: [
                  {
                    name,
                    exitCode: 137,
                    reason: 'OutOfMemoryError: Container killed due to memory usage'
                  }
                ]
              }
            ]
          }
        : {})
    })
    if (behindTargetGroup(i, tgEvery))
      targetGroups.push({
        name: `${name}-tg`,
        port: 8080,
        targets: failing
          ? [
              { id: `10.${(i >> 8) & 255}.${i & 255}.10`, state: 'healthy' },
              {
                id: `10.${(i >> 8) & 255}.${i & 255}.11`,
                state: 'unhealthy',
                reason: 'Target.ResponseCodeMismatch',
                description: 'Health checks failed with these codes: [503]'
              }
            ]
          : [
              { id: `10.${(i >> 8) & 255}.${i & 255}.10`, state: 'healthy' },
              { id: `10.${(i >> 8) & 255}.${i & 255}.11`, state: 'healthy' }
            ]
      })
    logGroups.push({
      name: `/ecs/${name}`,
      generate: [
        {
          kind: 'app',
          count: 300,
          minutes: 60,
          errorRate: failing ? 0.2 : 0.01,
          ...(failing ? { severeRate: 0.05 } : {})
        }
      ]
    })
  }
  return { clusters: [{ name: 'prod', services }], targetGroups, logGroups }
}

export function volumeScenario(events: number): Scenario {
  const s = clusterScenario(10)
  const appEvents = Math.round(events * 0.7)
  const big = {
    name: `/ecs/${serviceName(0)}`,
    generate: [
      { kind: 'app' as const, count: appEvents, minutes: 59, errorRate: 0.02, streams: 4 },
      { kind: 'access' as const, count: events - appEvents, minutes: 59, streams: 4 }
    ]
  }
  s.logGroups = [big, ...(s.logGroups ?? []).filter(g => g.name !== big.name)]
  return s
}
