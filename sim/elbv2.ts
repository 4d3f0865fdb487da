/** ELBv2 (AWS query protocol, XML replies): DescribeTargetGroups and DescribeTargetHealth. */
import { SimError } from './errors.js'
import { encodeToken, offsetFromToken, ParamReader, type Params } from './params.js'
import type { XmlObject } from './xml.js'
import type { TargetGroupEntry, World } from './world.js'

/** The query-protocol API version of ELBv2. */
export const ELBV2_VERSION = '2015-12-01'

/**
 * At most this many ARNs per DescribeTargetGroups call: AWS answers more with
 * "ValidationError: You cannot describe more than '20' target groups at a time".
 */
export const MAX_TARGET_GROUP_ARNS = 20

type Handler = (p: ParamReader, world: World) => XmlObject

function tgNotFound(): never {
  throw new SimError('TargetGroupNotFound', 'One or more target groups not found')
}

function targetGroupXml(e: TargetGroupEntry): XmlObject {
  const t = e.spec
  const http = t.protocol === 'HTTP' || t.protocol === 'HTTPS'
  return {
    TargetGroupArn: e.arn,
    TargetGroupName: t.name,
    Protocol: t.protocol,
    Port: t.port,
    VpcId: t.vpcId,
    HealthCheckProtocol: t.healthCheckProtocol,
    HealthCheckPort: t.healthCheckPort,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: http ? t.healthCheckPath : undefined,
    Matcher: http ? { HttpCode: t.matcher } : undefined,
    LoadBalancerArns: e.lbArn ? [e.lbArn] : [],
    TargetType: t.targetType,
    ProtocolVersion: http ? 'HTTP1' : undefined,
    IpAddressType: 'ipv4'
  }
}

const handlers: Record<string, Handler> = {
  DescribeTargetGroups(p, world) {
    const lbArn = p.string('LoadBalancerArn')
    const arns = p.stringList('TargetGroupArns')
    const names = p.stringList('Names')
    const given = [lbArn !== undefined, !!arns?.length, !!names?.length].filter(Boolean).length
    if (given > 1)
      p.fail(
        'Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time'
      )
    const pageSize = p.int('PageSize', 1, 400) ?? 400
    let groups: TargetGroupEntry[]
    if (arns && arns.length > 0) {
      if (arns.length > MAX_TARGET_GROUP_ARNS)
        p.fail(`You cannot describe more than '${MAX_TARGET_GROUP_ARNS}' target groups at a time`)
      for (const a of arns)
        if (
          !/^arn:aws[a-z-]*:elasticloadbalancing:[^:]*:\d{12}:targetgroup\/[^/]+\/[0-9a-f]+$/.test(
            a
          )
        )
          p.fail(`'${a}' is not a valid target group ARN`)
      groups = arns.map(a => world.tgByArn.get(a) ?? tgNotFound())
    } else if (names && names.length > 0) {
      groups = names.map(n => world.tgByName.get(n) ?? tgNotFound())
    } else if (lbArn !== undefined) {
      groups = world.targetGroups.filter(g => g.lbArn !== undefined && g.lbArn === lbArn)
      if (groups.length === 0)
        throw new SimError('LoadBalancerNotFound', 'One or more load balancers not found')
    } else groups = world.targetGroups
    const offset = offsetFromToken('DescribeTargetGroups', p.string('Marker'), m => p.fail(m))
    const slice = groups.slice(offset, offset + pageSize)
    const end = offset + slice.length
    return {
      TargetGroups: slice.map(g => targetGroupXml(g)),
      NextMarker: end < groups.length ? encodeToken('DescribeTargetGroups', { o: end }) : undefined
    }
  },

  DescribeTargetHealth(p, world) {
    const arn = p.string('TargetGroupArn')
    if (arn === undefined || arn === '')
      return p.fail(
        "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null"
      )
    const e = world.tgByArn.get(arn) ?? tgNotFound()
    const tg = e.spec
    const wanted = p.params.Targets
    let targets = tg.targets.map(t => ({ t, registered: true }))
    if (Array.isArray(wanted) && wanted.length > 0) {
      targets = wanted.map(w => {
        const id = typeof w === 'object' && w !== null ? String((w as Params).Id ?? '') : ''
        const portRaw = typeof w === 'object' && w !== null ? (w as Params).Port : undefined
        const port = portRaw === undefined ? undefined : Number(portRaw)
        const found = tg.targets.find(t => t.id === id && (port === undefined || t.port === port))
        return found
          ? { t: found, registered: true }
          : {
              t: {
                id,
                port: port ?? tg.port,
                state: 'unused' as const,
                reason: 'Target.NotRegistered',
                description: 'Target is not registered to the target group'
              },
              registered: false
            }
      })
    }
    return {
      TargetHealthDescriptions: targets.map(({ t }) => ({
        Target: { Id: t.id, Port: t.port, AvailabilityZone: t.availabilityZone },
        HealthCheckPort:
          tg.healthCheckPort === 'traffic-port' ? String(t.port) : tg.healthCheckPort,
        TargetHealth: { State: t.state, Reason: t.reason, Description: t.description }
      }))
    }
  }
}

/** ELBv2 operation names the simulator implements. */
export const ELBV2_OPERATIONS = Object.keys(handlers)

/** Runs an ELBv2 action and returns the `<Action>Result` content; throws SimError for API errors. */
export function handleElbv2(action: string, params: Params, world: World): XmlObject {
  const h = handlers[action]
  if (!h)
    throw new SimError(
      'InvalidAction',
      `Could not find operation ${action} for version ${ELBV2_VERSION}`
    )
  return h(new ParamReader(params, { code: 'ValidationError' }), world)
}

/**
 * Turns flat query parameters (`TargetGroupArns.member.1=…`, `Targets.member.1.Id=…`) into nested
 * values: `member` lists become arrays, dotted names become objects.
 */
export function parseQueryParams(form: URLSearchParams): Params {
  const root: Record<string, unknown> = {}
  for (const [key, value] of form) {
    const parts = key.split('.')
    let cur = root
    for (let i = 0; i < parts.length - 1; i++) {
      const k = parts[i] as string
      const next = cur[k]
      if (typeof next !== 'object' || next === null) cur[k] = {}
      cur = cur[k] as Record<string, unknown>
    }
    cur[parts[parts.length - 1] as string] = value
  }
  return listify(root) as Params
}

function listify(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v
  const o = v as Record<string, unknown>
  const keys = Object.keys(o)
  if (keys.length === 1 && keys[0] === 'member' && typeof o.member === 'object' && o.member) {
    const m = o.member as Record<string, unknown>
    return Object.keys(m)
      .filter(k => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map(k => listify(m[k]))
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = listify(o[k])
  return out
}
