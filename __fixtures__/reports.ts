/** Hand-built health reports for renderer and judge tests. */
import type { HealthReport, ServiceResult } from '../src/checks/types.js'

export function service(name: string, over: Partial<ServiceResult> = {}): ServiceResult {
  return {
    name,
    desired: 2,
    running: 2,
    pending: 0,
    status: 'ACTIVE',
    health: 'healthy',
    reasons: [],
    taskDefinition: `${name}:7`,
    rolloutState: 'COMPLETED',
    activeDeployments: 1,
    deployments: [],
    rolledBack: false,
    events: [],
    targetGroupArns: [],
    ...over
  }
}

/** A report with one problem of every kind. */
export function incidentReport(): Omit<HealthReport, 'findings' | 'overall'> {
  return {
    timestamp: '2026-11-25T12:00:00.000Z',
    epoch: 1795608000,
    durationMs: 1234,
    cluster: 'prod',
    region: 'eu-west-1',
    domain: 'shop.example.com',
    domainHttp: {
      name: 'domain',
      url: 'https://shop.example.com/',
      status: 'healthy',
      code: 200,
      latencyMs: 85,
      finalUrl: 'https://shop.example.com/home',
      redirects: 1
    },
    endpoints: [
      {
        name: 'api',
        url: 'https://api.example.com/health',
        status: 'unhealthy',
        code: 503,
        latencyMs: 40,
        finalUrl: 'https://api.example.com/health',
        redirects: 0,
        reason: 'HTTP 503'
      }
    ],
    services: {
      status: 'unhealthy',
      services: {
        web: service('web'),
        worker: service('worker', {
          health: 'degraded',
          running: 1,
          desired: 3,
          reasons: ['1/3 tasks running'],
          events: [
            {
              createdAt: '2026-11-25T11:58:00.000Z',
              message:
                '(service worker) was unable to place a task <script>alert(1)</script> @oncall'
            }
          ]
        }),
        ghost: service('ghost', {
          health: 'failed',
          status: 'MISSING',
          desired: 0,
          running: 0,
          reasons: ['service not found in the cluster (MISSING)']
        }),
        batch: service('batch', { health: 'scaled_down', desired: 0, running: 0 })
      },
      issues: []
    },
    targets: {
      status: 'unhealthy',
      targetGroups: {
        'checkout-tg': {
          name: 'checkout-tg',
          arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/checkout-tg/0123456789abcdef',
          healthy: 0,
          draining: 0,
          unhealthy: 2,
          initial: 0,
          total: 2,
          status: 'unhealthy',
          services: ['checkout'],
          source: 'api',
          badTargets: [
            {
              id: '10.0.0.1',
              port: 80,
              state: 'unhealthy',
              reason: 'Target.ResponseCodeMismatch',
              description: 'Health checks failed with these codes: [503]'
            },
            {
              id: '10.0.0.2',
              port: 80,
              state: 'unhealthy',
              reason: 'Target.ResponseCodeMismatch',
              description: 'Health checks failed with these codes: [503]'
            }
          ]
        }
      },
      issues: []
    },
    tls: [
      {
        host: 'shop.example.com',
        port: 443,
        status: 'critical',
        expires: '2026-11-30T12:00:00.000Z',
        daysLeft: 5,
        issuer: 'Demo CA',
        valid: true,
        reason: 'certificate expires in 5 days (2026-11-30)'
      }
    ]
  }
}
