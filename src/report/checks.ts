/**
 * What each registered check (checks/registry.ts) contributes to the renderers: its entries in
 * the state file, its rows in the summary's Checks table, and its lines in the text report.
 * The renderers go through {@link CHECK_VIEWS} instead of naming each check's field. Pure.
 */
import { CHECKS, type CheckId } from '../checks/registry.js'
import type {
  HealthReport,
  HttpProbeResult,
  ServiceResult,
  TargetGroupResult,
  TlsResult
} from '../checks/types.js'
import { hostPort } from '../util/net.js'
import { mdCode, mdText, termText } from '../util/sanitize.js'
import { duration, icon } from './format.js'
import type { Json } from '../util/json.js'

export interface CheckView {
  /** Entries under `checks` in the state file (the seed's keys). */
  state(r: HealthReport): [key: string, value: Json][]
  /** Rows of the summary's Checks table: check, status, details (Markdown cells). */
  rows(r: HealthReport): [check: string, status: string, details: string][]
  /** Lines of the text report. */
  text(r: HealthReport): string[]
}

// --- state file ---------------------------------------------------------------------------------

function httpJson(r: HttpProbeResult): Json {
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

function serviceJson(s: ServiceResult): Json {
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

function groupJson(g: TargetGroupResult): Json {
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
    source: g.source,
    ...(g.observedAt ? { observed_at: g.observedAt } : {}),
    ...(g.error ? { error: { ...g.error } } : {})
  }
}

function tlsJson(t: TlsResult): Json {
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

// --- summary --------------------------------------------------------------------------------------

function httpDetail(r: HttpProbeResult): string {
  const code = r.code === null ? 'no answer' : `HTTP ${r.code}`
  const hops = r.redirects ? ` after ${r.redirects} redirect${r.redirects > 1 ? 's' : ''}` : ''
  const why =
    r.status === 'unhealthy' && r.reason && !r.reason.startsWith('HTTP')
      ? ` — ${mdText(r.reason)}`
      : ''
  return `${code}${hops} in ${duration(r.latencyMs)}${why}`
}

function tlsDetail(t: TlsResult): string {
  if (t.status === 'error') return mdText(t.error?.message ?? t.reason ?? 'no TLS answer')
  const parts = [
    t.daysLeft !== undefined ? `${t.daysLeft} days left` : undefined,
    t.expires ? `expires ${t.expires.slice(0, 10)}` : undefined,
    t.issuer ? `issuer ${mdText(t.issuer, 80)}` : undefined,
    t.reason && t.status !== 'healthy' ? mdText(t.reason) : undefined
  ]
  return parts.filter(Boolean).join(' · ')
}

function servicesDetail(r: HealthReport): string {
  if (r.services.status === 'error') return mdText(r.services.error?.message ?? 'could not be read')
  const all = Object.values(r.services.services)
  const counts = new Map<string, number>()
  for (const s of all) counts.set(s.health, (counts.get(s.health) ?? 0) + 1)
  const parts = [...counts].map(([h, n]) => `${n} ${h.replace('_', ' ')}`)
  return `${all.length} service${all.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`
}

function targetsDetail(r: HealthReport): string {
  if (r.targets.status === 'skipped') return mdText(r.targets.issues[0] ?? 'not checked')
  const groups = Object.values(r.targets.targetGroups)
  if (groups.length === 0) {
    return r.targets.error
      ? mdText(r.targets.error.message)
      : 'no target groups attached to the checked services'
  }
  const bad = groups.filter(g => g.status !== 'healthy' && g.status !== 'empty').length
  const metrics = groups.filter(g => g.source === 'metrics').length
  return `${groups.length} group${groups.length === 1 ? '' : 's'}${bad ? `, ${bad} not healthy` : ''}${metrics ? ` (${metrics === groups.length ? 'all' : metrics} from CloudWatch metrics)` : ''}`
}

/**
 * Where a group's figures come from, when not from DescribeTargetHealth: `CloudWatch metrics,
 * 2 min old` (the age at the run's start).
 */
export function groupSource(g: TargetGroupResult, runStarted: string): string {
  if (g.source !== 'metrics' || !g.observedAt) return ''
  const age = Math.max(0, Math.round((Date.parse(runStarted) - Date.parse(g.observedAt)) / 60_000))
  return `CloudWatch metrics, ${age} min old`
}

const status = (s: string): string => `${icon(s)} ${s}`

// --- text -------------------------------------------------------------------------------------

const MARK: Record<string, string> = {
  healthy: 'OK  ',
  scaled_down: '--  ',
  empty: '--  ',
  skipped: '--  ',
  degraded: 'WARN',
  warning: 'WARN',
  error: 'ERR ',
  unhealthy: 'FAIL',
  failed: 'FAIL',
  critical: 'FAIL'
}

/** The text report's status mark (`OK  `, `WARN`, `FAIL`…). */
export function mark(s: string): string {
  return MARK[s] ?? 'FAIL'
}

function badTargetsText(g: TargetGroupResult): string {
  return [
    ...new Set(
      g.badTargets.map(t => [t.reason, t.description].filter(Boolean).join(': ') || t.state)
    )
  ].join('; ')
}

// --- the views --------------------------------------------------------------------------------

export const CHECK_VIEWS: Record<CheckId, CheckView> = {
  domain_http: {
    state: r => (r.domainHttp ? [['domain_http', httpJson(r.domainHttp)]] : []),
    rows: r =>
      r.domainHttp
        ? [
            [
              `Domain ${mdCode(r.domain ?? '')}`,
              status(r.domainHttp.status),
              httpDetail(r.domainHttp)
            ]
          ]
        : [],
    text: r => {
      const d = r.domainHttp
      return d
        ? [
            `[${mark(d.status)}] domain ${termText(d.url)}  ${d.code ?? '---'} ${duration(d.latencyMs)}${d.reason ? `  ${termText(d.reason)}` : ''}`
          ]
        : []
    }
  },
  http: {
    state: r => r.endpoints.map(e => [`http_${e.name}`, httpJson(e)]),
    rows: r =>
      r.endpoints.map(e => [`Endpoint ${mdText(e.name)}`, status(e.status), httpDetail(e)]),
    text: r =>
      r.endpoints.map(
        e =>
          `[${mark(e.status)}] http ${termText(e.name)} ${termText(e.url)}  ${e.code ?? '---'} ${duration(e.latencyMs)}${e.reason ? `  ${termText(e.reason)}` : ''}`
      )
  },
  ecs_services: {
    state: r => [
      [
        'ecs_services',
        {
          status: r.services.status,
          services: Object.fromEntries(
            Object.entries(r.services.services).map(([k, v]) => [k, serviceJson(v)])
          ),
          issues: r.services.issues,
          ...(r.services.error ? { error: { ...r.services.error } } : {})
        }
      ]
    ],
    rows: r => [['ECS services', status(r.services.status), servicesDetail(r)]],
    text: r => [
      `[${mark(r.services.status)}] ecs services: ${Object.keys(r.services.services).length}${r.services.error ? `  ${termText(r.services.error.message)}` : ''}`,
      ...Object.values(r.services.services).map(s => {
        const why = s.reasons.length ? `  ${termText(s.reasons.join('; '))}` : ''
        return `    [${mark(s.health)}] ${termText(s.name)}  ${s.running}/${s.desired} running, ${s.pending} pending${s.rolloutState ? `, rollout ${s.rolloutState}` : ''}${why}`
      })
    ]
  },
  alb_targets: {
    state: r => [
      [
        'alb_targets',
        {
          status: r.targets.status,
          target_groups: Object.fromEntries(
            Object.entries(r.targets.targetGroups).map(([k, v]) => [k, groupJson(v)])
          ),
          issues: r.targets.issues,
          ...(r.targets.warnings ? { warnings: r.targets.warnings } : {}),
          ...(r.targets.error ? { error: { ...r.targets.error } } : {})
        }
      ]
    ],
    rows: r => [['ALB target groups', status(r.targets.status), targetsDetail(r)]],
    text: r => {
      const groups = Object.values(r.targets.targetGroups)
      return [
        `[${mark(r.targets.status)}] alb target groups: ${groups.length}${r.targets.error && groups.length === 0 ? `  ${termText(r.targets.error.message)}` : ''}${r.targets.status === 'skipped' ? `  ${termText(r.targets.issues[0] ?? '')}` : ''}`,
        ...groups.map(g => {
          const why = g.error ? termText(g.error.message) : termText(badTargetsText(g))
          const from = groupSource(g, r.timestamp)
          return `    [${mark(g.status)}] ${termText(g.name)}  ${g.healthy}/${g.total} healthy${g.draining ? `, ${g.draining} draining` : ''}${why ? `  ${why}` : ''}${from ? `  (${from})` : ''}`
        }),
        ...(r.targets.warnings ?? []).map(w => `    warning: ${termText(w)}`)
      ]
    }
  },
  ssl: {
    state: r => {
      const out: [string, Json][] = []
      // `ssl` is the seed's entry: the domain's certificate; `ssl_hosts` has every host's.
      const domainTls = r.domain ? r.tls[0] : undefined
      if (domainTls) out.push(['ssl', tlsJson(domainTls)])
      if (r.tls.length > 0) {
        out.push([
          'ssl_hosts',
          Object.fromEntries(r.tls.map(t => [hostPort(t.host, t.port), tlsJson(t)]))
        ])
      }
      return out
    },
    rows: r =>
      r.tls.map(t => [`TLS ${mdCode(hostPort(t.host, t.port))}`, status(t.status), tlsDetail(t)]),
    text: r =>
      r.tls.map(t => {
        const days = t.daysLeft !== undefined ? `${t.daysLeft} days left` : ''
        return `[${mark(t.status)}] tls ${termText(hostPort(t.host, t.port))}  ${days}${t.reason ? `  ${termText(t.reason)}` : ''}${t.error ? `  ${termText(t.error.message)}` : ''}`
      })
  }
}

/** The registered checks' views, in registry order. */
export const VIEWS_IN_ORDER: readonly CheckView[] = CHECKS.map(c => CHECK_VIEWS[c.id])

/** The text report keeps the seed's order: the probes (domain, endpoints, TLS), then ECS. */
export const TEXT_ORDER: readonly CheckId[] = [
  'domain_http',
  'http',
  'ssl',
  'ecs_services',
  'alb_targets'
]
