/**
 * The HTTP server: one endpoint speaking ECS and CloudWatch Logs (JSON 1.1 with X-Amz-Target),
 * CloudWatch metrics (JSON 1.0, awsQueryCompatible) and ELBv2 (form-encoded query protocol with XML
 * replies). Signatures are accepted unverified.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  CLOUDWATCH_FAULT_ERRORS,
  CLOUDWATCH_TARGET_PREFIX,
  cloudwatchErrorWire,
  handleCloudwatch
} from './cloudwatch.js'
import { handleEcs, ecsResource, ECS_TARGET_PREFIX } from './ecs.js'
import { handleElbv2, parseQueryParams } from './elbv2.js'
import { ScenarioError, SimError } from './errors.js'
import { FaultEngine, checkFaults, type FaultConfig, type FaultDecision } from './faults.js'
import { configureInsights, type InsightsOptions } from './insights.js'
import { handleLogs, logsResource, LOGS_TARGET_PREFIX } from './logs.js'
import type { Params } from './params.js'
import { uuidFrom } from './prng.js'
import { checkScenario, loadScenario, type NormalizedScenario, type Scenario } from './scenario.js'
import { Checker } from './validate.js'
import { World } from './world.js'
import { xmlErrorResponse, xmlResponse } from './xml.js'

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** A scenario object, or the path of a scenario JSON file. */
  scenario: Scenario | string
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string
  /**
   * Clock in epoch ms (default `Date.now`). Read at start to resolve the scenario's relative
   * times, then once per request: timeline steps resolve their times against it, and stopped
   * tasks older than an hour disappear by it.
   */
  now?: () => number
  /** Keep at most this many request records (oldest dropped). Default 100000. */
  maxRecords?: number
  /** Logs Insights limits and pace (concurrent queries, polls to complete). */
  insights?: InsightsOptions
}

/** One recorded request. */
export interface RecordedRequest {
  /** Operation name, e.g. `ListServices`. */
  operation: string
  /** `ecs`, `logs`, `cloudwatch`, `elbv2` or `unknown`. */
  service: 'ecs' | 'logs' | 'cloudwatch' | 'elbv2' | 'unknown'
  /** Parsed parameters (JSON body, or nested query parameters without Action/Version). */
  params: unknown
  /** HTTP status sent; 0 when the connection was reset or left hanging. */
  status: number
  /** Error code sent, if any (e.g. `ThrottlingException`). */
  error?: string
}

/** A running simulator. */
export interface Simulator {
  /** `http://<host>:<port>` — use as the SDK `endpoint` / `AWS_ENDPOINT_URL`. */
  url: string
  port: number
  /** The normalized scenario being played (defaults filled in, times in epoch ms). */
  scenario: NormalizedScenario
  /** Stops listening and drops every open connection (including hanging ones). */
  close(): Promise<void>
  /** Requests per operation name since start or the last {@link Simulator.resetCounts}, faulted ones included. */
  counts(): Record<string, number>
  /** Recorded requests in arrival order. */
  requests(): RecordedRequest[]
  /** Clears counts and recorded requests. */
  resetCounts(): void
  /** Replaces the fault configuration (and restarts its per-operation sequences and quotas). */
  setFaults(f: FaultConfig): void
  /** ARN of a scenario target group by name. */
  targetGroupArn(name: string): string
  /** ARN of a service. */
  serviceArn(cluster: string, service: string): string
  /**
   * How many times DescribeServices has returned a service (what its timeline steps count; not
   * cleared by {@link Simulator.resetCounts}). 0 for an unknown service.
   */
  describeCount(cluster: string, service: string): number
}

type Protocol = 'json' | 'query'

interface Route {
  protocol: Protocol
  service: RecordedRequest['service']
  operation: string
  params: Params
  parseError?: string
}

const MAX_BODY = 16 * 1024 * 1024

/** Starts a simulator; resolves once it is listening. */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const clock = opts.now ?? Date.now
  const now = clock()
  const scenario =
    typeof opts.scenario === 'string'
      ? loadScenario(opts.scenario, now)
      : checkScenario(opts.scenario, now)
  const world = new World(scenario, clock)
  configureInsights(world, opts.insights)
  let faults = new FaultEngine(scenario.faults)
  const counts = new Map<string, number>()
  let records: RecordedRequest[] = []
  const maxRecords = opts.maxRecords ?? 100_000
  let seq = 0
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<Socket>()
  let closing = false

  const record = (r: RecordedRequest) => {
    records.push(r)
    if (records.length > maxRecords) records = records.slice(records.length - maxRecords)
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) chunks.push(c)
    })
    req.on('end', () => {
      if (closing) return
      const body = Buffer.concat(chunks).toString('utf8')
      if (size > MAX_BODY) {
        sendJsonError(
          res,
          nextId(),
          new SimError('SerializationException', 'Request body too large')
        )
        return
      }
      if (handleControl(req, res, body)) return
      const route = routeRequest(req, body)
      const id = nextId()
      counts.set(route.operation, (counts.get(route.operation) ?? 0) + 1)
      const decision = faults.decide(route.operation)
      const run = () => respond(req, res, route, decision, id)
      if (decision.latencyMs > 0) {
        const t = setTimeout(() => {
          timers.delete(t)
          if (!closing) run()
        }, decision.latencyMs)
        timers.add(t)
      } else run()
    })
    req.on('error', () => undefined)
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('clientError', (_e, socket) => socket.destroy())

  function nextId(): string {
    return uuidFrom('request', ++seq)
  }

  /** Control endpoints for out-of-process use (CLI + benchmarks): /__sim/counts etc. */
  function handleControl(req: IncomingMessage, res: ServerResponse, body: string): boolean {
    const url = req.url ?? '/'
    if (!url.startsWith('/__sim/')) return false
    const send = (status: number, v: unknown) => {
      const text = JSON.stringify(v)
      res.writeHead(status, { 'content-type': 'application/json' }).end(text)
    }
    try {
      if (url === '/__sim/health') send(200, { ok: true })
      else if (url === '/__sim/counts') send(200, Object.fromEntries(counts))
      else if (url === '/__sim/requests') send(200, records)
      else if (url === '/__sim/reset' && req.method === 'POST') {
        resetCounts()
        send(200, { ok: true })
      } else if (url === '/__sim/faults' && req.method === 'PUT') {
        setFaults(JSON.parse(body) as FaultConfig)
        send(200, { ok: true })
      } else send(404, { error: 'unknown control endpoint' })
    } catch (e) {
      send(400, { error: (e as Error).message })
    }
    return true
  }

  function respond(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    decision: FaultDecision,
    id: string
  ) {
    const base = { operation: route.operation, service: route.service, params: route.params }
    const a = decision.action
    if (a.kind === 'hang') {
      record({ ...base, status: 0, error: 'hang' })
      return
    }
    if (a.kind === 'reset') {
      record({ ...base, status: 0, error: 'reset' })
      req.socket.destroy()
      return
    }
    let err: SimError | undefined
    let result: unknown
    const cw = route.service === 'cloudwatch'
    if (a.kind === 'throttle')
      err = cw
        ? CLOUDWATCH_FAULT_ERRORS.throttle(a.message)
        : route.protocol === 'query'
          ? new SimError('Throttling', a.message, 400)
          : new SimError('ThrottlingException', a.message, 400)
    else if (a.kind === 'error')
      err = cw
        ? CLOUDWATCH_FAULT_ERRORS.error()
        : route.protocol === 'query'
          ? new SimError(
              'InternalFailure',
              'The request processing has failed because of an unknown error, exception or failure.',
              500
            )
          : new SimError(
              'ServiceUnavailableException',
              'The service is unavailable. Please try again later.',
              503
            )
    else if (a.kind === 'accessDenied') err = accessDenied(route, a.message)
    else if (route.parseError !== undefined)
      err =
        route.protocol === 'query'
          ? new SimError('MalformedQueryString', route.parseError)
          : new SimError('SerializationException', route.parseError)
    else {
      try {
        world.tick()
        result =
          route.service === 'ecs'
            ? handleEcs(route.operation, route.params, world)
            : route.service === 'logs'
              ? handleLogs(route.operation, route.params, world)
              : route.service === 'cloudwatch'
                ? handleCloudwatch(route.operation, route.params, world)
                : route.service === 'elbv2'
                  ? handleElbv2(route.operation, route.params, world)
                  : undefined
        if (route.service === 'unknown')
          err =
            route.protocol === 'query'
              ? new SimError('InvalidAction', `Could not find operation ${route.operation}`)
              : new SimError('UnknownOperationException', `Unknown operation ${route.operation}`)
      } catch (e) {
        err =
          e instanceof SimError
            ? e
            : new SimError('InternalFailure', `Simulator error: ${(e as Error).message}`, 500)
      }
    }
    if (err) {
      record({ ...base, status: err.status, error: err.code })
      if (route.protocol === 'query') sendXmlError(res, id, err)
      else if (cw) sendCloudwatchError(res, id, err)
      else sendJsonError(res, id, err)
      return
    }
    record({ ...base, status: 200 })
    if (route.protocol === 'query') {
      const xml = xmlResponse(route.operation, result as Parameters<typeof xmlResponse>[1], id)
      res
        .writeHead(200, {
          'content-type': 'text/xml',
          'content-length': Buffer.byteLength(xml),
          'x-amzn-requestid': id
        })
        .end(xml)
    } else {
      const text = JSON.stringify(result)
      res
        .writeHead(200, {
          'content-type': cw ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1',
          'content-length': Buffer.byteLength(text),
          'x-amzn-requestid': id
        })
        .end(text)
    }
  }

  function accessDenied(route: Route, custom?: string): SimError {
    const prefix = route.service === 'elbv2' ? 'elasticloadbalancing' : route.service
    const action = `${prefix}:${route.operation}`
    const resource =
      route.service === 'ecs'
        ? ecsResource(route.operation, route.params, world)
        : route.service === 'logs'
          ? logsResource(route.params, world, route.operation)
          : undefined
    const message =
      custom ??
      `User: ${scenario.principal} is not authorized to perform: ${action}${resource ? ` on resource: ${resource}` : ''} because no identity-based policy allows the ${action} action`
    if (route.service === 'cloudwatch') return CLOUDWATCH_FAULT_ERRORS.accessDenied(message)
    return route.protocol === 'query'
      ? new SimError('AccessDenied', message, 403)
      : new SimError('AccessDeniedException', message, 400)
  }

  function resetCounts() {
    counts.clear()
    records = []
  }

  function setFaults(f: FaultConfig) {
    const c = new Checker()
    const clean = checkFaults(c, f, 'faults')
    if (c.issues.length > 0) throw new ScenarioError(c.issues, 'setFaults')
    faults = new FaultEngine(clean ?? {})
    scenario.faults = clean ?? {}
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const addr = server.address() as AddressInfo
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address

  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    scenario,
    counts: () => Object.fromEntries(counts),
    requests: () => records.map(r => ({ ...r })),
    resetCounts,
    setFaults,
    targetGroupArn: name => world.arns.targetGroup(name),
    serviceArn: (cluster, service) => world.arns.service(cluster, service),
    describeCount: (cluster, service) =>
      world.clusterByName.get(cluster)?.serviceByName.get(service)?.describes ?? 0,
    close: () =>
      new Promise<void>(resolve => {
        if (closing) return resolve()
        closing = true
        for (const t of timers) clearTimeout(t)
        timers.clear()
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
      })
  }
}

/** Works out protocol, service, operation and parameters of a request. */
function routeRequest(req: IncomingMessage, body: string): Route {
  const target = req.headers['x-amz-target']
  if (typeof target === 'string' && target !== '') {
    const dot = target.lastIndexOf('.')
    const prefix = dot >= 0 ? target.slice(0, dot) : ''
    const operation = dot >= 0 ? target.slice(dot + 1) : target
    const service =
      prefix === ECS_TARGET_PREFIX
        ? 'ecs'
        : prefix === LOGS_TARGET_PREFIX
          ? 'logs'
          : prefix === CLOUDWATCH_TARGET_PREFIX
            ? 'cloudwatch'
            : 'unknown'
    let params: Params = {}
    let parseError: string | undefined
    if (body.trim() !== '') {
      try {
        const v: unknown = JSON.parse(body)
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) params = v as Params
        else parseError = 'Request body must be a JSON object'
      } catch (e) {
        parseError = `Invalid JSON: ${(e as Error).message}`
      }
    }
    const r: Route = { protocol: 'json', service, operation: operation || 'Unknown', params }
    if (parseError !== undefined) r.parseError = parseError
    return r
  }
  const query = (req.url ?? '/').split('?')[1] ?? ''
  const ctype = String(req.headers['content-type'] ?? '')
  const form = new URLSearchParams(
    ctype.includes('application/x-www-form-urlencoded') || body.includes('Action=')
      ? `${query}&${body}`
      : query
  )
  const action = form.get('Action')
  if (action) {
    form.delete('Action')
    form.delete('Version')
    return {
      protocol: 'query',
      service: 'elbv2',
      operation: action,
      params: parseQueryParams(form)
    }
  }
  return {
    protocol: 'json',
    service: 'unknown',
    operation: 'Unknown',
    params: {},
    parseError: 'Missing X-Amz-Target header or Action parameter'
  }
}

function sendJsonError(res: ServerResponse, id: string, err: SimError) {
  const text = JSON.stringify({ __type: err.code, message: err.message })
  res
    .writeHead(err.status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': id,
      'x-amzn-errortype': err.code
    })
    .end(text)
}

/**
 * A CloudWatch (awsQueryCompatible JSON 1.0) error: `__type` and `x-amzn-errortype` name the
 * Smithy shape, `x-amzn-query-error: <awsQuery code>;<Sender|Receiver>` the code the SDK matches.
 */
function sendCloudwatchError(res: ServerResponse, id: string, err: SimError) {
  const wire = cloudwatchErrorWire(err)
  const text = JSON.stringify(wire.body)
  res
    .writeHead(err.status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': id,
      'x-amzn-errortype': wire.type,
      'x-amzn-query-error': wire.queryError
    })
    .end(text)
}

function sendXmlError(res: ServerResponse, id: string, err: SimError) {
  const xml = xmlErrorResponse(err.fault, err.code, err.message, id)
  res
    .writeHead(err.status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(xml),
      'x-amzn-requestid': id
    })
    .end(xml)
}
