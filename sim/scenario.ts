/**
 * Scenario files: the world the simulator plays (clusters, services, deployments, events, tasks,
 * target groups, log groups, faults). {@link checkScenario} validates a parsed document and returns
 * a normalized copy: defaults filled in, times resolved to epoch ms, generated services expanded.
 */
import { readFileSync } from 'node:fs'
import { ScenarioError } from './errors.js'
import { checkFaults, type FaultConfig } from './faults.js'
import { hash32, hexFrom, Rng, uuidFrom } from './prng.js'
import type { TimeSpec } from './time.js'
import { Checker, describe } from './validate.js'

export type { TimeSpec } from './time.js'
export type { FaultConfig, OperationFaults } from './faults.js'

/** A simulated AWS account and region. Every field is optional; see each for its default. */
export interface Scenario {
  /** Region used in ARNs. Default `us-east-1`. */
  region?: string
  /** 12-digit account id used in ARNs. Default `123456789012`. */
  accountId?: string
  /** Caller named in AccessDenied messages. Default `arn:aws:sts::<accountId>:assumed-role/ci/session`. */
  principal?: string
  /** ECS clusters. */
  clusters?: ClusterSpec[]
  /** ELBv2 target groups (services refer to them by name). */
  targetGroups?: TargetGroupSpec[]
  /** CloudWatch Logs log groups. */
  logGroups?: LogGroupSpec[]
  /** How FilterLogEvents pages (defaults for every log group). */
  logs?: LogPagingSpec
  /** Injected faults (can be replaced at run time with `Simulator.setFaults`). */
  faults?: FaultConfig
}

/** ECS cluster status. */
export type ClusterStatus = 'ACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED' | 'INACTIVE'
/** ECS service status. */
export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE'
/** ECS launch type. */
export type LaunchType = 'FARGATE' | 'EC2' | 'EXTERNAL'
/** ECS deployment rollout state. */
export type RolloutState = 'COMPLETED' | 'FAILED' | 'IN_PROGRESS'
/** ECS task lifecycle status. */
export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED'
/** ELBv2 target health state. */
export type TargetState =
  'healthy' | 'unhealthy' | 'draining' | 'initial' | 'unused' | 'unavailable' | 'unhealthy.draining'

/** An ECS cluster. */
export interface ClusterSpec {
  /** Cluster name (1–255 letters, digits, hyphens, underscores). */
  name: string
  /** Default `ACTIVE`. */
  status?: ClusterStatus
  /** Services written out in full. */
  services?: ServiceSpec[]
  /** Volume: N healthy services appended after `services` (see {@link GenerateServicesSpec}). */
  generateServices?: GenerateServicesSpec
}

/** An ECS service. Counts default to a healthy steady state. */
export interface ServiceSpec {
  /** Service name, unique in its cluster. */
  name: string
  /** Default `ACTIVE`. INACTIVE services are not returned by ListServices (as in AWS). */
  status?: ServiceStatus
  /** Default 1. */
  desiredCount?: number
  /** Default `desiredCount`. */
  runningCount?: number
  /** Default 0. */
  pendingCount?: number
  /** Task definition `family:revision` (or a full ARN). Default `<name>:1`. */
  taskDefinition?: string
  /**
   * The `awslogs-group` of its task definition's container (DescribeTaskDefinition); default
   * `/ecs/<name>`. `null`: the container has no log configuration.
   */
  logGroup?: string | null
  /** Default `FARGATE`. */
  launchType?: LaunchType
  /** Default `-30d`. */
  createdAt?: TimeSpec
  /**
   * Deployments. Default: one PRIMARY deployment, COMPLETED when running = desired, else
   * IN_PROGRESS. The first one defaults to PRIMARY, the others to ACTIVE.
   */
  deployments?: DeploymentSpec[]
  /** Deployment circuit breaker. Default `{ enable: false, rollback: false }`. */
  circuitBreaker?: { enable: boolean; rollback: boolean }
  /**
   * Service events (returned newest first, at most 100). Default: one "has reached a steady state"
   * event 10 minutes ago when the service is ACTIVE and running = desired, else none.
   */
  events?: ServiceEventSpec[]
  /** Load balancer attachments. */
  loadBalancers?: LoadBalancerSpec[]
  /** Tasks written out; RUNNING/PENDING tasks are added to match the counts (see `autoTasks`). */
  tasks?: TaskSpec[]
  /**
   * Add RUNNING and PENDING tasks until there are `runningCount` / `pendingCount` of them (spread
   * over the deployments by their counts). Default true. Timeline steps keep them in line with
   * the new counts (starting, promoting and stopping tasks).
   */
  autoTasks?: boolean
  /**
   * Changes over time, driven by how many times DescribeServices has returned this service (not
   * by the clock). Steps in increasing `afterDescribes` order. See {@link TimelineStep}.
   */
  timeline?: TimelineStep[]
}

/**
 * One change of a service. It applies once the service has been returned by DescribeServices
 * `afterDescribes` times: with `afterDescribes: 2` the first two describes show the state before
 * the step, the third shows it (and ListTasks, DescribeTasks, DescribeTargetHealth show it as soon
 * as it applied). Relative times in a step resolve against the simulator clock when it applies.
 */
export interface TimelineStep {
  /** Describes of this service after which the step applies (≥ 1; greater than the previous step's). */
  afterDescribes: number
  /** Replaces the service's status. */
  status?: ServiceStatus
  /** Replaces the service's count. */
  desiredCount?: number
  /** Replaces the service's count. */
  runningCount?: number
  /** Replaces the service's count. */
  pendingCount?: number
  /** Replaces the service's task definition. */
  taskDefinition?: string
  /**
   * Replaces the whole deployment list (defaults as for the service, from its counts after this
   * step). A deployment without `id` keeps the id of the current deployment with the same task
   * definition (and its `createdAt`; `updatedAt` defaults to the step time), else it is new:
   * a fresh id, created at the step time. Without `deployments` the list stays as it is.
   */
  deployments?: DeploymentSpec[]
  /** Appended to the service's events (`createdAt` defaults to the step time). */
  events?: Array<Omit<ServiceEventSpec, 'createdAt'> & { createdAt?: TimeSpec }>
  /**
   * Appended to the service's tasks (a task with the id of one of its tasks replaces it).
   * Defaults as for the service's tasks, except that a stopped task stops at the step time and a
   * RUNNING one starts then; `startedBy` is the deployment with the task's task definition.
   */
  tasks?: TaskSpec[]
  /** Replaces the targets of target groups, by target group name. */
  targetGroups?: Record<string, TargetSpec[]>
}

/** An ECS deployment of a service. */
export interface DeploymentSpec {
  /** Default: a deterministic `ecs-svc/<19 digits>`. */
  id?: string
  /** Default `PRIMARY` for the first deployment, `ACTIVE` for the others. */
  status?: 'PRIMARY' | 'ACTIVE' | 'INACTIVE'
  /** Default: the service's task definition (PRIMARY) — set it for older deployments. */
  taskDefinition?: string
  /** Default: the service's count for PRIMARY, 0 for others. */
  desiredCount?: number
  /** Default: the service's count for PRIMARY, 0 for others. */
  runningCount?: number
  /** Default: the service's count for PRIMARY, 0 for others. */
  pendingCount?: number
  /** Default 0. */
  failedTasks?: number
  /** Default: COMPLETED, or IN_PROGRESS for a PRIMARY whose running < desired. */
  rolloutState?: RolloutState
  /** Default: a message like the real one for the state. */
  rolloutStateReason?: string
  /** Default `-30m` (PRIMARY) or `-1d` (others). */
  createdAt?: TimeSpec
  /** Default `createdAt`. */
  updatedAt?: TimeSpec
  /** Default: the service's launch type. */
  launchType?: LaunchType
}

/** A service event. */
export interface ServiceEventSpec {
  /** Default: a deterministic UUID. */
  id?: string
  createdAt: TimeSpec
  message: string
}

/** A service's load balancer attachment. */
export interface LoadBalancerSpec {
  /** Name of a target group of this scenario. */
  targetGroup?: string
  /** Or any target group ARN (a dangling one makes DescribeTargetGroups fail with TargetGroupNotFound). */
  targetGroupArn?: string
  containerName: string
  containerPort: number
}

/** An ECS task of a service. */
export interface TaskSpec {
  /** 32-hex task id. Default: deterministic. */
  id?: string
  /** Default `RUNNING`. */
  lastStatus?: TaskStatus
  /** Default: STOPPED for STOPPED/STOPPING/DEACTIVATING/DEPROVISIONING tasks, else RUNNING. */
  desiredStatus?: 'RUNNING' | 'STOPPED' | 'PENDING'
  /** Default: the service's task definition. */
  taskDefinition?: string
  /** Default: 1 hour ago (RUNNING) or 5 minutes before `stoppedAt`. */
  startedAt?: TimeSpec
  /** Default `-10m` for stopped tasks. ListTasks/DescribeTasks hide tasks stopped over 1 hour ago. */
  stoppedAt?: TimeSpec
  /** Default: 30 s before `startedAt`. */
  createdAt?: TimeSpec
  /** Default: "Essential container in task exited" or a scaling message, from the stop code. */
  stoppedReason?: string
  /** Default: `EssentialContainerExited` when a container exited non-zero, else `ServiceSchedulerInitiated`. */
  stopCode?:
    | 'TaskFailedToStart'
    | 'EssentialContainerExited'
    | 'UserInitiated'
    | 'ServiceSchedulerInitiated'
    | 'SpotInterruption'
    | 'TerminationNotice'
  /** Default `UNKNOWN` (RUNNING tasks: `HEALTHY`). */
  healthStatus?: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
  /** Default: one container named after the service. */
  containers?: ContainerSpec[]
  /** Repeat this task N times (ids differ; stopped copies are 3 minutes apart). Default 1. */
  count?: number
}

/** A container of a task. */
export interface ContainerSpec {
  name: string
  /** Default: the task's last status. */
  lastStatus?: string
  exitCode?: number
  reason?: string
  /** Default `UNKNOWN`. */
  healthStatus?: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
  /** Default `<accountId>.dkr.ecr.<region>.amazonaws.com/<name>:latest`. */
  image?: string
}

/** N generated healthy services: `<prefix><001…N>`, each with desired = running. */
export interface GenerateServicesSpec {
  count: number
  /** Default `svc-`. */
  prefix?: string
  /** Default 2. */
  desiredCount?: number
  /** Give each service its own target group `<name>-tg` with `desiredCount` healthy targets. Default false. */
  targetGroups?: boolean
  /** Give each service a log group `/ecs/<name>` generated with this spec. Default none. */
  logs?: GeneratorSpec
}

/** An ELBv2 target group. */
export interface TargetGroupSpec {
  /** Name (≤ 32 letters, digits, hyphens; not starting or ending with a hyphen). */
  name: string
  /** Default 80. */
  port?: number
  /** Default `HTTP`. */
  protocol?: 'HTTP' | 'HTTPS' | 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP' | 'GENEVE'
  /** Default `ip`. */
  targetType?: 'ip' | 'instance' | 'lambda' | 'alb'
  /** Default `/health`. */
  healthCheckPath?: string
  /** Default `traffic-port`. */
  healthCheckPort?: string
  /** Default: the target group's protocol (TCP for UDP). */
  healthCheckProtocol?: string
  /** Default `200`. */
  matcher?: string
  /**
   * Load balancer name; null for a target group not attached to any. Default `app-lb`. Its type
   * follows the protocol: HTTP/HTTPS → Application (`loadbalancer/app/…`), TCP/TLS/UDP/TCP_UDP →
   * Network (`loadbalancer/net/…`), GENEVE → Gateway (`loadbalancer/gwy/…`).
   */
  loadBalancer?: string | null
  /** Default: deterministic `vpc-…`. */
  vpcId?: string
  /** Registered targets. */
  targets?: TargetSpec[]
  /**
   * CloudWatch publishing lag of the group's `HealthyHostCount` / `UnHealthyHostCount`, in minutes
   * (≥ 0, may be fractional): the newest datapoint GetMetricData returns is at the start of the
   * minute `metricsLagMinutes` before the simulator clock. Default 1.
   */
  metricsLagMinutes?: number
  /**
   * Whether the group publishes `HealthyHostCount` / `UnHealthyHostCount` at all. Default true;
   * false: GetMetricData returns no datapoints for it (as for a group without a load balancer,
   * which never publishes).
   */
  metrics?: boolean
}

/** A registered target and its health. */
export interface TargetSpec {
  /** IP address or instance id. */
  id: string
  /** Default: the target group's port. */
  port?: number
  /** Default `healthy`. */
  state?: TargetState
  /** Default: the usual reason code for the state (e.g. `Target.FailedHealthChecks`). */
  reason?: string
  /** Default: the usual description for the state. */
  description?: string
  availabilityZone?: string
}

/** A CloudWatch Logs log group. */
export interface LogGroupSpec {
  /** Name, e.g. `/ecs/api`. */
  name: string
  /** Default `-30d`. */
  createdAt?: TimeSpec
  retentionInDays?: number
  /** Streams with events written out. */
  streams?: LogStreamSpec[]
  /** Generated events, produced lazily and deterministically. */
  generate?: GeneratorSpec[]
  /** Overrides the scenario's `logs` paging behaviour for this group. */
  paging?: LogPagingSpec
}

/** A log stream with explicit events. */
export interface LogStreamSpec {
  name: string
  events?: LogEventSpec[]
}

/** One log event. */
export interface LogEventSpec {
  /** Event time. */
  t: TimeSpec
  message: string
  /** Default: `t` plus a deterministic 0.2–2 s. */
  ingestionTime?: TimeSpec
}

/** Kind of generated log lines. */
export type GeneratorKind = 'access' | 'app' | 'lines'

/**
 * Lazily generated log events: `count` events spread evenly (with jitter) over the window, each a
 * pure function of (seed, index), so a million events need no memory until a page is read.
 */
export interface GeneratorSpec {
  /** `access`: HTTP access log lines; `app`: application log lines with stack traces; `lines`: your `lines`. */
  kind: GeneratorKind
  /** Number of events. */
  count: number
  /** Window length ending at `to` (default now). Default 60. Ignored when `from` is set. */
  minutes?: number
  /** Window start. */
  from?: TimeSpec
  /** Window end (exclusive). Default `now`. */
  to?: TimeSpec
  /** Fraction of error events (access: 5xx; app: ERROR lines). Default 0.02. */
  errorRate?: number
  /** Fraction of severe crash events (app: panic / OOM / fatal). Default 0. */
  severeRate?: number
  /** access: fraction of load-balancer health checks (`GET /health`, `ELB-HealthChecker/2.0`). Default 0.2. */
  healthCheckRate?: number
  /** Number of streams (ignored when `streamNames` is set). Default 2. */
  streams?: number
  /** Stream names to spread events over (e.g. the names of explicit streams). */
  streamNames?: string[]
  /** Prefix of generated stream names `<prefix>/<task id>`. Default `ecs/<last part of group name>`. */
  streamPrefix?: string
  /** access line format. Default `nginx`. */
  format?: 'nginx' | 'gin' | 'json'
  /** app line style. Default `java`. */
  style?: 'java' | 'go' | 'python' | 'node' | 'json'
  /**
   * kind `lines`: the lines to pick from (randomly). Placeholders: `{iso}` event time, `{n}` a
   * number, `{hex}` 8 hex digits, `{ip}` an address.
   */
  lines?: string[]
  /** app: error messages to use for ERROR lines instead of the built-in catalogue. */
  errorLines?: string[]
  /** Seed. Default: derived from the group name and the generator's position. */
  seed?: number
}

/** How FilterLogEvents pages, like the real service (which may return empty pages). */
export interface LogPagingSpec {
  /** At most this many events are examined per call; the page ends there (maybe empty) with a nextToken. Default 250000. */
  scanLimit?: number
  /** Each call searches at most this much log time (ms); a page can end early (or empty) with a nextToken. Default: off. */
  sliceMs?: number
  /** Page size cap in bytes of messages. Default 1048576 (1 MB). */
  maxPageBytes?: number
}

// ---------------------------------------------------------------------------------------------
// Normalized forms (what checkScenario returns): every default filled in, times in epoch ms.

/** A deployment with defaults filled in. */
export interface NormalizedDeployment extends DeploymentSpec {
  id: string
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE'
  taskDefinition: string
  desiredCount: number
  runningCount: number
  pendingCount: number
  failedTasks: number
  rolloutState: RolloutState
  rolloutStateReason: string
  createdAt: number
  updatedAt: number
  launchType: LaunchType
}

/** A container with defaults filled in. */
export interface NormalizedContainer extends ContainerSpec {
  lastStatus: string
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
  image: string
}

/** A task with defaults filled in (`count` expanded). */
export interface NormalizedTask extends TaskSpec {
  id: string
  lastStatus: TaskStatus
  desiredStatus: 'RUNNING' | 'STOPPED' | 'PENDING'
  taskDefinition: string
  createdAt: number
  startedAt?: number
  stoppedAt?: number
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN'
  containers: NormalizedContainer[]
  /** `ecs-svc/…` id of the deployment that started the task. */
  startedBy: string
  /** Added by `autoTasks` (and kept in line with the counts by timeline steps). */
  auto?: boolean
  count?: undefined
}

/** A service event with defaults filled in. */
export interface NormalizedServiceEvent extends ServiceEventSpec {
  id: string
  createdAt: number
}

/** A service with defaults filled in. */
export interface NormalizedService extends ServiceSpec {
  status: ServiceStatus
  desiredCount: number
  runningCount: number
  pendingCount: number
  taskDefinition: string
  launchType: LaunchType
  createdAt: number
  deployments: NormalizedDeployment[]
  circuitBreaker: { enable: boolean; rollback: boolean }
  /** Newest first. */
  events: NormalizedServiceEvent[]
  loadBalancers: LoadBalancerSpec[]
  tasks: NormalizedTask[]
  autoTasks: boolean
  /** The steps as written (validated); their times resolve when each step applies. */
  timeline: TimelineStep[]
}

/** A cluster with defaults filled in and generated services expanded. */
export interface NormalizedCluster extends ClusterSpec {
  status: ClusterStatus
  services: NormalizedService[]
  generateServices?: undefined
}

/** A target with defaults filled in. */
export interface NormalizedTarget extends TargetSpec {
  port: number
  state: TargetState
}

/** A target group with defaults filled in. */
export interface NormalizedTargetGroup extends TargetGroupSpec {
  port: number
  protocol: NonNullable<TargetGroupSpec['protocol']>
  targetType: NonNullable<TargetGroupSpec['targetType']>
  healthCheckPath: string
  healthCheckPort: string
  healthCheckProtocol: string
  matcher: string
  loadBalancer: string | null
  vpcId: string
  targets: NormalizedTarget[]
  metricsLagMinutes: number
  metrics: boolean
}

/** A log event with defaults filled in. */
export interface NormalizedLogEvent extends LogEventSpec {
  t: number
  ingestionTime: number
}

/** A generator with defaults filled in. */
export interface NormalizedGenerator extends GeneratorSpec {
  from: number
  to: number
  errorRate: number
  severeRate: number
  healthCheckRate: number
  streamNames: string[]
  seed: number
  minutes?: undefined
  streams?: undefined
  streamPrefix?: undefined
}

/** A log group with defaults filled in. */
export interface NormalizedLogGroup extends LogGroupSpec {
  createdAt: number
  streams: Array<{ name: string; events: NormalizedLogEvent[] }>
  generate: NormalizedGenerator[]
  paging: Required<Omit<LogPagingSpec, 'sliceMs'>> & { sliceMs?: number }
}

/** A scenario with every default filled in, times as epoch ms, generated services expanded. */
export interface NormalizedScenario extends Scenario {
  region: string
  accountId: string
  principal: string
  /** The simulator clock (epoch ms) that relative times were resolved against. */
  now: number
  clusters: NormalizedCluster[]
  targetGroups: NormalizedTargetGroup[]
  logGroups: NormalizedLogGroup[]
  logs: NormalizedLogGroup['paging']
  faults: FaultConfig
}

// ---------------------------------------------------------------------------------------------

const CLUSTER_STATUSES = ['ACTIVE', 'PROVISIONING', 'DEPROVISIONING', 'FAILED', 'INACTIVE'] as const
const SERVICE_STATUSES = ['ACTIVE', 'DRAINING', 'INACTIVE'] as const
const LAUNCH_TYPES = ['FARGATE', 'EC2', 'EXTERNAL'] as const
const ROLLOUT_STATES = ['COMPLETED', 'FAILED', 'IN_PROGRESS'] as const
const TASK_STATUSES = [
  'PROVISIONING',
  'PENDING',
  'ACTIVATING',
  'RUNNING',
  'DEACTIVATING',
  'STOPPING',
  'DEPROVISIONING',
  'STOPPED'
] as const
const STOP_CODES = [
  'TaskFailedToStart',
  'EssentialContainerExited',
  'UserInitiated',
  'ServiceSchedulerInitiated',
  'SpotInterruption',
  'TerminationNotice'
] as const
const HEALTH = ['HEALTHY', 'UNHEALTHY', 'UNKNOWN'] as const
const TARGET_STATES = [
  'healthy',
  'unhealthy',
  'draining',
  'initial',
  'unused',
  'unavailable',
  'unhealthy.draining'
] as const
const TG_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE'] as const
const TARGET_TYPES = ['ip', 'instance', 'lambda', 'alb'] as const

const NAME_RE = /^[A-Za-z0-9_-]{1,255}$/
const TG_NAME_RE = /^(?!-)[A-Za-z0-9-]{1,32}(?<!-)$/
const LOG_GROUP_RE = /^[.\-_/#A-Za-z0-9]{1,512}$/
const TASK_ID_RE = /^[a-f0-9]{32}$/

/** Default reason and description of a target health state, as ELBv2 reports them. */
export const TARGET_STATE_DEFAULTS: Record<TargetState, { reason?: string; description?: string }> =
  {
    healthy: {},
    initial: {
      reason: 'Elb.InitialHealthChecking',
      description: 'Initial health checks in progress'
    },
    unhealthy: { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' },
    draining: {
      reason: 'Target.DeregistrationInProgress',
      description: 'Target deregistration is in progress'
    },
    'unhealthy.draining': {
      reason: 'Target.DeregistrationInProgress',
      description: 'Target deregistration is in progress'
    },
    unused: {
      reason: 'Target.NotInUse',
      description: 'Target group is not configured to receive traffic from the load balancer'
    },
    unavailable: { reason: 'Target.HealthCheckDisabled', description: 'Health checks are disabled' }
  }

const MIN = 60_000

/**
 * Validates a parsed scenario document and returns its normalized form. Throws a
 * {@link ScenarioError} listing every problem (with its path) when the document is invalid.
 *
 * @param input the parsed JSON (or a {@link Scenario} object)
 * @param now the simulator clock in epoch ms; relative times are resolved against it
 * @param source a file name for error messages
 */
export function checkScenario(input: unknown, now: number, source?: string): NormalizedScenario {
  const c = new Checker()
  const s = c.object(input, 'scenario', [
    'region',
    'accountId',
    'principal',
    'clusters',
    'targetGroups',
    'logGroups',
    'logs',
    'faults',
    '$schema',
    'description'
  ])
  if (!s) throw new ScenarioError(c.issues, source)
  const region =
    c.string(s, 'region', 'scenario', {
      pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
      hint: 'e.g. us-east-1'
    }) ?? 'us-east-1'
  const accountId =
    c.string(s, 'accountId', 'scenario', { pattern: /^\d{12}$/, hint: '12 digits' }) ??
    '123456789012'
  const principal =
    c.string(s, 'principal', 'scenario', { nonEmpty: true }) ??
    `arn:aws:sts::${accountId}:assumed-role/ci/session`
  c.string(s, 'description', 'scenario')

  const logs = checkPaging(c, s.logs, 'scenario.logs', {
    scanLimit: 250_000,
    maxPageBytes: 1_048_576
  })

  const targetGroups =
    c.array(s, 'targetGroups', 'scenario', (v, p) => checkTargetGroup(c, v, p, accountId)) ?? []
  const logGroups =
    c.array(s, 'logGroups', 'scenario', (v, p) => checkLogGroup(c, v, p, now, logs)) ?? []

  const ctx: Ctx = { c, now, region, accountId, targetGroups, logGroups, logs, tgRefs: [] }
  const clusters = c.array(s, 'clusters', 'scenario', (v, p) => checkCluster(ctx, v, p)) ?? []

  uniqueNames(c, clusters, 'scenario.clusters', 'cluster')
  uniqueNames(c, targetGroups, 'scenario.targetGroups', 'target group')
  uniqueNames(c, logGroups, 'scenario.logGroups', 'log group')

  // Service → target group references (after generated target groups were added).
  const tgNames = new Set(targetGroups.map(t => t.name))
  clusters.forEach((cl, ci) =>
    cl.services.forEach((svc, si) =>
      svc.loadBalancers.forEach((lb, li) => {
        if (lb.targetGroup !== undefined && !tgNames.has(lb.targetGroup))
          c.fail(
            `scenario.clusters[${ci}].services[${si}].loadBalancers[${li}].targetGroup`,
            `no target group named "${lb.targetGroup}" in scenario.targetGroups`
          )
      })
    )
  )

  for (const ref of ctx.tgRefs)
    if (!tgNames.has(ref.name))
      c.fail(ref.path, `no target group named "${ref.name}" in scenario.targetGroups`)
  clusters.forEach((cl, ci) => checkTimelineTaskIds(c, cl, `scenario.clusters[${ci}]`))

  const faults = s.faults === undefined ? {} : (checkFaults(c, s.faults, 'scenario.faults') ?? {})

  if (c.issues.length > 0) throw new ScenarioError(c.issues, source)
  return { region, accountId, principal, now, clusters, targetGroups, logGroups, logs, faults }
}

/**
 * Reads, parses and validates a scenario JSON file (relative times resolved against `now`,
 * default `Date.now()`).
 */
export function loadScenario(path: string, now: number = Date.now()): NormalizedScenario {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new ScenarioError([`cannot read the file: ${(e as Error).message}`], path)
  }
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new ScenarioError([`not valid JSON: ${(e as Error).message}`], path)
  }
  return checkScenario(doc, now, path)
}

interface Ctx {
  c: Checker
  now: number
  region: string
  accountId: string
  targetGroups: NormalizedTargetGroup[]
  logGroups: NormalizedLogGroup[]
  logs: NormalizedLogGroup['paging']
  /** Target groups named by timeline steps, checked once every group is known. */
  tgRefs: Array<{ path: string; name: string }>
}

function uniqueNames(c: Checker, items: Array<{ name: string }>, path: string, what: string) {
  const seen = new Set<string>()
  for (const it of items) {
    if (seen.has(it.name)) c.fail(path, `duplicate ${what} name "${it.name}"`)
    seen.add(it.name)
  }
}

function checkPaging(
  c: Checker,
  v: unknown,
  path: string,
  base: NormalizedLogGroup['paging']
): NormalizedLogGroup['paging'] {
  if (v === undefined) return { ...base }
  const o = c.object(v, path, ['scanLimit', 'sliceMs', 'maxPageBytes'])
  if (!o) return { ...base }
  const out = { ...base }
  const scanLimit = c.int(o, 'scanLimit', path, { min: 1 })
  if (scanLimit !== undefined) out.scanLimit = scanLimit
  const sliceMs = c.number(o, 'sliceMs', path, { min: 1 })
  if (sliceMs !== undefined) out.sliceMs = sliceMs
  const maxPageBytes = c.int(o, 'maxPageBytes', path, { min: 1, max: 1_048_576 })
  if (maxPageBytes !== undefined) out.maxPageBytes = maxPageBytes
  return out
}

function checkCluster(ctx: Ctx, v: unknown, path: string): NormalizedCluster | undefined {
  const { c } = ctx
  const o = c.object(v, path, ['name', 'status', 'services', 'generateServices'])
  if (!o) return undefined
  const name = c.string(o, 'name', path, {
    required: true,
    pattern: NAME_RE,
    hint: 'letters, digits, hyphens, underscores'
  })
  if (name === undefined) return undefined
  const status = (c.string(o, 'status', path, { oneOf: CLUSTER_STATUSES }) ??
    'ACTIVE') as ClusterStatus
  const services = c.array(o, 'services', path, (sv, sp) => checkService(ctx, name, sv, sp)) ?? []
  if (o.generateServices !== undefined)
    services.push(...generateServices(ctx, name, o.generateServices, `${path}.generateServices`))
  uniqueNames(c, services, `${path}.services`, 'service')
  return { name, status, services }
}

function generateServices(
  ctx: Ctx,
  cluster: string,
  v: unknown,
  path: string
): NormalizedService[] {
  const { c } = ctx
  const o = c.object(v, path, ['count', 'prefix', 'desiredCount', 'targetGroups', 'logs'])
  if (!o) return []
  const count = c.int(o, 'count', path, { required: true, min: 0, max: 5000 })
  const prefix =
    c.string(o, 'prefix', path, {
      pattern: /^[A-Za-z0-9_-]*$/,
      hint: 'letters, digits, - and _'
    }) ?? 'svc-'
  const desired = c.int(o, 'desiredCount', path, { min: 0, max: 1000 }) ?? 2
  const withTgs = c.bool(o, 'targetGroups', path) ?? false
  const logSpec = o.logs
  if (count === undefined) return []
  // Check the log template once; each generated group then reuses it without repeating errors.
  const logsOk =
    logSpec !== undefined &&
    checkGenerator(c, logSpec, `${path}.logs`, 0, '/ecs/generated', ctx.now) !== undefined
  const width = Math.max(3, String(count).length)
  const out: NormalizedService[] = []
  for (let i = 1; i <= count; i++) {
    const name = `${prefix}${String(i).padStart(width, '0')}`
    const spec: Record<string, unknown> = { name, desiredCount: desired }
    if (withTgs) {
      const tgName = tgNameFor(name)
      const rng = new Rng(hash32('gen-tg', cluster, name))
      const targets: TargetSpec[] = []
      for (let t = 0; t < desired; t++)
        targets.push({
          id: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
          port: 8080
        })
      ctx.targetGroups.push(
        checkTargetGroup(
          c,
          { name: tgName, port: 8080, targets },
          path,
          ctx.accountId
        ) as NormalizedTargetGroup
      )
      spec.loadBalancers = [{ targetGroup: tgName, containerName: name, containerPort: 8080 }]
    }
    const svc = checkService(ctx, cluster, spec, `${path}[${name}]`)
    if (svc) out.push(svc)
    if (logsOk) {
      const lg = checkLogGroup(
        new Checker(),
        { name: `/ecs/${name}`, generate: [logSpec] },
        `${path}.logs`,
        ctx.now,
        ctx.logs
      )
      if (lg) ctx.logGroups.push(lg)
    }
  }
  return out
}

/** Target group name for a generated service: `<name>-tg`, cut to ELBv2's 32 characters. */
function tgNameFor(service: string): string {
  const base = service.slice(0, 29).replace(/-+$/, '')
  return `${base}-tg`
}

function deploymentId(...parts: Array<string | number>): string {
  const rng = new Rng(hash32('deployment', ...parts))
  let digits = String(rng.int(1, 9))
  while (digits.length < 19) digits += String(rng.int(0, 9))
  return `ecs-svc/${digits}`
}

function checkService(
  ctx: Ctx,
  cluster: string,
  v: unknown,
  path: string
): NormalizedService | undefined {
  const { c, now } = ctx
  const o = c.object(v, path, [
    'name',
    'status',
    'desiredCount',
    'runningCount',
    'pendingCount',
    'taskDefinition',
    'launchType',
    'createdAt',
    'deployments',
    'circuitBreaker',
    'events',
    'loadBalancers',
    'tasks',
    'autoTasks',
    'timeline',
    'logGroup'
  ])
  if (!o) return undefined
  const name = c.string(o, 'name', path, {
    required: true,
    pattern: NAME_RE,
    hint: 'letters, digits, hyphens, underscores'
  })
  if (name === undefined) return undefined
  const status = (c.string(o, 'status', path, { oneOf: SERVICE_STATUSES }) ??
    'ACTIVE') as ServiceStatus
  const desiredCount = c.int(o, 'desiredCount', path, { min: 0 }) ?? 1
  const runningCount = c.int(o, 'runningCount', path, { min: 0 }) ?? desiredCount
  const pendingCount = c.int(o, 'pendingCount', path, { min: 0 }) ?? 0
  const taskDefinition = c.string(o, 'taskDefinition', path, { nonEmpty: true }) ?? `${name}:1`
  const launchType = (c.string(o, 'launchType', path, { oneOf: LAUNCH_TYPES }) ??
    'FARGATE') as LaunchType
  const createdAt = c.time(o, 'createdAt', path, now) ?? now - 30 * 24 * 60 * MIN
  const autoTasks = c.bool(o, 'autoTasks', path) ?? true
  const logGroup =
    o.logGroup === null
      ? null
      : (c.string(o, 'logGroup', path, { nonEmpty: true }) ?? `/ecs/${name}`)

  let circuitBreaker = { enable: false, rollback: false }
  if (o.circuitBreaker !== undefined) {
    const cb = c.object(o.circuitBreaker, `${path}.circuitBreaker`, ['enable', 'rollback'])
    if (cb)
      circuitBreaker = {
        enable: c.bool(cb, 'enable', `${path}.circuitBreaker`) ?? false,
        rollback: c.bool(cb, 'rollback', `${path}.circuitBreaker`) ?? false
      }
  }

  const svcCounts = { desiredCount, runningCount, pendingCount }
  let deployments =
    c.array(o, 'deployments', path, (dv, dp, i) =>
      checkDeployment(c, dv, dp, i, now, {
        cluster,
        name,
        taskDefinition,
        launchType,
        ...svcCounts
      })
    ) ?? []
  if (o.deployments === undefined || deployments.length === 0) {
    const d = checkDeployment(c, {}, path, 0, now, {
      cluster,
      name,
      taskDefinition,
      launchType,
      ...svcCounts
    })
    deployments = d ? [d] : []
  }
  if (deployments.filter(d => d.status === 'PRIMARY').length > 1)
    c.fail(`${path}.deployments`, 'at most one deployment can be PRIMARY')

  const steady = status === 'ACTIVE' && runningCount === desiredCount
  const events: NormalizedServiceEvent[] =
    o.events === undefined
      ? steady
        ? [
            {
              id: uuidFrom('event', cluster, name, 0),
              createdAt: now - 10 * MIN,
              message: `(service ${name}) has reached a steady state.`
            }
          ]
        : []
      : (c.array(o, 'events', path, (ev, ep, i) =>
          checkEvent(c, ev, ep, now, uuidFrom('event', cluster, name, i))
        ) ?? [])
  events.sort((a, b) => b.createdAt - a.createdAt)

  const loadBalancers =
    c.array(o, 'loadBalancers', path, (lv, lp) => {
      const lo = c.object(lv, lp, [
        'targetGroup',
        'targetGroupArn',
        'containerName',
        'containerPort'
      ])
      if (!lo) return undefined
      const tg = c.string(lo, 'targetGroup', lp, { nonEmpty: true })
      const tgArn = c.string(lo, 'targetGroupArn', lp, {
        pattern: /^arn:aws[a-z-]*:elasticloadbalancing:/,
        hint: 'a target group ARN'
      })
      if ((tg === undefined) === (tgArn === undefined))
        c.fail(lp, 'set exactly one of targetGroup (a name) or targetGroupArn')
      const containerName = c.string(lo, 'containerName', lp, { required: true }) ?? name
      const containerPort =
        c.int(lo, 'containerPort', lp, { required: true, min: 1, max: 65535 }) ?? 80
      const lb: LoadBalancerSpec = { containerName, containerPort }
      if (tg !== undefined) lb.targetGroup = tg
      if (tgArn !== undefined) lb.targetGroupArn = tgArn
      return lb
    }) ?? []

  const tasks: NormalizedTask[] = []
  c.array(o, 'tasks', path, (tv, tp, i) => {
    const ids = ['spec', i]
    for (const t of checkTask(ctx, tv, tp, ids, cluster, name, taskDefinition, deployments))
      tasks.push(t)
    return undefined
  })

  if (autoTasks) addAutoTasks(ctx, cluster, name, tasks, deployments, runningCount, pendingCount)

  const timeline = checkTimeline(ctx, o, path, cluster, {
    name,
    status,
    desiredCount,
    runningCount,
    pendingCount,
    taskDefinition,
    launchType,
    deployments
  })

  return {
    name,
    status,
    desiredCount,
    runningCount,
    pendingCount,
    taskDefinition,
    launchType,
    createdAt,
    deployments,
    circuitBreaker,
    events,
    loadBalancers,
    tasks,
    autoTasks,
    timeline,
    logGroup
  }
}

function checkEvent(
  c: Checker,
  v: unknown,
  path: string,
  now: number,
  defaultId: string,
  defaultTime?: number
): NormalizedServiceEvent | undefined {
  const eo = c.object(v, path, ['id', 'createdAt', 'message'])
  if (!eo) return undefined
  const createdAt = c.time(eo, 'createdAt', path, now, defaultTime === undefined) ?? defaultTime
  const message = c.string(eo, 'message', path, { required: true })
  if (createdAt === undefined || message === undefined) return undefined
  return { id: c.string(eo, 'id', path, { nonEmpty: true }) ?? defaultId, createdAt, message }
}

/** What a timeline step starts from: the service's current values. */
interface ServiceState {
  name: string
  status: ServiceStatus
  desiredCount: number
  runningCount: number
  pendingCount: number
  taskDefinition: string
  launchType: LaunchType
  deployments: NormalizedDeployment[]
}

/** A timeline step resolved when it applies: defaults filled in, times in epoch ms. */
export interface ResolvedTimelineStep {
  afterDescribes: number
  status?: ServiceStatus
  desiredCount?: number
  runningCount?: number
  pendingCount?: number
  taskDefinition?: string
  /** The new deployment list, when the step replaces it. */
  deployments?: NormalizedDeployment[]
  /** Events to add (in the order written). */
  events: NormalizedServiceEvent[]
  /** Tasks to add (or to replace, by id). */
  tasks: NormalizedTask[]
  /** New targets of target groups. */
  targetGroups: Array<{ name: string; targets: NormalizedTarget[] }>
}

const STEP_KEYS = [
  'afterDescribes',
  'status',
  'desiredCount',
  'runningCount',
  'pendingCount',
  'taskDefinition',
  'deployments',
  'events',
  'tasks',
  'targetGroups'
] as const

function checkStep(
  ctx: Ctx,
  v: unknown,
  path: string,
  index: number,
  cluster: string,
  state: ServiceState,
  tgPort: (name: string) => number | undefined
): ResolvedTimelineStep | undefined {
  const { c, now } = ctx
  const o = c.object(v, path, STEP_KEYS)
  if (!o) return undefined
  const afterDescribes = c.int(o, 'afterDescribes', path, { required: true, min: 1 })
  const status = c.string(o, 'status', path, { oneOf: SERVICE_STATUSES }) as
    ServiceStatus | undefined
  const desiredCount = c.int(o, 'desiredCount', path, { min: 0 })
  const runningCount = c.int(o, 'runningCount', path, { min: 0 })
  const pendingCount = c.int(o, 'pendingCount', path, { min: 0 })
  const taskDefinition = c.string(o, 'taskDefinition', path, { nonEmpty: true })
  const next: DeploymentDefaults = {
    cluster,
    name: state.name,
    taskDefinition: taskDefinition ?? state.taskDefinition,
    launchType: state.launchType,
    desiredCount: desiredCount ?? state.desiredCount,
    runningCount: runningCount ?? state.runningCount,
    pendingCount: pendingCount ?? state.pendingCount
  }

  let deployments: NormalizedDeployment[] | undefined
  if (o.deployments !== undefined) {
    const raw: unknown[] = Array.isArray(o.deployments) ? o.deployments : []
    const givenIds = new Set(
      raw.flatMap(d =>
        typeof d === 'object' && d !== null && typeof (d as Record<string, unknown>).id === 'string'
          ? [(d as Record<string, unknown>).id as string]
          : []
      )
    )
    const taken = new Set<string>()
    const prev = (id: string | undefined, td: string) => {
      const found =
        id !== undefined
          ? state.deployments.find(d => d.id === id)
          : state.deployments.find(
              d => d.taskDefinition === td && !taken.has(d.id) && !givenIds.has(d.id)
            )
      if (found) taken.add(found.id)
      return found
    }
    deployments = c.array(o, 'deployments', path, (dv, dp, i) =>
      checkDeployment(c, dv, dp, i, now, next, { index, prev })
    )
    const dpath = `${path}.deployments`
    if (Array.isArray(o.deployments) && raw.length === 0)
      c.fail(dpath, 'must not be empty (leave it out to keep the current deployments)')
    if (deployments) {
      if (deployments.filter(d => d.status === 'PRIMARY').length > 1)
        c.fail(dpath, 'at most one deployment can be PRIMARY')
      const seen = new Set<string>()
      for (const d of deployments) {
        if (seen.has(d.id)) c.fail(dpath, `duplicate deployment id "${d.id}"`)
        seen.add(d.id)
      }
    }
  }

  const events =
    c.array(o, 'events', path, (ev, ep, i) =>
      checkEvent(c, ev, ep, now, uuidFrom('event', cluster, state.name, 'step', index, i), now)
    ) ?? []

  const tasks: NormalizedTask[] = []
  c.array(o, 'tasks', path, (tv, tp, i) => {
    const ids = ['step', index, i]
    const ds = deployments ?? state.deployments
    for (const t of checkTask(ctx, tv, tp, ids, cluster, state.name, next.taskDefinition, ds, true))
      tasks.push(t)
    return undefined
  })

  const targetGroups: ResolvedTimelineStep['targetGroups'] = []
  if (o.targetGroups !== undefined) {
    const gpath = `${path}.targetGroups`
    const groups = c.object(o.targetGroups, gpath, null)
    for (const [name, list] of Object.entries(groups ?? {})) {
      const p = `${gpath}.${name}`
      ctx.tgRefs.push({ path: p, name })
      if (!Array.isArray(list)) {
        c.fail(p, `expected an array of targets, got ${describe(list)}`)
        continue
      }
      const port = tgPort(name) ?? 80
      const targets: NormalizedTarget[] = []
      list.forEach((tv, ti) => {
        const t = checkTarget(c, tv, `${p}[${ti}]`, port)
        if (t) targets.push(t)
      })
      targetGroups.push({ name, targets })
    }
  }

  if (afterDescribes === undefined) return undefined
  const out: ResolvedTimelineStep = { afterDescribes, events, tasks, targetGroups }
  if (status !== undefined) out.status = status
  if (desiredCount !== undefined) out.desiredCount = desiredCount
  if (runningCount !== undefined) out.runningCount = runningCount
  if (pendingCount !== undefined) out.pendingCount = pendingCount
  if (taskDefinition !== undefined) out.taskDefinition = taskDefinition
  if (deployments !== undefined) out.deployments = deployments
  return out
}

/** Validates a service's timeline (every step against the initial state) and keeps it as written. */
function checkTimeline(
  ctx: Ctx,
  o: Record<string, unknown>,
  path: string,
  cluster: string,
  state: ServiceState
): TimelineStep[] {
  const out: TimelineStep[] = []
  let last = 0
  const tgPort = (name: string) => ctx.targetGroups.find(t => t.name === name)?.port
  ctx.c.array(o, 'timeline', path, (sv, sp, i) => {
    const r = checkStep(ctx, sv, sp, i, cluster, state, tgPort)
    if (!r) return undefined
    if (r.afterDescribes <= last)
      ctx.c.fail(
        `${sp}.afterDescribes`,
        `must be greater than the previous step's afterDescribes (${last}): steps are listed in increasing order`
      )
    last = Math.max(last, r.afterDescribes)
    out.push(structuredClone(sv) as TimelineStep)
    return undefined
  })
  return out
}

/** Task ids that timeline steps give must not belong to another service of the cluster. */
function checkTimelineTaskIds(c: Checker, cluster: NormalizedCluster, path: string) {
  const owner = new Map<string, string>()
  for (const s of cluster.services) for (const t of s.tasks) owner.set(t.id, s.name)
  cluster.services.forEach((s, si) =>
    s.timeline.forEach((step, i) =>
      (Array.isArray(step.tasks) ? step.tasks : []).forEach((t, j) => {
        const id = typeof t === 'object' && t !== null ? t.id : undefined
        if (typeof id !== 'string') return
        const other = owner.get(id)
        if (other !== undefined && other !== s.name)
          c.fail(
            `${path}.services[${si}].timeline[${i}].tasks[${j}].id`,
            `task "${id}" belongs to service "${other}"`
          )
        else owner.set(id, s.name)
      })
    )
  )
}

/**
 * Resolves step `index` of a service's timeline at `now` (the simulator clock when it applies),
 * starting from the service's current state. `tgPort` gives a target group's port by name.
 */
export function resolveTimelineStep(
  scenario: Pick<NormalizedScenario, 'accountId' | 'region' | 'logs'>,
  cluster: string,
  svc: NormalizedService,
  index: number,
  now: number,
  tgPort: (name: string) => number | undefined
): ResolvedTimelineStep {
  const c = new Checker()
  const ctx: Ctx = {
    c,
    now,
    region: scenario.region,
    accountId: scenario.accountId,
    targetGroups: [],
    logGroups: [],
    logs: scenario.logs,
    tgRefs: []
  }
  const path = `${cluster}/${svc.name}.timeline[${index}]`
  const r = checkStep(ctx, svc.timeline[index], path, index, cluster, svc, tgPort)
  if (!r || c.issues.length > 0) throw new ScenarioError(c.issues, path)
  return r
}

/** The service as a deployment sees it (for its defaults). */
interface DeploymentDefaults {
  cluster: string
  name: string
  taskDefinition: string
  launchType: LaunchType
  desiredCount: number
  runningCount: number
  pendingCount: number
}

/**
 * In a timeline step: `prev` finds the current deployment this one continues (by id, else by
 * task definition), `index` is the step's position.
 */
interface StepDeploymentContext {
  index: number
  prev: (id: string | undefined, taskDefinition: string) => NormalizedDeployment | undefined
}

function checkDeployment(
  c: Checker,
  v: unknown,
  path: string,
  index: number,
  now: number,
  svc: DeploymentDefaults,
  step?: StepDeploymentContext
): NormalizedDeployment | undefined {
  const o = c.object(v, path, [
    'id',
    'status',
    'taskDefinition',
    'desiredCount',
    'runningCount',
    'pendingCount',
    'failedTasks',
    'rolloutState',
    'rolloutStateReason',
    'createdAt',
    'updatedAt',
    'launchType'
  ])
  if (!o) return undefined
  const status = (c.string(o, 'status', path, { oneOf: ['PRIMARY', 'ACTIVE', 'INACTIVE'] }) ??
    (index === 0 ? 'PRIMARY' : 'ACTIVE')) as NormalizedDeployment['status']
  const isPrimary = status === 'PRIMARY'
  const givenId = c.string(o, 'id', path, { nonEmpty: true })
  const taskDefinition =
    c.string(o, 'taskDefinition', path, { nonEmpty: true }) ?? svc.taskDefinition
  const prev = step?.prev(givenId, taskDefinition)
  const id =
    givenId ??
    prev?.id ??
    (step
      ? deploymentId(svc.cluster, svc.name, 'step', step.index, index)
      : deploymentId(svc.cluster, svc.name, index))
  const desiredCount =
    c.int(o, 'desiredCount', path, { min: 0 }) ?? (isPrimary ? svc.desiredCount : 0)
  const runningCount =
    c.int(o, 'runningCount', path, { min: 0 }) ?? (isPrimary ? svc.runningCount : 0)
  const pendingCount =
    c.int(o, 'pendingCount', path, { min: 0 }) ?? (isPrimary ? svc.pendingCount : 0)
  const failedTasks = c.int(o, 'failedTasks', path, { min: 0 }) ?? 0
  const rolloutState = (c.string(o, 'rolloutState', path, { oneOf: ROLLOUT_STATES }) ??
    (isPrimary && runningCount < desiredCount ? 'IN_PROGRESS' : 'COMPLETED')) as RolloutState
  const rolloutStateReason =
    c.string(o, 'rolloutStateReason', path) ??
    (rolloutState === 'COMPLETED'
      ? `ECS deployment ${id} completed.`
      : rolloutState === 'IN_PROGRESS'
        ? `ECS deployment ${id} in progress.`
        : `ECS deployment circuit breaker: tasks failed to start.`)
  // In a step, a continued deployment keeps its creation time and was updated now; a new one
  // was created now.
  const createdAt =
    c.time(o, 'createdAt', path, now) ??
    (step ? (prev?.createdAt ?? now) : now - (isPrimary ? 30 * MIN : 24 * 60 * MIN))
  const updatedAt = c.time(o, 'updatedAt', path, now) ?? (prev ? now : createdAt)
  return {
    id,
    status,
    taskDefinition,
    desiredCount,
    runningCount,
    pendingCount,
    failedTasks,
    rolloutState,
    rolloutStateReason,
    createdAt,
    updatedAt,
    launchType: (c.string(o, 'launchType', path, { oneOf: LAUNCH_TYPES }) ??
      prev?.launchType ??
      svc.launchType) as LaunchType
  }
}

const STOPPING_STATES = new Set(['STOPPED', 'STOPPING', 'DEACTIVATING', 'DEPROVISIONING'])

/**
 * The deployment that started a task of `taskDefinition`: the one with that task definition
 * (PRIMARY first), else the PRIMARY one.
 */
function startedByFor(
  deployments: readonly NormalizedDeployment[],
  taskDefinition: string
): string {
  const primary = deployments.find(d => d.status === 'PRIMARY') ?? deployments[0]
  const same = deployments.filter(d => d.taskDefinition === taskDefinition)
  return (same.find(d => d.status === 'PRIMARY') ?? same[0] ?? primary)?.id ?? ''
}

/**
 * Reads a task spec (expanding `count`). `idParts` make default ids unique; `fresh` (timeline
 * steps) makes a stopped task stop, and a running one start, at `now`.
 */
function checkTask(
  ctx: Ctx,
  v: unknown,
  path: string,
  idParts: ReadonlyArray<string | number>,
  cluster: string,
  service: string,
  serviceTd: string,
  deployments: readonly NormalizedDeployment[],
  fresh = false
): NormalizedTask[] {
  const { c, now } = ctx
  const o = c.object(v, path, [
    'id',
    'lastStatus',
    'desiredStatus',
    'taskDefinition',
    'startedAt',
    'stoppedAt',
    'createdAt',
    'stoppedReason',
    'stopCode',
    'healthStatus',
    'containers',
    'count'
  ])
  if (!o) return []
  const count = c.int(o, 'count', path, { min: 1, max: 1000 }) ?? 1
  const givenId = c.string(o, 'id', path, { pattern: TASK_ID_RE, hint: '32 lowercase hex digits' })
  if (givenId !== undefined && count > 1)
    c.fail(`${path}.id`, 'cannot be set together with count > 1')
  const lastStatus = (c.string(o, 'lastStatus', path, { oneOf: TASK_STATUSES }) ??
    'RUNNING') as TaskStatus
  const stopping = STOPPING_STATES.has(lastStatus)
  const desiredStatus = (c.string(o, 'desiredStatus', path, {
    oneOf: ['RUNNING', 'STOPPED', 'PENDING']
  }) ?? (stopping ? 'STOPPED' : 'RUNNING')) as NormalizedTask['desiredStatus']
  const taskDefinition = c.string(o, 'taskDefinition', path, { nonEmpty: true }) ?? serviceTd
  const stoppedAt0 = c.time(o, 'stoppedAt', path, now)
  const startedAt0 = c.time(o, 'startedAt', path, now)
  const createdAt0 = c.time(o, 'createdAt', path, now)
  const stoppedReason0 = c.string(o, 'stoppedReason', path)
  const stopCode0 = c.string(o, 'stopCode', path, { oneOf: STOP_CODES }) as TaskSpec['stopCode']
  const healthStatus = (c.string(o, 'healthStatus', path, { oneOf: HEALTH }) ??
    (lastStatus === 'RUNNING' ? 'HEALTHY' : 'UNKNOWN')) as NormalizedTask['healthStatus']
  const containers = c.array(o, 'containers', path, (cv, cp) => {
    const co = c.object(cv, cp, [
      'name',
      'lastStatus',
      'exitCode',
      'reason',
      'healthStatus',
      'image'
    ])
    if (!co) return undefined
    const cname = c.string(co, 'name', cp, { required: true })
    if (cname === undefined) return undefined
    const out: NormalizedContainer = {
      name: cname,
      lastStatus: c.string(co, 'lastStatus', cp, { nonEmpty: true }) ?? lastStatus,
      healthStatus: (c.string(co, 'healthStatus', cp, { oneOf: HEALTH }) ??
        'UNKNOWN') as NormalizedContainer['healthStatus'],
      image:
        c.string(co, 'image', cp, { nonEmpty: true }) ??
        `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${cname}:latest`
    }
    const exitCode = c.int(co, 'exitCode', cp)
    if (exitCode !== undefined) out.exitCode = exitCode
    const reason = c.string(co, 'reason', cp)
    if (reason !== undefined) out.reason = reason
    return out
  }) ?? [
    {
      name: service,
      lastStatus,
      healthStatus: 'UNKNOWN',
      image: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${service}:latest`
    }
  ]
  const crashed = containers.some(ct => ct.exitCode !== undefined && ct.exitCode !== 0)
  const startedBy = startedByFor(deployments, taskDefinition)

  const out: NormalizedTask[] = []
  for (let k = 0; k < count; k++) {
    const task: NormalizedTask = {
      id: givenId ?? hexFrom(32, 'task', cluster, service, ...idParts, k),
      lastStatus,
      desiredStatus,
      taskDefinition,
      createdAt: 0,
      healthStatus,
      containers: containers.map(ct => ({ ...ct })),
      startedBy
    }
    if (stopping) {
      const stoppedAt = (stoppedAt0 ?? (fresh ? now : now - 10 * MIN)) - k * 3 * MIN
      task.stoppedAt = stoppedAt
      task.startedAt = startedAt0 !== undefined ? startedAt0 - k * 3 * MIN : stoppedAt - 5 * MIN
      task.stopCode =
        stopCode0 ?? (crashed ? 'EssentialContainerExited' : 'ServiceSchedulerInitiated')
      task.stoppedReason =
        stoppedReason0 ??
        (task.stopCode === 'EssentialContainerExited'
          ? 'Essential container in task exited'
          : task.stopCode === 'TaskFailedToStart'
            ? 'Task failed to start'
            : `Scaling activity initiated by (deployment ${startedBy})`)
    } else if (lastStatus === 'RUNNING' || startedAt0 !== undefined) {
      task.startedAt = (startedAt0 ?? (fresh ? now : now - 60 * MIN)) - k * MIN
      if (stoppedReason0 !== undefined) task.stoppedReason = stoppedReason0
    }
    task.createdAt =
      createdAt0 !== undefined
        ? createdAt0 - k * 3 * MIN
        : (task.startedAt ?? now - 60_000) - 30_000
    out.push(task)
  }
  return out
}

type AutoStatus = 'RUNNING' | 'PENDING'

function hasAutoStatus(t: NormalizedTask, status: AutoStatus): boolean {
  return status === 'RUNNING'
    ? t.lastStatus === 'RUNNING'
    : t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING'
}

/**
 * How many automatic tasks of `status` each deployment needs so that the service has `want`:
 * each deployment gets its own count less its explicit tasks, PRIMARY first, and what is left
 * over goes to the PRIMARY one. Never more than `want` less the explicit tasks in total.
 */
function autoPlan(
  deployments: readonly NormalizedDeployment[],
  tasks: readonly NormalizedTask[],
  status: AutoStatus,
  want: number
): Array<{ d: NormalizedDeployment | undefined; n: number }> {
  const ordered = [...deployments].sort(
    (a, b) => (a.status === 'PRIMARY' ? -1 : 0) - (b.status === 'PRIMARY' ? -1 : 0)
  )
  const explicit = tasks.filter(t => !t.auto && hasAutoStatus(t, status))
  let missing = Math.max(0, want - explicit.length)
  const plan: Array<{ d: NormalizedDeployment | undefined; n: number }> = []
  for (const d of ordered) {
    const own = explicit.filter(t => t.startedBy === d.id).length
    const count = status === 'RUNNING' ? d.runningCount : d.pendingCount
    const n = Math.min(missing, Math.max(0, count - own))
    if (n > 0) plan.push({ d, n })
    missing -= n
  }
  if (missing > 0) plan.push({ d: ordered[0], n: missing })
  return plan
}

function autoTask(
  ctx: Pick<Ctx, 'accountId' | 'region'>,
  id: string,
  service: string,
  status: AutoStatus,
  d: NormalizedDeployment | undefined,
  serviceTd: string,
  startedAt: number
): NormalizedTask {
  const health = status === 'RUNNING' ? 'HEALTHY' : 'UNKNOWN'
  const task: NormalizedTask = {
    id,
    lastStatus: status,
    desiredStatus: 'RUNNING',
    taskDefinition: d?.taskDefinition ?? serviceTd,
    createdAt: startedAt - 30_000,
    healthStatus: health,
    containers: [
      {
        name: service,
        lastStatus: status,
        healthStatus: health,
        image: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${service}:latest`
      }
    ],
    startedBy: d?.id ?? '',
    auto: true
  }
  if (status === 'RUNNING') task.startedAt = startedAt
  return task
}

function addAutoTasks(
  ctx: Ctx,
  cluster: string,
  service: string,
  tasks: NormalizedTask[],
  deployments: NormalizedDeployment[],
  runningCount: number,
  pendingCount: number
) {
  const fill = (status: AutoStatus, want: number) => {
    let k = 0
    for (const { d, n } of autoPlan(deployments, tasks, status, want)) {
      for (let j = 0; j < n; j++, k++) {
        const startedAt = (d?.createdAt ?? ctx.now - 60 * MIN) + 60_000 + k * 7_000
        const id = hexFrom(32, 'task', cluster, service, status, k)
        const td = d?.taskDefinition ?? `${service}:1`
        const task = autoTask(ctx, id, service, status, d, td, Math.min(startedAt, ctx.now - 1000))
        task.createdAt = startedAt - 30_000
        tasks.push(task)
      }
    }
  }
  fill('RUNNING', runningCount)
  fill('PENDING', pendingCount)
}

/**
 * After a timeline step: brings the service's automatic tasks in line with its (new) counts and
 * deployments. Per deployment, PENDING tasks start first, then new tasks are launched; tasks
 * beyond the counts, or of deployments that are gone, stop with "Scaling activity initiated by
 * (deployment …)" at `now`. Changes tasks in place; returns the tasks it added to `svc.tasks`.
 */
export function reconcileAutoTasks(
  scenario: Pick<NormalizedScenario, 'accountId' | 'region'>,
  cluster: string,
  svc: NormalizedService,
  now: number,
  step: number
): NormalizedTask[] {
  const wanted = (status: AutoStatus, count: number) => {
    const m = new Map<string, number>()
    for (const { d, n } of autoPlan(svc.deployments, svc.tasks, status, count))
      m.set(d?.id ?? '', (m.get(d?.id ?? '') ?? 0) + n)
    return m
  }
  const wantRunning = wanted('RUNNING', svc.runningCount)
  const wantPending = wanted('PENDING', svc.pendingCount)
  const live = svc.tasks.filter(t => t.auto && t.lastStatus !== 'STOPPED')
  const groups = new Set<string>([
    ...wantRunning.keys(),
    ...wantPending.keys(),
    ...live.map(t => t.startedBy)
  ])
  const added: NormalizedTask[] = []
  let k = 0
  const launch = (status: AutoStatus, id: string) => {
    const d = svc.deployments.find(x => x.id === id)
    const tid = hexFrom(32, 'task', cluster, svc.name, 'step', step, status, k++)
    const t = autoTask(scenario, tid, svc.name, status, d, svc.taskDefinition, now - 5_000)
    if (status === 'PENDING') t.createdAt = now - 5_000
    svc.tasks.push(t)
    added.push(t)
    return t
  }
  const stop = (t: NormalizedTask) => {
    const started = t.startedAt !== undefined
    t.lastStatus = 'STOPPED'
    t.desiredStatus = 'STOPPED'
    t.stoppedAt = now
    t.stopCode = 'ServiceSchedulerInitiated'
    t.stoppedReason = `Scaling activity initiated by (deployment ${t.startedBy})`
    t.healthStatus = 'UNKNOWN'
    for (const ct of t.containers) {
      ct.lastStatus = 'STOPPED'
      ct.healthStatus = 'UNKNOWN'
      if (started) ct.exitCode = 0
    }
  }
  for (const id of groups) {
    const running = live.filter(t => t.startedBy === id && hasAutoStatus(t, 'RUNNING'))
    const pending = live.filter(t => t.startedBy === id && hasAutoStatus(t, 'PENDING'))
    const wr = wantRunning.get(id) ?? 0
    const wp = wantPending.get(id) ?? 0
    while (running.length < wr && pending.length > 0) {
      const t = pending.shift() as NormalizedTask
      t.lastStatus = 'RUNNING'
      t.startedAt = now
      t.healthStatus = 'HEALTHY'
      for (const ct of t.containers) {
        ct.lastStatus = 'RUNNING'
        ct.healthStatus = 'HEALTHY'
      }
      running.push(t)
    }
    while (running.length < wr) running.push(launch('RUNNING', id))
    while (running.length > wr) stop(running.pop() as NormalizedTask)
    while (pending.length < wp) pending.push(launch('PENDING', id))
    while (pending.length > wp) stop(pending.pop() as NormalizedTask)
  }
  return added
}

function checkTargetGroup(
  c: Checker,
  v: unknown,
  path: string,
  accountId: string
): NormalizedTargetGroup | undefined {
  const o = c.object(v, path, [
    'name',
    'port',
    'protocol',
    'targetType',
    'healthCheckPath',
    'healthCheckPort',
    'healthCheckProtocol',
    'matcher',
    'loadBalancer',
    'vpcId',
    'targets',
    'metricsLagMinutes',
    'metrics'
  ])
  if (!o) return undefined
  const name = c.string(o, 'name', path, {
    required: true,
    pattern: TG_NAME_RE,
    hint: 'at most 32 letters, digits or hyphens, not starting or ending with a hyphen'
  })
  if (name === undefined) return undefined
  const port = c.int(o, 'port', path, { min: 1, max: 65535 }) ?? 80
  const protocol = (c.string(o, 'protocol', path, { oneOf: TG_PROTOCOLS }) ??
    'HTTP') as NormalizedTargetGroup['protocol']
  let loadBalancer: string | null = 'app-lb'
  if (o.loadBalancer === null) loadBalancer = null
  else {
    const lb = c.string(o, 'loadBalancer', path, {
      pattern: TG_NAME_RE,
      hint: 'a load balancer name'
    })
    if (lb !== undefined) loadBalancer = lb
  }
  const targets = c.array(o, 'targets', path, (tv, tp) => checkTarget(c, tv, tp, port)) ?? []
  return {
    name,
    port,
    protocol,
    targetType: (c.string(o, 'targetType', path, { oneOf: TARGET_TYPES }) ??
      'ip') as NormalizedTargetGroup['targetType'],
    healthCheckPath: c.string(o, 'healthCheckPath', path) ?? '/health',
    healthCheckPort: c.string(o, 'healthCheckPort', path) ?? 'traffic-port',
    healthCheckProtocol:
      c.string(o, 'healthCheckProtocol', path) ??
      (protocol === 'UDP' || protocol === 'TCP_UDP' || protocol === 'TLS' ? 'TCP' : protocol),
    matcher: c.string(o, 'matcher', path) ?? '200',
    loadBalancer,
    vpcId:
      c.string(o, 'vpcId', path, { pattern: /^vpc-[0-9a-f]{8,17}$/, hint: 'vpc-…' }) ??
      `vpc-${hexFrom(17, 'vpc', accountId)}`,
    targets,
    metricsLagMinutes: c.number(o, 'metricsLagMinutes', path, { min: 0, max: 1440 }) ?? 1,
    metrics: c.bool(o, 'metrics', path) ?? true
  }
}

function checkTarget(
  c: Checker,
  v: unknown,
  path: string,
  groupPort: number
): NormalizedTarget | undefined {
  const to = c.object(v, path, ['id', 'port', 'state', 'reason', 'description', 'availabilityZone'])
  if (!to) return undefined
  const id = c.string(to, 'id', path, { required: true })
  const state = (c.string(to, 'state', path, { oneOf: TARGET_STATES }) ?? 'healthy') as TargetState
  const port = c.int(to, 'port', path, { min: 1, max: 65535 }) ?? groupPort
  if (id === undefined) return undefined
  const t: NormalizedTarget = { id, port, state }
  const d = TARGET_STATE_DEFAULTS[state]
  const reason = c.string(to, 'reason', path) ?? d.reason
  const description = c.string(to, 'description', path) ?? d.description
  if (reason !== undefined) t.reason = reason
  if (description !== undefined) t.description = description
  const az = c.string(to, 'availabilityZone', path)
  if (az !== undefined) t.availabilityZone = az
  return t
}

const GENERATOR_KEYS = [
  'kind',
  'count',
  'minutes',
  'from',
  'to',
  'errorRate',
  'severeRate',
  'healthCheckRate',
  'streams',
  'streamNames',
  'streamPrefix',
  'format',
  'style',
  'lines',
  'errorLines',
  'seed'
] as const

function checkLogGroup(
  c: Checker,
  v: unknown,
  path: string,
  now: number,
  paging: NormalizedLogGroup['paging']
): NormalizedLogGroup | undefined {
  const o = c.object(v, path, [
    'name',
    'createdAt',
    'retentionInDays',
    'streams',
    'generate',
    'paging'
  ])
  if (!o) return undefined
  const name = c.string(o, 'name', path, {
    required: true,
    pattern: LOG_GROUP_RE,
    hint: 'letters, digits and . - _ / #'
  })
  if (name === undefined) return undefined
  const out: NormalizedLogGroup = {
    name,
    createdAt: c.time(o, 'createdAt', path, now) ?? now - 30 * 24 * 60 * MIN,
    streams: [],
    generate: [],
    paging: checkPaging(c, o.paging, `${path}.paging`, paging)
  }
  const retention = c.int(o, 'retentionInDays', path, { min: 1 })
  if (retention !== undefined) out.retentionInDays = retention
  out.streams =
    c.array(o, 'streams', path, (sv, sp, si) => {
      const so = c.object(sv, sp, ['name', 'events'])
      if (!so) return undefined
      const sname = c.string(so, 'name', sp, {
        required: true,
        pattern: /^[^:*]{1,512}$/,
        hint: 'no ":" or "*"'
      })
      if (sname === undefined) return undefined
      const events =
        c.array(so, 'events', sp, (ev, ep, ei) => {
          const eo = c.object(ev, ep, ['t', 'message', 'ingestionTime'])
          if (!eo) return undefined
          const t = c.time(eo, 't', ep, now, true)
          const message = c.string(eo, 'message', ep, { required: true })
          if (t === undefined || message === undefined) return undefined
          const ingestionTime =
            c.time(eo, 'ingestionTime', ep, now) ?? t + 200 + (hash32(name, si, ei) % 1800)
          return { t, message, ingestionTime }
        }) ?? []
      events.sort((a, b) => a.t - b.t)
      return { name: sname, events }
    }) ?? []
  uniqueNames(c, out.streams, `${path}.streams`, 'log stream')
  out.generate =
    c.array(o, 'generate', path, (gv, gp, gi) => checkGenerator(c, gv, gp, gi, name, now)) ?? []
  return out
}

function checkGenerator(
  c: Checker,
  v: unknown,
  path: string,
  index: number,
  group: string,
  now: number
): NormalizedGenerator | undefined {
  const o = c.object(v, path, GENERATOR_KEYS)
  if (!o) return undefined
  const kind = c.string(o, 'kind', path, {
    required: true,
    oneOf: ['access', 'app', 'lines']
  }) as GeneratorKind | undefined
  const count = c.int(o, 'count', path, { required: true, min: 0, max: 100_000_000 })
  const minutes = c.number(o, 'minutes', path, { min: 0.001 }) ?? 60
  const to = c.time(o, 'to', path, now) ?? now
  const from = c.time(o, 'from', path, now) ?? to - minutes * MIN
  if (from >= to) c.fail(path, '"from" must be before "to"')
  const seed = c.int(o, 'seed', path) ?? hash32('gen', group, index)
  const nStreams = c.int(o, 'streams', path, { min: 1, max: 10_000 }) ?? 2
  const prefix =
    c.string(o, 'streamPrefix', path, { nonEmpty: true }) ??
    `ecs/${group.split('/').filter(Boolean).pop() ?? 'app'}`
  const streamNames =
    c.array(o, 'streamNames', path, (sv, sp) => {
      if (typeof sv === 'string' && sv.length > 0) return sv
      c.fail(sp, 'expected a stream name')
      return undefined
    }) ??
    Array.from(
      { length: nStreams },
      (_, i) => `${prefix}/${hexFrom(32, 'stream', group, index, seed, i)}`
    )
  if (streamNames.length === 0) c.fail(`${path}.streamNames`, 'must not be empty')
  const lines = c.array(o, 'lines', path, (lv, lp) => {
    if (typeof lv === 'string') return lv
    c.fail(lp, 'expected a string')
    return undefined
  })
  if (kind === 'lines' && (!lines || lines.length === 0))
    c.fail(`${path}.lines`, 'is required (non-empty) for kind "lines"')
  const errorLines = c.array(o, 'errorLines', path, (lv, lp) => {
    if (typeof lv === 'string') return lv
    c.fail(lp, 'expected a string')
    return undefined
  })
  if (kind === undefined || count === undefined) return undefined
  const out: NormalizedGenerator = {
    kind,
    count,
    from,
    to,
    errorRate: c.number(o, 'errorRate', path, { min: 0, max: 1 }) ?? 0.02,
    severeRate: c.number(o, 'severeRate', path, { min: 0, max: 1 }) ?? 0,
    healthCheckRate: c.number(o, 'healthCheckRate', path, { min: 0, max: 1 }) ?? 0.2,
    streamNames,
    seed
  }
  const format = c.string(o, 'format', path, { oneOf: ['nginx', 'gin', 'json'] })
  if (format !== undefined) out.format = format as NonNullable<GeneratorSpec['format']>
  const style = c.string(o, 'style', path, { oneOf: ['java', 'go', 'python', 'node', 'json'] })
  if (style !== undefined) out.style = style as NonNullable<GeneratorSpec['style']>
  if (lines) out.lines = lines
  if (errorLines && errorLines.length > 0) out.errorLines = errorLines
  return out
}
