import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServicesCommand,
  ListTasksCommand
} from '@aws-sdk/client-ecs'
import type { Scenario } from '../../sim/index.js'
import { errorOf, NOW, startWithClients, type Clients } from './helpers.js'

const scenario: Scenario = {
  region: 'eu-west-1',
  accountId: '111122223333',
  clusters: [
    {
      name: 'prod',
      services: [
        {
          name: 'api',
          desiredCount: 3,
          runningCount: 2,
          pendingCount: 1,
          taskDefinition: 'api:43',
          circuitBreaker: { enable: true, rollback: true },
          deployments: [
            {
              id: 'ecs-svc/2222222222222222222',
              status: 'PRIMARY',
              taskDefinition: 'api:43',
              rolloutState: 'FAILED',
              rolloutStateReason:
                'ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1111111111111111111.',
              failedTasks: 5,
              createdAt: '-20m',
              updatedAt: '-2m'
            },
            {
              id: 'ecs-svc/1111111111111111111',
              taskDefinition: 'api:42',
              desiredCount: 3,
              runningCount: 2,
              createdAt: '-1d'
            }
          ],
          events: [
            { createdAt: '-10m', message: '(service api) failed to launch a task.' },
            { createdAt: '-1m', message: '(service api) rolling back.' }
          ],
          loadBalancers: [{ targetGroup: 'api-tg', containerName: 'api', containerPort: 8080 }],
          tasks: [
            {
              lastStatus: 'STOPPED',
              stoppedAt: '-10m',
              taskDefinition: 'api:43',
              stoppedReason: 'Essential container in task exited',
              containers: [
                {
                  name: 'api',
                  exitCode: 137,
                  reason: 'OutOfMemoryError: Container killed due to memory usage'
                }
              ]
            },
            { lastStatus: 'STOPPED', stoppedAt: '-3h' } // older than an hour: no longer listed
          ]
        }
      ],
      generateServices: { count: 25, prefix: 'svc-' }
    }
  ],
  targetGroups: [{ name: 'api-tg', port: 8080 }]
}

describe('ECS through the real SDK', () => {
  let c: Clients
  beforeAll(async () => {
    c = await startWithClients(scenario)
  })
  afterAll(async () => c.stop())

  it('pages ListServices: 10 per page by default, up to 100 with maxResults', async () => {
    const pages: string[][] = []
    let nextToken: string | undefined
    do {
      const r = await c.ecs.send(new ListServicesCommand({ cluster: 'prod', nextToken }))
      pages.push(r.serviceArns ?? [])
      nextToken = r.nextToken
    } while (nextToken)
    expect(pages.map(p => p.length)).toEqual([10, 10, 6])
    const all = pages.flat()
    expect(new Set(all).size).toBe(26)
    expect(all[0]).toBe('arn:aws:ecs:eu-west-1:111122223333:service/prod/api')
    expect(all).toContain('arn:aws:ecs:eu-west-1:111122223333:service/prod/svc-025')

    const one = await c.ecs.send(new ListServicesCommand({ cluster: 'prod', maxResults: 100 }))
    expect(one.serviceArns).toHaveLength(26)
    expect(one.nextToken).toBeUndefined()
  })

  it('rejects maxResults over 100 and unknown clusters', async () => {
    const e1 = await errorOf(
      c.ecs.send(new ListServicesCommand({ cluster: 'prod', maxResults: 101 }))
    )
    expect(e1.name).toBe('InvalidParameterException')
    const e2 = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'nope' })))
    expect(e2.name).toBe('ClusterNotFoundException')
    expect(e2.message).toBe('Cluster not found.')
    expect((e2.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400)
  })

  it('rejects DescribeServices with more than 10 services', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `svc-${String(i + 1).padStart(3, '0')}`)
    const e = await errorOf(
      c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: names }))
    )
    expect(e.name).toBe('InvalidParameterException')
    expect(e.message).toBe('service names can have at most 10 items.')
  })

  it('returns unknown services as MISSING failures, accepting names and ARNs', async () => {
    const r = await c.ecs.send(
      new DescribeServicesCommand({
        cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
        services: ['svc-001', 'arn:aws:ecs:eu-west-1:111122223333:service/prod/svc-002', 'ghost']
      })
    )
    expect(r.services?.map(s => s.serviceName)).toEqual(['svc-001', 'svc-002'])
    expect(r.failures).toEqual([
      { arn: 'arn:aws:ecs:eu-west-1:111122223333:service/prod/ghost', reason: 'MISSING' }
    ])
  })

  it('round-trips deployments, events and load balancers with Date types', async () => {
    const r = await c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] }))
    const s = r.services?.[0]
    expect(s).toBeDefined()
    expect(s).toMatchObject({
      serviceName: 'api',
      serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/prod/api',
      clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
      status: 'ACTIVE',
      desiredCount: 3,
      runningCount: 2,
      pendingCount: 1,
      launchType: 'FARGATE',
      taskDefinition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:43',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } }
    })
    expect(s?.deployments).toHaveLength(2)
    const [primary, old] = s?.deployments ?? []
    expect(primary).toMatchObject({
      id: 'ecs-svc/2222222222222222222',
      status: 'PRIMARY',
      rolloutState: 'FAILED',
      failedTasks: 5,
      taskDefinition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:43'
    })
    expect(primary?.rolloutStateReason).toContain('circuit breaker')
    expect(primary?.createdAt).toBeInstanceOf(Date)
    expect(primary?.createdAt?.getTime()).toBe(NOW - 20 * 60_000)
    expect(primary?.updatedAt?.getTime()).toBe(NOW - 2 * 60_000)
    expect(old).toMatchObject({ status: 'ACTIVE', rolloutState: 'COMPLETED', runningCount: 2 })
    // Newest first.
    expect(s?.events?.map(e => e.message)).toEqual([
      '(service api) rolling back.',
      '(service api) failed to launch a task.'
    ])
    expect(s?.events?.[0]?.createdAt?.getTime()).toBe(NOW - 60_000)
    expect(s?.events?.[0]?.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(s?.loadBalancers).toEqual([
      {
        targetGroupArn: c.sim.targetGroupArn('api-tg'),
        containerName: 'api',
        containerPort: 8080
      }
    ])
    expect(c.sim.targetGroupArn('api-tg')).toMatch(
      /^arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup\/api-tg\/[0-9a-f]{16}$/
    )
  })

  it('defaults generated services to a healthy steady state', async () => {
    const r = await c.ecs.send(
      new DescribeServicesCommand({ cluster: 'prod', services: ['svc-007'] })
    )
    const s = r.services?.[0]
    expect(s).toMatchObject({ desiredCount: 2, runningCount: 2, pendingCount: 0 })
    expect(s?.deployments).toHaveLength(1)
    expect(s?.deployments?.[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' })
    expect(s?.events?.[0]?.message).toBe('(service svc-007) has reached a steady state.')
  })

  it('lists STOPPED tasks (for an hour) and describes them', async () => {
    const running = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'api' }))
    expect(running.taskArns).toHaveLength(2 + 1) // 2 RUNNING + 1 PENDING (desired RUNNING)
    const stopped = await c.ecs.send(
      new ListTasksCommand({ cluster: 'prod', serviceName: 'api', desiredStatus: 'STOPPED' })
    )
    expect(stopped.taskArns).toHaveLength(1)
    const arn = stopped.taskArns?.[0] ?? ''
    expect(arn).toMatch(/^arn:aws:ecs:eu-west-1:111122223333:task\/prod\/[0-9a-f]{32}$/)
    const id = arn.split('/').pop() ?? ''
    const d = await c.ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: [id, 'f'.repeat(32)] })
    )
    expect(d.tasks).toHaveLength(1)
    const t = d.tasks?.[0]
    expect(t).toMatchObject({
      taskArn: arn,
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      group: 'service:api',
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:43'
    })
    expect(t?.stoppedAt?.getTime()).toBe(NOW - 10 * 60_000)
    expect(t?.startedAt).toBeInstanceOf(Date)
    expect(t?.containers?.[0]).toMatchObject({
      name: 'api',
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage'
    })
    expect(d.failures).toEqual([
      { arn: `arn:aws:ecs:eu-west-1:111122223333:task/prod/${'f'.repeat(32)}`, reason: 'MISSING' }
    ])
  })

  it('pages ListTasks and limits DescribeTasks to 100', async () => {
    const p1 = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', maxResults: 20 }))
    expect(p1.taskArns).toHaveLength(20)
    expect(p1.nextToken).toBeDefined()
    const e = await errorOf(
      c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: Array(101).fill('x') }))
    )
    expect(e.name).toBe('InvalidParameterException')
    const e2 = await errorOf(
      c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'ghost' }))
    )
    expect(e2.name).toBe('ServiceNotFoundException')
  })

  it('describes clusters with MISSING failures', async () => {
    const r = await c.ecs.send(new DescribeClustersCommand({ clusters: ['prod', 'staging'] }))
    expect(r.clusters?.[0]).toMatchObject({
      clusterName: 'prod',
      status: 'ACTIVE',
      activeServicesCount: 26
    })
    expect(r.failures).toEqual([
      { arn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/staging', reason: 'MISSING' }
    ])
  })
})
