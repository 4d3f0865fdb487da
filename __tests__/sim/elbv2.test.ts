import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand
} from '@aws-sdk/client-elastic-load-balancing-v2'
import type { Scenario } from '../../sim/index.js'
import { parseQueryParams } from '../../sim/elbv2.js'
import { errorOf, startWithClients, type Clients } from './helpers.js'

const scenario: Scenario = {
  clusters: [{ name: 'prod', generateServices: { count: 30, targetGroups: true } }],
  targetGroups: [
    {
      name: 'api-tg',
      port: 8080,
      targets: [
        { id: '10.0.1.5', state: 'healthy' },
        {
          id: '10.0.1.6',
          state: 'unhealthy',
          reason: 'Target.ResponseCodeMismatch',
          description: 'Health checks failed with these codes: [503]'
        },
        { id: '10.0.1.7', state: 'draining' },
        { id: '10.0.1.8', state: 'initial' },
        { id: '10.0.1.9', port: 9090, state: 'unhealthy' }
      ]
    },
    { name: 'empty-tg', loadBalancer: null, healthCheckPort: '8081' },
    {
      name: 'escape-tg',
      targets: [{ id: 'i-0abc', state: 'unhealthy', description: `codes: [503] <b>&"it's"</b>` }]
    }
  ]
}

describe('ELBv2 through the real SDK (query protocol, XML)', () => {
  let c: Clients
  beforeAll(async () => {
    c = await startWithClients(scenario)
  })
  afterAll(async () => c.stop())

  it('describes target groups by ARN', async () => {
    const arns = [c.sim.targetGroupArn('api-tg'), c.sim.targetGroupArn('empty-tg')]
    const r = await c.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: arns }))
    expect(r.TargetGroups?.map(t => t.TargetGroupName)).toEqual(['api-tg', 'empty-tg'])
    expect(r.TargetGroups?.[0]).toMatchObject({
      TargetGroupArn: arns[0],
      Protocol: 'HTTP',
      Port: 8080,
      TargetType: 'ip',
      HealthCheckPath: '/health',
      HealthCheckEnabled: true,
      Matcher: { HttpCode: '200' }
    })
    expect(r.TargetGroups?.[0]?.LoadBalancerArns?.[0]).toMatch(/:loadbalancer\/app\/app-lb\//)
    expect(r.TargetGroups?.[1]?.LoadBalancerArns).toEqual([])
    expect(r.NextMarker).toBeUndefined()
  })

  it('pages all target groups with Marker / PageSize', async () => {
    const names: string[] = []
    let Marker: string | undefined
    let pages = 0
    do {
      const r = await c.elb.send(new DescribeTargetGroupsCommand({ PageSize: 7, Marker }))
      names.push(...(r.TargetGroups ?? []).map(t => t.TargetGroupName ?? ''))
      Marker = r.NextMarker
      pages++
    } while (Marker)
    expect(names).toHaveLength(33) // 3 written + 30 generated
    expect(pages).toBe(5)
    expect(names).toContain('svc-030-tg')
    const e = await errorOf(c.elb.send(new DescribeTargetGroupsCommand({ PageSize: 401 })))
    expect(e.name).toBe('ValidationError')
  })

  it('describes by name, and fails on unknown groups with TargetGroupNotFoundException', async () => {
    const r = await c.elb.send(new DescribeTargetGroupsCommand({ Names: ['svc-002-tg'] }))
    expect(r.TargetGroups?.[0]?.TargetGroupArn).toBe(c.sim.targetGroupArn('svc-002-tg'))
    const missing = c.sim.targetGroupArn('api-tg').replace('api-tg', 'gone-tg')
    const e = await errorOf(
      c.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [missing] }))
    )
    expect(e.name).toBe('TargetGroupNotFoundException')
    expect(e.message).toBe('One or more target groups not found')
    expect((e.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400)
  })

  it('rejects more than 20 ARNs and mixing ARNs with names (as AWS does)', async () => {
    const arns = Array.from({ length: 21 }, (_, i) =>
      c.sim.targetGroupArn(`svc-${String(i + 1).padStart(3, '0')}-tg`)
    )
    const e = await errorOf(c.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: arns })))
    expect(e.name).toBe('ValidationError')
    const ok = await c.elb.send(
      new DescribeTargetGroupsCommand({ TargetGroupArns: arns.slice(0, 20) })
    )
    expect(ok.TargetGroups).toHaveLength(20)
    const e2 = await errorOf(
      c.elb.send(
        new DescribeTargetGroupsCommand({ TargetGroupArns: arns.slice(0, 1), Names: ['api-tg'] })
      )
    )
    expect(e2.name).toBe('ValidationError')
  })

  it('describes target health with states, reasons and descriptions', async () => {
    const r = await c.elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: c.sim.targetGroupArn('api-tg') })
    )
    expect(r.TargetHealthDescriptions).toEqual([
      {
        Target: { Id: '10.0.1.5', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: { State: 'healthy' }
      },
      {
        Target: { Id: '10.0.1.6', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: {
          State: 'unhealthy',
          Reason: 'Target.ResponseCodeMismatch',
          Description: 'Health checks failed with these codes: [503]'
        }
      },
      {
        Target: { Id: '10.0.1.7', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: {
          State: 'draining',
          Reason: 'Target.DeregistrationInProgress',
          Description: 'Target deregistration is in progress'
        }
      },
      {
        Target: { Id: '10.0.1.8', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: {
          State: 'initial',
          Reason: 'Elb.InitialHealthChecking',
          Description: 'Initial health checks in progress'
        }
      },
      {
        Target: { Id: '10.0.1.9', Port: 9090 },
        HealthCheckPort: '9090',
        TargetHealth: {
          State: 'unhealthy',
          Reason: 'Target.FailedHealthChecks',
          Description: 'Health checks failed'
        }
      }
    ])
    const empty = await c.elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: c.sim.targetGroupArn('empty-tg') })
    )
    expect(empty.TargetHealthDescriptions).toEqual([])
    const gen = await c.elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: c.sim.targetGroupArn('svc-010-tg') })
    )
    expect(gen.TargetHealthDescriptions?.map(t => t.TargetHealth?.State)).toEqual([
      'healthy',
      'healthy'
    ])
  })

  it('escapes XML special characters', async () => {
    const r = await c.elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: c.sim.targetGroupArn('escape-tg') })
    )
    expect(r.TargetHealthDescriptions?.[0]?.TargetHealth?.Description).toBe(
      `codes: [503] <b>&"it's"</b>`
    )
  })

  it('maps an XML AccessDenied to an SDK error named AccessDenied', async () => {
    c.sim.setFaults({ operations: { DescribeTargetHealth: { accessDenied: true } } })
    try {
      const e = await errorOf(
        c.elb.send(
          new DescribeTargetHealthCommand({ TargetGroupArn: c.sim.targetGroupArn('api-tg') })
        )
      )
      expect(e.name).toBe('AccessDenied')
      expect(e.message).toBe(
        'User: arn:aws:sts::123456789012:assumed-role/ci/session is not authorized to perform: ' +
          'elasticloadbalancing:DescribeTargetHealth because no identity-based policy allows the ' +
          'elasticloadbalancing:DescribeTargetHealth action'
      )
      expect((e.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(403)
      expect((e as unknown as { $fault: string }).$fault).toBe('client')
    } finally {
      c.sim.setFaults({})
    }
  })

  it('answers unknown actions with InvalidAction', async () => {
    const res = await fetch(c.sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DeleteTargetGroup&Version=2015-12-01&TargetGroupArn=x'
    })
    expect(res.status).toBe(400)
    const xml = await res.text()
    expect(xml).toContain('<Code>InvalidAction</Code>')
    expect(xml).toContain('<Type>Sender</Type>')
    expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/)
  })

  it('parses nested query parameters', () => {
    const p = parseQueryParams(
      new URLSearchParams(
        'TargetGroupArns.member.2=b&TargetGroupArns.member.1=a&Targets.member.1.Id=i-1&Targets.member.1.Port=80&PageSize=5&Names='
      )
    )
    expect(p).toEqual({
      TargetGroupArns: ['a', 'b'],
      Targets: [{ Id: 'i-1', Port: '80' }],
      PageSize: '5',
      Names: ''
    })
  })
})
