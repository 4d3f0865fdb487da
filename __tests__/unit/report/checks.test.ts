/** The registry and the renderers' views stay in step: every check has one view, in one order. */
import { describe, expect, it } from '@jest/globals'
import { CHECKS } from '../../../src/checks/registry.js'
import { CHECK_VIEWS, TEXT_ORDER, VIEWS_IN_ORDER } from '../../../src/report/checks.js'

const ids = CHECKS.map(c => c.id)

describe('check views', () => {
  it('has one view per registered check and no other', () => {
    expect(Object.keys(CHECK_VIEWS).sort()).toEqual([...ids].sort())
    expect(VIEWS_IN_ORDER).toHaveLength(ids.length)
    VIEWS_IN_ORDER.forEach((v, i) =>
      expect(v).toBe(CHECK_VIEWS[ids[i] as keyof typeof CHECK_VIEWS])
    )
  })

  it('text order lists every check exactly once', () => {
    expect(new Set(TEXT_ORDER).size).toBe(TEXT_ORDER.length)
    expect([...TEXT_ORDER].sort()).toEqual([...ids].sort())
  })

  it('keeps the seed order of checks: domain, endpoints, ECS, targets, TLS', () => {
    expect(ids).toEqual(['domain_http', 'http', 'ecs_services', 'alb_targets', 'ssl'])
  })
})
