/**
 * The job summary / PR comment body for a health run, as Markdown: a headline (status with an
 * emoji cue, cluster, region, window, run time), what is wrong, the checks, the services (one row
 * each; most severe first, the healthy ones folded), the target groups, and a collapsible section per service that is not
 * healthy, with its log diagnosis when one ran. Pure: a function of the report. Every string that
 * came from AWS, a probe or a log goes through the sanitizer; the whole stays within a byte
 * budget (see budget.ts). Tables are narrow (GitHub's content is ~1,000 px wide): what needs
 * attention comes first with its reason beside its name, the healthy rest is folded.
 */
import { targetGroupIssue } from '../checks/targets.js'
import type { HealthReport, ServiceResult, TargetGroupResult } from '../checks/types.js'
import { groupSource, VIEWS_IN_ORDER } from './checks.js'
import { fitSummary, SUMMARY_BUDGET_BYTES, type SummaryPart } from './budget.js'
import { logIcon, serviceDetailsPart, serviceRank, type ServiceFacts } from './details.js'
import { duration, icon, utc, windowText } from './format.js'
import { clusterUrl } from './links.js'
import { sharedDependencies, type ServiceDiagnosis } from '../logs/diagnose.js'
import { mdCode, mdText } from '../util/sanitize.js'

/** Options of {@link renderHealthMarkdown}. */
export interface HealthMarkdownOptions {
  /** The log diagnosis of the services that are not healthy (mode `auto`). */
  diagnoses?: readonly ServiceDiagnosis[] | undefined
  /** Window of the run in minutes (service events, rollbacks, logs), for the headline. */
  minutes?: number | undefined
  /**
   * Byte budget. Default: the whole summary's budget when `diagnoses` are given (the report is
   * the summary), else a share that leaves room for a diagnosis appended after it.
   */
  budgetBytes?: number | undefined
  /** How the left-out note names the limit; default GitHub's 1 MiB job summary limit. */
  limitName?: string | undefined
}

/** Default budget of a health report rendered without its diagnoses. */
export const HEALTH_SHARE_BYTES = 512 * 1024

/** Findings listed at most under "What is wrong"; the rest are in the tables. */
const MAX_FINDINGS = 30

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n')
}

/** Order of services in the table: the most severe first, healthy and scaled-down last. */
const HEALTH_ORDER: Record<string, number> = {
  failed: 0,
  unhealthy: 1,
  degraded: 2,
  healthy: 3,
  scaled_down: 4
}

function rollout(s: ServiceResult): string {
  const state = s.rolloutState ? s.rolloutState.toLowerCase().replace('_', ' ') : '—'
  const extra = s.activeDeployments > 1 ? ` (${s.activeDeployments} deployments)` : ''
  return `${state}${extra}${s.rolledBack ? ' · rolled back' : ''}`
}

function badGroupsOf(r: HealthReport, service: string): TargetGroupResult[] {
  return Object.values(r.targets.targetGroups).filter(
    g =>
      g.services.includes(service) &&
      (g.status === 'unhealthy' || g.status === 'error' || g.unhealthy > 0)
  )
}

/** ` · 🔴 0/3 targets` when a target group of the service is not fully healthy. */
function targetsCell(r: HealthReport, service: string): string {
  return badGroupsOf(r, service)
    .map(
      g =>
        ` · ${icon(g.status === 'healthy' ? 'degraded' : g.status)} ${g.status === 'error' ? 'targets unknown' : `${g.healthy}/${g.total} targets`}`
    )
    .join('')
}

function groupReasons(r: HealthReport, service: string): string[] {
  return badGroupsOf(r, service).map(g => targetGroupIssue(g))
}

/** `bad`: the services that need attention (not healthy, bad targets, or a diagnosed cause). */
function headline(r: HealthReport, opts: HealthMarkdownOptions, bad: number): string[] {
  const services = Object.values(r.services.services)
  const a = opts.diagnoses?.[0]?.analysis
  const end = r.timestamp
  const window = a
    ? windowText(a.window.start, a.window.end, a.window.minutes)
    : opts.minutes
      ? windowText(
          new Date(Date.parse(end) - opts.minutes * 60_000).toISOString(),
          end,
          opts.minutes
        )
      : ''
  const cluster = clusterUrl(r.region, r.cluster)
  const meta = [
    services.length
      ? `**${bad ? `${bad} of ${services.length} services need attention` : `${services.length} service${services.length === 1 ? '' : 's'}, none failing`}**`
      : '**no services checked**',
    window ? `window ${window}` : '',
    `checked ${utc(r.timestamp)} in ${duration(r.durationMs)}`,
    r.domain ? `domain ${mdCode(r.domain, 200)}` : '',
    cluster ? `[cluster in the ECS console](${cluster})` : ''
  ].filter(Boolean)
  return [
    `## ${icon(r.overall)} ECS health: ${r.overall} — ${mdCode(r.cluster)} (${mdText(r.region, 40)})`,
    '',
    meta.join(' · '),
    ''
  ]
}

function findingsList(r: HealthReport, diagnoses: Iterable<ServiceDiagnosis> = []): string[] {
  if (r.findings.length === 0) return []
  const lines = ['### What is wrong', '']
  for (const s of sharedDependencies(diagnoses).slice(0, 5)) {
    lines.push(
      `- 🔴 **${s.services.length} services cannot reach ${mdCode(s.dependency)}**: ${mdText(s.services.join(', '), 300)}`
    )
  }
  for (const f of r.findings.slice(0, MAX_FINDINGS)) {
    lines.push(`- ${icon(f.severity)} **${mdText(f.title, 120)}** — ${mdText(f.message, 400)}`)
  }
  const more = r.findings.length - MAX_FINDINGS
  if (more > 0) lines.push(`- … and ${more} more, in the tables below`)
  lines.push('')
  return lines
}

function checksTable(r: HealthReport): string[] {
  const rows = VIEWS_IN_ORDER.flatMap(v => v.rows(r))
  return ['### Checks', '', table(['Check', 'Status', 'Details'], rows), '']
}

/** `3/3` and `, 1 pending` when some are. */
function tasksText(s: ServiceResult): string {
  return `${s.running}/${s.desired}${s.pending ? `, ${s.pending} pending` : ''}`
}

/** `🟢 11 healthy services, ⚪ 1 scaled down`. */
function calmSummary(calm: readonly ServiceResult[]): string {
  const healthy = calm.filter(s => s.health === 'healthy').length
  const down = calm.length - healthy
  return [
    healthy ? `${icon('healthy')} ${healthy} healthy service${healthy === 1 ? '' : 's'}` : '',
    down ? `${icon('scaled_down')} ${down} scaled down` : ''
  ]
    .filter(Boolean)
    .join(', ')
}

/**
 * Services: those that need attention in a narrow table with their reason next to their name
 * (readable at GitHub's ~1,000 px content width), then the healthy and scaled-down ones folded
 * into one `<details>` line, whose rows are the first thing cut when the summary is too big.
 */
function servicesTable(
  r: HealthReport,
  diagnoses: ReadonlyMap<string, ServiceDiagnosis>
): SummaryPart[] {
  const services = Object.values(r.services.services)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (HEALTH_ORDER[a.s.health] ?? 1) - (HEALTH_ORDER[b.s.health] ?? 1) || a.i - b.i)
    .map(x => x.s)
  if (services.length === 0) return []
  const why = (s: ServiceResult): string => {
    const d = diagnoses.get(s.name)
    const reason =
      d && d.diagnosis.cause !== 'none'
        ? d.diagnosis.verdict
        : [...s.reasons, ...groupReasons(r, s.name)].join('; ')
    const logs = d
      ? `logs ${logIcon(d.analysis.status)} ${d.analysis.status.replace('_', ' ')}${d.analysis.errorCount ? `, ${d.analysis.errorCount} errors` : ''}`
      : ''
    return [mdText(reason, 400), logs].filter(Boolean).join(' · ')
  }
  const loudRow = (s: ServiceResult): string =>
    row([
      mdText(s.name, 100),
      `${icon(s.health)} ${s.health.replace('_', ' ')}${targetsCell(r, s.name)}`,
      why(s),
      [tasksText(s), rollout(s), s.taskDefinition ? mdCode(s.taskDefinition, 100) : '']
        .filter(Boolean)
        .join(' · ')
    ])
  const calmHead = ['Service', 'Tasks', 'Rollout', 'Task definition']
  const calmRow = (s: ServiceResult): string =>
    row([
      `${s.health === 'healthy' ? '' : `${icon(s.health)} `}${mdText(s.name, 100)}`,
      tasksText(s),
      rollout(s),
      s.taskDefinition ? mdCode(s.taskDefinition, 100) : '—'
    ])
  const quiet = (s: ServiceResult): boolean =>
    (s.health === 'healthy' || s.health === 'scaled_down') &&
    badGroupsOf(r, s.name).length === 0 &&
    !(diagnoses.get(s.name) && diagnoses.get(s.name)?.diagnosis.cause !== 'none')
  const loud = services.filter(s => !quiet(s))
  const calm = services.filter(quiet)
  const lines = ['### Services', '']
  if (loud.length) {
    const head = ['Service', 'Health', 'Why', 'Tasks · rollout · task definition']
    lines.push(row(head), row(head.map(() => '---')), ...loud.map(loudRow), '')
  }
  const parts: SummaryPart[] = [{ full: lines.map(l => `${l}\n`).join(''), rank: Infinity }]
  if (calm.length) {
    parts.push({
      full: [
        `<details><summary>${calmSummary(calm)}</summary>`,
        '',
        row(calmHead),
        row(calmHead.map(() => '---'))
      ]
        .map(l => `${l}\n`)
        .join(''),
      rank: Infinity
    })
    const stubCells = calmHead.map(() => '')
    stubCells[0] = '…'
    stubCells[stubCells.length - 1] =
      `${calm.length} healthy or scaled-down service${calm.length === 1 ? '' : 's'} not listed (summary size limit)`
    parts.push({
      full: calm.map(s => `${calmRow(s)}\n`).join(''),
      stub: `${row(stubCells)}\n`,
      // Trimmed after the samples, before any service's details.
      rank: 0.5,
      name: `${calm.length} healthy or scaled-down services`,
      kind: 'rows'
    })
    parts.push({ full: '\n</details>\n\n', rank: Infinity })
  }
  return parts
}

/** Target groups: the ones not fully healthy in a table, the healthy ones folded. */
function targetGroupsTable(r: HealthReport): string[] {
  const groups = Object.values(r.targets.targetGroups)
  if (groups.length === 0) return []
  const order = (g: TargetGroupResult): number =>
    g.status === 'unhealthy' || g.status === 'error' ? 0 : g.unhealthy > 0 ? 1 : 2
  const sorted = groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => order(a.g) - order(b.g) || a.i - b.i)
    .map(x => x.g)
  const bad = sorted.filter(g => order(g) < 2)
  const good = sorted.filter(g => order(g) === 2)
  const targets = (g: TargetGroupResult): string =>
    g.status === 'error'
      ? 'unknown'
      : [
          `${g.healthy}/${g.total} healthy`,
          g.unhealthy ? `${g.unhealthy} unhealthy` : '',
          g.draining ? `${g.draining} draining` : ''
        ]
          .filter(Boolean)
          .join(', ') + (g.source === 'metrics' ? ` · ${groupSource(g, r.timestamp)}` : '')
  const why = (g: TargetGroupResult): string =>
    g.error
      ? mdText(g.error.message)
      : mdText(
          [
            ...new Set(
              g.badTargets.map(t => [t.reason, t.description].filter(Boolean).join(': ') || t.state)
            )
          ].join('; '),
          300
        )
  const lines = ['### Target groups', '']
  for (const w of r.targets.warnings ?? []) lines.push(`> ⚠️ ${mdText(w, 500)}`, '')
  if (bad.length) {
    lines.push(
      table(
        ['Target group', 'Status', 'Why', 'Targets', 'Services'],
        bad.map(g => [
          mdText(g.name, 100),
          `${icon(g.status)} ${g.status}`,
          why(g),
          targets(g),
          mdText(g.services.join(', '), 200)
        ])
      ),
      ''
    )
  }
  if (good.length) {
    lines.push(
      `<details><summary>${icon('healthy')} ${good.length} healthy target group${good.length === 1 ? '' : 's'}</summary>`,
      '',
      table(
        ['Target group', 'Targets', 'Services'],
        good.map(g => [mdText(g.name, 100), targets(g), mdText(g.services.join(', '), 200)])
      ),
      '',
      '</details>',
      ''
    )
  }
  return lines
}

/** The facts of every service that gets a collapsible section, most severe first. */
function servicesWithDetails(
  r: HealthReport,
  diagnoses: ReadonlyMap<string, ServiceDiagnosis>
): ServiceFacts[] {
  const names = new Set<string>()
  for (const s of Object.values(r.services.services)) {
    if (s.health !== 'healthy' && s.health !== 'scaled_down') names.add(s.name)
  }
  for (const g of Object.values(r.targets.targetGroups)) {
    if (g.status === 'unhealthy' || g.status === 'error' || g.unhealthy > 0)
      for (const s of g.services) names.add(s)
  }
  for (const [name, d] of diagnoses) if (d.diagnosis.cause !== 'none') names.add(name)
  return [...names]
    .map(name => ({
      name,
      service: r.services.services[name],
      groups: Object.values(r.targets.targetGroups).filter(g => g.services.includes(name)),
      diagnosis: diagnoses.get(name)
    }))
    .map((f, i) => ({ f, i, rank: serviceRank(f) }))
    .sort((a, b) => b.rank - a.rank || a.i - b.i)
    .map(x => x.f)
}

/** The report as parts, for {@link fitSummary}. */
export function healthSummaryParts(
  r: HealthReport,
  opts: HealthMarkdownOptions = {}
): SummaryPart[] {
  const diagnoses = new Map((opts.diagnoses ?? []).map(d => [d.analysis.service, d]))
  const withLogs = (opts.diagnoses?.length ?? 0) > 0
  const detailed = servicesWithDetails(r, diagnoses)
  const parts: SummaryPart[] = [
    {
      full:
        [
          ...headline(r, opts, detailed.length),
          ...findingsList(r, diagnoses.values()),
          ...checksTable(r)
        ].join('\n') + '\n',
      rank: Infinity
    },
    ...servicesTable(r, diagnoses)
  ]
  const groups = targetGroupsTable(r)
  if (groups.length) parts.push({ full: groups.join('\n') + '\n', rank: Infinity })
  if (detailed.length) {
    parts.push({
      full: `### ${withLogs ? 'Log diagnosis' : 'Services that need attention'}\n\n`,
      rank: Infinity
    })
    for (const f of detailed) {
      parts.push(serviceDetailsPart(f, { cluster: r.cluster, region: r.region }))
    }
  }
  return parts
}

/** Markdown report of a health run, within its byte budget. */
export function renderHealthMarkdown(r: HealthReport, opts: HealthMarkdownOptions = {}): string {
  const budget =
    opts.budgetBytes ?? (opts.diagnoses !== undefined ? SUMMARY_BUDGET_BYTES : HEALTH_SHARE_BYTES)
  return fitSummary(healthSummaryParts(r, opts), budget, {
    ...(opts.limitName ? { limitName: opts.limitName } : {})
  }).markdown
}
