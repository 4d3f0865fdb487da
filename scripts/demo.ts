/**
 * `npm run demo`: the main job against the built-in simulated AWS.
 *
 * Starts the simulator with the incident scenario (sim/scenarios/demo-incident.json), an HTTPS
 * "shop" whose certificate from a demo CA expires in 5 days, and an HTTP server with a healthy
 * and a 503 endpoint; then runs the built action exactly as a runner would (`node dist/index.js`
 * with INPUT_* variables, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT) and prints what it produced.
 * Then a scheduled monitor: the same action on `schedule` events against a local fake GitHub API
 * (sim/fake-github.ts), failing twice (an incident issue opens) and healthy twice (it resolves).
 * Everything listens on 127.0.0.1 and is stopped at the end. Exits 0 when the demonstration ran;
 * the action's own exit code is shown, not propagated.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createCa, issueCert } from '../sim/certs.js'
import { startFakeGitHub, type FakeGitHub } from '../sim/fake-github.js'
import { startHttpServer, startHttpsServer, type LocalServer } from '../sim/local-servers.js'
import { awsEnv, ROOT, runAction } from '../sim/runner.js'
import { startSimulator, type Simulator } from '../sim/index.js'

const DAY = 86_400_000

function banner(title: string): void {
  const line = '─'.repeat(Math.max(10, 78 - title.length))
  process.stdout.write(`\n── ${title} ${line}\n`)
}

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, 'dist/index.js'))) {
    process.stderr.write('dist/index.js is missing: run `npm run build` first\n')
    return 1
  }
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-demo-'))
  const servers: LocalServer[] = []
  let sim: Simulator | undefined
  let gh: FakeGitHub | undefined
  try {
    // A demo CA the action process trusts through NODE_EXTRA_CA_CERTS, and a shop certificate
    // from it that expires in 5 days.
    const ca = createCa({ commonName: 'aws-ecs-monitor Demo CA' })
    const caFile = path.join(work, 'demo-ca.pem')
    writeFileSync(caFile, ca.cert)
    const leaf = issueCert(ca, {
      hosts: ['localhost', '127.0.0.1'],
      notBefore: new Date(Date.now() - 85 * DAY),
      notAfter: new Date(Date.now() + 5 * DAY + 3_600_000)
    })
    const shop = await startHttpsServer(leaf, (req, res) => {
      if (req.url === '/') {
        res.writeHead(301, { location: '/home' }).end()
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>shop</h1>')
      }
    })
    servers.push(shop)
    const endpoints = await startHttpServer((req, res) => {
      if (req.url === '/payments/health') {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}')
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
      }
    })
    servers.push(endpoints)
    sim = await startSimulator({ scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json') })

    const domain = new URL(shop.url).host
    const inputs = {
      cluster: 'prod',
      region: 'us-east-1',
      domain,
      'http-endpoints': `status=${endpoints.url}/status,payments=${endpoints.url}/payments/health`,
      'output-dir': path.join(work, 'data')
    }
    banner('Scenario')
    process.stdout.write(
      [
        `simulated AWS      ${sim.url} (sim/scenarios/demo-incident.json: cluster prod, 14 services)`,
        `domain             https://${domain}/ (certificate from a demo CA, expires in 5 days)`,
        `endpoints          ${inputs['http-endpoints']}`,
        `action inputs      ${Object.entries(inputs)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`
      ].join('\n') + '\n'
    )

    const run = await runAction(
      inputs,
      { ...awsEnv(sim.url), NODE_EXTRA_CA_CERTS: caFile },
      { timeoutMs: 120_000 }
    )

    banner('Action log (node dist/index.js)')
    process.stdout.write(run.stdout)
    if (run.stderr.trim()) process.stdout.write(run.stderr)
    banner('Job summary (GITHUB_STEP_SUMMARY)')
    process.stdout.write(run.summary)
    banner('Step outputs (GITHUB_OUTPUT)')
    for (const [k, v] of Object.entries(run.outputs)) process.stdout.write(`${k}=${v}\n`)
    const reportFile = run.outputs['report-file']
    if (reportFile && existsSync(reportFile)) {
      const state = JSON.parse(readFileSync(reportFile, 'utf8')) as {
        overall?: string
        issues?: string[]
      }
      banner(`Report file ${reportFile}`)
      process.stdout.write(`overall: ${state.overall}\n`)
      for (const i of state.issues ?? []) process.stdout.write(`  - ${i}\n`)
    }
    banner('AWS requests made')
    process.stdout.write(
      Object.entries(sim.counts())
        .map(([op, n]) => `${op}: ${n}`)
        .join(', ') + '\n'
    )
    gh = await startFakeGitHub()
    await scheduledMonitor(sim, gh, path.join(work, 'monitor'))

    banner('Result')
    process.stdout.write(
      `The action exited with code ${run.code} (status ${run.outputs.status ?? '?'}; a red step, as it should be for this incident).\n` +
        'The scheduled monitor opened one incident issue and resolved it.\n' +
        'The demonstration ran; see README.md to use the action in a workflow.\n'
    )
    return 0
  } finally {
    await Promise.all(servers.map(s => s.close()))
    await gh?.close()
    await sim?.close()
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * Four scheduled runs: the whole cluster (3 services fail) twice, then only its healthy services
 * twice, as if the incident were fixed. Prints what each run did to the incident issue.
 */
async function scheduledMonitor(sim: Simulator, gh: FakeGitHub, dir: string): Promise<void> {
  banner('Scheduled monitor: incident issues (schedule events, fake GitHub API)')
  const failing = { cluster: 'prod', 'github-token': 'demo', 'output-dir': dir }
  const fixed = { ...failing, services: 'web,api,auth,catalog' }
  const steps = [
    ['failing', failing],
    ['failing', failing],
    ['healthy', fixed],
    ['healthy', fixed]
  ] as const
  for (const [k, [what, inputs]] of steps.entries()) {
    const run = await runAction(
      inputs,
      {
        ...awsEnv(sim.url),
        GITHUB_API_URL: gh.url,
        GITHUB_SERVER_URL: 'https://github.example',
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_RUN_ID: String(9001 + k)
      },
      { event: { name: 'schedule', payload: { schedule: '*/5 * * * *' } }, timeoutMs: 120_000 }
    )
    const lines = run.stdout.split('\n').filter(l => l.startsWith('Incident: '))
    process.stdout.write(
      `run ${k + 1} (${what}): exit ${run.code}, incident-state=${run.outputs['incident-state'] ?? ''} incident-number=${run.outputs['incident-number'] ?? ''}\n` +
        lines.map(l => `    ${l}\n`).join('')
    )
  }
  for (const issue of gh.issues) {
    banner(
      `Issue #${issue.number} (${issue.state}${issue.stateReason ? `, ${issue.stateReason}` : ''}): ${issue.title}`
    )
    process.stdout.write(`labels: ${issue.labels.join(', ')}\n`)
    const body = issue.body.split('\n').filter(l => !l.startsWith('<!--'))
    process.stdout.write(body.slice(0, 24).join('\n') + (body.length > 24 ? '\n…\n' : '\n'))
    for (const c of gh.commentsOf(issue.number)) {
      process.stdout.write(`\ncomment by ${c.user.login}:\n${c.body}`)
    }
  }
}

main().then(
  code => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(
      `demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`
    )
    process.exitCode = 1
  }
)
