import { describe, expect, it } from '@jest/globals'
import type { Service } from '@aws-sdk/client-ecs'
import { assessService, failedService, servicesStatus } from '../../../src/checks/services.js'

const now = new Date('2026-11-25T12:00:00Z')
const ago = (min: number): Date => new Date(now.getTime() - min * 60_000)
const HOUR = 3_600_000

function svc(over: Partial<Service> = {}): Service {
  return {
    serviceName: 'api',
    status: 'ACTIVE',
    desiredCount: 3,
    runningCount: 3,
    pendingCount: 0,
    taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:42',
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        rolloutState: 'COMPLETED',
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:42',
        desiredCount: 3,
        runningCount: 3,
        pendingCount: 0,
        failedTasks: 0,
        createdAt: ago(120)
      }
    ],
    events: [{ id: '1', createdAt: ago(5), message: '(service api) has reached a steady state.' }],
    ...over
  }
}

describe('assessService', () => {
  it('is healthy when running = desired and ACTIVE', () => {
    const r = assessService(svc(), now, HOUR)
    expect(r.health).toBe('healthy')
    expect(r.reasons).toEqual([])
    expect(r.taskDefinition).toBe('api:42')
    expect(r.rolloutState).toBe('COMPLETED')
    expect(r.activeDeployments).toBe(1)
    expect(r.rolledBack).toBe(false)
  })

  it('applies the seed rules in order', () => {
    expect(assessService(svc({ desiredCount: 0, runningCount: 0 }), now, HOUR).health).toBe(
      'scaled_down'
    )
    expect(assessService(svc({ status: 'DRAINING' }), now, HOUR).health).toBe('unhealthy')
    expect(assessService(svc({ status: 'INACTIVE', desiredCount: 0 }), now, HOUR).health).toBe(
      'unhealthy'
    )
    const d = assessService(svc({ runningCount: 1, pendingCount: 1 }), now, HOUR)
    expect(d.health).toBe('degraded')
    expect(d.reasons[0]).toBe('1/3 tasks running, 1 pending')
  })

  it('names the latest problem event of a degraded service', () => {
    const r = assessService(
      svc({
        runningCount: 0,
        events: [
          { createdAt: ago(30), message: '(service api) has reached a steady state.' },
          {
            createdAt: ago(2),
            message:
              '(service api) was unable to place a task because no container instance met all of its requirements.'
          }
        ]
      }),
      now,
      HOUR
    )
    expect(r.reasons).toEqual([
      'no tasks running (0/3)',
      'latest event: (service api) was unable to place a task because no container instance met all of its requirements.'
    ])
    expect(r.events[0]?.createdAt).toBe(ago(2).toISOString())
  })

  it('marks a FAILED deployment with a circuit-breaker rollback as unhealthy', () => {
    const r = assessService(
      svc({
        deployments: [
          {
            id: 'ecs-svc/2',
            status: 'PRIMARY',
            rolloutState: 'IN_PROGRESS',
            taskDefinition: 'x/api:41',
            desiredCount: 3,
            runningCount: 3,
            createdAt: ago(3)
          },
          {
            id: 'ecs-svc/1',
            status: 'ACTIVE',
            rolloutState: 'FAILED',
            rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
            taskDefinition: 'x/api:42',
            desiredCount: 0,
            runningCount: 0,
            failedTasks: 6,
            createdAt: ago(15)
          }
        ]
      }),
      now,
      HOUR
    )
    expect(r.health).toBe('unhealthy')
    expect(r.rolledBack).toBe(true)
    expect(r.activeDeployments).toBe(2)
    expect(r.rolloutState).toBe('IN_PROGRESS')
    expect(r.reasons).toEqual([
      'deployment ecs-svc/1 (api:42) failed: ECS deployment circuit breaker: tasks failed to start.',
      'circuit breaker rolled back to api:41'
    ])
  })

  it('flags a recent rollback seen only in the events as degraded, an old one not at all', () => {
    const events = [
      {
        createdAt: ago(10),
        message: '(service api) (deployment ecs-svc/9) rolling back to deployment ecs-svc/8.'
      }
    ]
    expect(assessService(svc({ events }), now, HOUR).health).toBe('degraded')
    expect(assessService(svc({ events }), now, 5 * 60_000).health).toBe('healthy')
  })
})

describe('failedService', () => {
  it('explains MISSING', () => {
    const r = failedService('ghost', 'MISSING')
    expect(r.health).toBe('failed')
    expect(r.reasons).toEqual(['service not found in the cluster (MISSING)'])
  })
})

describe('servicesStatus', () => {
  it('is the worst service health', () => {
    const ok = assessService(svc(), now, HOUR)
    const deg = assessService(svc({ runningCount: 2 }), now, HOUR)
    expect(servicesStatus([ok])).toBe('healthy')
    expect(servicesStatus([ok, deg])).toBe('degraded')
    expect(servicesStatus([ok, deg, failedService('x', 'MISSING')])).toBe('unhealthy')
  })
})
