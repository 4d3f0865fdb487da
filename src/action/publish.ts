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
import type { RunResult } from '../pipeline/types.js'
import { annotationsOf } from '../report/annotations.js'
import { COMMENT_LIMIT_NAME, SUMMARY_BUDGET_BYTES } from '../report/budget.js'
import {
  buildCommentBody,
  commentMarker,
  prNumberFromEvent,
  shouldComment
} from '../report/comment.js'
import { runFindings, runMarkdown, runOutputs, runOverall, type RunOutputs } from '../report/run.js'

/** What a publisher gets. */
export interface PublishContext {
  result: RunResult
  settings: Settings
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
 * The job summary. Without one (outside a runner, or an old GitHub Enterprise Server) the report
 * is still in the log, the outputs and the report file: a warning, not a failed run.
 */
const summary: Publisher = {
  name: 'job summary',
  group: 'Report',
  async publish({ result }) {
    try {
      await core.summary.addRaw(runMarkdown(result, SUMMARY_BUDGET_BYTES), true).write()
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

const outputs: Publisher = {
  name: 'outputs',
  async publish({ result }) {
    setOutputs(runOutputs(result))
  }
}

/** Every channel, in the order they are written. */
export const PUBLISHERS: readonly Publisher[] = [files, summary, annotations, comment, outputs]

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
