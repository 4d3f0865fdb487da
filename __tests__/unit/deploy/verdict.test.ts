import { describe, expect, it } from '@jest/globals'
import { compareWindows } from '../../../src/deploy/compare.js'
import { judgeDeployment } from '../../../src/deploy/verdict.js'
import type { ServiceRollout, WaitResult } from '../../../src/deploy/wait.js'
import type { ErrorGroup, ServiceLogAnalysis } from '../../../src/logs/analyze.js'
import { findingsOf, overallOf } from '../../../src/checks/judge.js'
import type { HealthReport } from '../../../src/checks/types.js'
import { incidentReport, service } from '../../../__fixtures__/reports.js'

function group(key: string, count: number, text = `error ${key}`): ErrorGroup {
  return {
    key,
    text,
    category: 'error',
    rule: 'r',
    count,
    firstSeen: '2026-11-25T11:50:00.000Z',
    lastSeen: '2026-11-25T11:59:00.000Z',
    sample: text
  }
}

function analysis(
  start: string,
  end: string,
  errors: ErrorGroup[],
  otherErrors = 0
): ServiceLogAnalysis {
  return {
    service: 'api',
    logGroup: '/ecs/api',
    status: 'degraded',
    window: { start, end, minutes: 10 },
    eventsRead: 100,
    events: 100,
    truncated: false,
    streams: 1,
    timeRange: {},
    categories: {
      panic: 0,
      fatal: 0,
      oom: 0,
      timeout: 0,
      connection_error: 0,
      http_5xx: 0,
      python_traceback: 0,
      exception: 0,
      auth_error: 0,
      structured_error: 0,
      error: errors.reduce((n, g) => n + g.count, 0)
    },
    errorCount: errors.reduce((n, g) => n + g.count, 0),
    http: { total: 0, byStatus: {}, errors5xx: 0, healthChecks: 0 },
    logRestarts: { shutdowns: 0, startups: 0 },
    errors,
    otherErrors,
    stoppedTasks: []
  }
}

const before = (errors: ErrorGroup[], other = 0) =>
  analysis('2026-11-25T11:40:00.000Z', '2026-11-25T11:50:00.000Z', errors, other)
const after = (errors: ErrorGroup[]) =>
  analysis('2026-11-25T11:50:00.000Z', '2026-11-25T12:00:00.000Z', errors)

describe('compareWindows', () => {
  it('finds new fingerprints above the threshold, with rates per minute', () => {
    const c = compareWindows(
      before([group('a', 10)]),
      after([group('a', 12), group('b', 30), group('c', 3)]),
      1
    )
    expect(c.beforePerMin).toBe(1)
    expect(c.afterPerMin).toBe(4.5)
    expect(c.newErrors.map(e => [e.key, e.afterPerMin])).toEqual([['b', 3]])
    expect(c.changes.map(e => e.key)).toEqual(['b', 'c', 'a'])
  })

  it('calls nothing new when the before window dropped groups it could not keep', () => {
    expect(
      compareWindows(before([group('a', 10)], 5), after([group('b', 30)]), 1).newErrors
    ).toEqual([])
  })
})

function healthy(): HealthReport {
  const base = {
    ...incidentReport(),
    endpoints: [],
    tls: [],
    domainHttp: undefined
  } as unknown as HealthReport
  base.services = {
    status: 'healthy',
    services: { api: service('api', { desired: 3, running: 3 }) },
    issues: []
  }
  base.targets = { status: 'healthy', targetGroups: {}, issues: [] }
  const findings = findingsOf(base)
  return { ...base, findings, overall: overallOf(findings) }
}

function rollout(over: Partial<ServiceRollout>): WaitResult {
  const s: ServiceRollout = {
    service: 'checkout',
    state: 'completed',
    deploymentId: 'ecs-svc/123',
    taskDefinition: 'checkout:42',
    createdAt: '2026-11-25T11:50:00.000Z',
    desired: 3,
    running: 3,
    pending: 0,
    stoppedTasks: [],
    ...over
  }
  return {
    status: s.state === 'completed' ? 'completed' : s.state === 'failed' ? 'failed' : 'timed-out',
    services: [s],
    polls: 4,
    durationMs: 60_000
  }
}

const oomTask = (min: number) => ({
  taskId: `t${min}`,
  stoppedAt: `2026-11-25T11:5${min}:00.000Z`,
  containers: [
    {
      name: 'checkout',
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage'
    }
  ],
  cause: 'oom' as const,
  summary: 'OutOfMemoryError: Container killed due to memory usage (checkout, exit 137)'
})

describe('judgeDeployment', () => {
  it('says why a deployment failed in one sentence', () => {
    const v = judgeDeployment(
      rollout({
        state: 'failed',
        stoppedTasks: [oomTask(1), oomTask(2), oomTask(4)],
        rolledBackTo: 'checkout:41',
        reason: '3 tasks stopped'
      }),
      healthy(),
      []
    )
    expect(v.overall).toBe('unhealthy')
    expect(v.sentence).toBe(
      'Deployment ecs-svc/123 of checkout failed: 3 tasks stopped with exit 137 (OutOfMemoryError) within 4 minutes; circuit breaker rolled back to revision 41.'
    )
  })

  it('uses the rollout reason when no task stopped', () => {
    const v = judgeDeployment(
      rollout({
        state: 'failed',
        reason: 'ECS deployment circuit breaker: tasks failed to start.',
        rolledBackTo: 'checkout:41'
      }),
      healthy(),
      []
    )
    expect(v.sentence).toBe(
      'Deployment ecs-svc/123 of checkout failed: ECS deployment circuit breaker: tasks failed to start; circuit breaker rolled back to revision 41.'
    )
  })

  it('is unhealthy on a timeout', () => {
    const v = judgeDeployment(
      rollout({
        state: 'timed-out',
        reason: 'did not complete within 15 minutes: 1/3 running, rollout IN_PROGRESS'
      }),
      healthy(),
      []
    )
    expect(v.overall).toBe('unhealthy')
    expect(v.sentence).toBe(
      'Deployment ecs-svc/123 of checkout did not complete within 15 minutes: 1/3 running, rollout IN_PROGRESS.'
    )
  })

  it('is degraded when new errors appear after a completed rollout', () => {
    const c = compareWindows(
      before([]),
      after([group('b', 30, 'PaymentClient: upstream returned <n>')]),
      1
    )
    const v = judgeDeployment(rollout({}), healthy(), [{ ...c, service: 'checkout' }])
    expect(v.overall).toBe('degraded')
    expect(v.sentence).toBe(
      'Deployment ecs-svc/123 of checkout completed, but 1 new error appeared since: PaymentClient: upstream returned <n> (3.0/min).'
    )
    expect(v.findings).toHaveLength(1)
  })

  it('is healthy when the rollout completed and nothing new went wrong', () => {
    const v = judgeDeployment(rollout({}), healthy(), [
      compareWindows(before([group('a', 10)]), after([group('a', 10)]), 1)
    ])
    expect(v.overall).toBe('healthy')
    expect(v.sentence).toBe(
      'Deployment ecs-svc/123 of checkout completed: checkout 3/3 tasks running, no new errors.'
    )
  })
})
