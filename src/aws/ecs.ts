/**
 * ECS reads: every ListServices page, DescribeServices in batches of 10 (the API maximum; the
 * seed sent every name at once and broke past 10), failures as typed results.
 */
import {
  DescribeServicesCommand,
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
