/**
 * CloudWatch Logs Insights in the simulator: `StartQuery`, `GetQueryResults`, `StopQuery` with
 * the real limits — at most 50 log groups a query (`InvalidParameterException`), a missing log
 * group fails the start (`ResourceNotFoundException`), at most N queries Scheduled or Running
 * per account (`LimitExceededException`; 30 by default, the API reference's number), at most
 * 10,000 result rows, a query string of at most 10,000 characters, times in epoch **seconds**.
 *
 * A query is evaluated when it starts (the world's log events do not change while it runs) and
 * then walks Scheduled → Running (partial results) → Complete over GetQueryResults polls, so a
 * client must poll; a query nobody polls is completed after a minute of wall time so it frees its
 * slot. Results are arrays of `{field, value}` with an opaque `@ptr`, plus `statistics`.
 */
import { SimError } from './errors.js'
import { lowerBound, upperBound, type LogSource } from './generate.js'
import { execute, parseQuery, type Row } from './insights-query.js'
import type { ParamReader } from './params.js'
import { uuidFrom } from './prng.js'
import type { World } from './world.js'

/** Insights behaviour of a simulator (see `SimulatorOptions.insights`). */
export interface InsightsOptions {
  /** Queries Scheduled or Running at once (per account); default 30. */
  maxConcurrentQueries?: number
  /** GetQueryResults calls before a query is Complete (the first is Scheduled); default 3. */
  pollsToComplete?: number
  /** Wall time after which an unpolled query completes anyway, in ms; default 60000. */
  expireMs?: number
  /**
   * Run queries for wall time instead of counting polls (benchmarks): a query is Complete once
   * `runMs` plus `scanMsPer1k` per 1,000 records scanned have passed since its start (Scheduled
   * for the first tenth of that). Default: not set, polls decide.
   */
  runMs?: number
  scanMsPer1k?: number
  /**
   * An Insights whose answers differ from ours (a backend we did not write, a query dialect it
   * reads differently): `empty` completes every query with no rows, `partial` with the first
   * half of its rows only. Default `exact`.
   */
  answers?: 'exact' | 'empty' | 'partial'
  /** StartQuery fails every time with this error (e.g. `MalformedQueryException`). */
  rejectQueries?:
    'MalformedQueryException' | 'InvalidParameterException' | 'UnrecognizedClientException'
}

/** Log groups one query may name. */
export const MAX_QUERY_GROUPS = 50
/** Rows a query returns at most. */
export const MAX_QUERY_ROWS = 10_000
/** Characters a query string may have. */
export const MAX_QUERY_CHARS = 10_000

type Status = 'Scheduled' | 'Running' | 'Complete' | 'Cancelled'

interface QueryState {
  id: string
  status: Status
  polls: number
  startedAt: number
  rows: Array<Array<{ field: string; value: string }>>
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number }
}

class Insights {
  readonly queries = new Map<string, QueryState>()
  private seq = 0
  constructor(
    private readonly world: World,
    readonly opts: Required<Omit<InsightsOptions, 'runMs' | 'scanMsPer1k' | 'rejectQueries'>> &
      Pick<InsightsOptions, 'runMs' | 'scanMsPer1k' | 'rejectQueries'>
  ) {}

  private running(): number {
    let n = 0
    const now = performance.now()
    for (const q of this.queries.values()) {
      if (q.status !== 'Scheduled' && q.status !== 'Running') continue
      if (now - q.startedAt > this.opts.expireMs) q.status = 'Complete'
      else n++
    }
    return n
  }

  start(p: ParamReader): unknown {
    const names = p.stringList('logGroupNames')
    const one = p.string('logGroupName')
    const idents = p.stringList('logGroupIdentifiers')
    const given = [names, one, idents].filter(x => x !== undefined).length
    if (given !== 1)
      p.fail('Exactly one of logGroupName, logGroupNames or logGroupIdentifiers is required.')
    const refs = names ?? idents ?? [one as string]
    if (refs.length === 0) p.fail('At least one log group is required.')
    if (refs.length > MAX_QUERY_GROUPS)
      p.fail(
        `1 validation error detected: Value at 'logGroupNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_QUERY_GROUPS}`
      )
    const startTime = p.number('startTime')
    const endTime = p.number('endTime')
    if (startTime === undefined || endTime === undefined)
      p.fail('startTime and endTime are required.')
    if (!Number.isInteger(startTime) || !Number.isInteger(endTime) || startTime < 0)
      p.fail('startTime and endTime are epoch seconds (whole numbers).')
    if (endTime < startTime) p.fail('endTime must be greater than or equal to startTime.')
    if (this.opts.rejectQueries === 'MalformedQueryException') {
      throw new SimError(
        'MalformedQueryException',
        'unexpected symbol found ~ at line 1 and position 30'
      )
    } else if (this.opts.rejectQueries) {
      throw new SimError(this.opts.rejectQueries, 'The request was rejected.')
    }
    const queryString = p.string('queryString', true) as string
    if (queryString.length > MAX_QUERY_CHARS)
      p.fail(
        `1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length less than or equal to ${MAX_QUERY_CHARS}`
      )
    const limit = p.int('limit', 1, MAX_QUERY_ROWS) ?? MAX_QUERY_ROWS
    const query = parseQuery(queryString)
    const groups = refs.map(ref => {
      const key = ref.startsWith('arn:') ? (/:log-group:([^:]+)/.exec(ref)?.[1] ?? ref) : ref
      const g = this.world.logGroupByName.get(key)
      if (!g) throw new SimError('ResourceNotFoundException', `Log group '${key}' does not exist`)
      return g
    })
    if (this.running() >= this.opts.maxConcurrentQueries)
      throw new SimError(
        'LimitExceededException',
        `Account maximum query concurrency limit of [${this.opts.maxConcurrentQueries}] reached.`
      )

    // The events of every group in [start, end] seconds (end inclusive), in FilterLogEvents order
    // per group: by time, then source, then index.
    const from = startTime * 1000
    const to = endTime * 1000 + 999
    const keys: Array<{ t: number; g: number; s: number; i: number }> = []
    let bytes = 0
    groups.forEach((g, gi) =>
      g.sources.forEach((src, si) => {
        const hi = upperBound(src, to)
        for (let i = lowerBound(src, from); i < hi; i++)
          keys.push({ t: src.ts(i), g: gi, s: si, i })
      })
    )
    keys.sort((a, b) => a.t - b.t || a.g - b.g || a.s - b.s || a.i - b.i)
    const account = this.world.scenario.accountId
    function* events(): Generator<Row> {
      for (const k of keys) {
        const g = groups[k.g] as (typeof groups)[number]
        const src = g.sources[k.s] as LogSource
        const message = src.message(k.i)
        bytes += Buffer.byteLength(message, 'utf8')
        yield {
          '@timestamp': k.t,
          '@ingestionTime': src.ingestion(k.i),
          '@message': message,
          '@logStream': src.streamNames[src.stream(k.i)] as string,
          '@log': `${account}:${g.spec.name}`
        }
      }
    }
    const result = execute(query, events(), limit)
    if (this.opts.answers === 'empty') result.rows = []
    else if (this.opts.answers === 'partial')
      result.rows = result.rows.slice(0, Math.floor(result.rows.length / 2))
    const id = uuidFrom('query', this.world.scenario.accountId, ++this.seq)
    this.queries.set(id, {
      id,
      status: 'Scheduled',
      polls: 0,
      startedAt: performance.now(),
      // `@ptr`: an opaque pointer to the event, as the real results carry.
      rows: result.rows.map((r, i) => [
        ...r,
        { field: '@ptr', value: Buffer.from(`${id}/${i}`).toString('base64') }
      ]),
      statistics: {
        recordsMatched: result.matched,
        recordsScanned: keys.length,
        bytesScanned: bytes
      }
    })
    return { queryId: id }
  }

  results(p: ParamReader): unknown {
    const id = p.string('queryId', true) as string
    const q = this.queries.get(id)
    if (!q) throw new SimError('ResourceNotFoundException', `Query ${id} does not exist.`)
    if (q.status === 'Scheduled' || q.status === 'Running') {
      q.polls++
      if (this.opts.runMs !== undefined) {
        const runFor =
          this.opts.runMs + (q.statistics.recordsScanned / 1000) * (this.opts.scanMsPer1k ?? 0)
        const elapsed = performance.now() - q.startedAt
        q.status = elapsed >= runFor ? 'Complete' : elapsed < runFor / 10 ? 'Scheduled' : 'Running'
      } else {
        q.status =
          q.polls >= this.opts.pollsToComplete
            ? 'Complete'
            : q.polls === 1
              ? 'Scheduled'
              : 'Running'
      }
    }
    // While running, a partial result: a client must not take it for the answer.
    const rows =
      q.status === 'Complete'
        ? q.rows
        : q.status === 'Running'
          ? q.rows.slice(0, Math.floor(q.rows.length / 2))
          : []
    return { status: q.status, results: rows, statistics: q.statistics }
  }

  stop(p: ParamReader): unknown {
    const id = p.string('queryId', true) as string
    const q = this.queries.get(id)
    if (!q) throw new SimError('ResourceNotFoundException', `Query ${id} does not exist.`)
    // "If the query has already ended, the operation returns an error" (StopQuery reference).
    if (q.status !== 'Scheduled' && q.status !== 'Running')
      throw new SimError('InvalidParameterException', `Query ${id} is not running.`)
    q.status = 'Cancelled'
    return { success: true }
  }
}

const engines = new WeakMap<World, Insights>()

/** Sets the Insights options of a world (call once, before requests). */
export function configureInsights(world: World, opts: InsightsOptions = {}): void {
  engines.set(
    world,
    new Insights(world, {
      maxConcurrentQueries: opts.maxConcurrentQueries ?? 30,
      pollsToComplete: Math.max(1, opts.pollsToComplete ?? 3),
      expireMs: opts.expireMs ?? 60_000,
      answers: opts.answers ?? 'exact',
      ...(opts.rejectQueries !== undefined ? { rejectQueries: opts.rejectQueries } : {}),
      ...(opts.runMs !== undefined ? { runMs: opts.runMs } : {}),
      ...(opts.scanMsPer1k !== undefined ? { scanMsPer1k: opts.scanMsPer1k } : {})
    })
  )
}

function engineOf(world: World): Insights {
  let e = engines.get(world)
  if (!e) {
    configureInsights(world)
    e = engines.get(world) as Insights
  }
  return e
}

/** The Insights operations, as Logs handlers. */
export const INSIGHTS_HANDLERS: Record<string, (p: ParamReader, world: World) => unknown> = {
  StartQuery: (p, world) => engineOf(world).start(p),
  GetQueryResults: (p, world) => engineOf(world).results(p),
  StopQuery: (p, world) => engineOf(world).stop(p)
}
