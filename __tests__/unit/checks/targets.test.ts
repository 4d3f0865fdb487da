import { describe, expect, it } from '@jest/globals'
import type { TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2'
import {
  assessTargetGroup,
  targetGroupIssue,
  targetGroupNameFromArn,
  targetsStatus
} from '../../../src/checks/targets.js'

const ARN =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-tg/0123456789abcdef'

function t(state: string, reason?: string, description?: string): TargetHealthDescription {
  return {
    Target: { Id: `10.0.0.${Math.floor(Math.random() * 200)}`, Port: 8080 },
    TargetHealth: {
      State: state as 'healthy',
      ...(reason ? { Reason: reason as 'Elb.InitialHealthChecking' } : {}),
      ...(description ? { Description: description } : {})
    }
  }
}

describe('assessTargetGroup', () => {
  it('counts states and keeps each bad target with its reason', () => {
    const g = assessTargetGroup(
      'checkout-tg',
      ARN,
      ['checkout'],
      [
        t('healthy'),
        t('draining', 'Target.DeregistrationInProgress'),
        t('initial', 'Elb.RegistrationInProgress'),
        t(
          'unhealthy',
          'Target.ResponseCodeMismatch',
          'Health checks failed with these codes: [503]'
        ),
        t('unused', 'Target.NotInUse')
      ]
    )
    expect(g).toMatchObject({
      healthy: 1,
      draining: 1,
      initial: 1,
      unhealthy: 2,
      total: 5,
      status: 'healthy'
    })
    expect(g.badTargets.map(b => b.reason)).toEqual([
      'Target.ResponseCodeMismatch',
      'Target.NotInUse'
    ])
  })

  it('is unhealthy with targets but none healthy, empty without targets', () => {
    const bad = assessTargetGroup(
      'checkout-tg',
      ARN,
      ['checkout'],
      [
        t('unhealthy', 'Target.Timeout', 'Request timed out'),
        t('unhealthy', 'Target.Timeout', 'Request timed out')
      ]
    )
    expect(bad.status).toBe('unhealthy')
    expect(targetGroupIssue(bad)).toBe(
      'checkout-tg: 0/2 targets healthy (2 Target.Timeout: Request timed out)'
    )
    expect(assessTargetGroup('e', ARN, [], []).status).toBe('empty')
  })
})

describe('targetsStatus', () => {
  it('orders unhealthy > error > degraded > healthy', () => {
    const healthy = assessTargetGroup('a', ARN, [], [t('healthy')])
    const partly = assessTargetGroup('b', ARN, [], [t('healthy'), t('unhealthy')])
    const none = assessTargetGroup('c', ARN, [], [t('unhealthy')])
    const error = { ...healthy, status: 'error' as const }
    expect(targetsStatus([healthy])).toBe('healthy')
    expect(targetsStatus([healthy, partly])).toBe('degraded')
    expect(targetsStatus([partly, error])).toBe('error')
    expect(targetsStatus([error, none])).toBe('unhealthy')
  })
})

it('reads the group name from its ARN', () => {
  expect(targetGroupNameFromArn(ARN)).toBe('checkout-tg')
})
