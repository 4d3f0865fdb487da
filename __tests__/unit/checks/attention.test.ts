import { describe, expect, it } from '@jest/globals'
import {
  needsDiagnosis,
  servicesToDiagnose,
  servicesToDiagnoseInState,
  type ServiceAttention
} from '../../../src/checks/attention.js'
import type { HealthReport, ServiceResult, TargetGroupResult } from '../../../src/checks/types.js'

const healthyTg = { status: 'healthy', unhealthy: 0 }
const someBadTg = { status: 'healthy', unhealthy: 1 }
const deadTg = { status: 'unhealthy', unhealthy: 3 }
const emptyTg = { status: 'empty', unhealthy: 0 }
const errorTg = { status: 'error', unhealthy: 0 }

describe('needsDiagnosis', () => {
  const cases: [string, ServiceAttention, boolean][] = [
    ['healthy, no target group', { health: 'healthy', targetGroups: [] }, false],
    ['healthy, healthy target group', { health: 'healthy', targetGroups: [healthyTg] }, false],
    ['healthy, an unhealthy target', { health: 'healthy', targetGroups: [someBadTg] }, true],
    ['healthy, no healthy target', { health: 'healthy', targetGroups: [deadTg] }, true],
    ['healthy, empty target group', { health: 'healthy', targetGroups: [emptyTg] }, false],
    ['healthy, target health unreadable', { health: 'healthy', targetGroups: [errorTg] }, false],
    ['degraded', { health: 'degraded', targetGroups: [] }, true],
    ['unhealthy (not ACTIVE)', { health: 'unhealthy', targetGroups: [] }, true],
    ['failed (MISSING)', { health: 'failed', targetGroups: [] }, false],
    ['failed behind a dead target group', { health: 'failed', targetGroups: [deadTg] }, true],
    ['scaled down', { health: 'scaled_down', targetGroups: [] }, false],
    ['scaled down, dead target group', { health: 'scaled_down', targetGroups: [deadTg] }, true],
    ['unknown to ECS, healthy group', { targetGroups: [healthyTg] }, false]
  ]
  it.each(cases)('%s', (_name, input, want) => {
    expect(needsDiagnosis(input)).toBe(want)
  })
})

function svc(name: string, health: ServiceResult['health']): ServiceResult {
  return {
    name,
    desired: 2,
    running: health === 'healthy' ? 2 : 1,
    pending: 0,
    status: health === 'failed' ? 'MISSING' : 'ACTIVE',
    health,
    reasons: [],
    activeDeployments: 1,
    deployments: [],
    rolledBack: false,
    events: [],
    targetGroupArns: []
  }
}

function tg(
  name: string,
  services: string[],
  healthy: number,
  unhealthy: number
): TargetGroupResult {
  return {
    name,
    arn: `arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/${name}/1`,
    healthy,
    draining: 0,
    unhealthy,
    initial: 0,
    total: healthy + unhealthy,
    status: healthy > 0 ? 'healthy' : unhealthy > 0 ? 'unhealthy' : 'empty',
    services,
    badTargets: [],
    source: 'api' as const
  }
}

describe('servicesToDiagnose', () => {
  const report: Pick<HealthReport, 'services' | 'targets'> = {
    services: {
      status: 'degraded',
      issues: [],
      services: {
        web: svc('web', 'healthy'),
        checkout: svc('checkout', 'healthy'),
        payments: svc('payments', 'degraded'),
        ghost: svc('ghost', 'failed'),
        reports: svc('reports', 'scaled_down')
      }
    },
    targets: {
      status: 'unhealthy',
      issues: [],
      targetGroups: {
        'web-tg': tg('web-tg', ['web'], 3, 0),
        'checkout-tg': tg('checkout-tg', ['checkout'], 0, 3)
      }
    }
  }

  it('ECS-shown services first, then those only the load balancer shows', () => {
    expect(servicesToDiagnose(report)).toEqual(['payments', 'checkout'])
  })

  it('reads the same answer from the state file of that report', () => {
    const state = {
      checks: {
        ecs_services: {
          services: Object.fromEntries(
            Object.values(report.services.services).map(s => [
              s.name,
              { health: s.health, desired: s.desired }
            ])
          )
        },
        alb_targets: {
          target_groups: Object.fromEntries(
            Object.values(report.targets.targetGroups).map(g => [
              g.name,
              { status: g.status, unhealthy: g.unhealthy, services: g.services }
            ])
          )
        }
      }
    }
    expect(servicesToDiagnoseInState(state)).toEqual(servicesToDiagnose(report))
  })

  it('a state file without target groups still gives the ECS-shown ones', () => {
    expect(
      servicesToDiagnoseInState({
        checks: { ecs_services: { services: { a: { health: 'degraded' } } } }
      })
    ).toEqual(['a'])
  })
})
