/** Small shared formatting helpers for the renderers. Pure. */

/** Emoji cue of a status, for Markdown. */
export function icon(status: string): string {
  switch (status) {
    case 'healthy':
      return '🟢'
    case 'scaled_down':
    case 'empty':
    case 'skipped':
      return '⚪'
    case 'degraded':
    case 'warning':
      return '🟡'
    case 'error':
      return '🟠'
    default:
      return '🔴'
  }
}

/** `1.2 s` / `340 ms`. */
export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
}

/** `2026-11-25 12:00:00 UTC`. */
export function utc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')
}

/**
 * A time window for a headline: `last 60 min (2026-11-25 12:36–13:36 UTC)`, with the end's date
 * spelled out when it is another day.
 */
export function windowText(start: string, end: string, minutes?: number): string {
  const s = utc(start)
  const e = utc(end)
  const [sDay, sTime] = s.split(' ')
  const [eDay, eTime] = e.split(' ')
  if (!sDay || !sTime || !eDay || !eTime) return ''
  const span =
    sDay === eDay
      ? `${sDay} ${sTime.slice(0, 5)}–${eTime.slice(0, 5)} UTC`
      : `${sDay} ${sTime.slice(0, 5)} – ${eDay} ${eTime.slice(0, 5)} UTC`
  const mins = minutes ?? Math.round((Date.parse(end) - Date.parse(start)) / 60_000)
  return `last ${mins} min (${span})`
}

/** `13:22:00 UTC` when on the same day as `ref`, else the full `utc()` form. */
export function shortUtc(iso: string, ref?: string): string {
  const full = utc(iso)
  return ref && iso.slice(0, 10) === ref.slice(0, 10) ? full.slice(11) : full
}
