/**
 * The action's channels: each publisher puts one view of the run's result where people look.
 * They run in the order of {@link PUBLISHERS}; a new channel is one more entry. Every view is
 * rendered by report/run.ts; nothing here builds Markdown or annotation text.
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import { actionToken, type Settings } from '../config.js'
import { errorMessage } from '../errors.js'
import { CommentError, octokitCommentApi, upsertStickyComment } from '../github/comment.js'
import { loadHistoryIssue, saveHistoryIssue } from '../github/history-issue.js'
import { syncIncidents, type IncidentOutcome } from '../github/incident.js'
import {
  IssuesError,
  octokitIssuesApi,
  type IssueRecord,
  type IssuesApi,
  type Repo
} from '../github/issues.js'
import { appendRun, emptyHistory, sampleOf, type History } from '../monitor/history.js'
import type { RunResult } from '../pipeline/types.js'
import { annotationsOf } from '../report/annotations.js'
import { byteLength, COMMENT_LIMIT_NAME, SUMMARY_BUDGET_BYTES } from '../report/budget.js'
import {
  buildCommentBody,
  commentMarker,
  prNumberFromEvent,
  shouldComment
} from '../report/comment.js'
import {
  runFindings,
  runMarkdown,
  runOutputs,
  runOverall,
  runWarnings,
  type RunOutputs
} from '../report/run.js'
import { trendMarkdown } from '../report/trend.js'

/** What a publisher gets; earlier publishers leave what later ones use (history, incident). */
export interface PublishContext {
  result: RunResult
  settings: Settings
  /** The run history with this run last, once the history publisher has read it. */
  history?: History
  /** Set when GitHub refused the issues calls: the incident publisher does not try again. */
  issuesFailed?: boolean
  incident?: IncidentOutcome
  /** The issues API, created on first use. */
  issues?: { api: IssuesApi; repo: Repo; selfLogin: string | undefined }
}

/** Whether incidents are on for this run: `auto` on schedule and workflow_dispatch events. */
export function incidentsOn(settings: Settings, eventName: string): boolean {
  if (settings.incident === 'never') return false
  return (
    settings.incident === 'always' || eventName === 'schedule' || eventName === 'workflow_dispatch'
  )
}

/** Whether this run writes the history: `auto` when incidents are on. */
export function historyWritten(settings: Settings, eventName: string): boolean {
  if (settings.history === 'off') return false
  return settings.history === 'always' || incidentsOn(settings, eventName)
}

function runUrl(): string {
  const ctx = github.context
  const { owner, repo } = ctx.repo
  return `${ctx.serverUrl}/${owner}/${repo}/actions/runs/${ctx.runId}`
}

async function issuesOf(ctx: PublishContext): Promise<NonNullable<PublishContext['issues']>> {
  if (ctx.issues) return ctx.issues
  const token = actionToken(name => core.getInput(name))
  if (!token) throw new IssuesError('No GitHub token: set the github-token input.')
  const api = octokitIssuesApi(token, { baseUrl: github.context.apiUrl })
  ctx.issues = { api, repo: github.context.repo, selfLogin: await api.selfLogin() }
  return ctx.issues
}

export interface Publisher {
  name: string
  /** Consecutive publishers with the same group share one collapsible log group. */
  group?: string
  publish(ctx: PublishContext): Promise<void>
}

/** Room the sticky comment's Markdown may use: GitHub's 65,536 characters less marker and footer. */
export const COMMENT_BUDGET_BYTES = 60_000

/** Sets every step output. */
export function setOutputs(outputs: RunOutputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

const files: Publisher = {
  name: 'files',
  group: 'Report',
  async publish({ result }) {
    if (result.kind === 'logs') core.info(`Report file: ${result.files.report}`)
    else core.info(`State file: ${result.files.report}`)
    if (result.files.alert) core.info(`Alert file: ${result.files.alert}`)
  }
}

/**
 * The run history: read from its issue, this run appended, written back, on the runs that keep
 * it (scheduled and manual runs by default). A failure is a warning; the check's result never
 * depends on it.
 */
const memory: Publisher = {
  name: 'history',
  async publish(ctx) {
    const { result, settings } = ctx
    if (result.kind !== 'health' || settings.history === 'off') return
    const eventName = github.context.eventName ?? ''
    // Only runs that keep the history read it: a pull request's run makes no GitHub calls.
    if (!historyWritten(settings, eventName)) {
      core.info(
        `Run history: not kept (history: ${settings.history}, ${eventName || 'unknown'} event)`
      )
      return
    }
    const { cluster, region } = result.report
    try {
      const gh = await issuesOf(ctx)
      const loaded = await loadHistoryIssue(gh.api, gh.repo, cluster, region, gh.selfLogin)
      const url = github.context.runId ? runUrl() : undefined
      const history = appendRun(
        loaded.history ?? emptyHistory(cluster, region),
        sampleOf(result, settings.failOn, url)
      )
      ctx.history = history
      const saved = await saveHistoryIssue(
        gh.api,
        gh.repo,
        history,
        trendMarkdown(history),
        loaded.issue as IssueRecord | undefined
      )
      core.info(`Run history: ${saved.kept} runs kept in issue #${saved.number}`)
    } catch (err) {
      ctx.issuesFailed = true
      core.warning(`Run history not kept: ${errorMessage(err)}`, { title: 'Run history not kept' })
    }
  }
}

/**
 * The job summary. Without one (outside a runner, or an old GitHub Enterprise Server) the report
 * is still in the log, the outputs and the report file: a warning, not a failed run.
 */
const summary: Publisher = {
  name: 'job summary',
  group: 'Report',
  async publish({ result, history }) {
    try {
      // A trend needs two runs at least; one point is not a trend.
      const trend = history && history.runs.length > 1 ? trendMarkdown(history) : ''
      const markdown = runMarkdown(result, SUMMARY_BUDGET_BYTES - byteLength(trend))
      await core.summary.addRaw(markdown + (trend ? `\n${trend}` : ''), true).write()
    } catch (err) {
      core.summary.emptyBuffer()
      core.warning(`Job summary not written: ${errorMessage(err)}`, {
        title: 'Job summary not written'
      })
    }
  }
}

const annotations: Publisher = {
  name: 'annotations',
  group: 'Report',
  async publish({ result }) {
    for (const a of annotationsOf(runFindings(result))) {
      const props = { title: a.title }
      if (a.level === 'error') core.error(a.message, props)
      else if (a.level === 'warning') core.warning(a.message, props)
      else core.notice(a.message, props)
    }
    for (const w of runWarnings(result))
      core.warning(w, { title: 'Logs Insights answer not trusted' })
  }
}

/** Sticky PR comment with the same content as the summary; a failure is a warning, never a failed step. */
const comment: Publisher = {
  name: 'PR comment',
  async publish({ result, settings }) {
    try {
      const ctx = github.context
      const eventName = ctx.eventName ?? ''
      const prNumber = prNumberFromEvent(eventName, ctx.payload ?? {})
      const overall = runOverall(result)
      const decision = shouldComment({ mode: settings.commentOnPr, eventName, prNumber, overall })
      if (!decision.comment || prNumber === undefined) {
        core.info(`PR comment: not written (${decision.why})`)
        return
      }
      await core.group('PR comment', async () => {
        const { owner, repo } = ctx.repo
        const runUrl = `${ctx.serverUrl}/${owner}/${repo}/actions/runs/${ctx.runId}`
        const markdown = runMarkdown(result, COMMENT_BUDGET_BYTES, COMMENT_LIMIT_NAME)
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
}

/** Room an incident issue's report may use: the body limit less header, trend and footer. */
export const INCIDENT_REPORT_BYTES = 48_000

/**
 * Incident issues on scheduled runs: opened after `incident-after` failing runs, edited while
 * failing, resolved after `resolve-after` healthy ones. A refusal is a warning, never a failure.
 */
const incident: Publisher = {
  name: 'incident',
  async publish(ctx) {
    const { result, settings } = ctx
    const eventName = github.context.eventName ?? ''
    if (result.kind !== 'health') return
    if (!incidentsOn(settings, eventName)) {
      core.info(
        `Incident: not kept (incident: ${settings.incident}, ${eventName || 'unknown'} event)`
      )
      return
    }
    if (ctx.issuesFailed || !ctx.history) {
      core.info('Incident: skipped, the run history could not be read (see the warning above)')
      return
    }
    try {
      const gh = await issuesOf(ctx)
      const trend = trendMarkdown(ctx.history, { heading: '##' })
      const outcome = await syncIncidents(
        gh.api,
        {
          repo: gh.repo,
          cluster: result.report.cluster,
          region: result.report.region,
          policy: {
            after: settings.incidentAfter,
            resolveAfter: settings.resolveAfter,
            scope: settings.incidentScope
          },
          labels: settings.incidentLabels,
          assignees: settings.incidentAssignees,
          history: ctx.history,
          report: runMarkdown(
            result,
            INCIDENT_REPORT_BYTES - byteLength(trend),
            COMMENT_LIMIT_NAME
          ),
          trend,
          runUrl: github.context.runId ? runUrl() : undefined
        },
        gh.selfLogin
      )
      ctx.incident = outcome
      for (const line of outcome.log) core.info(`Incident: ${line}`)
      for (const w of outcome.warnings) core.warning(w, { title: 'Incident issue' })
    } catch (err) {
      core.warning(
        err instanceof IssuesError
          ? err.message
          : `Incident issue not written: ${errorMessage(err)}`,
        { title: 'Incident issue not written' }
      )
    }
  }
}

const outputs: Publisher = {
  name: 'outputs',
  async publish({ result, incident }) {
    setOutputs(runOutputs(result))
    const touched = incident?.issues ?? []
    core.setOutput('incident-state', incident?.state ?? 'none')
    core.setOutput('incident-number', touched.map(i => i.number).join(','))
    core.setOutput(
      'incident-url',
      touched
        .map(i => i.url ?? '')
        .filter(Boolean)
        .join(',')
    )
  }
}

/** Every channel, in the order they are written. */
export const PUBLISHERS: readonly Publisher[] = [
  memory,
  files,
  summary,
  annotations,
  comment,
  incident,
  outputs
]

/** Runs the publishers, grouping consecutive ones that share a log group. */
export async function publish(
  ctx: PublishContext,
  publishers: readonly Publisher[] = PUBLISHERS
): Promise<void> {
  for (let i = 0; i < publishers.length;) {
    const group = publishers[i]?.group
    let j = i + 1
    while (group !== undefined && j < publishers.length && publishers[j]?.group === group) j++
    const batch = publishers.slice(i, j)
    const all = async (): Promise<void> => {
      for (const p of batch) await p.publish(ctx)
    }
    if (group !== undefined) await core.group(group, all)
    else await all()
    i = j
  }
}
