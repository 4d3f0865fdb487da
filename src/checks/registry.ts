/**
 * The health checks, as a list. Each entry says how to run its check from the settings and what
 * its findings are; runHealth runs them all at once, findingsOf and the renderers (see
 * report/checks.ts, keyed by the same ids) go through them in this order.
 *
 * Adding a check: its file in checks/ (the reads, a result type in types.ts, a findings
 * function), one entry here, and its view in report/checks.ts (state-file entries, rows of the
 * summary's Checks table, lines of the text report); TypeScript asks for the view.
 */
import type { AwsClients } from '../aws/clients.js'
import type { Settings } from '../config.js'
import { mapLimit } from '../util/concurrency.js'
import { hostPort } from '../util/net.js'
import {
  domainFindings,
  endpointFindings,
  healthy2xx,
  healthy2xxOr3xx,
  probeHttp as realProbeHttp
} from './http.js'
import { checkServices, servicesFindings } from './services.js'
import { checkTargets, targetsFindings } from './targets.js'
import { checkTls as realCheckTls, tlsFindings } from './tls.js'
import type { Finding, HealthReport, ServicesCheck, TargetsCheck } from './types.js'

/** Collaborators of a health run. */
export interface HealthDeps {
  clients: Pick<AwsClients, 'ecs' | 'elbv2'> & Partial<Pick<AwsClients, 'cloudwatch'>>
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
  | 'targetHealthSource'
>

/** The results of every check, as the report holds them. */
export type CheckResults = Pick<
  HealthReport,
  'domainHttp' | 'endpoints' | 'services' | 'targets' | 'tls'
>

/** What a check runs with. */
export interface CheckContext {
  settings: HealthSettings
  deps: HealthDeps
  now: () => Date
  /** When the run started. */
  started: Date
  /** The services check's result (the target groups are those of the checked services). */
  services: () => Promise<ServicesCheck>
}

export interface CheckDefinition {
  /** The check's key in the state file and in findings (`http` stands for `http_<name>`). */
  id: string
  run(ctx: CheckContext): Promise<Partial<CheckResults>>
  findings(c: CheckResults): Finding[]
}

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

/** The checks, in the order of findings, the summary's Checks table and the state file. */
export const CHECKS = [
  {
    id: 'domain_http',
    async run({ settings, deps }) {
      if (!settings.domain) return {}
      const probe = deps.probeHttp ?? realProbeHttp
      const url = `https://${hostPort(settings.domain.host, settings.domain.port)}/`
      return {
        domainHttp: await probe('domain', url, {
          timeoutMs: settings.httpTimeoutMs,
          followRedirects: true,
          maxRedirects: 5,
          isHealthy: healthy2xx
        })
      }
    },
    findings: c => domainFindings(c.domainHttp)
  },
  {
    id: 'http',
    async run({ settings, deps }) {
      const probe = deps.probeHttp ?? realProbeHttp
      return {
        endpoints: await mapLimit(settings.endpoints, settings.concurrency, e =>
          probe(e.name, e.url, {
            timeoutMs: settings.httpTimeoutMs,
            followRedirects: false,
            maxRedirects: 0,
            isHealthy: healthy2xxOr3xx
          })
        )
      }
    },
    findings: c => endpointFindings(c.endpoints)
  },
  {
    id: 'ecs_services',
    async run({ services }) {
      return { services: await services() }
    },
    findings: c => servicesFindings(c.services)
  },
  {
    id: 'alb_targets',
    async run({ settings, deps, services, now }) {
      const s = await services()
      const targets: TargetsCheck =
        s.status === 'error'
          ? {
              status: 'skipped',
              targetGroups: {},
              issues: ['not checked: the services (and so their target groups) could not be read']
            }
          : await checkTargets(
              deps.clients.elbv2,
              Object.values(s.services),
              settings.concurrency,
              {
                source: settings.targetHealthSource,
                // Read through the getter only when used: the client is built on first use.
                ...('cloudwatch' in deps.clients
                  ? { cloudwatch: () => deps.clients.cloudwatch! }
                  : {}),
                now: now()
              }
            )
      return { targets }
    },
    findings: c => targetsFindings(c.targets)
  },
  {
    id: 'ssl',
    async run({ settings, deps, now }) {
      const tls = deps.checkTls ?? realCheckTls
      return {
        tls: await mapLimit(tlsTargets(settings), settings.concurrency, t =>
          tls(t.host, t.port, {
            timeoutMs: settings.httpTimeoutMs,
            warningDays: settings.tlsWarningDays,
            criticalDays: settings.tlsCriticalDays,
            now
          })
        )
      }
    },
    findings: c => tlsFindings(c.tls)
  }
] as const satisfies readonly CheckDefinition[]

/** Ids of the registered checks. */
export type CheckId = (typeof CHECKS)[number]['id']

/** Reads the services once for every check that needs them. */
export function servicesOnce(ctx: Omit<CheckContext, 'services'>): () => Promise<ServicesCheck> {
  let p: Promise<ServicesCheck> | undefined
  return () =>
    (p ??= checkServices(ctx.deps.clients.ecs, {
      cluster: ctx.settings.cluster,
      ...(ctx.settings.services ? { services: ctx.settings.services } : {}),
      concurrency: ctx.settings.concurrency,
      now: ctx.started,
      recentMs: ctx.settings.minutes * 60_000
    }).then(s => {
      if (s.status !== 'error') ctx.deps.onServices?.(s)
      return s
    }))
}
