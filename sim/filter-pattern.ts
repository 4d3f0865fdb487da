/**
 * A subset of CloudWatch Logs filter pattern syntax:
 * - terms: `ERROR timeout` (all must occur, case-sensitive), `"exact phrase"`, `?ERROR ?WARN`
 *   (at least one), `-health` / `-"GET /health"` (must not occur);
 * - JSON: `{ $.level = "error" }`, `{ $.status >= 500 && $.path = "/api/*" }`, `||`, parentheses,
 *   `!=`, `<`, `<=`, `>`, `>=`, `IS NULL|TRUE|FALSE`, `EXISTS`, `NOT EXISTS`, `*` wildcards;
 * - regular expressions: `%ERROR|FATAL%`.
 * Space-delimited patterns (`[ip, user, ...]`) are not supported (InvalidParameterException).
 */
import { SimError } from './errors.js'

/** A compiled filter pattern. */
export type Matcher = (message: string) => boolean

function invalid(detail: string): SimError {
  return new SimError('InvalidParameterException', `Invalid filter pattern: ${detail}`)
}

/** Compiles a filter pattern; throws an InvalidParameterException SimError when it is invalid. */
export function compileFilterPattern(pattern: string | undefined): Matcher {
  const text = (pattern ?? '').trim()
  if (text === '' || text === '""') return () => true
  if (text.startsWith('{')) return compileJson(text)
  if (text.startsWith('['))
    throw invalid('space-delimited patterns are not supported by the simulator')
  if (text.length >= 2 && text.startsWith('%') && text.endsWith('%')) {
    let re: RegExp
    try {
      re = new RegExp(text.slice(1, -1))
    } catch (e) {
      throw invalid((e as Error).message)
    }
    return m => re.test(m)
  }
  return compileTerms(text)
}

function compileTerms(text: string): Matcher {
  const required: string[] = []
  const optional: string[] = []
  const excluded: string[] = []
  let i = 0
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++
    if (i >= text.length) break
    let mode: 'req' | 'opt' | 'exc' = 'req'
    if (text[i] === '?') {
      mode = 'opt'
      i++
    } else if (text[i] === '-' && i + 1 < text.length && !/\s/.test(text[i + 1] as string)) {
      mode = 'exc'
      i++
    }
    let term = ''
    if (text[i] === '"') {
      i++
      let closed = false
      while (i < text.length) {
        const ch = text[i] as string
        if (ch === '\\' && i + 1 < text.length) {
          term += text[i + 1]
          i += 2
          continue
        }
        if (ch === '"') {
          closed = true
          i++
          break
        }
        term += ch
        i++
      }
      if (!closed) throw invalid('unterminated quoted term')
    } else {
      while (i < text.length && !/\s/.test(text[i] as string)) term += text[i++]
    }
    if (term === '') continue
    ;(mode === 'req' ? required : mode === 'opt' ? optional : excluded).push(term)
  }
  return m => {
    for (const t of required) if (!m.includes(t)) return false
    for (const t of excluded) if (m.includes(t)) return false
    if (optional.length > 0 && !optional.some(t => m.includes(t))) return false
    return true
  }
}

// ---------------------------------------------------------------------------------------------
// JSON patterns

type Tok =
  | { t: 'sel'; path: Array<string | number> }
  | { t: 'op'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'word'; v: string }
  | { t: '(' | ')' | '&&' | '||' }

function tokenize(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  const peek = (k = 0) => src[i + k] ?? ''
  while (i < src.length) {
    const ch = peek()
    if (/\s/.test(ch)) {
      i++
      continue
    }
    if (ch === '(' || ch === ')') {
      out.push({ t: ch })
      i++
      continue
    }
    if (ch === '&' && peek(1) === '&') {
      out.push({ t: '&&' })
      i += 2
      continue
    }
    if (ch === '|' && peek(1) === '|') {
      out.push({ t: '||' })
      i += 2
      continue
    }
    if ('=!<>'.includes(ch)) {
      const two = ch + peek(1)
      if (two === '!=' || two === '<=' || two === '>=' || two === '==') {
        out.push({ t: 'op', v: two === '==' ? '=' : two })
        i += 2
      } else if (ch === '!') {
        throw invalid('unexpected "!"')
      } else {
        out.push({ t: 'op', v: ch })
        i++
      }
      continue
    }
    if (ch === '$') {
      i++
      const path: Array<string | number> = []
      while (i < src.length) {
        if (peek() === '.') {
          i++
          let name = ''
          while (i < src.length && /[^\s.[\]=!<>()&|]/.test(peek())) name += src[i++]
          if (name === '') throw invalid('empty field name after "."')
          path.push(name)
        } else if (peek() === '[') {
          i++
          let num = ''
          while (i < src.length && peek() !== ']') num += src[i++]
          i++
          if (!/^\d+$/.test(num.trim())) throw invalid(`bad array index [${num}]`)
          path.push(Number(num.trim()))
        } else break
      }
      out.push({ t: 'sel', path })
      continue
    }
    if (ch === '"') {
      i++
      let s = ''
      let closed = false
      while (i < src.length) {
        const c = src[i] as string
        if (c === '\\' && i + 1 < src.length) {
          s += src[i + 1]
          i += 2
          continue
        }
        if (c === '"') {
          closed = true
          i++
          break
        }
        s += c
        i++
      }
      if (!closed) throw invalid('unterminated string')
      out.push({ t: 'str', v: s })
      continue
    }
    let w = ''
    while (i < src.length && /[^\s()=!<>&|"]/.test(peek())) w += src[i++]
    if (w === '') throw invalid(`unexpected "${ch}"`)
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(w)) out.push({ t: 'num', v: Number(w) })
    else out.push({ t: 'word', v: w })
  }
  return out
}

type Pred = (doc: unknown) => boolean

const MISSING = Symbol('missing')

function select(doc: unknown, path: Array<string | number>): unknown {
  let cur: unknown = doc
  for (const p of path) {
    if (typeof p === 'number') {
      if (!Array.isArray(cur) || p >= cur.length) return MISSING
      cur = cur[p]
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !(p in cur))
        return MISSING
      cur = (cur as Record<string, unknown>)[p]
    }
  }
  return cur
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  )
}

function compileJson(text: string): Matcher {
  if (!text.endsWith('}')) throw invalid('a JSON pattern must end with "}"')
  const toks = tokenize(text.slice(1, -1))
  let pos = 0
  const next = () => toks[pos++]
  const peek = () => toks[pos]

  const parseOr = (): Pred => {
    let left = parseAnd()
    while (peek()?.t === '||') {
      next()
      const l = left
      const r = parseAnd()
      left = d => l(d) || r(d)
    }
    return left
  }
  const parseAnd = (): Pred => {
    let left = parseUnary()
    while (peek()?.t === '&&') {
      next()
      const l = left
      const r = parseUnary()
      left = d => l(d) && r(d)
    }
    return left
  }
  const parseUnary = (): Pred => {
    const tok = next()
    if (!tok) throw invalid('unexpected end of pattern')
    if (tok.t === '(') {
      const inner = parseOr()
      if (next()?.t !== ')') throw invalid('missing ")"')
      return inner
    }
    if (tok.t !== 'sel') throw invalid('expected a selector such as $.field')
    const path = tok.path
    const op = next()
    if (!op) throw invalid('expected an operator after the selector')
    if (op.t === 'word') {
      const kw = op.v.toUpperCase()
      if (kw === 'EXISTS') return d => select(d, path) !== MISSING
      if (kw === 'NOT') {
        const w = next()
        if (w?.t === 'word' && w.v.toUpperCase() === 'EXISTS')
          return d => select(d, path) === MISSING
        throw invalid('expected EXISTS after NOT')
      }
      if (kw === 'IS') {
        const w = next()
        const v = w?.t === 'word' ? w.v.toUpperCase() : ''
        if (v === 'NULL') return d => select(d, path) === null
        if (v === 'TRUE') return d => select(d, path) === true
        if (v === 'FALSE') return d => select(d, path) === false
        throw invalid('expected NULL, TRUE or FALSE after IS')
      }
      throw invalid(`unexpected "${op.v}"`)
    }
    if (op.t !== 'op') throw invalid('expected an operator after the selector')
    const val = next()
    if (!val || (val.t !== 'str' && val.t !== 'num' && val.t !== 'word'))
      throw invalid('expected a value after the operator')
    const o = op.v
    if (val.t === 'num') {
      const n = val.v
      return d => {
        const x = select(d, path)
        const num =
          typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN
        if (Number.isNaN(num)) return o === '!=' && x !== MISSING
        switch (o) {
          case '=':
            return num === n
          case '!=':
            return num !== n
          case '<':
            return num < n
          case '<=':
            return num <= n
          case '>':
            return num > n
          default:
            return num >= n
        }
      }
    }
    if (o !== '=' && o !== '!=') throw invalid(`operator ${o} needs a number`)
    const re = globToRegExp(val.v)
    return d => {
      const x = select(d, path)
      if (x === MISSING || x === null || typeof x === 'object') return false
      const eq = re.test(String(x))
      return o === '=' ? eq : !eq
    }
  }

  const pred = parseOr()
  if (pos !== toks.length) throw invalid('unexpected trailing text')
  return m => {
    const s = m.trimStart()
    if (!s.startsWith('{')) return false
    let doc: unknown
    try {
      doc = JSON.parse(s)
    } catch {
      return false
    }
    return pred(doc)
  }
}
