/**
 * What the action publishes about one run, as pure functions of its result: the Markdown of the
 * job summary and the PR comment (one per byte budget), the findings behind the annotations, the
 * one-line headline that fails (or passes) the step, and the step outputs.
 */
import { unhealthyServices } from '../checks/attention.js'
import { exitCodeOf } from '../checks/judge.js'
import type { Finding, Overall } from '../checks/types.js'
import type { HealthRunResult, LogsRunResult, RunResult } from '../pipeline/types.js'
import { mdText } from '../util/sanitize.js'
import { byteLength } from './budget.js'
import { deploymentJson, renderDeploymentMarkdown, renderDeploymentText } from './deployment.js'
import { icon } from './format.js'
import { engineWarnings, renderDiagnosesMarkdown, renderDiagnosesText } from './logs.js'
import { toState } from './state.js'
import { renderHealthMarkdown } from './summary.js'
import { renderHealthText } from './text.js'

/** Log problems: services whose logs are neither healthy nor empty. */
function problemsOf(r: LogsRunResult): LogsRunResult['items'] {
  return r.items.filter(
    i =>
      (i.analysis.status !== 'healthy' && i.analysis.status !== 'no_logs') ||
      i.diagnosis.cause === 'logging'
  )
}

function healthMarkdown(r: HealthRunResult, budgetBytes: number, limitName?: string): string {
  const d = r.deployment
  const deployment = d ? renderDeploymentMarkdown(d.wait, d.verdict, d.comparisons) + '\n' : ''
  return (
    deployment +
    renderHealthMarkdown(r.report, {
      diagnoses: r.diagnoses,
      minutes: r.diagnosisMinutes,
      budgetBytes: budgetBytes - byteLength(deployment),
      limitName
    })
  )
}

function logsMarkdown(r: LogsRunResult, budgetBytes: number, limitName?: string): string {
  const headline = `## ${icon(r.overall)} ECS ${r.command}: ${r.overall} — \`${mdText(r.cluster)}\` (${r.region})\n\nLast ${r.minutes} minutes · ${r.items.length} services · ${r.now.toISOString().replace('T', ' ').slice(0, 19)} UTC\n\n`
  const shown = r.command === 'summary' ? problemsOf(r) : r.items
  return (
    headline +
    (shown.length
      ? renderDiagnosesMarkdown(shown, 'Log diagnosis', {
          cluster: r.cluster,
          region: r.region,
          budgetBytes: budgetBytes - byteLength(headline),
          limitName
        })
      : 'No problems found in the logs.\n')
  )
}

/**
 * The report as Markdown within a byte budget (the summary's 1 MiB, the comment's 65,536
 * characters); each drops samples, then the least severe services' details, and says so.
 */
export function runMarkdown(r: RunResult, budgetBytes: number, limitName?: string): string {
  return r.kind === 'health'
    ? healthMarkdown(r, budgetBytes, limitName)
    : logsMarkdown(r, budgetBytes, limitName)
}

/** The findings of the run, most severe first: each becomes an annotation. */
export function runFindings(r: RunResult): Finding[] {
  if (r.kind === 'health') return r.report.findings
  return problemsOf(r).map(i => ({
    severity:
      i.analysis.status === 'degraded' ||
      i.analysis.status === 'error' ||
      i.analysis.status === 'no_logs'
        ? 'degraded'
        : 'unhealthy',
    check: 'logs',
    service: i.analysis.service,
    title: `${i.analysis.service}: logs ${i.analysis.status}`,
    message: i.diagnosis.verdict
  }))
}

/**
 * Warnings about how the run read what it reports: log reads whose Logs Insights answer was
 * replaced by FilterLogEvents, target health read live because the metrics could not be.
 */
export function runWarnings(r: RunResult): string[] {
  return [
    ...(r.kind === 'health' ? (r.report.targets.warnings ?? []) : []),
    ...engineWarnings((r.kind === 'health' ? r.diagnoses : r.items).map(i => i.analysis))
  ]
}

/** The run's status in one sentence: the step's failure message, or its last log line. */
export function runHeadline(r: RunResult): string {
  if (r.kind === 'logs') {
    const problems = problemsOf(r)
    const top = problems[0]
    return `ECS ${r.command} is ${r.overall}${top ? `: ${top.analysis.service}: ${top.diagnosis.verdict}` : ''}${problems.length > 1 ? ` (+${problems.length - 1} more in the job summary)` : ''}`
  }
  if (r.deployment) return r.deployment.verdict.sentence
  const { findings, overall } = r.report
  const top = findings[0]
  const more = findings.length > 1 ? ` (+${findings.length - 1} more in the job summary)` : ''
  const cause = top?.service
    ? r.diagnoses.find(d => d.analysis.service === top.service)?.diagnosis
    : undefined
  return `ECS health is ${overall}${top ? `: ${top.title} — ${cause && cause.cause !== 'none' ? cause.verdict : top.message}` : ''}${more}`
}

/** The step outputs of a run (action.yml documents each). */
export interface RunOutputs {
  status: string
  'exit-code': string
  'report-file': string
  'unhealthy-services': string
  'error-count': string
  'deployment-status': string
  'new-errors': string
}

/** The overall status of a run. */
export function runOverall(r: RunResult): Overall {
  return r.kind === 'health' ? r.report.overall : r.overall
}

/** Outputs of a run that finished. */
export function runOutputs(r: RunResult): RunOutputs {
  const overall = runOverall(r)
  const items = r.kind === 'health' ? r.diagnoses : r.items
  const unhealthy =
    r.kind === 'health' ? unhealthyServices(r.report) : problemsOf(r).map(i => i.analysis.service)
  const d = r.kind === 'health' ? r.deployment : undefined
  return {
    status: overall,
    'exit-code': String(exitCodeOf(overall)),
    'report-file': r.files.report,
    'unhealthy-services': unhealthy.join(','),
    'error-count': String(items.reduce((n, i) => n + i.analysis.errorCount, 0)),
    'deployment-status': d?.wait.status ?? 'none',
    'new-errors': String(d ? d.comparisons.reduce((n, c) => n + c.newErrors.length, 0) : 0)
  }
}

/** Outputs of a run that could not run (bad settings, cluster not found…). */
export const FAILED_RUN_OUTPUTS: RunOutputs = {
  status: 'error',
  'exit-code': '2',
  'report-file': '',
  'unhealthy-services': '',
  'error-count': '0',
  'deployment-status': 'none',
  'new-errors': '0'
}

/** The state file's JSON of a health run (`--json`): the seed's shape, plus the deployment. */
export function runStateJson(r: HealthRunResult): Record<string, unknown> {
  const d = r.deployment
  return {
    ...toState(r.report),
    ...(d ? { deployment: deploymentJson(d.wait, d.verdict, d.comparisons) } : {})
  }
}

/**
 * The CLI's `health` output: `--json` prints the state, `--quiet` nothing; otherwise the
 * deployment verdict, the checks, the diagnosis of what is not healthy and the files written.
 */
export function renderHealthRunText(
  r: HealthRunResult,
  opts: { json: boolean; quiet: boolean }
): string {
  if (opts.json) return JSON.stringify(runStateJson(r), null, 2) + '\n'
  if (opts.quiet) return ''
  const d = r.deployment
  let out = d ? `\n${renderDeploymentText(d.wait, d.verdict)}\n` : ''
  out += renderHealthText(r.report)
  if (r.report.overall !== 'healthy' && r.diagnoses.length) {
    const what = d
      ? 'Diagnosis since the deployment'
      : `Auto-diagnosis (last ${r.diagnosisMinutes ?? 30} minutes)`
    out += `\n${what}:\n\n${renderDiagnosesText(r.diagnoses)}`
  }
  out += `\nState written to ${r.files.report}${r.files.alert ? `; alert written to ${r.files.alert}` : ''}\n`
  return out
}
