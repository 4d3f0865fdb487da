/**
 * The collapsible section of one service that is not healthy: the diagnosis in its summary line,
 * console links, top error fingerprints with first/last seen, redacted samples, stopped tasks
 * with exit codes, targets that are not healthy, the latest service events and what to do next.
 * Pure; every string from AWS or a log goes through the sanitizer for its context.
 */
import type { ServiceResult, TargetGroupResult } from '../checks/types.js'
import type { ServiceDiagnosis } from '../logs/diagnose.js'
import { groupStoppedTasks } from '../logs/restarts.js'
import type { SummaryPart } from './budget.js'
import { icon, shortUtc, utc, windowText } from './format.js'
import { logGroupUrl, logsInsightsUrl, serviceUrl, targetGroupUrl } from './links.js'
import { fence, htmlText, mdCode, mdText } from '../util/sanitize.js'

/** Where links point: the cluster and region of the run. */
export interface LinkContext {
  cluster?: string | undefined
  region?: string | undefined
}

/** Everything known about one service. */
export interface ServiceFacts {
  name: string
  service?: ServiceResult | undefined
  /** Target groups attached to the service. */
  groups?: readonly TargetGroupResult[] | undefined
  diagnosis?: ServiceDiagnosis | undefined
}

const MAX_EVIDENCE = 8
const MAX_ERRORS = 5
const MAX_SAMPLES = 2
const SAMPLE_CHARS = 1500
const MAX_TASKS = 5
const MAX_TARGETS = 10
const MAX_EVENTS = 5

/**
 * Severity of a service for ordering and trimming: 4 the service is down (unhealthy, failed, no
 * healthy target), 3 its logs are critical or unhealthy, 2 degraded, 1 otherwise.
 */
export function serviceRank(f: ServiceFacts): number {
  const h = f.service?.health
  const logs = f.diagnosis?.analysis.status
  const groups = f.groups ?? []
  if (h === 'unhealthy' || h === 'failed' || groups.some(g => g.status === 'unhealthy')) return 4
  if (logs === 'critical' || logs === 'unhealthy') return 3
  if (h === 'degraded' || logs === 'degraded' || logs === 'error') return 2
  if (groups.some(g => g.unhealthy > 0 || g.status === 'error')) return 2
  return 1
}

/** Icon of a log status. */
export function logIcon(status: string): string {
  return icon(status === 'critical' ? 'unhealthy' : status === 'no_logs' ? 'skipped' : status)
}

/** The one line in the `<summary>`: the most likely cause, else the health reasons. */
export function headlineOf(f: ServiceFacts): string {
  const d = f.diagnosis?.diagnosis
  if (d && d.cause !== 'none') return d.verdict
  const s = f.service
  const bad = (f.groups ?? []).filter(g => g.status === 'unhealthy' || g.unhealthy > 0)
  const parts = [
    ...(s && s.health !== 'healthy'
      ? [`${s.health.replace('_', ' ')} (${s.running}/${s.desired} running)`]
      : []),
    ...(s?.reasons ?? []),
    ...bad.map(g => `target group ${g.name}: ${g.healthy}/${g.total} healthy`)
  ]
  return parts.join('; ') || d?.verdict || 'not healthy'
}

function links(f: ServiceFacts, ctx: LinkContext): string {
  if (!ctx.region) return ''
  const out: string[] = []
  const svc = ctx.cluster ? serviceUrl(ctx.region, ctx.cluster, f.name) : undefined
  if (svc) out.push(`[ECS service](${svc})`)
  for (const g of f.groups ?? []) {
    const url = targetGroupUrl(ctx.region, g.arn)
    if (url) out.push(`[target group ${mdText(g.name, 40)}](${url})`)
  }
  const a = f.diagnosis?.analysis
  if (a && a.logGroup && a.logGroup !== '-') {
    const lg = logGroupUrl(ctx.region, a.logGroup)
    if (lg) out.push(`[log group ${mdText(a.logGroup, 80)}](${lg})`)
    const li = logsInsightsUrl(ctx.region, [a.logGroup], a.window)
    if (li) out.push(`[Logs Insights: errors in the window](${li})`)
  }
  const source = a ? engineText(a.engine, a.fallback) : ''
  if (out.length === 0) return source ? `📥 ${source}` : ''
  return `🔗 ${out.join(' · ')}${source ? ` · 📥 ${source}` : ''}`
}

/** Which engine's figures a service's analysis holds, for a reader. */
export function engineText(
  engine: 'filter' | 'insights' | undefined,
  fallback: { reason: string } | undefined
): string {
  if (fallback)
    return `figures from FilterLogEvents (Logs Insights' answer was not trusted: ${fallback.reason})`
  if (engine === 'insights') return 'figures from Logs Insights'
  if (engine === 'filter') return 'figures from FilterLogEvents'
  return ''
}

function statusLine(f: ServiceFacts): string {
  const parts: string[] = []
  const s = f.service
  if (s) {
    const rollout = s.rolloutState
      ? ` · rollout ${s.rolloutState.toLowerCase().replace('_', ' ')}`
      : ''
    parts.push(
      `**Service** ${icon(s.health)} ${s.health.replace('_', ' ')} · ${s.running}/${s.desired} running, ${s.pending} pending${rollout}${s.rolledBack ? ' · rolled back' : ''}${s.taskDefinition ? ` · ${mdCode(s.taskDefinition, 100)}` : ''}`
    )
  }
  const a = f.diagnosis?.analysis
  if (a) {
    if (a.error) {
      parts.push(`**Logs** ${logIcon(a.status)} ${a.status}: ${mdText(a.error.message, 300)}`)
    } else {
      const seen =
        a.timeRange.first && a.timeRange.last
          ? `, first ${shortUtc(a.timeRange.first, a.window.end)}, last ${shortUtc(a.timeRange.last, a.window.end)}`
          : ''
      parts.push(
        `**Logs** ${logIcon(a.status)} ${a.status.replace('_', ' ')}: ${a.errorCount} error${a.errorCount === 1 ? '' : 's'} in ${a.eventsRead} event${a.eventsRead === 1 ? '' : 's'}${a.truncated ? ' (read limit reached)' : ''}, ${a.streams} stream${a.streams === 1 ? '' : 's'}${seen}; ${windowText(a.window.start, a.window.end, a.window.minutes)}`
      )
    }
  }
  return parts.join('  \n')
}

/** How the cause led to what is seen: `**Chain** a → b → c`. */
function chain(f: ServiceFacts): string[] {
  const c = f.diagnosis?.diagnosis.chain
  if (!c || c.length < 2) return []
  return [`**Chain:** ${c.map(step => mdText(step, 200)).join(' → ')}`, '']
}

function evidence(f: ServiceFacts): string[] {
  const d = f.diagnosis?.diagnosis
  if (!d || d.evidence.length === 0) return []
  const items = d.evidence.slice(0, MAX_EVIDENCE).map(e => `- ${mdText(e, 400)}`)
  return ['**Evidence**', '', ...items, '']
}

function errorsTable(f: ServiceFacts): string[] {
  const a = f.diagnosis?.analysis
  if (!a || a.errors.length === 0) return []
  const ref = a.window.end
  const rows = a.errors
    .slice(0, MAX_ERRORS)
    .map(
      g =>
        `| ${g.count} | ${mdText(g.category, 40)} | ${mdText(g.text, 200)} | ${shortUtc(g.firstSeen, ref)} | ${shortUtc(g.lastSeen, ref)} |`
    )
  const more = a.errors.length - MAX_ERRORS + a.otherErrors
  return [
    '**Top errors** (fingerprints: numbers, ids and times masked)',
    '',
    '| Count | Category | Error | First seen | Last seen |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(more > 0
      ? [`_${more} more error group${more === 1 ? '' : 's'} in the JSON report._`, '']
      : [])
  ]
}

function samples(f: ServiceFacts): string[] {
  const a = f.diagnosis?.analysis
  if (!a) return []
  const out: string[] = []
  for (const [i, g] of a.errors.slice(0, MAX_SAMPLES).entries()) {
    if (!g.sample) continue
    out.push(
      `Sample of the ${i === 0 ? 'most frequent' : 'next'} error (${mdText(g.category, 40)}, ${g.count}×, redacted):`,
      '',
      fence(g.sample, SAMPLE_CHARS),
      ''
    )
  }
  return out
}

function tasksTable(f: ServiceFacts): string[] {
  const a = f.diagnosis?.analysis
  if (!a) return []
  const out: string[] = []
  if (a.stoppedTasks.length) {
    const ref = a.window.end
    const groups = groupStoppedTasks(a.stoppedTasks)
    out.push(
      '**Stopped tasks**',
      '',
      '| Tasks | Last stopped | Cause | Exit codes | Reason |',
      '| --- | --- | --- | --- | --- |'
    )
    for (const g of groups.slice(0, MAX_TASKS)) {
      const ids = g.taskIds
        .slice(0, 3)
        .map(id => mdCode(id.slice(0, 12), 40))
        .join(', ')
      const more = g.taskIds.length > 3 ? ` +${g.taskIds.length - 3}` : ''
      const tds = g.taskDefinitions.map(td => mdCode(td, 80)).join(', ')
      out.push(
        `| ${g.count} × ${ids}${more}${tds ? ` ${tds}` : ''} | ${g.lastStoppedAt ? shortUtc(g.lastStoppedAt, ref) : '—'} | ${mdText(g.cause, 40)}${g.stopCode ? ` (${mdText(g.stopCode, 40)})` : ''} | ${g.exitCodes.length ? mdText(g.exitCodes.join(', '), 200) : '—'} | ${mdText(g.summary, 300)} |`
      )
    }
    out.push('')
    const more = groups.length - MAX_TASKS
    if (more > 0)
      out.push(
        `_${more} more kind${more === 1 ? '' : 's'} of stopped task in the JSON report._`,
        ''
      )
  }
  if (a.tasksError)
    out.push(`Stopped tasks could not be read: ${mdText(a.tasksError.message, 300)}`, '')
  return out
}

function targetsTables(f: ServiceFacts): string[] {
  const out: string[] = []
  for (const g of f.groups ?? []) {
    if (g.error) {
      out.push(`**Target group ${mdText(g.name, 40)}**: ${mdText(g.error.message, 300)}`, '')
      continue
    }
    if (g.badTargets.length === 0) continue
    out.push(
      `**Targets not healthy** in ${mdText(g.name, 40)} (${g.healthy}/${g.total} healthy)`,
      '',
      '| Target | State | Reason | Description |',
      '| --- | --- | --- | --- |'
    )
    for (const t of g.badTargets.slice(0, MAX_TARGETS)) {
      out.push(
        `| ${mdText(`${t.id}${t.port !== undefined ? `:${t.port}` : ''}`, 80)} | ${mdText(t.state, 40)} | ${mdText(t.reason ?? '—', 80)} | ${mdText(t.description ?? '—', 300)} |`
      )
    }
    out.push('')
    const more = g.badTargets.length - MAX_TARGETS
    if (more > 0) out.push(`_${more} more target${more === 1 ? '' : 's'} not healthy._`, '')
  }
  return out
}

function eventsList(f: ServiceFacts): string[] {
  const events = f.service?.events ?? []
  if (events.length === 0) return []
  return [
    '**Latest service events**',
    '',
    ...events
      .slice(0, MAX_EVENTS)
      .map(e => `- ${e.createdAt ? `${utc(e.createdAt)} — ` : ''}${mdText(e.message, 500)}`),
    ''
  ]
}

function nextSteps(f: ServiceFacts): string[] {
  const d = f.diagnosis?.diagnosis
  return (d?.next ?? []).flatMap(n => [`**Next:** ${mdText(n, 400)}`, ''])
}

/** Summary line of the collapsible section. */
function summaryLine(f: ServiceFacts): string {
  return `<details><summary><b>${htmlText(f.name, 100)}</b>: ${htmlText(headlineOf(f), 200)}</summary>`
}

/**
 * The collapsible section of one service, as a part of the report: in full, without samples
 * (`lean`), or as one line (`stub`) when the report has to shrink.
 */
export function serviceDetailsPart(f: ServiceFacts, ctx: LinkContext = {}): SummaryPart {
  const head = [summaryLine(f), '']
  const link = links(f, ctx)
  const status = statusLine(f)
  const top = [
    ...(link ? [link, ''] : []),
    ...(status ? [status, ''] : []),
    ...chain(f),
    ...evidence(f),
    ...errorsTable(f)
  ]
  const rest = [
    ...tasksTable(f),
    ...targetsTables(f),
    ...eventsList(f),
    ...nextSteps(f),
    '</details>',
    '',
    ''
  ]
  const sample = samples(f)
  const full = [...head, ...top, ...sample, ...rest].join('\n')
  return {
    full,
    ...(sample.length ? { lean: [...head, ...top, ...rest].join('\n') } : {}),
    stub: `- **${mdText(f.name, 100)}**: ${mdText(headlineOf(f), 200)} _(details left out)_\n\n`,
    rank: serviceRank(f),
    name: f.name
  }
}
