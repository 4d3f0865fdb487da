/** Shared set-up for simulator tests: real SDK clients pointed at a simulator. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { ECSClient } from '@aws-sdk/client-ecs'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import { startSimulator, type Scenario, type Simulator } from '../../sim/index.js'

/** A fixed simulator clock so relative times are reproducible. */
export const NOW = Date.parse('2025-06-01T12:00:00.000Z')

export interface Clients {
  sim: Simulator
  ecs: ECSClient
  elb: ElasticLoadBalancingV2Client
  logs: CloudWatchLogsClient
  /** CloudWatch metrics (GetMetricData). */
  cw: CloudWatchClient
  /** Destroys the clients and closes the simulator. */
  stop(): Promise<void>
}

/** Client options: dummy credentials, no retries, optional request timeout. */
export function clientConfig(sim: Simulator, requestTimeout?: number) {
  return {
    region: sim.scenario.region,
    endpoint: sim.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...(requestTimeout ? { requestHandler: { requestTimeout, throwOnRequestTimeout: true } } : {})
  }
}

/** Starts a simulator for `scenario` and builds the clients. */
export async function startWithClients(scenario: Scenario | string): Promise<Clients> {
  const sim = await startSimulator({ scenario, now: () => NOW })
  const cfg = clientConfig(sim)
  const ecs = new ECSClient(cfg)
  const elb = new ElasticLoadBalancingV2Client(cfg)
  const logs = new CloudWatchLogsClient(cfg)
  const cw = new CloudWatchClient(cfg)
  return {
    sim,
    ecs,
    elb,
    logs,
    cw,
    async stop() {
      ecs.destroy()
      elb.destroy()
      logs.destroy()
      cw.destroy()
      await sim.close()
    }
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p
  } catch (e) {
    return e as Error & Record<string, unknown>
  }
  throw new Error('expected the call to fail')
}
