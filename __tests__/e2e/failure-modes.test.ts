/**
 * Documented ECS failure modes, one service each (sim/scenarios/failure-modes.json), through the
 * built CLI and the action against the simulator: each gets the headline that names its cause
 * and a next step about that cause. Stop codes and reasons follow AWS's "stopped task errors" documentation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runAction, runCli } from '../../sim/runner.js'

interface Diagnosis {
  cause: string
  verdict: string
  next: string[]
  chain?: string[]
}
let sim: Simulator
let services: Record<string, { diagnosis?: Diagnosis }>
let text: string
let health: string
let action: Record<string, { diagnosis?: Diagnosis }>

beforeAll(async () => {
  sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/failure-modes.json') })
  const env = { ...awsEnv(sim.url), ECS_CLUSTER: 'prod' }
  const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-modes-'))
  await runCli(['logs', 'summary', '--json'], { ...env, ECS_HEALTH_OUTDIR: out })
  services = (
    JSON.parse(readFileSync(path.join(out, 'ecs-logs-summary.json'), 'utf8')) as {
      services: typeof services
    }
  ).services
  text = (await runCli(['logs', 'summary'], { ...env, ECS_HEALTH_OUTDIR: out })).stdout
  health = (await runCli(['health'], { ...env, ECS_HEALTH_OUTDIR: out })).stdout
  const actionOut = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-modes-action-'))
  const run = await runAction(
    { cluster: 'prod', 'output-dir': actionOut, 'fail-on': 'never' },
    awsEnv(sim.url)
  )
  expect(run.code).toBe(0)
  action = (
    JSON.parse(readFileSync(path.join(actionOut, 'ecs-health-alert.json'), 'utf8')) as {
      log_analysis: typeof action
    }
  ).log_analysis
}, 90_000)
afterAll(async () => {
  await sim.close()
})

const MODES: [service: string, cause: string, headline: RegExp, next: RegExp][] = [
  // Reasons as public reports quote them: ghcr.io 401 (PrefectHQ/prefect discussion 16964),
  // SSM over no route (umotif-public/terraform-aws-ecs-fargate issue 50).
  ['img-private', 'image_pull', /\(the registry refuses the pull\)/, /repositoryCredentials/],
  [
    'ssm-route',
    'task_start',
    /\(no network route to Secrets Manager or SSM\)/,
    /VPC endpoints for com\.amazonaws\.<region>\.secretsmanager and ssm/
  ],
  [
    'img-tag',
    'image_pull',
    /image cannot be pulled \(the image or its tag does not exist\)/,
    /Push the image tag that the task definition img-tag:4 names/
  ],
  ['img-denied', 'image_pull', /\(the task execution role may not pull it\)/, /ecr:BatchGetImage/],
  [
    'img-route',
    'image_pull',
    /\(no network route to the registry\)/,
    /NAT gateway, or VPC endpoints for com\.amazonaws\.<region>\.ecr\.api/
  ],
  [
    'secrets',
    'task_start',
    /Tasks fail to start \(the secrets cannot be read\)/,
    /secretsmanager:GetSecretValue/
  ],
  [
    'logless',
    'task_start',
    /Tasks fail to start \(the log group is missing\)/,
    /awslogs-create-group/
  ],
  [
    'crashloop',
    'crash',
    /keeps exiting: essential container exited \(app, exit 1\).*it logs Error: Missing required environment variable DATABASE_URL/,
    /missing environment variable or secret/
  ],
  [
    'hc-clean',
    'health_checks',
    /Failing health checks: 3 tasks stopped by load-balancer health checks/,
    /health-check path and port/
  ],
  [
    'container-hc',
    'health_checks',
    /stopped by container health checks/,
    /container healthCheck of the task definition/
  ],
  [
    'task-role',
    'auth',
    /^The task role may not call dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table\/orders/,
    /Allow dynamodb:PutItem .* in the task role/
  ],
  [
    'oom',
    'oom',
    /^OOM: container killed at its memory limit \(exit 137\), 2 tasks .*java\.lang\.OutOfMemoryError: Java heap space in logs \(3×\)/,
    /Raise the task or container memory/
  ],
  [
    'dns',
    'dependency',
    /^Cannot reach orders-db\.internal \(ENOTFOUND, 24×\); HTTP 5xx on 100% of requests, then load-balancer health checks fail(?: \(dns-tg 0\/2 healthy\))?, then 2 tasks replaced/,
    /Check orders-db\.internal first: .*does its name resolve inside the VPC\?/
  ]
]

describe('failure modes: the cause in the headline, the next step for the cause', () => {
  it.each(MODES)('%s', (name, cause, headline, next) => {
    const d = services[name]?.diagnosis
    expect(d?.cause).toBe(cause)
    expect(d?.verdict).toMatch(headline)
    expect(d?.next.join('\n')).toMatch(next)
    // The text report shows the same headline.
    expect(text).toContain(`== ${name} [`)
  })

  it('Spot interruptions and no capacity, from the service events (health knows the service)', () => {
    const block = health.slice(health.indexOf('== spot ['))
    expect(block).toMatch(
      /Cause: Tasks cannot be placed: .*No Container Instances.*; 3 tasks lost to Spot interruptions/
    )
    expect(block).toMatch(/next: .*on-demand base/)
  })

  it('the action gives every service it diagnoses the headline and next step of the CLI', () => {
    const diagnosed = MODES.filter(([name]) => action[name] !== undefined)
    // Those ECS or the load balancer shows failing; task-role runs 2/2 with healthy targets.
    expect(diagnosed.map(([name]) => name).sort()).toEqual(
      MODES.map(([name]) => name)
        .filter(n => n !== 'task-role')
        .sort()
    )
    for (const [name, cause, headline, next] of diagnosed) {
      const d = action[name]?.diagnosis
      expect({ name, cause: d?.cause, verdict: headline.test(d?.verdict ?? '') }).toEqual({
        name,
        cause,
        verdict: true
      })
      expect(d?.next.join('\n')).toMatch(next)
    }
  })

  it('the action in diagnose mode gives the healthy-looking task-role service its headline', async () => {
    // 2/2 running behind no target group: only a log read shows it, so the action names it.
    const out = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-modes-diagnose-'))
    const run = await runAction(
      {
        cluster: 'prod',
        mode: 'diagnose',
        services: 'task-role',
        'output-dir': out,
        'fail-on': 'never'
      },
      awsEnv(sim.url)
    )
    expect(run.code).toBe(0)
    const d = (
      JSON.parse(readFileSync(path.join(out, 'ecs-logs-diagnose.json'), 'utf8')) as {
        services: typeof action
      }
    ).services['task-role']?.diagnosis
    const [, cause, headline, next] = MODES.find(([name]) => name === 'task-role') ?? []
    expect(d?.cause).toBe(cause)
    expect(d?.verdict).toMatch(headline as RegExp)
    expect(d?.next.join('\n')).toMatch(next as RegExp)
    expect(run.summary).toContain('The task role may not call dynamodb:PutItem')
  }, 30_000)

  it('errors that began with the newest revision are a regression of that deploy', () => {
    // regress:8 rolls out since 15 min; its logs reach back 45 min, the TypeError only since.
    const d = action.regress?.diagnosis
    expect(d?.cause).toBe('regression')
    expect(d?.verdict).toMatch(
      /^New since the deploy of regress:8 at \d\d:\d\d UTC: TypeError: Cannot read properties of undefined \(reading 'currency'\) \(20×, none in the logs before\)$/
    )
    expect(d?.next.join('\n')).toMatch(
      /roll back to regress:7 \(update-service --task-definition\)/
    )
    expect(d?.chain?.[0]).toMatch(/^regress:8 deployed at \d\d:\d\d UTC$/)
    const block = health.slice(health.indexOf('== regress ['))
    expect(block).toMatch(/Cause: New since the deploy of regress:8 at /)
    // Without the service's deployments (logs summary alone) the same logs are just errors.
    expect(services.regress?.diagnosis?.cause).not.toBe('regression')
  })

  it('a crash loop shows its chain: the error, the exit, the replaced tasks', () => {
    expect(services.crashloop?.diagnosis?.chain).toEqual([
      'Error: Missing required environment variable DATABASE_URL',
      'container exits (exit 1)',
      '4 tasks replaced'
    ])
  })
})
