/**
 * CloudWatch Logs (JSON 1.1, `Logs_20140328.<Op>`): DescribeLogGroups, DescribeLogStreams and
 * FilterLogEvents with real paging behaviour (event and byte caps, bounded scans that may return
 * empty pages with a nextToken, newest-first reads), and the Logs Insights queries (insights.ts).
 */
import { SimError } from './errors.js'
import { compileFilterPattern } from './filter-pattern.js'
import { INSIGHTS_HANDLERS } from './insights.js'
import { lowerBound, upperBound, type LogSource } from './generate.js'
import { decodeToken, encodeToken, offsetFromToken, ParamReader, type Params } from './params.js'
import type { LogGroupEntry, World } from './world.js'

/** The X-Amz-Target prefix of CloudWatch Logs. */
export const LOGS_TARGET_PREFIX = 'Logs_20140328'

/** FilterLogEvents returns at most this many events per call (also the default). */
export const FILTER_MAX_EVENTS = 10_000

/** DescribeLogGroups takes at most this many `logGroupIdentifiers`. */
export const MAX_DESCRIBE_IDENTIFIERS = 50

type Handler = (p: ParamReader, world: World) => unknown

function reader(params: Params): ParamReader {
  return new ParamReader(params, { code: 'InvalidParameterException' })
}

function groupNotFound(): never {
  throw new SimError('ResourceNotFoundException', 'The specified log group does not exist.')
}

function resolveGroup(p: ParamReader, world: World): LogGroupEntry {
  const name = p.string('logGroupName')
  const ident = p.string('logGroupIdentifier')
  if (name !== undefined && ident !== undefined)
    p.fail('LogGroup name and LogGroup ARN are mutually exclusive parameters.')
  const ref = name ?? ident
  if (ref === undefined) p.fail('Either logGroupName or logGroupIdentifier is required.')
  let key = ref
  if (ref.startsWith('arn:')) {
    const m = /:log-group:([^:]+)(?::\*)?$/.exec(ref)
    key = m?.[1] ?? ref
  }
  const g = world.logGroupByName.get(key)
  if (!g || (ref.startsWith('arn:') && !ref.startsWith(g.arn))) groupNotFound()
  return g
}

function storedBytes(g: LogGroupEntry): number {
  let n = 0
  for (const s of g.spec.streams) for (const e of s.events) n += e.message.length + 26
  for (const gen of g.spec.generate) n += gen.count * 180
  return n
}

interface StreamInfo {
  name: string
  first?: number
  last?: number
  lastIngestion?: number
  bytes: number
}

function streamsOf(g: LogGroupEntry): StreamInfo[] {
  const map = new Map<string, StreamInfo>()
  const get = (name: string) => {
    let s = map.get(name)
    if (!s) map.set(name, (s = { name, bytes: 0 }))
    return s
  }
  const widen = (s: StreamInfo, first: number, last: number, ing: number) => {
    s.first = s.first === undefined ? first : Math.min(s.first, first)
    s.last = s.last === undefined ? last : Math.max(s.last, last)
    s.lastIngestion = s.lastIngestion === undefined ? ing : Math.max(s.lastIngestion, ing)
  }
  for (const st of g.spec.streams) {
    const s = get(st.name)
    const first = st.events[0]
    const last = st.events[st.events.length - 1]
    if (first && last) widen(s, first.t, last.t, last.ingestionTime)
    for (const e of st.events) s.bytes += e.message.length
  }
  for (const gen of g.spec.generate) {
    for (const n of gen.streamNames) {
      const s = get(n)
      if (gen.count > 0) widen(s, gen.from, gen.to - 1, gen.to + 1000)
      s.bytes += Math.round((gen.count * 160) / gen.streamNames.length)
    }
  }
  return [...map.values()]
}

// ---------------------------------------------------------------------------------------------
// FilterLogEvents

/** The position of the last event examined: (timestamp, source index, event index). */
interface Cursor {
  t: number
  s: number
  i: number
}

const MAX_KEY = Number.MAX_SAFE_INTEGER

interface FilterState {
  forward: boolean
  cursor?: Cursor
  /** The request's time range, fixed by the first call of a pagination. */
  start: number
  end: number
}

const ZEROS = '0'.repeat(32)
const pad = (n: number, w: number) => {
  const d = String(n)
  return d.length >= w ? d : ZEROS.slice(0, w - d.length) + d
}

/** A 56-digit event id (like the real ones), unique per (timestamp, source, index). */
function eventId(ts: number, s: number, i: number): string {
  return pad(ts, 20) + pad(s, 4) + pad(i, 32)
}

/** First index of source `s` after (forward) or before (backward) the cursor. */
function resume(src: LogSource, s: number, c: Cursor | undefined, st: FilterState): number {
  if (st.forward) {
    if (!c) return lowerBound(src, st.start)
    if (s < c.s) return upperBound(src, c.t)
    if (s === c.s) return c.i === MAX_KEY ? upperBound(src, c.t) : c.i + 1
    return lowerBound(src, c.t)
  }
  if (!c) return upperBound(src, st.end) - 1
  if (s > c.s) return lowerBound(src, c.t) - 1
  if (s === c.s) return c.i === MAX_KEY ? lowerBound(src, c.t) - 1 : c.i - 1
  return upperBound(src, c.t) - 1
}

function filterLogEvents(p: ParamReader, world: World): unknown {
  const g = resolveGroup(p, world)
  const names = p.stringList('logStreamNames')
  const prefix = p.string('logStreamNamePrefix')
  if (names && names.length > 0 && prefix !== undefined)
    p.fail('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.')
  if (names && names.length > 100) p.fail('logStreamNames can have at most 100 items.')
  const limit = p.int('limit', 1, FILTER_MAX_EVENTS) ?? FILTER_MAX_EVENTS
  const matcher = compileFilterPattern(p.string('filterPattern'))
  const token = p.string('nextToken')
  const paging = g.spec.paging

  let st: FilterState
  if (token !== undefined && token !== '') {
    const d = decodeToken('FilterLogEvents', token)
    if (!d || d.g !== g.spec.name || typeof d.start !== 'number' || typeof d.end !== 'number')
      p.fail('The specified nextToken is invalid.')
    const c = d.c as Cursor | undefined
    st = { forward: d.f === true, start: d.start, end: d.end }
    if (c) st.cursor = c
  } else {
    const start = p.number('startTime') ?? 0
    const end = p.number('endTime') ?? MAX_KEY
    if (end < start) p.fail('endTime must be greater than or equal to startTime.')
    st = { forward: p.bool('startFromHead') ?? true, start, end }
  }

  const sources = g.sources
  // Which streams of each source may be read.
  const allowed = sources.map(src =>
    src.streamNames.map(n =>
      names && names.length > 0 ? names.includes(n) : prefix ? n.startsWith(prefix) : true
    )
  )
  const pos = sources.map((src, s) =>
    allowed[s]?.some(Boolean) ? resume(src, s, st.cursor, st) : -1
  )
  const inRange = (s: number): boolean => {
    const src = sources[s] as LogSource
    const i = pos[s] as number
    if (i < 0 || i >= src.length) return false
    const t = src.ts(i)
    return st.forward ? t <= st.end : t >= st.start
  }

  // A bounded slice of log time per call, like the real service's scan.
  let sliceLimit: number | undefined
  if (paging.sliceMs !== undefined) {
    let from = st.cursor?.t
    if (from === undefined) {
      // The first call starts at the first event in range, not at the epoch.
      let best: number | undefined
      sources.forEach((src, s) => {
        if (!inRange(s)) return
        const t = src.ts(pos[s] as number)
        if (best === undefined || (st.forward ? t < best : t > best)) best = t
      })
      from = best
    }
    if (from !== undefined) sliceLimit = st.forward ? from + paging.sliceMs : from - paging.sliceMs
  }

  const events: unknown[] = []
  let bytes = 0
  let examined = 0
  let cursor = st.cursor
  let stoppedEarly = false
  for (;;) {
    // Next event in key order over all sources.
    let best = -1
    let bestT = 0
    for (let s = 0; s < sources.length; s++) {
      if (!inRange(s)) continue
      const t = (sources[s] as LogSource).ts(pos[s] as number)
      if (best < 0 || (st.forward ? t < bestT : t > bestT)) {
        best = s
        bestT = t
      }
    }
    if (best < 0) break // nothing left in range
    if (sliceLimit !== undefined && (st.forward ? bestT >= sliceLimit : bestT <= sliceLimit)) {
      // End of this call's slice: everything before the slice boundary has been searched.
      cursor = st.forward
        ? { t: sliceLimit - 1, s: MAX_KEY, i: MAX_KEY }
        : { t: sliceLimit + 1, s: -1, i: MAX_KEY }
      stoppedEarly = true
      break
    }
    if (examined >= paging.scanLimit || events.length >= limit) {
      stoppedEarly = true
      break
    }
    const src = sources[best] as LogSource
    const i = pos[best] as number
    const streamIdx = src.stream(i)
    if (allowed[best]?.[streamIdx]) {
      const message = src.message(i)
      if (matcher(message)) {
        const size = Buffer.byteLength(message, 'utf8') + 26
        if (bytes + size > paging.maxPageBytes && events.length > 0) {
          stoppedEarly = true
          break
        }
        bytes += size
        events.push({
          logStreamName: src.streamNames[streamIdx],
          timestamp: bestT,
          message,
          ingestionTime: src.ingestion(i),
          eventId: eventId(bestT, best, i)
        })
      }
    }
    examined++
    cursor = { t: bestT, s: best, i }
    pos[best] = st.forward ? i + 1 : i - 1
  }

  const out: { events: unknown[]; searchedLogStreams: unknown[]; nextToken?: string } = {
    events,
    searchedLogStreams: []
  }
  if (stoppedEarly)
    out.nextToken = encodeToken('FilterLogEvents', {
      g: g.spec.name,
      f: st.forward,
      start: st.start,
      end: st.end,
      c: cursor
    })
  return out
}

const handlers: Record<string, Handler> = {
  DescribeLogGroups(p, world) {
    const prefix = p.string('logGroupNamePrefix')
    const pattern = p.string('logGroupNamePattern')
    if (prefix !== undefined && pattern !== undefined)
      p.fail('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.')
    // logGroupIdentifiers: 1–50 names or ARNs, and no other filter (DescribeLogGroups reference).
    const idents = p.stringList('logGroupIdentifiers')
    if (idents !== undefined) {
      if (prefix !== undefined || pattern !== undefined)
        p.fail(
          'logGroupIdentifiers cannot be specified with logGroupNamePrefix or logGroupNamePattern.'
        )
      if (idents.length < 1 || idents.length > MAX_DESCRIBE_IDENTIFIERS)
        p.fail(
          `1 validation error detected: Value at 'logGroupIdentifiers' failed to satisfy constraint: Member must have length ${idents.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_DESCRIBE_IDENTIFIERS}`}`
        )
    }
    const wanted = idents && new Set(idents.map(i => i.replace(/:\*$/, '')))
    const limit = p.int('limit', 1, 50) ?? 50
    const groups = world.logGroups.filter(
      g =>
        (prefix === undefined || g.spec.name.startsWith(prefix)) &&
        (pattern === undefined || g.spec.name.toLowerCase().includes(pattern.toLowerCase())) &&
        (!wanted || wanted.has(g.spec.name) || wanted.has(g.arn))
    )
    const offset = offsetFromToken('DescribeLogGroups', p.string('nextToken'), m => p.fail(m))
    const slice = groups.slice(offset, offset + limit)
    const end = offset + slice.length
    return {
      logGroups: slice.map(g => ({
        logGroupName: g.spec.name,
        creationTime: g.spec.createdAt,
        ...(g.spec.retentionInDays !== undefined
          ? { retentionInDays: g.spec.retentionInDays }
          : {}),
        metricFilterCount: 0,
        arn: `${g.arn}:*`,
        storedBytes: storedBytes(g),
        logGroupClass: 'STANDARD',
        logGroupArn: g.arn
      })),
      ...(end < groups.length ? { nextToken: encodeToken('DescribeLogGroups', { o: end }) } : {})
    }
  },

  DescribeLogStreams(p, world) {
    const g = resolveGroup(p, world)
    const prefix = p.string('logStreamNamePrefix')
    const orderBy = p.string('orderBy') ?? 'LogStreamName'
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime')
      p.fail('orderBy must be LogStreamName or LastEventTime.')
    if (orderBy === 'LastEventTime' && prefix !== undefined)
      p.fail('Cannot order by LastEventTime with a logStreamNamePrefix.')
    const descending = p.bool('descending') ?? false
    const limit = p.int('limit', 1, 50) ?? 50
    const streams = streamsOf(g).filter(s => prefix === undefined || s.name.startsWith(prefix))
    streams.sort((a, b) =>
      orderBy === 'LastEventTime'
        ? (a.last ?? 0) - (b.last ?? 0) || (a.name < b.name ? -1 : 1)
        : a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : 0
    )
    if (descending) streams.reverse()
    const offset = offsetFromToken('DescribeLogStreams', p.string('nextToken'), m => p.fail(m))
    const slice = streams.slice(offset, offset + limit)
    const end = offset + slice.length
    return {
      logStreams: slice.map(s => ({
        logStreamName: s.name,
        creationTime: s.first ?? g.spec.createdAt,
        ...(s.first !== undefined ? { firstEventTimestamp: s.first } : {}),
        ...(s.last !== undefined ? { lastEventTimestamp: s.last } : {}),
        ...(s.lastIngestion !== undefined ? { lastIngestionTime: s.lastIngestion } : {}),
        arn: `${g.arn}:log-stream:${s.name}`,
        storedBytes: 0
      })),
      ...(end < streams.length ? { nextToken: encodeToken('DescribeLogStreams', { o: end }) } : {})
    }
  },

  FilterLogEvents: filterLogEvents,

  // Logs Insights: sim/insights.ts
  ...INSIGHTS_HANDLERS
}

/** CloudWatch Logs operation names the simulator implements. */
export const LOGS_OPERATIONS = Object.keys(handlers)

/** Runs a Logs operation; throws SimError for API errors. */
export function handleLogs(op: string, params: Params, world: World): unknown {
  const h = handlers[op]
  if (!h) throw new SimError('UnknownOperationException', `Unknown operation ${op}`)
  return h(reader(params), world)
}

/** The resource named in an AccessDenied message for a Logs request. */
export function logsResource(params: Params, world: World, op?: string): string {
  // DescribeLogGroups is authorized on no particular group, whatever the request names.
  if (op === 'DescribeLogGroups')
    return `arn:aws:logs:${world.scenario.region}:${world.scenario.accountId}:log-group::log-stream:`
  const list = Array.isArray(params.logGroupNames) ? params.logGroupNames : []
  const name =
    typeof params.logGroupName === 'string'
      ? params.logGroupName
      : typeof params.logGroupIdentifier === 'string'
        ? params.logGroupIdentifier
        : typeof list[0] === 'string'
          ? list[0]
          : ''
  // Query operations (GetQueryResults, StopQuery) name no log group.
  if (name === '') return `arn:aws:logs:${world.scenario.region}:${world.scenario.accountId}:*`
  if (name.startsWith('arn:')) return name
  return `${world.arns.logGroup(name)}:log-stream:`
}
