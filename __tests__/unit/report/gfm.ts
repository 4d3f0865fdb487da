/**
 * Reads Markdown the way GitHub renders it (GFM, with `marked`'s lexer) and lists what would
 * show broken: a table row that did not become part of a table, tables whose rows do not have
 * the header's number of cells, `<details>` that do not close (or hold Markdown without the blank
 * line GitHub needs to render it), tables too wide for GitHub's ~1,000 px content column.
 */
import { Lexer, type Token, type Tokens } from 'marked'

/** Columns a table may have and still be read without scrolling at ~1,000 px. */
export const MAX_COLUMNS = 5
/** Visible characters of a cell outside a free-text column (Why, Details, Reason, Error…). */
export const MAX_CELL = 90
const FREE_TEXT = /^(why|details|reason|message|error|sample|event|cause|next)/i

function walk(tokens: Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t)
    const children = (t as { tokens?: Token[] }).tokens
    if (children) walk(children, visit)
    if (t.type === 'list') for (const item of (t as Tokens.List).items) walk(item.tokens, visit)
  }
}

/** Cells of a table row's source, `\|` not splitting. */
function cellsOf(line: string): number {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  return body.split(/(?<!\\)\|/).length
}

export function gfmProblems(md: string): string[] {
  const problems: string[] = []
  const tokens = new Lexer({ gfm: true }).lex(md)
  const tableLines = new Set<string>()
  walk(tokens, t => {
    if (t.type === 'table') {
      const table = t as Tokens.Table
      const lines = table.raw.split('\n').filter(l => l.trim() !== '')
      const n = cellsOf(lines[0] ?? '')
      for (const l of lines) {
        tableLines.add(l)
        if (cellsOf(l) !== n) problems.push(`row with ${cellsOf(l)} cells, header ${n}: ${l}`)
      }
      const head = table.header.map(h => h.text)
      if (head.length > MAX_COLUMNS) problems.push(`table of ${head.length} columns: ${head}`)
      table.rows.forEach(r =>
        r.forEach((c, k) => {
          const visible = c.text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '')
          if (!FREE_TEXT.test(head[k] ?? '') && visible.length > MAX_CELL)
            problems.push(`cell of ${visible.length} characters in column ${head[k]}`)
        })
      )
    }
    if ((t.type === 'html' || t.type === 'paragraph') && /^\s*\|.*\|\s*$/m.test(t.raw)) {
      const stray = t.raw.split('\n').find(l => /^\s*\|.*\|\s*$/.test(l) && !tableLines.has(l))
      if (stray) problems.push(`table row GitHub shows as text (${t.type}): ${stray}`)
    }
  })
  let depth = 0
  for (const m of md.matchAll(/<(\/?)details>/g)) {
    depth += m[1] ? -1 : 1
    if (depth < 0) problems.push('</details> without <details>')
  }
  if (depth > 0) problems.push(`${depth} <details> not closed`)
  for (const m of md.matchAll(/<summary>.*?<\/summary>\n(?!\n)/g))
    problems.push(`no blank line after ${m[0].slice(0, 80).trim()}: GitHub shows its Markdown raw`)
  return problems
}
