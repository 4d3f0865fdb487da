/**
 * How the action follows a run in the step's log: one collapsible group per phase, and what
 * each phase found. Text that holds content written by others (service events, target
 * descriptions, log samples) is printed with workflow commands switched off, so none of it can
 * act as `::error::` and the like.
 */
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import type { Phase, Progress, RunEvent } from '../pipeline/types.js'
import { renderDeploymentText } from '../report/deployment.js'
import { renderDiagnosesText } from '../report/logs.js'
import { renderHealthText } from '../report/text.js'
import { oneLine } from '../util/sanitize.js'

/** Prints `text` with workflow commands off around it. */
export function logUntrusted(text: string): void {
  const token = randomUUID()
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
}

function title(p: Phase): string {
  switch (p.id) {
    case 'wait':
      return 'Waiting for the deployment'
    case 'health':
      return 'Health check'
    case 'judge':
      return 'Judging the deployment'
    case 'diagnose':
      return `Log diagnosis (${p.services} services)`
    case 'logs':
      return `Log ${p.command}`
  }
}

/** The log groups and lines of one run; `cluster`/`region` name what the health phase checks. */
export function actionProgress(where: { cluster: string; region: string }): Progress {
  return {
    async phase<T>(p: Phase, fn: () => Promise<T>): Promise<T> {
      return core.group(title(p), async () => {
        if (p.id === 'health') {
          core.info(
            `Checking cluster ${where.cluster} in ${where.region}: ${p.services === 'all' ? 'all services' : `${p.services} named services`}, ${p.endpoints} endpoints${p.domain ? `, domain ${p.domain}` : ''}`
          )
        }
        if (p.id !== 'wait') return fn()
        // The rollout's lines quote AWS text: workflow commands stay off while waiting.
        const token = randomUUID()
        core.info(`::stop-commands::${token}`)
        try {
          return await fn()
        } finally {
          core.info(`::${token}::`)
        }
      })
    },
    event(e: RunEvent): void {
      switch (e.kind) {
        case 'wait-line':
          return core.info(oneLine(e.line, 1000))
        case 'waited':
          return core.info(`Deployment ${e.wait.status} after ${e.wait.polls} polls`)
        case 'health':
          return logUntrusted(renderHealthText(e.report))
        case 'judged':
          return logUntrusted(renderDeploymentText(e.outcome.wait, e.outcome.verdict))
        case 'services':
          return core.info(
            `${e.command}: ${e.services.length} services of cluster ${where.cluster}, last ${e.minutes} minutes`
          )
        case 'diagnosed':
          return logUntrusted(renderDiagnosesText(e.items))
      }
    }
  }
}
