/**
 * Documented ECS failure modes, one service each (sim/scenarios/failure-modes.json), through the
 * built CLI against the simulator: each gets the headline that names its cause and a next step
 * about that cause. Stop codes and reasons follow AWS's "stopped task errors" documentation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { awsEnv, ROOT, runCli } from '../../sim/runner.js'

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
}, 60_000)
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

  it('a crash loop shows its chain: the error, the exit, the replaced tasks', () => {
    expect(services.crashloop?.diagnosis?.chain).toEqual([
      'Error: Missing required environment variable DATABASE_URL',
      'container exits (exit 1)',
      '4 tasks replaced'
    ])
  })
})
