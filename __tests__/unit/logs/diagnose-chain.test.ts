/** The cause chain: a dependency the errors name is the cause of the 5xx and the health checks. */
import { describe, expect, it } from '@jest/globals'
import { LogAnalyzer } from '../../../src/logs/analyze.js'
import { diagnose, sharedDependencies } from '../../../src/logs/diagnose.js'
import type { StoppedTaskInfo } from '../../../src/logs/restarts.js'
import type { TargetGroupResult } from '../../../src/checks/types.js'
import { renderDiagnosesText } from '../../../src/report/logs.js'

const END = Date.parse('2026-11-25T12:00:00.000Z')
const MIN = 60_000
const REDIS =
  'ERROR c.s.checkout.cache.CartCache : Redis unavailable: io.lettuce.core.RedisConnectionException: Unable to connect to redis-cart.internal/10.0.5.12:6379: Connection refused'
const ACCESS =
  '10.0.1.5 - - [25/Nov/2026:11:30:00 +0000] "GET /api/cart HTTP/1.1" 503 12 "-" "curl"'

function analysis(name: string, lines: string[], tasks: StoppedTaskInfo[] = []) {
  const a = new LogAnalyzer({
    service: name,
    logGroup: `/ecs/${name}`,
    windowStart: END - 60 * MIN,
    windowEnd: END
  })
  lines.forEach((message, i) =>
    a.push({ timestamp: END - (50 - i) * MIN, message, logStream: `ecs/${name}/1` })
  )
  return a.finish({ stoppedTasks: tasks })
}

function elbStopped(id: string): StoppedTaskInfo {
  return {
    taskId: id,
    taskDefinition: 'checkout:88',
    stoppedAt: new Date(END - 10 * MIN).toISOString(),
    stopCode: 'ServiceSchedulerInitiated',
    stoppedReason:
      'Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/checkout-tg/1)',
    containers: [],
    cause: 'elb_health_check',
    summary: 'Task failed ELB health checks'
  }
}

const badGroup: TargetGroupResult = {
  name: 'checkout-tg',
  arn: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/checkout-tg/1',
  healthy: 0,
  draining: 0,
  unhealthy: 3,
  initial: 0,
  total: 3,
  status: 'unhealthy',
  services: ['checkout'],
  badTargets: [{ id: '10.0.1.1', state: 'unhealthy', reason: 'Target.ResponseCodeMismatch' }],
  source: 'api'
}

describe('diagnose: the cause, then what follows from it', () => {
  it('names the unreachable dependency, not the failing health checks, and advises on it', () => {
    const a = analysis(
      'checkout',
      [...Array(12).fill(REDIS), ...Array(20).fill(ACCESS)],
      [elbStopped('a'.repeat(32)), elbStopped('b'.repeat(32))]
    )
    const d = diagnose('checkout', a, undefined, [badGroup])
    expect(d.cause).toBe('dependency')
    expect(d.dependency).toBe('redis-cart.internal:6379')
    expect(d.verdict).toMatch(
      /^Cannot reach redis-cart\.internal:6379 \(Connection refused, 12×\); HTTP 5xx on 100% of requests, then load-balancer health checks fail/
    )
    expect(d.chain).toEqual([
      'redis-cart.internal:6379 unreachable (12× in logs)',
      'HTTP 5xx on 100% of requests',
      'load-balancer health checks fail (checkout-tg 0/3 healthy)',
      '2 tasks replaced'
    ])
    expect(d.next[0]).toMatch(/^Check redis-cart\.internal:6379 first: .*port 6379/)
    expect(d.next.join(' ')).not.toMatch(/health-check path/)
    expect(renderDiagnosesText([{ analysis: a, diagnosis: d }])).toMatch(
      /chain: redis-cart\.internal:6379 unreachable \(12× in logs\) -> HTTP 5xx on 100% of requests -> load-balancer health checks fail/
    )
  })

  it('keeps to the health checks when the logs are clean', () => {
    const a = analysis('checkout', Array(20).fill(ACCESS.replace(' 503 ', ' 200 ')), [
      elbStopped('c'.repeat(32))
    ])
    const d = diagnose('checkout', a, undefined, [badGroup])
    expect(d.cause).toBe('health_checks')
    expect(d.chain).toBeUndefined()
    expect(d.next[0]).toMatch(/health-check path and port/)
  })

  it('says once which dependency several services fail on', () => {
    const one = analysis('checkout', Array(5).fill(REDIS))
    const two = analysis('cart', Array(5).fill(REDIS.replace('CartCache', 'CartStore')))
    const three = analysis('search', ['ERROR dial tcp 10.0.7.21:9200: connect: connection refused'])
    const ds = [one, two, three].map(a => ({ analysis: a, diagnosis: diagnose(a.service, a) }))
    expect(sharedDependencies(ds)).toEqual([
      { dependency: 'redis-cart.internal:6379', services: ['checkout', 'cart'] }
    ])
    expect(renderDiagnosesText(ds)).toMatch(
      /^2 services cannot reach redis-cart\.internal:6379: checkout, cart$/m
    )
  })
})
