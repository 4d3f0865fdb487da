/** The simulated world built from a normalized scenario: ARNs, lookups and log sources. */
import { sourcesFor, type LogSource } from './generate.js'
import { hexFrom } from './prng.js'
import type {
  NormalizedCluster,
  NormalizedLogGroup,
  NormalizedScenario,
  NormalizedService,
  NormalizedTargetGroup,
  NormalizedTask
} from './scenario.js'

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
  loadBalancer(name: string): string {
    return `arn:aws:elasticloadbalancing:${this.region}:${this.accountId}:loadbalancer/app/${name}/${hexFrom(16, 'lb', this.region, this.accountId, name)}`
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

/** A target group with its ARN. */
export interface TargetGroupEntry {
  spec: NormalizedTargetGroup
  arn: string
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

  constructor(readonly scenario: NormalizedScenario) {
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
        const se: ServiceEntry = { cluster: entry, spec: s, arn: this.arns.service(c.name, s.name) }
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
      const e: TargetGroupEntry = { spec: tg, arn: this.arns.targetGroup(tg.name) }
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

  /** The simulator clock (epoch ms) the scenario was resolved against. */
  get now(): number {
    return this.scenario.now
  }
}
