/**
 * The diagnosis of one service: the most likely cause in one sentence, the evidence, and what to
 * look at next — from stopped tasks, log analysis, the service's deployments and its target
 * groups. Pure.
 */
import { describeBadTargets } from '../checks/targets.js'
import type { ServiceResult, TargetGroupResult } from '../checks/types.js'
import type { ErrorGroup, ServiceLogAnalysis } from './analyze.js'
import { dependencyOf } from './dependency.js'
import { BENIGN_CAUSES, PULL_RE, type StopCause, type StoppedTaskInfo } from './restarts.js'
import type { Category } from './types.js'

export type DiagnosisCause =
  | 'oom'
  | 'image_pull'
  | 'task_start'
  | 'deployment_failed'
  | 'health_checks'
  | 'crash'
  | 'regression'
  | 'dependency'
  | 'timeouts'
  | 'http_5xx'
  | 'auth'
  | 'errors'
  | 'restarts'
  | 'capacity'
  | 'logging'
  | 'unknown'
  | 'none'

/** A service's log analysis with its diagnosis. */
export interface ServiceDiagnosis {
  analysis: ServiceLogAnalysis
  diagnosis: Diagnosis
}

export interface Diagnosis {
  service: string
  cause: DiagnosisCause
  /** One sentence a person can act on. */
  verdict: string
  /** Facts behind the verdict, most telling first. */
  evidence: string[]
  /** What to look at next. */
  next: string[]
  /**
   * How the cause led to what is seen, cause first (`redis-cart.internal:6379 unreachable` →
   * `HTTP 5xx` → `ELB health checks fail` → `tasks replaced`); absent when it is one step.
   */
  chain?: string[]
  /** The dependency the cause is about (`host:port`, a host), when the errors name one. */
  dependency?: string
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function topError(
  a: ServiceLogAnalysis | undefined,
  cats: readonly Category[]
): { text: string; count: number } | undefined {
  const g = a?.errors.find(e => cats.includes(e.category))
  return g ? { text: g.text, count: g.count } : undefined
}

function tasksWith(
  tasks: readonly StoppedTaskInfo[],
  causes: readonly StopCause[]
): StoppedTaskInfo[] {
  return tasks.filter(t => causes.includes(t.cause))
}

function exitCodes(tasks: readonly StoppedTaskInfo[]): string {
  const codes = [
    ...new Set(
      tasks.flatMap(t => t.containers.map(c => c.exitCode)).filter(c => c !== undefined && c !== 0)
    )
  ]
  return codes.length ? ` (exit ${codes.join(', ')})` : ''
}

const NEXT: Record<DiagnosisCause, string[]> = {
  oom: [
    'Raise the task or container memory (or the JVM/V8 heap limit inside it), or find what grows: compare memory utilisation in CloudWatch Container Insights with the deploy time.'
  ],
  image_pull: [
    'Check that the image tag exists in the registry and that the task execution role may pull it (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer).'
  ],
  task_start: [
    "Read the stopped tasks' reasons in the ECS console; check secrets, log configuration and the task execution role."
  ],
  deployment_failed: [
    "Look at the failed revision's stopped tasks and logs; the circuit breaker keeps the previous revision running."
  ],
  health_checks: [
    "Check the health-check path and port of the target group against what the container serves, and the app's startup time against the health-check grace period."
  ],
  crash: ['Open the newest crash sample below; it is the stack of the failing code path.'],
  regression: [
    'The errors began with the new revision: roll back to the previous revision of the task definition, then compare the two (image, environment, secrets, command) to find the change that brought them.'
  ],
  dependency: [
    'Check the dependency named in the errors (database, cache, downstream service): security groups, DNS, and whether it is up.'
  ],
  timeouts: [
    'Check the latency of the dependency named in the errors and the timeouts configured for it.'
  ],
  http_5xx: ['Open the most frequent error groups to see which requests fail.'],
  auth: ['Check credentials, tokens or IAM roles the service uses for its dependencies.'],
  errors: ['Open the most frequent error groups below.'],
  restarts: ['Look at the stopped tasks and the last lines before each shutdown.'],
  capacity: [
    'Check the service events for placement failures (CPU, memory, ENIs, capacity provider); with Fargate Spot or Spot instances, give the capacity provider strategy an on-demand base so interruptions cannot take the service down.'
  ],
  logging: [
    "Point log-group-pattern (ECS_LOG_PATTERN) at the log group the tasks write to (the task definition's awslogs-group), or fix the task definition's logConfiguration (awslogs-group, awslogs-stream-prefix) and the task execution role's logs:CreateLogStream and logs:PutLogEvents."
  ],
  unknown: ['Look at the service events and the stopped tasks in the ECS console.'],
  none: []
}

/**
 * What keeps a task from starting, read from its stop reason (the wording of ECS's stopped-task
 * errors: CannotPullContainerError, ResourceInitializationError), and the step for that cause.
 */
export function startFailure(
  reason: string,
  taskDefinition?: string
): { what: string; next: string } | undefined {
  const td = taskDefinition ? `the task definition ${taskDefinition}` : 'the task definition'
  const ecr = /\.dkr\.ecr\./.test(reason)
  const roleDenied =
    /not authorized to perform|AccessDenied|permissions to pull images|\b403\b|forbidden|\bdenied\b/i
  const authNeeded = /\b401\b|unauthorized|failed to authorize|no basic auth credentials/i
  // Docker's "pull access denied … does not exist or may require 'docker login'": either.
  const maybePrivate =
    /pull access denied|may require (?:'docker login'|authorization)|insufficient_scope/i
  const noRoute =
    /i\/o timeout|dial tcp|context deadline exceeded|context canceled|request canceled|Client\.Timeout|no route to host|timed out|connection issue between the task|check your (?:task )?network configuration/i
  const pullDenied = {
    what: 'the task execution role may not pull it',
    next: "Give the task execution role ecr:GetAuthorizationToken, ecr:BatchGetImage and ecr:GetDownloadUrlForLayer (for another account's repository, its repository policy too)."
  }
  const registryRefuses = {
    what: 'the registry refuses the pull',
    next: `Give ${td} repositoryCredentials (a Secrets Manager secret with the registry's username and password or token) and the task execution role secretsmanager:GetSecretValue on that secret.`
  }
  if (PULL_RE.test(reason)) {
    // The agent's own sentence ("Check that the role has the permissions…") comes first and
    // outranks Docker's "repository does not exist" that follows it.
    if (/permissions to pull images|not authorized to perform/i.test(reason))
      return ecr ? pullDenied : registryRefuses
    if (maybePrivate.test(reason))
      return {
        what: 'the image does not exist, or the registry wants credentials',
        next: ecr
          ? `Check that the repository and tag that ${td} names exist in this account and region, and that the task execution role may pull them (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer).`
          : `Check the image name and tag that ${td} names; for a private registry give ${td} repositoryCredentials (a Secrets Manager secret) and the task execution role secretsmanager:GetSecretValue on it.`
      }
    if (/not found|manifest unknown|does not exist|repository .* not exist/i.test(reason))
      return {
        what: 'the image or its tag does not exist',
        next: `Push the image tag that ${td} names, or point ${td} at a tag that exists (the registry answers "not found").`
      }
    if (/toomanyrequests|too many requests|pull rate limit|\b429\b/i.test(reason))
      return {
        what: "the registry's pull rate limit is reached",
        next: `Pull through an ECR pull-through cache rule or a copy of the image in ECR, or give ${td} repositoryCredentials so that pulls are authenticated (Docker Hub limits anonymous pulls per IP).`
      }
    if (roleDenied.test(reason) || authNeeded.test(reason))
      return ecr ? pullDenied : registryRefuses
    if (noRoute.test(reason))
      return {
        what: 'no network route to the registry',
        next: 'Give the tasks a route to the registry: a public IP in a public subnet, a NAT gateway, or VPC endpoints for com.amazonaws.<region>.ecr.api, ecr.dkr and the S3 gateway endpoint (and security groups that allow 443).'
      }
    if (/no space left on device/i.test(reason))
      return {
        what: "the container instance's disk is full",
        next: "Free or grow the container instance's Docker volume (image cleanup: ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION, ECS_IMAGE_CLEANUP_INTERVAL), or use larger root volumes."
      }
    return undefined
  }
  // "unable to pull secrets or registry auth … unable to retrieve ecr registry auth": the ECR
  // token for a private image, not a secret.
  if (/ecr registry auth|api\.ecr\.|GetAuthorizationToken/i.test(reason)) {
    if (/AccessDenied|not authorized/i.test(reason))
      return {
        what: 'the task execution role may not get an ECR token',
        next: 'Give the task execution role ecr:GetAuthorizationToken (it takes "Resource": "*"), and ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository.'
      }
    if (noRoute.test(reason))
      return {
        what: 'no network route to the ECR API',
        next: 'Give the tasks a route to ECR: a NAT gateway or a public IP, or VPC endpoints for com.amazonaws.<region>.ecr.api, ecr.dkr and the S3 gateway endpoint (and security groups that allow 443).'
      }
    return undefined
  }
  if (/secret|\basm\b|\bssm\b|GetParameters|GetSecretValue/i.test(reason)) {
    if (/AccessDenied|not authorized|\bdenied\b|forbidden/i.test(reason))
      return {
        what: 'the secrets cannot be read',
        next: `Give the task execution role secretsmanager:GetSecretValue or ssm:GetParameters on the secrets ${td} names (and kms:Decrypt for a customer-managed key).`
      }
    if (noRoute.test(reason))
      return {
        what: 'no network route to Secrets Manager or SSM',
        next: 'Give the tasks a route to Secrets Manager / SSM: a NAT gateway, or VPC endpoints for com.amazonaws.<region>.secretsmanager and ssm.'
      }
    return {
      what: 'the secrets cannot be fetched',
      next: `Check that every secret ${td} names exists in this region and account (ARN, name, JSON key).`
    }
  }
  if (/log group|log stream|logger|logging driver|awslogs|CreateLogStream/i.test(reason)) {
    if (/awslogs-[\w-]+ is required|driver arguments/i.test(reason))
      return {
        what: 'the log configuration is incomplete',
        next: `Complete the logConfiguration of ${td}: the awslogs driver needs awslogs-group and awslogs-region (and awslogs-stream-prefix on Fargate).`
      }
    if (/AccessDenied|not authorized/i.test(reason))
      return {
        what: 'the task execution role may not write logs',
        next: 'Give the task execution role logs:CreateLogStream and logs:PutLogEvents on the log group (and logs:CreateLogGroup with awslogs-create-group).'
      }
    const missing = /log group does not exist|cannot find the Amazon CloudWatch log group/i.test(
      reason
    )
    if (noRoute.test(reason) || /signal: killed/i.test(reason))
      return {
        what: missing
          ? 'the log group is missing, or there is no route to CloudWatch Logs'
          : 'no network route to CloudWatch Logs',
        next: `Check that the log group ${td} names in awslogs-group exists in this region, and give the tasks a route to CloudWatch Logs: a NAT gateway, or a VPC endpoint for com.amazonaws.<region>.logs.`
      }
    return {
      what: 'the log group is missing',
      next: `Create the log group ${td} names in awslogs-group, or set awslogs-create-group to true and give the task execution role logs:CreateLogGroup.`
    }
  }
  return undefined
}

/** How a connection failed, in the words clients use (`connection refused`, `no such host`…). */
function howItFailed(text: string): string | undefined {
  const m =
    /connection refused|connection reset|no such host|name or service not known|network is unreachable|no route to host|i\/o timeout|deadline exceeded|timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH/i.exec(
      text
    )
  return m?.[0]
}

/** Errors counted as new need logs from at least this long before the deploy. */
const BEFORE_DEPLOY_MS = 5 * 60_000

/**
 * The error groups that first appear after the newest deployment started, when the logs reach
 * back before it (so their absence before means something) and they are a third or more of the
 * errors: a regression the deploy brought.
 */
export function newSinceDeploy(
  a: ServiceLogAnalysis | undefined,
  svc: ServiceResult | undefined
):
  | { at: string; taskDefinition?: string; previous?: string; groups: ErrorGroup[]; count: number }
  | undefined {
  const primary = svc?.deployments.find(d => d.status === 'PRIMARY')
  if (!a || !primary?.createdAt || a.errorCount === 0) return undefined
  const at = Date.parse(primary.createdAt)
  const first = a.timeRange.first ? Date.parse(a.timeRange.first) : NaN
  if (!(at < Date.parse(a.window.end)) || !(first <= at - BEFORE_DEPLOY_MS)) return undefined
  const groups = a.errors.filter(g => Date.parse(g.firstSeen) >= at)
  const count = groups.reduce((n, g) => n + g.count, 0)
  if (groups.length === 0 || count < 3 || count < a.errorCount / 3) return undefined
  const previous = svc?.deployments.find(
    d => d.status === 'ACTIVE' && d.taskDefinition !== primary.taskDefinition
  )?.taskDefinition
  return {
    at: primary.createdAt,
    ...(primary.taskDefinition ? { taskDefinition: primary.taskDefinition } : {}),
    ...(previous ? { previous } : {}),
    groups,
    count
  }
}

function exitsOf(tasks: readonly StoppedTaskInfo[]): StoppedTaskInfo[] {
  return tasksWith(tasks, ['exit_code'])
}

/**
 * The connection or timeout errors that make up at least a third of the service's errors, and
 * the dependency they name (read from the group's sample, which keeps hosts and ports).
 */
function dependencyCause(a: ServiceLogAnalysis | undefined):
  | {
      cause: 'dependency' | 'timeouts'
      group: { text: string; count: number }
      dependency: string | undefined
    }
  | undefined {
  if (!a) return undefined
  for (const [category, cause] of [
    ['connection_error', 'dependency'],
    ['timeout', 'timeouts']
  ] as const) {
    const g = a.errors.find(e => e.category === category)
    if (!g || g.count < a.errorCount / 3) continue
    return { cause, group: g, dependency: dependencyOf(g.sample) ?? dependencyOf(g.text) }
  }
  return undefined
}

/** Diagnoses one service from everything known about it. */
export function diagnose(
  service: string,
  a: ServiceLogAnalysis | undefined,
  svc?: ServiceResult,
  groups: readonly TargetGroupResult[] = []
): Diagnosis {
  const tasks = a?.stoppedTasks ?? []
  const minutes = a?.window.minutes ?? 60
  const evidence: string[] = []
  const crashTasks = tasks.filter(t => !BENIGN_CAUSES.has(t.cause))
  if (crashTasks.length) {
    const byCause = new Map<string, number>()
    for (const t of crashTasks) byCause.set(t.summary, (byCause.get(t.summary) ?? 0) + 1)
    for (const [summary, n] of byCause) evidence.push(`${plural(n, 'task')} stopped: ${summary}`)
  }
  for (const g of a?.errors.slice(0, 3) ?? []) evidence.push(`${g.count}× ${g.category}: ${g.text}`)
  if (a && a.http.total > 0 && a.http.errors5xx > 0) {
    evidence.push(
      `HTTP 5xx: ${a.http.errors5xx} of ${a.http.total} requests (${((100 * a.http.errors5xx) / a.http.total).toFixed(1)}%)`
    )
  }
  const badGroups = groups.filter(g => g.status === 'unhealthy' || g.unhealthy > 0)
  for (const g of badGroups)
    evidence.push(
      `target group ${g.name}: ${g.healthy}/${g.total} healthy${describeBadTargets(g) ? ` (${describeBadTargets(g)})` : ''}`
    )
  for (const r of svc?.reasons ?? []) if (!evidence.includes(r)) evidence.push(r)
  const lc = a?.logGroupCheck
  if (lc?.usedTaskDefinitionGroup) {
    evidence.push(
      `log group ${a?.logGroup} from the task definition's awslogs-group (log-group-pattern ${lc.pattern} names ${lc.patternGroup}, which does not exist)`
    )
  }
  if (a?.error) evidence.push(`logs could not be read: ${a.error.message}`)
  if (a?.tasksError) evidence.push(`stopped tasks could not be read: ${a.tasksError.message}`)

  const out = (cause: DiagnosisCause, verdict: string): Diagnosis => ({
    service,
    cause,
    verdict,
    evidence,
    next: NEXT[cause]
  })

  const oomTasks = tasksWith(tasks, ['oom'])
  const oomLog = topError(a, ['oom'])
  if (oomTasks.length || oomLog) {
    const parts: string[] = []
    if (oomTasks.length)
      parts.push(
        `container killed at its memory limit${exitCodes(oomTasks)}, ${plural(oomTasks.length, 'task')} in ${minutes} min`
      )
    if (oomLog) parts.push(`${oomLog.text} in logs (${oomLog.count}×)`)
    return out('oom', `OOM: ${parts.join('; ')}`)
  }
  const pull = tasksWith(tasks, ['image_pull'])
  if (pull.length) {
    const why = startFailure(pull[0]?.summary ?? '', pull[0]?.taskDefinition)
    const d = out(
      'image_pull',
      `Tasks cannot start, the image cannot be pulled${why ? ` (${why.what})` : ''}: ${pull[0]?.summary} (${plural(pull.length, 'task')})`
    )
    return why ? { ...d, next: [why.next] } : d
  }
  const start = tasksWith(tasks, ['init_error', 'failed_to_start'])
  if (start.length) {
    const why = startFailure(start[0]?.summary ?? '', start[0]?.taskDefinition)
    const d = out(
      'task_start',
      `Tasks fail to start${why ? ` (${why.what})` : ''}: ${start[0]?.summary} (${plural(start.length, 'task')})`
    )
    return why ? { ...d, next: [why.next] } : d
  }
  const failed = svc?.deployments.find(d => d.rolloutState === 'FAILED')
  if (failed) {
    const why = failed.rolloutStateReason ? `: ${failed.rolloutStateReason}` : ''
    const back = svc?.rolledBack
      ? `; circuit breaker rolled back${svc.taskDefinition ? ` to ${svc.taskDefinition}` : ''}`
      : ''
    return out(
      'deployment_failed',
      `Deployment ${failed.id}${failed.taskDefinition ? ` (${failed.taskDefinition})` : ''} failed${why}${back}`
    )
  }
  const hc = tasksWith(tasks, ['elb_health_check', 'container_health_check'])
  const failingChecks = hc.length > 0 || badGroups.some(g => g.status === 'unhealthy')
  // A dependency that the errors name and that dominates them is the cause of what follows
  // (5xx, failing health checks, replaced tasks): say so, and advise on the dependency.
  const reach = dependencyCause(a)
  if (reach && (failingChecks || (a?.http.errors5xx ?? 0) > 0 || exitsOf(tasks).length > 0)) {
    const chain = [
      `${reach.dependency ?? 'a dependency'} ${reach.cause === 'timeouts' ? 'times out' : 'unreachable'} (${reach.group.count}× in logs)`
    ]
    if (a && a.http.errors5xx > 0)
      chain.push(
        `HTTP 5xx on ${((100 * a.http.errors5xx) / Math.max(1, a.http.total)).toFixed(0)}% of requests`
      )
    const g = badGroups[0]
    if (hc.some(t => t.cause === 'elb_health_check') || g)
      chain.push(
        `load-balancer health checks fail${g ? ` (${g.name} ${g.healthy}/${g.total} healthy)` : ''}`
      )
    else if (hc.length) chain.push('container health checks fail')
    const replaced = hc.length || exitsOf(tasks).length
    if (replaced) chain.push(`${plural(replaced, 'task')} replaced`)
    const what = reach.dependency ?? 'a dependency'
    const d = out(
      reach.cause,
      // The short form when the error says how it failed (the full text is in the evidence).
      `${reach.cause === 'timeouts' ? `Timeouts to ${what}` : `Cannot reach ${what}`}${
        reach.dependency && howItFailed(reach.group.text)
          ? ` (${howItFailed(reach.group.text)}, ${reach.group.count}×)`
          : `: ${reach.group.text} (${reach.group.count}×)`
      }${chain.length > 1 ? `; ${chain.slice(1).join(', then ')}` : ''}`
    )
    return {
      ...d,
      chain,
      ...(reach.dependency ? { dependency: reach.dependency } : {}),
      next: [
        reach.dependency
          ? `Check ${reach.dependency} first: is it up, does its security group let this service's tasks in${reach.dependency.includes(':') ? ` on port ${reach.dependency.split(':').pop()}` : ''}, and does its name resolve inside the VPC?`
          : (NEXT[reach.cause][0] as string),
        ...(chain.length > 1
          ? [
              'The failing requests and health checks follow from it: the health-check settings are not the problem, and replacing tasks will not help until the dependency answers.'
            ]
          : [])
      ]
    }
  }
  if (failingChecks) {
    const g = badGroups[0]
    const parts: string[] = []
    if (hc.length)
      parts.push(
        `${plural(hc.length, 'task')} stopped by ${hc[0]?.cause === 'elb_health_check' ? 'load-balancer' : 'container'} health checks`
      )
    if (g)
      parts.push(
        `target group ${g.name} ${g.healthy}/${g.total} healthy${describeBadTargets(g) ? ` (${describeBadTargets(g)})` : ''}`
      )
    // The health check usually fails because of what the logs say; name the top error too.
    const top = a?.errors[0]
    if (top) parts.push(`most frequent error in logs: ${top.text} (${top.count}×)`)
    const d = out('health_checks', `Failing health checks: ${parts.join('; ')}`)
    // Only the container's own health check failed: the load balancer's settings are not it.
    return g || hc.some(t => t.cause === 'elb_health_check')
      ? d
      : {
          ...d,
          next: [
            'Check the container healthCheck of the task definition (command, interval, retries, startPeriod) against what the app serves and how long it takes to start; the command runs inside the container, so its tools (curl, wget) must be in the image.'
          ]
        }
  }
  const crash = topError(a, ['panic', 'fatal'])
  const exits = exitsOf(tasks)
  // Errors that began with the newest revision: the deploy is the cause, whatever they are.
  const regression = exits.length ? undefined : newSinceDeploy(a, svc)
  if (regression) {
    const g = regression.groups[0] as ErrorGroup
    const rev = regression.taskDefinition ?? 'the new revision'
    const when = `${regression.at.slice(11, 16)} UTC`
    const more =
      regression.groups.length > 1
        ? `; ${plural(regression.groups.length - 1, 'other new error')} (${regression.count - g.count}×)`
        : ''
    const chain = [`${rev} deployed at ${when}`, `${g.text} (${g.count}×, none before)`]
    if (a && a.http.errors5xx > 0)
      chain.push(
        `HTTP 5xx on ${((100 * a.http.errors5xx) / Math.max(1, a.http.total)).toFixed(0)}% of requests`
      )
    return {
      ...out(
        'regression',
        `New since the deploy of ${rev} at ${when}: ${g.text} (${g.count}×, none in the logs before)${more}`
      ),
      chain,
      next: [
        `The errors began with ${rev}: roll back to ${regression.previous ?? 'the previous revision'} (update-service --task-definition), then compare the two revisions (image, environment, secrets, command) for the change that brought ${g.category === 'exception' || g.category === 'python_traceback' ? 'the exception' : 'them'}.`
      ]
    }
  }
  if (crash) return out('crash', `Crashing: ${crash.text} (${crash.count}×)`)
  if (exits.length) {
    // What the container said before it exited is the cause; the exit code only confirms it.
    const said = a?.errors[0]
    const d = out(
      'crash',
      `Essential container keeps exiting: ${exits[0]?.summary} (${plural(exits.length, 'task')} in ${minutes} min)${said ? `; it logs ${said.text} (${said.count}×)` : ''}`
    )
    return said
      ? {
          ...d,
          chain: [
            said.text,
            `container exits${exitCodes(exits)}`,
            `${plural(exits.length, 'task')} replaced`
          ],
          next: [
            `Read the error the container logs before it exits (${said.category}): a missing environment variable or secret, a bad command-line flag or config file in ${exits[0]?.taskDefinition ?? 'the task definition'} makes it exit at start, every time.`
          ]
        }
      : d
  }
  if (reach) {
    const d = reach.dependency
    return {
      ...out(
        reach.cause,
        reach.cause === 'timeouts'
          ? `Timeouts${d ? ` to ${d}` : ''}: ${reach.group.text} (${reach.group.count}×)`
          : `Cannot reach ${d ?? 'a dependency'}: ${reach.group.text} (${reach.group.count}×)`
      ),
      ...(d ? { dependency: d } : {})
    }
  }
  if (a && a.http.errors5xx > 0 && a.http.errors5xx >= a.errorCount / 3) {
    return out(
      'http_5xx',
      `HTTP 5xx on ${((100 * a.http.errors5xx) / Math.max(1, a.http.total)).toFixed(1)}% of ${a.http.total} requests`
    )
  }
  const auth = a?.errors.find(e => e.category === 'auth_error')
  if (auth && auth.count >= (a?.errorCount ?? 0) / 3) {
    // `… is not authorized to perform: dynamodb:PutItem on resource: arn:…:table/orders`
    const iam = /not authorized to perform:? ([\w-]+:\w+)(?: on resource:? (\S+))?/i.exec(
      auth.sample
    )
    if (iam?.[1]) {
      const on = iam[2] ? ` on ${iam[2].replace(/[.,;]+$/, '')}` : ''
      return {
        ...out('auth', `The task role may not call ${iam[1]}${on}: ${auth.text} (${auth.count}×)`),
        next: [
          `Allow ${iam[1]}${on} in the task role (taskRoleArn of the task definition: the role the application's SDK uses, not the execution role), or remove the call.`
        ]
      }
    }
    return out('auth', `Authentication or permission failures: ${auth.text} (${auth.count}×)`)
  }
  const top = a?.errors[0]
  if (top)
    return out(
      'errors',
      `${plural(a?.errorCount ?? top.count, 'error')} in ${minutes} min; most frequent: ${top.text} (${top.count}×)`
    )
  if (a && a.logRestarts.shutdowns > 0 && a.status === 'degraded') {
    return out(
      'restarts',
      `Restarting: ${plural(a.logRestarts.shutdowns, 'shutdown')} in the logs in ${minutes} min`
    )
  }
  if (svc && (svc.health === 'degraded' || svc.health === 'unhealthy')) {
    const placement = svc.reasons.find(r => /unable to place|insufficient|capacity/i.test(r))
    const spot = tasksWith(tasks, ['spot'])
    const lost = spot.length ? `${plural(spot.length, 'task')} lost to Spot interruptions` : ''
    if (placement)
      return out(
        'capacity',
        `Tasks cannot be placed: ${placement.replace(/^latest event: /, '')}${lost ? `; ${lost}` : ''}`
      )
    if (lost)
      return out(
        'capacity',
        `${lost}, not replaced yet: ${svc.running}/${svc.desired} tasks running`
      )
    return out(
      'unknown',
      `${svc.running}/${svc.desired} tasks running; no cause found in logs or stopped tasks`
    )
  }
  // No log group although tasks run: logging is broken or the pattern points elsewhere.
  if (lc && !lc.usedTaskDefinitionGroup && (lc.running ?? svc?.running ?? 0) > 0) {
    const running = lc.running ?? svc?.running ?? 0
    const td = lc.taskDefinition
      ? `the task definition ${lc.taskDefinition}`
      : 'its task definition'
    const where =
      lc.driver === undefined && lc.error
        ? ` (${lc.error})`
        : lc.driver !== 'awslogs'
          ? `; ${td} has no awslogs log configuration${lc.driver ? ` (log driver ${lc.driver})` : ''}`
          : lc.taskDefinitionGroup === lc.patternGroup
            ? `; ${td} logs to it too: the group was deleted, or the tasks cannot create it (awslogs-create-group, the execution role's logs:CreateLogGroup)`
            : lc.taskDefinitionGroup
              ? `; ${td} logs to ${lc.taskDefinitionGroup}, which does not exist either`
              : ''
    return out(
      'logging',
      `No logs: log group ${lc.patternGroup} (log-group-pattern ${lc.pattern}) does not exist although ${plural(running, 'task')} run${running === 1 ? 's' : ''}${where}`
    )
  }
  return out(
    'none',
    a?.status === 'no_logs'
      ? 'No logs in the window and nothing wrong found'
      : 'Nothing wrong found'
  )
}

/**
 * The dependencies that several services fail on (`redis-cart.internal:6379`: cart,
 * checkout), most services first: a shared cause is reported once, before the services it takes down.
 */
export function sharedDependencies(
  diagnoses: Iterable<ServiceDiagnosis>
): { dependency: string; services: string[] }[] {
  const by = new Map<string, string[]>()
  for (const d of diagnoses) {
    const dep = d.diagnosis.dependency
    if (dep) by.set(dep, [...(by.get(dep) ?? []), d.analysis.service])
  }
  return [...by]
    .filter(([, services]) => services.length > 1)
    .map(([dependency, services]) => ({ dependency, services }))
    .sort((a, b) => b.services.length - a.services.length)
}
