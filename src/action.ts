/**
 * The GitHub Action: inputs → settings, one log group per phase, files, job summary,
 * annotations, outputs, and the step's result according to `fail-on`.
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import { randomUUID } from 'node:crypto'
import { clientOptions, createClients, destroyClients, type AwsClients } from './aws/clients.js'
import { exitCodeOf } from './checks/judge.js'
import type { HealthReport, Overall } from './checks/types.js'
import { actionToken, settingsFromAction, type FailOn, type Settings } from './config.js'
import { CommentError, octokitCommentApi, upsertStickyComment } from './github.js'
import {
  buildCommentBody,
  commentMarker,
  prNumberFromEvent,
  shouldComment
} from './report/comment.js'
import { ConfigError, errorMessage, FatalError } from './errors.js'
import { annotationsOf } from './report/annotations.js'
import { mdText, oneLine } from './report/sanitize.js'
import { renderHealthMarkdown } from './report/summary.js'
import { byteLength, COMMENT_LIMIT_NAME, SUMMARY_BUDGET_BYTES } from './report/budget.js'
import { renderHealthText } from './report/text.js'
import { healthRun, writeAlert, writeState } from './run-health.js'
import { judgeRollout, waitForRollout, type Judged } from './run-deploy.js'
import type { WaitResult } from './deploy/wait.js'
import {
  deploymentJson,
  renderDeploymentMarkdown,
  renderDeploymentText
} from './report/deployment.js'
import { resolveServices, windowOf } from './logs/run.js'
import {
  renderDiagnosesMarkdown,
  renderDiagnosesText,
  type ServiceDiagnosis
} from './report/logs.js'
import { icon } from './report/format.js'
import {
  diagnoseServices,
  EarlyAnalyses,
  failingInServices,
  failingServices,
  logsReportJson,
  writeLogsReport
} from './run-logs.js'

/** Whether the overall status fails the step under `fail-on`. */
export function failsStep(overall: Overall, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  if (failOn === 'unhealthy') return overall === 'unhealthy'
  return overall !== 'healthy'
}

/**
 * Prints text that may hold content written by others (service events, target descriptions)
 * with workflow commands switched off, so none of it can act as `::error::` and the like.
 */
function logUntrusted(text: string): void {
  const token = randomUUID()
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
}

function setOutputs(o: {
  status: string
  exitCode: number
  reportFile: string
  unhealthyServices: string[]
  errorCount: number
  deploymentStatus?: string
  newErrors?: number
}): void {
  core.setOutput('status', o.status)
  core.setOutput('exit-code', String(o.exitCode))
  core.setOutput('report-file', o.reportFile)
  core.setOutput('unhealthy-services', o.unhealthyServices.join(','))
  core.setOutput('error-count', String(o.errorCount))
  core.setOutput('deployment-status', o.deploymentStatus ?? 'none')
  core.setOutput('new-errors', String(o.newErrors ?? 0))
}

function failRun(message: string): void {
  setOutputs({ status: 'error', exitCode: 2, reportFile: '', unhealthyServices: [], errorCount: 0 })
  core.setFailed(oneLine(message, 2000))
  process.exitCode = 2
}

/** Names of the services (and target groups' services) that are not healthy. */
export function unhealthyServices(r: HealthReport): string[] {
  const names = new Set<string>()
  for (const s of Object.values(r.services.services)) {
    if (s.health !== 'healthy' && s.health !== 'scaled_down') names.add(s.name)
  }
  for (const g of Object.values(r.targets.targetGroups)) {
    if (g.status === 'unhealthy') for (const s of g.services) names.add(s)
  }
  return [...names]
}

function annotate(findings: HealthReport['findings']): void {
  for (const a of annotationsOf(findings)) {
    const props = { title: a.title }
    if (a.level === 'error') core.error(a.message, props)
    else if (a.level === 'warning') core.warning(a.message, props)
    else core.notice(a.message, props)
  }
}

function finish(overall: Overall, failOn: FailOn, headline: string): void {
  if (failsStep(overall, failOn)) core.setFailed(oneLine(headline, 1000))
  else core.info(`${oneLine(headline, 1000)} (fail-on: ${failOn})`)
}

/** Room the sticky comment's Markdown may use: GitHub's 65,536 characters less marker and footer. */
const COMMENT_BUDGET_BYTES = 60_000

/**
 * Writes the job summary. Without one (outside a runner, or an old GitHub Enterprise Server) the
 * report is still in the log, the outputs and the report file: a warning, not a failed run.
 */
async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (err) {
    core.summary.emptyBuffer()
    core.warning(`Job summary not written: ${errorMessage(err)}`, {
      title: 'Job summary not written'
    })
  }
}

/** Sticky PR comment with the same content as the summary; any failure is a warning, never a failed step. */
async function stickyComment(
  settings: Settings,
  overall: Overall,
  markdown: string
): Promise<void> {
  try {
    const ctx = github.context
    const eventName = ctx.eventName ?? ''
    const prNumber = prNumberFromEvent(eventName, ctx.payload ?? {})
    const decision = shouldComment({ mode: settings.commentOnPr, eventName, prNumber, overall })
    if (!decision.comment || prNumber === undefined) {
      core.info(`PR comment: not written (${decision.why})`)
      return
    }
    await core.group('PR comment', async () => {
      const { owner, repo } = ctx.repo
      const runUrl = `${ctx.serverUrl}/${owner}/${repo}/actions/runs/${ctx.runId}`
      const body = buildCommentBody(markdown, { cluster: settings.cluster, runUrl })
      const api = octokitCommentApi(
        actionToken(name => core.getInput(name)),
        { baseUrl: ctx.apiUrl }
      )
      const r = await upsertStickyComment(
        api,
        { owner, repo, issueNumber: prNumber },
        commentMarker(settings.cluster),
        body,
        { createIfMissing: decision.create }
      )
      core.info(
        `PR comment: ${r.action}${'url' in r && r.url ? ` ${r.url}` : ''} (${decision.why})`
      )
    })
  } catch (err) {
    core.warning(
      err instanceof CommentError ? err.message : `PR comment not written: ${errorMessage(err)}`,
      { title: 'PR comment not written' }
    )
  }
}

/** Mode `health`, and `auto` = health, then the diagnosis of what is not healthy. */
/** Waits for the rollout, with the AWS text it prints kept inert. */
async function waitPhase(settings: Settings, clients: AwsClients): Promise<WaitResult> {
  return core.group('Waiting for the deployment', async () => {
    const token = randomUUID()
    core.info(`::stop-commands::${token}`)
    try {
      return await waitForRollout(settings, clients, {
        now: Date.now,
        sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
        log: line => core.info(oneLine(line, 1000))
      })
    } finally {
      core.info(`::${token}::`)
    }
  })
}

/** Mode `health`, and `auto` = health, then the diagnosis of what is not healthy; with the rollout wait when asked. */
async function health(settings: Settings, clients: AwsClients): Promise<void> {
  const wait = settings.wait ? await waitPhase(settings, clients) : undefined
  if (wait) core.info(`Deployment ${wait.status} after ${wait.polls} polls`)
  // In auto mode, what ECS already shows as failing is read while the target checks run.
  const early =
    settings.mode === 'auto' && !wait
      ? new EarlyAnalyses(settings, clients, windowOf(settings.minutes, new Date()))
      : undefined
  const run = await core.group('Health check', async () => {
    core.info(
      `Checking cluster ${settings.cluster} in ${settings.region}: ${settings.services ? `${settings.services.length} named services` : 'all services'}, ${settings.endpoints.length} endpoints${settings.domain ? `, domain ${settings.domain.host}` : ''}`
    )
    const r = await healthRun(settings, clients, {
      writeAlert: settings.mode === 'health' && !wait,
      ...(early ? { deps: { onServices: c => early.start(failingInServices(c)) } } : {})
    })
    logUntrusted(renderHealthText(r.report))
    return r
  })
  let report = run.report
  let diagnoses: ServiceDiagnosis[] = []
  let judged: Judged | undefined
  if (wait) {
    judged = await core.group('Judging the deployment', async () => {
      const j = await judgeRollout(settings, clients, wait, report, Date.now())
      logUntrusted(renderDeploymentText(wait, j.verdict))
      return j
    })
    report = {
      ...report,
      overall: judged.verdict.overall,
      findings: [...judged.verdict.findings, ...report.findings]
    }
    await writeState(
      run.stateFile,
      report,
      deploymentJson(wait, judged.verdict, judged.comparisons)
    )
    diagnoses = judged.diagnoses.filter(
      d => d.diagnosis.cause !== 'none' || d.analysis.errorCount > 0
    )
  } else if (settings.mode === 'auto') {
    const failing = failingServices(report)
    if (failing.length > 0) {
      diagnoses = await core.group(`Log diagnosis (${failing.length} services)`, async () => {
        const items = await diagnoseServices(settings, clients, failing, {
          health: report,
          ...(early ? { early } : {})
        })
        logUntrusted(renderDiagnosesText(items))
        return items
      })
    }
  }
  if ((settings.mode === 'auto' || wait) && report.overall !== 'healthy') {
    run.alertFile = await writeAlert(settings.outDir, report, diagnoses)
  }
  const errorCount = diagnoses.reduce((n, d) => n + d.analysis.errorCount, 0)

  const deployment =
    wait && judged ? renderDeploymentMarkdown(wait, judged.verdict, judged.comparisons) + '\n' : ''
  // One report per budget: the summary's 1 MiB and the comment's 65,536 characters; each drops
  // samples, then the least severe services' details, and says so.
  const render = (budget: number, limitName?: string): string =>
    deployment +
    renderHealthMarkdown(report, {
      diagnoses,
      minutes: settings.minutes,
      budgetBytes: budget - byteLength(deployment),
      limitName
    })
  const markdown = render(SUMMARY_BUDGET_BYTES)
  await core.group('Report', async () => {
    core.info(`State file: ${run.stateFile}`)
    if (run.alertFile) core.info(`Alert file: ${run.alertFile}`)
    await writeSummary(markdown)
    annotate(report.findings)
  })
  await stickyComment(settings, report.overall, render(COMMENT_BUDGET_BYTES, COMMENT_LIMIT_NAME))

  setOutputs({
    status: report.overall,
    exitCode: exitCodeOf(report.overall),
    reportFile: run.stateFile,
    unhealthyServices: unhealthyServices(report),
    errorCount,
    deploymentStatus: wait?.status ?? 'none',
    newErrors: judged ? judged.comparisons.reduce((n, c) => n + c.newErrors.length, 0) : 0
  })
  if (judged) {
    finish(report.overall, settings.failOn, judged.verdict.sentence)
    return
  }
  const top = report.findings[0]
  const more =
    report.findings.length > 1 ? ` (+${report.findings.length - 1} more in the job summary)` : ''
  const cause = top?.service
    ? diagnoses.find(d => d.analysis.service === top.service)?.diagnosis
    : undefined
  finish(
    report.overall,
    settings.failOn,
    `ECS health is ${report.overall}${top ? `: ${top.title} — ${cause && cause.cause !== 'none' ? cause.verdict : top.message}` : ''}${more}`
  )
}

/** Log status → the run's overall status. */
function overallOfLogs(items: readonly ServiceDiagnosis[]): Overall {
  const statuses = items.map(i => i.analysis.status)
  if (statuses.some(s => s === 'critical' || s === 'unhealthy')) return 'unhealthy'
  if (statuses.some(s => s === 'degraded' || s === 'error')) return 'degraded'
  return 'healthy'
}

/** Modes `diagnose`, `summary`, `errors`, `restarts`: the log commands of the seed. */
async function logsMode(settings: Settings, clients: AwsClients): Promise<void> {
  const mode = settings.mode
  const now = new Date()
  const items = await core.group(`Log ${mode}`, async () => {
    const services = await resolveServices({ clients }, settings, undefined)
    core.info(
      `${mode}: ${services.length} services of cluster ${settings.cluster}, last ${settings.minutes} minutes`
    )
    const out = await diagnoseServices(settings, clients, services, {
      withTasks: mode !== 'errors',
      now: () => now
    })
    logUntrusted(renderDiagnosesText(out))
    return out
  })
  const overall = overallOfLogs(items)
  const reportFile = await writeLogsReport(
    settings.outDir,
    mode,
    logsReportJson(settings, mode, items, now)
  )
  const problems = items.filter(
    i => i.analysis.status !== 'healthy' && i.analysis.status !== 'no_logs'
  )
  let markdown = ''
  let commentMarkdown = ''
  await core.group('Report', async () => {
    core.info(`Report file: ${reportFile}`)
    const headline = `## ${icon(overall)} ECS ${mode}: ${overall} — \`${mdText(settings.cluster)}\` (${settings.region})\n\nLast ${settings.minutes} minutes · ${items.length} services · ${now.toISOString().replace('T', ' ').slice(0, 19)} UTC\n\n`
    const shown = mode === 'summary' ? problems : items
    const render = (budget: number, limitName?: string): string =>
      headline +
      (shown.length
        ? renderDiagnosesMarkdown(shown, 'Log diagnosis', {
            cluster: settings.cluster,
            region: settings.region,
            budgetBytes: budget - byteLength(headline),
            limitName
          })
        : 'No problems found in the logs.\n')
    markdown = render(SUMMARY_BUDGET_BYTES)
    commentMarkdown = render(COMMENT_BUDGET_BYTES, COMMENT_LIMIT_NAME)
    await writeSummary(markdown)
    annotate(
      problems.map(i => ({
        severity:
          i.analysis.status === 'degraded' || i.analysis.status === 'error'
            ? 'degraded'
            : 'unhealthy',
        check: 'logs',
        service: i.analysis.service,
        title: `${i.analysis.service}: logs ${i.analysis.status}`,
        message: i.diagnosis.verdict
      }))
    )
  })
  await stickyComment(settings, overall, commentMarkdown)
  const errorCount = items.reduce((n, i) => n + i.analysis.errorCount, 0)
  setOutputs({
    status: overall,
    exitCode: exitCodeOf(overall),
    reportFile,
    unhealthyServices: problems.map(i => i.analysis.service),
    errorCount
  })
  const top = problems[0]
  finish(
    overall,
    settings.failOn,
    `ECS ${mode} is ${overall}${top ? `: ${top.analysis.service}: ${top.diagnosis.verdict}` : ''}${problems.length > 1 ? ` (+${problems.length - 1} more in the job summary)` : ''}`
  )
}

/** Entry point of the action. Never throws; the step's result says what happened. */
export async function run(): Promise<void> {
  let settings: Settings
  try {
    settings = settingsFromAction(name => core.getInput(name))
  } catch (err) {
    failRun(err instanceof ConfigError ? err.message : `Invalid settings: ${errorMessage(err)}`)
    return
  }
  const clients = createClients(clientOptions(settings))
  try {
    if (settings.mode === 'auto' || settings.mode === 'health') await health(settings, clients)
    else await logsMode(settings, clients)
  } catch (err) {
    if (err instanceof FatalError) failRun(err.message)
    else failRun(`The health check could not run: ${errorMessage(err)}`)
  } finally {
    destroyClients(clients)
  }
}
