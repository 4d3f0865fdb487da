/** Small shared formatting helpers for the renderers. Pure. */
import type { Overall } from '../checks/types.js'

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

/** Headline word of an overall status. */
export function overallWord(o: Overall): string {
  return o.toUpperCase()
}
