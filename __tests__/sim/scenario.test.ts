import { describe, expect, it } from '@jest/globals'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  checkScenario,
  loadScenario,
  parseDuration,
  parseTime,
  ScenarioError,
  startSimulator
} from '../../sim/index.js'
import { NOW } from './helpers.js'

const issuesOf = (input: unknown): readonly string[] => {
  try {
    checkScenario(input, NOW)
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues
    throw e
  }
  throw new Error('expected the scenario to be rejected')
}

describe('scenario times', () => {
  it('reads relative, ISO and epoch-ms times', () => {
    expect(parseTime('-30s', NOW)).toBe(NOW - 30_000)
    expect(parseTime('-5m', NOW)).toBe(NOW - 300_000)
    expect(parseTime('-2h', NOW)).toBe(NOW - 7_200_000)
    expect(parseTime('-1d', NOW)).toBe(NOW - 86_400_000)
    expect(parseTime('-1h30m', NOW)).toBe(NOW - 5_400_000)
    expect(parseTime('+10m', NOW)).toBe(NOW + 600_000)
    expect(parseTime('now', NOW)).toBe(NOW)
    expect(parseTime('2025-01-02T03:04:05Z', NOW)).toBe(Date.parse('2025-01-02T03:04:05Z'))
    expect(parseTime(1700000000000, NOW)).toBe(1700000000000)
    expect(parseDuration('250ms')).toBe(250)
    expect(() => parseTime('-5 minutes', NOW)).toThrow(/cannot read relative time/)
    expect(() => parseTime('yesterday', NOW)).toThrow(/cannot read time/)
  })
})

describe('scenario validation', () => {
  it('fills defaults', () => {
    const s = checkScenario({ clusters: [{ name: 'c', services: [{ name: 'a' }] }] }, NOW)
    expect(s.region).toBe('us-east-1')
    expect(s.accountId).toBe('123456789012')
    const a = s.clusters[0]?.services[0]
    expect(a).toMatchObject({
      status: 'ACTIVE',
      desiredCount: 1,
      runningCount: 1,
      pendingCount: 0,
      taskDefinition: 'a:1',
      launchType: 'FARGATE'
    })
    expect(a?.deployments).toHaveLength(1)
    expect(a?.tasks).toHaveLength(1)
    expect(a?.tasks[0]?.id).toMatch(/^[0-9a-f]{32}$/)
  })

  it('lists every problem with its path', () => {
    const issues = issuesOf({
      region: 'mars',
      clusters: [
        {
          name: 'prod',
          services: [
            {
              name: 'api',
              desiredcount: 2,
              status: 'RUNNING',
              loadBalancers: [{ targetGroup: 'nope', containerName: 'api', containerPort: 80 }]
            },
            { name: 'api', createdAt: 'last tuesday' }
          ]
        }
      ],
      targetGroups: [{ name: 'a_b' }],
      logGroups: [{ name: '/x', generate: [{ kind: 'csv', count: -1 }] }],
      faults: { default: { errorRate: 3 } }
    })
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^scenario\.region: "mars" is not valid/),
        'scenario.clusters[0].services[0].desiredcount: unknown field (did you mean "desiredCount"?)',
        'scenario.clusters[0].services[0].status: expected one of ACTIVE, DRAINING, INACTIVE, got "RUNNING"',
        expect.stringMatching(
          /^scenario\.clusters\[0\]\.services\[1\]\.createdAt: cannot read time "last tuesday"/
        ),
        'scenario.clusters[0].services: duplicate service name "api"',
        expect.stringMatching(/^scenario\.targetGroups\[0\]\.name: "a_b" is not valid/),
        'scenario.logGroups[0].generate[0].kind: expected one of access, app, lines, got "csv"',
        'scenario.logGroups[0].generate[0].count: must be ≥ 0, got -1',
        'scenario.faults.default.errorRate: must be ≤ 1, got 3',
        'scenario.clusters[0].services[0].loadBalancers[0].targetGroup: no target group named "nope" in scenario.targetGroups'
      ])
    )
    const msg = (() => {
      try {
        checkScenario({ clusters: 'x' }, NOW, 'bad.json')
      } catch (e) {
        return (e as Error).message
      }
      return ''
    })()
    expect(msg).toBe(
      'invalid simulator scenario (bad.json):\n  - scenario.clusters: expected an array, got "x"'
    )
  })

  it('expands generated services with target groups and log groups', () => {
    const s = checkScenario(
      {
        clusters: [
          {
            name: 'big',
            generateServices: {
              count: 500,
              prefix: 'svc-',
              targetGroups: true,
              logs: { kind: 'app', count: 1000 }
            }
          }
        ]
      },
      NOW
    )
    expect(s.clusters[0]?.services).toHaveLength(500)
    expect(s.clusters[0]?.services[499]?.name).toBe('svc-500')
    expect(s.targetGroups).toHaveLength(500)
    expect(s.targetGroups[0]?.targets).toHaveLength(2)
    expect(s.logGroups.map(g => g.name)).toContain('/ecs/svc-123')
  })

  it('loads the bundled basic scenario', async () => {
    const s = loadScenario('sim/scenarios/basic.json', NOW)
    expect(s.clusters[0]?.services.map(x => x.name)).toEqual(['api', 'worker', 'batch'])
    expect(s.targetGroups.map(t => t.name)).toEqual(['api-tg'])
    const sim = await startSimulator({ scenario: 'sim/scenarios/basic.json', now: () => NOW })
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(sim.port).toBeGreaterThan(0)
      expect(sim.scenario.now).toBe(NOW)
    } finally {
      await sim.close()
    }
  })

  it('reports unreadable and malformed files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'))
    const file = join(dir, 'bad.json')
    writeFileSync(file, '{ "clusters": [ }')
    expect(() => loadScenario(file)).toThrow(/bad\.json\):\n {2}- not valid JSON/)
    expect(() => loadScenario(join(dir, 'missing.json'))).toThrow(/cannot read the file/)
  })
})
