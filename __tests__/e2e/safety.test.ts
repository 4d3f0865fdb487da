/**
 * Safety end to end: log lines, service events, task reasons and target descriptions are
 * written by others. The hostile scenario (sim/scenarios/hostile.json, plus a 1 MB line added
 * here) fills them with workflow commands, HTML/Markdown break-outs, fake sticky-comment markers,
 * pings, secrets and control characters. The built action runs as a process on a pull_request
 * event with the fake GitHub API, the built CLI runs `health`, `logs diagnose --json` and
 * `logs classify`; every channel they write must come out inert, redacted and bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startFakeGitHub, type FakeGitHub } from '../../sim/fake-github.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import {
  awsEnv,
  ROOT,
  runAction,
  runCli,
  type ActionRun,
  type ProcessResult
} from '../../sim/runner.js'

/** Every secret the scenario holds, in any channel it must not appear. */
const SECRETS = [
  'AKIAIOSFODNN7EXAMPLE',
  'ASIAQWERTYUIOPASDFGH',
  'wJalrXUtnFEMI',
  'bPxRfiCYEXAMPLEKEY',
  'abcdefghijklmnop0123456789',
  'eyJhbGciOiJIUzI1NiJ9',
  'eyJzdWIiOiIxMjM0In0',
  'dozjgNryP4J3jVmNHl0w5N',
  'hunter2',
  'swordfish42',
  's3cr3tvalue',
  'tok_abcdef123456',
  'key_98765zyx',
  'Pa55w0rdXYZ',
  'jsonPassw0rd',
  'cl1entS3cret',
  'secretPEMbody',
  'eventPassw0rd',
  'rolloutPassw0rd',
  'workerKey123',
  'workerS3cret',
  'taskT0ken123',
  'hugeLineS3cret'
]

/** Hostile text that must not appear in a plain line of the action's log outside a block. */
const NEEDLES = ['pwned', 'add-mask', 'stop-commands', 'set-output', '<script', 'onerror', '##[']

/** C0/C1 controls other than tab and newline, bidi overrides, line separators, lone surrogates. */
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const MiB = 1024 * 1024
const PR = 7
const event = {
  name: 'pull_request',
  payload: {
    action: 'synchronize',
    number: PR,
    pull_request: { number: PR, head: { sha: 'abc' }, base: { ref: 'main' } },
    repository: { name: 'app', owner: { login: 'acme' }, full_name: 'acme/app' }
  }
}

let sim: Simulator
let gh: FakeGitHub
let action: ActionRun
let cli: { health: ProcessResult; diagnose: ProcessResult; classify: ProcessResult }
let cliDir: string

function expectNoSecrets(channel: string, text: string): void {
  for (const s of SECRETS) {
    if (text.includes(s)) throw new Error(`${channel} leaks the secret ${s}`)
  }
}

function expectNoControl(channel: string, text: string): void {
  const m = CONTROL.exec(text)
  if (m) {
    const at = m.index
    throw new Error(
      `${channel} holds U+${(m[0].codePointAt(0) ?? 0).toString(16)} near ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`
    )
  }
}

/** Every string of a parsed JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k)
      strings(v, out)
    }
  }
  return out
}

function checkJson(channel: string, text: string): void {
  expect(text.length).toBeLessThan(4 * MiB)
  expectNoSecrets(channel, text)
  for (const s of strings(JSON.parse(text))) {
    expectNoSecrets(channel, s)
    expectNoControl(channel, s)
    if (s.includes('##[')) throw new Error(`${channel} holds a runner command prefix: ${s}`)
  }
}

/**
 * The runner's view of the action's stdout (actions/runner ActionCommandManager): a line is a
 * command when it starts with `::` after leading blanks, or holds `##[` anywhere; between
 * `::stop-commands::T` and `::T::` nothing is. Every command must be one the action writes.
 */
function checkWorkflowCommands(stdout: string): { blocks: number; annotations: string[] } {
  expect(stdout).not.toMatch(/\r/)
  let token: string | null = null
  const tokens = new Set<string>()
  const annotations: string[] = []
  for (const line of stdout.split('\n')) {
    if (token !== null) {
      if (line === `::${token}::`) token = null
      continue
    }
    const t = line.trimStart()
    if (!t.startsWith('::')) {
      for (const n of NEEDLES) {
        if (line.includes(n)) throw new Error(`log content outside a stop-commands block: ${line}`)
      }
      continue
    }
    expect(line).not.toContain('##[')
    const stop =
      /^::stop-commands::([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(line)
    if (stop?.[1]) {
      expect(tokens.has(stop[1])).toBe(false)
      tokens.add(stop[1])
      token = stop[1]
      continue
    }
    if (line === '::endgroup::') continue
    if (/^::group::(Health check|Log diagnosis \(\d+ services?\)|Report|PR comment)$/.test(line))
      continue
    const ann = /^::(error|warning|notice)(?: title=([^:]*))?::(.*)$/.exec(line)
    if (!ann) throw new Error(`a workflow command the action does not write: ${line}`)
    // Our titles: `<service>: <state> (…)`, properties escaped by @actions/core.
    if (ann[2] !== undefined) expect(ann[2]).toMatch(/^[A-Za-z0-9 ._()/%-]+$/)
    // Data is escaped: the only `%` sequence core writes for one-line text is `%25`.
    expect(ann[3]).not.toMatch(/%(?!25)/)
    annotations.push(line)
  }
  expect(token).toBeNull()
  return { blocks: tokens.size, annotations }
}

/** Tags the renderers write themselves; anything else from content is escaped. */
const OUR_TAGS = new Set(['details', 'summary', 'b', 'sub'])

/**
 * A Markdown walk that knows fences: outside code blocks only our HTML, balanced `<details>`
 * one deep, no pings, no unescaped links but https ones, table rows as wide as their header,
 * code spans closed; inside, a fence longer than any backtick run and no mentions.
 */
function checkMarkdown(channel: string, md: string, opts: { marker?: string } = {}): void {
  expectNoSecrets(channel, md)
  expectNoControl(channel, md)
  expect(md).not.toMatch(/\r/)
  const lines = md.split('\n')
  let fence: { char: string; len: number } | null = null
  let depth = 0
  let tableWidth: number | null = null
  const fail = (i: number, why: string): never => {
    throw new Error(`${channel} line ${i + 1}: ${why}: ${lines[i]?.slice(0, 300)}`)
  }
  for (const [i, line] of lines.entries()) {
    if (fence) {
      const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(line)
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.len) {
        fence = null
        continue
      }
      const run = Math.max(0, ...Array.from(line.matchAll(/`+/g), m => m[0].length))
      if (run >= fence.len) fail(i, 'a backtick run as long as the fence')
      if (/@[A-Za-z0-9_]/.test(line)) fail(i, 'a mention inside a code block')
      if (/<!--\s*aws-ecs-monitor/i.test(line)) fail(i, 'a marker inside a code block')
      continue
    }
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
    if (open?.[1]) {
      if (open[2] !== 'text') fail(i, 'a fence that is not one of our samples')
      fence = { char: open[1][0] ?? '`', len: open[1].length }
      tableWidth = null
      continue
    }
    if (i === 0 && opts.marker) {
      expect(line).toBe(opts.marker)
      continue
    }
    if (line.includes('<!--')) fail(i, 'an HTML comment from content')
    for (const m of line.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)/g)) {
      if (!OUR_TAGS.has((m[1] ?? '').toLowerCase())) fail(i, `an HTML tag <${m[1]}>`)
    }
    const opens = line.match(/<details/gi)?.length ?? 0
    const closes = line.match(/<\/details/gi)?.length ?? 0
    if (opens) {
      // A service's section, or the fold of the healthy rows (our words and counts only).
      const ours =
        /^<details><summary><b>[^<>]*<\/b>: [^<>]*<\/summary>$/.test(line) ||
        /^<details><summary>(?:🟢 \d+ healthy (?:services?|target groups?))?(?:, )?(?:⚪ \d+ scaled down)?<\/summary>$/u.test(
          line
        )
      if (!ours || opens !== 1) fail(i, 'a <details> line we do not write')
      depth++
      if (depth > 1) fail(i, 'nested <details>')
    } else if (/<\/?summary/i.test(line)) fail(i, 'a stray <summary>')
    if (closes) {
      if (line !== '</details>') fail(i, 'a </details> we do not write')
      depth--
      if (depth < 0) fail(i, 'a </details> closing nothing')
    }
    if (/@[A-Za-z0-9_]/.test(line)) fail(i, 'a mention')
    if (/#\d/.test(line)) fail(i, 'an issue reference')
    if (/(?<!\\)!\[/.test(line)) fail(i, 'an image')
    for (const m of line.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) {
      if (!/^https:\/\/[^\s<>"']+$/.test(m[1] ?? '')) fail(i, `a link to ${m[1]}`)
    }
    if (/javascript:/i.test(line.replace(/\\\[[^\]]*\\\]\(javascript:/gi, ''))) {
      // Escaped `\[x\](javascript:…)` is text; anything else is not allowed.
      if (/(?<!\\)\]\(\s*javascript:/i.test(line)) fail(i, 'a javascript: link')
    }
    if ((line.match(/(?<!\\)`/g)?.length ?? 0) % 2 !== 0) fail(i, 'an unclosed code span')
    if (line.startsWith('|')) {
      const cells = line.replace(/\\\\/g, '').split(/(?<!\\)\|/).length
      if (tableWidth === null) tableWidth = cells
      else if (cells !== tableWidth)
        fail(i, `a table row of ${cells - 2} cells, not ${tableWidth - 2}`)
    } else tableWidth = null
  }
  if (fence) throw new Error(`${channel} ends inside a code block`)
  expect(depth).toBe(0)
}

beforeAll(async () => {
  const scenario = JSON.parse(readFileSync(path.join(ROOT, 'sim/scenarios/hostile.json'), 'utf8'))
  // A 1 MB line, with a secret at its end (the page holds it alone: CloudWatch's 1 MB page).
  scenario.logGroups[0].streams[0].events.push({
    t: '-1m',
    message: `ERROR huge line ${'A'.repeat(MiB)} password=hugeLineS3cret`
  })
  sim = await startSimulator({ scenario })
  gh = await startFakeGitHub()
  const env = {
    ...awsEnv(sim.url, 'eu-west-1'),
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: '9'
  }
  action = await runAction({ cluster: 'prod', region: 'eu-west-1', 'github-token': 'tok' }, env, {
    event
  })

  cliDir = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-safety-'))
  const cenv = {
    ...awsEnv(sim.url, 'eu-west-1'),
    ECS_CLUSTER: 'prod',
    ECS_REGION: 'eu-west-1',
    ECS_HEALTH_OUTDIR: cliDir
  }
  // Exported logs with invalid UTF-8, NUL bytes and a 1 MB line, for `logs classify`.
  const exported = path.join(cliDir, 'exported.log')
  const lines = (scenario.logGroups[0].streams[0].events as { message: string }[]).map(e =>
    e.message.replace(/\n/g, '\n\t')
  )
  writeFileSync(
    exported,
    Buffer.concat([
      Buffer.from(lines.join('\n') + '\n'),
      Buffer.from([0x45, 0x52, 0x52, 0x4f, 0x52, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x00, 0x0a]),
      Buffer.from(`ERROR nul\u0000 ::error::pwned-classify AKIAIOSFODNN7EXAMPLE\n`)
    ])
  )
  const [health, diagnose, classify] = await Promise.all([
    runCli(['health'], cenv),
    runCli(['logs', 'diagnose', 'all', '--json'], cenv),
    runCli(['logs', 'classify', exported], cenv)
  ])
  cli = { health, diagnose, classify }
}, 60_000)

afterAll(async () => {
  await Promise.all([sim?.close(), gh?.close()])
})

describe('the action on hostile content', () => {
  it('runs to a verdict without crashing', () => {
    expect(action.code).toBe(1)
    expect(action.outputs.status).toBe('unhealthy')
    expect(action.stderr).not.toMatch(/TypeError|RangeError|at .*\.js:\d+/)
  })

  it('lets no workflow command out of log content', () => {
    const { blocks, annotations } = checkWorkflowCommands(action.stdout)
    expect(blocks).toBeGreaterThanOrEqual(2)
    expect(annotations.length).toBeGreaterThan(0)
    expectNoSecrets('stdout', action.stdout)
    expectNoControl('stdout', action.stdout)
    // The hostile text did reach the log, inside the blocks.
    expect(action.stdout).toContain('pwned')
    expect(action.stdout.length).toBeLessThan(MiB)
  })

  it('writes a job summary that is inert, redacted and bounded', () => {
    const md = action.summary
    checkMarkdown('summary', md)
    expect(Buffer.byteLength(md)).toBeLessThan(MiB)
    // Hostile content is shown, defused, not dropped.
    expect(md).toContain('&lt;script&gt;')
    expect(md).toContain('@\u200boctocat')
    expect(md).toContain('[REDACTED]')
    expect(md).toMatch(/^`{9,}text$/m)
    expect(md).toContain(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/hostile-api/health?region=eu-west-1'
    )
    // Console links point at the run's region only.
    for (const [url] of md.matchAll(/https:\/\/[a-z0-9.-]*console\.aws\.amazon\.com[^\s)]*/g)) {
      expect(url).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/.*region=eu-west-1/)
    }
  })

  it('writes a PR comment with one marker and the same safety', () => {
    const comments = gh.commentsOf(PR)
    expect(comments).toHaveLength(1)
    const body = comments[0]?.body ?? ''
    const marker = '<!-- aws-ecs-monitor:sticky cluster=prod -->'
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body.startsWith(`${marker}\n`)).toBe(true)
    expect(body.match(/<!--\s*aws-ecs-monitor/gi)).toHaveLength(1)
    expect(body).not.toMatch(/<!--\s*aws-ecs-monitor:sticky cluster=staging/)
    checkMarkdown('comment', body, { marker })
  })

  it('sets outputs that hold nothing from the content', () => {
    const raw = readFileSync(path.join(action.dir, 'github_output'), 'utf8')
    expectNoSecrets('GITHUB_OUTPUT', raw)
    expect(action.outputs['exit-code']).toBe('1')
    expect(action.outputs['unhealthy-services']).toMatch(/^[A-Za-z0-9_,-]+$/)
    expect(action.outputs['error-count']).toMatch(/^\d+$/)
  })

  it('keeps the JSON report, the alert file and every file it wrote redacted', () => {
    const data = path.join(action.dir, 'data')
    const files = readdirSync(data).filter(f => f.endsWith('.json'))
    expect(files).toEqual(expect.arrayContaining(['ecs-health.json', 'ecs-health-alert.json']))
    for (const f of files) checkJson(f, readFileSync(path.join(data, f), 'utf8'))
    expect(action.outputs['report-file']).toBe(path.join(data, 'ecs-health.json'))
  })
})

describe('the CLI on hostile content', () => {
  /** A CLI run inside a workflow step is read by the runner too. */
  function checkCliOutput(channel: string, r: ProcessResult): void {
    expect(r.stderr).not.toMatch(/TypeError|RangeError|at .*\.js:\d+/)
    for (const [name, text] of [
      [`${channel} stdout`, r.stdout],
      [`${channel} stderr`, r.stderr]
    ] as const) {
      expectNoSecrets(name, text)
      expectNoControl(name, text)
      expect(text).not.toContain('##[')
      expect(text).not.toMatch(/\r/)
      for (const line of text.split('\n')) {
        if (line.trimStart().startsWith('::'))
          throw new Error(`${name}: a workflow command: ${line}`)
      }
      expect(text.length).toBeLessThan(2 * MiB)
    }
  }

  it('health: text report and auto-diagnosis', () => {
    expect(cli.health.code).toBe(1)
    checkCliOutput('health', cli.health)
    expect(cli.health.stdout).toContain('pwned')
    for (const f of readdirSync(cliDir).filter(f => f.endsWith('.json')))
      checkJson(f, readFileSync(path.join(cliDir, f), 'utf8'))
  })

  it('logs diagnose --json', () => {
    expect(cli.diagnose.code).toBe(0)
    checkCliOutput('diagnose', cli.diagnose)
    checkJson('diagnose --json', cli.diagnose.stdout)
  })

  it('logs classify on exported logs with invalid UTF-8, NUL bytes and a 1 MB line', () => {
    expect(cli.classify.code).toBe(0)
    checkCliOutput('classify', cli.classify)
    const out = cli.classify.stdout.trim().split('\n')
    expect(out.length).toBeGreaterThan(30)
    for (const line of out) {
      const o = JSON.parse(line) as { message: string }
      expect(o.message.length).toBeLessThanOrEqual(10_000)
      expectNoControl('classify message', o.message)
    }
    expect(cli.classify.stdout).toContain('\ufffd')
  })
})
