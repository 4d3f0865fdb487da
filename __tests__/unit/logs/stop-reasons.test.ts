/**
 * Stop reasons in the wording ECS, its agent and public reports use (__fixtures__/stop-reasons.json,
 * each with the AWS page that documents the error): the cause of the stop and what keeps the task
 * from starting.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFailure } from '../../../src/logs/diagnose.js'
import { stopCauseOf } from '../../../src/logs/restarts.js'

interface Quoted {
  reason: string
  cause: string
  what: string | null
  source: string
}
const QUOTED = JSON.parse(
  readFileSync(
    path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../__fixtures__/stop-reasons.json'
    ),
    'utf8'
  )
) as Quoted[]

describe('stop reasons as ECS words them', () => {
  it.each(QUOTED.map(q => [q.what, q.reason, q] as const))('%s: %s', (_what, _reason, q) => {
    expect(q.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//)
    expect(
      stopCauseOf({ stopCode: 'TaskFailedToStart', stoppedReason: q.reason, containers: [] }).cause
    ).toBe(q.cause)
    expect(startFailure(q.reason, 'app:3')?.what ?? null).toBe(q.what)
  })

  it('reads a pull error that only the container reports (EC2: the task says its container exited)', () => {
    const r = stopCauseOf({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [
        {
          name: 'app',
          reason:
            'CannotPullContainerError: API error (404): repository example/app not found: does not exist or no pull access'
        }
      ]
    })
    expect(r).toEqual({
      cause: 'image_pull',
      summary:
        'CannotPullContainerError: API error (404): repository example/app not found: does not exist or no pull access'
    })
  })

  it('does not take "room" or "zoom" in a container reason for an OOM kill', () => {
    const r = stopCauseOf({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'app', exitCode: 1, reason: 'no room left for the zoom cache' }]
    })
    expect(r.cause).toBe('exit_code')
  })

  it('names the container runtime errors that stop a task at start without a stop code', () => {
    for (const reason of [
      'CannotStopContainerError: failed sending SIGTERM to container: context deadline exceeded',
      'ContainerRuntimeTimeoutError: Could not transition to running; timed out after waiting 1m',
      'CannotInspectContainerError: Could not transition to inspecting; timed out after waiting 30s'
    ]) {
      expect(stopCauseOf({ stoppedReason: reason, containers: [] }).cause).toBe('failed_to_start')
    }
  })

  it('says what an InfrastructureHealth stop is when ECS gives no reason', () => {
    expect(stopCauseOf({ stopCode: 'InfrastructureHealth', containers: [] })).toEqual({
      cause: 'other',
      summary: 'stopped by ECS: unhealthy infrastructure'
    })
  })
})
