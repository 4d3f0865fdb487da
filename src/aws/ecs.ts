/**
 * ECS reads: every ListServices page, DescribeServices in batches of 10 (the API maximum; the
 * seed sent every name at once and broke past 10), failures as typed results.
 */
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  paginateListServices,
  paginateListTasks,
  type DesiredStatus,
  type ECSClient,
  type Service,
  type Task
} from '@aws-sdk/client-ecs'
import { chunk, mapLimit } from '../util/concurrency.js'

/** DescribeServices accepts at most this many services per call. */
export const DESCRIBE_SERVICES_BATCH = 10
/** ListServices page size; the API returns 10 per page when it is not set. */
export const LIST_SERVICES_PAGE = 100

/** Last path segment of an ARN (`.../service/cluster/name` → `name`), or the value itself. */
export function nameFromArn(arnOrName: string): string {
  const slash = arnOrName.lastIndexOf('/')
  return arnOrName.startsWith('arn:') && slash >= 0 ? arnOrName.slice(slash + 1) : arnOrName
}

/** Names of every service of the cluster, reading every page at the largest page size. */
export async function listServiceNames(client: ECSClient, cluster: string): Promise<string[]> {
  const names: string[] = []
  const pages = paginateListServices(
    { client, pageSize: LIST_SERVICES_PAGE },
    { cluster, maxResults: LIST_SERVICES_PAGE }
  )
  for await (const page of pages) {
    for (const arn of page.serviceArns ?? []) names.push(nameFromArn(arn))
  }
  return names
}

export interface DescribedServices {
  services: Service[]
  /** Services ECS could not describe, by the name asked for (reason e.g. MISSING). */
  failures: { name: string; reason: string; detail?: string }[]
}

/** Describes services in batches of 10, with at most `concurrency` calls in flight. */
export async function describeServices(
  client: ECSClient,
  cluster: string,
  names: readonly string[],
  concurrency: number
): Promise<DescribedServices> {
  const batches = chunk(names, DESCRIBE_SERVICES_BATCH)
  const results = await mapLimit(batches, concurrency, batch =>
    client.send(new DescribeServicesCommand({ cluster, services: batch }))
  )
  const out: DescribedServices = { services: [], failures: [] }
  for (const r of results) {
    out.services.push(...(r.services ?? []))
    for (const f of r.failures ?? []) {
      out.failures.push({
        name: nameFromArn(f.arn ?? ''),
        reason: f.reason ?? 'UNKNOWN',
        ...(f.detail ? { detail: f.detail } : {})
      })
    }
  }
  return out
}

/** ListTasks page size and DescribeTasks batch, both the API maximum. */
export const TASKS_BATCH = 100

/** ARNs of the service's tasks with the given desired status, every page. */
export async function listTaskArns(
  client: ECSClient,
  cluster: string,
  serviceName: string,
  desiredStatus: DesiredStatus
): Promise<string[]> {
  const arns: string[] = []
  const pages = paginateListTasks(
    { client, pageSize: TASKS_BATCH },
    { cluster, serviceName, desiredStatus, maxResults: TASKS_BATCH }
  )
  for await (const page of pages) arns.push(...(page.taskArns ?? []))
  return arns
}

/** A failed ECS call of a multi-call read, naming the operation (for the IAM permission). */
export class EcsCallError extends Error {
  constructor(
    readonly operation: string,
    readonly error: unknown
  ) {
    super(`${operation} failed`)
  }
}

/**
 * The cluster's tasks with the given desired status, whatever started them, described as their
 * ARNs arrive: each ListTasks page (100 ARNs) goes to one DescribeTasks while the next page is
 * read. Stops after `maxPages` pages with `complete: false`, so a caller can fall back to
 * per-service reads when the cluster holds more tasks than that would be worth.
 */
export async function describeClusterTasks(
  client: ECSClient,
  cluster: string,
  desiredStatus: DesiredStatus,
  maxPages: number
): Promise<{ tasks: Task[]; complete: boolean }> {
  const described: Promise<Task[]>[] = []
  let pages = 0
  let complete = true
  const list = paginateListTasks(
    { client, pageSize: TASKS_BATCH },
    { cluster, desiredStatus, maxResults: TASKS_BATCH }
  )
  try {
    for await (const page of list) {
      const arns = page.taskArns ?? []
      if (arns.length > 0) {
        const p = client.send(new DescribeTasksCommand({ cluster, tasks: arns })).then(
          r => r.tasks ?? [],
          (err: unknown) => {
            throw new EcsCallError('DescribeTasks', err)
          }
        )
        // Observed at once so that a failure while the listing goes on is not "unhandled".
        p.catch(() => undefined)
        described.push(p)
      }
      if (++pages >= maxPages && page.nextToken) {
        complete = false
        break
      }
    }
  } catch (err) {
    throw err instanceof EcsCallError ? err : new EcsCallError('ListTasks', err)
  } finally {
    // Settle what was started before returning or throwing.
    await Promise.allSettled(described)
  }
  return { tasks: (await Promise.all(described)).flat(), complete }
}

/** Describes tasks in batches of 100 (the API maximum). */
export async function describeTasks(
  client: ECSClient,
  cluster: string,
  taskArns: readonly string[],
  concurrency: number
): Promise<Task[]> {
  const results = await mapLimit(chunk(taskArns, TASKS_BATCH), concurrency, batch =>
    client.send(new DescribeTasksCommand({ cluster, tasks: batch }))
  )
  return results.flatMap(r => r.tasks ?? [])
}

/** Where a task definition's container sends its logs (the `awslogs` driver's options). */
export interface ContainerLogConfig {
  container: string
  /** The log driver; `awslogs` writes to CloudWatch Logs. */
  driver?: string | undefined
  group?: string | undefined
  region?: string | undefined
  streamPrefix?: string | undefined
}

/**
 * The log configuration of a task definition's container: the one named like the service, else
 * the first essential container with `awslogs`, else the first one.
 */
export async function containerLogConfig(
  client: ECSClient,
  taskDefinition: string,
  service: string
): Promise<ContainerLogConfig | undefined> {
  const r = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition }))
  const containers = r.taskDefinition?.containerDefinitions ?? []
  const awslogs = (c: (typeof containers)[number]): boolean =>
    c.logConfiguration?.logDriver === 'awslogs'
  const c =
    containers.find(x => x.name === service) ??
    containers.find(x => x.essential !== false && awslogs(x)) ??
    containers[0]
  if (!c) return undefined
  const o = c.logConfiguration?.options ?? {}
  return {
    container: c.name ?? '',
    driver: c.logConfiguration?.logDriver,
    group: o['awslogs-group'],
    region: o['awslogs-region'],
    streamPrefix: o['awslogs-stream-prefix']
  }
}
