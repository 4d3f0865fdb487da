/**
 * Differential test data for `classify` and `parseHttpLine`: a large, deterministic and diverse
 * set of inputs (the benchmark's generated mix at a fixed seed and time, a high-error mix, grouped
 * traces, the labelled corpus and thousands of mutations of it, token soup built from the corpus,
 * adversarial lines, and generated variants of the shapes the code reads by hand: level words
 * after timestamps, JSON/logfmt level values, Gin tables), and a compact digest of what the two
 * functions return for them (~140,000 inputs; per input an index into a table of distinct
 * results, plus block hashes of the full `parseHttpLine` results).
 *
 * The digest in `__fixtures__/classify-golden.json.gz` was recorded from the classifier as it was
 * before its rewrite for speed; the tests in classify.test.ts and http.test.ts assert that the
 * current code reproduces it exactly. It records an input digest too, so a failure says whether
 * the inputs drifted (sim/generate.ts or the corpus changed: record again with an unchanged
 * classifier) or the outputs did. Record with `UPDATE_GOLDEN=1` (see classify.test.ts).
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import { checkScenario, sourcesFor } from '../../../sim/index.js'
import { Rng } from '../../../sim/prng.js'
import type { Classification, HttpLine } from '../../../src/logs/types.js'
import { CORPUS } from './corpus.js'

/** 2026-11-25T12:00:00Z: generated lines carry timestamps, so the clock is fixed. */
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0)
/** Lines per block digest. */
export const BLOCK = 512

function generated(gens: object[], group: string): string[][] {
  const sc = checkScenario({ logGroups: [{ name: group, generate: gens }] }, NOW)
  const out: string[][] = []
  for (const g of sc.logGroups)
    for (const src of sourcesFor(g)) {
      const lines: string[] = []
      for (let i = 0; i < src.length; i++) lines.push(src.message(i))
      out.push(lines)
    }
  return out
}

const LEVEL_PREFIXES = [
  'INFO ',
  'WARN ',
  'ERROR ',
  'DEBUG ',
  'FATAL ',
  'CRITICAL ',
  'level=error ',
  'level=info ',
  'lvl=eror ',
  '[error] ',
  '[proxy:warn] ',
  'E1125 12:00:00.123456       1 main.go:42] ',
  'W1125 12:00:00.123456       1 main.go:42] ',
  'E, [2026-11-25T12:00:00.123456 #1] ERROR -- : ',
  '<3>',
  '<6>',
  'error: ',
  'fail: ',
  'FATAL:  ',
  'PANIC:  ',
  '2026-11-25 12:00:00.123  WARN 1 --- [main] c.e.App : ',
  '2026-11-25T12:00:00Z ',
  'the thing said ',
  '   ',
  '\t'
]

const SUFFIXES = [
  '',
  ' errors: 0',
  ' error=<nil>',
  ' timeout=30s',
  ' (0)',
  ' without errors',
  ' handler',
  ' status=503',
  ' "status":500',
  ' HTTP/1.1" 503 12',
  ' | 503 | 1ms | 10.0.0.1 | GET "/x"',
  ' exit code 137',
  '\n\tat com.example.A.b(A.java:1)',
  '\nTraceback (most recent call last):\n  File "x.py", line 1, in f\nValueError: x'
]

const ADVERSARIAL_WORDS = [
  'error',
  'errors',
  'Error',
  'ERROR',
  'failed',
  'failure',
  'timeout',
  'timed out',
  'deadline exceeded',
  'connection refused',
  'refused',
  'reset',
  'panic:',
  'fatal error:',
  'OutOfMemoryError',
  'out of memory',
  'Exception',
  'exception',
  'Traceback (most recent call last):',
  'unauthorized',
  'forbidden',
  'permission denied',
  'status=503',
  '"status":503',
  'HTTP/1.1',
  '500',
  '137',
  'no',
  'not',
  '0',
  '[]',
  '=',
  ':',
  '"',
  '/',
  '_',
  '-',
  '|',
  '{',
  '}',
  '\n',
  '\t',
  'at ',
  'Caused by: ',
  '日本語',
  '🔥',
  'é',
  '\u0000',
  '\u001b[31m',
  '\r\n'
]

/** Edge cases the corpus has few of, mutated along with it. */
const EXTRA_SEEDS = [
  '2026-11-25 12:00:00,123 INFO exited: worker (exit status 1; not expected)',
  '2026-11-25 12:00:00,123 INFO gave up: worker entered FATAL state, too many start retries too quickly',
  'fatal: not a git repository (or any of the parent directories): .git',
  '10.0.0.1 - - [25/Nov/2026:12:00:00 +0000] "GET /ws HTTP/1.1" 101 0 "-" "-"',
  'read_timeout=10',
  'connect_timeout_ms=500 ok',
  'request timeout: 30s',
  'ReadTimeout:30s',
  'socket timeout is 30 seconds.',
  'INFO Registered error handler',
  'DEBUG error=<nil>',
  'WARN connection refused, retrying',
  'Processed 3 files, 0 errors',
  'errors: []',
  'see /var/log/app/errors.log',
  'all good',
  '-XX:+HeapDumpOnOutOfMemoryError -Xmx512m',
  '[1:0x6b7c2a0]   912345 ms: Mark-Compact 2041.8 (2083.2) -> 2039.9 (2084.2) MB allocation failure;',
  'ERROR\u0000 connection refused\u0000\u0000',
  '\u0007\u0008ERROR\u000b failed\u007f',
  'java.lang.NullPointerException: x\r\n\tat a.B.c(B.java:1)\r\n',
  "ActiveRecord::RecordNotFound (Couldn't find User with 'id'=42)",
  '** (RuntimeError) boom',
  "    from /app/lib/x.rb:3:in `call'",
  'Suppressed: java.io.IOException: closed',
  'GET /api/v1/orders 500 12.345 ms - 21',
  'Started GET "/x" for 10.0.0.1\nCompleted 503 Service Unavailable in 3ms',
  '12:00:00.123 [info] Sent 500 in 12ms',
  'info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished in 12.3ms 500 application/json',
  'haproxy[7]: 10.0.1.5:51234 [25/Nov/2026:12:00:00.123] fe be/srv1 0/0/1/12/13 502 212 - - ---- 1/1/0/0/0 0/0 "GET /api HTTP/1.1"',
  '"GET http://localhost:3000/api/items HTTP/1.1" from 10.0.1.5:54321 - 500 12B in 1.2ms',
  'http 2026-11-25T12:00:00.123456Z app/my-lb/50dc6c495c0c9188 10.0.0.1:2817 10.0.0.2:80 0.000 0.001 0.000 502 - 34 366 "GET http://www.example.com:80/health HTTP/1.1" "curl/7.46.0" - -',
  '{"http.request.method":"GET","url.path":"/x","http.response.status_code":503}',
  '{\\"status\\":503,\\"method\\":\\"GET\\"}',
  'method=GET path=/healthz status=503',
  'method=HEAD path=/ status=200',
  '10.0.0.1 - - [x] "GET /orders/api/health HTTP/1.1" 500 1 "-" "kube-probe/1.29"',
  '10.0.0.1 - - [x] "GET /api/orders/42/status HTTP/1.1" 500 1 "-" "GoogleHC/1.0"',
  // Case folding beyond ASCII: KELVIN SIGN, dotted capital I, long s.
  'WARN \u212aill -9 sent to worker',
  'WARN worker was \u212aILLED',
  'ERROR \u212aill -9 sent to worker',
  'WARN process K\u0130lled',
  'ERROR connection re\u017fet by peer',
  '{"level":"warn","msg":"oom \u212ailler invoked"}',
  // Warnings that name a crash without a crash word, and with one.
  'WARN enomem',
  'WARN thread has overflowed its stack',
  'WARN enomem while allocating buffers',
  'WARN runtime: out of memory',
  // Gin tables with other spaces.
  '[GIN] 2026/11/25 - 12:00:00 |\u00a0500\u2003|  1.2ms |  10.0.0.1 |\u3000GET      "/x"',
  '[GIN] 2026/11/25 - 12:00:00 | 500 | 1ms | 10.0.0.1 | PROPFINDX "/x"',
  '[GIN] 2026/11/25 - 12:00:00 | 200 | 1ms | 10.0.0.1 | OPTIONS|"/x"',
  'a | 5000 | b | c | GET /x',
  // Level words after timestamps.
  '2026-11-25T12:00:00Z INFO x',
  '2026-11-25T12:00:00.123Z  WARNING x',
  '2026-11-25TINFO x',
  '1TZ INFO x',
  '12:00 LOG: x',
  '12:00 LOGX x',
  '12:00 LOG x',
  '2026-11-25 12:00:00 FATAL:  password authentication failed for user "app"',
  '2026-11-25 12:00:00 FATAL: x',
  '2026-11-25 12:00:00 PANIC:  could not write to file',
  '2026-11-25 12:00:00 EMERG:  x',
  '2026-11-25 12:00:00 FTL:  x',
  '2026-11-25 12:00:00 INFO_x error',
  '2026-11-25 12:00:00 CRITICAL x',
  '2026-11-25 12:00:00 CRITICALS error',
  '2026-11-25 12:00:00 ERRORS found',
  // Level values.
  '{"level":"information","msg":"failed"}',
  '{"level":"INFORMATIONAL","msg":"failed"}',
  '{"level":"Warn","msg":"failed"}',
  '{"level":"eRRor","msg":"x"}',
  '{"level":"E","msg":"x"}',
  '{"level":30,"msg":"failed"}',
  '{"level":"60","msg":"x"}',
  '{"level": \\"error\\","msg":"x"}',
  'level=eror msg=x',
  'level=Error msg=x',
  'level=infox msg=failed',
  'x level=information msg=failed'
]

/** Inputs of the differential test, in a fixed order. */
export function goldenInputs(): string[] {
  const out: string[] = []
  const rng = new Rng(0x5eed)

  // 1. The benchmark's mix (bench/classify.ts), smaller, at a fixed time.
  const bench = [
    { kind: 'app', style: 'java', errorRate: 0.05, severeRate: 0.01 },
    { kind: 'app', style: 'go', errorRate: 0.05 },
    { kind: 'app', style: 'python', errorRate: 0.05 },
    { kind: 'app', style: 'node', errorRate: 0.05 },
    { kind: 'app', style: 'json', errorRate: 0.05 },
    { kind: 'access', format: 'nginx' },
    { kind: 'access', format: 'gin' },
    { kind: 'access', format: 'json' }
  ].map(g => ({ ...g, count: 6000, minutes: 60 }))
  for (const lines of generated(bench, '/ecs/mix')) out.push(...lines)

  // 2. A high-error mix, its app lines also grouped into multi-line events of 2–10 lines.
  const severe = [
    { kind: 'app', style: 'java', errorRate: 0.4, severeRate: 0.15 },
    { kind: 'app', style: 'go', errorRate: 0.4, severeRate: 0.15 },
    { kind: 'app', style: 'python', errorRate: 0.4, severeRate: 0.15 },
    { kind: 'app', style: 'node', errorRate: 0.4, severeRate: 0.15 },
    { kind: 'app', style: 'json', errorRate: 0.4, severeRate: 0.15 },
    { kind: 'access', format: 'nginx', errorRate: 0.3, healthCheckRate: 0.3 },
    { kind: 'access', format: 'gin', errorRate: 0.3, healthCheckRate: 0.3 },
    { kind: 'access', format: 'json', errorRate: 0.3, healthCheckRate: 0.3 }
  ].map(g => ({ ...g, count: 3000, minutes: 30 }))
  const severeLines = generated(severe, '/ecs/severe')
  for (const lines of severeLines) out.push(...lines)
  for (const lines of severeLines.slice(0, 5)) {
    for (let i = 0; i < lines.length;) {
      const n = rng.int(2, 10)
      out.push(lines.slice(i, i + n).join('\n'))
      i += n
    }
  }

  // 3. The labelled corpus, then mutations of it.
  const corpus = [...CORPUS.map(c => c.line), ...EXTRA_SEEDS]
  out.push(...corpus)
  for (const line of corpus) {
    const other = rng.pick(corpus)
    out.push(
      line.toUpperCase(),
      line.toLowerCase(),
      rng.pick(LEVEL_PREFIXES) + line,
      rng.pick(LEVEL_PREFIXES) + line + rng.pick(SUFFIXES),
      line + rng.pick(SUFFIXES),
      JSON.stringify({ level: rng.pick(['error', 'info', 'warn', 'E', 50, 'FATAL']), msg: line }),
      JSON.stringify({ msg: line, status: rng.pick([200, 500, 'ok']) }),
      JSON.stringify({ log: JSON.stringify({ level: 'error', message: line }) }),
      `level=${rng.pick(['error', 'warn', 'info', 'crit'])} msg=${JSON.stringify(line)}`,
      `msg=${JSON.stringify(line)} err=${rng.pick(['<nil>', '"boom"', 'x'])}`,
      line.slice(0, rng.int(0, line.length)),
      line.slice(rng.int(0, line.length)),
      `\u001b[31m${line}\u001b[0m`,
      line.replace(/\n/g, '\r\n') + '\r\n  ',
      `${'x'.repeat(rng.int(140, 170))} ${line}`,
      `${line} ${other}`,
      `${line}\n${other}`,
      `${other.slice(0, rng.int(0, other.length))}${line.slice(rng.int(0, line.length))}`
    )
    // One character replaced by a trigger-like word.
    const at = rng.int(0, line.length)
    out.push(line.slice(0, at) + rng.pick(ADVERSARIAL_WORDS) + line.slice(at + 1))
  }

  // 4. Token soup: words and punctuation of the corpus and trigger words, recombined.
  const tokens: string[] = []
  for (const line of corpus)
    for (const t of line.split(/(\s+|[:=,"(){}[\]|])/)) if (t) tokens.push(t)
  tokens.push(...ADVERSARIAL_WORDS)
  for (let n = 0; n < 40_000; n++) {
    const words = rng.int(1, 30)
    let s = n % 3 === 0 ? rng.pick(LEVEL_PREFIXES) : ''
    for (let k = 0; k < words; k++) {
      s += rng.pick(tokens)
      if (rng.chance(0.6)) s += rng.chance(0.9) ? ' ' : rng.pick([':', '=', '\n', '\t', '/'])
    }
    out.push(s)
  }

  // 5. Adversarial: sizes around the caps, many trigger words, unicode, empty.
  const frames = Array.from({ length: 400 }, (_, i) => `\tat com.x.C${i}.m(C${i}.java:${i})`)
  out.push(
    '',
    ' ',
    '\n',
    '\n\n\n',
    '\t \t',
    '\u0000',
    '\u0000\u0000 ERROR \u0000',
    '\ud800 panic: boom \udfff',
    '🔥 ERROR 注文の処理に失敗しました: timeout exceeded',
    'ошибка: соединение отклонено',
    'é'.repeat(9000) + ' error',
    'x'.repeat(159) + ' ERROR boom',
    'x'.repeat(161) + ' ERROR boom',
    'a'.repeat(6143) + ' OutOfMemoryError',
    'a'.repeat(8180) + ' OutOfMemoryError',
    'a'.repeat(8192) + ' OutOfMemoryError',
    'a'.repeat(100_000),
    ' '.repeat(100_000),
    `ERROR ${'x'.repeat(200_000)}`,
    `${'x'.repeat(200_000)} java.lang.OutOfMemoryError`,
    `java.lang.IllegalStateException: x\n${frames.join('\n')}\nCaused by: java.net.ConnectException: Connection refused`,
    `Traceback (most recent call last):\n${frames.join('\n')}\nMemoryError`,
    `ERROR x\n${'y'.repeat(7000)}\nKeyError: 'a'`,
    'no error, '.repeat(100) + 'error',
    'errors: 0, '.repeat(100) + 'failed',
    'error_count '.repeat(80) + 'timed out',
    'timeout=30s '.repeat(80) + 'request timeout',
    'HTTP/1.1 '.repeat(50) + '"GET / HTTP/1.1" 500 1',
    '| 500 | '.repeat(50),
    '{"status":200,'.repeat(40) + '"status":503,"method":"GET"}',
    '"status":'.repeat(100),
    'level=error '.repeat(50),
    '[error] '.repeat(50),
    ADVERSARIAL_WORDS.join(' '),
    ADVERSARIAL_WORDS.join(''),
    ADVERSARIAL_WORDS.join(' ').repeat(40)
  )
  for (let n = 0; n < 2000; n++) {
    let s = ''
    const words = rng.int(1, 60)
    for (let k = 0; k < words; k++) s += rng.pick(ADVERSARIAL_WORDS) + (rng.chance(0.5) ? ' ' : '')
    out.push(s)
  }

  // 6. Shapes read by hand rather than by expressions: level words after timestamp-like
  // prefixes, level values in JSON and logfmt, Gin tables.
  const pieces = (parts: readonly string[], min: number, max: number): string => {
    let s = ''
    for (let k = rng.int(min, max); k > 0; k--) s += rng.pick(parts)
    return s
  }
  const levelWords = [
    ...LEVEL_WORDS,
    'INFOS',
    'LOGS',
    'ERR_',
    'WARNINGS',
    'Info',
    'info',
    'FATALITY'
  ]
  for (let n = 0; n < 3000; n++) {
    const prefix = pieces(
      ['2026', '-11', '-25', 'T', 'Z', ' ', '  ', ':00', '.123', ',5', '/', '+', '1', 'x', '['],
      0,
      8
    )
    const after = rng.pick([' ', ':', ':  ', '  ', '1', '_', ']', '', ': x', 'x'])
    out.push(`${prefix}${rng.pick(levelWords)}${after}${rng.pick(ADVERSARIAL_WORDS)} done`)
  }
  const values = [
    ...LEVEL_WORDS.map(w => w.toLowerCase()),
    'Warn',
    'Error',
    'eRRor',
    'E',
    'w',
    'x',
    '30',
    '50',
    '60',
    '99',
    'info_x',
    'informational',
    'Information'
  ]
  for (let n = 0; n < 2000; n++) {
    const v = rng.pick(values)
    const msg = rng.pick(ADVERSARIAL_WORDS)
    out.push(
      rng.chance(0.5)
        ? `{"level":${rng.chance(0.2) ? v : JSON.stringify(v)},"msg":${JSON.stringify(msg)}}`
        : `${rng.pick(['', 'ts=1 '])}level=${v} msg=${JSON.stringify(msg)}`
    )
  }
  const sp = (): string => pieces([' ', '  ', '', '\u00a0', '\u2003', '\t', '\u3000'], 0, 2)
  for (let n = 0; n < 3000; n++) {
    const head = rng.pick(['x', '[GIN] 2026/11/25 - 12:00:00', 'a | b', '|'])
    const status = rng.pick(['200', '503', '5000', '99', '600', '404', 'abc', ''])
    const ip = rng.chance(0.2) ? '' : `${sp()}10.0.0.1${sp()}|`
    const method = rng.pick([
      'GET',
      'POST',
      'PROPFIND',
      'OPTIONSX',
      'get',
      'GE',
      'DELETE',
      'PURGE',
      'TRACEX',
      'X',
      'HEAD'
    ])
    const pipe = rng.chance(0.3) ? `|${sp()}` : ''
    const path = rng.pick(['"/x"', '/api/v1', '"/a b"', '', '-', '"', '"/health"', '"/x|y"', '/'])
    const tail = rng.pick(['', ' tail', ' | 500 |', '"'])
    out.push(
      `${head} |${sp()}${status}${sp()}|${sp()}1.2ms${sp()}|${ip}${sp()}${method}${sp()}${pipe}${path}${tail}`
    )
  }
  return out
}

const LEVEL_WORDS = [
  'TRACE',
  'DEBUG',
  'INFO',
  'NOTICE',
  'LOG',
  'WARN',
  'WARNING',
  'ERROR',
  'ERR',
  'EROR',
  'SEVERE',
  'CRITICAL',
  'CRIT',
  'FATAL',
  'EMERG',
  'PANIC',
  'TRC',
  'DBG',
  'INF',
  'WRN',
  'FTL',
  'PNC',
  'VRB',
  'VERBOSE',
  'FINE',
  'FINER',
  'FINEST'
]

/** The recorded digest of the outputs for `goldenInputs()`. */
export interface Golden {
  count: number
  /** sha256 (16 hex) of the inputs, per block of `BLOCK` lines. */
  inputs: string[]
  /** Distinct classifications: `category|rule|healthCheck`. */
  results: string[]
  /** Per line, an index into `results`. */
  classify: number[]
  /** Distinct HTTP shapes: `format|status|method|healthCheck|hasPath`, `-` for none. */
  shapes: string[]
  /** Per line, an index into `shapes`. */
  http: number[]
  /** sha256 (16 hex) of the full `parseHttpLine` results (paths included), per block. */
  httpBlocks: string[]
}

export const classifyKey = (c: Classification): string =>
  `${c.category ?? 'null'}|${c.rule}|${c.healthCheck}`
export const shapeKey = (h: HttpLine | undefined): string =>
  h === undefined
    ? '-'
    : `${h.format}|${h.status}|${h.method ?? ''}|${h.healthCheck}|${h.path !== undefined}`

/** Every field of a `parseHttpLine` result, in a fixed order. */
export const httpKey = (h: HttpLine | undefined): string =>
  h === undefined
    ? '-'
    : `${h.format}|${h.status}|${h.method ?? '<none>'}|${h.healthCheck}|${h.path ?? '<none>'}|${Object.keys(h).length}`

function digest(parts: string[]): string {
  const h = createHash('sha256')
  for (const p of parts) h.update(p).update('\u0001')
  return h.digest('hex').slice(0, 16)
}

function indexer(table: string[]): (key: string) => number {
  const index = new Map(table.map((k, i) => [k, i]))
  return key => {
    let i = index.get(key)
    if (i === undefined) {
      i = table.length
      table.push(key)
      index.set(key, i)
    }
    return i
  }
}

/** Block digests of the inputs. */
export function inputBlocks(inputs: string[]): string[] {
  const out: string[] = []
  for (let b = 0; b < inputs.length; b += BLOCK) out.push(digest(inputs.slice(b, b + BLOCK)))
  return out
}

/**
 * The digest of what `classify` and `parseHttpLine` return for `inputs`; a function left out
 * leaves its part of the digest empty.
 */
export function goldenOf(
  inputs: string[],
  fns: {
    classify?: (s: string) => Classification
    parseHttpLine?: (s: string) => HttpLine | undefined
  }
): Golden {
  const g: Golden = {
    count: inputs.length,
    inputs: inputBlocks(inputs),
    results: [],
    classify: [],
    shapes: [],
    http: [],
    httpBlocks: []
  }
  const result = indexer(g.results)
  const shape = indexer(g.shapes)
  let block: string[] = []
  for (const line of inputs) {
    if (fns.classify) g.classify.push(result(classifyKey(fns.classify(line))))
    if (!fns.parseHttpLine) continue
    const h = fns.parseHttpLine(line)
    g.http.push(shape(shapeKey(h)))
    block.push(httpKey(h))
    if (block.length === BLOCK) {
      g.httpBlocks.push(digest(block))
      block = []
    }
  }
  if (block.length > 0) g.httpBlocks.push(digest(block))
  return g
}

/** Where the recorded digest lives. */
export const GOLDEN_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../__fixtures__/classify-golden.json.gz'
)

export function readGolden(): Golden {
  return JSON.parse(gunzipSync(readFileSync(GOLDEN_PATH)).toString('utf8')) as Golden
}

export function writeGolden(g: Golden): void {
  writeFileSync(GOLDEN_PATH, gzipSync(JSON.stringify(g), { level: 9 }))
}

/** The first `max` differences between two per-line index arrays, readable. */
export function differences(
  inputs: string[],
  want: { table: string[]; index: number[] },
  got: { table: string[]; index: number[] },
  max = 10
): string[] {
  const out: string[] = []
  for (let i = 0; i < want.index.length && out.length < max; i++) {
    const w = want.table[want.index[i] ?? -1]
    const g = got.table[got.index[i] ?? -1]
    if (w !== g) out.push(`#${i} ${JSON.stringify((inputs[i] ?? '').slice(0, 200))}: ${w} → ${g}`)
  }
  return out
}
