/**
 * Reads what the log commands need: each service's log group through FilterLogEvents (streamed
 * into the analyzer) or, for large reads, Logs Insights (see insights.ts, `ECS_LOG_ENGINE`), and
 * its stopped tasks through ListTasks + DescribeTasks. A missing log group is `no_logs`; a denied
 * or failing call is reported in that service's analysis, never thrown.
 */
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs'
import type { Task } from '@aws-sdk/client-ecs'
import type { AwsClients } from '../../aws/clients.js'
import type { CheckError } from '../../checks/types.js'
import {
  containerLogConfig,
  describeClusterTasks,
  describeServices,
  describeTasks,
  type ContainerLogConfig,
  EcsCallError,
  listServiceNames,
  listTaskArns,
  nameFromArn
} from '../../aws/ecs.js'
import { filterLogEvents } from '../../aws/logs.js'
import type { Settings } from '../../config.js'
import {
  awsCheckError,
  ConfigError,
  errorCode,
  FatalError,
  isMissingCredentials
} from '../../errors.js'
import { createLimiter, mapLimit } from '../../util/concurrency.js'
import { LogAnalyzer, type LogGroupCheck, type ServiceLogAnalysis } from '../analyze.js'
import { chooseEngine, readWithInsights } from './insights.js'
import { stoppedTaskInfo, type StoppedTaskInfo } from '../restarts.js'

export type LogsSettings = Pick<
  Settings,
  'cluster' | 'logPattern' | 'minutes' | 'limit' | 'concurrency' | 'services'
> &
  /** Absent: FilterLogEvents, as before the setting existed. */
  Partial<Pick<Settings, 'logEngine'>>

export interface LogsDeps {
  clients: Pick<AwsClients, 'ecs' | 'logs'>
  now?: () => Date
  /** Sleep between Logs Insights polls (tests inject a short one). */
  sleep?: (ms: number) => Promise<void>
}

/** CloudWatch Logs requests in flight at most: the account's quota is low and shared. */
export const LOGS_CONCURRENCY = 4

/** Log group of a service from the pattern (`/ecs/{service}`). */
export function logGroupFor(pattern: string, service: string): string {
  return pattern.split('{service}').join(service)
}

/** The time window ending now. */
export function windowOf(minutes: number, now: Date): { start: number; end: number } {
  const end = now.getTime()
  return { start: end - minutes * 60_000, end }
}

function rethrowFatal(err: unknown, cluster: string): void {
  if (errorCode(err) === 'ClusterNotFoundException') {
    throw new FatalError(
      `ECS cluster '${cluster}' was not found in this region (ECS_CLUSTER / ECS_REGION)`
    )
  }
  if (isMissingCredentials(err)) {
    throw new FatalError(
      'No AWS credentials found: configure them (e.g. aws-actions/configure-aws-credentials) before this step'
    )
  }
}

/**
 * The services a log command works on: `all` (or nothing) means ECS_SERVICES or every service
 * of the cluster; a name must be one of those, else exit 2 listing the known ones.
 */
export async function resolveServices(
  deps: LogsDeps,
  s: LogsSettings,
  which: string | undefined
): Promise<string[]> {
  let known: string[]
  try {
    known = s.services ?? (await listServiceNames(deps.clients.ecs, s.cluster))
  } catch (err) {
    rethrowFatal(err, s.cluster)
    throw new FatalError(
      `Could not list the services of cluster ${s.cluster}: ${awsCheckError(err, 'ecs', 'ListServices').message}`
    )
  }
  if (which === undefined || which === 'all') return known
  if (known.includes(which)) return [which]
  throw new ConfigError(
    `unknown service '${which}'; the known services are: ${known.length ? known.join(', ') : '(none)'}`,
    'service'
  )
}

/**
 * Stopped tasks of a service that stopped inside the window (ECS keeps them about an hour).
 * A denied or failing call comes back as `error`, naming the operation.
 */
export async function stoppedTasks(
  deps: LogsDeps,
  s: LogsSettings,
  service: string,
  since: number
): Promise<{ tasks: StoppedTaskInfo[]; error?: CheckError }> {
  let operation = 'ListTasks'
  try {
    const arns = await listTaskArns(deps.clients.ecs, s.cluster, service, 'STOPPED')
    if (arns.length === 0) return { tasks: [] }
    operation = 'DescribeTasks'
    const tasks = await describeTasks(deps.clients.ecs, s.cluster, arns, 2)
    return { tasks: tasksSince(tasks, since) }
  } catch (err) {
    rethrowFatal(err, s.cluster)
    return { tasks: [], error: awsCheckError(err, 'ecs', operation, `service ${service}`) }
  }
}

/** Stopped tasks of one service, or the error that kept them from being read. */
export type StoppedTasksResult = { tasks: StoppedTaskInfo[]; error?: CheckError }

/**
 * Up to this many services, stopped tasks are read per service (ListTasks + DescribeTasks each,
 * all in parallel); beyond it, once for the whole cluster (ListTasks pages of 100, each page one
 * DescribeTasks) and matched to services by the task's `group` (`service:<name>`).
 */
export const PER_SERVICE_TASK_READS = 4

function tasksSince(tasks: readonly Task[], since: number): StoppedTaskInfo[] {
  return tasks
    .filter(t => !t.stoppedAt || t.stoppedAt.getTime() >= since)
    .map(stoppedTaskInfo)
    .sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''))
}

/**
 * Stopped tasks of several services with as few calls as the API allows. Reading the cluster's
 * stopped tasks once costs 2 calls per 100 stopped tasks, against up to 2 per service: it is
 * used for more than {@link PER_SERVICE_TASK_READS} services, and given up (for per-service
 * reads) when the cluster holds more stopped-task pages than there are services. A failing
 * cluster read is reported in every service, naming the operation.
 */
export async function stoppedTasksOf(
  deps: LogsDeps,
  s: LogsSettings,
  services: readonly string[],
  since: number
): Promise<Map<string, StoppedTasksResult>> {
  const out = new Map<string, StoppedTasksResult>()
  const perService = async (names: readonly string[]): Promise<void> => {
    const results = await mapLimit(names, s.concurrency, svc => stoppedTasks(deps, s, svc, since))
    names.forEach((svc, i) => out.set(svc, results[i] ?? { tasks: [] }))
  }
  if (services.length <= PER_SERVICE_TASK_READS) {
    await perService(services)
    return out
  }
  let read: { tasks: Task[]; complete: boolean }
  try {
    read = await describeClusterTasks(deps.clients.ecs, s.cluster, 'STOPPED', services.length)
  } catch (err) {
    const operation = err instanceof EcsCallError ? err.operation : 'ListTasks'
    const cause = err instanceof EcsCallError ? err.error : err
    rethrowFatal(cause, s.cluster)
    // Denied or failing for the cluster means denied or failing for each service too (ListTasks
    // and DescribeTasks permissions are scoped by cluster, not service): report it in every
    // service rather than repeat the failing call once per service.
    const error = awsCheckError(cause, 'ecs', operation, `cluster ${s.cluster}`)
    for (const svc of services) out.set(svc, { tasks: [], error })
    return out
  }
  if (!read.complete) {
    await perService(services)
    return out
  }
  const wanted = new Set(services)
  const byService = new Map<string, Task[]>()
  for (const t of read.tasks) {
    const group = t.group ?? ''
    if (!group.startsWith('service:')) continue
    const svc = nameFromArn(group.slice('service:'.length))
    if (!wanted.has(svc)) continue
    const list = byService.get(svc)
    if (list) list.push(t)
    else byService.set(svc, [t])
  }
  for (const svc of services) out.set(svc, { tasks: tasksSince(byService.get(svc) ?? [], since) })
  return out
}

/** Streams a service's events in the window to `onEvent`; returns how the read ended. */
export async function readServiceLogs(
  deps: LogsDeps,
  s: LogsSettings,
  service: string,
  window: { start: number; end: number },
  onEvent: (e: FilteredLogEvent) => void,
  filterPattern?: string
): Promise<{ truncated: boolean; missing: boolean; error?: CheckError }> {
  const logGroupName = logGroupFor(s.logPattern, service)
  try {
    const r = await filterLogEvents(
      deps.clients.logs,
      {
        logGroupName,
        startTime: window.start,
        endTime: window.end,
        limit: s.limit,
        ...(filterPattern ? { filterPattern } : {})
      },
      onEvent
    )
    return { truncated: r.truncated, missing: false }
  } catch (err) {
    if (errorCode(err) === 'ResourceNotFoundException') return { truncated: false, missing: true }
    rethrowFatal(err, s.cluster)
    return {
      truncated: false,
      missing: false,
      error: awsCheckError(err, 'logs', 'FilterLogEvents', `log group ${logGroupName}`)
    }
  }
}

/** Analyzes one service: its logs in the window and, with `withTasks`, its stopped tasks. */
export async function analyzeService(
  deps: LogsDeps,
  s: LogsSettings,
  service: string,
  opts: {
    withTasks: boolean
    window?: { start: number; end: number }
    tasks?: Promise<StoppedTasksResult>
  }
): Promise<ServiceLogAnalysis> {
  const window = opts.window ?? windowOf(s.minutes, (deps.now ?? (() => new Date()))())
  const [a] = await lookForMissingGroups(deps, s, [service], window, [
    await readOne(deps, s, service, { ...opts, window })
  ])
  return a as ServiceLogAnalysis
}

async function readOne(
  deps: LogsDeps,
  s: LogsSettings,
  service: string,
  opts: {
    withTasks: boolean
    window?: { start: number; end: number }
    /** Stopped tasks read elsewhere (by {@link stoppedTasksOf}); `withTasks` then reads none. */
    tasks?: Promise<StoppedTasksResult>
  }
): Promise<ServiceLogAnalysis> {
  const window = opts.window ?? windowOf(s.minutes, (deps.now ?? (() => new Date()))())
  if (chooseEngine(s.logEngine, 1) === 'insights') {
    const tasksP =
      opts.tasks ?? (opts.withTasks ? stoppedTasks(deps, s, service, window.start) : NO_TASKS)
    tasksP.catch(() => undefined) // awaited after the read; never left unhandled
    const [a] = await analyzeWithInsights(deps, s, [service], window, () => tasksP)
    return a as ServiceLogAnalysis
  }
  const analyzer = new LogAnalyzer({
    service,
    logGroup: logGroupFor(s.logPattern, service),
    windowStart: window.start,
    windowEnd: window.end
  })
  const tasksP: Promise<StoppedTasksResult> = opts.tasks
    ? opts.tasks
    : opts.withTasks
      ? stoppedTasks(deps, s, service, window.start)
      : Promise.resolve({ tasks: [] })
  const read = await readServiceLogs(deps, s, service, window, e =>
    analyzer.push({
      timestamp: e.timestamp ?? 0,
      message: e.message ?? '',
      ...(e.logStreamName ? { logStream: e.logStreamName } : {})
    })
  )
  const t = await tasksP
  return analyzer.finish({
    truncated: read.truncated,
    stoppedTasks: t.tasks,
    ...(read.error ? { error: read.error } : {}),
    ...(t.error ? { tasksError: t.error } : {}),
    engine: 'filter',
    ...(read.missing ? { logGroupCheck: missingCheck(s, service) } : {})
  })
}

function missingCheck(s: LogsSettings, service: string): LogGroupCheck {
  return {
    pattern: s.logPattern,
    patternGroup: logGroupFor(s.logPattern, service),
    usedTaskDefinitionGroup: false
  }
}

/**
 * For the services whose log group (from the pattern) does not exist: what they run
 * (DescribeServices) and where their task definition sends the logs (DescribeTaskDefinition,
 * the container's `awslogs-group`); when that group is another one, the service is read from
 * it, so layouts other than `/ecs/{service}` work without configuration. Costs nothing when
 * every group exists; a denied call only leaves the service `no_logs`, saying why.
 */
async function lookForMissingGroups(
  deps: LogsDeps,
  s: LogsSettings,
  services: readonly string[],
  window: { start: number; end: number },
  analyses: ServiceLogAnalysis[]
): Promise<ServiceLogAnalysis[]> {
  const missing = analyses.flatMap((a, i) =>
    a.logGroupCheck && !a.logGroupCheck.usedTaskDefinitionGroup ? [i] : []
  )
  if (missing.length === 0) return analyses
  const out = [...analyses]
  const names = missing.map(i => services[i] as string)
  let described: Map<string, { taskDefinition?: string; running?: number }>
  try {
    const r = await describeServices(deps.clients.ecs, s.cluster, names, s.concurrency)
    described = new Map(
      r.services.map(x => [
        x.serviceName ?? '',
        {
          ...(x.taskDefinition ? { taskDefinition: x.taskDefinition } : {}),
          ...(x.runningCount !== undefined ? { running: x.runningCount } : {})
        }
      ])
    )
  } catch (err) {
    rethrowFatal(err, s.cluster)
    const error = awsCheckError(err, 'ecs', 'DescribeServices', `cluster ${s.cluster}`).message
    for (const i of missing) {
      const a = out[i] as ServiceLogAnalysis
      out[i] = { ...a, logGroupCheck: { ...(a.logGroupCheck as LogGroupCheck), error } }
    }
    return out
  }
  const configs = new Map<string, Promise<ContainerLogConfig | undefined>>()
  await mapLimit(missing, Math.min(LOGS_CONCURRENCY, s.concurrency), async i => {
    const a = out[i] as ServiceLogAnalysis
    const service = services[i] as string
    const info = described.get(service) ?? {}
    const check: LogGroupCheck = {
      ...(a.logGroupCheck as LogGroupCheck),
      ...(info.running !== undefined ? { running: info.running } : {}),
      ...(info.taskDefinition ? { taskDefinition: nameFromArn(info.taskDefinition) } : {})
    }
    let cfg: ContainerLogConfig | undefined
    if (info.taskDefinition) {
      let p = configs.get(info.taskDefinition)
      if (!p) {
        p = containerLogConfig(deps.clients.ecs, info.taskDefinition, service)
        configs.set(info.taskDefinition, p)
      }
      try {
        cfg = await p
      } catch (err) {
        check.error = awsCheckError(
          err,
          'ecs',
          'DescribeTaskDefinition',
          `task definition ${check.taskDefinition}`
        ).message
      }
    }
    if (cfg?.driver) check.driver = cfg.driver
    if (cfg?.group) check.taskDefinitionGroup = cfg.group
    if (cfg?.driver === 'awslogs' && cfg.group && cfg.group !== check.patternGroup) {
      const again = await readOne(
        deps,
        { ...s, logPattern: cfg.group, logEngine: 'filter' },
        service,
        {
          withTasks: false,
          window,
          tasks: Promise.resolve({
            tasks: a.stoppedTasks,
            ...(a.tasksError ? { error: a.tasksError } : {})
          })
        }
      )
      if (!again.logGroupCheck) {
        out[i] = { ...again, logGroupCheck: { ...check, usedTaskDefinitionGroup: true } }
        return
      }
    }
    out[i] = { ...a, logGroupCheck: check }
  })
  return out
}

/** Analyzes several services with bounded concurrency, in the order given. */
export async function analyzeServices(
  deps: LogsDeps,
  s: LogsSettings,
  services: readonly string[],
  opts: { withTasks: boolean; window?: { start: number; end: number } }
): Promise<ServiceLogAnalysis[]> {
  const window = opts.window ?? windowOf(s.minutes, (deps.now ?? (() => new Date()))())
  return lookForMissingGroups(
    deps,
    s,
    services,
    window,
    await readAll(deps, s, services, window, opts)
  )
}

async function readAll(
  deps: LogsDeps,
  s: LogsSettings,
  services: readonly string[],
  window: { start: number; end: number },
  opts: { withTasks: boolean }
): Promise<ServiceLogAnalysis[]> {
  // Stopped tasks of every service at once (ECS quota), while the logs are read (Logs quota).
  const tasksP = opts.withTasks
    ? stoppedTasksOf(deps, s, services, window.start)
    : Promise.resolve(new Map<string, StoppedTasksResult>())
  tasksP.catch(() => undefined) // awaited through each service; never left unhandled
  if (chooseEngine(s.logEngine, services.length) === 'insights') {
    return analyzeWithInsights(deps, s, services, window, svc =>
      tasksP.then(m => m.get(svc) ?? { tasks: [] })
    )
  }
  return mapLimit(services, Math.min(LOGS_CONCURRENCY, s.concurrency), svc =>
    readOne(deps, s, svc, {
      withTasks: false,
      window,
      tasks: tasksP.then(m => m.get(svc) ?? { tasks: [] })
    })
  )
}

const NO_TASKS: Promise<StoppedTasksResult> = Promise.resolve({ tasks: [] })

/** The Insights engine over several services: one analyzer each, their stopped tasks beside. */
async function analyzeWithInsights(
  deps: LogsDeps,
  s: LogsSettings,
  services: readonly string[],
  window: { start: number; end: number },
  tasksOf: (service: string) => Promise<StoppedTasksResult>
): Promise<ServiceLogAnalysis[]> {
  const targets = services.map(service => {
    const logGroup = logGroupFor(s.logPattern, service)
    return {
      logGroup,
      analyzer: new LogAnalyzer({
        service,
        logGroup,
        windowStart: window.start,
        windowEnd: window.end
      })
    }
  })
  const reads = await readWithInsights(deps.clients.logs, targets, window, {
    limit: s.limit,
    ...(deps.sleep ? { clock: { sleep: deps.sleep, now: () => performance.now() } } : {})
  })
  // Groups whose Insights answer was not trusted are read again with FilterLogEvents, at the
  // concurrency FilterLogEvents reads always use.
  const again = new Map<number, Promise<ServiceLogAnalysis>>()
  const reread = createLimiter(Math.min(LOGS_CONCURRENCY, s.concurrency))
  reads.forEach((read, i) => {
    const fallback = read?.fallback
    if (!fallback) return
    const service = services[i] as string
    const p = reread(() =>
      readOne(deps, { ...s, logEngine: 'filter' }, service, {
        withTasks: false,
        window,
        tasks: tasksOf(service)
      })
    ).then(a => ({ ...a, fallback }))
    p.catch(() => undefined) // awaited below; never left unhandled
    again.set(i, p)
  })
  return Promise.all(
    targets.map(async (t, i) => {
      const redone = again.get(i)
      if (redone) return redone
      const read = reads[i]
      let error: CheckError | undefined
      if (read?.failure) {
        rethrowFatal(read.failure.error, s.cluster)
        error = awsCheckError(
          read.failure.error,
          'logs',
          read.failure.operation,
          `log group ${t.logGroup}`
        )
      }
      const tasks = await tasksOf(services[i] as string)
      return t.analyzer.finish({
        truncated: read?.truncated ?? false,
        stoppedTasks: tasks.tasks,
        ...(error ? { error } : {}),
        ...(tasks.error ? { tasksError: tasks.error } : {}),
        engine: 'insights',
        ...(read?.missing ? { logGroupCheck: missingCheck(s, services[i] as string) } : {})
      })
    })
  )
}
