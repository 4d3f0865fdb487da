/**
 * Runs every registered health check (checks/registry.ts) concurrently and assembles the
 * report. Every collaborator (AWS clients, probes, clock) is passed in, so tests can drive it.
 */
import { findingsOf, overallOf } from '../checks/judge.js'
import {
  CHECKS,
  servicesOnce,
  type CheckResults,
  type HealthDeps,
  type HealthSettings
} from '../checks/registry.js'
import type { HealthReport } from '../checks/types.js'
import { hostPort } from '../util/net.js'

export type { HealthDeps, HealthSettings } from '../checks/registry.js'
export { tlsTargets } from '../checks/registry.js'

/**
 * Runs every check and returns the report. Throws only `FatalError` (cluster not found,
 * no credentials); a failing AWS call or probe is reported inside its check.
 */
export async function runHealth(settings: HealthSettings, deps: HealthDeps): Promise<HealthReport> {
  const now = deps.now ?? (() => new Date())
  const started = now()
  const t0 = performance.now()
  const base = { settings, deps, now, started }
  const ctx = { ...base, services: servicesOnce(base) }
  const parts = await Promise.all(CHECKS.map(c => c.run(ctx)))
  const checks = Object.assign({}, ...parts) as CheckResults
  const findings = findingsOf(checks)
  return {
    timestamp: started.toISOString(),
    epoch: Math.floor(started.getTime() / 1000),
    durationMs: Math.round(performance.now() - t0),
    overall: overallOf(findings),
    cluster: settings.cluster,
    region: settings.region,
    ...(settings.domain ? { domain: hostPort(settings.domain.host, settings.domain.port) } : {}),
    ...checks,
    findings
  }
}
