/**
 * Annotations for the findings. GitHub shows at most 10 error and 10 warning annotations per
 * step, so the most severe come first and one closing line tells how many more there are. Pure.
 */
import type { Finding } from '../checks/types.js'
import { oneLine } from './sanitize.js'

export const MAX_PER_LEVEL = 10

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
}

/** Errors for unhealthy findings, warnings for degraded ones, capped per level. */
export function annotationsOf(findings: readonly Finding[], max = MAX_PER_LEVEL): Annotation[] {
  const out: Annotation[] = []
  let errors = 0
  let warnings = 0
  let dropped = 0
  for (const f of findings) {
    const level = f.severity === 'unhealthy' ? 'error' : 'warning'
    const used = level === 'error' ? errors : warnings
    // Keep one slot per level for the closing line when there is more than fits.
    const more =
      findings.filter(x => (x.severity === 'unhealthy') === (level === 'error')).length > max
    if (used >= (more ? max - 1 : max)) {
      dropped++
      continue
    }
    if (level === 'error') errors++
    else warnings++
    out.push({ level, title: oneLine(f.title, 200), message: oneLine(f.message, 1000) })
  }
  if (dropped > 0) {
    out.push({
      level: 'notice',
      title: `${dropped} more finding${dropped === 1 ? '' : 's'}`,
      message: `${dropped} more finding${dropped === 1 ? ' is' : 's are'} listed in the job summary.`
    })
  }
  return out
}
