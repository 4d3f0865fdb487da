/** The CLI's human-readable report of a health run. Pure. */
import type { HealthReport } from '../checks/types.js'
import { termText } from '../util/sanitize.js'
import { CHECK_VIEWS, TEXT_ORDER } from './checks.js'
import { duration, utc } from './format.js'

/** Plain-text report for a terminal or a cron mail. */
export function renderHealthText(r: HealthReport): string {
  const out: string[] = []
  out.push(
    `ECS health: ${r.overall.toUpperCase()}  cluster=${termText(r.cluster)} region=${r.region}  ${utc(r.timestamp)} (${duration(r.durationMs)})`
  )
  out.push('')
  for (const id of TEXT_ORDER) out.push(...CHECK_VIEWS[id].text(r))
  if (r.findings.length > 0) {
    out.push('')
    out.push('Findings:')
    for (const f of r.findings)
      out.push(`  - [${f.severity}] ${termText(f.title)}: ${termText(f.message)}`)
  }
  return out.join('\n') + '\n'
}
