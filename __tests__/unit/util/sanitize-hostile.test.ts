/** The sanitizer against what a hostile or careless log line holds. */
import { describe, expect, it } from '@jest/globals'
import {
  cleanJson,
  fence,
  htmlText,
  jsonText,
  mdCode,
  mdText,
  oneLine,
  plainText,
  redact,
  stripControl,
  truncate
} from '../../../src/util/sanitize.js'

describe('redact: more secret shapes', () => {
  it.each([
    ['DB_PASSWORD=hunter2 next', 'DB_PASSWORD=[REDACTED] next'],
    [
      '{"db_password": "x y z", "client_secret":"abc"}',
      '{"db_password": [REDACTED], "client_secret":[REDACTED]}'
    ],
    ['X-Api-Key: k123 rest', 'X-Api-Key: [REDACTED] rest'],
    [
      'GET /cb?code=1&access_token=abc.def&state=2',
      'GET /cb?code=1&access_token=[REDACTED]&state=2'
    ],
    [
      'SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
      'SecretAccessKey: "[REDACTED]"'
    ],
    ['temp creds ASIAQWERTYUIOPASDFGH ok', 'temp creds [REDACTED] ok'],
    ['token ghp_0123456789abcdefghijABCDEFGHIJ012345 used', 'token [REDACTED] used'],
    ['redis://:s3cret@cache:6379', 'redis://[REDACTED]@cache:6379'],
    // A JWT whose signature a fingerprint already masked still loses its header and claims.
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.<id> end', 'jwt [REDACTED] end']
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it('redacts private keys: whole blocks, unterminated ones, and a body line on its own', () => {
    const block =
      'k\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nafter'
    expect(redact(block)).toBe('k\n[REDACTED PRIVATE KEY]\nafter')
    expect(redact('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg')).toBe('[REDACTED PRIVATE KEY]')
    const body = 'MIIEowIBAAKCAQEAsecretPEMbodyLINE1x7Qk9Zp2Lr8Vt3Wm5Yn1Hb4Jc6Fd0G'
    expect(redact(`\t${body}`)).toBe('\t[REDACTED]')
    // A 64-character hex digest is not a key.
    const digest = 'a'.repeat(32) + '0123456789abcdef'.repeat(2)
    expect(redact(digest)).toBe(digest)
  })

  it('does not redact twice or eat what follows', () => {
    expect(redact('aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(
      'aws_secret_access_key=[REDACTED]'
    )
    expect(redact('max_tokens=100 tokenizer=bpe')).toBe('max_tokens=100 tokenizer=bpe')
    expect(redact('evil-token\n::set-output name=x::y')).toBe('evil-token\n::set-output name=x::y')
  })

  it('finds a secret in a long line, cut or not, without taking long', () => {
    const long = `${'x '.repeat(40_000)}password=hunter2`
    expect(oneLine(long, 100_000)).not.toContain('hunter2')
    const start = performance.now()
    for (const hostile of [
      'eyJ-'.repeat(250_000),
      'a://a:'.repeat(170_000),
      ' '.repeat(1 << 20),
      '-----BEGIN PRIVATE KEY-----'.repeat(40_000),
      '-password'.repeat(110_000)
    ]) {
      oneLine(hostile, 1000)
      fence(hostile, 1500)
      jsonText(hostile)
    }
    expect(performance.now() - start).toBeLessThan(3000)
  })
})

describe('stripControl', () => {
  it('removes escapes, controls, bidi overrides and separators; CR becomes a newline', () => {
    expect(stripControl('a\rb\r\nc')).toBe('a\nb\nc')
    expect(stripControl('\u001b]8;;https://evil\u0007link\u001b]8;;\u0007')).toBe('link')
    expect(stripControl('\u001b[1;31mred\u001b[0m\u009b31m')).toBe('red')
    expect(stripControl('x\u0000\u0007\u007f\u0085\u2028\u202e\u2066\ufeffy')).toBe('xy')
    expect(stripControl('tab\tkept\nand newline')).toBe('tab\tkept\nand newline')
  })

  it('turns lone surrogates into U+FFFD and keeps pairs', () => {
    expect(stripControl('a\ud800b\udc00c😀')).toBe('a\ufffdb\ufffdc😀')
  })

  it("defuses the runner's legacy ##[command] prefix, which works anywhere in a line", () => {
    expect(stripControl('x ##[set-output name=a;]b')).not.toContain('##[')
  })
})

describe('escaping per context', () => {
  const hostile =
    '</details><img src=x onerror=alert(1)> | `x` *b* [l](javascript:alert(1)) @octocat @org/team #123 <!-- aws-ecs-monitor:sticky cluster=prod -->'

  it('mdText: nothing that Markdown or HTML would act on', () => {
    const out = mdText(hostile, 1000)
    expect(out).not.toMatch(/[<>]/)
    expect(out).not.toMatch(/(?<!\\)[|`*[\]]/)
    expect(out).not.toMatch(/@[a-z]/)
    expect(out).not.toMatch(/#\d/)
    expect(mdText('# heading')).toBe('\\# heading')
    expect(mdText('- item')).toBe('\\- item')
  })

  it('htmlText: for raw HTML, entities and no backslashes', () => {
    const out = htmlText(hostile, 1000)
    expect(out).not.toMatch(/[<>"]/)
    expect(out).toContain('| `x` *b*')
    expect(out).toContain('@\u200boctocat')
  })

  it('mdCode: a span that cannot end early or split a table cell', () => {
    expect(mdCode('a`b|c')).toBe("`a'b¦c`")
    expect(mdCode('')).toBe('` `')
  })

  it('fence: longer than any backtick run, mentions and markers defused, closed', () => {
    const out = fence('a ````` b\n@user\n<!-- aws-ecs-monitor:sticky cluster=x -->\n```')
    const lines = out.split('\n')
    expect(lines[0]).toBe('``````text')
    expect(lines.at(-1)).toBe('``````')
    expect(out).not.toMatch(/@[a-z]/)
    expect(out).not.toContain('<!-- aws-ecs-monitor')
  })

  it('plainText: annotations get no pings', () => {
    expect(plainText('ping @octocat about #12')).toBe('ping @\u200boctocat about #\u200b12')
  })

  it('truncate never splits a surrogate pair', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…')
  })

  it('cleanJson: every string of a value, keys included', () => {
    const v = cleanJson({ 'k\u0000': ['password=x', { m: 'AKIAIOSFODNN7EXAMPLE\u001b[0m' }], n: 1 })
    expect(v).toEqual({ k: ['password=[REDACTED]', { m: '[REDACTED]' }], n: 1 })
  })
})
