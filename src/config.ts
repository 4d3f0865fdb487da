/**
 * The single source of truth for settings. Settings are env-style keys; the action maps
 * each of its inputs onto the same keys (an empty input falls back to the environment), and the
 * CLI maps its flags onto them, so one parser and one validator serve action, CLI and tests.
 * Nothing else in the product reads `process.env` or action inputs.
 */
import path from 'node:path'
import { ConfigError } from './errors.js'

/** Run modes of the action. */
export const MODES = ['auto', 'health', 'diagnose', 'summary', 'errors', 'restarts'] as const
export type Mode = (typeof MODES)[number]

export const FAIL_ON = ['degraded', 'unhealthy', 'never'] as const
export type FailOn = (typeof FAIL_ON)[number]

export const COMMENT_ON_PR = ['auto', 'always', 'on-failure', 'never'] as const
export type CommentOnPr = (typeof COMMENT_ON_PR)[number]

/** When incident issues are kept: on scheduled and manual runs, always, or never. */
export const INCIDENT_MODES = ['auto', 'always', 'never'] as const
export type IncidentMode = (typeof INCIDENT_MODES)[number]

export const INCIDENT_SCOPE = ['cluster', 'service'] as const
export type IncidentScopeSetting = (typeof INCIDENT_SCOPE)[number]

/** When the run history is written: with incidents (scheduled runs), on every run, or never. */
export const HISTORY_MODES = ['auto', 'always', 'off'] as const
export type HistoryMode = (typeof HISTORY_MODES)[number]

/** How logs are read: FilterLogEvents, Logs Insights, or chosen by volume. */
export const LOG_ENGINES = ['auto', 'filter', 'insights'] as const
export type LogEngine = (typeof LOG_ENGINES)[number]

/**
 * Where target health comes from: DescribeTargetHealth per group (`api`), the load balancers'
 * CloudWatch host counts with DescribeTargetHealth only where those say something is wrong
 * (`metrics`), or metrics only for more groups than the ELBv2 burst (`auto`).
 */
export const TARGET_HEALTH_SOURCES = ['auto', 'api', 'metrics'] as const
export type TargetHealthSource = (typeof TARGET_HEALTH_SOURCES)[number]

/**
 * The client-side AWS rate limiter: the documented quotas (`default`), `off`, or the documented
 * quotas scaled by a factor (e.g. 0.5 when several schedules share an account).
 */
export type RateLimitSetting = 'default' | 'off' | number

/** A named HTTP endpoint to probe. */
export interface Endpoint {
  name: string
  url: string
}

/** Every setting of a run, validated and typed. */
export interface Settings {
  /** ECS cluster name or ARN (`ECS_CLUSTER`). */
  cluster: string
  /** AWS region (`ECS_REGION`, else `AWS_REGION`, else us-east-1). */
  region: string
  /** Domain for the HTTP probe and the TLS check (`ECS_DOMAIN`, `host[:port]`). */
  domain?: { host: string; port: number }
  /** Services to check (`ECS_SERVICES`); undefined means every service of the cluster. */
  services?: string[]
  /** Health state file (`ECS_HEALTH_STATE`). */
  stateFile: string
  /** Output directory for alerts and reports (`ECS_HEALTH_OUTDIR`). */
  outDir: string
  /** Log group name pattern; `{service}` is replaced (`ECS_LOG_PATTERN`). */
  logPattern: string
  /** Endpoints to probe (`ECS_HTTP_ENDPOINTS`). */
  endpoints: Endpoint[]
  /** Log window in minutes (`ECS_MINUTES`). */
  minutes: number
  /** Log events read per service at most (`ECS_LIMIT`). */
  limit: number
  /** What to run (`ECS_MODE`). */
  mode: Mode
  /** Which overall status fails the step (`ECS_FAIL_ON`). */
  failOn: FailOn
  /** When to write the sticky PR comment (`ECS_COMMENT_ON_PR`). */
  commentOnPr: CommentOnPr
  /** Timeout of one HTTP probe or TLS handshake, in ms (`ECS_HTTP_TIMEOUT`, seconds). */
  httpTimeoutMs: number
  /** Days left below which a certificate is a warning (`ECS_TLS_WARNING_DAYS`). */
  tlsWarningDays: number
  /** Days left below which a certificate is critical (`ECS_TLS_CRITICAL_DAYS`). */
  tlsCriticalDays: number
  /** AWS calls and probes in flight at most (`ECS_CONCURRENCY`). */
  concurrency: number
  /** The client-side AWS rate limiter (`ECS_RATE_LIMIT`). */
  rateLimit: RateLimitSetting
  /** How logs are read (`ECS_LOG_ENGINE`). */
  logEngine: LogEngine
  /** Where target health comes from (`ECS_TARGET_HEALTH_SOURCE`). */
  targetHealthSource: TargetHealthSource
  /** Attempts per AWS call, retries included (`AWS_MAX_ATTEMPTS`). */
  maxAttempts: number
  /** Timeout of one AWS request, in ms (`ECS_AWS_TIMEOUT`, seconds). */
  awsTimeoutMs: number
  /** Wait for the PRIMARY deployments to finish before judging (`ECS_WAIT`). */
  wait: boolean
  /** How long to wait, in ms (`ECS_WAIT_TIMEOUT`, minutes). */
  waitTimeoutMs: number
  /** Time between polls while waiting, in ms (`ECS_POLL_INTERVAL`, seconds; jittered ±20%). */
  pollIntervalMs: number
  /** New error fingerprints at or above this many per minute make a deployment degraded (`ECS_NEW_ERROR_THRESHOLD`). */
  newErrorThreshold: number
  /** When incident issues are opened and resolved (`ECS_INCIDENT`). */
  incident: IncidentMode
  /** Labels of incident issues; the first one finds them again (`ECS_INCIDENT_LABELS`). */
  incidentLabels: string[]
  /** Logins assigned to a new incident issue (`ECS_INCIDENT_ASSIGNEES`). */
  incidentAssignees: string[]
  /** Consecutive failing runs before an incident opens (`ECS_INCIDENT_AFTER`). */
  incidentAfter: number
  /** Consecutive healthy runs before it is resolved (`ECS_RESOLVE_AFTER`). */
  resolveAfter: number
  /** One incident per cluster, or one per failing service (`ECS_INCIDENT_SCOPE`). */
  incidentScope: IncidentScopeSetting
  /** When the run history is written (`ECS_HISTORY`). */
  history: HistoryMode
  /** Print the JSON state instead of the text report (CLI `--json`). */
  json: boolean
  /** Write only the state file (CLI `--quiet`). */
  quiet: boolean
}

/** Env-style key/value pairs: the environment, inputs mapped onto it, or CLI flags. */
export type Env = Record<string, string | undefined>

/**
 * Action inputs (kebab-case, as in action.yml) and the env-style key each one maps onto.
 * `github-token` is not a setting of the check; action.ts reads it through `readActionToken`.
 */
export const INPUT_KEYS: Readonly<Record<string, string>> = {
  cluster: 'ECS_CLUSTER',
  region: 'ECS_REGION',
  domain: 'ECS_DOMAIN',
  services: 'ECS_SERVICES',
  'http-endpoints': 'ECS_HTTP_ENDPOINTS',
  'log-group-pattern': 'ECS_LOG_PATTERN',
  'state-file': 'ECS_HEALTH_STATE',
  'output-dir': 'ECS_HEALTH_OUTDIR',
  minutes: 'ECS_MINUTES',
  limit: 'ECS_LIMIT',
  mode: 'ECS_MODE',
  'fail-on': 'ECS_FAIL_ON',
  'comment-on-pr': 'ECS_COMMENT_ON_PR',
  'http-timeout': 'ECS_HTTP_TIMEOUT',
  'tls-warning-days': 'ECS_TLS_WARNING_DAYS',
  'tls-critical-days': 'ECS_TLS_CRITICAL_DAYS',
  concurrency: 'ECS_CONCURRENCY',
  'rate-limit': 'ECS_RATE_LIMIT',
  'log-engine': 'ECS_LOG_ENGINE',
  'target-health-source': 'ECS_TARGET_HEALTH_SOURCE',
  'aws-timeout': 'ECS_AWS_TIMEOUT',
  'wait-for-deployment': 'ECS_WAIT',
  'wait-timeout': 'ECS_WAIT_TIMEOUT',
  'poll-interval': 'ECS_POLL_INTERVAL',
  'new-error-threshold': 'ECS_NEW_ERROR_THRESHOLD',
  incident: 'ECS_INCIDENT',
  'incident-labels': 'ECS_INCIDENT_LABELS',
  'incident-assignees': 'ECS_INCIDENT_ASSIGNEES',
  'incident-after': 'ECS_INCIDENT_AFTER',
  'resolve-after': 'ECS_RESOLVE_AFTER',
  'incident-scope': 'ECS_INCIDENT_SCOPE',
  history: 'ECS_HISTORY'
}

/** The seed's document spells these two keys in mixed case; accept them as aliases. */
const ALIASES: Readonly<Record<string, string>> = {
  ECS_HEALTH_STATE: 'ECS_health_STATE',
  ECS_HEALTH_OUTDIR: 'ECS_health_OUTDIR'
}

/** How a key is named in messages: the action input beside the env key when there is one. */
type Namer = (key: string) => string

const envNamer: Namer = key => key

function actionNamer(key: string): string {
  const input = Object.keys(INPUT_KEYS).find(k => INPUT_KEYS[k] === key)
  return input ? `input '${input}' (${key})` : key
}

/**
 * Reads the env-style settings from the environment, with CLI flags (already mapped onto the
 * same keys) taking precedence.
 */
export function settingsFromEnv(
  env: Env = process.env,
  overrides: Env = {},
  opts: { requireCluster?: boolean } = {}
): Settings {
  return parseSettings({ ...env, ...definedOnly(overrides) }, envNamer, opts.requireCluster ?? true)
}

/**
 * Reads the action's inputs, mapped onto the env-style keys; an input left empty falls back to
 * the environment variable of the same setting.
 */
export function settingsFromAction(
  getInput: (name: string) => string,
  env: Env = process.env
): Settings {
  const merged: Env = { ...env }
  for (const [input, key] of Object.entries(INPUT_KEYS)) {
    const value = getInput(input).trim()
    if (value !== '') {
      merged[key] = value
      const alias = ALIASES[key]
      if (alias) delete merged[alias]
    }
  }
  return parseSettings(merged, actionNamer)
}

function definedOnly(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined))
}

function read(env: Env, key: string): string | undefined {
  const value = env[key] ?? (ALIASES[key] ? env[ALIASES[key]] : undefined)
  const trimmed = value?.trim()
  return trimmed === '' ? undefined : trimmed
}

function bad(name: Namer, key: string, value: string, expected: string): ConfigError {
  return new ConfigError(`${name(key)} ${expected}, got '${value}'`, key)
}

function wholeNumber(
  env: Env,
  name: Namer,
  key: string,
  fallback: number,
  min: number,
  max: number
): number {
  const raw = read(env, key)
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw bad(name, key, raw, `must be a whole number from ${min} to ${max}`)
  }
  return Number(raw)
}

function oneOf<T extends string>(
  env: Env,
  name: Namer,
  key: string,
  allowed: readonly T[],
  fallback: T
): T {
  const raw = read(env, key)
  if (raw === undefined) return fallback
  const value = raw.toLowerCase()
  if (!(allowed as readonly string[]).includes(value)) {
    throw bad(name, key, raw, `must be one of ${allowed.join(', ')}`)
  }
  return value as T
}

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/

/** Parses `host[:port]`; a leading `https://` and a trailing `/` are forgiven. */
export function parseDomain(raw: string, name: Namer = envNamer): { host: string; port: number } {
  const key = 'ECS_DOMAIN'
  const value = raw.replace(/^https:\/\//i, '').replace(/\/$/, '')
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:/\s]+)(?::(\d{1,5}))?$/.exec(value)
  const host = m?.[1]
  if (!m || !host || (!HOST.test(host) && !/^\[.*\]$/.test(host))) {
    throw bad(name, key, raw, 'must be a host name with an optional port (host[:port])')
  }
  const port = m[2] === undefined ? 443 : Number(m[2])
  if (port < 1 || port > 65535) throw bad(name, key, raw, 'has a port outside 1-65535')
  return { host: host.replace(/^\[|\]$/g, ''), port }
}

/** Parses `name=url,name=url` (a bare URL gets its host as name). */
export function parseEndpoints(raw: string, name: Namer = envNamer): Endpoint[] {
  const key = 'ECS_HTTP_ENDPOINTS'
  const out: Endpoint[] = []
  for (const part of raw.split(',')) {
    const item = part.trim()
    if (item === '') continue
    // A name is letters, digits, dot, dash or underscore before '=', so `https://h/?a=b` stays a URL.
    const named = /^([^=:/]+)=(.*)$/.exec(item)
    const label = named ? (named[1] ?? '').trim() : ''
    const url = named ? (named[2] ?? '').trim() : item
    if (url === '') throw bad(name, key, item, `has an endpoint without a URL`)
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw bad(
        name,
        key,
        item,
        'has an endpoint whose URL is not valid (expected name=https://host/path)'
      )
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw bad(name, key, item, 'has an endpoint URL that is not http or https')
    }
    const endpointName = label || parsed.hostname
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(endpointName)) {
      throw bad(
        name,
        key,
        item,
        'has an endpoint name that is not 1-64 letters, digits, dot, dash or underscore'
      )
    }
    if (out.some(e => e.name === endpointName)) {
      throw bad(name, key, item, `names the endpoint '${endpointName}' twice`)
    }
    out.push({ name: endpointName, url })
  }
  return out
}

function parseServices(raw: string | undefined, name: Namer): string[] | undefined {
  if (raw === undefined) return undefined
  const list = [
    ...new Set(
      raw
        .split(',')
        .map(s => s.trim())
        .filter(s => s !== '')
    )
  ]
  if (list.length === 0) return undefined
  for (const s of list) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_:/.-]{0,1023}$/.test(s)) {
      throw bad(name, 'ECS_SERVICES', raw, `has an invalid service name '${s}'`)
    }
  }
  return list
}

/** A comma-separated list of labels or logins, each checked against GitHub's rules. */
function parseList(
  env: Env,
  name: Namer,
  key: string,
  fallback: string[],
  valid: RegExp,
  what: string
): string[] {
  const raw = read(env, key)
  if (raw === undefined) return fallback
  const list = [
    ...new Set(
      raw
        .split(',')
        .map(s => s.trim())
        .filter(s => s !== '')
    )
  ]
  for (const item of list) {
    if (!valid.test(item)) throw bad(name, key, raw, `has an invalid ${what} '${item}'`)
  }
  return list
}

function parseSettings(env: Env, name: Namer, requireCluster = true): Settings {
  const cluster = read(env, 'ECS_CLUSTER') ?? (requireCluster ? undefined : '-')
  if (!cluster) {
    throw new ConfigError(
      `${name('ECS_CLUSTER')} is required: the ECS cluster name or ARN`,
      'ECS_CLUSTER'
    )
  }
  if (
    cluster !== '-' &&
    !/^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/)?[A-Za-z0-9_-]{1,255}$/.test(cluster)
  ) {
    throw bad(
      name,
      'ECS_CLUSTER',
      cluster,
      'must be a cluster name (letters, digits, - and _) or a cluster ARN'
    )
  }
  const region =
    read(env, 'ECS_REGION') ??
    read(env, 'AWS_REGION') ??
    read(env, 'AWS_DEFAULT_REGION') ??
    'us-east-1'
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    const key = read(env, 'ECS_REGION') ? 'ECS_REGION' : 'AWS_REGION'
    throw bad(name, key, region, 'must be an AWS region such as us-east-1')
  }
  const rawDomain = read(env, 'ECS_DOMAIN')
  const services = parseServices(read(env, 'ECS_SERVICES'), name)
  const outDir = read(env, 'ECS_HEALTH_OUTDIR') ?? './data/'
  const stateFile = read(env, 'ECS_HEALTH_STATE') ?? path.join(outDir, 'ecs-health.json')
  const logPattern = read(env, 'ECS_LOG_PATTERN') ?? '/ecs/{service}'
  if (!logPattern.includes('{service}') && (services === undefined || services.length > 1)) {
    throw bad(
      name,
      'ECS_LOG_PATTERN',
      logPattern,
      'must contain {service} when more than one service is checked (set ECS_SERVICES to one service to use a fixed log group)'
    )
  }
  const rawEndpoints = read(env, 'ECS_HTTP_ENDPOINTS')
  const tlsWarningDays = wholeNumber(env, name, 'ECS_TLS_WARNING_DAYS', 30, 0, 3650)
  const tlsCriticalDays = wholeNumber(env, name, 'ECS_TLS_CRITICAL_DAYS', 7, 0, 3650)
  if (tlsCriticalDays > tlsWarningDays) {
    throw bad(
      name,
      'ECS_TLS_CRITICAL_DAYS',
      String(tlsCriticalDays),
      `must not be above ${name('ECS_TLS_WARNING_DAYS')} (${tlsWarningDays})`
    )
  }
  return {
    cluster,
    region,
    ...(rawDomain !== undefined ? { domain: parseDomain(rawDomain, name) } : {}),
    ...(services !== undefined ? { services } : {}),
    stateFile,
    outDir,
    logPattern,
    endpoints: rawEndpoints === undefined ? [] : parseEndpoints(rawEndpoints, name),
    minutes: wholeNumber(env, name, 'ECS_MINUTES', 60, 1, 43200),
    limit: wholeNumber(env, name, 'ECS_LIMIT', 200, 1, 10_000_000),
    mode: oneOf(env, name, 'ECS_MODE', MODES, 'auto'),
    failOn: oneOf(env, name, 'ECS_FAIL_ON', FAIL_ON, 'degraded'),
    commentOnPr: oneOf(env, name, 'ECS_COMMENT_ON_PR', COMMENT_ON_PR, 'auto'),
    httpTimeoutMs: wholeNumber(env, name, 'ECS_HTTP_TIMEOUT', 10, 1, 300) * 1000,
    tlsWarningDays,
    tlsCriticalDays,
    concurrency: wholeNumber(env, name, 'ECS_CONCURRENCY', DEFAULT_CONCURRENCY, 1, 64),
    rateLimit: rateLimitSetting(env, name),
    logEngine: oneOf(env, name, 'ECS_LOG_ENGINE', LOG_ENGINES, 'auto'),
    targetHealthSource: oneOf(env, name, 'ECS_TARGET_HEALTH_SOURCE', TARGET_HEALTH_SOURCES, 'auto'),
    maxAttempts: wholeNumber(env, name, 'AWS_MAX_ATTEMPTS', 6, 1, 20),
    awsTimeoutMs: wholeNumber(env, name, 'ECS_AWS_TIMEOUT', 30, 1, 600) * 1000,
    wait: flag(env, name, 'ECS_WAIT'),
    waitTimeoutMs: wholeNumber(env, name, 'ECS_WAIT_TIMEOUT', 15, 1, 360) * 60_000,
    pollIntervalMs: wholeNumber(env, name, 'ECS_POLL_INTERVAL', 15, 1, 300) * 1000,
    newErrorThreshold: positiveNumber(env, name, 'ECS_NEW_ERROR_THRESHOLD', 1),
    incident: oneOf(env, name, 'ECS_INCIDENT', INCIDENT_MODES, 'auto'),
    // GitHub: label names up to 50 characters, no comma; logins of letters, digits and hyphens.
    incidentLabels: nonEmpty(
      parseList(env, name, 'ECS_INCIDENT_LABELS', ['ecs-incident'], /^[^,]{1,50}$/u, 'label'),
      name,
      'ECS_INCIDENT_LABELS'
    ),
    incidentAssignees: parseList(
      env,
      name,
      'ECS_INCIDENT_ASSIGNEES',
      [],
      /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/,
      'GitHub login'
    ).slice(0, 10),
    incidentAfter: wholeNumber(env, name, 'ECS_INCIDENT_AFTER', 2, 1, 100),
    resolveAfter: wholeNumber(env, name, 'ECS_RESOLVE_AFTER', 2, 1, 100),
    incidentScope: oneOf(env, name, 'ECS_INCIDENT_SCOPE', INCIDENT_SCOPE, 'cluster'),
    history: oneOf(env, name, 'ECS_HISTORY', HISTORY_MODES, 'auto'),
    json: flag(env, name, 'ECS_JSON'),
    quiet: flag(env, name, 'ECS_QUIET')
  }
}

function nonEmpty(list: string[], name: Namer, key: string): string[] {
  if (list.length === 0) throw bad(name, key, '', 'must name at least one label')
  return list
}

/** AWS calls and probes in flight at most by default; the rate limiter paces the AWS calls. */
export const DEFAULT_CONCURRENCY = 32

function rateLimitSetting(env: Env, name: Namer): RateLimitSetting {
  const key = 'ECS_RATE_LIMIT'
  const raw = read(env, key)
  if (raw === undefined) return 'default'
  const value = raw.toLowerCase()
  if (value === 'default' || value === 'off') return value
  const factor = Number(raw)
  if (!/^\d+(\.\d+)?$/.test(raw) || !(factor >= 0.01) || factor > 10) {
    throw bad(
      name,
      key,
      raw,
      'must be default, off, or a factor of the documented AWS quotas from 0.01 to 10 (e.g. 0.5)'
    )
  }
  return factor
}

function positiveNumber(env: Env, name: Namer, key: string, fallback: number): number {
  const raw = read(env, key)
  if (raw === undefined) return fallback
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) > 1_000_000) {
    throw bad(name, key, raw, 'must be a number of occurrences per minute, 0 or more (e.g. 0.5)')
  }
  return Number(raw)
}

function flag(env: Env, name: Namer, key: string): boolean {
  const raw = read(env, key)
  if (raw === undefined) return false
  if (/^(1|true|yes)$/i.test(raw)) return true
  if (/^(0|false|no)$/i.test(raw)) return false
  throw bad(name, key, raw, 'must be true or false')
}

/** The action's GitHub token input (not a check setting; used for the PR comment). */
export function actionToken(getInput: (name: string) => string): string {
  return getInput('github-token').trim()
}
