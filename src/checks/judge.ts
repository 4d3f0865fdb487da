/**
 * Turns check results into findings and the overall verdict. Pure.
 * A check that could not run (`error`) makes the run at least degraded: nothing was verified.
 */
import { hostPort } from '../util/net.js'
import { describeBadTargets } from './targets.js'
import type { Finding, HealthReport, Overall } from './types.js'

type Checks = Pick<HealthReport, 'domainHttp' | 'endpoints' | 'services' | 'targets' | 'tls'>

/** Every reason the run is not healthy, unhealthy ones first. */
export function findingsOf(c: Checks): Finding[] {
  const out: Finding[] = []
  if (c.domainHttp?.status === 'unhealthy') {
    out.push({
      severity: 'unhealthy',
      check: 'domain_http',
      title: `domain: ${c.domainHttp.reason ?? 'unhealthy'}`,
      message: `GET ${c.domainHttp.url} → ${c.domainHttp.reason ?? 'unhealthy'}`
    })
  }
  for (const e of c.endpoints) {
    if (e.status === 'unhealthy') {
      out.push({
        severity: 'unhealthy',
        check: `http_${e.name}`,
        title: `endpoint ${e.name}: ${e.reason ?? 'unhealthy'}`,
        message: `GET ${e.url} → ${e.reason ?? 'unhealthy'}`
      })
    }
  }
  if (c.services.status === 'error') {
    out.push({
      severity: 'degraded',
      check: 'ecs_services',
      title: 'ECS services could not be checked',
      message: c.services.error?.message ?? 'unknown error'
    })
  }
  for (const s of Object.values(c.services.services)) {
    if (s.health === 'healthy' || s.health === 'scaled_down') continue
    const severity = s.health === 'degraded' ? 'degraded' : 'unhealthy'
    out.push({
      severity,
      check: 'ecs_services',
      service: s.name,
      title: `${s.name}: ${s.health === 'failed' ? s.status.toLowerCase() : s.health} (${s.running}/${s.desired} running)`,
      message: s.reasons.join('; ') || s.health
    })
  }
  if (c.targets.status === 'error' && Object.keys(c.targets.targetGroups).length === 0) {
    out.push({
      severity: 'degraded',
      check: 'alb_targets',
      title: 'target groups could not be checked',
      message: c.targets.error?.message ?? 'unknown error'
    })
  }
  for (const g of Object.values(c.targets.targetGroups)) {
    const service = g.services.join(', ')
    if (g.status === 'error') {
      out.push({
        severity: 'degraded',
        check: 'alb_targets',
        service,
        title: `${g.name}: target health could not be read`,
        message: g.error?.message ?? 'unknown error'
      })
    } else if (g.status === 'unhealthy' || g.unhealthy > 0) {
      out.push({
        severity: g.status === 'unhealthy' ? 'unhealthy' : 'degraded',
        check: 'alb_targets',
        service,
        title: `${service || g.name}: ${g.healthy}/${g.total} targets healthy`,
        message: `target group ${g.name}: ${describeBadTargets(g) || 'no healthy targets'}`
      })
    }
  }
  for (const t of c.tls) {
    const where = hostPort(t.host, t.port)
    if (t.status === 'critical' || t.status === 'warning') {
      out.push({
        severity: t.status === 'critical' ? 'unhealthy' : 'degraded',
        check: 'ssl',
        title: `TLS ${where}: ${t.reason ?? t.status}`,
        message: `certificate of ${where}: ${t.reason ?? t.status}${t.issuer ? ` (issuer ${t.issuer})` : ''}`
      })
    } else if (t.status === 'error') {
      out.push({
        severity: 'degraded',
        check: 'ssl',
        title: `TLS ${where}: certificate could not be read`,
        message: t.error?.message ?? t.reason ?? 'no TLS answer'
      })
    }
  }
  return out.sort((a, b) => rank(b.severity) - rank(a.severity))
}

function rank(s: Finding['severity']): number {
  return s === 'unhealthy' ? 2 : 1
}

/** Overall verdict from the findings. */
export function overallOf(findings: readonly Finding[]): Overall {
  if (findings.some(f => f.severity === 'unhealthy')) return 'unhealthy'
  if (findings.length > 0) return 'degraded'
  return 'healthy'
}

/** Exit code of a finished check run: 0 healthy, 1 degraded or unhealthy. */
export function exitCodeOf(overall: Overall): 0 | 1 {
  return overall === 'healthy' ? 0 : 1
}
