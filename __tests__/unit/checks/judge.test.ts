import { describe, expect, it } from '@jest/globals'
import { exitCodeOf, findingsOf, overallOf } from '../../../src/checks/judge.js'
import { incidentReport, service } from '../../../__fixtures__/reports.js'

describe('findingsOf', () => {
  it('finds every problem, unhealthy ones first, with short titles', () => {
    const f = findingsOf(incidentReport())
    expect(f.map(x => [x.severity, x.title])).toEqual([
      ['unhealthy', 'endpoint api: HTTP 503'],
      ['unhealthy', 'ghost: missing (0/0 running)'],
      ['unhealthy', 'checkout: 0/2 targets healthy'],
      ['unhealthy', 'TLS shop.example.com: certificate expires in 5 days (2026-11-30)'],
      ['degraded', 'worker: degraded (1/3 running)']
    ])
    expect(f[2]?.message).toBe(
      'target group checkout-tg: 2 Target.ResponseCodeMismatch: Health checks failed with these codes: [503]'
    )
  })

  it('makes a check that could not run at least degraded', () => {
    const r = incidentReport()
    const f = findingsOf({
      endpoints: [],
      tls: [],
      services: {
        status: 'error',
        services: {},
        issues: [],
        error: { message: 'ListServices was denied', permission: 'ecs:ListServices' }
      },
      targets: { status: 'skipped', targetGroups: {}, issues: [] }
    })
    expect(f).toEqual([
      {
        severity: 'degraded',
        check: 'ecs_services',
        title: 'ECS services could not be checked',
        message: 'ListServices was denied'
      }
    ])
    expect(overallOf(f)).toBe('degraded')
    expect(overallOf(findingsOf(r))).toBe('unhealthy')
  })

  it('is healthy when nothing is wrong', () => {
    const f = findingsOf({
      endpoints: [],
      tls: [],
      services: { status: 'healthy', services: { web: service('web') }, issues: [] },
      targets: { status: 'healthy', targetGroups: {}, issues: [] }
    })
    expect(f).toEqual([])
    expect(overallOf(f)).toBe('healthy')
    expect(exitCodeOf('healthy')).toBe(0)
    expect(exitCodeOf('degraded')).toBe(1)
  })
})
