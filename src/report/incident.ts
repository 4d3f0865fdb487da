/**
 * The text of incident issues: the hidden marker that finds an issue again, the state block it
 * remembers, its title, its body (the same safe Markdown as the job summary, cut to GitHub's
 * 65,536 characters) and the comments that say what changed, that it recovered, or that it
 * duplicates another. Pure.
 */
import { keyLabel } from '../monitor/history.js'
import type { IncidentChanges, IncidentState } from '../monitor/incident.js'
import { buildCommentBody, MARKER_PREFIX, markerValue } from './comment.js'
import { utc } from './format.js'

/** Marker of one unit's incident issues of one cluster and region. */
export function incidentMarker(cluster: string, region: string, unit: string): string {
  return `${MARKER_PREFIX}:incident cluster=${markerValue(cluster)} region=${markerValue(region)} unit=${markerValue(unit)} -->`
}

/** Start of every incident marker of a cluster and region (to list them all). */
export function incidentMarkerPrefix(cluster: string, region: string): string {
  return `${MARKER_PREFIX}:incident cluster=${markerValue(cluster)} region=${markerValue(region)} unit=`
}

const STATE_PREFIX = `${MARKER_PREFIX}:incident-state `

function stateBlock(state: IncidentState): string {
  return `${STATE_PREFIX}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64')} -->`
}

/**
 * The unit and state of an incident issue of this cluster and region; undefined when the body
 * is not one of ours (or a person broke its hidden blocks).
 */
export function parseIncidentBody(
  body: string,
  cluster: string,
  region: string
): IncidentState | undefined {
  const prefix = incidentMarkerPrefix(cluster, region)
  const first = body.split('\n', 1)[0] ?? ''
  if (!first.startsWith(prefix)) return undefined
  const m = new RegExp(`^${escapeRe(STATE_PREFIX)}([A-Za-z0-9+/=]+) -->$`, 'm').exec(body)
  if (!m) return undefined
  try {
    const s = JSON.parse(Buffer.from(m[1] as string, 'base64').toString('utf8')) as IncidentState
    const unit = first.slice(prefix.length).replace(/ -->$/, '')
    if (typeof s.since !== 'string' || typeof s.failedRuns !== 'number') return undefined
    if (markerValue(s.unit) !== unit) return undefined
    return { unit: s.unit, since: s.since, failedRuns: s.failedRuns, causes: s.causes ?? {} }
  } catch {
    return undefined
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `ECS incident: prod (us-east-1)` or `ECS incident: checkout on prod (us-east-1)`. */
export function incidentTitle(cluster: string, region: string, unit: string): string {
  const where = `${cluster.replace(/^.*\//, '')} (${region})`
  const what =
    unit === 'cluster'
      ? where
      : unit === 'checks'
        ? `endpoints and TLS of ${where}`
        : `${keyLabel(unit)} on ${where}`
  return `ECS incident: ${what}`.slice(0, 256)
}

/** What the body says above the report. */
export interface IncidentHeader {
  /** `failing` now, `recovering` (healthy, not yet resolved), `resolved`. */
  status: 'failing' | 'recovering' | 'resolved'
  /** Overall of the latest run. */
  overall: string
  since: string
  failedRuns: number
  healthyRuns?: number
  resolveAfter: number
  /** When the latest run started. */
  lastRun: string
  runUrl?: string | undefined
  /** Earlier runs that failed before this incident's streak, from the history. */
  recurring?: { lastFailed: string; runs: number } | undefined
  /** The issue of the previous incident of this unit, when one was closed before. */
  previous?: number | undefined
}

function headerMarkdown(h: IncidentHeader): string {
  const run = h.runUrl ? `[latest run](${h.runUrl})` : 'latest run'
  const lines: string[] = []
  if (h.status === 'failing') {
    lines.push(
      `**Failing since ${utc(h.since)}** · ${h.failedRuns} failing run${h.failedRuns === 1 ? '' : 's'} · ${run} at ${utc(h.lastRun)} was **${h.overall}**`
    )
  } else if (h.status === 'recovering') {
    lines.push(
      `**Recovering**: ${h.healthyRuns ?? 0} of ${h.resolveAfter} healthy runs needed to resolve · failing since ${utc(h.since)} · ${run} at ${utc(h.lastRun)}`
    )
  } else {
    lines.push(
      `**Resolved** at ${utc(h.lastRun)} after ${h.failedRuns} failing runs since ${utc(h.since)}`
    )
  }
  if (h.recurring) {
    lines.push(
      `Recurring: this also failed in ${h.recurring.runs} earlier run${h.recurring.runs === 1 ? '' : 's'}, last at ${utc(h.recurring.lastFailed)}.`
    )
  }
  if (h.previous !== undefined) lines.push(`Previous incident: #${h.previous}.`)
  return lines.join('\n\n') + '\n\n'
}

/**
 * The issue body: marker and state block (hidden), the header, the run's report and trend
 * Markdown (already safe: redacted, mentions defused), cut to GitHub's limit.
 */
export function incidentBody(opts: {
  cluster: string
  region: string
  state: IncidentState
  header: IncidentHeader
  /** The run's report, as in the job summary. */
  report: string
  trend: string
  maxChars?: number
}): string {
  const marker = `${incidentMarker(opts.cluster, opts.region, opts.state.unit)}\n${stateBlock(opts.state)}`
  // The trend goes first: it is short, and the report is what a cut shortens.
  const markdown = `${headerMarkdown(opts.header)}${opts.trend ? `${opts.trend}\n` : ''}${opts.report}`
  return buildCommentBody(markdown, {
    cluster: opts.cluster,
    runUrl: opts.header.runUrl,
    marker,
    ...(opts.maxChars !== undefined ? { maxChars: opts.maxChars } : {})
  })
}

/** `2 h 5 min`, `12 min`, `40 s`. */
export function span(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`
}

function list(keys: readonly string[]): string {
  return keys.map(k => `\`${keyLabel(k).replace(/`/g, "'")}\``).join(', ')
}

/** The comment of a run whose failure differs from what the issue last said. */
export function changeComment(c: IncidentChanges, at: string, runUrl?: string): string {
  const lines = [
    `**What fails changed** in the run at ${utc(at)}${runUrl ? ` ([run](${runUrl}))` : ''}:`,
    ''
  ]
  if (c.newlyFailing.length) lines.push(`- Now failing: ${list(c.newlyFailing)}`)
  if (c.recovered.length) lines.push(`- Recovered: ${list(c.recovered)}`)
  for (const [k, [before, now]] of Object.entries(c.causeChanged)) {
    lines.push(`- ${list([k])}: cause changed from \`${before}\` to \`${now}\``)
  }
  return lines.join('\n') + '\n'
}

/** The closing comment. */
export function resolveComment(opts: {
  since: string
  recoveredAt: string
  healthyRuns: number
  failedRuns: number
  recovered: readonly string[]
  runUrl?: string | undefined
}): string {
  const ms = Math.max(0, Date.parse(opts.recoveredAt) - Date.parse(opts.since))
  return [
    `**Resolved**: healthy for ${opts.healthyRuns} runs in a row since ${utc(opts.recoveredAt)}${opts.runUrl ? ` ([run](${opts.runUrl}))` : ''}.`,
    '',
    `- Failing for ${span(ms)} (${utc(opts.since)} → ${utc(opts.recoveredAt)}), ${opts.failedRuns} failing run${opts.failedRuns === 1 ? '' : 's'}`,
    ...(opts.recovered.length ? [`- Recovered: ${list(opts.recovered)}`] : []),
    ''
  ].join('\n')
}

/** The comment that closes an issue a race opened twice. */
export function duplicateComment(keep: number): string {
  return `Duplicate of #${keep}: two runs opened an incident at the same time; #${keep} carries on.\n`
}
