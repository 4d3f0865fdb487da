/**
 * Turns check results into findings and the overall verdict. Pure.
 * A check that could not run (`error`) makes the run at least degraded: nothing was verified.
 */
import { CHECKS, type CheckResults } from './registry.js'
import type { Finding, Overall } from './types.js'

/** Every reason the run is not healthy, unhealthy ones first (each severity in check order). */
export function findingsOf(c: CheckResults): Finding[] {
  return CHECKS.flatMap(check => check.findings(c)).sort(
    (a, b) => rank(b.severity) - rank(a.severity)
  )
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
