import { describe, expect, it } from '@jest/globals'
import { classify } from '../../../src/logs/classify.js'
import { parseHttpLine } from '../../../src/logs/http.js'
import { CATEGORIES, type Category } from '../../../src/logs/types.js'
import { CORPUS } from './corpus.js'
import { anyOf, compileRules } from '../../../src/logs/rules/compile.js'
import { rules } from '../../../src/logs/classify.js'
import { MAX_TIER_MATCHERS, scan } from '../../../src/logs/rules/engine.js'
import { tier } from '../../../src/logs/rules/types.js'
import { differences, goldenInputs, goldenOf, readGolden, writeGolden } from './golden.js'
import { referenceClassify } from './reference-classify.js'

type Label = Category | 'none'
const label = (c: Category | null): Label => c ?? 'none'

describe('classify: labeled corpus', () => {
  it('has at least 250 lines covering every category and many negatives', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(250)
    for (const c of CATEGORIES) {
      expect(CORPUS.filter(x => x.expect === c).length).toBeGreaterThanOrEqual(15)
    }
    expect(CORPUS.filter(x => x.expect === null).length).toBeGreaterThanOrEqual(80)
  })

  it.each(CORPUS.map((x, i) => [i, x.expect, x.line, x.healthCheck] as const))(
    '#%i → %s: %j',
    (_i, expected, line, healthCheck) => {
      const r = classify(line)
      expect(r.category).toBe(expected)
      expect(typeof r.rule).toBe('string')
      expect(r.rule.length).toBeGreaterThan(0)
      if (healthCheck !== undefined) expect(r.healthCheck).toBe(healthCheck)
      else expect(r.healthCheck).toBe(false)
    }
  )

  it('has 100% precision and recall per category', () => {
    const labels: Label[] = [...CATEGORIES, 'none']
    const tp = new Map<Label, number>()
    const fp = new Map<Label, number>()
    const fn = new Map<Label, number>()
    for (const { expect: want, line } of CORPUS) {
      const got = label(classify(line).category)
      const w = label(want)
      if (got === w) tp.set(w, (tp.get(w) ?? 0) + 1)
      else {
        fp.set(got, (fp.get(got) ?? 0) + 1)
        fn.set(w, (fn.get(w) ?? 0) + 1)
      }
    }
    const rows = labels.map(l => {
      const t = tp.get(l) ?? 0
      const p = t + (fp.get(l) ?? 0)
      const r = t + (fn.get(l) ?? 0)
      return {
        label: l,
        lines: r,
        precision: p === 0 ? 1 : t / p,
        recall: r === 0 ? 1 : t / r
      }
    })
    process.stdout.write(
      `\nclassify corpus (${CORPUS.length} lines)\n${rows
        .map(
          r =>
            `  ${r.label.padEnd(17)} n=${String(r.lines).padStart(3)}  precision=${(100 * r.precision).toFixed(1)}%  recall=${(100 * r.recall).toFixed(1)}%`
        )
        .join('\n')}\n`
    )
    for (const r of rows) {
      expect({ label: r.label, precision: r.precision, recall: r.recall }).toEqual({
        label: r.label,
        precision: 1,
        recall: 1
      })
    }
  })
})

describe('classify: robustness', () => {
  it('reads only the head of a 1 MB line and does not throw', () => {
    expect(classify(`ERROR ${'x'.repeat(1_000_000)}`)).toMatchObject({ category: 'error' })
    expect(classify(`${'x'.repeat(1_000_000)} java.lang.OutOfMemoryError`).category).toBeNull()
    expect(classify('a'.repeat(1_000_000)).category).toBeNull()
    expect(classify(' '.repeat(1_000_000))).toMatchObject({ category: null, rule: 'empty' })
  })

  it('reads the end of a huge grouped traceback, where the exception is', () => {
    const frames = Array.from(
      { length: 3000 },
      (_, i) => `  File "/app/m${i}.py", line ${i}, in f${i}\n    f${i + 1}()`
    )
    const tb = ['Traceback (most recent call last):', ...frames, 'MemoryError'].join('\n')
    expect(tb.length).toBeGreaterThan(100_000)
    expect(classify(tb).category).toBe('oom')
  })

  it.each([
    ['NUL bytes', 'ERROR\u0000 connection refused\u0000\u0000', 'connection_error'],
    ['only NUL bytes', '\u0000\u0000\u0000', null],
    ['invalid UTF-8', `${Buffer.from([0xff, 0xfe]).toString()} ERROR timed out`, 'timeout'],
    ['lone surrogates', '\ud800 panic: boom \udfff', 'panic'],
    ['control characters', '\u0007\u0008ERROR\u000b failed\u007f', 'error'],
    [
      'ANSI colors around the level',
      '\u001b[31mERROR\u001b[0m \u001b[1mdial tcp: connect: connection refused\u001b[0m',
      'connection_error'
    ],
    ['ANSI colors in an INFO line', '\u001b[32mINFO\u001b[0m GET /errors ok', null],
    [
      'CRLF line endings',
      'java.lang.NullPointerException: x\r\n\tat a.B.c(B.java:1)\r\n',
      'exception'
    ],
    ['emoji and wide characters', '🔥 ERROR 注文の処理に失敗しました: timeout exceeded', 'timeout'],
    ['a lone newline', '\n', null]
  ])('%s', (_name, line, want) => {
    expect(() => classify(line)).not.toThrow()
    expect(classify(line).category).toBe(want)
  })

  it('tolerates values that are not strings', () => {
    expect(classify(undefined as unknown as string)).toMatchObject({
      category: null,
      rule: 'empty'
    })
    expect(classify(42 as unknown as string)).toMatchObject({ category: null })
  })

  it('returns shared frozen results', () => {
    const a = classify('ERROR boom')
    const b = classify('ERROR bang')
    expect(a).toBe(b)
    expect(Object.isFrozen(a)).toBe(true)
  })

  it('names the rule of every decision, null ones included', () => {
    expect(classify('INFO Registered error handler').rule).toBe('level.info')
    expect(classify('DEBUG error=<nil>').rule).toBe('level.debug')
    expect(classify('WARN connection refused, retrying').rule).toBe('level.warn')
    expect(classify('Processed 3 files, 0 errors').rule).toBe('negative.negated')
    expect(classify('errors: []').rule).toBe('negative.zero-count')
    expect(classify('see /var/log/app/errors.log').rule).toBe('negative.identifier')
    expect(classify('read_timeout=10').rule).toBe('negative.setting')
    expect(classify('all good').rule).toBe('none')
    expect(classify('').rule).toBe('empty')
    expect(
      classify('10.0.0.1 - - [25/Nov/2026:12:00:00 +0000] "GET /health HTTP/1.1" 503 1 "-" "-"')
    ).toEqual({ category: null, rule: 'healthcheck', healthCheck: true })
    expect(
      classify('10.0.0.1 - - [25/Nov/2026:12:00:00 +0000] "GET /x HTTP/1.1" 302 1 "-" "-"').rule
    ).toBe('http.3xx')
    expect(classify('ERROR java.lang.OutOfMemoryError: Java heap space').rule).toBe('oom.java')
    expect(classify('level=error msg="context deadline exceeded"').rule).toBe('timeout.deadline')
  })
})

describe('classify: differential', () => {
  // The digest was recorded from the classifier before its rewrite for speed (see golden.ts).
  // After an intended change of a rule: UPDATE_GOLDEN=1 npm test -- logs/classify.test.ts
  it('reproduces the recorded classification of every golden input', () => {
    const inputs = goldenInputs()
    if (process.env.UPDATE_GOLDEN === '1')
      writeGolden(goldenOf(inputs, { classify, parseHttpLine }))
    const got = goldenOf(inputs, { classify })
    const want = readGolden()
    const drifted = want.inputs.flatMap((d, b) => (got.inputs[b] === d ? [] : [b]))
    expect({ count: got.count, driftedInputBlocks: drifted.slice(0, 5) }).toEqual({
      count: want.count,
      driftedInputBlocks: []
    })
    expect(
      differences(
        inputs,
        { table: want.results, index: want.classify },
        { table: got.results, index: got.classify }
      )
    ).toEqual([])
  })
})

describe('classify: the fast path against the reference', () => {
  it('gives what the unoptimised reference gives on every golden input', () => {
    const inputs = goldenInputs()
    const differ: string[] = []
    for (const line of inputs) {
      const c = classify(line)
      const fast = `${c.category}|${c.rule}|${c.healthCheck}`
      const ref = referenceClassify(line)
      if (fast !== ref && differ.length < 10)
        differ.push(`${JSON.stringify(line.slice(0, 160))}: ${ref} → ${fast}`)
    }
    expect(differ).toEqual([])
  })
})

describe('classify: needles compared where the scan finds their stem', () => {
  it('finds the needle at a later occurrence of its stem, in any case', () => {
    // `conn` first occurs in "connected", the needle "lost connection to" only later.
    const line = 'ERROR connected to primary, then LOST CONNECTION TO db-1.internal'
    expect(classify(line)).toMatchObject({ category: 'connection_error', rule: 'connection.reset' })
    expect(referenceClassify(line)).toBe('connection_error|connection.reset|false')
  })
  it('does not let a matcher through on its stem alone', () => {
    const line = 'ERROR lost connectivity to db-1.internal'
    expect(classify(line).category).toBe(referenceClassify(line).split('|')[0])
    expect(classify(line).rule).not.toBe('connection.reset')
  })
  it('reads a needle that starts the event or ends it', () => {
    expect(classify('connection terminated unexpectedly').category).toBe('connection_error')
    expect(classify('pq: lost connection to').category).toBe('connection_error')
  })
})

describe('classify: the rule tables are checked when they load', () => {
  const t = (pattern: string, name = 'x.rule') =>
    compileRules([tier('error', 'i', 'message', [{ name, pattern }])], [], [])
  /** The one rule's first matcher, and for a text: [the scan found a stem, it let that through]. */
  const firstMatcher = (pattern: string) => {
    const c = t(pattern)
    const m = c.steps[0]?.kind === 'tier' ? c.steps[0].matchers[0] : undefined
    const scanned = (s: string): [boolean, boolean] => {
      const mask = c.empty.slice()
      const found = scan(c.scanner, s, mask)
      return [found, ((mask[m?.word ?? 0] as number) & (m?.bit ?? 0)) !== 0]
    }
    return { c, m, scanned, lets: (s: string) => scanned(s)[1] }
  }

  it('compiles a rule and derives its stems from the text it requires', () => {
    const c = t(String.raw`\bdisk quota exceeded\b`)
    const m = c.steps[0]?.kind === 'tier' ? c.steps[0].matchers : []
    expect(m.map(x => x.gate)).toEqual([['disk quota exceeded']])
  })
  it('derives one stem per choice of a group, and stems from the listed ones', () => {
    const c = t(String.raw`(?:could|can)(?: ?not|n't) reach (?:redis|postgres)`)
    const m = c.steps[0]?.kind === 'tier' ? c.steps[0].matchers : []
    expect(m[0]?.gate).toEqual(['reach'])
  })
  it('refuses a pattern with no literal text to look for', () => {
    expect(() => t(String.raw`\b[A-Z]\w+\d+\b`)).toThrow(/x\.rule.*requires no literal text/)
  })
  it('refuses capture groups and unread escapes', () => {
    expect(() => t(String.raw`(timeout) after`)).toThrow(/capture group/)
    expect(() => t(String.raw`timeout\p{L}`)).toThrow(/unread escape/)
  })
  it('names the rule whose pattern is not a valid expression', () => {
    expect(() => t('disk full|(?:quota', 'disk.bad')).toThrow(/classifier rule disk\.bad: /)
  })
  it('refuses a tier of more alternatives than a tier can list', () => {
    const words = (n: number) => Array.from({ length: n }, (_, k) => `zq${k}x`).join('|')
    expect(() => t(words(MAX_TIER_MATCHERS))).not.toThrow()
    expect(() => t(words(MAX_TIER_MATCHERS + 1))).toThrow(
      `a tier of more than ${MAX_TIER_MATCHERS} alternatives`
    )
  })
  it('refuses a rule name given twice', () => {
    expect(() =>
      compileRules(
        [
          tier('error', 'i', 'message', [
            { name: 'a.b', pattern: 'disk full' },
            { name: 'a.b', pattern: 'quota exceeded' }
          ])
        ],
        [],
        []
      )
    ).toThrow(/listed twice/)
  })
  it('scans only for the stems its rules use', () => {
    const c = t(String.raw`\bdisk quota exceeded\b`)
    expect(c.stems).toEqual(['disk quota exceeded'])
  })
  it('reads a warning for its crash rules only, after a quick look for their stems', () => {
    const crash = tier('oom', 'i', 'message', [{ name: 'oom.x', pattern: 'out of memory' }])
    const other = tier('timeout', 'i', 'message', [{ name: 'timeout.x', pattern: 'timed out' }])
    const c = compileRules([crash, other], [], [crash])
    expect(c.crashHint.test('WARN worker ran OUT OF MEMORY')).toBe(true)
    expect(c.crashHint.test('WARN request timed out')).toBe(false)
    const mask = c.empty.slice()
    scan(c.crashScanner, 'WARN out of memory and timed out', mask)
    const tiers = c.steps.map(s => (s.kind === 'tier' ? s.bit : 0))
    expect(((mask[0] as number) & (tiers[0] as number)) !== 0).toBe(true)
    expect(((mask[0] as number) & (tiers[1] as number)) !== 0).toBe(false)
    // A stem that must start a line: the hint reads the event's start as a line start too.
    const start = tier('fatal', '', 'message', [{ name: 'f.x', pattern: String.raw`^zzq\.qqq` }])
    const c2 = compileRules([start], [], [start])
    expect(c2.stems).toEqual(['\nzzq.qqq'])
    expect(['zzq.qqq now', 'x\nzzq.qqq', 'xzzq.qqq'].map(s => c2.crashHint.test(s))).toEqual([
      true,
      true,
      false
    ])
  })
  it('builds the warnings hint from pieces of the crash stems, so it matches wherever they occur', () => {
    // Pieces keep the characters the alternatives start with few (V8 skips faster then).
    expect(anyOf(['oom', 'enomem']).source).toBe('oom|nomem')
    expect(anyOf(['kill', 'enomem']).source).toBe('kill|enomem')
    expect(anyOf(['sig', 'overflowed its']).source).toBe('sig|overflowed its')
    // Every stem the crash scanner looks for, in any case, in the real tables.
    const r = rules()
    for (const stem of r.stems) {
      const m = r.empty.slice()
      scan(r.crashScanner, stem, m)
      if (m.every(w => w === 0)) continue
      for (const text of [stem, stem.toUpperCase(), `x ${stem} y`])
        expect([stem, r.crashHint.test(text)]).toEqual([stem, true])
    }
  })
  it('lets a matcher through only where its whole needle is, around any occurrence of its stem', () => {
    // Gate `conn` (a listed stem), key `lost connection to`: looked for in the scan's trie.
    const { m, lets } = firstMatcher(String.raw`\blost connection to\b`)
    expect([m?.gate, m?.keys]).toEqual([['conn'], ['lost connection to']])
    expect(
      [
        'LOST CONNECTION TO db',
        'conn pool: lost connection to db',
        'connection to db',
        'ost connection to db',
        'lost connection',
        'lost_connection to db'
      ].map(lets)
    ).toEqual([true, true, false, false, false, false])
  })
  it('keys a matcher on the text its gate was read from, when that says more than the stems', () => {
    const keysOf = (pattern: string) => {
      const { m } = firstMatcher(pattern)
      return [m?.gate, m?.keys]
    }
    // Each choice of the required text, compared where the scan finds `fail`.
    expect(keysOf(String.raw`dns (?:lookup|resolution) failed`)).toEqual([
      ['fail'],
      ['dns lookup failed', 'dns resolution failed']
    ])
    expect(keysOf(String.raw`\bexpired[ _-]?token\b`)).toEqual([
      ['expired'],
      ['expired token', 'expired_token', 'expired-token', 'expiredtoken']
    ])
    expect(keysOf(String.raw`\bstatus[:=]40[13]\b`)).toEqual([
      ['status'],
      ['status:401', 'status:403', 'status=401', 'status=403']
    ])
    // A gate of several stems: each text under the stem it holds.
    expect(keysOf(String.raw`\b(?:timeout|refused) after\b`)).toEqual([
      ['timeout', 'refused'],
      ['timeout after', 'refused after']
    ])
    // A group of branches that are not literal text: the text of each branch's own gate.
    expect(keysOf(String.raw`\b(?:connection \w+ refused|dial tcp)\b`)).toEqual([
      ['refused', 'dial'],
      [' refused', 'dial tcp']
    ])
    // Every choice of the required text, its optional characters included, each under its
    // longest stem.
    expect(keysOf(String.raw`\b(?:read|upstream)[ _-]?timeout\b`)).toEqual([
      ['timeout', 'upstream'],
      [
        'read timeout',
        'read_timeout',
        'read-timeout',
        'readtimeout',
        'upstream timeout',
        'upstream_timeout',
        'upstream-timeout',
        'upstreamtimeout'
      ]
    ])
    // The text is the stem itself, or there are too many texts: the stems alone.
    expect(keysOf(String.raw`\bexpired\b`)).toEqual([['expired'], []])
    expect(keysOf(String.raw`(?:a|b|c|d|e)(?:w|x|y|z) timeout`)).toEqual([['timeout'], []])
  })
  it('gates on a listed stem that every choice holds, not on the longest stem of each', () => {
    // 20 texts are too many to compare, so a stem alone lets the matcher through: `timeout`,
    // which every match holds, not also `upstream` (longer, in some choices only).
    const { c, m, scanned } = firstMatcher(
      String.raw`\b(?:read|write|upstream|socket|query)[ _-]?timeout\b`
    )
    expect([m?.gate, m?.keys]).toEqual([['timeout'], []])
    expect(c.stems).toEqual(['timeout'])
    expect(
      ['UPSTREAM_TIMEOUT after 30s', 'Upstream payment-service returned 502', 'read-timeout'].map(
        scanned
      )
    ).toEqual([
      [true, true],
      [false, false],
      [true, true]
    ])
  })
  it('lets a matcher keyed on several texts through where any one of them is', () => {
    const { lets } = firstMatcher(String.raw`dns (?:lookup|resolution) failed`)
    expect(
      [
        'DNS lookup failed for db',
        'auth failed; dns resolution failed',
        'Authentication failed for user 5',
        'dns lookup timed out'
      ].map(lets)
    ).toEqual([true, true, false, false])
  })
  it('splits a rule into its alternatives, each with its own gate', () => {
    const c = t(String.raw`connection refused|\bno route to host\b|econnreset`)
    const m = c.steps[0]?.kind === 'tier' ? c.steps[0].matchers : []
    expect(m.map(x => x.gate)).toEqual([['refused'], ['host'], ['econn']])
  })
})
