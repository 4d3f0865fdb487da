/**
 * Why the clients use the SDK's `adaptive` retry mode (not part of `npm run bench`; run with
 * `npx tsx bench/retry-modes.ts`): the health check of 100 services (100 DescribeTargetHealth
 * calls) in-process against the simulator, 20 ms latency, `standard` vs `adaptive`, under three
 * kinds of throttling:
 *
 * 1. the documented ELBv2 quota (10/s, burst 40) with the product's limiter off;
 * 2. the same quota when another tool already uses half of it (5/s, burst 20), limiter on;
 * 3. 30% of DescribeTargetHealth calls throttled at random, whatever the rate (a fault test,
 *    not how AWS throttles: its throttling is rate-based).
 */
import { ECSClient } from '@aws-sdk/client-ecs'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { startSimulator, type FaultConfig } from '../sim/index.js'
import { DEFAULT_RATE_LIMITS, installRateLimiter } from '../src/aws/ratelimit.js'
import { runHealth } from '../src/pipeline/health.js'
import { clusterScenario } from './scenario.js'

const sim = await startSimulator({ scenario: clusterScenario(100) })
const settings = {
  cluster: 'prod',
  region: 'us-east-1',
  endpoints: [],
  minutes: 60,
  httpTimeoutMs: 2000,
  tlsWarningDays: 30,
  tlsCriticalDays: 7,
  concurrency: 8,
  targetHealthSource: 'api' as const
}

async function trial(
  label: string,
  mode: 'standard' | 'adaptive',
  limiter: boolean,
  faults: FaultConfig
): Promise<string> {
  sim.setFaults(faults)
  sim.resetCounts()
  const common = {
    region: 'us-east-1',
    endpoint: sim.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 6,
    retryMode: mode
  }
  const clients = { ecs: new ECSClient(common), elbv2: new ElasticLoadBalancingV2Client(common) }
  if (limiter) {
    installRateLimiter(clients.ecs, DEFAULT_RATE_LIMITS.ecs || {})
    installRateLimiter(clients.elbv2, DEFAULT_RATE_LIMITS.elbv2 || {})
  }
  const t0 = performance.now()
  const report = await runHealth(settings, { clients })
  const ms = performance.now() - t0
  clients.ecs.destroy()
  clients.elbv2.destroy()
  const throttled = sim
    .requests()
    .filter(r => r.error === 'Throttling' || r.error === 'ThrottlingException').length
  const failed = Object.values(report.targets.targetGroups).filter(g => g.status === 'error').length
  return `| ${label} | ${mode} | ${limiter ? 'on' : 'off'} | ${(ms / 1000).toFixed(1)} | ${throttled} | ${sim.counts().DescribeTargetHealth ?? 0} | ${failed} |`
}

const latency = { latencyMs: 20 }
const rows = [
  '| throttling | retry mode | limiter | s | throttled | DTH requests | groups failed |'
]
rows.push('| --- | --- | --- | --- | --- | --- | --- |')
for (const mode of ['standard', 'adaptive'] as const) {
  rows.push(
    await trial('quota 10/s burst 40', mode, false, {
      default: latency,
      operations: { DescribeTargetHealth: { quota: { rps: 10, burst: 40 } } }
    }),
    await trial('half the quota left (5/s, 20)', mode, true, {
      default: latency,
      operations: { DescribeTargetHealth: { quota: { rps: 5, burst: 20 } } }
    }),
    await trial('30% at random', mode, true, {
      default: latency,
      operations: { DescribeTargetHealth: { throttleRate: 0.3 } }
    })
  )
}
await sim.close()
process.stdout.write(rows.join('\n') + '\n')
