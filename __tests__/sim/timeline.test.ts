import { afterEach, describe, expect, it } from '@jest/globals'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServicesCommand,
  ListTasksCommand,
  type Service
} from '@aws-sdk/client-ecs'
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client
} from '@aws-sdk/client-elastic-load-balancing-v2'
import {
  checkScenario,
  ScenarioError,
  startSimulator,
  type Scenario,
  type Simulator
} from '../../sim/index.js'
import { clientConfig, errorOf, NOW } from './helpers.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const MIN = 60_000

interface Env {
  sim: Simulator
  ecs: ECSClient
  elb: ElasticLoadBalancingV2Client
  logs: CloudWatchLogsClient
}

let running: Env[] = []
afterEach(async () => {
  for (const e of running) {
    e.ecs.destroy()
    e.elb.destroy()
    e.logs.destroy()
    await e.sim.close()
  }
  running = []
})

/** A simulator with clients; `clock` is the simulator clock (default: fixed at NOW). */
async function start(scenario: Scenario | string, clock: () => number = () => NOW): Promise<Env> {
  const sim = await startSimulator({ scenario, now: clock })
  const cfg = clientConfig(sim)
  const env = {
    sim,
    ecs: new ECSClient(cfg),
    elb: new ElasticLoadBalancingV2Client(cfg),
    logs: new CloudWatchLogsClient(cfg)
  }
  running.push(env)
  return env
}

async function describeOne(env: Env, name: string, cluster = 'prod'): Promise<Service> {
  const r = await env.ecs.send(new DescribeServicesCommand({ cluster, services: [name] }))
  const s = r.services?.[0]
  if (!s) throw new Error(`${name} not returned`)
  return s
}

async function stoppedTasks(env: Env, service: string) {
  const l = await env.ecs.send(
    new ListTasksCommand({ cluster: 'prod', serviceName: service, desiredStatus: 'STOPPED' })
  )
  const arns = l.taskArns ?? []
  if (arns.length === 0) return []
  const d = await env.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: arns }))
  return d.tasks ?? []
}

const short = (arn: string | undefined) => arn?.slice(arn.lastIndexOf('/') + 1)

const issuesOf = (input: unknown): readonly string[] => {
  try {
    checkScenario(input, NOW)
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues
    throw e
  }
  throw new Error('expected the scenario to be rejected')
}

describe('service timelines', () => {
  it('applies a step once the service was described afterDescribes times', async () => {
    const env = await start({
      clusters: [
        {
          name: 'prod',
          services: [
            {
              name: 'api',
              desiredCount: 2,
              taskDefinition: 'api:7',
              timeline: [
                { afterDescribes: 2, desiredCount: 3, runningCount: 1, pendingCount: 2 },
                { afterDescribes: 3, status: 'INACTIVE' }
              ]
            }
          ]
        }
      ]
    })
    const counts = async () => {
      const s = await describeOne(env, 'api')
      return [s.status, s.desiredCount, s.runningCount, s.pendingCount]
    }
    expect(await counts()).toEqual(['ACTIVE', 2, 2, 0])
    expect(await counts()).toEqual(['ACTIVE', 2, 2, 0])
    expect(env.sim.describeCount('prod', 'api')).toBe(2)
    // Steps apply after a describe: other operations see them at once.
    const tasks = await env.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'api' }))
    expect(tasks.taskArns).toHaveLength(3) // 1 RUNNING + 2 PENDING (desired RUNNING)
    expect(await counts()).toEqual(['ACTIVE', 3, 1, 2])
    expect(await counts()).toEqual(['INACTIVE', 3, 1, 2])
    const listed = await env.ecs.send(new ListServicesCommand({ cluster: 'prod' }))
    expect(listed.serviceArns).toEqual([])
    // Not cleared with the request counts.
    env.sim.resetCounts()
    expect(env.sim.describeCount('prod', 'api')).toBe(4)
    expect(env.sim.describeCount('prod', 'ghost')).toBe(0)
  })

  it('counts a batch once for each service in it, and only describes that returned it', async () => {
    const step = { afterDescribes: 2, desiredCount: 5 }
    const env = await start({
      clusters: [
        {
          name: 'prod',
          services: [
            { name: 'a', timeline: [step] },
            { name: 'b', timeline: [step] },
            { name: 'c' }
          ]
        }
      ],
      faults: { operations: { DescribeServices: { throttleFirst: 1 } } }
    })
    const batch = (services: string[]) =>
      env.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services }))
    // A throttled describe returns nothing, so it does not count.
    expect((await errorOf(batch(['a', 'b']))).name).toBe('ThrottlingException')
    let r = await batch(['a', 'b', 'a', 'ghost'])
    expect(r.services?.map(s => [s.serviceName, s.desiredCount])).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 1]
    ])
    expect(r.failures).toHaveLength(1)
    expect(env.sim.describeCount('prod', 'a')).toBe(1) // named twice, counted once
    r = await batch(['a', 'b', 'c'])
    // Every service in the batch shows the state before the step that the batch triggers.
    expect(r.services?.map(s => s.desiredCount)).toEqual([1, 1, 1])
    r = await batch(['b', 'c'])
    expect(r.services?.map(s => s.desiredCount)).toEqual([5, 1])
    expect((await describeOne(env, 'a')).desiredCount).toBe(5)
    expect(env.sim.describeCount('prod', 'b')).toBe(3)
  })

  it('appends events and tasks, replaces deployments and target health', async () => {
    const env = await start({
      clusters: [
        {
          name: 'prod',
          services: [
            {
              name: 'api',
              desiredCount: 2,
              taskDefinition: 'api:42',
              deployments: [{ id: 'ecs-svc/1000000000000000001', createdAt: '-1d' }],
              events: [{ createdAt: '-1h', message: '(service api) has reached a steady state.' }],
              loadBalancers: [{ targetGroup: 'api-tg', containerName: 'api', containerPort: 8080 }],
              timeline: [
                {
                  afterDescribes: 1,
                  taskDefinition: 'api:43',
                  runningCount: 3,
                  deployments: [
                    { runningCount: 1, rolloutState: 'IN_PROGRESS' },
                    { taskDefinition: 'api:42', desiredCount: 2, runningCount: 2 }
                  ],
                  events: [
                    { message: '(service api) has started 1 tasks: (task x).' },
                    { createdAt: '-30s', message: '(service api) deployment started.' }
                  ],
                  targetGroups: {
                    'api-tg': [
                      { id: '10.0.0.1' },
                      { id: '10.0.0.2' },
                      { id: '10.0.0.3', state: 'initial' }
                    ]
                  }
                },
                {
                  afterDescribes: 2,
                  tasks: [
                    {
                      id: '0123456789abcdef0123456789abcdef',
                      lastStatus: 'STOPPED',
                      containers: [
                        {
                          name: 'api',
                          exitCode: 137,
                          reason: 'OutOfMemoryError: Container killed due to memory usage'
                        }
                      ]
                    }
                  ],
                  targetGroups: {
                    'api-tg': [
                      { id: '10.0.0.1' },
                      { id: '10.0.0.2', state: 'draining' },
                      { id: '10.0.0.3', state: 'unhealthy' }
                    ]
                  }
                },
                {
                  afterDescribes: 3,
                  runningCount: 2,
                  deployments: [{ taskDefinition: 'api:43', runningCount: 2 }]
                }
              ]
            }
          ]
        }
      ],
      targetGroups: [
        { name: 'api-tg', port: 8080, targets: [{ id: '10.0.0.1' }, { id: '10.0.0.2' }] }
      ]
    })
    const health = async () => {
      const r = await env.elb.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: env.sim.targetGroupArn('api-tg') })
      )
      return r.TargetHealthDescriptions?.map(d => `${d.Target?.Id}:${d.TargetHealth?.State}`)
    }
    expect(await health()).toEqual(['10.0.0.1:healthy', '10.0.0.2:healthy'])

    const s1 = await describeOne(env, 'api')
    expect(s1.deployments).toHaveLength(1)
    expect(await health()).toEqual(['10.0.0.1:healthy', '10.0.0.2:healthy', '10.0.0.3:initial'])

    const s2 = await describeOne(env, 'api')
    expect(short(s2.taskDefinition)).toBe('api:43')
    const [primary, old] = s2.deployments ?? []
    // A new deployment (new task definition): new id, created when the step applied.
    expect(primary).toMatchObject({ status: 'PRIMARY', runningCount: 1, desiredCount: 2 })
    expect(primary?.rolloutState).toBe('IN_PROGRESS')
    expect(primary?.id).not.toBe('ecs-svc/1000000000000000001')
    expect(primary?.createdAt?.getTime()).toBe(NOW)
    // The continued one (same task definition) keeps its id and creation time.
    expect(old).toMatchObject({ id: 'ecs-svc/1000000000000000001', status: 'ACTIVE' })
    expect(old?.createdAt?.getTime()).toBe(NOW - 24 * 60 * MIN)
    expect(old?.updatedAt?.getTime()).toBe(NOW)
    // Appended, newest first; createdAt defaults to the step time.
    expect(s2.events?.map(e => [e.message, e.createdAt?.getTime()])).toEqual([
      ['(service api) has started 1 tasks: (task x).', NOW],
      ['(service api) deployment started.', NOW - 30_000],
      ['(service api) has reached a steady state.', NOW - 60 * MIN]
    ])
    expect(await health()).toEqual(['10.0.0.1:healthy', '10.0.0.2:draining', '10.0.0.3:unhealthy'])
    // The added STOPPED task: started by the deployment of its task definition, stopped now.
    const stopped = await stoppedTasks(env, 'api')
    expect(stopped).toHaveLength(1)
    expect(stopped[0]).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      startedBy: primary?.id
    })
    expect(short(stopped[0]?.taskArn)).toBe('0123456789abcdef0123456789abcdef')
    expect(short(stopped[0]?.taskDefinitionArn)).toBe('api:43')
    expect(stopped[0]?.containers?.[0]).toMatchObject({ exitCode: 137 })
    expect(stopped[0]?.stoppedAt?.getTime()).toBe(NOW)

    // Automatic tasks follow the counts: 1 new + 2 old running, then the old ones stop.
    const byTd = async (desiredStatus: 'RUNNING' | 'STOPPED') => {
      const l = await env.ecs.send(
        new ListTasksCommand({ cluster: 'prod', serviceName: 'api', desiredStatus })
      )
      const d = await env.ecs.send(
        new DescribeTasksCommand({ cluster: 'prod', tasks: l.taskArns ?? [] })
      )
      return (d.tasks ?? []).map(t => short(t.taskDefinitionArn)).sort()
    }
    expect(await byTd('RUNNING')).toEqual(['api:42', 'api:42', 'api:43'])
    await describeOne(env, 'api') // the 3rd describe: step 3 applies after it
    expect(await byTd('RUNNING')).toEqual(['api:43', 'api:43'])
    const s4 = await describeOne(env, 'api')
    expect(s4.deployments?.map(d => d.id)).toEqual([primary?.id])
    expect(s4.deployments?.[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 2 })
    const drained = (await stoppedTasks(env, 'api')).filter(
      t => short(t.taskDefinitionArn) === 'api:42'
    )
    expect(drained).toHaveLength(2)
    expect(drained[0]).toMatchObject({
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1000000000000000001)'
    })
  })

  it('resolves step times and stopped-task expiry against the live clock', async () => {
    let clock = NOW
    const env = await start(
      {
        clusters: [
          {
            name: 'prod',
            services: [
              {
                name: 'api',
                tasks: [{ lastStatus: 'STOPPED', stoppedAt: '-50m' }],
                timeline: [
                  {
                    afterDescribes: 1,
                    events: [{ createdAt: '-30s', message: 'one' }],
                    tasks: [{ lastStatus: 'STOPPED', stoppedAt: '-2m' }]
                  },
                  { afterDescribes: 2, events: [{ message: 'two' }] }
                ]
              }
            ]
          }
        ]
      },
      () => clock
    )
    clock = NOW + 3 * MIN
    await describeOne(env, 'api') // step 1 applies at NOW + 3m
    clock = NOW + 7 * MIN
    const s = await describeOne(env, 'api') // step 2 applies at NOW + 7m
    expect(s.events?.slice(0, 1).map(e => [e.message, e.createdAt?.getTime()])).toEqual([
      ['one', NOW + 3 * MIN - 30_000]
    ])
    expect((await describeOne(env, 'api')).events?.[0]).toMatchObject({
      message: 'two',
      createdAt: new Date(NOW + 7 * MIN)
    })
    const stops = async () =>
      (await stoppedTasks(env, 'api')).map(t => t.stoppedAt?.getTime()).sort()
    expect(await stops()).toEqual([NOW - 50 * MIN, NOW + MIN])
    // Stopped over an hour ago by the live clock: gone.
    clock = NOW + 11 * MIN
    expect(await stops()).toEqual([NOW + MIN])
    expect(env.sim.scenario.now).toBe(NOW) // the start time stays
  })

  it('rejects bad timelines with every problem and its path', () => {
    const svc = (timeline: unknown, extra: Record<string, unknown> = {}) => ({
      clusters: [{ name: 'prod', services: [{ name: 'api', timeline, ...extra }] }],
      targetGroups: [{ name: 'api-tg' }]
    })
    const issues = issuesOf(
      svc([
        { afterDescribes: 0, desiredcount: 2 },
        { afterDescribes: 3, status: 'GONE', runningCount: -1 },
        { afterDescribes: 2, deployments: [] },
        {
          afterDescribes: 4,
          deployments: [{ status: 'PRIMARY' }, { status: 'PRIMARY' }],
          events: [{ createdAt: 'soon', message: 'x' }, { createdAt: '-1m' }],
          tasks: [{ lastStatus: 'DONE' }],
          targetGroups: { 'api-tg': [{ state: 'fine' }], 'nope-tg': [], 'x-tg': 3 }
        },
        'step'
      ])
    )
    const base = 'scenario.clusters[0].services[0].timeline'
    expect(issues).toEqual(
      expect.arrayContaining([
        `${base}[0].desiredcount: unknown field (did you mean "desiredCount"?)`,
        `${base}[0].afterDescribes: must be ≥ 1, got 0`,
        `${base}[1].status: expected one of ACTIVE, DRAINING, INACTIVE, got "GONE"`,
        `${base}[1].runningCount: must be ≥ 0, got -1`,
        `${base}[2].afterDescribes: must be greater than the previous step's afterDescribes (3): steps are listed in increasing order`,
        `${base}[2].deployments: must not be empty (leave it out to keep the current deployments)`,
        `${base}[3].deployments: at most one deployment can be PRIMARY`,
        expect.stringMatching(/^.*timeline\[3\]\.events\[0\]\.createdAt: cannot read time "soon"/),
        `${base}[3].events[1].message: is required`,
        `${base}[3].tasks[0].lastStatus: expected one of PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED, got "DONE"`,
        `${base}[3].targetGroups.api-tg[0].id: is required`,
        expect.stringMatching(/targetGroups\.api-tg\[0\]\.state: expected one of healthy/),
        `${base}[3].targetGroups.nope-tg: no target group named "nope-tg" in scenario.targetGroups`,
        `${base}[3].targetGroups.x-tg: expected an array of targets, got number 3`,
        `${base}[4]: expected an object, got "step"`
      ])
    )
    expect(issuesOf(svc({ afterDescribes: 1 }))).toEqual([
      'scenario.clusters[0].services[0].timeline: expected an array, got an object'
    ])
    const taken = issuesOf({
      clusters: [
        {
          name: 'prod',
          services: [
            { name: 'a', tasks: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }] },
            {
              name: 'b',
              timeline: [{ afterDescribes: 1, tasks: [{ id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }] }]
            }
          ]
        }
      ]
    })
    expect(taken).toEqual([
      'scenario.clusters[0].services[1].timeline[0].tasks[0].id: task "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" belongs to service "a"'
    ])
    // A valid timeline is kept as written.
    const ok = checkScenario(svc([{ afterDescribes: 2, events: [{ message: 'm' }] }]), NOW)
    expect(ok.clusters[0]?.services[0]?.timeline).toEqual([
      { afterDescribes: 2, events: [{ message: 'm' }] }
    ])
  })
})

describe('deployment scenario files', () => {
  /** Started at NOW; each request 15 s later than the one before (like a poller). */
  const startFile = (name: string) => {
    let t = NOW - 15_000
    return start(path.join(ROOT, 'sim/scenarios', `${name}.json`), () => (t += 15_000))
  }
  const poll = async (env: Env, n: number) => {
    const out: Service[] = []
    for (let i = 0; i < n; i++) out.push(await describeOne(env, 'checkout'))
    return out
  }
  const primary = (s: Service) => s.deployments?.find(d => d.status === 'PRIMARY')
  const count = async (env: Env, from: number, to: number, filterPattern: string) => {
    let n = 0
    let nextToken: string | undefined
    do {
      const r = await env.logs.send(
        new FilterLogEventsCommand({
          logGroupName: '/ecs/checkout',
          startTime: from,
          endTime: to,
          filterPattern,
          nextToken
        })
      )
      n += r.events?.length ?? 0
      nextToken = r.nextToken
    } while (nextToken)
    return n
  }
  const BENIGN = ['"inventory-service timed out"', '"Could not connect to redis"']

  it('deploy-success: 1/3 → 2/3 → 3/3, COMPLETED from the 4th describe, same errors before and after', async () => {
    const env = await startFile('deploy-success')
    const seen = await poll(env, 5)
    expect(seen.map(s => `${primary(s)?.runningCount}/${s.desiredCount}`)).toEqual([
      '1/3',
      '2/3',
      '3/3',
      '3/3',
      '3/3'
    ])
    expect(seen.map(s => primary(s)?.rolloutState)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'COMPLETED',
      'COMPLETED'
    ])
    expect(seen.map(s => s.deployments?.length)).toEqual([2, 2, 2, 1, 1])
    expect(short(primary(seen[0] as Service)?.taskDefinition)).toBe('checkout:43')
    const last = seen[4] as Service
    expect(last.runningCount).toBe(3)
    expect(last.events?.[0]?.message).toBe('(service checkout) has reached a steady state.')
    expect(last.events?.[1]?.message).toMatch(
      /\(deployment ecs-svc\/\d{19}\) deployment completed\.$/
    )
    // Old tasks were stopped by scaling, none of the new revision failed.
    const stopped = await stoppedTasks(env, 'checkout')
    expect(stopped.map(t => short(t.taskDefinitionArn))).toEqual([
      'checkout:42',
      'checkout:42',
      'checkout:42'
    ])
    const created = primary(last)?.createdAt?.getTime() as number
    expect(created).toBe(NOW - MIN)
    for (const p of BENIGN) {
      expect(await count(env, created - MIN, created, p)).toBeGreaterThan(0)
      expect(await count(env, created, NOW, p)).toBeGreaterThan(0)
    }
  })

  it('deploy-circuit-breaker: FAILED with a rollback PRIMARY from the 3rd describe', async () => {
    const env = await startFile('deploy-circuit-breaker')
    const seen = await poll(env, 5)
    const newId = primary(seen[0] as Service)?.id
    expect(seen.map(s => short(primary(s)?.taskDefinition))).toEqual([
      'checkout:43',
      'checkout:43',
      'checkout:42',
      'checkout:42',
      'checkout:42'
    ])
    const failed = seen[2]?.deployments?.find(d => d.id === newId)
    expect(failed).toMatchObject({
      status: 'ACTIVE',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.'
    })
    expect(primary(seen[2] as Service)?.id).not.toBe(newId)
    const messages = seen[2]?.events?.slice(0, 2).map(e => e.message)
    expect(messages?.[0]).toMatch(/rolling back to deployment ecs-svc\/\d{19}\.$/)
    expect(messages?.[1]).toBe(
      `(service checkout) (deployment ${newId}) deployment failed: tasks failed to start.`
    )
    expect(primary(seen[4] as Service)?.rolloutState).toBe('COMPLETED')
    const stopped = (await stoppedTasks(env, 'checkout')).filter(
      t => short(t.taskDefinitionArn) === 'checkout:43'
    )
    expect(stopped.map(t => t.stopCode)).toEqual(['TaskFailedToStart', 'TaskFailedToStart'])
  })

  it('deploy-oom: one more exit-137 task of the new revision per describe, still IN_PROGRESS', async () => {
    const env = await startFile('deploy-oom')
    const perPoll: number[] = []
    for (let i = 0; i < 4; i++) {
      const s = await describeOne(env, 'checkout')
      expect(primary(s)?.rolloutState).toBe('IN_PROGRESS')
      const failed = (await stoppedTasks(env, 'checkout')).filter(
        t =>
          short(t.taskDefinitionArn) === 'checkout:43' &&
          t.containers?.[0]?.exitCode === 137 &&
          t.containers[0].reason === 'OutOfMemoryError: Container killed due to memory usage'
      )
      perPoll.push(failed.length)
    }
    expect(perPoll).toEqual([1, 2, 3, 4])
    const created = NOW - 10 * MIN
    const oom = '"java.lang.OutOfMemoryError: Java heap space"'
    expect(await count(env, created - 10 * MIN, created, oom)).toBe(0)
    expect(await count(env, created, NOW, oom)).toBeGreaterThanOrEqual(10)
  })

  it('deploy-stuck: stays IN_PROGRESS at 1/3', async () => {
    const env = await startFile('deploy-stuck')
    const seen = await poll(env, 8)
    expect(
      new Set(seen.map(s => `${primary(s)?.rolloutState} ${primary(s)?.runningCount}/3`))
    ).toEqual(new Set(['IN_PROGRESS 1/3']))
  })

  it('deploy-new-errors: completes, with a new error after the deployment', async () => {
    const env = await startFile('deploy-new-errors')
    const seen = await poll(env, 2)
    expect(seen.map(s => primary(s)?.rolloutState)).toEqual(['IN_PROGRESS', 'COMPLETED'])
    const created = primary(seen[1] as Service)?.createdAt?.getTime() as number
    expect(created).toBe(NOW - 10 * MIN)
    const fresh = '"upstream returned 502 for /v2/charge"'
    expect(await count(env, created - 10 * MIN, created, fresh)).toBe(0)
    expect(await count(env, created, NOW, fresh)).toBeGreaterThanOrEqual(30)
    for (const p of BENIGN) {
      const before = await count(env, created - 10 * MIN, created, p)
      const after = await count(env, created, NOW, p)
      expect(before).toBeGreaterThan(0)
      expect(Math.abs(after - before)).toBeLessThanOrEqual(2)
    }
  })
})
