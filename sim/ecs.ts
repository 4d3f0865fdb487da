/** ECS (JSON 1.1, `AmazonEC2ContainerServiceV20141113.<Op>`): the read operations the product uses. */
import { SimError } from './errors.js'
import { encodeToken, offsetFromToken, ParamReader, secs, type Params } from './params.js'
import type { NormalizedDeployment } from './scenario.js'
import type { ClusterEntry, ServiceEntry, TaskEntry, World } from './world.js'

/** The X-Amz-Target prefix of ECS. */
export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113'

/** Stopped tasks stay visible this long (AWS: "at least 1 hour"). */
export const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000

type Handler = (p: ParamReader, world: World) => unknown

function reader(params: Params): ParamReader {
  return new ParamReader(params, { code: 'InvalidParameterException' })
}

function clusterNotFound(): never {
  throw new SimError('ClusterNotFoundException', 'Cluster not found.')
}

function resolveCluster(world: World, ref: string | undefined): ClusterEntry {
  const name = ref === undefined || ref === '' ? 'default' : ref
  let entry: ClusterEntry | undefined
  if (name.startsWith('arn:')) {
    const short = name.slice(name.indexOf(':cluster/') + ':cluster/'.length)
    entry = world.clusterByName.get(short)
    if (entry && entry.arn !== name) entry = undefined
  } else entry = world.clusterByName.get(name)
  if (!entry || entry.spec.status === 'INACTIVE') clusterNotFound()
  return entry
}

/** Name of a service from a name or an ARN (`service/<cluster>/<name>` or old `service/<name>`). */
function serviceNameOf(ref: string): string {
  if (!ref.startsWith('arn:')) return ref
  const i = ref.indexOf(':service/')
  if (i < 0) return ref
  const rest = ref.slice(i + ':service/'.length).split('/')
  return rest[rest.length - 1] ?? ref
}

function taskIdOf(ref: string): string {
  if (!ref.startsWith('arn:')) return ref
  const i = ref.indexOf(':task/')
  if (i < 0) return ref
  const rest = ref.slice(i + ':task/'.length).split('/')
  return rest[rest.length - 1] ?? ref
}

function page<T>(
  p: ParamReader,
  op: string,
  items: readonly T[],
  defaultSize: number,
  maxSize: number
): { items: T[]; nextToken?: string } {
  const size = p.int('maxResults', 1, maxSize) ?? defaultSize
  const offset = offsetFromToken(op, p.string('nextToken'), m => p.fail(m))
  const slice = items.slice(offset, offset + size)
  const end = offset + slice.length
  return end < items.length
    ? { items: slice, nextToken: encodeToken(op, { o: end }) }
    : { items: slice }
}

function deploymentJson(world: World, d: NormalizedDeployment, platform: boolean) {
  return {
    id: d.id,
    status: d.status,
    taskDefinition: world.arns.taskDefinition(d.taskDefinition),
    desiredCount: d.desiredCount,
    pendingCount: d.pendingCount,
    runningCount: d.runningCount,
    failedTasks: d.failedTasks,
    createdAt: secs(d.createdAt),
    updatedAt: secs(d.updatedAt),
    launchType: d.launchType,
    ...(platform ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason
  }
}

function serviceJson(world: World, se: ServiceEntry) {
  const s = se.spec
  const fargate = s.launchType === 'FARGATE'
  const acct = world.scenario.accountId
  return {
    serviceArn: se.arn,
    serviceName: s.name,
    clusterArn: se.cluster.arn,
    loadBalancers: s.loadBalancers.map(lb => ({
      targetGroupArn: lb.targetGroupArn ?? world.arns.targetGroup(lb.targetGroup ?? ''),
      containerName: lb.containerName,
      containerPort: lb.containerPort
    })),
    serviceRegistries: [],
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: s.runningCount,
    pendingCount: s.pendingCount,
    launchType: s.launchType,
    ...(fargate ? { platformVersion: 'LATEST', platformFamily: 'Linux' } : {}),
    taskDefinition: world.arns.taskDefinition(s.taskDefinition),
    deploymentConfiguration: {
      deploymentCircuitBreaker: {
        enable: s.circuitBreaker.enable,
        rollback: s.circuitBreaker.rollback
      },
      maximumPercent: 200,
      minimumHealthyPercent: 100
    },
    deployments: s.deployments.map(d => deploymentJson(world, d, fargate)),
    roleArn: `arn:aws:iam::${acct}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    // Like ECS: the most recent 100 events, newest first.
    events: s.events.slice(0, 100).map(e => ({
      id: e.id,
      createdAt: secs(e.createdAt),
      message: e.message
    })),
    createdAt: secs(s.createdAt),
    placementConstraints: [],
    placementStrategy: [],
    ...(s.loadBalancers.length > 0 ? { healthCheckGracePeriodSeconds: 60 } : {}),
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: `arn:aws:iam::${acct}:role/deployer`,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false
  }
}

function visible(world: World, t: TaskEntry): boolean {
  const stoppedAt = t.spec.stoppedAt
  return !(
    t.spec.lastStatus === 'STOPPED' &&
    stoppedAt !== undefined &&
    stoppedAt < world.now - STOPPED_TASK_RETENTION_MS
  )
}

function taskJson(world: World, te: TaskEntry) {
  const t = te.spec
  const cluster = te.service.cluster
  const fargate = te.service.spec.launchType === 'FARGATE'
  return {
    attachments: [],
    attributes: [],
    availabilityZone: `${world.scenario.region}${'abc'[parseInt(t.id.slice(0, 2), 16) % 3]}`,
    clusterArn: cluster.arn,
    connectivity: 'CONNECTED',
    connectivityAt: secs(t.createdAt + 5_000),
    containers: t.containers.map(c => ({
      containerArn: world.arns.container(cluster.spec.name, t.id, c.name),
      taskArn: te.arn,
      name: c.name,
      image: c.image,
      lastStatus: c.lastStatus,
      ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      networkInterfaces: [],
      healthStatus: c.healthStatus,
      cpu: '0'
    })),
    cpu: '256',
    memory: '512',
    createdAt: secs(t.createdAt),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: false,
    group: `service:${te.service.spec.name}`,
    healthStatus: t.healthStatus,
    lastStatus: t.lastStatus,
    launchType: te.service.spec.launchType,
    ...(fargate ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
    ...(t.startedAt !== undefined
      ? {
          pullStartedAt: secs(t.startedAt - 20_000),
          pullStoppedAt: secs(t.startedAt - 5_000),
          startedAt: secs(t.startedAt)
        }
      : {}),
    startedBy: t.startedBy,
    ...(t.stopCode !== undefined ? { stopCode: t.stopCode } : {}),
    ...(t.stoppedReason !== undefined ? { stoppedReason: t.stoppedReason } : {}),
    ...(t.stoppedAt !== undefined
      ? {
          stoppingAt: secs(t.stoppedAt - 2_000),
          executionStoppedAt: secs(t.stoppedAt - 1_000),
          stoppedAt: secs(t.stoppedAt)
        }
      : {}),
    tags: [],
    taskArn: te.arn,
    taskDefinitionArn: world.arns.taskDefinition(t.taskDefinition),
    version: t.lastStatus === 'STOPPED' ? 5 : 3
  }
}

const handlers: Record<string, Handler> = {
  ListClusters(p, world) {
    const { items, nextToken } = page(p, 'ListClusters', world.clusters, 100, 100)
    return { clusterArns: items.map(c => c.arn), ...(nextToken ? { nextToken } : {}) }
  },

  DescribeClusters(p, world) {
    const refs = p.stringList('clusters') ?? ['default']
    if (refs.length > 100) p.fail('clusters can have at most 100 items.')
    const clusters: unknown[] = []
    const failures: unknown[] = []
    for (const ref of refs) {
      const name = ref.startsWith('arn:') ? ref.slice(ref.indexOf(':cluster/') + 9) : ref
      const c = world.clusterByName.get(name)
      if (!c || (ref.startsWith('arn:') && ref !== c.arn)) {
        failures.push({
          arn: ref.startsWith('arn:') ? ref : world.arns.cluster(ref),
          reason: 'MISSING'
        })
        continue
      }
      const active = c.services.filter(s => s.spec.status === 'ACTIVE')
      clusters.push({
        clusterArn: c.arn,
        clusterName: c.spec.name,
        status: c.spec.status,
        registeredContainerInstancesCount: 0,
        runningTasksCount: c.tasks.filter(t => t.spec.lastStatus === 'RUNNING').length,
        pendingTasksCount: c.tasks.filter(
          t => t.spec.lastStatus === 'PENDING' || t.spec.lastStatus === 'PROVISIONING'
        ).length,
        activeServicesCount: active.length,
        statistics: [],
        tags: [],
        settings: [{ name: 'containerInsights', value: 'disabled' }],
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: []
      })
    }
    return { clusters, failures }
  },

  ListServices(p, world) {
    const c = resolveCluster(world, p.string('cluster'))
    const launchType = p.string('launchType')
    const services = c.services.filter(
      s => s.spec.status !== 'INACTIVE' && (!launchType || s.spec.launchType === launchType)
    )
    const { items, nextToken } = page(p, 'ListServices', services, 10, 100)
    return { serviceArns: items.map(s => s.arn), ...(nextToken ? { nextToken } : {}) }
  },

  DescribeServices(p, world) {
    const c = resolveCluster(world, p.string('cluster'))
    const refs = p.stringList('services')
    if (!refs || refs.length === 0) return p.fail('Services cannot be empty.')
    // The API limit the seed script ignored: at most 10 services per call.
    if (refs.length > 10) p.fail('service names can have at most 10 items.')
    const services: unknown[] = []
    const failures: unknown[] = []
    const returned = new Set<ServiceEntry>()
    for (const ref of refs) {
      const name = serviceNameOf(ref)
      const se = c.serviceByName.get(name)
      // ARNs in the current (service/<cluster>/<name>) or the old (service/<name>) format.
      const oldArn = `arn:aws:ecs:${world.scenario.region}:${world.scenario.accountId}:service/${name}`
      const clusterOk = !ref.startsWith('arn:') || ref === se?.arn || ref === oldArn
      if (!se || !clusterOk) {
        failures.push({
          arn: ref.startsWith('arn:') ? ref : world.arns.service(c.spec.name, name),
          reason: 'MISSING'
        })
        continue
      }
      services.push(serviceJson(world, se))
      returned.add(se)
    }
    // Timelines advance after the reply is built: once per call for each service in it.
    for (const se of returned) world.described(se)
    return { services, failures }
  },

  ListTasks(p, world) {
    const c = resolveCluster(world, p.string('cluster'))
    const serviceName = p.string('serviceName')
    const desired = p.string('desiredStatus') ?? 'RUNNING'
    if (!['RUNNING', 'PENDING', 'STOPPED'].includes(desired))
      p.fail('desiredStatus must be one of RUNNING, PENDING, STOPPED.')
    let tasks = c.tasks
    if (serviceName !== undefined) {
      const se = c.serviceByName.get(serviceNameOf(serviceName))
      if (!se) throw new SimError('ServiceNotFoundException', 'Service not found.')
      tasks = tasks.filter(t => t.service === se)
    }
    const family = p.string('family')
    const launchType = p.string('launchType')
    const startedBy = p.string('startedBy')
    tasks = tasks.filter(
      t =>
        t.spec.desiredStatus === desired &&
        visible(world, t) &&
        (!family ||
          t.spec.taskDefinition.replace(/^.*task-definition\//, '').split(':')[0] === family) &&
        (!launchType || t.service.spec.launchType === launchType) &&
        (!startedBy || t.spec.startedBy === startedBy)
    )
    const { items, nextToken } = page(p, 'ListTasks', tasks, 100, 100)
    return { taskArns: items.map(t => t.arn), ...(nextToken ? { nextToken } : {}) }
  },

  DescribeTaskDefinition(p, world) {
    const ref = p.string('taskDefinition', true) as string
    const key = ref.replace(/^arn:[^/]*task-definition\//, '')
    const [family = '', rev] = key.split(':')
    // Every revision a service or one of its deployments names; the newest when none is given.
    const found: { se: ServiceEntry; td: string }[] = []
    for (const c of world.clusters)
      for (const se of c.services)
        for (const td of [
          se.spec.taskDefinition,
          ...se.spec.deployments.map(d => d.taskDefinition)
        ]) {
          const k = td.replace(/^arn:[^/]*task-definition\//, '')
          if (k.split(':')[0] === family && (rev === undefined || k === key))
            found.push({ se, td: k })
        }
    const hit = found.sort((a, b) => Number(b.td.split(':')[1]) - Number(a.td.split(':')[1]))[0]
    if (!hit) throw new SimError('ClientException', 'Unable to describe task definition.')
    const spec = hit.se.spec
    const revision = Number(hit.td.split(':')[1] ?? 1)
    return {
      taskDefinition: {
        taskDefinitionArn: world.arns.taskDefinition(hit.td),
        family,
        revision,
        status: 'ACTIVE',
        networkMode: 'awsvpc',
        containerDefinitions: [
          {
            name: spec.name,
            image: `${world.scenario.accountId}.dkr.ecr.${world.scenario.region}.amazonaws.com/${spec.name}:${revision}`,
            essential: true,
            ...(spec.logGroup === null
              ? {}
              : {
                  logConfiguration: {
                    logDriver: 'awslogs',
                    options: {
                      'awslogs-group': spec.logGroup ?? `/ecs/${spec.name}`,
                      'awslogs-region': world.scenario.region,
                      'awslogs-stream-prefix': 'ecs'
                    }
                  }
                })
          }
        ]
      },
      tags: []
    }
  },

  DescribeTasks(p, world) {
    const c = resolveCluster(world, p.string('cluster'))
    const refs = p.stringList('tasks')
    if (!refs || refs.length === 0) return p.fail('Tasks cannot be empty.')
    if (refs.length > 100) p.fail('tasks can have at most 100 items.')
    const tasks: unknown[] = []
    const failures: unknown[] = []
    for (const ref of refs) {
      const id = taskIdOf(ref)
      const te = c.taskById.get(id)
      if (!te || !visible(world, te) || (ref.startsWith('arn:') && ref !== te.arn)) {
        failures.push({
          arn: ref.startsWith('arn:') ? ref : world.arns.task(c.spec.name, id),
          reason: 'MISSING'
        })
        continue
      }
      tasks.push(taskJson(world, te))
    }
    return { tasks, failures }
  }
}

/** ECS operation names the simulator implements. */
export const ECS_OPERATIONS = Object.keys(handlers)

/** Runs an ECS operation; throws SimError for API errors. */
export function handleEcs(op: string, params: Params, world: World): unknown {
  const h = handlers[op]
  if (!h) throw new SimError('UnknownOperationException', `Unknown operation ${op}`)
  return h(reader(params), world)
}

/** The resource named in an AccessDenied message for an ECS request. */
export function ecsResource(op: string, params: Params, world: World): string {
  const cluster = typeof params.cluster === 'string' && params.cluster ? params.cluster : 'default'
  const clusterArn = cluster.startsWith('arn:') ? cluster : world.arns.cluster(cluster)
  const name = cluster.startsWith('arn:')
    ? cluster.slice(cluster.indexOf(':cluster/') + 9)
    : cluster
  const first = (k: string) => {
    const v = params[k]
    return Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined
  }
  switch (op) {
    case 'DescribeServices': {
      const s = first('services')
      return s ? (s.startsWith('arn:') ? s : world.arns.service(name, s)) : clusterArn
    }
    case 'DescribeTasks': {
      const t = first('tasks')
      return t ? (t.startsWith('arn:') ? t : world.arns.task(name, t)) : clusterArn
    }
    case 'ListClusters':
    case 'DescribeTaskDefinition':
      return '*'
    case 'DescribeClusters': {
      const c = first('clusters')
      return c ? (c.startsWith('arn:') ? c : world.arns.cluster(c)) : world.arns.cluster('default')
    }
    case 'ListTasks':
      return `arn:aws:ecs:${world.scenario.region}:${world.scenario.accountId}:container-instance/${name}/*`
    default:
      return clusterArn
  }
}
