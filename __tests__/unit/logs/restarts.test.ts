import { describe, expect, it } from '@jest/globals'
import type { Task } from '@aws-sdk/client-ecs'
import { restartSignal, stopCauseOf, stoppedTaskInfo } from '../../../src/logs/restarts.js'

describe('stopCauseOf', () => {
  it.each([
    [
      {
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [
          {
            name: 'api',
            exitCode: 137,
            reason: 'OutOfMemoryError: Container killed due to memory usage'
          }
        ]
      },
      'oom',
      'OutOfMemoryError: Container killed due to memory usage (api, exit 137)'
    ],
    [
      {
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [{ name: 'api', exitCode: 137 }]
      },
      'oom',
      'api, exit 137: killed by SIGKILL, usually the container memory limit'
    ],
    [
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason:
          'CannotPullContainerError: pull image manifest has been retried 5 time(s): not found',
        containers: [{ name: 'api' }]
      },
      'image_pull',
      undefined
    ],
    [
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'ResourceInitializationError: unable to pull secrets or registry auth',
        containers: []
      },
      'init_error',
      undefined
    ],
    [
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Task failed ELB health checks in (target-group arn:...)',
        containers: [{ name: 'api', exitCode: 143 }]
      },
      'elb_health_check',
      undefined
    ],
    [
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Task failed container health checks',
        containers: []
      },
      'container_health_check',
      undefined
    ],
    [
      {
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [{ name: 'worker', exitCode: 1 }]
      },
      'exit_code',
      'essential container exited (worker, exit 1)'
    ],
    [
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/123)',
        containers: [{ name: 'api', exitCode: 0 }]
      },
      'deployment',
      undefined
    ],
    [
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by autoscaling',
        containers: []
      },
      'scaling',
      undefined
    ],
    [
      { stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user', containers: [] },
      'user',
      undefined
    ],
    [
      {
        stopCode: 'SpotInterruption',
        stoppedReason: 'Your Spot Task was interrupted.',
        containers: []
      },
      'spot',
      undefined
    ]
  ])('%j → %s', (task, cause, summary) => {
    const r = stopCauseOf(task)
    expect(r.cause).toBe(cause)
    if (summary) expect(r.summary).toBe(summary)
  })
})

it('turns a described task into a stopped-task record', () => {
  const task: Task = {
    taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/prod/0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/payments:31',
    stoppedAt: new Date('2026-11-25T11:56:00Z'),
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [
      {
        name: 'payments',
        exitCode: 137,
        reason: 'OutOfMemoryError: Container killed due to memory usage'
      }
    ]
  }
  expect(stoppedTaskInfo(task)).toMatchObject({
    taskId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    taskDefinition: 'payments:31',
    stoppedAt: '2026-11-25T11:56:00.000Z',
    cause: 'oom'
  })
})

describe('restartSignal', () => {
  it.each([
    ['Received SIGTERM, shutting down gracefully', 'shutdown'],
    ['[2026-11-25 12:00:00 +0000] [1] [INFO] Handling signal: term', 'shutdown'],
    ['Graceful shutdown complete', 'shutdown'],
    ['Started Application in 7.9 seconds (process running for 8.6)', 'startup'],
    ['Listening on port 8080', 'startup'],
    ['[INFO] Booting worker with pid: 9', 'startup'],
    ['INFO:     Application startup complete.', 'startup'],
    ['GET /api/orders 200 12ms', null],
    ['user requested account shutdown page', null]
  ])('%s → %s', (line, expected) => {
    expect(restartSignal(line)).toBe(expected)
  })
})
