import { describe, expect, it } from '@jest/globals'
import { mdText, oneLine, redact, stripControl } from '../../../src/util/sanitize.js'

describe('redact', () => {
  it.each([
    ['key AKIAIOSFODNN7EXAMPLE used', 'key [REDACTED] used'],
    [
      'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key=[REDACTED]'
    ],
    ['Authorization: Bearer abcdef123456789', 'Authorization: Bearer [REDACTED]'],
    [
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'token [REDACTED]'
    ],
    ['postgres://app:s3cret@db:5432/x', 'postgres://[REDACTED]@db:5432/x'],
    ['login password=hunter2 ok', 'login password=[REDACTED] ok'],
    ['{"api_key": "abc123", "n": 1}', '{"api_key": [REDACTED], "n": 1}']
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })
})

describe('mdText', () => {
  it('escapes HTML, pipes and Markdown, defuses mentions', () => {
    const out = mdText(
      '</details><img src=x onerror=alert(1)> | @octocat #12 [x](javascript:alert(1))'
    )
    expect(out).not.toMatch(/<|>|(?<!\\)\|/)
    expect(out).not.toMatch(/@octocat/)
    expect(out).not.toMatch(/#12/)
    expect(out).not.toMatch(/(?<!\\)\]\(/)
    expect(out).toContain('\\[x\\](javascript')
  })
})

describe('oneLine / stripControl', () => {
  it('removes ANSI and control characters and joins lines', () => {
    expect(stripControl('\u001b[31mred\u001b[0m\u0000x')).toBe('redx')
    expect(oneLine('a\r\n::error::b\n c', 100)).toBe('a ::error::b c')
    expect(oneLine('x'.repeat(50), 10)).toHaveLength(10)
  })
})
