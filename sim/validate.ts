/** A small collector of validation problems with path-qualified messages. */
import { parseTime, type TimeSpec } from './time.js'

type Obj = Record<string, unknown>

interface NumOpts {
  required?: boolean
  min?: number
  max?: number
}

interface StrOpts {
  required?: boolean
  oneOf?: readonly string[]
  pattern?: RegExp
  hint?: string
  nonEmpty?: boolean
}

/** Describes a value for an error message. */
export function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)
  if (typeof v === 'object') return 'an object'
  return `${typeof v} ${String(v)}`
}

/** Collects every problem in a document instead of stopping at the first. */
export class Checker {
  readonly issues: string[] = []

  fail(path: string, message: string): void {
    this.issues.push(`${path}: ${message}`)
  }

  /**
   * Checks that `v` is a plain object. With `keys`, unknown fields are reported (with a hint when
   * only the letter case differs); `null` allows any key.
   */
  object(v: unknown, path: string, keys: readonly string[] | null): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.fail(path, `expected an object, got ${describe(v)}`)
      return undefined
    }
    const o = v as Obj
    if (keys) {
      for (const k of Object.keys(o)) {
        if (keys.includes(k)) continue
        const near = keys.find(x => x.toLowerCase() === k.toLowerCase())
        this.fail(
          `${path}.${k}`,
          `unknown field${near ? ` (did you mean "${near}"?)` : ` (known: ${keys.join(', ')})`}`
        )
      }
    }
    return o
  }

  string(o: Obj, key: string, path: string, opts: StrOpts = {}): string | undefined {
    const v = o[key]
    const p = `${path}.${key}`
    if (v === undefined) {
      if (opts.required) this.fail(p, 'is required')
      return undefined
    }
    if (typeof v !== 'string') {
      this.fail(p, `expected a string, got ${describe(v)}`)
      return undefined
    }
    if ((opts.nonEmpty || opts.required) && v.trim() === '') {
      this.fail(p, 'must not be empty')
      return undefined
    }
    if (opts.oneOf && !opts.oneOf.includes(v)) {
      this.fail(p, `expected one of ${opts.oneOf.join(', ')}, got ${describe(v)}`)
      return undefined
    }
    if (opts.pattern && !opts.pattern.test(v)) {
      this.fail(p, `${describe(v)} is not valid${opts.hint ? ` (${opts.hint})` : ''}`)
      return undefined
    }
    return v
  }

  number(o: Obj, key: string, path: string, opts: NumOpts = {}): number | undefined {
    const v = o[key]
    const p = `${path}.${key}`
    if (v === undefined) {
      if (opts.required) this.fail(p, 'is required')
      return undefined
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(p, `expected a number, got ${describe(v)}`)
      return undefined
    }
    if (opts.min !== undefined && v < opts.min) {
      this.fail(p, `must be ≥ ${opts.min}, got ${v}`)
      return undefined
    }
    if (opts.max !== undefined && v > opts.max) {
      this.fail(p, `must be ≤ ${opts.max}, got ${v}`)
      return undefined
    }
    return v
  }

  int(o: Obj, key: string, path: string, opts: NumOpts = {}): number | undefined {
    const v = o[key]
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v))) {
      this.fail(`${path}.${key}`, `expected an integer, got ${describe(v)}`)
      return undefined
    }
    return this.number(o, key, path, opts)
  }

  bool(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key]
    if (v === undefined) return undefined
    if (typeof v !== 'boolean') {
      this.fail(`${path}.${key}`, `expected true or false, got ${describe(v)}`)
      return undefined
    }
    return v
  }

  /** Reads a {@link TimeSpec} and resolves it to epoch ms against `now`. */
  time(o: Obj, key: string, path: string, now: number, required = false): number | undefined {
    const v = o[key]
    const p = `${path}.${key}`
    if (v === undefined) {
      if (required) this.fail(p, 'is required')
      return undefined
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.fail(p, `expected a time ("-5m", ISO string or epoch ms), got ${describe(v)}`)
      return undefined
    }
    try {
      return parseTime(v as TimeSpec, now)
    } catch (e) {
      this.fail(p, (e as Error).message)
      return undefined
    }
  }

  /** Reads an optional array; each element is passed to `each` with its path. */
  array<T>(
    o: Obj,
    key: string,
    path: string,
    each: (item: unknown, itemPath: string, index: number) => T | undefined,
    opts: { required?: boolean; max?: number } = {}
  ): T[] | undefined {
    const v = o[key]
    const p = `${path}.${key}`
    if (v === undefined) {
      if (opts.required) this.fail(p, 'is required')
      return undefined
    }
    if (!Array.isArray(v)) {
      this.fail(p, `expected an array, got ${describe(v)}`)
      return undefined
    }
    if (opts.max !== undefined && v.length > opts.max) {
      this.fail(p, `at most ${opts.max} items, got ${v.length}`)
      return undefined
    }
    const out: T[] = []
    v.forEach((item, i) => {
      const r = each(item, `${p}[${i}]`, i)
      if (r !== undefined) out.push(r)
    })
    return out
  }
}
