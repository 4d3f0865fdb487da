/**
 * Runs the five health checks of SPEC §2 concurrently and assembles the report. Every
 * collaborator (AWS clients, probes, clock) is passed in, so tests can drive it directly.
 */
import type { AwsClients } from './aws/clients.js'
import type { Settings } from './config.js'
import { probeHttp as realProbeHttp, healthy2xx, healthy2xxOr3xx } from './checks/http.js'
import { findingsOf, overallOf } from './checks/judge.js'
import { checkServices } from './checks/services.js'
import { checkTargets } from './checks/targets.js'
import { checkTls as realCheckTls } from './checks/tls.js'
import type {
  HealthReport,
  HttpProbeResult,
  ServicesCheck,
  TargetsCheck,
  TlsResult
} from './checks/types.js'
import { mapLimit } from './util/concurrency.js'
import { hostPort } from './util/net.js'

/** Collaborators of a health run. */
export interface HealthDeps {
  clients: Pick<AwsClients, 'ecs' | 'elbv2'>
  /** Wall clock. */
  now?: () => Date
  probeHttp?: typeof realProbeHttp
  checkTls?: typeof realCheckTls
  /** Called once the services are read, before the load-balancer checks (e.g. to start diagnoses). */
  onServices?: (services: ServicesCheck) => void
}

/** Health-related subset of the settings. */
export type HealthSettings = Pick<
  Settings,
  | 'cluster'
  | 'region'
  | 'domain'
  | 'services'
  | 'endpoints'
  | 'minutes'
  | 'httpTimeoutMs'
  | 'tlsWarningDays'
  | 'tlsCriticalDays'
  | 'concurrency'
>

/** TLS targets: the domain first, then each https endpoint's host, without repeats. */
export function tlsTargets(
  s: Pick<Settings, 'domain' | 'endpoints'>
): { host: string; port: number }[] {
  const out: { host: string; port: number }[] = []
  const add = (host: string, port: number): void => {
    if (!out.some(t => t.host === host && t.port === port)) out.push({ host, port })
  }
  if (s.domain) add(s.domain.host, s.domain.port)
  for (const e of s.endpoints) {
    const u = new URL(e.url)
    if (u.protocol === 'https:')
      add(u.hostname.replace(/^\[|\]$/g, ''), u.port ? Number(u.port) : 443)
  }
  return out
}

/**
 * Runs every check and returns the report. Throws only `FatalError` (cluster not found,
 * no credentials); a failing AWS call or probe is reported inside its check.
 */
export async function runHealth(settings: HealthSettings, deps: HealthDeps): Promise<HealthReport> {
  const now = deps.now ?? (() => new Date())
  const probe = deps.probeHttp ?? realProbeHttp
  const tls = deps.checkTls ?? realCheckTls
  const started = now()
  const t0 = performance.now()

  const domainP: Promise<HttpProbeResult | undefined> = settings.domain
    ? probe('domain', `https://${hostPort(settings.domain.host, settings.domain.port)}/`, {
        timeoutMs: settings.httpTimeoutMs,
        followRedirects: true,
        maxRedirects: 5,
        isHealthy: healthy2xx
      })
    : Promise.resolve(undefined)
  const endpointsP = mapLimit(settings.endpoints, settings.concurrency, e =>
    probe(e.name, e.url, {
      timeoutMs: settings.httpTimeoutMs,
      followRedirects: false,
      maxRedirects: 0,
      isHealthy: healthy2xxOr3xx
    })
  )
  const tlsP: Promise<TlsResult[]> = mapLimit(tlsTargets(settings), settings.concurrency, t =>
    tls(t.host, t.port, {
      timeoutMs: settings.httpTimeoutMs,
      warningDays: settings.tlsWarningDays,
      criticalDays: settings.tlsCriticalDays,
      now
    })
  )
  const awsP = (async () => {
    const services = await checkServices(deps.clients.ecs, {
      cluster: settings.cluster,
      ...(settings.services ? { services: settings.services } : {}),
      concurrency: settings.concurrency,
      now: started,
      recentMs: settings.minutes * 60_000
    })
    if (services.status !== 'error') deps.onServices?.(services)
    const targets: TargetsCheck =
      services.status === 'error'
        ? {
            status: 'skipped',
            targetGroups: {},
            issues: ['not checked: the services (and so their target groups) could not be read']
          }
        : await checkTargets(
            deps.clients.elbv2,
            Object.values(services.services),
            settings.concurrency
          )
    return { services, targets }
  })()

  const [domainHttp, endpoints, tlsResults, aws] = await Promise.all([
    domainP,
    endpointsP,
    tlsP,
    awsP
  ])
  const checks = {
    ...(domainHttp ? { domainHttp } : {}),
    endpoints,
    services: aws.services,
    targets: aws.targets,
    tls: tlsResults
  }
  const findings = findingsOf(checks)
  return {
    timestamp: started.toISOString(),
    epoch: Math.floor(started.getTime() / 1000),
    durationMs: Math.round(performance.now() - t0),
    overall: overallOf(findings),
    cluster: settings.cluster,
    region: settings.region,
    ...(settings.domain ? { domain: hostPort(settings.domain.host, settings.domain.port) } : {}),
    ...checks,
    findings
  }
}
