/**
 * The only place SDK clients are built. The endpoint comes from the SDK's own standard settings
 * (`AWS_ENDPOINT_URL`, profiles), credentials from the default chain: no endpoint or credential
 * option here, so the product behaves exactly like any other SDK user.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { ECSClient } from '@aws-sdk/client-ecs'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import type { Settings } from '../config.js'
import { VERSION } from '../version.js'
import {
  type ApiRateLimits,
  DEFAULT_RATE_LIMITS,
  installRateLimiter,
  scaleRateLimits,
  type RateLimits
} from './ratelimit.js'

/** The AWS clients of a run. */
export interface AwsClients {
  ecs: ECSClient
  elbv2: ElasticLoadBalancingV2Client
  logs: CloudWatchLogsClient
  /** Built on first use: most runs never read a metric. */
  readonly cloudwatch: CloudWatchClient
}

export interface ClientOptions {
  region: string
  /** Attempts per call including retries; throttling and 5xx are retried by the SDK. */
  maxAttempts: number
  /** Per-request socket timeout, so a hung endpoint cannot stall a check forever. */
  requestTimeoutMs?: number
  /**
   * Client-side request quotas per API (see ratelimit.ts); an API left out keeps its default,
   * `false` turns every limiter off. Default: {@link DEFAULT_RATE_LIMITS}.
   */
  rateLimits?: Partial<RateLimits> | false
}

export const USER_AGENT = `aws-ecs-monitor/${VERSION}`

/**
 * Builds the ECS, ELBv2, CloudWatch Logs and (on first use) CloudWatch clients with the same region and retry policy, each
 * with its API's rate limiter. Retries are `adaptive`: on top of the fixed limiter, a client that
 * still gets throttled (the quota is shared with other tools) lowers its own sending rate.
 */
export function createClients(opts: ClientOptions): AwsClients {
  const limits =
    opts.rateLimits === false ? undefined : { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits }
  const clients = new RunClients(commonConfig(opts), limits?.cloudwatch || undefined)
  if (limits) {
    if (limits.ecs) installRateLimiter(clients.ecs, limits.ecs)
    if (limits.elbv2) installRateLimiter(clients.elbv2, limits.elbv2)
    if (limits.logs) installRateLimiter(clients.logs, limits.logs)
  }
  return clients
}

/** What every client of a run shares. */
function commonConfig(opts: ClientOptions) {
  return {
    region: opts.region,
    maxAttempts: opts.maxAttempts,
    retryMode: 'adaptive',
    customUserAgent: USER_AGENT,
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout: opts.requestTimeoutMs ?? 30_000,
      // Without this the SDK only warns when requestTimeout passes, and a hung call hangs the run.
      throwOnRequestTimeout: true
    }
  } as const
}
type CommonConfig = ReturnType<typeof commonConfig>

/** The clients of `createClients`; the CloudWatch one is built when first asked for. */
class RunClients implements AwsClients {
  readonly ecs: ECSClient
  readonly elbv2: ElasticLoadBalancingV2Client
  readonly logs: CloudWatchLogsClient
  private cw: CloudWatchClient | undefined
  constructor(
    private readonly common: CommonConfig,
    private readonly cloudwatchLimits: ApiRateLimits | undefined
  ) {
    this.ecs = new ECSClient(common)
    this.elbv2 = new ElasticLoadBalancingV2Client(common)
    this.logs = new CloudWatchLogsClient(common)
  }
  get cloudwatch(): CloudWatchClient {
    if (!this.cw) {
      this.cw = new CloudWatchClient(this.common)
      if (this.cloudwatchLimits) installRateLimiter(this.cw, this.cloudwatchLimits)
    }
    return this.cw
  }
  /** Closes the clients that were built. */
  destroy(): void {
    this.ecs.destroy()
    this.elbv2.destroy()
    this.logs.destroy()
    this.cw?.destroy()
  }
}

/** The client options of a run's settings: region, retries, timeout and the rate limiter. */
export function clientOptions(
  s: Pick<Settings, 'region' | 'maxAttempts' | 'awsTimeoutMs' | 'rateLimit'>
): ClientOptions {
  return {
    region: s.region,
    maxAttempts: s.maxAttempts,
    requestTimeoutMs: s.awsTimeoutMs,
    ...(s.rateLimit === 'off'
      ? { rateLimits: false as const }
      : typeof s.rateLimit === 'number'
        ? { rateLimits: scaleRateLimits(DEFAULT_RATE_LIMITS, s.rateLimit) }
        : {})
  }
}

/** Closes the clients' sockets so the process can exit promptly. */
export function destroyClients(clients: AwsClients): void {
  if (clients instanceof RunClients) return clients.destroy()
  clients.ecs.destroy()
  clients.elbv2.destroy()
  clients.logs.destroy()
  clients.cloudwatch.destroy()
}
