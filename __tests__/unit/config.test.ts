import { describe, expect, it } from '@jest/globals'
import { parseEndpoints, settingsFromAction, settingsFromEnv } from '../../src/config.js'
import { ConfigError } from '../../src/errors.js'

function configError(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return err as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('settingsFromEnv', () => {
  it('applies the seed defaults', () => {
    const s = settingsFromEnv({ ECS_CLUSTER: 'prod' })
    expect(s).toMatchObject({
      cluster: 'prod',
      region: 'us-east-1',
      outDir: './data/',
      stateFile: 'data/ecs-health.json',
      logPattern: '/ecs/{service}',
      endpoints: [],
      minutes: 60,
      limit: 200,
      mode: 'auto',
      failOn: 'degraded',
      httpTimeoutMs: 10_000,
      tlsWarningDays: 30,
      tlsCriticalDays: 7,
      concurrency: 32,
      rateLimit: 'default',
      logEngine: 'auto'
    })
    expect(s.services).toBeUndefined()
    expect(s.domain).toBeUndefined()
  })

  it('falls back from ECS_REGION to AWS_REGION', () => {
    expect(settingsFromEnv({ ECS_CLUSTER: 'c', AWS_REGION: 'eu-west-1' }).region).toBe('eu-west-1')
    expect(
      settingsFromEnv({ ECS_CLUSTER: 'c', AWS_REGION: 'eu-west-1', ECS_REGION: 'ap-south-1' })
        .region
    ).toBe('ap-south-1')
  })

  it("accepts the seed's ECS_health_STATE / ECS_health_OUTDIR spellings", () => {
    const s = settingsFromEnv({
      ECS_CLUSTER: 'c',
      ECS_health_OUTDIR: '/tmp/out',
      ECS_health_STATE: '/tmp/s.json'
    })
    expect(s.outDir).toBe('/tmp/out')
    expect(s.stateFile).toBe('/tmp/s.json')
    expect(settingsFromEnv({ ECS_CLUSTER: 'c', ECS_health_OUTDIR: '/tmp/o' }).stateFile).toBe(
      '/tmp/o/ecs-health.json'
    )
  })

  it('parses services, domain and endpoints', () => {
    const s = settingsFromEnv({
      ECS_CLUSTER: 'c',
      ECS_SERVICES: ' api, web ,,api',
      ECS_DOMAIN: 'example.com:8443',
      ECS_HTTP_ENDPOINTS: 'api=https://api.example.com/health, https://web.example.com/?a=b'
    })
    expect(s.services).toEqual(['api', 'web'])
    expect(s.domain).toEqual({ host: 'example.com', port: 8443 })
    expect(s.endpoints).toEqual([
      { name: 'api', url: 'https://api.example.com/health' },
      { name: 'web.example.com', url: 'https://web.example.com/?a=b' }
    ])
    expect(
      settingsFromEnv({ ECS_CLUSTER: 'c', ECS_DOMAIN: 'https://example.com/' }).domain
    ).toEqual({
      host: 'example.com',
      port: 443
    })
  })

  it('lets CLI flags win over the environment', () => {
    expect(
      settingsFromEnv({ ECS_CLUSTER: 'a', ECS_MINUTES: '5' }, { ECS_MINUTES: '30' }).minutes
    ).toBe(30)
  })

  const bad: [string, Record<string, string>, RegExp][] = [
    ['missing cluster', { ECS_CLUSTER: ' ' }, /ECS_CLUSTER is required/],
    ['bad cluster', { ECS_CLUSTER: 'my cluster!' }, /ECS_CLUSTER .*'my cluster!'/],
    ['minutes=abc', { ECS_MINUTES: 'abc' }, /ECS_MINUTES must be a whole number .* got 'abc'/],
    ['limit=-1', { ECS_LIMIT: '-1' }, /ECS_LIMIT must be a whole number .* got '-1'/],
    ['limit=0', { ECS_LIMIT: '0' }, /ECS_LIMIT/],
    [
      'endpoint without URL',
      { ECS_HTTP_ENDPOINTS: 'api=' },
      /ECS_HTTP_ENDPOINTS has an endpoint without a URL, got 'api='/
    ],
    [
      'ftp endpoint',
      { ECS_HTTP_ENDPOINTS: 'x=ftp://host/' },
      /ECS_HTTP_ENDPOINTS .*not http or https/
    ],
    ['not a URL', { ECS_HTTP_ENDPOINTS: 'x=not a url' }, /ECS_HTTP_ENDPOINTS .*not valid/],
    ['duplicate endpoint', { ECS_HTTP_ENDPOINTS: 'a=http://x/,a=http://y/' }, /twice/],
    [
      'pattern without {service}',
      { ECS_LOG_PATTERN: '/ecs/app' },
      /ECS_LOG_PATTERN must contain \{service\}/
    ],
    ['bad domain', { ECS_DOMAIN: 'http://example.com/path' }, /ECS_DOMAIN must be a host name/],
    ['domain port', { ECS_DOMAIN: 'example.com:70000' }, /ECS_DOMAIN has a port outside/],
    ['mode', { ECS_MODE: 'fast' }, /ECS_MODE must be one of auto, health/],
    [
      'fail-on',
      { ECS_FAIL_ON: 'sometimes' },
      /ECS_FAIL_ON must be one of degraded, unhealthy, never/
    ],
    ['region', { ECS_REGION: 'mars' }, /ECS_REGION must be an AWS region/],
    [
      'rate limit word',
      { ECS_RATE_LIMIT: 'fast' },
      /ECS_RATE_LIMIT must be default, off, or a factor .* got 'fast'/
    ],
    ['rate limit 0', { ECS_RATE_LIMIT: '0' }, /ECS_RATE_LIMIT must be default, off/],
    ['rate limit 11', { ECS_RATE_LIMIT: '11' }, /ECS_RATE_LIMIT must be default, off/],
    [
      'log engine',
      { ECS_LOG_ENGINE: 'grep' },
      /ECS_LOG_ENGINE must be one of auto, filter, insights/
    ],
    [
      'concurrency 65',
      { ECS_CONCURRENCY: '65' },
      /ECS_CONCURRENCY must be a whole number from 1 to 64/
    ],
    ['timeout', { ECS_HTTP_TIMEOUT: '0' }, /ECS_HTTP_TIMEOUT/],
    [
      'tls days order',
      { ECS_TLS_CRITICAL_DAYS: '40' },
      /ECS_TLS_CRITICAL_DAYS must not be above ECS_TLS_WARNING_DAYS/
    ]
  ]
  it.each(bad)('rejects %s naming the setting', (_label, env, message) => {
    const err = configError(() => settingsFromEnv({ ECS_CLUSTER: 'prod', ...env }))
    expect(err.message).toMatch(message)
  })

  it('reads the rate limiter and the log engine', () => {
    expect(settingsFromEnv({ ECS_CLUSTER: 'c', ECS_RATE_LIMIT: 'OFF' }).rateLimit).toBe('off')
    expect(settingsFromEnv({ ECS_CLUSTER: 'c', ECS_RATE_LIMIT: '0.5' }).rateLimit).toBe(0.5)
    expect(settingsFromEnv({ ECS_CLUSTER: 'c', ECS_LOG_ENGINE: 'Insights' }).logEngine).toBe(
      'insights'
    )
    const err = configError(() =>
      settingsFromAction(n => (n === 'cluster' ? 'c' : n === 'rate-limit' ? 'half' : ''), {})
    )
    expect(err.message).toMatch(/input 'rate-limit' \(ECS_RATE_LIMIT\)/)
  })

  it('allows a fixed log group when exactly one service is checked', () => {
    expect(
      settingsFromEnv({ ECS_CLUSTER: 'c', ECS_SERVICES: 'api', ECS_LOG_PATTERN: '/app/logs' })
        .logPattern
    ).toBe('/app/logs')
  })
})

describe('settingsFromAction', () => {
  const inputs =
    (values: Record<string, string>) =>
    (name: string): string =>
      values[name] ?? ''

  it('maps inputs onto the env-style keys and names the input in errors', () => {
    const s = settingsFromAction(
      inputs({ cluster: 'prod', 'fail-on': 'unhealthy', 'http-endpoints': 'a=http://x/' }),
      {}
    )
    expect(s.cluster).toBe('prod')
    expect(s.failOn).toBe('unhealthy')
    expect(s.endpoints).toEqual([{ name: 'a', url: 'http://x/' }])
    const err = configError(() =>
      settingsFromAction(inputs({ cluster: 'prod', minutes: 'abc' }), {})
    )
    expect(err.message).toBe(
      "input 'minutes' (ECS_MINUTES) must be a whole number from 1 to 43200, got 'abc'"
    )
    expect(err.setting).toBe('ECS_MINUTES')
  })

  it('falls back to the environment for an empty input', () => {
    const s = settingsFromAction(inputs({ cluster: '' }), {
      ECS_CLUSTER: 'from-env',
      ECS_MINUTES: '15'
    })
    expect(s.cluster).toBe('from-env')
    expect(s.minutes).toBe(15)
  })

  it('lets an input win over the seed alias variable', () => {
    const s = settingsFromAction(inputs({ cluster: 'c', 'output-dir': '/x' }), {
      ECS_health_OUTDIR: '/y'
    })
    expect(s.outDir).toBe('/x')
  })
})

describe('parseEndpoints', () => {
  it('keeps query strings with = in bare URLs', () => {
    expect(parseEndpoints('http://h:8080/p?x=1&y=2')).toEqual([
      { name: 'h', url: 'http://h:8080/p?x=1&y=2' }
    ])
  })
})
