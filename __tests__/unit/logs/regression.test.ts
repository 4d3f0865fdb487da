/** Errors that began with the newest deployment: the deploy is the cause. */
import { describe, expect, it } from '@jest/globals'
import type { ServiceResult } from '../../../src/checks/types.js'
import { LogAnalyzer } from '../../../src/logs/analyze.js'
import { diagnose, newSinceDeploy } from '../../../src/logs/diagnose.js'

const END = Date.parse('2026-11-25T12:00:00.000Z')
const MIN = 60_000
const OK = '10.0.1.5 - - [25/Nov/2026:11:30:00 +0000] "GET /api/cart HTTP/1.1" 200 12 "-" "curl"'
const NEW = "ERROR [cart] TypeError: Cannot read properties of undefined (reading 'currency')"
const OLD = 'ERROR [cart] price cache refresh failed: upstream returned 500'

/** Lines at the given minutes before END. */
function analysis(lines: [minutesAgo: number, message: string][]) {
  const a = new LogAnalyzer({
    service: 'cart',
    logGroup: '/ecs/cart',
    windowStart: END - 60 * MIN,
    windowEnd: END
  })
  for (const [ago, message] of lines)
    a.push({ timestamp: END - ago * MIN, message, logStream: 'ecs/cart/1' })
  return a.finish({ stoppedTasks: [] })
}

function service(deployedMinutesAgo: number, previous?: string): ServiceResult {
  const deployment = (status: string, td: string, ago: number) => ({
    id: `ecs-svc/${td}`,
    status,
    taskDefinition: td,
    desired: 3,
    running: 1,
    pending: 0,
    failedTasks: 0,
    createdAt: new Date(END - ago * MIN).toISOString()
  })
  return {
    name: 'cart',
    desired: 3,
    running: 2,
    pending: 0,
    status: 'ACTIVE',
    health: 'degraded',
    reasons: ['2/3 tasks running'],
    taskDefinition: 'cart:8',
    activeDeployments: previous ? 2 : 1,
    deployments: [
      deployment('PRIMARY', 'cart:8', deployedMinutesAgo),
      ...(previous ? [deployment('ACTIVE', previous, 1440)] : [])
    ],
    rolledBack: false,
    events: [],
    targetGroupArns: []
  }
}

const range = (from: number, to: number, message: string): [number, string][] =>
  Array.from({ length: from - to + 1 }, (_, i) => [from - i, message])

describe('diagnose: a regression since the deploy', () => {
  it('names the new error, the revision and when it was deployed, and the one to roll back to', () => {
    const a = analysis([...range(50, 1, OK), ...range(14, 5, NEW)])
    const d = diagnose('cart', a, service(15, 'cart:7'))
    expect(d.cause).toBe('regression')
    expect(d.verdict).toBe(
      "New since the deploy of cart:8 at 11:45 UTC: TypeError: Cannot read properties of undefined (reading 'currency') (10×, none in the logs before)"
    )
    expect(d.chain).toEqual([
      'cart:8 deployed at 11:45 UTC',
      "TypeError: Cannot read properties of undefined (reading 'currency') (10×, none before)"
    ])
    expect(d.next[0]).toMatch(/^The errors began with cart:8: roll back to cart:7 /)
  })

  it('counts the other new errors, and leaves out the ones that existed before', () => {
    const a = analysis([
      ...range(50, 1, OK),
      ...range(40, 37, OLD),
      ...range(14, 5, NEW),
      [6, 'ERROR [cart] KeyError: currency'],
      [4, 'ERROR [cart] KeyError: currency']
    ])
    const d = diagnose('cart', a, service(15))
    expect(d.verdict).toMatch(/\(10×, none in the logs before\); 1 other new error \(2×\)$/)
    expect(d.next[0]).toMatch(/roll back to the previous revision/)
  })

  it('is not a regression when the logs do not reach back before the deploy', () => {
    // The first line 3 min before the deploy: too short to say the error was absent.
    const a = analysis([...range(18, 1, OK), ...range(14, 5, NEW)])
    expect(newSinceDeploy(a, service(15))).toBeUndefined()
    expect(diagnose('cart', a, service(15)).cause).not.toBe('regression')
  })

  it('is not a regression when the error was there before the deploy', () => {
    const a = analysis([...range(50, 1, OK), ...range(30, 5, NEW)])
    expect(newSinceDeploy(a, service(15))).toBeUndefined()
  })

  it('is not a regression when the new errors are under a third of all errors', () => {
    const a = analysis([...range(50, 1, OK), ...range(45, 16, OLD), ...range(14, 5, NEW)])
    expect(newSinceDeploy(a, service(15))).toBeUndefined()
  })

  it('is not a regression without the deployments (logs alone) or with a deploy after the window', () => {
    const a = analysis([...range(50, 1, OK), ...range(14, 5, NEW)])
    expect(diagnose('cart', a).cause).not.toBe('regression')
    expect(newSinceDeploy(a, service(-5))).toBeUndefined()
  })
})
