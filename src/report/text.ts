/** The CLI's human-readable report of a health run. Pure. */
import type { HealthReport } from '../checks/types.js'
import { hostPort } from '../util/net.js'
import { duration, utc } from './format.js'
import { termText } from './sanitize.js'

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

function mark(status: string): string {
  return MARK[status] ?? 'FAIL'
}

/** Plain-text report for a terminal or a cron mail. */
export function renderHealthText(r: HealthReport): string {
  const out: string[] = []
  out.push(
    `ECS health: ${r.overall.toUpperCase()}  cluster=${termText(r.cluster)} region=${r.region}  ${utc(r.timestamp)} (${duration(r.durationMs)})`
  )
  out.push('')
  if (r.domainHttp) {
    const d = r.domainHttp
    out.push(
      `[${mark(d.status)}] domain ${termText(d.url)}  ${d.code ?? '---'} ${duration(d.latencyMs)}${d.reason ? `  ${termText(d.reason)}` : ''}`
    )
  }
  for (const e of r.endpoints) {
    out.push(
      `[${mark(e.status)}] http ${termText(e.name)} ${termText(e.url)}  ${e.code ?? '---'} ${duration(e.latencyMs)}${e.reason ? `  ${termText(e.reason)}` : ''}`
    )
  }
  for (const t of r.tls) {
    const days = t.daysLeft !== undefined ? `${t.daysLeft} days left` : ''
    out.push(
      `[${mark(t.status)}] tls ${termText(hostPort(t.host, t.port))}  ${days}${t.reason ? `  ${termText(t.reason)}` : ''}${t.error ? `  ${termText(t.error.message)}` : ''}`
    )
  }
  out.push(
    `[${mark(r.services.status)}] ecs services: ${Object.keys(r.services.services).length}${r.services.error ? `  ${termText(r.services.error.message)}` : ''}`
  )
  for (const s of Object.values(r.services.services)) {
    const why = s.reasons.length ? `  ${termText(s.reasons.join('; '))}` : ''
    out.push(
      `    [${mark(s.health)}] ${termText(s.name)}  ${s.running}/${s.desired} running, ${s.pending} pending${s.rolloutState ? `, rollout ${s.rolloutState}` : ''}${why}`
    )
  }
  out.push(
    `[${mark(r.targets.status)}] alb target groups: ${Object.keys(r.targets.targetGroups).length}${r.targets.error && Object.keys(r.targets.targetGroups).length === 0 ? `  ${termText(r.targets.error.message)}` : ''}${r.targets.status === 'skipped' ? `  ${termText(r.targets.issues[0] ?? '')}` : ''}`
  )
  for (const g of Object.values(r.targets.targetGroups)) {
    const why = g.error
      ? termText(g.error.message)
      : termText(
          [
            ...new Set(
              g.badTargets.map(t => [t.reason, t.description].filter(Boolean).join(': ') || t.state)
            )
          ].join('; ')
        )
    out.push(
      `    [${mark(g.status)}] ${termText(g.name)}  ${g.healthy}/${g.total} healthy${g.draining ? `, ${g.draining} draining` : ''}${why ? `  ${why}` : ''}`
    )
  }
  if (r.findings.length > 0) {
    out.push('')
    out.push('Findings:')
    for (const f of r.findings)
      out.push(`  - [${f.severity}] ${termText(f.title)}: ${termText(f.message)}`)
  }
  return out.join('\n') + '\n'
}
