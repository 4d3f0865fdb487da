/** Renderers of a deployment verdict: Markdown for the summary/comment, text, JSON. Pure. */
import type { Comparison } from '../deploy/compare.js'
import type { DeployVerdict } from '../deploy/verdict.js'
import type { WaitResult } from '../deploy/wait.js'
import { duration, icon } from './format.js'
import { cleanJson, mdText, termText } from '../util/sanitize.js'
import type { Json } from './state.js'

const WORD: Record<WaitResult['status'], string> = {
  completed: 'completed',
  failed: 'failed',
  'timed-out': 'did not complete',
  none: 'nothing to wait for'
}

/** The block that leads the summary and the PR comment when a deployment was awaited. */
export function renderDeploymentMarkdown(
  wait: WaitResult,
  verdict: DeployVerdict,
  comparisons: readonly Comparison[]
): string {
  const lines: string[] = []
  lines.push(`## ${icon(verdict.overall)} Deployment ${WORD[wait.status]}: ${verdict.overall}`, '')
  lines.push(`**${mdText(verdict.sentence, 1000)}**`, '')
  lines.push(
    `Waited ${duration(wait.durationMs)} over ${wait.polls} poll${wait.polls === 1 ? '' : 's'}.`,
    ''
  )
  if (wait.services.length) {
    lines.push(
      '| Service | Deployment | Task definition | Result | Running / desired | Failed tasks | New errors |'
    )
    lines.push('| --- | --- | --- | --- | --- | --- | --- |')
    for (const s of wait.services) {
      const c = comparisons.find(x => x.service === s.service)
      const state =
        s.state === 'completed'
          ? 'healthy'
          : s.state === 'failed' || s.state === 'timed-out'
            ? 'unhealthy'
            : 'skipped'
      lines.push(
        `| ${mdText(s.service, 100)} | \`${mdText(s.deploymentId ?? '—', 60)}\` | ${s.taskDefinition ? `\`${mdText(s.taskDefinition, 100)}\`` : '—'} | ${icon(state)} ${s.state}${s.rolledBackTo ? ` (rolled back to \`${mdText(s.rolledBackTo, 80)}\`)` : ''} | ${s.running} / ${s.desired} | ${s.stoppedTasks.length} | ${c ? c.newErrors.length : '—'} |`
      )
    }
    lines.push('')
  }
  const news = comparisons.flatMap(c => c.newErrors.map(e => ({ c, e })))
  if (news.length) {
    lines.push('### New errors since the deployment', '')
    lines.push('| Service | Error | Since | Rate |', '| --- | --- | --- | --- |')
    for (const { c, e } of news.slice(0, 20)) {
      lines.push(
        `| ${mdText(c.service, 100)} | ${mdText(e.text, 300)} | ${e.after}× in ${Math.round(c.afterMinutes)} min | ${e.afterPerMin.toFixed(1)}/min (none before) |`
      )
    }
    lines.push('')
  }
  const rates = comparisons.filter(c => c.beforeErrors + c.afterErrors > 0)
  if (rates.length) {
    lines.push('<details><summary>Error rate before and after the deployment</summary>', '')
    lines.push('| Service | Before | After | Change |', '| --- | --- | --- | --- |')
    for (const c of rates) {
      const change =
        c.beforePerMin > 0
          ? `${(((c.afterPerMin - c.beforePerMin) / c.beforePerMin) * 100).toFixed(0)}%`
          : 'new'
      lines.push(
        `| ${mdText(c.service, 100)} | ${c.beforePerMin.toFixed(1)}/min | ${c.afterPerMin.toFixed(1)}/min | ${change} |`
      )
    }
    lines.push('', '</details>', '')
  }
  return lines.join('\n')
}

/** Terminal text of the verdict. */
export function renderDeploymentText(wait: WaitResult, verdict: DeployVerdict): string {
  const out = [
    `Deployment ${WORD[wait.status]} (${verdict.overall}): ${termText(verdict.sentence, 2000)}`
  ]
  for (const s of wait.services) {
    out.push(
      `  ${termText(s.service)}: ${s.state}, ${s.running}/${s.desired} running${s.reason ? `, ${termText(s.reason)}` : ''}`
    )
  }
  return out.join('\n') + '\n'
}

/** The `deployment` section of the state file. */
export function deploymentJson(
  wait: WaitResult,
  verdict: DeployVerdict,
  comparisons: readonly Comparison[]
): { [key: string]: Json | undefined } {
  // Reasons and error texts come from AWS and logs: clean every string before it is stored.
  return cleanJson({
    status: wait.status,
    verdict: verdict.sentence,
    overall: verdict.overall,
    polls: wait.polls,
    duration_ms: wait.durationMs,
    services: wait.services.map(s => ({
      service: s.service,
      state: s.state,
      deployment_id: s.deploymentId,
      task_definition: s.taskDefinition,
      created_at: s.createdAt,
      rollout_state: s.rolloutState,
      running: s.running,
      desired: s.desired,
      reason: s.reason,
      rolled_back_to: s.rolledBackTo,
      stopped_tasks: s.stoppedTasks.map(t => ({
        task_id: t.taskId,
        cause: t.cause,
        summary: t.summary,
        stopped_at: t.stoppedAt
      }))
    })),
    new_errors: comparisons.flatMap(c =>
      c.newErrors.map(e => ({
        service: c.service,
        fingerprint: e.key,
        text: e.text,
        count: e.after,
        per_minute: Number(e.afterPerMin.toFixed(2))
      }))
    ),
    error_rates: comparisons.map(c => ({
      service: c.service,
      before_per_minute: Number(c.beforePerMin.toFixed(2)),
      after_per_minute: Number(c.afterPerMin.toFixed(2))
    }))
  })
}
