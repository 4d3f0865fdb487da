/**
 * The subset of the Logs Insights query language the simulator runs: exactly the shapes the
 * product sends, so the product cannot quietly send something the simulator does not understand
 * (anything else is a `MalformedQueryException` that says what is not supported).
 *
 * Commands, separated by `|`:
 * - `filter` with `and`, `or`, `not`, parentheses, `like /re/`, `not like /re/`, `=~ /re/`, and
 *   comparisons (`= != < <= > >=`) of fields, numbers, strings and `toMillis(field)`;
 * - `parse FIELD /re/` with named groups (`(?<name>…)`): each group becomes a field;
 * - `fields f1, f2, …` (plain field names);
 * - `stats agg [as alias], … [by f1, f2, …]` with `count(*)`, `count(f)`, `count_distinct(f)`,
 *   `min(f)`, `max(f)`;
 * - `sort f [asc|desc]`, `limit N`.
 * Regexes are RE2 in Insights and JavaScript here: constructs the two read differently or RE2
 * lacks (lookaround, backreferences, inline flags, repeat counts above 1000) are refused.
 */
import { SimError } from './errors.js'

/** A value of a field: numbers for times and counts, strings otherwise. */
export type Value = string | number
/** One event (or stats row) as fields. */
export type Row = Record<string, Value | undefined>

type Operand =
  | { kind: 'field'; name: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'toMillis'; field: string }

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'match'; operand: Operand; re: RegExp }
  | { kind: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; left: Operand; right: Operand }

export interface Aggregate {
  fn: 'count' | 'count_distinct' | 'min' | 'max'
  /** `undefined` for `count(*)`. */
  field?: string
  alias: string
}

export type Stage =
  | { kind: 'filter'; expr: Expr }
  | { kind: 'parse'; field: string; re: RegExp; names: string[] }
  | { kind: 'fields'; fields: string[] }
  | { kind: 'stats'; aggregates: Aggregate[]; by: string[] }
  | { kind: 'sort'; field: string; desc: boolean }
  | { kind: 'limit'; n: number }

export interface Query {
  stages: Stage[]
}

function malformed(message: string): never {
  throw new SimError('MalformedQueryException', message)
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { t: 'word'; v: string }
  | { t: 'number'; v: number }
  | { t: 'string'; v: string }
  | { t: 'regex'; v: string }
  | { t: 'op'; v: string }

const WORD_RE = /^[@A-Za-z_][\w.@]*/
const NUMBER_RE = /^-?\d+(?:\.\d+)?/

function tokenize(q: string): Token[] {
  const out: Token[] = []
  let i = 0
  const prevWord = (back: number): string | undefined => {
    const t = out[out.length - back]
    return t?.t === 'word' ? t.v : undefined
  }
  while (i < q.length) {
    const c = q[i] as string
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    if (c === '#') malformed('comments are not supported by the simulator')
    if (c === '/') {
      // A regex literal only where one is expected: after like, =~, or `parse FIELD`.
      const prev = out[out.length - 1]
      const afterLike = prevWord(1) === 'like' || (prev?.t === 'op' && prev.v === '=~')
      const afterParse = prevWord(2) === 'parse' && prev?.t === 'word'
      if (!afterLike && !afterParse) malformed(`unexpected '/' at ${i} (division is not supported)`)
      let j = i + 1
      let body = ''
      for (; j < q.length && q[j] !== '/'; j++) {
        if (q[j] === '\\' && j + 1 < q.length) {
          body += q.slice(j, j + 2)
          j++
        } else body += q[j]
      }
      if (j >= q.length) malformed(`unterminated regular expression at ${i}`)
      out.push({ t: 'regex', v: body })
      i = j + 1
      continue
    }
    if (c === '"' || c === "'") {
      const end = q.indexOf(c, i + 1)
      if (end === -1) malformed(`unterminated string at ${i}`)
      out.push({ t: 'string', v: q.slice(i + 1, end) })
      i = end + 1
      continue
    }
    if (c === '`') malformed('backtick field names are not supported by the simulator')
    const two = q.slice(i, i + 2)
    if (two === '>=' || two === '<=' || two === '!=' || two === '=~') {
      out.push({ t: 'op', v: two })
      i += 2
      continue
    }
    if ('|(),*=<>'.includes(c)) {
      out.push({ t: 'op', v: c })
      i++
      continue
    }
    const rest = q.slice(i)
    const num = NUMBER_RE.exec(rest)
    if (num && (c !== '-' || /\d/.test(q[i + 1] ?? ''))) {
      out.push({ t: 'number', v: Number(num[0]) })
      i += num[0].length
      continue
    }
    const word = WORD_RE.exec(rest)
    if (word) {
      out.push({ t: 'word', v: word[0] })
      i += word[0].length
      continue
    }
    malformed(`unexpected character '${c}' at ${i}`)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Regexes

/** Compiles an Insights (RE2) regex for JavaScript, refusing what the two read differently. */
export function compileRegex(src: string): { re: RegExp; names: string[] } {
  if (/\(\?[=!]|\(\?<[=!]/.test(src)) malformed(`lookaround is not supported by RE2: /${src}/`)
  if (/\\[1-9]/.test(src)) malformed(`backreferences are not supported by RE2: /${src}/`)
  if (/\(\?[a-zA-Z]/.test(src.replace(/\(\?P?</g, '')))
    malformed(`inline flags are not supported by the simulator: /${src}/`)
  for (const m of src.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[2] || m[1]) > 1000) malformed(`repeat count above 1000 (RE2's maximum): ${m[0]}`)
  }
  const js = src.replace(/\(\?P</g, '(?<')
  let re: RegExp
  try {
    re = new RegExp(js)
  } catch (e) {
    malformed(`invalid regular expression /${src}/: ${(e as Error).message}`)
  }
  const names = [...js.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map(m => m[1] as string)
  return { re, names }
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
  private i = 0
  constructor(private readonly tokens: Token[]) {}

  get done(): boolean {
    return this.i >= this.tokens.length
  }
  peek(): Token | undefined {
    return this.tokens[this.i]
  }
  next(): Token {
    const t = this.tokens[this.i++]
    if (!t) malformed('unexpected end of query')
    return t
  }
  isWord(v: string): boolean {
    const t = this.peek()
    return t?.t === 'word' && t.v.toLowerCase() === v
  }
  isOp(v: string): boolean {
    const t = this.peek()
    return t?.t === 'op' && t.v === v
  }
  expectOp(v: string): void {
    const t = this.next()
    if (t.t !== 'op' || t.v !== v) malformed(`expected '${v}', found ${describe(t)}`)
  }
  field(): string {
    const t = this.next()
    if (t.t !== 'word') malformed(`expected a field name, found ${describe(t)}`)
    return t.v
  }
  regex(): string {
    const t = this.next()
    if (t.t !== 'regex') malformed(`expected a /regular expression/, found ${describe(t)}`)
    return t.v
  }

  expr(): Expr {
    let left = this.andExpr()
    while (this.isWord('or')) {
      this.next()
      left = { kind: 'or', left, right: this.andExpr() }
    }
    return left
  }
  andExpr(): Expr {
    let left = this.unary()
    while (this.isWord('and')) {
      this.next()
      left = { kind: 'and', left, right: this.unary() }
    }
    return left
  }
  unary(): Expr {
    if (this.isWord('not')) {
      this.next()
      return { kind: 'not', expr: this.unary() }
    }
    if (this.isOp('(')) {
      this.next()
      const e = this.expr()
      this.expectOp(')')
      return e
    }
    const left = this.operand()
    if (this.isWord('like')) {
      this.next()
      return { kind: 'match', operand: left, re: compileRegex(this.regex()).re }
    }
    if (this.isWord('not')) {
      this.next()
      if (!this.isWord('like'))
        malformed(`expected 'like' after 'not', found ${describe(this.peek())}`)
      this.next()
      return {
        kind: 'not',
        expr: { kind: 'match', operand: left, re: compileRegex(this.regex()).re }
      }
    }
    const t = this.next()
    if (t.t === 'op' && t.v === '=~')
      return { kind: 'match', operand: left, re: compileRegex(this.regex()).re }
    if (t.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v))
      return {
        kind: 'compare',
        op: t.v as '=' | '!=' | '<' | '<=' | '>' | '>=',
        left,
        right: this.operand()
      }
    malformed(`expected a comparison or 'like', found ${describe(t)}`)
  }
  operand(): Operand {
    const t = this.next()
    if (t.t === 'number') return { kind: 'number', value: t.v }
    if (t.t === 'string') return { kind: 'string', value: t.v }
    if (t.t !== 'word') malformed(`expected a field, number or string, found ${describe(t)}`)
    if (this.isOp('(')) {
      if (t.v !== 'toMillis') malformed(`function ${t.v}() is not supported by the simulator`)
      this.next()
      const field = this.field()
      this.expectOp(')')
      return { kind: 'toMillis', field }
    }
    return { kind: 'field', name: t.v }
  }
}

function describe(t: Token | undefined): string {
  if (!t) return 'the end of the query'
  return t.t === 'regex' ? `/${t.v}/` : `'${String(t.v)}'`
}

function parseStage(tokens: Token[]): Stage {
  const p = new Parser(tokens)
  const cmd = p.next()
  if (cmd.t !== 'word') malformed(`expected a command, found ${describe(cmd)}`)
  const name = cmd.v.toLowerCase()
  let stage: Stage
  switch (name) {
    case 'filter':
      stage = { kind: 'filter', expr: p.expr() }
      break
    case 'parse': {
      const field = p.field()
      const t = p.next()
      if (t.t !== 'regex')
        malformed('parse with a glob pattern is not supported by the simulator; use a regex')
      const { re, names } = compileRegex(t.v)
      if (names.length === 0) malformed(`parse needs named capture groups: /${t.v}/`)
      stage = { kind: 'parse', field, re, names }
      break
    }
    case 'fields': {
      const fields = [p.field()]
      while (p.isOp(',')) {
        p.next()
        fields.push(p.field())
      }
      stage = { kind: 'fields', fields }
      break
    }
    case 'stats': {
      const aggregates: Aggregate[] = []
      for (;;) {
        const fn = p.field().toLowerCase()
        if (fn !== 'count' && fn !== 'count_distinct' && fn !== 'min' && fn !== 'max')
          malformed(`stats function ${fn}() is not supported by the simulator`)
        p.expectOp('(')
        let field: string | undefined
        if (p.isOp('*')) {
          if (fn !== 'count') malformed(`${fn}(*) is not valid`)
          p.next()
        } else field = p.field()
        p.expectOp(')')
        let alias = field === undefined ? `${fn}(*)` : `${fn}(${field})`
        if (p.isWord('as')) {
          p.next()
          alias = p.field()
        }
        aggregates.push({ fn, ...(field !== undefined ? { field } : {}), alias })
        if (!p.isOp(',')) break
        p.next()
      }
      const by: string[] = []
      if (p.isWord('by')) {
        p.next()
        by.push(p.field())
        while (p.isOp(',')) {
          p.next()
          by.push(p.field())
        }
      }
      stage = { kind: 'stats', aggregates, by }
      break
    }
    case 'sort': {
      const field = p.field()
      let desc = true // Insights sorts descending by default
      if (p.isWord('asc') || p.isWord('desc')) desc = (p.next() as { v: string }).v === 'desc'
      stage = { kind: 'sort', field, desc }
      break
    }
    case 'limit': {
      const t = p.next()
      if (t.t !== 'number' || !Number.isInteger(t.v) || t.v < 1 || t.v > 10_000)
        malformed(`limit must be a whole number from 1 to 10000, found ${describe(t)}`)
      stage = { kind: 'limit', n: t.v }
      break
    }
    default:
      malformed(`command '${cmd.v}' is not supported by the simulator`)
  }
  if (!p.done) malformed(`unexpected ${describe(p.peek())} in ${name}`)
  return stage
}

/** Parses a query; throws `MalformedQueryException` for anything outside the subset. */
export function parseQuery(q: string): Query {
  const tokens = tokenize(q)
  const stages: Stage[] = []
  let current: Token[] = []
  for (const t of tokens) {
    if (t.t === 'op' && t.v === '|') {
      if (current.length === 0) malformed('empty command between pipes')
      stages.push(parseStage(current))
      current = []
    } else current.push(t)
  }
  if (current.length === 0) malformed('empty query or trailing pipe')
  stages.push(parseStage(current))
  if (stages.filter(s => s.kind === 'stats').length > 1)
    malformed('more than one stats command is not supported by the simulator')
  return { stages }
}

// ---------------------------------------------------------------------------------------------
// Execution

/** `2026-11-25 12:00:00.123`: how Insights returns timestamps. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
}

function valueOf(o: Operand, row: Row): Value | undefined {
  switch (o.kind) {
    case 'number':
    case 'string':
      return o.value
    case 'field':
      return row[o.name]
    case 'toMillis': {
      const v = row[o.field]
      return typeof v === 'number' ? v : undefined
    }
  }
}

function test(e: Expr, row: Row): boolean {
  switch (e.kind) {
    case 'and':
      return test(e.left, row) && test(e.right, row)
    case 'or':
      return test(e.left, row) || test(e.right, row)
    case 'not':
      return !test(e.expr, row)
    case 'match': {
      const v = valueOf(e.operand, row)
      return v !== undefined && e.re.test(String(v))
    }
    case 'compare': {
      const a = valueOf(e.left, row)
      const b = valueOf(e.right, row)
      if (a === undefined || b === undefined) return false
      const x = typeof a === 'number' && typeof b === 'number' ? a : String(a)
      const y = typeof a === 'number' && typeof b === 'number' ? b : String(b)
      switch (e.op) {
        case '=':
          return x === y
        case '!=':
          return x !== y
        case '<':
          return x < y
        case '<=':
          return x <= y
        case '>':
          return x > y
        case '>=':
          return x >= y
      }
    }
  }
}

function aggregate(rows: Row[], stage: Extract<Stage, { kind: 'stats' }>): Row[] {
  const groups = new Map<string, Row[]>()
  for (const r of rows) {
    // Insights leaves out events that lack a `by` field.
    if (stage.by.some(f => r[f] === undefined)) continue
    const key = JSON.stringify(stage.by.map(f => r[f]))
    const g = groups.get(key)
    if (g) g.push(r)
    else groups.set(key, [r])
  }
  if (stage.by.length === 0 && groups.size === 0) groups.set('[]', [])
  const out: Row[] = []
  for (const members of groups.values()) {
    const row: Row = {}
    const first = members[0]
    for (const f of stage.by) row[f] = first?.[f]
    for (const a of stage.aggregates) {
      const values =
        a.field === undefined
          ? members.map(() => 1)
          : members.map(m => m[a.field as string]).filter((v): v is Value => v !== undefined)
      switch (a.fn) {
        case 'count':
          row[a.alias] = values.length
          break
        case 'count_distinct':
          row[a.alias] = new Set(values).size
          break
        case 'min':
        case 'max': {
          let best: Value | undefined
          for (const v of values)
            if (best === undefined || (a.fn === 'min' ? v < best : v > best)) best = v
          row[a.alias] = best
          break
        }
      }
    }
    out.push(row)
  }
  return out
}

export interface Execution {
  /** Result rows, each the fields in output order (values as strings, as the API sends them). */
  rows: Array<Array<{ field: string; value: string }>>
  /** Events that passed every filter (before stats). */
  matched: number
}

/**
 * Runs a parsed query over `events` (in the order a sort keeps for ties), returning at most
 * `limit` rows.
 */
export function execute(query: Query, events: Iterable<Row>, limit: number): Execution {
  let rows: Row[] = []
  let matched = 0
  const before = query.stages.findIndex(s => s.kind === 'stats' || s.kind === 'sort')
  const streaming = before === -1 ? query.stages : query.stages.slice(0, before)
  const rest = before === -1 ? [] : query.stages.slice(before)
  let projection: string[] | undefined
  let cap = limit
  for (const s of query.stages) if (s.kind === 'limit') cap = Math.min(cap, s.n)

  // Filters, parses and field lists event by event.
  outer: for (const e of events) {
    let row = e
    for (const s of streaming) {
      if (s.kind === 'filter') {
        if (!test(s.expr, row)) continue outer
      } else if (s.kind === 'parse') {
        const v = row[s.field]
        const m = v === undefined ? null : s.re.exec(String(v))
        if (m?.groups) {
          row = { ...row }
          for (const n of s.names) if (m.groups[n] !== undefined) row[n] = m.groups[n]
        }
      } else if (s.kind === 'fields') projection = s.fields
    }
    matched++
    rows.push(row)
    if (rest.length === 0 && rows.length >= cap) break
  }
  let statsBy: string[] | undefined
  let statsAliases: string[] = []
  const timeFields = new Set(['@timestamp', '@ingestionTime'])
  for (const s of rest) {
    if (s.kind === 'filter') rows = rows.filter(r => test(s.expr, r))
    else if (s.kind === 'stats') {
      rows = aggregate(rows, s)
      statsBy = s.by
      statsAliases = s.aggregates.map(a => a.alias)
      // min/max of a time is a time, rendered as one.
      for (const a of s.aggregates)
        if ((a.fn === 'min' || a.fn === 'max') && a.field && timeFields.has(a.field))
          timeFields.add(a.alias)
    } else if (s.kind === 'sort') {
      const f = s.field
      const sign = s.desc ? -1 : 1
      // Stable: ties keep the events' order.
      rows = rows
        .map((r, i) => ({ r, i }))
        .sort((a, b) => {
          const x = a.r[f]
          const y = b.r[f]
          if (x === y) return a.i - b.i
          if (x === undefined) return 1
          if (y === undefined) return -1
          return (x < y ? -1 : 1) * sign || a.i - b.i
        })
        .map(x => x.r)
    } else if (s.kind === 'fields') projection = s.fields
    else if (s.kind === 'parse') malformed('parse after stats or sort is not supported')
  }
  rows = rows.slice(0, cap)
  const fields = statsBy
    ? [...statsBy, ...statsAliases]
    : (projection ?? ['@timestamp', '@message'])
  return {
    matched,
    rows: rows.map(r => {
      const out: Array<{ field: string; value: string }> = []
      for (const f of fields) {
        const v = r[f]
        if (v === undefined) continue
        out.push({
          field: f,
          value: typeof v === 'number' && timeFields.has(f) ? formatTime(v) : String(v)
        })
      }
      return out
    })
  }
}
