/**
 * The health state file in the shape of the original scripts' (`{timestamp, epoch, overall,
 * cluster, region, domain?, checks: {domain_http, http_<name>…, ecs_services, alb_targets,
 * ssl}}`), so cron jobs that read it keep working: their fields keep their names, everything else
 * is added beside them; each check's entries come from its view (report/checks.ts). Pure.
 */
import type { HealthReport } from '../checks/types.js'
import { VIEWS_IN_ORDER } from './checks.js'
import type { Json } from '../util/json.js'
import { cleanJson } from '../util/sanitize.js'

/** JSON value as written to the state file. */
export type { Json }

/**
 * The state-file object for a report. `undefined` fields vanish when serialised. Every string is
 * redacted and bounded (service events and target descriptions are written by others).
 */
export function toState(r: HealthReport): { [key: string]: Json | undefined } {
  return cleanJson(stateOf(r))
}

function stateOf(r: HealthReport): { [key: string]: Json | undefined } {
  const checks: { [key: string]: Json | undefined } = Object.fromEntries(
    VIEWS_IN_ORDER.flatMap(v => v.state(r))
  )
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

/** The alert file written when the run is not healthy (the original scripts' alert hook). */
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
