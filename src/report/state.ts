/**
 * The health state file in the seed's shape (SPEC §2): `{timestamp, epoch, overall, cluster,
 * region, domain?, checks: {domain_http, http_<name>…, ecs_services, alb_targets, ssl}}`.
 * Seed fields keep their names; everything else is added beside them. Pure.
 */
import type {
  HealthReport,
  HttpProbeResult,
  ServiceResult,
  TargetGroupResult,
  TlsResult
} from '../checks/types.js'
import { hostPort } from '../util/net.js'
import { cleanJson } from './sanitize.js'

/** JSON value as written to the state file. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined }

function http(r: HttpProbeResult): Json {
  return {
    status: r.status,
    code: r.code,
    latency_ms: Math.round(r.latencyMs),
    url: r.url,
    ...(r.redirects ? { redirects: r.redirects, final_url: r.finalUrl } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.error ? { error: { ...r.error } } : {})
  }
}

function service(s: ServiceResult): Json {
  return {
    desired: s.desired,
    running: s.running,
    pending: s.pending,
    status: s.status,
    health: s.health,
    reasons: s.reasons,
    task_definition: s.taskDefinition,
    rollout_state: s.rolloutState,
    active_deployments: s.activeDeployments,
    rolled_back: s.rolledBack,
    deployments: s.deployments.map(d => ({
      id: d.id,
      status: d.status,
      rollout_state: d.rolloutState,
      rollout_state_reason: d.rolloutStateReason,
      task_definition: d.taskDefinition,
      desired: d.desired,
      running: d.running,
      pending: d.pending,
      failed_tasks: d.failedTasks,
      created_at: d.createdAt,
      updated_at: d.updatedAt
    })),
    events: s.events.map(e => ({ created_at: e.createdAt, message: e.message })),
    target_groups: s.targetGroupArns
  }
}

function group(g: TargetGroupResult): Json {
  return {
    healthy: g.healthy,
    draining: g.draining,
    unhealthy: g.unhealthy,
    initial: g.initial,
    total: g.total,
    status: g.status,
    arn: g.arn,
    services: g.services,
    bad_targets: g.badTargets.map(t => ({ ...t })),
    ...(g.error ? { error: { ...g.error } } : {})
  }
}

function tls(t: TlsResult): Json {
  return {
    status: t.status,
    expires: t.expires ?? null,
    days_left: t.daysLeft ?? null,
    host: hostPort(t.host, t.port),
    issuer: t.issuer,
    subject: t.subject,
    valid: t.valid,
    validation_error: t.validationError,
    reason: t.reason,
    ...(t.error ? { error: { ...t.error } } : {})
  }
}

/**
 * The state-file object for a report. `undefined` fields vanish when serialised. Every string is
 * redacted and bounded (service events and target descriptions are written by others).
 */
export function toState(r: HealthReport): { [key: string]: Json | undefined } {
  return cleanJson(stateOf(r))
}

function stateOf(r: HealthReport): { [key: string]: Json | undefined } {
  const checks: { [key: string]: Json | undefined } = {}
  if (r.domainHttp) checks.domain_http = http(r.domainHttp)
  for (const e of r.endpoints) checks[`http_${e.name}`] = http(e)
  checks.ecs_services = {
    status: r.services.status,
    services: Object.fromEntries(
      Object.entries(r.services.services).map(([k, v]) => [k, service(v)])
    ),
    issues: r.services.issues,
    ...(r.services.error ? { error: { ...r.services.error } } : {})
  }
  checks.alb_targets = {
    status: r.targets.status,
    target_groups: Object.fromEntries(
      Object.entries(r.targets.targetGroups).map(([k, v]) => [k, group(v)])
    ),
    issues: r.targets.issues,
    ...(r.targets.error ? { error: { ...r.targets.error } } : {})
  }
  const domainTls = r.domain ? r.tls[0] : undefined
  if (domainTls) checks.ssl = tls(domainTls)
  if (r.tls.length > 0) {
    checks.ssl_hosts = Object.fromEntries(r.tls.map(t => [hostPort(t.host, t.port), tls(t)]))
  }
  return {
    timestamp: r.timestamp,
    epoch: r.epoch,
    overall: r.overall,
    cluster: r.cluster,
    region: r.region,
    domain: r.domain,
    duration_ms: r.durationMs,
    checks,
    issues: r.findings.map(f => `${f.title}: ${f.message}`),
    findings: r.findings.map(f => ({ ...f }))
  }
}

/** The alert file written when the run is not healthy (SPEC §2). */
export function toAlert(r: HealthReport): { [key: string]: Json | undefined } {
  return cleanJson({
    timestamp: r.timestamp,
    cluster: r.cluster,
    region: r.region,
    overall: r.overall,
    issues: r.findings.map(f => `${f.title}: ${f.message}`),
    // Filled by the log diagnosis; null while it has not run.
    log_analysis: null
  })
}
