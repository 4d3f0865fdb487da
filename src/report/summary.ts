/**
 * The job summary / PR comment body for a health report, as Markdown. Pure: a function of the
 * report. Every string that came from AWS or a probe goes through `mdText`.
 */
import { targetGroupIssue } from '../checks/targets.js'
import type {
  HealthReport,
  HttpProbeResult,
  ServiceResult,
  TargetGroupResult,
  TlsResult
} from '../checks/types.js'
import { hostPort } from '../util/net.js'
import { duration, icon, utc } from './format.js'
import { mdText } from './sanitize.js'

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n')
}

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
  return `${groups.length} group${groups.length === 1 ? '' : 's'}${bad ? `, ${bad} not healthy` : ''}`
}

function rollout(s: ServiceResult): string {
  const state = s.rolloutState ? s.rolloutState.toLowerCase().replace('_', ' ') : '—'
  const extra = s.activeDeployments > 1 ? ` (${s.activeDeployments} deployments)` : ''
  return `${state}${extra}${s.rolledBack ? ' · rolled back' : ''}`
}

function badGroupsOf(r: HealthReport, service: string): TargetGroupResult[] {
  return Object.values(r.targets.targetGroups).filter(
    g =>
      g.services.includes(service) &&
      (g.status === 'unhealthy' || g.status === 'error' || g.unhealthy > 0)
  )
}

/** ` · 🔴 0/3 targets` when a target group of the service is not fully healthy. */
function targetsCell(r: HealthReport, service: string): string {
  return badGroupsOf(r, service)
    .map(
      g =>
        ` · ${icon(g.status === 'healthy' ? 'degraded' : g.status)} ${g.status === 'error' ? 'targets unknown' : `${g.healthy}/${g.total} targets`}`
    )
    .join('')
}

function groupReasons(r: HealthReport, service: string): string[] {
  return badGroupsOf(r, service).map(g => targetGroupIssue(g))
}

/** Markdown report of a health run. */
export function renderHealthMarkdown(r: HealthReport): string {
  const lines: string[] = []
  const services = Object.values(r.services.services)
  lines.push(
    `## ${icon(r.overall)} ECS health: ${r.overall} — \`${mdText(r.cluster)}\` (${r.region})`
  )
  lines.push('')
  lines.push(
    `Checked ${utc(r.timestamp)} in ${duration(r.durationMs)} · ${services.length} service${services.length === 1 ? '' : 's'}${r.domain ? ` · domain \`${mdText(r.domain)}\`` : ''}`
  )
  lines.push('')

  if (r.findings.length > 0) {
    lines.push('### What is wrong')
    lines.push('')
    for (const f of r.findings) {
      lines.push(`- ${icon(f.severity)} **${mdText(f.title, 120)}** — ${mdText(f.message, 400)}`)
    }
    lines.push('')
  }

  lines.push('### Checks')
  lines.push('')
  const checkRows: string[][] = []
  if (r.domainHttp) {
    checkRows.push([
      `Domain \`${mdText(r.domain ?? '')}\``,
      `${icon(r.domainHttp.status)} ${r.domainHttp.status}`,
      httpDetail(r.domainHttp)
    ])
  }
  for (const e of r.endpoints) {
    checkRows.push([`Endpoint ${mdText(e.name)}`, `${icon(e.status)} ${e.status}`, httpDetail(e)])
  }
  checkRows.push([
    'ECS services',
    `${icon(r.services.status)} ${r.services.status}`,
    servicesDetail(r)
  ])
  checkRows.push([
    'ALB target groups',
    `${icon(r.targets.status)} ${r.targets.status}`,
    targetsDetail(r)
  ])
  for (const t of r.tls) {
    checkRows.push([
      `TLS \`${mdText(hostPort(t.host, t.port))}\``,
      `${icon(t.status)} ${t.status}`,
      tlsDetail(t)
    ])
  }
  lines.push(table(['Check', 'Status', 'Details'], checkRows))
  lines.push('')

  if (services.length > 0) {
    lines.push('### Services')
    lines.push('')
    lines.push(
      table(
        [
          'Service',
          'Health',
          'Running / desired',
          'Pending',
          'Rollout',
          'Task definition',
          'Reason'
        ],
        services.map(s => [
          mdText(s.name, 100),
          `${icon(s.health)} ${s.health.replace('_', ' ')}${targetsCell(r, s.name)}`,
          `${s.running} / ${s.desired}`,
          String(s.pending),
          rollout(s),
          s.taskDefinition ? `\`${mdText(s.taskDefinition, 100)}\`` : '—',
          mdText([...s.reasons, ...groupReasons(r, s.name)].join('; '), 400)
        ])
      )
    )
    lines.push('')
  }

  const groups = Object.values(r.targets.targetGroups)
  if (groups.length > 0) {
    lines.push('### Target groups')
    lines.push('')
    lines.push(
      table(
        ['Target group', 'Status', 'Healthy', 'Draining', 'Unhealthy', 'Total', 'Services', 'Why'],
        groups.map(g => [
          mdText(g.name, 100),
          `${icon(g.status)} ${g.status}`,
          String(g.healthy),
          String(g.draining),
          String(g.unhealthy),
          String(g.total),
          mdText(g.services.join(', '), 200),
          g.error
            ? mdText(g.error.message)
            : mdText(
                [
                  ...new Set(
                    g.badTargets.map(
                      t => [t.reason, t.description].filter(Boolean).join(': ') || t.state
                    )
                  )
                ].join('; '),
                300
              )
        ])
      )
    )
    lines.push('')
  }

  const withEvents = services.filter(
    s => s.health !== 'healthy' && s.health !== 'scaled_down' && s.events.length > 0
  )
  for (const s of withEvents) {
    lines.push(`<details><summary>${mdText(s.name, 100)}: latest service events</summary>`)
    lines.push('')
    for (const e of s.events)
      lines.push(`- ${e.createdAt ? `${utc(e.createdAt)} — ` : ''}${mdText(e.message, 500)}`)
    lines.push('')
    lines.push('</details>')
    lines.push('')
  }
  return lines.join('\n')
}
