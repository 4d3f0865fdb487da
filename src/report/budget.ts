/**
 * Keeps a Markdown report under a byte budget (GitHub shows no job summary over 1 MiB per step,
 * and a PR comment over 65,536 characters is refused). The report is a list of parts; when the
 * whole does not fit, samples go first, then the details of the least severe services, and a
 * note says what was left out. Only a report whose fixed parts alone are too big is cut hard, at
 * a line boundary, with its open code fence and `<details>` closed. Pure.
 */
import { advance, closers, type OpenState } from './comment.js'
import { mdText } from '../util/sanitize.js'

/** GitHub's limit for the job summary of one step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024

/** How the note names the summary's limit. */
export const SUMMARY_LIMIT_NAME = "GitHub's 1 MiB job summary limit"

/** How the note names the PR comment's limit (for a report rendered as a comment body). */
export const COMMENT_LIMIT_NAME = "GitHub's comment size limit"

/**
 * What a full summary may use: the limit less room for what the action adds around the report
 * (a deployment section, separators).
 */
export const SUMMARY_BUDGET_BYTES = SUMMARY_LIMIT_BYTES - 64 * 1024

/** One piece of a report, in the order it is shown. */
export interface SummaryPart {
  /** The part's complete Markdown (ends with a newline). */
  full: string
  /** The same without its samples (code blocks); absent when it has none. */
  lean?: string
  /**
   * What stands in for the part when even `lean` does not fit (a line naming what was left out;
   * may be empty). Parts without a stub are never dropped.
   */
  stub?: string
  /** Severity: the lower, the sooner the part is trimmed. */
  rank: number
  /** How the note names this part, e.g. a service name. */
  name?: string
  /** What the stub leaves out: a service's details (default) or table rows. */
  kind?: 'details' | 'rows'
}

/** The fitted report and what it left out. */
export interface FitResult {
  markdown: string
  bytes: number
  /** Names of the parts whose samples were left out. */
  samplesLeftOut: string[]
  /** Names of the parts replaced by their stub. */
  detailsLeftOut: string[]
  /** Names of the table rows replaced by their stub. */
  rowsLeftOut: string[]
  /** True when even the fixed parts did not fit and the report was cut. */
  cut: boolean
}

/** Bytes of a string as UTF-8 (what GitHub counts). */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function nameList(names: readonly string[], max = 15): string {
  const shown = names.slice(0, max).map(n => mdText(n, 60))
  const more = names.length > max ? ` and ${names.length - max} more` : ''
  return `${shown.join(', ')}${more}`
}

/** The note that says what was left out; empty when nothing was. */
export function leftOutNote(
  samples: readonly string[],
  details: readonly string[],
  cut: boolean,
  what = SUMMARY_LIMIT_NAME,
  rows: readonly string[] = []
): string {
  if (samples.length === 0 && details.length === 0 && rows.length === 0 && !cut) return ''
  const parts: string[] = []
  if (samples.length) parts.push(`log samples of ${nameList(samples)}`)
  if (rows.length) parts.push(`the table rows of ${nameList(rows)}`)
  if (details.length) parts.push(`the details of ${nameList(details)}`)
  if (cut) parts.push('the end of the report')
  return `\n> [!NOTE]\n> Parts of this report cut to fit ${what}: ${parts.join('; ')}. The JSON report (\`report-file\` output) has everything.\n`
}

/**
 * Cuts Markdown to at most `maxBytes` bytes at a line boundary, closing the code fence and the
 * `<details>` it leaves open.
 */
export function cutMarkdown(markdown: string, maxBytes: number): string {
  if (byteLength(markdown) <= maxBytes) return markdown
  const lines = markdown.split('\n')
  let state: OpenState = { details: 0 }
  let best = { count: 0, state }
  let used = 0
  for (let i = 0; i < lines.length; i++) {
    used += (i > 0 ? 1 : 0) + byteLength(lines[i] ?? '')
    if (used > maxBytes) break
    state = advance(state, lines[i] ?? '')
    // + 1: the newline the cut text ends with.
    if (used + byteLength(closers(state)) + 1 <= maxBytes) best = { count: i + 1, state }
  }
  return lines.slice(0, best.count).join('\n') + closers(best.state) + '\n'
}

/**
 * Joins the parts within `budgetBytes`: first every part in full; then, least severe first,
 * parts without their samples; then parts replaced by their stubs; a note at the end names what
 * was left out. If the fixed parts alone exceed the budget, the report is cut hard.
 */
export function fitSummary(
  parts: readonly SummaryPart[],
  budgetBytes: number,
  opts: { limitName?: string } = {}
): FitResult {
  const level = parts.map(() => 0)
  const text = (i: number): string => {
    const p = parts[i] as SummaryPart
    const l = level[i] ?? 0
    return l === 0 ? p.full : l === 1 ? (p.lean ?? p.full) : (p.stub ?? p.lean ?? p.full)
  }
  const sizes = parts.map((_, i) => byteLength(text(i)))
  let total = sizes.reduce((a, b) => a + b, 0)
  // Least severe first; among equals the later part (lists are most severe first).
  const order = parts.map((p, i) => ({ p, i })).sort((a, b) => a.p.rank - b.p.rank || b.i - a.i)
  const samples: string[] = []
  const details: string[] = []
  const rows: string[] = []
  const note = (cut = false): string => leftOutNote(samples, details, cut, opts.limitName, rows)
  const fits = (): boolean => total + byteLength(note()) <= budgetBytes
  const setLevel = (i: number, l: number): void => {
    level[i] = l
    const size = byteLength(text(i))
    total += size - (sizes[i] ?? 0)
    sizes[i] = size
  }
  for (const { p, i } of order) {
    if (fits()) break
    if (p.lean === undefined) continue
    setLevel(i, 1)
    samples.push(p.name ?? `part ${i + 1}`)
  }
  for (const { p, i } of order) {
    if (fits()) break
    if (p.stub === undefined) continue
    setLevel(i, 2)
    const name = p.name ?? `part ${i + 1}`
    const s = samples.indexOf(name)
    if (s >= 0) samples.splice(s, 1)
    ;(p.kind === 'rows' ? rows : details).push(name)
  }
  // Room left after the stubs goes back to the samples of the most severe parts; a more severe
  // part's sample is worth more than a less severe part's details, so those are cut for it.
  const lists = (q: SummaryPart): string[] => (q.kind === 'rows' ? rows : details)
  for (const { p, i } of [...order].reverse()) {
    if (level[i] !== 1) continue
    setLevel(i, 0)
    const name = p.name ?? `part ${i + 1}`
    const s = samples.indexOf(name)
    if (s >= 0) samples.splice(s, 1)
    const cut: { j: number; was: number }[] = []
    for (const { p: q, i: j } of order) {
      if (fits() || q.rank >= p.rank) break
      if (q.stub === undefined || (level[j] ?? 0) === 2) continue
      cut.push({ j, was: level[j] ?? 0 })
      setLevel(j, 2)
    }
    if (fits()) {
      for (const { j, was } of cut) {
        const q = parts[j] as SummaryPart
        const n = q.name ?? `part ${j + 1}`
        const k = was === 1 ? samples.indexOf(n) : -1
        if (k >= 0) samples.splice(k, 1)
        lists(q).push(n)
      }
    } else {
      for (const { j, was } of cut) setLevel(j, was)
      setLevel(i, 1)
      if (s >= 0) samples.splice(s, 0, name)
    }
  }
  // Named in report order, which is the order a reader meets them.
  const pos = new Map(parts.map((p, i) => [p.name ?? `part ${i + 1}`, i]))
  const byPos = (a: string, b: string): number => (pos.get(a) ?? 0) - (pos.get(b) ?? 0)
  samples.sort(byPos)
  details.sort(byPos)
  rows.sort(byPos)
  const body = parts.map((_, i) => text(i)).join('')
  if (fits()) {
    const markdown = body + note()
    return {
      markdown,
      bytes: byteLength(markdown),
      samplesLeftOut: samples,
      detailsLeftOut: details,
      rowsLeftOut: rows,
      cut: false
    }
  }
  const end = leftOutNote(samples, details, true, opts.limitName, rows)
  const markdown = cutMarkdown(body, Math.max(0, budgetBytes - byteLength(end))) + end
  return {
    markdown,
    bytes: byteLength(markdown),
    samplesLeftOut: samples,
    detailsLeftOut: details,
    rowsLeftOut: rows,
    cut: true
  }
}
