import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type Deployment,
  type Service
} from '@aws-sdk/client-ecs'
import { mockClient } from 'aws-sdk-client-mock'
import { waitForDeployments, type WaitDeps } from '../../../src/deploy/wait.js'

const ecsMock = mockClient(ECSClient)
const ecs = new ECSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
})
const T0 = Date.parse('2026-11-25T12:00:00Z')
const td = (rev: number): string => `arn:aws:ecs:us-east-1:123456789012:task-definition/api:${rev}`

function clock(): WaitDeps & { lines: string[]; slept: number[] } {
  let t = T0
  const lines: string[] = []
  const slept: number[] = []
  return {
    ecs,
    now: () => t,
    sleep: async ms => {
      slept.push(ms)
      t += ms
    },
    log: l => lines.push(l),
    random: () => 0.5,
    lines,
    slept
  }
}

function dep(over: Partial<Deployment>): Deployment {
  return {
    id: 'ecs-svc/2',
    status: 'PRIMARY',
    taskDefinition: td(43),
    desiredCount: 3,
    runningCount: 0,
    rolloutState: 'IN_PROGRESS',
    createdAt: new Date(T0 - 60_000),
    ...over
  }
}

function svc(running: number, deployments: Deployment[], events: Service['events'] = []): Service {
  return {
    serviceName: 'api',
    status: 'ACTIVE',
    desiredCount: 3,
    runningCount: running,
    pendingCount: 0,
    deployments,
    events
  }
}

const opts = {
  cluster: 'prod',
  services: ['api'],
  timeoutMs: 15 * 60_000,
  pollMs: 15_000,
  concurrency: 2
}

beforeEach(() => {
  ecsMock.reset()
  ecsMock.on(ListTasksCommand).resolves({ taskArns: [] })
})

describe('waitForDeployments', () => {
  it('completes when the PRIMARY deployment is COMPLETED with running = desired, logging only changes', async () => {
    const old = dep({
      id: 'ecs-svc/1',
      status: 'ACTIVE',
      taskDefinition: td(42),
      runningCount: 3,
      rolloutState: 'COMPLETED'
    })
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [svc(3, [dep({ runningCount: 1 }), old])] })
      .resolvesOnce({ services: [svc(3, [dep({ runningCount: 1 }), old])] })
      .resolvesOnce({
        services: [
          svc(
            3,
            [dep({ runningCount: 3 }), { ...old, runningCount: 0 }],
            [
              {
                id: 'e1',
                createdAt: new Date(T0 + 30_000),
                message: '(service api) has started 2 tasks.'
              }
            ]
          )
        ]
      })
      .resolves({ services: [svc(3, [dep({ runningCount: 3, rolloutState: 'COMPLETED' })])] })
    const c = clock()
    const r = await waitForDeployments(c, opts)
    expect(r.status).toBe('completed')
    expect(r.polls).toBe(4)
    expect(r.services[0]).toMatchObject({
      state: 'completed',
      deploymentId: 'ecs-svc/2',
      taskDefinition: 'api:43',
      running: 3,
      desired: 3
    })
    expect(c.lines).toEqual([
      'api: 1/3 running, 0 pending, 2 deployments, rollout IN_PROGRESS',
      '  api: (service api) has started 2 tasks.',
      'api: 3/3 running, 0 pending, 2 deployments, rollout IN_PROGRESS',
      'api: 3/3 running, 0 pending, 1 deployment, rollout COMPLETED'
    ])
    expect(c.slept).toEqual([15_000, 15_000, 15_000])
  })

  it('stops early when the circuit breaker fails the deployment and rolls back', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce({ services: [svc(3, [dep({})])] })
      .resolves({
        services: [
          svc(3, [
            dep({
              id: 'ecs-svc/3',
              taskDefinition: td(42),
              rolloutState: 'IN_PROGRESS',
              createdAt: new Date(T0)
            }),
            dep({
              status: 'ACTIVE',
              rolloutState: 'FAILED',
              rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.'
            })
          ])
        ]
      })
    const r = await waitForDeployments(clock(), opts)
    expect(r.status).toBe('failed')
    expect(r.polls).toBe(2)
    expect(r.services[0]).toMatchObject({
      state: 'failed',
      reason: 'ECS deployment circuit breaker: tasks failed to start.',
      rolledBackTo: 'api:42'
    })
  })

  it('stops early when 3 tasks of the new revision stopped, reading each task once', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [svc(1, [dep({ runningCount: 1 })])] })
    const stopped = (n: number) =>
      `arn:aws:ecs:us-east-1:123456789012:task/prod/${String(n).repeat(32).slice(0, 32)}`
    ecsMock
      .on(ListTasksCommand)
      .resolvesOnce({ taskArns: [stopped(1)] })
      .resolvesOnce({ taskArns: [stopped(1), stopped(2)] })
      .resolves({ taskArns: [stopped(1), stopped(2), stopped(3), stopped(4)] })
    ecsMock.on(DescribeTasksCommand).callsFake(input => ({
      tasks: (input.tasks as string[]).map(arn => ({
        taskArn: arn,
        taskDefinitionArn: arn.endsWith('4'.repeat(32)) ? td(42) : td(43),
        stoppedAt: new Date(T0),
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [
          {
            name: 'api',
            exitCode: 137,
            reason: 'OutOfMemoryError: Container killed due to memory usage'
          }
        ]
      }))
    }))
    const r = await waitForDeployments(clock(), opts)
    expect(r.status).toBe('failed')
    expect(r.polls).toBe(3)
    expect(r.services[0]?.stoppedTasks).toHaveLength(3)
    expect(r.services[0]?.reason).toBe('3 tasks stopped with exit 137 (OutOfMemoryError)')
    const described = ecsMock
      .commandCalls(DescribeTasksCommand)
      .flatMap(c => c.args[0].input.tasks ?? [])
    expect(described).toHaveLength(4)
  })

  it('times out, bounded by the timeout, with the state it was stuck in', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [svc(1, [dep({ runningCount: 1 })])] })
    const c = clock()
    const r = await waitForDeployments(c, { ...opts, timeoutMs: 60_000, pollMs: 15_000 })
    expect(r.status).toBe('timed-out')
    expect(r.durationMs).toBeLessThanOrEqual(60_000)
    expect(r.services[0]?.reason).toBe(
      'did not complete within 1 minute: 1/3 running, rollout IN_PROGRESS'
    )
    expect(c.lines).toHaveLength(1)
  })

  it('reports a service ECS does not know', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:1:service/prod/api', reason: 'MISSING' }]
    })
    const r = await waitForDeployments(clock(), opts)
    expect(r.services[0]).toMatchObject({ state: 'missing', reason: 'service not found (MISSING)' })
    expect(r.status).toBe('none')
  })
})
