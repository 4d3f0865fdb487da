/**
 * `npx tsx scripts/docs-sample.ts [--check]`: regenerates docs/summary-sample.md, the job summary
 * the built action writes for the incident demo (sim/scenarios/demo-incident.json, an HTTPS
 * domain whose certificate expires in 5 days, a healthy and a 503 endpoint), run the way a runner
 * runs it. With `--check` it writes nothing and exits 1 when the file is stale.
 *
 * So that the file only changes when the product does, the action process runs with its clock
 * frozen at the simulator's start (a `--require` preload; the certificate is issued against the
 * same instant), and what still varies is normalized: times are moved to 2026-11-25 13:00 UTC,
 * ports, latencies and the run time get fixed values. Task ids and ARNs are deterministic in the
 * simulator already.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createCa, issueCert } from '../sim/certs.js'
import { startSimulator } from '../sim/index.js'
import { startHttpServer, startHttpsServer, type LocalServer } from '../sim/local-servers.js'
import { awsEnv, ROOT, runAction } from '../sim/runner.js'

/** The file this script writes. */
export const SAMPLE_FILE = path.join(ROOT, 'docs/summary-sample.md')

/** The instant the sample shows as "now". */
export const SAMPLE_NOW = Date.parse('2026-11-25T13:00:00.000Z')

const DAY = 86_400_000

/** What varied in one run and is replaced by fixed values. */
export interface RunFacts {
  /** The simulator's (and the frozen action clock's) start, epoch ms. */
  now: number
  /** `host:port` of the HTTPS domain and of the endpoints server. */
  domainPort: number
  endpointsPort: number
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString()
}

/** Moves the times the renderers write (never those inside log samples) by `shift` ms. */
export function shiftTimes(text: string, shift: number, day: string): string {
  const at = (date: string, time: string): number => Date.parse(`${date}T${time}Z`) + shift
  const dateTime = (ms: number): string => isoOf(ms).slice(0, 19).replace('T', ' ')
  return (
    text
      // Window: `2026-11-25 12:36–13:36 UTC`.
      .replace(
        /(\d{4}-\d\d-\d\d) (\d\d:\d\d)–(\d\d:\d\d) UTC/g,
        (_m, d: string, a: string, b: string) =>
          `${dateTime(at(d, `${a}:00`)).slice(0, 16)}–${dateTime(at(d, `${b}:00`)).slice(11, 16)} UTC`
      )
      // `2026-11-25 13:36:06 UTC`.
      .replace(
        /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) UTC/g,
        (_m, d: string, t: string) => `${dateTime(at(d, t))} UTC`
      )
      // `13:22:00 UTC` (same day as the window's end).
      .replace(
        /(?<![\d:-] ?)\b(\d\d:\d\d:\d\d) UTC/g,
        (_m, t: string) => `${dateTime(at(day, t)).slice(11)} UTC`
      )
      // ISO times inside Logs Insights links (`:` encoded as `*3A`).
      .replace(
        /(\d{4}-\d\d-\d\d)T(\d\d)\*3A(\d\d)\*3A(\d\d)\.(\d{3})Z/g,
        (_m, d: string, h: string, mi: string, s: string, ms: string) =>
          isoOf(at(d, `${h}:${mi}:${s}.${ms}`)).replace(/:/g, '*3A')
      )
  )
}

/** The summary with everything that varies from run to run replaced. */
export function normalizeSummary(summary: string, facts: RunFacts): string {
  const shift = SAMPLE_NOW - facts.now
  const day = isoOf(facts.now).slice(0, 10)
  const certDay = (ms: number): string => isoOf(ms).slice(0, 10)
  const certReal = certDay(facts.now + 5 * DAY + 3_600_000)
  const certShown = certDay(SAMPLE_NOW + 5 * DAY + 3_600_000)
  let out = shiftTimes(summary, shift, day)
    .replaceAll(`localhost:${facts.domainPort}`, 'localhost:8443')
    .replaceAll(`127.0.0.1:${facts.endpointsPort}`, '127.0.0.1:8080')
    .replace(/expires \d{4}-\d\d-\d\d/g, m => m.replace(certReal, certShown))
    .replace(/in (\d+) days \((\d{4}-\d\d-\d\d)\)/g, m => m.replace(certReal, certShown))
  // The run time in the headline, then every latency.
  out = out.replace(/(checked [^·\n]* in )\d+(?:\.\d)? m?s\b/, '$11.2 s')
  out = out.replace(/\bin \d+(?:\.\d)? m?s\b(?! ·)/g, 'in 85 ms')
  return out
}

/** The preload that freezes `Date` in the action process at `now`. */
function freezePreload(now: number): string {
  return `'use strict'
const RealDate = Date
const NOW = ${now}
class FrozenDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(NOW); else super(...args) }
  static now() { return NOW }
}
globalThis.Date = FrozenDate
`
}

/** Runs the demo incident through the built action and returns the normalized sample file. */
export async function generateSummarySample(): Promise<string> {
  if (!existsSync(path.join(ROOT, 'dist/index.js'))) {
    throw new Error('dist/index.js is missing: run `npm run build` first')
  }
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-docs-'))
  const servers: LocalServer[] = []
  // A whole minute, so the windows shown to the minute shift exactly.
  const now = Math.floor(Date.now() / 60_000) * 60_000
  const sim = await startSimulator({
    scenario: path.join(ROOT, 'sim/scenarios/demo-incident.json'),
    now: () => now
  })
  try {
    const ca = createCa({ commonName: 'aws-ecs-monitor Demo CA' })
    const caFile = path.join(work, 'demo-ca.pem')
    writeFileSync(caFile, ca.cert)
    const leaf = issueCert(ca, {
      hosts: ['localhost', '127.0.0.1'],
      notBefore: new Date(now - 85 * DAY),
      notAfter: new Date(now + 5 * DAY + 3_600_000)
    })
    const shop = await startHttpsServer(leaf, (req, res) => {
      if (req.url === '/') res.writeHead(301, { location: '/home' }).end()
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>shop</h1>')
    })
    servers.push(shop)
    const endpoints = await startHttpServer((req, res) => {
      if (req.url === '/payments/health') res.writeHead(503).end('{"status":"unavailable"}')
      else res.writeHead(200).end('{"status":"ok"}')
    })
    servers.push(endpoints)
    const preload = path.join(work, 'freeze-clock.cjs')
    writeFileSync(preload, freezePreload(now))
    const domain = new URL(shop.url).host
    const run = await runAction(
      {
        cluster: 'prod',
        region: 'us-east-1',
        domain,
        'http-endpoints': `status=${endpoints.url}/status,payments=${endpoints.url}/payments/health`,
        'output-dir': path.join(work, 'data')
      },
      { ...awsEnv(sim.url), NODE_EXTRA_CA_CERTS: caFile, NODE_OPTIONS: `--require ${preload}` },
      { timeoutMs: 120_000 }
    )
    if (!run.summary.trim()) {
      throw new Error(
        `the action wrote no summary (exit ${run.code}): ${run.stderr.slice(0, 2000)}`
      )
    }
    const summary = normalizeSummary(run.summary, {
      now,
      domainPort: Number(new URL(shop.url).port),
      endpointsPort: Number(new URL(endpoints.url).port)
    })
    return [
      '<!-- Generated by scripts/docs-sample.ts (`npm run docs`) from sim/scenarios/demo-incident.json; do not edit. -->',
      '',
      '# Sample job summary',
      '',
      'What `aws-ecs-monitor` writes to the job summary for the incident demo (`npm run demo`):',
      'mode `auto`, cluster `prod` with 14 services, an HTTPS domain whose certificate expires in',
      '5 days and a 503 endpoint. Times, ports and latencies are normalized so the file only changes',
      'when the report does. Everything below the line is the summary as GitHub receives it.',
      '',
      '---',
      '',
      summary.trimEnd(),
      ''
    ].join('\n')
  } finally {
    await Promise.all(servers.map(s => s.close()))
    await sim.close()
    rmSync(work, { recursive: true, force: true })
  }
}

async function main(): Promise<number> {
  const sample = await generateSummarySample()
  if (process.argv.includes('--check')) {
    const current = existsSync(SAMPLE_FILE) ? readFileSync(SAMPLE_FILE, 'utf8') : ''
    if (current === sample) {
      process.stdout.write(`${path.relative(ROOT, SAMPLE_FILE)} is up to date\n`)
      return 0
    }
    process.stderr.write(
      `${path.relative(ROOT, SAMPLE_FILE)} is stale: run \`npx tsx scripts/docs-sample.ts\`\n`
    )
    return 1
  }
  writeFileSync(SAMPLE_FILE, sample)
  process.stdout.write(`wrote ${path.relative(ROOT, SAMPLE_FILE)}\n`)
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    code => {
      process.exitCode = code
    },
    (err: unknown) => {
      process.stderr.write(
        `docs-sample failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`
      )
      process.exitCode = 1
    }
  )
}
