/**
 * The trend over the recent runs, for the job summary and the incident issue: how long the
 * cluster has been failing (or healthy), Mermaid charts of errors per run and probe latency
 * (GitHub renders ```` ```mermaid ```` blocks, `xychart-beta` included), and a status strip per
 * service. Pure.
 */
import {
  CLUSTER_UNIT,
  streakOf,
  type History,
  type RunSample,
  type Streak
} from '../monitor/history.js'
import { mdText } from '../util/sanitize.js'
import { shortUtc, utc } from './format.js'

/** Runs a trend shows at most (a chart wider than this is unreadable at GitHub's width). */
export const TREND_RUNS = 30
/** Probes charted at most (one chart each: xychart-beta has no legend). */
const MAX_LATENCY_CHARTS = 3
/** Services in the strip at most; the healthy ones are not shown. */
const MAX_STRIP_ROWS = 20

/** Text inside a Mermaid string: no quotes, brackets or anything else the grammar reads. */
function mermaidText(s: string, max = 60): string {
  return (
    s
      .replace(/[^A-Za-z0-9 ._:/@+-]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, max) || '-'
  )
}

/** x-axis labels: `10:05`, or `12-05 10:05` when the runs span more than one day. */
function axisLabels(runs: readonly RunSample[]): string[] {
  const first = runs[0]?.at ?? ''
  const last = runs[runs.length - 1]?.at ?? ''
  const oneDay = first.slice(0, 10) === last.slice(0, 10)
  return runs.map(r => (oneDay ? r.at.slice(11, 16) : `${r.at.slice(5, 10)} ${r.at.slice(11, 16)}`))
}

/** A y-axis top that looks deliberate: 1, 2, 5 × 10ⁿ at or above `max`. */
function niceTop(max: number): number {
  if (!(max > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p
  return 10 * p
}

function chart(title: string, labels: string[], yName: string, series: string): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText(title)}"`,
    `  x-axis [${labels.map(l => `"${mermaidText(l, 16)}"`).join(', ')}]`,
    series.replace('%Y', `  y-axis "${mermaidText(yName)}"`),
    '```'
  ].join('\n')
}

function errorsChart(runs: readonly RunSample[], labels: string[]): string {
  const values = runs.map(r => Math.max(0, Math.round(r.errors)))
  const top = niceTop(Math.max(...values))
  return chart('Errors per run', labels, 'errors', `%Y 0 --> ${top}\n  bar [${values.join(', ')}]`)
}

/** One chart per probe that answered in most runs; a run without an answer reads 0. */
function latencyCharts(runs: readonly RunSample[], labels: string[]): string[] {
  const counts = new Map<string, number>()
  for (const r of runs)
    for (const name of Object.keys(r.latency)) counts.set(name, (counts.get(name) ?? 0) + 1)
  const probes = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_LATENCY_CHARTS)
    .map(([name]) => name)
  return probes.map(name => {
    const values = runs.map(r => Math.max(0, Math.round(r.latency[name] ?? 0)))
    const top = niceTop(Math.max(...values))
    const title = name === 'domain' ? 'Domain latency (ms)' : `Latency of ${name} (ms)`
    return chart(title, labels, 'ms', `%Y 0 --> ${top}\n  line [${values.join(', ')}]`)
  })
}

function cell(health: string | undefined): string {
  switch (health) {
    case undefined:
    case 'healthy':
      return '🟩'
    case 'degraded':
      return '🟨'
    case 'scaled_down':
      return '⬜'
    default:
      return '🟥'
  }
}

/** One row per service that was not healthy in one of the runs, plus the overall row. */
function strip(runs: readonly RunSample[]): string {
  const names = new Set<string>()
  for (const r of runs) for (const n of Object.keys(r.services)) names.add(n)
  const shown = [...names].sort().slice(0, MAX_STRIP_ROWS)
  const rows = [
    `| **overall** | ${runs.map(r => cell(r.overall)).join('')} |`,
    ...shown.map(
      n =>
        `| \`${mdText(n, 80).replace(/`/g, "'")}\` | ${runs.map(r => cell(r.services[n])).join('')} |`
    )
  ]
  const more = names.size - shown.length
  return [
    '| Service | Oldest → newest |',
    '|---|---|',
    ...rows,
    ...(more > 0 ? [`| … ${more} more | |`] : []),
    ''
  ].join('\n')
}

/** `unhealthy since 10:05 UTC (7 runs)`, or `healthy for 3 runs (since …)`. */
export function streakSentence(s: Streak, overall: string, now?: string): string {
  const since = s.since ? shortUtc(s.since, now) : ''
  const runs = `${s.runs} run${s.runs === 1 ? '' : 's'}`
  if (!s.failing) return `healthy for ${runs}${since ? ` (since ${since})` : ''}`
  let text = `${overall} since ${since} (${runs})`
  if (s.earlierFailures === 0) text += ' · a new failure'
  else if (s.lastFailureBefore) text += ` · recurring: last failed ${utc(s.lastFailureBefore)}`
  return text
}

/**
 * The trend section: the streak, the charts and the strip over the last {@link TREND_RUNS}
 * runs. Empty without runs.
 */
export function trendMarkdown(h: History, opts: { heading?: string } = {}): string {
  const runs = h.runs.slice(-TREND_RUNS)
  const last = runs[runs.length - 1]
  if (!last) return ''
  const labels = axisLabels(runs)
  const streak = streakOf(h, CLUSTER_UNIT)
  const parts = [
    `${opts.heading ?? '###'} Trend: last ${runs.length} run${runs.length === 1 ? '' : 's'}`,
    '',
    `**${mdText(streakSentence(streak, last.overall, last.at), 300)}** · history keeps ${h.runs.length} run${h.runs.length === 1 ? '' : 's'}`,
    '',
    errorsChart(runs, labels),
    '',
    ...latencyCharts(runs, labels).flatMap(c => [c, '']),
    strip(runs)
  ]
  return parts.join('\n')
}

/** The CLI's line about the history: `History: unhealthy since … (3 runs); 12 runs in <file>`. */
export function renderHistoryLine(h: History, file: string): string {
  const last = h.runs[h.runs.length - 1]
  if (!last) return ''
  const s = streakSentence(streakOf(h, CLUSTER_UNIT), last.overall, last.at)
  return `History: ${s}; ${h.runs.length} runs in ${file}\n`
}
