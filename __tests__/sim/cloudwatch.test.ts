import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CloudWatchClient,
  GetMetricDataCommand,
  paginateGetMetricData,
  ValidationException,
  type GetMetricDataCommandInput,
  type MetricDataQuery,
  type MetricDataResult
} from '@aws-sdk/client-cloudwatch'
import { DescribeServicesCommand } from '@aws-sdk/client-ecs'
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { checkScenario, ScenarioError, startSimulator, type Scenario } from '../../sim/index.js'
import { clientConfig, errorOf, NOW, startWithClients, type Clients } from './helpers.js'

const MIN = 60_000

const scenario: Scenario = {
  principal: 'arn:aws:sts::123456789012:assumed-role/ci/session',
  clusters: [{ name: 'prod', generateServices: { count: 250, targetGroups: true } }],
  targetGroups: [
    {
      name: 'api-tg',
      targets: [
        { id: '10.0.1.1', state: 'healthy' },
        { id: '10.0.1.2', state: 'healthy' },
        { id: '10.0.1.3', state: 'unhealthy' },
        { id: '10.0.1.4', state: 'unhealthy' },
        { id: '10.0.1.5', state: 'unhealthy' },
        { id: '10.0.1.6', state: 'draining' },
        { id: '10.0.1.7', state: 'initial' },
        { id: '10.0.1.8', state: 'unhealthy.draining' },
        { id: '10.0.1.9', state: 'unused' }
      ]
    },
    {
      name: 'lag-tg',
      metricsLagMinutes: 5,
      targets: [{ id: '10.0.2.1' }, { id: '10.0.2.2' }, { id: '10.0.2.3' }]
    },
    { name: 'quiet-tg', metrics: false, targets: [{ id: '10.0.3.1' }] },
    { name: 'orphan-tg', loadBalancer: null, targets: [{ id: '10.0.4.1' }] },
    {
      name: 'nlb-tg',
      protocol: 'TCP',
      loadBalancer: 'edge-nlb',
      targets: [{ id: '10.0.5.1' }, { id: '10.0.5.2', state: 'unhealthy' }]
    }
  ]
}

/** The dimensions of a group's per-target-group metric, from DescribeTargetGroups (as the product builds them). */
async function dimensionsOf(c: Clients, name: string) {
  const r = await c.elb.send(new DescribeTargetGroupsCommand({ Names: [name] }))
  const g = r.TargetGroups?.[0]
  const tgArn = g?.TargetGroupArn ?? ''
  const lbArn = g?.LoadBalancerArns?.[0] ?? ''
  return {
    tg: { Name: 'TargetGroup', Value: tgArn.slice(tgArn.lastIndexOf(':') + 1) },
    lb: { Name: 'LoadBalancer', Value: lbArn.slice(lbArn.indexOf('loadbalancer/') + 13) },
    tgArn,
    lbArn
  }
}

function query(
  id: string,
  metricName: string,
  dimensions: Array<{ Name: string; Value: string }>,
  opts: { period?: number; stat?: string; namespace?: string; label?: string } = {}
): MetricDataQuery {
  return {
    Id: id,
    ...(opts.label ? { Label: opts.label } : {}),
    MetricStat: {
      Metric: {
        Namespace: opts.namespace ?? 'AWS/ApplicationELB',
        MetricName: metricName,
        Dimensions: dimensions
      },
      Period: opts.period ?? 60,
      Stat: opts.stat ?? 'Maximum'
    }
  }
}

const window = (minutes: number) => ({
  StartTime: new Date(NOW - minutes * MIN),
  EndTime: new Date(NOW)
})

const iso = (d: Date) => d.toISOString().slice(11, 16)

describe('CloudWatch GetMetricData through the real SDK (JSON 1.0, awsQueryCompatible)', () => {
  let c: Clients
  beforeAll(async () => {
    c = await startWithClients(scenario)
  })
  afterAll(async () => c.stop())

  it('returns the DescribeTargetHealth counts of a group with mixed states, newest first', async () => {
    const health = await c.elb.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: c.sim.targetGroupArn('api-tg') })
    )
    const states = (health.TargetHealthDescriptions ?? []).map(d => d.TargetHealth?.State)
    const healthy = states.filter(s => s === 'healthy').length
    const unhealthy = states.filter(s => s === 'unhealthy').length
    expect([healthy, unhealthy]).toEqual([2, 3])

    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    expect(tg.Value).toMatch(/^targetgroup\/api-tg\/[0-9a-f]{16}$/)
    expect(lb.Value).toMatch(/^app\/app-lb\/[0-9a-f]{16}$/)
    const r = await c.cw.send(
      new GetMetricDataCommand({
        ...window(10),
        MetricDataQueries: [
          query('healthy', 'HealthyHostCount', [tg, lb]),
          query('unhealthy', 'UnHealthyHostCount', [lb, tg], { label: 'bad hosts' })
        ]
      })
    )
    expect(r.NextToken).toBeUndefined()
    expect(r.Messages).toEqual([])
    const [h, u] = r.MetricDataResults as [MetricDataResult, MetricDataResult]
    expect(h).toMatchObject({ Id: 'healthy', Label: 'HealthyHostCount', StatusCode: 'Complete' })
    expect(u).toMatchObject({ Id: 'unhealthy', Label: 'bad hosts', StatusCode: 'Complete' })
    // 11:50 … 11:59: the minute before now (lag 1) is the newest.
    expect(h.Timestamps?.map(iso)).toEqual(
      Array.from({ length: 10 }, (_, i) => `11:${String(59 - i).padStart(2, '0')}`)
    )
    expect(h.Values).toEqual(Array(10).fill(healthy))
    expect(u.Values).toEqual(Array(10).fill(unhealthy))
    expect(u.Timestamps).toEqual(h.Timestamps)
  })

  it('round-trips timestamps as Dates and rounds StartTime down to the minute', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const r = await c.cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(NOW - 3 * MIN - 30_000),
        EndTime: new Date(NOW - 30_000),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [query('h', 'HealthyHostCount', [tg, lb])]
      })
    )
    const ts = r.MetricDataResults?.[0]?.Timestamps ?? []
    expect(ts.every(t => t instanceof Date)).toBe(true)
    expect(ts.map(t => t.getTime())).toEqual([
      NOW - 4 * MIN,
      NOW - 3 * MIN,
      NOW - 2 * MIN,
      NOW - MIN
    ])
  })

  it('requires both the TargetGroup and LoadBalancer dimensions and the right namespace', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const other = await dimensionsOf(c, 'nlb-tg')
    const r = await c.cw.send(
      new GetMetricDataCommand({
        ...window(5),
        MetricDataQueries: [
          query('onlytg', 'HealthyHostCount', [tg]),
          query('onlylb', 'HealthyHostCount', [lb]),
          query('az', 'HealthyHostCount', [
            tg,
            lb,
            { Name: 'AvailabilityZone', Value: 'us-east-1a' }
          ]),
          query('wronglb', 'HealthyHostCount', [tg, other.lb]),
          query('nlbns', 'HealthyHostCount', [tg, lb], { namespace: 'AWS/NetworkELB' }),
          query('nometric', 'RequestCount', [tg, lb]),
          query('ok', 'HealthyHostCount', [tg, lb])
        ]
      })
    )
    const byId = Object.fromEntries((r.MetricDataResults ?? []).map(x => [x.Id, x]))
    for (const id of ['onlytg', 'onlylb', 'az', 'wronglb', 'nlbns', 'nometric'])
      expect(byId[id]).toMatchObject({ Timestamps: [], Values: [], StatusCode: 'Complete' })
    expect(byId.nometric?.Label).toBe('RequestCount')
    expect(byId.ok?.Values).toEqual([2, 2, 2, 2, 2])
  })

  it('serves Network Load Balancer groups under AWS/NetworkELB', async () => {
    const { tg, lb, lbArn } = await dimensionsOf(c, 'nlb-tg')
    expect(lbArn).toMatch(/:loadbalancer\/net\/edge-nlb\/[0-9a-f]{16}$/)
    const r = await c.cw.send(
      new GetMetricDataCommand({
        ...window(3),
        MetricDataQueries: [
          query('h', 'HealthyHostCount', [tg, lb], { namespace: 'AWS/NetworkELB' }),
          query('u', 'UnHealthyHostCount', [tg, lb], { namespace: 'AWS/NetworkELB' }),
          query('alb', 'HealthyHostCount', [tg, lb])
        ]
      })
    )
    expect(r.MetricDataResults?.map(x => x.Values)).toEqual([[1, 1, 1], [1, 1, 1], []])
  })

  it('follows each group’s publishing lag, and nothing for metrics: false or no load balancer', async () => {
    const lag = await dimensionsOf(c, 'lag-tg')
    const quiet = await dimensionsOf(c, 'quiet-tg')
    const orphan = await dimensionsOf(c, 'orphan-tg')
    expect(orphan.lbArn).toBe('')
    const r = await c.cw.send(
      new GetMetricDataCommand({
        ...window(10),
        MetricDataQueries: [
          query('lag', 'HealthyHostCount', [lag.tg, lag.lb]),
          query('quiet', 'HealthyHostCount', [quiet.tg, quiet.lb]),
          // A group of no load balancer has no LoadBalancer dimension value to name: try app-lb's.
          query('orphan', 'HealthyHostCount', [orphan.tg, quiet.lb])
        ]
      })
    )
    const [l, q, o] = r.MetricDataResults as MetricDataResult[]
    expect(l?.Timestamps?.map(iso)).toEqual(['11:55', '11:54', '11:53', '11:52', '11:51', '11:50'])
    expect(l?.Values).toEqual([3, 3, 3, 3, 3, 3])
    expect(q).toMatchObject({ Id: 'quiet', Timestamps: [], Values: [], StatusCode: 'Complete' })
    expect(o).toMatchObject({ Id: 'orphan', Timestamps: [], Values: [], StatusCode: 'Complete' })
  })

  it('orders by ScanBy and aggregates longer periods (Sum and SampleCount: one sample a minute)', async () => {
    const lag = await dimensionsOf(c, 'lag-tg')
    const dims = [lag.tg, lag.lb]
    const send = (ScanBy?: 'TimestampAscending' | 'TimestampDescending') =>
      c.cw.send(
        new GetMetricDataCommand({
          ...window(20),
          ...(ScanBy ? { ScanBy } : {}),
          MetricDataQueries: ['Average', 'Minimum', 'Maximum', 'Sum', 'SampleCount', 'p99'].map(
            (stat, i) => query(`q${i}`, 'HealthyHostCount', dims, { period: 300, stat })
          )
        })
      )
    const desc = await send()
    const asc = await send('TimestampAscending')
    const explicit = await send('TimestampDescending')
    expect(explicit.MetricDataResults).toEqual(desc.MetricDataResults)
    // 11:40, 11:45, 11:50 and 11:55, the newest bucket holding only the minute 11:55 (lag 5).
    expect(desc.MetricDataResults?.[0]?.Timestamps?.map(iso)).toEqual([
      '11:55',
      '11:50',
      '11:45',
      '11:40'
    ])
    expect(desc.MetricDataResults?.map(x => x.Values)).toEqual([
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [3, 15, 15, 15],
      [1, 5, 5, 5],
      [3, 3, 3, 3]
    ])
    for (const [i, d] of (desc.MetricDataResults ?? []).entries()) {
      const a = asc.MetricDataResults?.[i]
      expect(a?.Timestamps).toEqual([...(d.Timestamps ?? [])].reverse())
      expect(a?.Values).toEqual([...(d.Values ?? [])].reverse())
    }
  })

  it('pages by MaxDatapoints with NextToken, newest first across the queries', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const input: GetMetricDataCommandInput = {
      ...window(10),
      MaxDatapoints: 7,
      MetricDataQueries: [
        query('h', 'HealthyHostCount', [tg, lb]),
        query('u', 'UnHealthyHostCount', [tg, lb])
      ]
    }
    const full = await c.cw.send(new GetMetricDataCommand({ ...input, MaxDatapoints: undefined }))
    const pages: Array<Array<{ id: string; n: number; status: string }>> = []
    const merged: Record<string, { t: number[]; v: number[] }> = {
      h: { t: [], v: [] },
      u: { t: [], v: [] }
    }
    let NextToken: string | undefined
    do {
      const r = await c.cw.send(new GetMetricDataCommand({ ...input, NextToken }))
      pages.push(
        (r.MetricDataResults ?? []).map(x => ({
          id: x.Id ?? '',
          n: x.Values?.length ?? 0,
          status: x.StatusCode ?? ''
        }))
      )
      for (const x of r.MetricDataResults ?? []) {
        merged[x.Id ?? '']?.t.push(...(x.Timestamps ?? []).map(d => d.getTime()))
        merged[x.Id ?? '']?.v.push(...(x.Values ?? []))
      }
      NextToken = r.NextToken
    } while (NextToken)
    // 20 datapoints: 7 + 7 + 6, both queries in every page (minute by minute: h then u).
    expect(pages).toEqual([
      [
        { id: 'h', n: 4, status: 'PartialData' },
        { id: 'u', n: 3, status: 'PartialData' }
      ],
      [
        { id: 'h', n: 3, status: 'PartialData' },
        { id: 'u', n: 4, status: 'PartialData' }
      ],
      [
        { id: 'h', n: 3, status: 'Complete' },
        { id: 'u', n: 3, status: 'Complete' }
      ]
    ])
    for (const [i, id] of ['h', 'u'].entries()) {
      const f = full.MetricDataResults?.[i]
      expect(merged[id]?.t).toEqual(f?.Timestamps?.map(d => d.getTime()))
      expect(merged[id]?.v).toEqual(f?.Values)
    }

    // The SDK paginator gets the same (MaxDatapoints is its pageSize).
    let count = 0
    let n = 0
    const unsized = { ...input, MaxDatapoints: undefined }
    for await (const page of paginateGetMetricData({ client: c.cw, pageSize: 3 }, unsized)) {
      n++
      for (const x of page.MetricDataResults ?? []) count += x.Values?.length ?? 0
    }
    expect([n, count]).toEqual([7, 20])
  })

  it('keeps a pagination on the datapoints of its first page, and refuses foreign tokens', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const input: GetMetricDataCommandInput = {
      ...window(10),
      MaxDatapoints: 4,
      MetricDataQueries: [query('h', 'HealthyHostCount', [tg, lb])]
    }
    const first = await c.cw.send(new GetMetricDataCommand(input))
    expect(first.NextToken).toEqual(expect.any(String))
    const bad = await errorOf(
      c.cw.send(new GetMetricDataCommand({ ...input, NextToken: 'not-a-token' }))
    )
    expect(bad.name).toBe('InvalidNextToken')
    expect(bad.message).toBe('The next token specified is invalid.')
    // A token belongs to its request: other queries or another window are refused.
    const other = await errorOf(
      c.cw.send(new GetMetricDataCommand({ ...input, ...window(11), NextToken: first.NextToken }))
    )
    expect(other.name).toBe('InvalidNextToken')
    // MaxDatapoints may change between pages.
    const rest = await c.cw.send(
      new GetMetricDataCommand({ ...input, MaxDatapoints: 100, NextToken: first.NextToken })
    )
    expect(rest.MetricDataResults?.[0]?.Timestamps?.map(iso)).toEqual([
      '11:55',
      '11:54',
      '11:53',
      '11:52',
      '11:51',
      '11:50'
    ])
    expect(rest.NextToken).toBeUndefined()
  })

  it('splits replies over 100,800 datapoints', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const queries = Array.from({ length: 120 }, (_, i) =>
      query(`q${i}`, 'HealthyHostCount', [tg, lb])
    )
    // 120 queries × 1440 minutes = 172,800 datapoints: 840 minutes × 120 first, then the rest.
    const input: GetMetricDataCommandInput = {
      StartTime: new Date(NOW - 1440 * MIN),
      EndTime: new Date(NOW + MIN),
      MetricDataQueries: queries
    }
    const p1 = await c.cw.send(new GetMetricDataCommand(input))
    const n1 = (p1.MetricDataResults ?? []).map(x => x.Values?.length ?? 0)
    expect(n1).toEqual(Array(120).fill(840))
    expect(new Set(p1.MetricDataResults?.map(x => x.StatusCode))).toEqual(new Set(['PartialData']))
    expect(p1.NextToken).toEqual(expect.any(String))
    const p2 = await c.cw.send(new GetMetricDataCommand({ ...input, NextToken: p1.NextToken }))
    expect((p2.MetricDataResults ?? []).map(x => x.Values?.length ?? 0)).toEqual(
      Array(120).fill(600)
    )
    expect(new Set(p2.MetricDataResults?.map(x => x.StatusCode))).toEqual(new Set(['Complete']))
    expect(p2.NextToken).toBeUndefined()
    const last = p1.MetricDataResults?.[0]?.Timestamps?.at(-1)?.getTime() ?? 0
    const next = p2.MetricDataResults?.[0]?.Timestamps?.[0]?.getTime() ?? 0
    expect(last - next).toBe(MIN)
  })

  it('reads 250 target groups (500 queries) in one call', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `svc-${String(i + 1).padStart(3, '0')}-tg`)
    const groups: Array<{ arn: string; lb: string }> = []
    for (let i = 0; i < names.length; i += 20) {
      const r = await c.elb.send(new DescribeTargetGroupsCommand({ Names: names.slice(i, i + 20) }))
      for (const g of r.TargetGroups ?? [])
        groups.push({ arn: g.TargetGroupArn ?? '', lb: g.LoadBalancerArns?.[0] ?? '' })
    }
    const queries = groups.flatMap((g, i) => {
      const dims = [
        { Name: 'TargetGroup', Value: g.arn.slice(g.arn.lastIndexOf(':') + 1) },
        { Name: 'LoadBalancer', Value: g.lb.slice(g.lb.indexOf('loadbalancer/') + 13) }
      ]
      return [query(`h${i}`, 'HealthyHostCount', dims), query(`u${i}`, 'UnHealthyHostCount', dims)]
    })
    expect(queries).toHaveLength(500)
    c.sim.resetCounts()
    const r = await c.cw.send(
      new GetMetricDataCommand({ ...window(5), MetricDataQueries: queries })
    )
    expect(c.sim.counts()).toEqual({ GetMetricData: 1 })
    const results = r.MetricDataResults ?? []
    expect(results).toHaveLength(500)
    expect(
      results.filter(x => x.Id?.startsWith('h')).every(x => x.Values?.join() === '2,2,2,2,2')
    ).toBe(true)
    expect(
      results.filter(x => x.Id?.startsWith('u')).every(x => x.Values?.join() === '0,0,0,0,0')
    ).toBe(true)
    expect(c.sim.requests()[0]).toMatchObject({
      operation: 'GetMetricData',
      service: 'cloudwatch',
      status: 200
    })
  })

  it('refuses 501 queries and malformed ones with ValidationException (awsQuery code ValidationError)', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const many = Array.from({ length: 501 }, (_, i) => query(`q${i}`, 'HealthyHostCount', [tg, lb]))
    const e = await errorOf(
      c.cw.send(new GetMetricDataCommand({ ...window(5), MetricDataQueries: many }))
    )
    expect(e).toBeInstanceOf(ValidationException)
    expect(e.name).toBe('ValidationException')
    expect(e.Code).toBe('ValidationError')
    expect(e.Type).toBe('Sender')
    expect(e.message).toBe(
      'The collection MetricDataQueries must not have a size greater than 500.'
    )
    expect((e.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(400)

    const bad = await errorOf(
      c.cw.send(
        new GetMetricDataCommand({
          ...window(5),
          MetricDataQueries: [
            query('Upper', 'HealthyHostCount', [tg, lb]),
            query('dup', 'HealthyHostCount', [tg, lb], { period: 90 }),
            query('dup', 'HealthyHostCount', [tg, lb], { stat: 'Median' }),
            { Id: 'math', Expression: 'SUM(METRICS())' }
          ]
        })
      )
    )
    expect(bad.name).toBe('ValidationException')
    expect(bad.message.split('\n')).toEqual([
      'The value Upper for parameter MetricDataQueries.member.1.Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.',
      'The value 90 for parameter MetricDataQueries.member.2.MetricStat.Period is not valid: it must be a multiple of 60 (ELB metrics are standard resolution).',
      'The value Median for parameter MetricDataQueries.member.3.MetricStat.Stat is not a valid statistic.',
      'MetricDataQueries.member.4.Expression: metric math and Metrics Insights queries are not supported by the simulator (use MetricStat).',
      'The values for parameter id in MetricDataQueries are not unique.'
    ])

    const q = [query('h', 'HealthyHostCount', [tg, lb])]
    const same = await errorOf(
      c.cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(NOW),
          EndTime: new Date(NOW),
          MetricDataQueries: q
        })
      )
    )
    expect([same.name, same.message]).toEqual([
      'ValidationException',
      'The parameter StartTime must not equal parameter EndTime.'
    ])
    const reversed = await errorOf(
      c.cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(NOW),
          EndTime: new Date(NOW - MIN),
          MetricDataQueries: q
        })
      )
    )
    expect(reversed.message).toBe(
      'The parameter StartTime must be less than the parameter EndTime.'
    )
    const zero = await errorOf(
      c.cw.send(
        new GetMetricDataCommand({
          ...window(5),
          MetricDataQueries: [query('h', 'HealthyHostCount', [tg, lb], { period: 0 })]
        })
      )
    )
    expect(zero.name).toBe('ValidationException')
    // The SDK does not check required members: the simulator names the missing one.
    const noStart = await errorOf(
      c.cw.send(
        new GetMetricDataCommand({
          EndTime: new Date(NOW),
          MetricDataQueries: q
        } as GetMetricDataCommandInput)
      )
    )
    expect([noStart.name, noStart.Code, noStart.message]).toEqual([
      'MissingRequiredParameterException',
      'MissingParameter',
      'The parameter StartTime is required.'
    ])
  })

  it('applies faults and quotas: AccessDenied names cloudwatch:GetMetricData, throttling is Throttling', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const input = { ...window(5), MetricDataQueries: [query('h', 'HealthyHostCount', [tg, lb])] }
    try {
      c.sim.resetCounts()
      c.sim.setFaults({ operations: { GetMetricData: { accessDenied: true } } })
      const denied = await errorOf(c.cw.send(new GetMetricDataCommand(input)))
      expect(denied.name).toBe('AccessDenied')
      expect(denied.Code).toBe('AccessDenied')
      expect(denied.message).toBe(
        'User: arn:aws:sts::123456789012:assumed-role/ci/session is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action'
      )
      expect((denied.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(403)

      c.sim.setFaults({ operations: { GetMetricData: { throttleFirst: 1, errorFirst: 1 } } })
      const throttled = await errorOf(c.cw.send(new GetMetricDataCommand(input)))
      expect([throttled.name, throttled.message]).toEqual(['Throttling', 'Rate exceeded'])
      const failed = await errorOf(c.cw.send(new GetMetricDataCommand(input)))
      expect(failed.name).toBe('InternalServiceFault')
      expect(failed.$fault).toBe('server')
      await c.cw.send(new GetMetricDataCommand(input))

      c.sim.setFaults({ operations: { GetMetricData: { quota: { rps: 0.001, burst: 2 } } } })
      const outcomes: string[] = []
      for (let i = 0; i < 4; i++)
        outcomes.push(
          await c.cw.send(new GetMetricDataCommand(input)).then(
            () => 'ok',
            (err: Error) => err.name
          )
        )
      expect(outcomes).toEqual(['ok', 'ok', 'Throttling', 'Throttling'])
      expect(c.sim.counts().GetMetricData).toBe(8)
      expect(c.sim.requests().map(r => r.error ?? 'ok')).toEqual([
        'AccessDenied',
        'Throttling',
        'InternalServiceError',
        'ok',
        'ok',
        'ok',
        'Throttling',
        'Throttling'
      ])
    } finally {
      c.sim.setFaults({})
    }
  })

  it('retries throttling with the standard retry strategy', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const retrying = new CloudWatchClient({ ...clientConfig(c.sim), maxAttempts: 3 })
    try {
      c.sim.resetCounts()
      c.sim.setFaults({ operations: { GetMetricData: { throttleFirst: 2 } } })
      const r = await retrying.send(
        new GetMetricDataCommand({
          ...window(2),
          MetricDataQueries: [query('h', 'HealthyHostCount', [tg, lb])]
        })
      )
      expect(r.MetricDataResults?.[0]?.Values).toEqual([2, 2])
      expect(c.sim.counts().GetMetricData).toBe(3)
    } finally {
      c.sim.setFaults({})
      retrying.destroy()
    }
  }, 20_000)

  it('speaks JSON 1.0 on the wire: epoch-second timestamps, x-amzn-query-error on errors', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const post = (target: string, body: unknown) =>
      fetch(`${c.sim.url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': target,
          'x-amzn-query-mode': 'true'
        },
        body: JSON.stringify(body)
      })
    const ok = await post('GraniteServiceVersion20100801.GetMetricData', {
      StartTime: (NOW - 2 * MIN) / 1000,
      EndTime: NOW / 1000,
      MetricDataQueries: [query('h', 'HealthyHostCount', [tg, lb])]
    })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('application/x-amz-json-1.0')
    expect(await ok.json()).toEqual({
      MetricDataResults: [
        {
          Id: 'h',
          Label: 'HealthyHostCount',
          Timestamps: [(NOW - MIN) / 1000, (NOW - 2 * MIN) / 1000],
          Values: [2, 2],
          StatusCode: 'Complete'
        }
      ],
      Messages: []
    })

    const bad = await post('GraniteServiceVersion20100801.GetMetricData', {
      StartTime: NOW / 1000,
      EndTime: NOW / 1000,
      MetricDataQueries: [query('h', 'HealthyHostCount', [tg, lb])]
    })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('application/x-amz-json-1.0')
    expect(bad.headers.get('x-amzn-query-error')).toBe('ValidationError;Sender')
    expect(await bad.json()).toEqual({
      __type: 'com.amazonaws.cloudwatch#ValidationException',
      message: 'The parameter StartTime must not equal parameter EndTime.'
    })

    const unknown = await post('GraniteServiceVersion20100801.GetMetricStatistics', {})
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#UnknownOperationException'
    )
    expect(c.sim.counts().GetMetricStatistics).toBe(1)
  })
})

describe('GetMetricData follows target health as timelines change it', () => {
  let c: Clients
  beforeAll(async () => {
    c = await startWithClients({
      clusters: [
        {
          name: 'prod',
          services: [
            {
              name: 'api',
              loadBalancers: [{ targetGroup: 'api-tg', containerName: 'api', containerPort: 80 }],
              timeline: [
                {
                  afterDescribes: 1,
                  targetGroups: {
                    'api-tg': [
                      { id: '10.0.0.1', state: 'unhealthy' },
                      { id: '10.0.0.2', state: 'unhealthy' },
                      { id: '10.0.0.3', state: 'initial' }
                    ]
                  }
                }
              ]
            }
          ]
        }
      ],
      targetGroups: [{ name: 'api-tg', targets: [{ id: '10.0.0.1' }, { id: '10.0.0.2' }] }]
    })
  })
  afterAll(async () => c.stop())

  it('reports the current counts for the whole window (no history)', async () => {
    const { tg, lb } = await dimensionsOf(c, 'api-tg')
    const read = async () => {
      const r = await c.cw.send(
        new GetMetricDataCommand({
          ...window(3),
          MetricDataQueries: [
            query('h', 'HealthyHostCount', [tg, lb]),
            query('u', 'UnHealthyHostCount', [tg, lb])
          ]
        })
      )
      return r.MetricDataResults?.map(x => x.Values)
    }
    expect(await read()).toEqual([
      [2, 2, 2],
      [0, 0, 0]
    ])
    await c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] }))
    expect(await read()).toEqual([
      [0, 0, 0],
      [2, 2, 2]
    ])
  })
})

describe('metricsLagMinutes and metrics in scenarios', () => {
  it('validates the knobs and fills in the defaults', () => {
    const s = checkScenario({ targetGroups: [{ name: 'a-tg' }] }, NOW)
    expect(s.targetGroups[0]).toMatchObject({ metricsLagMinutes: 1, metrics: true })
    let err: unknown
    try {
      checkScenario(
        {
          targetGroups: [
            { name: 'a-tg', metricsLagMinutes: -1, metrics: 'no' },
            { name: 'b-tg', metricLag: 2 }
          ]
        },
        NOW
      )
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ScenarioError)
    expect((err as ScenarioError).issues).toEqual([
      'scenario.targetGroups[0].metricsLagMinutes: must be ≥ 0, got -1',
      'scenario.targetGroups[0].metrics: expected true or false, got "no"',
      expect.stringMatching(/^scenario\.targetGroups\[1\]\.metricLag: unknown field/)
    ])
  })

  it('lag 0 publishes the current minute; the clock moves the newest datapoint', async () => {
    let now = NOW + 30_000
    const sim = await startSimulator({
      scenario: {
        targetGroups: [{ name: 'a-tg', metricsLagMinutes: 0, targets: [{ id: '10.0.0.1' }] }]
      },
      now: () => now
    })
    const cw = new CloudWatchClient(clientConfig(sim))
    const elb = new ElasticLoadBalancingV2Client(clientConfig(sim))
    try {
      const g = (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups?.[0]
      const tgArn = g?.TargetGroupArn ?? ''
      const lbArn = g?.LoadBalancerArns?.[0] ?? ''
      const dims = [
        { Name: 'TargetGroup', Value: tgArn.slice(tgArn.lastIndexOf(':') + 1) },
        { Name: 'LoadBalancer', Value: lbArn.slice(lbArn.indexOf('loadbalancer/') + 13) }
      ]
      const read = async () => {
        const r = await cw.send(
          new GetMetricDataCommand({
            StartTime: new Date(NOW - 2 * MIN),
            EndTime: new Date(NOW + 10 * MIN),
            MetricDataQueries: [query('h', 'HealthyHostCount', dims)]
          })
        )
        return r.MetricDataResults?.[0]?.Timestamps?.map(iso)
      }
      expect(await read()).toEqual(['12:00', '11:59', '11:58'])
      now = NOW + 2 * MIN + 1
      expect(await read()).toEqual(['12:02', '12:01', '12:00', '11:59', '11:58'])
    } finally {
      cw.destroy()
      elb.destroy()
      await sim.close()
    }
  })
})
