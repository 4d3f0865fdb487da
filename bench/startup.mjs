/* global process, performance */
/**
 * Start-up of the built CLI under a given Node binary: `--version` to exit, and spawn to the
 * arrival of its first AWS request (`health` against a local endpoint that refuses it), the
 * median of 10 runs after one that fills the compile cache (Node's on Node ≥ 22.1, the CLI's
 * own before that; a fresh cache directory per measurement). Plain JavaScript, so that any Node can run it:
 *
 *   node bench/startup.mjs [path/to/node]
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli/index.js')
const nodeBin = process.argv[2] ?? process.execPath
const dir = mkdtempSync(path.join(tmpdir(), 'ecs-monitor-startup-'))
let onRequest = () => {}
const server = http.createServer((_req, res) => {
  onRequest(performance.now())
  res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
  res.end('{"__type":"ClientException","message":"refused by the start-up bench"}')
})
await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)))
const address = server.address()
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: dir,
  AWS_ENDPOINT_URL: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_REGION: 'us-east-1',
  ECS_CLUSTER: 'prod',
  ECS_HEALTH_OUTDIR: dir,
  NODE_COMPILE_CACHE: path.join(dir, 'compile-cache')
}

/** Milliseconds from spawn to exit (`--version`) or to the first request. */
async function once(args) {
  const request = new Promise(resolve => (onRequest = resolve))
  const t0 = performance.now()
  const child = spawn(nodeBin, [cli, ...args], { env, stdio: 'ignore' })
  const exit = new Promise(resolve => child.on('exit', () => resolve(performance.now())))
  const first = args[0] === '--version' ? await exit : await Promise.race([request, exit])
  await exit
  return first - t0
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const version = []
const firstRequest = []
for (let i = 0; i < 11; i++) {
  version.push(await once(['--version']))
  firstRequest.push(await once(['health']))
}
server.close()
rmSync(dir, { recursive: true, force: true })
const v = await new Promise(resolve => {
  const c = spawn(nodeBin, ['--version'])
  let out = ''
  c.stdout.on('data', d => (out += String(d)))
  c.on('exit', () => resolve(out.trim()))
})
process.stdout.write(
  `node ${v}: --version ${median(version.slice(1)).toFixed(0)} ms, first AWS request ${median(firstRequest.slice(1)).toFixed(0)} ms (medians of 10; the first run, cache cold: ${firstRequest[0]?.toFixed(0)} ms)\n`
)
