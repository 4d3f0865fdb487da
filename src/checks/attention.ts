/**
 * Which services need a log diagnosis: one predicate, used by every path that picks services to
 * diagnose — the action's `auto` mode, the CLI's `health`, the early start of analyses while the
 * load-balancer checks still run, and `logs auto-diagnose` reading a state file. Pure.
 */
import type { HealthReport, ServiceHealth } from './types.js'

/** What the predicate knows of one service. */
export interface ServiceAttention {
  /** ECS health of the service; undefined when ECS did not report it. */
  health?: ServiceHealth | string | undefined
  /** The target groups the service sits behind (none known yet: empty). */
  targetGroups: readonly { status: string; unhealthy: number }[]
}

/**
 * A service needs a diagnosis when ECS shows it degraded or unhealthy, or when one of its target
 * groups has no healthy target or holds unhealthy ones. Not when it is healthy or scaled down,
 * nor when it is `failed`: DescribeServices did not find it, so there are no tasks or logs of it
 * to explain anything.
 */
export function needsDiagnosis(s: ServiceAttention): boolean {
  if (s.health === 'degraded' || s.health === 'unhealthy') return true
  return s.targetGroups.some(g => g.status === 'unhealthy' || g.unhealthy > 0)
}

/** Services and target groups in the shape both the report and the state file can give. */
interface Facts {
  services: readonly { name: string; health?: string | undefined }[]
  groups: readonly { status: string; unhealthy: number; services: readonly string[] }[]
}

/**
 * The services that need a diagnosis, those ECS alone shows first (in the services' order: they
 * are the ones whose analyses start early), then those only the load balancer shows.
 */
function pick(f: Facts): string[] {
  const names = new Set<string>()
  for (const s of f.services) {
    if (needsDiagnosis({ health: s.health, targetGroups: [] })) names.add(s.name)
  }
  const known = new Map(f.services.map(s => [s.name, s.health]))
  for (const g of f.groups) {
    for (const name of g.services) {
      if (needsDiagnosis({ health: known.get(name), targetGroups: [g] })) names.add(name)
    }
  }
  return [...names]
}

/** The services of a health report that need a diagnosis. */
export function servicesToDiagnose(r: Pick<HealthReport, 'services' | 'targets'>): string[] {
  return pick({
    services: Object.values(r.services.services),
    groups: Object.values(r.targets.targetGroups)
  })
}

/** Those of them that ECS alone shows, before the target groups are read. */
export function servicesToDiagnoseEarly(services: HealthReport['services']): string[] {
  return pick({ services: Object.values(services.services), groups: [] })
}

/** The state file's fields the predicate reads (the seed's shape, see report/state.ts). */
export interface StateFacts {
  checks?: {
    ecs_services?: { services?: Record<string, { health?: string; desired?: number }> }
    alb_targets?: {
      target_groups?: Record<
        string,
        { status?: string; unhealthy?: number; services?: string[] } | undefined
      >
    }
  }
}

/** The services of a health state file that need a diagnosis. */
export function servicesToDiagnoseInState(state: StateFacts): string[] {
  const services = state.checks?.ecs_services?.services ?? {}
  const groups = state.checks?.alb_targets?.target_groups ?? {}
  return pick({
    services: Object.entries(services).map(([name, v]) => ({ name, health: v.health })),
    groups: Object.values(groups).map(g => ({
      status: g?.status ?? 'unknown',
      unhealthy: g?.unhealthy ?? 0,
      services: g?.services ?? []
    }))
  })
}

/**
 * The `unhealthy-services` output: services that are not healthy, which — unlike
 * {@link needsDiagnosis} — includes `failed` (missing) services, and counts a target group only
 * when it has no healthy target.
 */
export function unhealthyServices(r: Pick<HealthReport, 'services' | 'targets'>): string[] {
  const names = new Set<string>()
  for (const s of Object.values(r.services.services)) {
    if (s.health !== 'healthy' && s.health !== 'scaled_down') names.add(s.name)
  }
  for (const g of Object.values(r.targets.targetGroups)) {
    if (g.status === 'unhealthy') for (const s of g.services) names.add(s)
  }
  return [...names]
}
