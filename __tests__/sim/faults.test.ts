import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DescribeLogGroupsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { DescribeClustersCommand, ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs'
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2'
import { FaultEngine, type FaultConfig } from '../../sim/faults.js'
import { clientConfig, errorOf, startWithClients, type Clients } from './helpers.js'

const scenario = {
  clusters: [{ name: 'prod', services: [{ name: 'api' }] }],
  targetGroups: [{ name: 'api-tg' }],
  logGroups: [{ name: '/ecs/api' }]
}

/** Outcome of n ListServices calls: "ok" or the error name. */
async function outcomes(c: Clients, n: number): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    try {
      await c.ecs.send(new ListServicesCommand({ cluster: 'prod' }))
      out.push('ok')
    } catch (e) {
      out.push((e as Error).name)
    }
  }
  return out
}

describe('fault injection', () => {
  let c: Clients
  beforeAll(async () => {
    c = await startWithClients(scenario)
  })
  afterAll(async () => c.stop())

  it('throttles at the configured rate, identically for the same seed', async () => {
    const faults: FaultConfig = { seed: 42, operations: { ListServices: { throttleRate: 0.3 } } }
    c.sim.setFaults(faults)
    const a = await outcomes(c, 40)
    c.sim.setFaults(faults)
    const b = await outcomes(c, 40)
    expect(a).toEqual(b)
    const throttled = a.filter(x => x === 'ThrottlingException').length
    expect(throttled).toBeGreaterThan(4)
    expect(throttled).toBeLessThan(24)
    expect(a.filter(x => x !== 'ok' && x !== 'ThrottlingException')).toEqual([])
    c.sim.setFaults({ seed: 7, operations: { ListServices: { throttleRate: 0.3 } } })
    expect(await outcomes(c, 40)).not.toEqual(a)
    // The draws are a function of (seed, operation, request number): the engine agrees offline.
    const engine = new FaultEngine(faults)
    const offline = Array.from({ length: 40 }, () =>
      engine.decide('ListServices').action.kind === 'throttle' ? 'ThrottlingException' : 'ok'
    )
    expect(offline).toEqual(a)
    c.sim.setFaults({})
  })

  it('sends ThrottlingException as JSON and Throttling as XML', async () => {
    c.sim.setFaults({ default: { throttleRate: 1 } })
    const e1 = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'prod' })))
    expect(e1.name).toBe('ThrottlingException')
    expect(e1.message).toBe('Rate exceeded')
    const e2 = await errorOf(c.elb.send(new DescribeTargetGroupsCommand({})))
    expect(e2.name).toBe('Throttling')
    expect(e2.message).toBe('Rate exceeded')
    const e3 = await errorOf(c.logs.send(new DescribeLogGroupsCommand({})))
    expect(e3.name).toBe('ThrottlingException')
    c.sim.setFaults({})
  })

  it('sends 5xx server errors', async () => {
    c.sim.setFaults({ default: { errorRate: 1 } })
    const e1 = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'prod' })))
    expect(e1.name).toBe('ServiceUnavailableException')
    expect((e1.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(503)
    expect((e1 as unknown as { $fault: string }).$fault).toBe('server')
    const e2 = await errorOf(c.elb.send(new DescribeTargetGroupsCommand({})))
    expect(e2.name).toBe('InternalFailure')
    expect((e2.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(500)
    c.sim.setFaults({ operations: { ListServices: { throttleFirst: 1, errorFirst: 1 } } })
    expect(await outcomes(c, 3)).toEqual([
      'ThrottlingException',
      'ServiceUnavailableException',
      'ok'
    ])
    c.sim.setFaults({})
  })

  it('denies access with a message like the real one', async () => {
    c.sim.setFaults({
      operations: { ListServices: { accessDenied: true }, FilterLogEvents: { accessDenied: true } }
    })
    const e = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'prod' })))
    expect(e.name).toBe('AccessDeniedException')
    expect(e.message).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/ci/session is not authorized to perform: ' +
        'ecs:ListServices on resource: arn:aws:ecs:us-east-1:123456789012:cluster/prod because no ' +
        'identity-based policy allows the ecs:ListServices action'
    )
    const e2 = await errorOf(c.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/api' })))
    expect(e2.name).toBe('AccessDeniedException')
    expect(e2.message).toContain(
      'logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/ecs/api'
    )
    // Other operations are unaffected.
    const ok = await c.ecs.send(new DescribeClustersCommand({ clusters: ['prod'] }))
    expect(ok.clusters).toHaveLength(1)
    c.sim.setFaults({})
  })

  it('resets connections without an answer', async () => {
    c.sim.setFaults({ operations: { ListServices: { resetRate: 1 } } })
    const e = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'prod' })))
    expect(String(e.code ?? e.message)).toMatch(/ECONNRESET|socket hang up/)
    c.sim.setFaults({})
    expect(await outcomes(c, 1)).toEqual(['ok'])
  })

  it('adds latency and can hang until the client times out', async () => {
    c.sim.setFaults({ operations: { ListServices: { latencyMs: 150 } } })
    const t0 = performance.now()
    await c.ecs.send(new ListServicesCommand({ cluster: 'prod' }))
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140)
    c.sim.setFaults({ operations: { ListServices: { hang: true } } })
    const impatient = new ECSClient(clientConfig(c.sim, 200))
    try {
      const e = await errorOf(impatient.send(new ListServicesCommand({ cluster: 'prod' })))
      expect(e.name).toBe('TimeoutError')
    } finally {
      impatient.destroy()
      c.sim.setFaults({})
    }
  })

  it('enforces a requests-per-second quota', async () => {
    c.sim.setFaults({ operations: { FilterLogEvents: { quota: { rps: 5, burst: 5 } } } })
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        c.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/api' })).then(
          () => 'ok',
          (e: Error) => e.name
        )
      )
    )
    expect(results.filter(r => r === 'ok').length).toBeGreaterThanOrEqual(5)
    expect(results.filter(r => r === 'ok').length).toBeLessThanOrEqual(6)
    expect(results.filter(r => r === 'ThrottlingException').length).toBeGreaterThanOrEqual(6)
    await new Promise(r => setTimeout(r, 450))
    const after = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/api' }))
    expect(after.events).toEqual([])
    c.sim.setFaults({})
  })

  it('counts every request per operation, faulted ones included', async () => {
    c.sim.resetCounts()
    c.sim.setFaults({ operations: { ListServices: { throttleFirst: 2 } } })
    await outcomes(c, 3)
    await c.elb.send(new DescribeTargetGroupsCommand({ Names: ['api-tg'] }))
    expect(c.sim.counts()).toEqual({ ListServices: 3, DescribeTargetGroups: 1 })
    const reqs = c.sim.requests()
    expect(reqs.map(r => [r.operation, r.status, r.error])).toEqual([
      ['ListServices', 400, 'ThrottlingException'],
      ['ListServices', 400, 'ThrottlingException'],
      ['ListServices', 200, undefined],
      ['DescribeTargetGroups', 200, undefined]
    ])
    expect(reqs[0]?.params).toEqual({ cluster: 'prod' })
    expect(reqs[3]?.params).toEqual({ Names: ['api-tg'] })
    const viaHttp = (await (await fetch(`${c.sim.url}/__sim/counts`)).json()) as Record<
      string,
      number
    >
    expect(viaHttp).toEqual({ ListServices: 3, DescribeTargetGroups: 1 })
    c.sim.resetCounts()
    expect(c.sim.counts()).toEqual({})
    c.sim.setFaults({})
  })

  it('rejects invalid fault configurations', () => {
    expect(() => c.sim.setFaults({ default: { throttleRate: 2 } })).toThrow(
      /faults.default.throttleRate: must be ≤ 1/
    )
    expect(() =>
      c.sim.setFaults({ operations: { ListServices: { throttlerate: 0.1 } as never } })
    ).toThrow(/did you mean "throttleRate"/)
  })

  it('answers unknown JSON operations with UnknownOperationException', async () => {
    const res = await fetch(c.sim.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DeleteService',
        'content-type': 'application/x-amz-json-1.1'
      },
      body: '{}'
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException')
  })
})
