/** The simulated world built from a normalized scenario: ARNs, lookups and log sources. */
import { sourcesFor, type LogSource } from './generate.js'
import { hexFrom } from './prng.js'
import {
  reconcileAutoTasks,
  resolveTimelineStep,
  type NormalizedCluster,
  type NormalizedLogGroup,
  type NormalizedScenario,
  type NormalizedService,
  type NormalizedTargetGroup,
  type NormalizedTask
} from './scenario.js'

/** Load balancer types as they appear in ARNs: Application, Network, Gateway. */
export type LoadBalancerType = 'app' | 'net' | 'gwy'

/**
 * The type of load balancer a target group of this protocol can be attached to: HTTP/HTTPS groups
 * belong to Application Load Balancers, TCP/TLS/UDP/TCP_UDP ones to Network Load Balancers, GENEVE
 * ones to Gateway Load Balancers.
 */
export function loadBalancerTypeFor(protocol: NormalizedTargetGroup['protocol']): LoadBalancerType {
  return protocol === 'HTTP' || protocol === 'HTTPS' ? 'app' : protocol === 'GENEVE' ? 'gwy' : 'net'
}

/** ARN builders for a region and account (deterministic). */
export class Arns {
  constructor(
    readonly region: string,
    readonly accountId: string
  ) {}
  cluster(name: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:cluster/${name}`
  }
  service(cluster: string, name: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:service/${cluster}/${name}`
  }
  task(cluster: string, id: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:task/${cluster}/${id}`
  }
  container(cluster: string, taskId: string, name: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:container/${cluster}/${taskId}/${hexFrom(8, name)}-${hexFrom(4, taskId, name)}-${hexFrom(4, 'c', name)}-${hexFrom(4, 'd', taskId)}-${hexFrom(12, taskId, 'container', name)}`
  }
  taskDefinition(td: string): string {
    return td.startsWith('arn:')
      ? td
      : `arn:aws:ecs:${this.region}:${this.accountId}:task-definition/${td}`
  }
  /** `arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<16 hex>`. */
  targetGroup(name: string): string {
    return `arn:aws:elasticloadbalancing:${this.region}:${this.accountId}:targetgroup/${name}/${hexFrom(16, 'tg', this.region, this.accountId, name)}`
  }
  /**
   * `arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<type>/<name>/<16 hex>`; `type`
   * is `app` (Application), `net` (Network) or `gwy` (Gateway). The id does not depend on the type.
   */
  loadBalancer(name: string, type: LoadBalancerType = 'app'): string {
    return `arn:aws:elasticloadbalancing:${this.region}:${this.accountId}:loadbalancer/${type}/${name}/${hexFrom(16, 'lb', this.region, this.accountId, name)}`
  }
  logGroup(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`
  }
}

/** A service with its cluster and ARN. */
export interface ServiceEntry {
  cluster: ClusterEntry
  spec: NormalizedService
  arn: string
  /** Times DescribeServices returned it. */
  describes: number
  /** Timeline steps applied so far. */
  applied: number
}

/** A task with its service and ARN. */
export interface TaskEntry {
  service: ServiceEntry
  spec: NormalizedTask
  arn: string
}

/** A cluster with its services and tasks indexed. */
export interface ClusterEntry {
  spec: NormalizedCluster
  arn: string
  services: ServiceEntry[]
  serviceByName: Map<string, ServiceEntry>
  tasks: TaskEntry[]
  taskById: Map<string, TaskEntry>
}

/** A target group with its ARN and the ARN of its load balancer. */
export interface TargetGroupEntry {
  spec: NormalizedTargetGroup
  arn: string
  /** ARN of the load balancer it is attached to (its type follows the protocol); undefined for none. */
  lbArn: string | undefined
}

/** A log group with its sources. */
export interface LogGroupEntry {
  spec: NormalizedLogGroup
  arn: string
  sources: LogSource[]
}

/** Everything the operation handlers read. */
export class World {
  readonly arns: Arns
  readonly clusters: ClusterEntry[] = []
  readonly clusterByName = new Map<string, ClusterEntry>()
  readonly targetGroups: TargetGroupEntry[] = []
  readonly tgByArn = new Map<string, TargetGroupEntry>()
  readonly tgByName = new Map<string, TargetGroupEntry>()
  /** Sorted by name, as DescribeLogGroups returns them. */
  readonly logGroups: LogGroupEntry[] = []
  readonly logGroupByName = new Map<string, LogGroupEntry>()

  /** The clock reading of the request being handled (see {@link World.tick}). */
  private current: number

  /**
   * @param scenario the normalized scenario; timeline steps change its services and target
   *   groups in place
   * @param clock the simulator clock (epoch ms), read once per request by {@link World.tick}
   */
  constructor(
    readonly scenario: NormalizedScenario,
    private readonly clock: () => number = () => scenario.now
  ) {
    this.current = scenario.now
    this.arns = new Arns(scenario.region, scenario.accountId)
    for (const c of scenario.clusters) {
      const entry: ClusterEntry = {
        spec: c,
        arn: this.arns.cluster(c.name),
        services: [],
        serviceByName: new Map(),
        tasks: [],
        taskById: new Map()
      }
      for (const s of c.services) {
        const se: ServiceEntry = {
          cluster: entry,
          spec: s,
          arn: this.arns.service(c.name, s.name),
          describes: 0,
          applied: 0
        }
        entry.services.push(se)
        entry.serviceByName.set(s.name, se)
        for (const t of s.tasks) {
          const te: TaskEntry = { service: se, spec: t, arn: this.arns.task(c.name, t.id) }
          entry.tasks.push(te)
          entry.taskById.set(t.id, te)
        }
      }
      this.clusters.push(entry)
      this.clusterByName.set(c.name, entry)
    }
    for (const tg of scenario.targetGroups) {
      const e: TargetGroupEntry = {
        spec: tg,
        arn: this.arns.targetGroup(tg.name),
        lbArn: tg.loadBalancer
          ? this.arns.loadBalancer(tg.loadBalancer, loadBalancerTypeFor(tg.protocol))
          : undefined
      }
      this.targetGroups.push(e)
      this.tgByArn.set(e.arn, e)
      this.tgByName.set(tg.name, e)
    }
    const groups = [...scenario.logGroups].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    )
    for (const g of groups) {
      const e: LogGroupEntry = { spec: g, arn: this.arns.logGroup(g.name), sources: sourcesFor(g) }
      this.logGroups.push(e)
      this.logGroupByName.set(g.name, e)
    }
  }

  /**
   * The simulator clock (epoch ms) for the request being handled: the scenario's start time until
   * the first {@link World.tick}.
   */
  get now(): number {
    return this.current
  }

  /** Reads the clock once for a request; everything the request does uses that time. */
  tick(): number {
    this.current = this.clock()
    return this.current
  }

  /**
   * Counts one DescribeServices that returned `se` (call it once per call, after the reply was
   * built) and applies the timeline steps that are due.
   */
  described(se: ServiceEntry): void {
    se.describes++
    const steps = se.spec.timeline
    for (let step = steps[se.applied]; step; step = steps[se.applied]) {
      if (step.afterDescribes > se.describes) break
      this.applyStep(se, se.applied)
      se.applied++
    }
  }

  private applyStep(se: ServiceEntry, index: number): void {
    const svc = se.spec
    const cluster = se.cluster
    const r = resolveTimelineStep(
      this.scenario,
      cluster.spec.name,
      svc,
      index,
      this.now,
      name => this.tgByName.get(name)?.spec.port
    )
    if (r.status !== undefined) svc.status = r.status
    if (r.desiredCount !== undefined) svc.desiredCount = r.desiredCount
    if (r.runningCount !== undefined) svc.runningCount = r.runningCount
    if (r.pendingCount !== undefined) svc.pendingCount = r.pendingCount
    if (r.taskDefinition !== undefined) svc.taskDefinition = r.taskDefinition
    if (r.deployments !== undefined) svc.deployments = r.deployments
    if (r.events.length > 0)
      // Newest first; the new ones ahead of older ones of the same time.
      svc.events = [...r.events, ...svc.events].sort((a, b) => b.createdAt - a.createdAt)
    for (const t of r.tasks) {
      const existing = cluster.taskById.get(t.id)
      if (existing && existing.service === se) {
        const i = svc.tasks.indexOf(existing.spec)
        if (i >= 0) svc.tasks[i] = t
        else svc.tasks.push(t)
        existing.spec = t
      } else {
        svc.tasks.push(t)
        this.addTask(se, t)
      }
    }
    if (svc.autoTasks)
      for (const t of reconcileAutoTasks(this.scenario, cluster.spec.name, svc, this.now, index))
        this.addTask(se, t)
    for (const { name, targets } of r.targetGroups) {
      const tg = this.tgByName.get(name)
      if (tg) tg.spec.targets = targets
    }
  }

  private addTask(se: ServiceEntry, t: NormalizedTask): void {
    const te: TaskEntry = { service: se, spec: t, arn: this.arns.task(se.cluster.spec.name, t.id) }
    se.cluster.tasks.push(te)
    se.cluster.taskById.set(t.id, te)
  }
}
