/**
 * Result types of the health checks. Checks return these; renderers are pure functions of them.
 * Field names that end up in the state file keep the seed's snake_case (see report/state.ts).
 */
import type { CheckError } from '../errors.js'

/** Overall verdict of a run, as in the seed. */
export type Overall = 'healthy' | 'degraded' | 'unhealthy'

/** Error raised by one check's AWS call or probe; reported inside that check. */
export type { CheckError }

/** One HTTP probe (the domain probe or a named endpoint). */
export interface HttpProbeResult {
  /** `domain` for the domain probe, else the endpoint's name. */
  name: string
  url: string
  status: 'healthy' | 'unhealthy'
  /** Final HTTP status code, or null when no answer came. */
  code: number | null
  /** Milliseconds from the first request to the final response's headers (or to the failure). */
  latencyMs: number
  /** URL of the final response after redirects. */
  finalUrl: string
  /** Number of redirects followed. */
  redirects: number
  /** Why the probe is unhealthy, in one line (e.g. `HTTP 503`, `timed out after 10s`). */
  reason?: string
  error?: CheckError
}

/** TLS certificate of one host. */
export interface TlsResult {
  host: string
  port: number
  /** healthy; warning (< warning days); critical (< critical days, expired, or chain/host invalid); error (no TLS answer). */
  status: 'healthy' | 'warning' | 'critical' | 'error'
  /** ISO-8601 expiry of the leaf certificate. */
  expires?: string
  /** Whole days left until expiry (negative when expired). */
  daysLeft?: number
  issuer?: string
  subject?: string
  /** True when the chain verifies against the trusted roots and the certificate matches the host. */
  valid?: boolean
  /** Why the chain or host did not verify (e.g. `CERT_HAS_EXPIRED`, `Hostname/IP does not match`). */
  validationError?: string
  reason?: string
  error?: CheckError
}

export type ServiceHealth = 'healthy' | 'degraded' | 'unhealthy' | 'failed' | 'scaled_down'

export interface DeploymentInfo {
  id: string
  /** PRIMARY, ACTIVE or INACTIVE. */
  status: string
  rolloutState?: string
  rolloutStateReason?: string
  taskDefinition?: string
  desired: number
  running: number
  pending: number
  failedTasks: number
  createdAt?: string
  updatedAt?: string
}

export interface ServiceEventInfo {
  createdAt?: string
  message: string
}

export interface ServiceResult {
  name: string
  arn?: string
  desired: number
  running: number
  pending: number
  /** ECS service status: ACTIVE, DRAINING, INACTIVE; `MISSING` etc. for failures. */
  status: string
  health: ServiceHealth
  /** One-line reasons behind a health other than healthy. */
  reasons: string[]
  taskDefinition?: string
  /** rolloutState of the PRIMARY deployment. */
  rolloutState?: string
  /** Number of deployments that are not INACTIVE. */
  activeDeployments: number
  deployments: DeploymentInfo[]
  /** True when the deployment circuit breaker rolled a failed deployment back. */
  rolledBack: boolean
  /** Latest service events, newest first. */
  events: ServiceEventInfo[]
  targetGroupArns: string[]
}

export interface ServicesCheck {
  status: 'healthy' | 'degraded' | 'unhealthy' | 'error'
  services: Record<string, ServiceResult>
  issues: string[]
  error?: CheckError
}

export interface TargetInfo {
  id: string
  port?: number
  state: string
  reason?: string
  description?: string
}

export interface TargetGroupResult {
  name: string
  arn: string
  healthy: number
  draining: number
  unhealthy: number
  /** Targets in `initial` (registering), counted apart from unhealthy. */
  initial: number
  total: number
  status: 'healthy' | 'empty' | 'unhealthy' | 'error'
  /** Services whose loadBalancers name this group. */
  services: string[]
  /** Targets that are not healthy, draining or initial. */
  badTargets: TargetInfo[]
  /**
   * Where the figures come from: DescribeTargetHealth (`api`, live, every target named) or the
   * load balancer's CloudWatch host counts (`metrics`: counts only, as of `observedAt`).
   */
  source: 'api' | 'metrics'
  /** The minute of the metrics' datapoint (ISO-8601), for `source: 'metrics'`. */
  observedAt?: string
  error?: CheckError
}

export interface TargetsCheck {
  status: 'healthy' | 'degraded' | 'unhealthy' | 'error' | 'skipped'
  targetGroups: Record<string, TargetGroupResult>
  issues: string[]
  /** What the reader of the report should know about how the groups were read (no finding). */
  warnings?: string[]
  error?: CheckError
}

/** Everything one health run found. */
export interface HealthReport {
  /** ISO-8601 time the run started. */
  timestamp: string
  /** Seconds since the epoch when the run started. */
  epoch: number
  durationMs: number
  overall: Overall
  cluster: string
  region: string
  domain?: string
  domainHttp?: HttpProbeResult
  endpoints: HttpProbeResult[]
  services: ServicesCheck
  targets: TargetsCheck
  /** TLS results: the domain first, then each https endpoint host (deduplicated). */
  tls: TlsResult[]
  /** Every finding that made the run not healthy, most severe first. */
  findings: Finding[]
}

/** One reason the run is not healthy; becomes an annotation, a summary line, an issue. */
export interface Finding {
  severity: 'unhealthy' | 'degraded'
  /** Check that found it: domain_http, http, ecs_services, alb_targets, ssl. */
  check: string
  /** Short title, e.g. `checkout: 0/3 targets healthy`. */
  title: string
  /** One-line explanation. */
  message: string
  /** Service the finding is about, when there is one. */
  service?: string
}
