import { describe, expect, it } from '@jest/globals'
import {
  appendRun,
  emptyHistory,
  type History,
  type RunSample
} from '../../../src/monitor/history.js'
import {
  changesBetween,
  planIncidents,
  type IncidentPolicy,
  type OpenIncident
} from '../../../src/monitor/incident.js'

const POLICY: IncidentPolicy = { after: 2, resolveAfter: 2, scope: 'cluster' }

function sample(i: number, causes: Record<string, string>): RunSample {
  const failing = Object.keys(causes).length
    ? [
        'cluster',
        ...new Set(Object.keys(causes).map(k => (k.startsWith('service:') ? k : 'checks')))
      ]
    : []
  return {
    at: new Date(Date.UTC(2026, 11, 5, 10) + i * 300_000).toISOString(),
    overall: failing.length ? 'unhealthy' : 'healthy',
    failing,
    causes,
    services: {},
    total: 3,
    errors: 0,
    latency: {}
  }
}

/** A history from a list of runs' causes ({} = healthy). */
function historyOf(...runs: Record<string, string>[]): History {
  return runs.reduce((h, c, i) => appendRun(h, sample(i, c)), emptyHistory('prod', 'us-east-1'))
}

const DOWN = { 'service:checkout': 'connection_error' }
const incident = (causes: Record<string, string> = DOWN, unit = 'cluster'): OpenIncident => ({
  number: 7,
  state: { unit, since: sample(0, {}).at, failedRuns: 2, causes }
})

describe('planIncidents', () => {
  const cases: [name: string, h: History, open: OpenIncident[], want: unknown][] = [
    ['one failing run waits', historyOf(DOWN), [], [{ kind: 'wait', failing: true, runs: 1 }]],
    ['a healthy run waits', historyOf({}), [], [{ kind: 'wait', failing: false }]],
    [
      'the second failing run opens',
      historyOf({}, DOWN, DOWN),
      [],
      [{ kind: 'open', unit: 'cluster', runs: 2, since: sample(1, {}).at, causes: DOWN }]
    ],
    [
      'failing again with the same cause edits, no comment',
      historyOf(DOWN, DOWN, DOWN),
      [incident()],
      [
        {
          kind: 'update',
          failing: true,
          state: { failedRuns: 3, causes: DOWN }
        }
      ]
    ],
    [
      'one healthy run does not resolve',
      historyOf(DOWN, DOWN, {}),
      [incident()],
      [{ kind: 'update', failing: false, healthyRuns: 1, state: { failedRuns: 2 } }]
    ],
    [
      'two healthy runs resolve',
      historyOf(DOWN, DOWN, {}, {}),
      [incident()],
      [{ kind: 'resolve', healthyRuns: 2, recoveredAt: sample(2, {}).at }]
    ],
    [
      'a new failing service is a change',
      historyOf(DOWN, { ...DOWN, 'service:payments': 'oom' }),
      [incident()],
      [
        {
          kind: 'update',
          changes: { newlyFailing: ['service:payments'], recovered: [], causeChanged: {} },
          state: { causes: { ...DOWN, 'service:payments': 'oom' } }
        }
      ]
    ],
    [
      'another cause is a change',
      historyOf(DOWN, { 'service:checkout': 'timeout' }),
      [incident()],
      [
        {
          kind: 'update',
          changes: { causeChanged: { 'service:checkout': ['connection_error', 'timeout'] } }
        }
      ]
    ]
  ]
  it.each(cases)('%s', (_name, h, open, want) => {
    expect(planIncidents(h, open, POLICY)).toMatchObject(want as object)
  })

  it('judges each failing service and each open issue under scope service', () => {
    const h = historyOf({ 'service:a': 'oom', 'http:endpoint x': 'HTTP #' })
    const plan = planIncidents(h, [incident({ 'service:b': 'oom' }, 'service:b')], {
      ...POLICY,
      after: 1,
      scope: 'service'
    })
    expect(plan.map(p => [p.kind, 'unit' in p ? p.unit : p.incident.state.unit])).toEqual([
      ['open', 'checks'],
      ['open', 'service:a'],
      ['update', 'service:b']
    ])
  })

  it('says nothing changed when the causes are the same', () => {
    const [plan] = planIncidents(historyOf(DOWN, DOWN), [incident()], POLICY)
    expect(plan).not.toHaveProperty('changes')
    expect(changesBetween(DOWN, { ...DOWN })).toBeUndefined()
  })
})
