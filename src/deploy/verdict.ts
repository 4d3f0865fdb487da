/**
 * The verdict on a deployment: one sentence that leads the summary and the PR comment, and the
 * findings behind it. Pure.
 */
import type { Finding, HealthReport, Overall } from '../checks/types.js'
import type { Comparison } from './compare.js'
import { stoppedSummary, type ServiceRollout, type WaitResult } from './wait.js'

export interface DeployVerdict {
  overall: Overall
  /** One sentence, e.g. "Deployment ecs-svc/123 of checkout failed: …". */
  sentence: string
  findings: Finding[]
}

/** `checkout:41` → `revision 41`. */
function revision(td: string): string {
  const rev = /:(\d+)$/.exec(td)?.[1]
  return rev ? `revision ${rev}` : td
}

function minutesBetween(
  fromIso: string | undefined,
  toIso: string | undefined
): number | undefined {
  if (!fromIso || !toIso) return undefined
  return Math.max(1, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000))
}

function label(s: ServiceRollout): string {
  return `Deployment ${s.deploymentId ?? '(unknown)'} of ${s.service}`
}

/** The sentence for one service's failed rollout. */
export function failureSentence(s: ServiceRollout): string {
  const parts: string[] = []
  if (s.stoppedTasks.length > 0) {
    const last = s.stoppedTasks
      .map(t => t.stoppedAt)
      .sort()
      .at(-1)
    const within = minutesBetween(s.createdAt, last)
    parts.push(
      `${stoppedSummary(s.stoppedTasks)}${within ? ` within ${within} minute${within === 1 ? '' : 's'}` : ''}`
    )
  } else if (s.reason) {
    parts.push(s.reason.replace(/\.$/, ''))
  }
  if (s.rolledBackTo) parts.push(`circuit breaker rolled back to ${revision(s.rolledBackTo)}`)
  return `${label(s)} failed${parts.length ? `: ${parts.join('; ')}` : ''}.`
}

function perMin(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(1)
}

/** Judges the deployment from the wait, the health report after it, and the before/after comparisons. */
export function judgeDeployment(
  wait: WaitResult,
  report: HealthReport,
  comparisons: readonly Comparison[]
): DeployVerdict {
  const findings: Finding[] = []
  const sentences: string[] = []
  let overall: Overall = report.overall

  for (const s of wait.services) {
    if (s.state === 'failed') {
      const sentence = failureSentence(s)
      sentences.push(sentence)
      findings.push({
        severity: 'unhealthy',
        check: 'deployment',
        service: s.service,
        title: `${s.service}: deployment failed`,
        message: sentence
      })
    } else if (s.state === 'timed-out') {
      const sentence = `${label(s)} ${s.reason ?? 'did not complete in time'}.`
      sentences.push(sentence)
      findings.push({
        severity: 'unhealthy',
        check: 'deployment',
        service: s.service,
        title: `${s.service}: deployment did not complete`,
        message: sentence
      })
    } else if (
      s.state === 'completed' &&
      s.stoppedTasks.some(t => t.cause === 'oom' || t.containers.some(c => (c.exitCode ?? 0) !== 0))
    ) {
      const sentence = `${label(s)} completed, but ${stoppedSummary(s.stoppedTasks)}.`
      sentences.push(sentence)
      findings.push({
        severity: 'unhealthy',
        check: 'deployment',
        service: s.service,
        title: `${s.service}: new tasks crashed`,
        message: sentence
      })
    }
  }
  if (findings.length) overall = 'unhealthy'

  let newErrorCount = 0
  for (const c of comparisons) {
    for (const e of c.newErrors) {
      newErrorCount++
      findings.push({
        severity: 'degraded',
        check: 'deployment',
        service: c.service,
        title: `${c.service}: new error since the deployment`,
        message: `${e.text} (${e.after}× in ${Math.round(c.afterMinutes)} min, ${perMin(e.afterPerMin)}/min; none before)`
      })
    }
  }
  if (newErrorCount > 0 && overall === 'healthy') overall = 'degraded'

  if (sentences.length === 0 && wait.services.every(s => s.state === 'missing')) {
    sentences.push(
      `No deployment to wait for: ${wait.services.map(s => `${s.service} ${s.reason ?? 'not found'}`).join(', ') || 'no services'}.`
    )
  }
  if (sentences.length === 0) {
    const done = wait.services.filter(s => s.state === 'completed')
    const first = done[0]
    const who =
      done.length === 1 && first
        ? label(first)
        : `Deployments of ${done.map(s => s.service).join(', ')}`
    const withNew = comparisons.filter(c => c.newErrors.length > 0)
    const badTargets = Object.values(report.targets.targetGroups).filter(
      g => g.status === 'unhealthy'
    )
    if (withNew.length > 0) {
      const top = withNew[0]?.newErrors[0]
      sentences.push(
        `${who} completed, but ${newErrorCount} new error${newErrorCount === 1 ? '' : 's'} appeared since${top ? `: ${top.text} (${perMin(top.afterPerMin)}/min)` : ''}.`
      )
    } else if (badTargets.length > 0) {
      const g = badTargets[0]
      sentences.push(
        `${who} completed, but target group ${g?.name} has ${g?.healthy}/${g?.total} healthy targets.`
      )
    } else if (report.overall !== 'healthy') {
      sentences.push(
        `${who} completed, but the service is ${report.overall}: ${report.findings[0]?.title ?? ''}.`
      )
    } else {
      const counts = done.map(s => `${s.service} ${s.running}/${s.desired}`).join(', ')
      sentences.push(`${who} completed: ${counts} tasks running, no new errors.`)
    }
  }
  return { overall, sentence: sentences.join(' '), findings }
}
