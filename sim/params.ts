/** Reading request parameters and paging tokens, with AWS-style errors for bad input. */
import { SimError } from './errors.js'

/** Parsed request parameters (JSON body, or the nested form of a query-protocol request). */
export type Params = Record<string, unknown>

/** Which error code a service uses for bad parameters. */
export interface ParamErrors {
  /** e.g. `InvalidParameterException` (ECS, Logs) or `ValidationError` (ELBv2). */
  code: string
}

/** Typed parameter access that raises the service's validation error. */
export class ParamReader {
  constructor(
    readonly params: Params,
    private readonly errors: ParamErrors
  ) {}

  fail(message: string): never {
    throw new SimError(this.errors.code, message)
  }

  string(key: string, required = false): string | undefined {
    const v = this.params[key]
    if (v === undefined || v === null) {
      if (required) this.fail(`${key} is required.`)
      return undefined
    }
    if (typeof v !== 'string') this.fail(`${key} must be a string.`)
    return v
  }

  /** An integer; query-protocol values arrive as strings and are converted. */
  int(key: string, min?: number, max?: number): number | undefined {
    const v = this.params[key]
    if (v === undefined || v === null || v === '') return undefined
    const n = typeof v === 'string' ? Number(v) : v
    if (typeof n !== 'number' || !Number.isInteger(n)) this.fail(`${key} must be an integer.`)
    if ((min !== undefined && n < min) || (max !== undefined && n > max))
      this.fail(`${key} must be between ${min ?? '-∞'} and ${max ?? '∞'}.`)
    return n
  }

  /** A number (epoch ms and the like). */
  number(key: string): number | undefined {
    const v = this.params[key]
    if (v === undefined || v === null || v === '') return undefined
    const n = typeof v === 'string' ? Number(v) : v
    if (typeof n !== 'number' || !Number.isFinite(n)) this.fail(`${key} must be a number.`)
    return n
  }

  bool(key: string): boolean | undefined {
    const v = this.params[key]
    if (v === undefined || v === null) return undefined
    if (v === 'true') return true
    if (v === 'false') return false
    if (typeof v !== 'boolean') this.fail(`${key} must be a boolean.`)
    return v
  }

  /** A list of strings (`[]` for an empty query-protocol list). */
  stringList(key: string): string[] | undefined {
    const v = this.params[key]
    if (v === undefined || v === null) return undefined
    if (v === '') return []
    if (!Array.isArray(v) || !v.every(x => typeof x === 'string'))
      this.fail(`${key} must be a list of strings.`)
    return v
  }
}

/** Encodes a paging token (opaque to clients). */
export function encodeToken(op: string, state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ op, ...state }), 'utf8').toString('base64url')
}

/** Decodes a paging token made by {@link encodeToken} for `op`; undefined when it is not one. */
export function decodeToken(op: string, token: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    if (typeof v === 'object' && v !== null && (v as { op?: unknown }).op === op)
      return v as Record<string, unknown>
  } catch {
    // fall through
  }
  return undefined
}

/** Decodes an offset token (`{ o: number }`) or raises the given error. */
export function offsetFromToken(
  op: string,
  token: string | undefined,
  fail: (msg: string) => never
): number {
  if (token === undefined || token === '') return 0
  const st = decodeToken(op, token)
  const o = st?.o
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) fail('Invalid token.')
  return o
}

/** epoch ms → epoch seconds (JSON protocols' timestamp format). */
export function secs(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000
}
