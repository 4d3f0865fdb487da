/**
 * Before/after comparison of a service's errors around a deployment: per fingerprint the rate
 * before and after, the fingerprints that are new, and the change of the error rate. Pure.
 */
import type { ErrorGroup, ServiceLogAnalysis } from '../logs/analyze.js'

export interface FingerprintChange {
  key: string
  text: string
  category: string
  before: number
  after: number
  /** Occurrences per minute in each window. */
  beforePerMin: number
  afterPerMin: number
  /** True when the error did not occur at all before the deployment. */
  isNew: boolean
  sample: string
}

export interface Comparison {
  service: string
  beforeMinutes: number
  afterMinutes: number
  beforeErrors: number
  afterErrors: number
  beforePerMin: number
  afterPerMin: number
  /** Fingerprints seen in either window, the biggest increase first. */
  changes: FingerprintChange[]
  /** New fingerprints at or above the threshold (occurrences per minute). */
  newErrors: FingerprintChange[]
}

function minutesOf(a: ServiceLogAnalysis): number {
  return Math.max(1 / 60, (Date.parse(a.window.end) - Date.parse(a.window.start)) / 60_000)
}

/** Compares the analyses of the windows before and after a deployment. */
export function compareWindows(
  before: ServiceLogAnalysis,
  after: ServiceLogAnalysis,
  thresholdPerMin: number
): Comparison {
  const bMin = minutesOf(before)
  const aMin = minutesOf(after)
  const beforeByKey = new Map<string, ErrorGroup>(before.errors.map(g => [g.key, g]))
  const afterByKey = new Map<string, ErrorGroup>(after.errors.map(g => [g.key, g]))
  const keys = new Set([...beforeByKey.keys(), ...afterByKey.keys()])
  const changes: FingerprintChange[] = []
  for (const key of keys) {
    const b = beforeByKey.get(key)
    const a = afterByKey.get(key)
    const g = (a ?? b) as ErrorGroup
    changes.push({
      key,
      text: g.text,
      category: g.category,
      before: b?.count ?? 0,
      after: a?.count ?? 0,
      beforePerMin: (b?.count ?? 0) / bMin,
      afterPerMin: (a?.count ?? 0) / aMin,
      // Before-window groups beyond the kept ones are unknown: only call it new when none were dropped.
      isNew: !b && before.otherErrors === 0,
      sample: g.sample
    })
  }
  changes.sort((x, y) => y.afterPerMin - y.beforePerMin - (x.afterPerMin - x.beforePerMin))
  return {
    service: after.service,
    beforeMinutes: bMin,
    afterMinutes: aMin,
    beforeErrors: before.errorCount,
    afterErrors: after.errorCount,
    beforePerMin: before.errorCount / bMin,
    afterPerMin: after.errorCount / aMin,
    changes,
    newErrors: changes.filter(c => c.isNew && c.afterPerMin >= thresholdPerMin)
  }
}
