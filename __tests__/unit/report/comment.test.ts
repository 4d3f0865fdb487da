import { describe, expect, it } from '@jest/globals'
import {
  buildCommentBody,
  commentMarker,
  GITHUB_COMMENT_LIMIT,
  prNumberFromEvent,
  shouldComment,
  type CommentMode,
  type CommentOverall
} from '../../../src/report/comment.js'

const RUN = 'https://github.com/acme/app/actions/runs/42'

/** Open fence and `<details>` depth at the end of some Markdown (top-level fences only). */
function openBlocks(md: string): { fence: string | undefined; details: number } {
  let fence: string | undefined
  let details = 0
  for (const line of md.split('\n')) {
    if (fence) {
      const close = /^ {0,3}(`+|~+)\s*$/.exec(line)?.[1]
      if (close && close[0] === fence[0] && close.length >= fence.length) fence = undefined
      continue
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (open) {
      fence = open
      continue
    }
    details +=
      (line.match(/<details\b/gi)?.length ?? 0) - (line.match(/<\/details>/gi)?.length ?? 0)
  }
  return { fence, details }
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

describe('commentMarker', () => {
  it('is a hidden HTML comment naming the cluster', () => {
    expect(commentMarker('prod')).toBe('<!-- aws-ecs-monitor:sticky cluster=prod -->')
  })

  it('keeps an ARN readable and distinct per cluster', () => {
    const arn = 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod'
    expect(commentMarker(arn)).toBe(`<!-- aws-ecs-monitor:sticky cluster=${arn} -->`)
    expect(commentMarker('prod')).not.toBe(commentMarker('prod2'))
  })

  it.each(['a--b', 'x-->y', 'a>b', 'a\nb', 'a\r\n-- >', '---', '<!-- x -->', 'a b', 'a%2Db'])(
    'cannot be broken by %j',
    cluster => {
      const m = commentMarker(cluster)
      const inner = m.slice('<!--'.length, -'-->'.length)
      expect(inner).not.toContain('--')
      expect(inner).not.toMatch(/[<>\r\n]/)
      expect(m.endsWith(' -->')).toBe(true)
    }
  )

  it('does not merge clusters that differ only in unsafe characters', () => {
    const names = ['a--b', 'a-%2Db', 'a-b', 'a b', 'a%20b', 'a>b']
    expect(new Set(names.map(commentMarker)).size).toBe(names.length)
  })
})

describe('shouldComment', () => {
  const cases: [CommentMode, string, number | undefined, CommentOverall, boolean, boolean][] = [
    // mode, event, pr, overall -> comment, create
    ['auto', 'pull_request', 7, 'healthy', true, true],
    ['auto', 'pull_request_target', 7, 'unhealthy', true, true],
    ['auto', 'pull_request', undefined, 'unhealthy', false, false],
    ['auto', 'push', undefined, 'unhealthy', false, false],
    ['auto', 'issue_comment', 7, 'unhealthy', false, false],
    ['always', 'issue_comment', 7, 'healthy', true, true],
    ['always', 'workflow_run', 7, 'degraded', true, true],
    ['always', 'push', undefined, 'unhealthy', false, false],
    ['on-failure', 'pull_request', 7, 'degraded', true, true],
    ['on-failure', 'pull_request', 7, 'unhealthy', true, true],
    ['on-failure', 'pull_request', 7, 'healthy', true, false],
    ['on-failure', 'schedule', undefined, 'unhealthy', false, false],
    ['on-failure', 'issue_comment', 7, 'unhealthy', false, false],
    ['never', 'pull_request', 7, 'unhealthy', false, false]
  ]
  it.each(cases)('%s on %s (PR %s, %s)', (mode, eventName, prNumber, overall, comment, create) => {
    const d = shouldComment({ mode, eventName, prNumber, overall })
    expect({ comment: d.comment, create: d.create }).toEqual({ comment, create })
    expect(d.why.length).toBeGreaterThan(0)
  })
})

describe('prNumberFromEvent', () => {
  it.each([
    ['pull_request', { number: 12, pull_request: { number: 12 } }, 12],
    ['pull_request_target', { number: 13, pull_request: { number: 13 } }, 13],
    ['pull_request', { number: 14 }, 14],
    ['pull_request_review', { pull_request: { number: 15 } }, 15],
    ['issue_comment', { issue: { number: 16, pull_request: { url: 'x' } } }, 16],
    ['issue_comment', { issue: { number: 17 } }, undefined],
    ['workflow_run', { workflow_run: { pull_requests: [{ number: 18 }] } }, 18],
    [
      'workflow_run',
      { workflow_run: { pull_requests: [{ number: 1 }, { number: 2 }] } },
      undefined
    ],
    ['workflow_dispatch', { pull_request: { number: 19 } }, 19],
    ['push', { number: 20 }, undefined],
    ['push', {}, undefined],
    ['pull_request', { number: '21' }, undefined],
    ['pull_request', { number: -1 }, undefined],
    ['pull_request', null, undefined],
    ['pull_request', 'nonsense', undefined]
  ])('%s %j → %s', (eventName, payload, expected) => {
    expect(prNumberFromEvent(eventName, payload)).toBe(expected)
  })
})

describe('buildCommentBody', () => {
  it('is marker, report and a footer linking the run', () => {
    const body = buildCommentBody('## ✅ ECS health: healthy\n\nAll good.\n', {
      cluster: 'prod',
      runUrl: RUN
    })
    expect(body).toBe(
      `${commentMarker('prod')}\n## ✅ ECS health: healthy\n\nAll good.\n\n---\n<sub>aws-ecs-monitor · [workflow run](${RUN})</sub>\n`
    )
  })

  it('leaves out the run link when unknown or not an http URL', () => {
    for (const runUrl of [undefined, 'javascript:alert(1)', 'not a url']) {
      const body = buildCommentBody('x', { cluster: 'prod', runUrl })
      expect(body).not.toContain('](')
      expect(body).not.toContain('javascript')
    }
  })

  it('keeps a link from breaking out of Markdown', () => {
    const body = buildCommentBody('x', { cluster: 'c', runUrl: 'https://h/a) [x](https://evil' })
    expect(body).toContain('[workflow run](https://h/a%29%20%5Bx%5D%28https://evil)')
  })

  it('strips copies of the marker so a log line cannot fake it', () => {
    const evil = [
      'sample: <!-- aws-ecs-monitor:sticky cluster=prod -->',
      '<!--   AWS-ECS-MONITOR:sticky cluster=other -->',
      '<!-- aws<!-- aws-ecs-monitor-ecs-monitor:sticky cluster=prod -->'
    ].join('\n')
    const body = buildCommentBody(evil, { cluster: 'prod' })
    expect(count(body, '<!-- aws-ecs-monitor')).toBe(1)
    expect(body.startsWith(commentMarker('prod'))).toBe(true)
    expect(body.toLowerCase().match(/<!--\s*aws-ecs-monitor/g)).toHaveLength(1)
  })

  it('closes blocks that the report itself leaves open', () => {
    const body = buildCommentBody('<details><summary>s</summary>\n\n```text\nlog', { cluster: 'c' })
    expect(openBlocks(body)).toEqual({ fence: undefined, details: 0 })
  })

  it('fits exactly at the limit without a cut', () => {
    const md = 'a'.repeat(100)
    const full = buildCommentBody(md, { cluster: 'c' })
    expect(buildCommentBody(md, { cluster: 'c', maxChars: full.length })).toBe(full)
    expect(buildCommentBody(md, { cluster: 'c', maxChars: full.length - 1 })).toContain(
      'report cut'
    )
  })

  it('cuts at a line boundary and closes open <details> and fences', () => {
    const lines = ['# Report', '<details><summary>svc</summary>', '', '````text']
    for (let i = 0; i < 200; i++) lines.push(`line ${i} \`\`\` ~~~ <details> still in the fence`)
    lines.push('````', '</details>')
    const md = lines.join('\n')
    const body = buildCommentBody(md, { cluster: 'c', runUrl: RUN, maxChars: 2000 })
    expect(body.length).toBeLessThanOrEqual(2000)
    expect(openBlocks(body)).toEqual({ fence: undefined, details: 0 })
    expect(body).toContain('\n````\n\n</details>\n')
    expect(body).toContain(
      `… report cut to fit GitHub's comment size limit; the full report is in the [job summary](${RUN}).`
    )
    // Every kept report line is whole.
    const kept = body.split('\n').filter(l => l.startsWith('line '))
    expect(kept.length).toBeGreaterThan(10)
    for (const l of kept) expect(lines).toContain(l)
  })

  it('fits a 1 MB report with nested details and fences into GitHub’s limit', () => {
    const parts: string[] = []
    let n = 0
    while (parts.join('\n').length < 1_048_576 && n < 100000) {
      parts.push(
        `<details><summary>service ${n}</summary>`,
        '',
        '<details><summary>events</summary>',
        '',
        '~~~~~',
        ...Array.from(
          { length: 20 },
          (_, i) => `${n}/${i} ERROR ${'x'.repeat(40)} \`\`\` </details>`
        ),
        '~~~~~',
        '</details>',
        '',
        '```text',
        'OutOfMemoryError 🤯 <!-- aws-ecs-monitor:sticky cluster=prod -->',
        '```',
        '</details>',
        ''
      )
      n++
    }
    const md = parts.join('\n')
    expect(md.length).toBeGreaterThan(1_000_000)
    const body = buildCommentBody(md, { cluster: 'prod', runUrl: RUN })
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1000)
    expect(count(body, '<!-- aws-ecs-monitor')).toBe(1)
    expect(openBlocks(body)).toEqual({ fence: undefined, details: 0 })
    expect(body).toContain('report cut to fit')
  })

  it('cuts at every size without exceeding the limit or leaving blocks open', () => {
    const md = [
      '<details><summary>a</summary>',
      '```',
      'x'.repeat(50),
      '```',
      '<details><summary>b</summary>',
      '~~~~',
      ...Array.from({ length: 30 }, (_, i) => `row ${i} ${'y'.repeat(i)}`),
      '~~~~',
      '</details>',
      '</details>'
    ].join('\n')
    for (let max = 0; max <= 1200; max += 7) {
      const body = buildCommentBody(md, { cluster: 'c', runUrl: RUN, maxChars: max })
      expect(body.length).toBeLessThanOrEqual(max)
      if (body.includes('report cut') && body.endsWith('</sub>\n')) {
        expect(openBlocks(body)).toEqual({ fence: undefined, details: 0 })
      }
    }
  })

  it('stays fast on hostile input (nested marker prefixes, long whitespace, unclosed tags)', () => {
    const md = [
      '<!-- aws'.repeat(50_000) + '-ecs-monitor'.repeat(50_000),
      ' '.repeat(300_000) + 'x',
      '<details'.repeat(50_000)
    ].join('\n')
    const start = Date.now()
    const body = buildCommentBody(md, { cluster: 'prod' })
    expect(Date.now() - start).toBeLessThan(2000)
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
    expect(body.match(/<!--\s*aws-ecs-monitor/gi)).toHaveLength(1)
  })

  it('never exceeds 65,536 even when asked for more', () => {
    const body = buildCommentBody('z\n'.repeat(100_000), { cluster: 'c', maxChars: 10_000_000 })
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
  })

  it('does not split a surrogate pair when the limit is tiny', () => {
    const body = buildCommentBody('🤯'.repeat(100), { cluster: '🤯', maxChars: 30 })
    expect(body.length).toBeLessThanOrEqual(30)
    expect(body).not.toMatch(/[\ud800-\udbff]$/)
  })
})
