/**
 * Annotations for the findings. GitHub shows at most 10 error and 10 warning annotations per
 * step, so the most severe come first and one closing line tells how many more there are. Pure.
 * Titles and messages are redacted one-liners with mentions defused; `@actions/core` escapes
 * `%`, CR and LF in both and `:`/`,` in the title when it writes the command.
 */
import type { Finding } from '../checks/types.js'
import { plainText } from '../util/sanitize.js'

export const MAX_PER_LEVEL = 10

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
}

/** Errors for unhealthy findings, warnings for degraded ones, most severe first, capped per level. */
export function annotationsOf(findings: readonly Finding[], max = MAX_PER_LEVEL): Annotation[] {
  // Stable: unhealthy before degraded, otherwise in the order given.
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        Number(b.f.severity === 'unhealthy') - Number(a.f.severity === 'unhealthy') || a.i - b.i
    )
    .map(x => x.f)
  const total = {
    error: sorted.filter(f => f.severity === 'unhealthy').length,
    warning: sorted.filter(f => f.severity !== 'unhealthy').length
  }
  const out: Annotation[] = []
  const used = { error: 0, warning: 0 }
  let dropped = 0
  for (const f of sorted) {
    const level = f.severity === 'unhealthy' ? 'error' : 'warning'
    // Keep one slot per level for the closing line when there is more than fits.
    if (used[level] >= (total[level] > max ? max - 1 : max)) {
      dropped++
      continue
    }
    used[level]++
    out.push({ level, title: plainText(f.title, 200), message: plainText(f.message, 1000) })
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
