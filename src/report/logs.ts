/**
 * Renderers of the log analysis and diagnosis: JSON (the seed's fields in snake_case), terminal
 * text and Markdown. Pure; every string from a log goes through the sanitizer for its channel.
 */
import type { ServiceLogAnalysis } from '../logs/analyze.js'
import { sharedDependencies, type Diagnosis, type ServiceDiagnosis } from '../logs/diagnose.js'
import { groupStoppedTasks } from '../logs/restarts.js'
import { CATEGORIES } from '../logs/types.js'
import { fitSummary, type SummaryPart } from './budget.js'
import { engineText, logIcon, serviceDetailsPart } from './details.js'
import { cleanJson, mdText, termText } from '../util/sanitize.js'
import type { Json } from './state.js'
import type { Settings } from '../config.js'
import type { AutoDiagnoseResult, LogsRunResult } from '../pipeline/types.js'

/**
 * One line per kind of Logs Insights answer that was not trusted (the log groups it concerns
 * named), for the report's warnings and the action's annotations. Empty when none.
 */
export function engineWarnings(analyses: readonly ServiceLogAnalysis[]): string[] {
  const by = new Map<string, { detail: string; groups: string[] }>()
  for (const a of analyses) {
    if (!a.fallback) continue
    const key =
      a.fallback.reason === 'rejected' ? `rejected:${a.fallback.detail}` : a.fallback.reason
    const e = by.get(key) ?? { detail: a.fallback.detail, groups: [] }
    e.groups.push(a.logGroup)
    by.set(key, e)
  }
  return [...by.entries()].map(([key, e]) => {
    const n = e.groups.length
    const names = e.groups.slice(0, 5).join(', ') + (n > 5 ? `, … ${n - 5} more` : '')
    const what = key.startsWith('rejected:')
      ? `${e.detail}: ${n} log group${n === 1 ? ' was' : 's were'} read with FilterLogEvents instead`
      : key === 'empty'
        ? `Logs Insights counted no events in ${n} log group${n === 1 ? '' : 's'} where FilterLogEvents found some (${names}); read with FilterLogEvents instead`
        : `Logs Insights returned fewer events than its own counts for ${n} log group${n === 1 ? '' : 's'} (${names}); read with FilterLogEvents instead`
    return `${what}. The figures are FilterLogEvents'; if this persists, set log-engine: filter.`
  })
}

/** The JSON of one service's analysis (kept in the alert file, the report and `--json`). */
export function analysisJson(
  a: ServiceLogAnalysis,
  d?: Diagnosis
): { [key: string]: Json | undefined } {
  // Every string is redacted and bounded: task reasons and evidence are written by others.
  return cleanJson({
    service: a.service,
    log_group: a.logGroup,
    status: a.status,
    ...(a.engine ? { engine: a.engine } : {}),
    ...(a.fallback ? { engine_fallback: { ...a.fallback } } : {}),
    window: { ...a.window },
    events_read: a.eventsRead,
    events: a.events,
    truncated: a.truncated,
    streams: a.streams,
    time_range: { ...a.timeRange },
    error_count: a.errorCount,
    categories: Object.fromEntries(
      CATEGORIES.filter(c => a.categories[c] > 0).map(c => [c, a.categories[c]])
    ),
    http_status: { ...a.http.byStatus },
    http: {
      total: a.http.total,
      errors_5xx: a.http.errors5xx,
      health_checks_skipped: a.http.healthChecks
    },
    restarts: {
      stopped_tasks: a.stoppedTasks.length,
      log_shutdowns: a.logRestarts.shutdowns,
      log_startups: a.logRestarts.startups,
      tasks: a.stoppedTasks.map(t => ({
        task_id: t.taskId,
        task_definition: t.taskDefinition,
        stopped_at: t.stoppedAt,
        stop_code: t.stopCode,
        stopped_reason: t.stoppedReason,
        cause: t.cause,
        summary: t.summary,
        containers: t.containers.map(c => ({
          name: c.name,
          exit_code: c.exitCode,
          reason: c.reason
        }))
      }))
    },
    unique_errors: a.errors.length + a.otherErrors,
    errors: a.errors.slice(0, 20).map(e => ({
      fingerprint: e.key,
      text: e.text,
      category: e.category,
      rule: e.rule,
      count: e.count,
      first_seen: e.firstSeen,
      last_seen: e.lastSeen,
      sample: e.sample
    })),
    samples: a.errors.slice(0, 5).map(e => e.sample),
    ...(d
      ? {
          diagnosis: {
            cause: d.cause,
            verdict: d.verdict,
            evidence: d.evidence,
            next: d.next,
            ...(d.chain ? { chain: d.chain } : {}),
            ...(d.dependency ? { dependency: d.dependency } : {})
          }
        }
      : {}),
    ...(a.error ? { error: { ...a.error } } : {}),
    ...(a.tasksError ? { tasks_error: { ...a.tasksError } } : {})
  })
}

function categoryLine(a: ServiceLogAnalysis): string {
  const parts = CATEGORIES.filter(c => a.categories[c] > 0).map(c => `${c}=${a.categories[c]}`)
  return parts.length ? parts.join(' ') : 'no errors'
}

/** Terminal text of analyses with their diagnoses. */
export function renderDiagnosesText(
  items: readonly ServiceDiagnosis[],
  opts: { verbose?: boolean } = {}
): string {
  const out: string[] = engineWarnings(items.map(i => i.analysis)).map(
    w => `warning: ${termText(w, 1000)}\n`
  )
  for (const s of sharedDependencies(items))
    out.push(
      `${s.services.length} services cannot reach ${termText(s.dependency)}: ${termText(s.services.join(', '))}\n`
    )
  for (const { analysis: a, diagnosis: d } of items) {
    const source =
      a.engine === 'insights' || a.fallback ? ` (${engineText(a.engine, a.fallback)})` : ''
    out.push(`== ${termText(a.service)} [${a.status}] ${termText(a.logGroup)}${source}`)
    out.push(`   ${d.cause === 'none' ? 'OK' : 'Cause'}: ${termText(d.verdict)}`)
    if (d.chain && d.chain.length > 1)
      out.push(`   chain: ${d.chain.map(step => termText(step)).join(' -> ')}`)
    if (a.error) out.push(`   logs: ${termText(a.error.message)}`)
    else {
      out.push(
        `   ${a.eventsRead} events${a.truncated ? ' (limit reached)' : ''}, ${a.streams} streams, ${categoryLine(a)}${a.http.total ? `, http ${a.http.total} (5xx ${a.http.errors5xx})` : ''}`
      )
    }
    for (const e of d.evidence.slice(0, opts.verbose ? 20 : 6)) out.push(`   - ${termText(e)}`)
    if (opts.verbose) {
      for (const g of a.errors.slice(0, 10)) {
        out.push(`   [${g.count}× ${g.category}] ${termText(g.text)}`)
        out.push(`      sample: ${termText(g.sample, 400)}`)
      }
    }
    for (const n of d.next) out.push(`   next: ${termText(n)}`)
    out.push('')
  }
  return out.join('\n')
}

/** Options of {@link renderDiagnosesMarkdown}. */
export interface DiagnosesMarkdownOptions {
  /** Cluster and region, for the console links. */
  cluster?: string | undefined
  region?: string | undefined
  /**
   * Byte budget of the Markdown. The default leaves room for a health report in front of it in
   * the same job summary.
   */
  budgetBytes?: number | undefined
  /** How the left-out note names the limit; default GitHub's 1 MiB job summary limit. */
  limitName?: string | undefined
}

/** Default budget of {@link renderDiagnosesMarkdown}: its share of the 1 MiB summary. */
export const DIAGNOSES_SHARE_BYTES = 448 * 1024

/**
 * Markdown: one table row per service, then a collapsible diagnosis per service with a problem,
 * most severe first, within a byte budget (samples, then the least severe services' details
 * are left out first, and a note says so).
 */
export function renderDiagnosesMarkdown(
  items: readonly ServiceDiagnosis[],
  title = 'Log diagnosis',
  opts: DiagnosesMarkdownOptions = {}
): string {
  if (items.length === 0) return ''
  const lines: string[] = [`### ${mdText(title, 100)}`, '']
  for (const w of engineWarnings(items.map(i => i.analysis)))
    lines.push(`> ⚠️ ${mdText(w, 1000)}`, '')
  lines.push('| Service | Logs | Errors | Stopped tasks | Most likely cause |')
  lines.push('| --- | --- | --- | --- | --- |')
  for (const { analysis: a, diagnosis: d } of items) {
    lines.push(
      `| ${mdText(a.service, 100)} | ${logIcon(a.status)} ${a.status.replace('_', ' ')} | ${a.errorCount} | ${a.stoppedTasks.length} | ${mdText(d.verdict, 300)} |`
    )
  }
  lines.push('', '')
  const details = items
    .filter(i => i.diagnosis.cause !== 'none')
    .map(i => serviceDetailsPart({ name: i.analysis.service, diagnosis: i }, opts))
    .map((p, i) => ({ p, i }))
    .sort((x, y) => y.p.rank - x.p.rank || x.i - y.i)
    .map(x => x.p)
  const parts: SummaryPart[] = [{ full: lines.join('\n'), rank: Infinity }, ...details]
  return fitSummary(parts, opts.budgetBytes ?? DIAGNOSES_SHARE_BYTES, {
    ...(opts.limitName ? { limitName: opts.limitName } : {})
  }).markdown
}

/** The JSON report of a log command. */
export function logsReportJson(
  settings: Pick<Settings, 'cluster' | 'region'>,
  command: string,
  items: readonly ServiceDiagnosis[],
  now: Date
): Record<string, unknown> {
  return {
    timestamp: now.toISOString(),
    epoch: Math.floor(now.getTime() / 1000),
    cluster: settings.cluster,
    region: settings.region,
    command,
    error_count: items.reduce((n, i) => n + i.analysis.errorCount, 0),
    services: Object.fromEntries(
      items.map(i => [i.analysis.service, analysisJson(i.analysis, i.diagnosis)])
    )
  }
}

function summaryLine(items: readonly { analysis: { status: string } }[]): string {
  const counts = new Map<string, number>()
  for (const i of items) counts.set(i.analysis.status, (counts.get(i.analysis.status) ?? 0) + 1)
  return `${items.length} services: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')}\n`
}

function errorsText(items: readonly ServiceDiagnosis[]): string {
  const out: string[] = []
  for (const { analysis: a } of items) {
    out.push(
      `== ${termText(a.service)}: ${a.errorCount} errors in ${a.eventsRead} events${a.error ? ` (${termText(a.error.message)})` : ''}`
    )
    for (const g of a.errors)
      out.push(`  ${String(g.count).padStart(6)}× ${g.category.padEnd(18)} ${termText(g.text)}`)
  }
  return out.join('\n') + '\n'
}

function restartsText(items: readonly ServiceDiagnosis[]): string {
  const out: string[] = []
  for (const { analysis: a } of items) {
    out.push(
      `== ${termText(a.service)}: ${a.stoppedTasks.length} stopped tasks; logs: ${a.logRestarts.shutdowns} shutdowns, ${a.logRestarts.startups} startups${a.tasksError ? ` (${termText(a.tasksError.message)})` : ''}`
    )
    // Tasks that stopped the same way are one line: count, cause, reason, exit codes, ids.
    for (const g of groupStoppedTasks(a.stoppedTasks)) {
      const ids = g.taskIds.slice(0, 3).join(', ') + (g.count > 3 ? `, +${g.count - 3}` : '')
      out.push(
        `  ${g.count}× [${g.cause}] ${termText(g.summary)}${g.exitCodes.length ? `  exit ${termText(g.exitCodes.join(', '))}` : ''}  last ${g.lastStoppedAt ?? '?'}  tasks ${ids}${g.taskDefinitions.length ? `  ${termText(g.taskDefinitions.join(', '))}` : ''}`
      )
    }
  }
  return out.join('\n') + '\n'
}

/** The CLI's text of a log command (`diagnose`, `errors`, `restarts`, `summary`). */
export function renderLogsRunText(r: LogsRunResult, verbose: boolean): string {
  if (r.command === 'errors') return errorsText(r.items)
  if (r.command === 'restarts') return restartsText(r.items)
  if (r.command === 'summary') {
    return (
      renderDiagnosesText(
        r.items.filter(i => i.diagnosis.cause !== 'none'),
        { verbose }
      ) + summaryLine(r.items)
    )
  }
  return renderDiagnosesText(r.items, { verbose })
}

/** The CLI's output of `logs auto-diagnose`: what the state file says, then the diagnoses. */
export function renderAutoDiagnoseText(r: AutoDiagnoseResult, json: boolean): string {
  let out = `State ${r.stateFile}: overall ${termText(r.overall)}\n`
  for (const i of r.issues) out += `  - ${termText(i)}\n`
  out += `Diagnosing ${r.services.length ? r.services.join(', ') : '(no services)'}\n\n`
  return out + (json ? JSON.stringify(r.json, null, 2) + '\n' : renderDiagnosesText(r.items))
}
