/**
 * Time specifications used by scenarios: relative to the simulator clock ("-30s", "-5m", "-2h",
 * "-1d", "-1h30m", "+10m", "now"), ISO-8601 strings, or epoch milliseconds.
 */

/** A point in time as written in a scenario. */
export type TimeSpec = string | number

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000
}

const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/

/**
 * Parses a duration such as "30s", "5m", "1h30m", "250ms" into milliseconds.
 * Returns undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  let rest = text.trim()
  if (rest === '') return undefined
  let total = 0
  while (rest.length > 0) {
    const m = DURATION_RE.exec(rest)
    if (!m) return undefined
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number)
    rest = rest.slice(m[0].length)
  }
  return total
}

/**
 * Resolves a {@link TimeSpec} against `now` (epoch ms). Throws an Error describing the expected
 * formats when the value cannot be read.
 */
export function parseTime(spec: TimeSpec, now: number): number {
  if (typeof spec === 'number') {
    if (!Number.isFinite(spec)) throw new Error(`expected a finite epoch-ms number, got ${spec}`)
    return spec
  }
  const text = spec.trim()
  if (text === 'now') return now
  if (text.startsWith('-') || text.startsWith('+')) {
    const d = parseDuration(text.slice(1))
    if (d === undefined)
      throw new Error(
        `cannot read relative time "${spec}" (use e.g. "-30s", "-5m", "-2h", "-1d", "-1h30m")`
      )
    return text.startsWith('-') ? now - d : now + d
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const t = Date.parse(text)
    if (!Number.isNaN(t)) return t
  }
  if (/^\d+$/.test(text)) return Number(text)
  throw new Error(
    `cannot read time "${spec}" (use a relative time like "-5m", an ISO-8601 string, or epoch milliseconds)`
  )
}
