import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { RequestListener } from 'node:http'
import { healthy2xx, healthy2xxOr3xx, probeHttp } from '../../../src/checks/http.js'
import type { HttpProbeOptions } from '../../../src/checks/http.js'
import { createCa, issueCert } from '../../../sim/certs.js'
import { hangingHandler, startHttpServer, startHttpsServer } from '../../../sim/local-servers.js'
import type { LocalServer } from '../../../sim/local-servers.js'

const DAY = 86_400_000

const domainOpts: HttpProbeOptions = {
  timeoutMs: 5000,
  followRedirects: true,
  maxRedirects: 5,
  isHealthy: healthy2xx
}
const endpointOpts: HttpProbeOptions = {
  timeoutMs: 5000,
  followRedirects: false,
  maxRedirects: 5,
  isHealthy: healthy2xxOr3xx
}

/** A clock that answers each call with the next value. */
function clock(...values: number[]): () => number {
  let i = 0
  return () => values[Math.min(i++, values.length - 1)] ?? 0
}

/** MB of /big written before the socket filled up or closed. */
let bigSent = 0

const routes: Record<string, RequestListener> = {
  '/ok': (_req, res) => res.end('fine'),
  '/down': (_req, res) => {
    res.statusCode = 503
    res.end('unavailable')
  },
  '/a': (_req, res) => {
    res.writeHead(301, { location: '/b' })
    res.end()
  },
  '/b': (_req, res) => {
    res.writeHead(302, { location: 'ok?from=b' })
    res.end()
  },
  '/loop': (_req, res) => {
    res.writeHead(302, { location: '/loop' })
    res.end()
  },
  '/big': (_req, res) => {
    // 64 MB the probe must not read.
    res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) })
    const chunk = Buffer.alloc(1024 * 1024, 120)
    bigSent = 0
    const write = (): void => {
      while (bigSent < 64 && !res.destroyed && res.write(chunk)) bigSent++
      if (res.destroyed) return
      if (bigSent < 64) res.once('drain', write)
      else res.end()
    }
    write()
  },
  '/auth': (req, res) => {
    res.statusCode = req.headers.authorization === `Basic ${btoa('user:s3cret')}` ? 200 : 401
    res.end()
  }
}

let server: LocalServer
let hung: LocalServer

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const route = routes[path]
    if (route) route(req, res)
    else {
      res.statusCode = 404
      res.end()
    }
  })
  hung = await startHttpServer(hangingHandler())
})

afterAll(async () => {
  await server.close()
  await hung.close()
})

describe('probeHttp', () => {
  it('reports a 200 as healthy with its latency', async () => {
    const r = await probeHttp('domain', `${server.url}/ok`, {
      ...domainOpts,
      now: clock(1000, 1042)
    })
    expect(r).toEqual({
      name: 'domain',
      url: `${server.url}/ok`,
      status: 'healthy',
      code: 200,
      latencyMs: 42,
      finalUrl: `${server.url}/ok`,
      redirects: 0
    })
  })

  it('measures latency with the real clock by default', async () => {
    const r = await probeHttp('domain', `${server.url}/ok`, domainOpts)
    expect(r.status).toBe('healthy')
    expect(r.latencyMs).toBeGreaterThanOrEqual(0)
    expect(r.latencyMs).toBeLessThan(5000)
  })

  it('reports a 503 as unhealthy', async () => {
    const r = await probeHttp('api', `${server.url}/down`, endpointOpts)
    expect(r).toMatchObject({ status: 'unhealthy', code: 503, reason: 'HTTP 503' })
    expect(r.error).toBeUndefined()
  })

  it('follows 301 → 302 → 200 when asked to', async () => {
    const r = await probeHttp('domain', `${server.url}/a`, domainOpts)
    expect(r).toMatchObject({
      status: 'healthy',
      code: 200,
      redirects: 2,
      url: `${server.url}/a`,
      finalUrl: `${server.url}/ok?from=b`
    })
  })

  it('gives up on a redirect loop', async () => {
    const r = await probeHttp('domain', `${server.url}/loop`, domainOpts)
    expect(r).toMatchObject({ status: 'unhealthy', reason: 'too many redirects', redirects: 5 })
  })

  it('honours maxRedirects', async () => {
    const r = await probeHttp('domain', `${server.url}/a`, { ...domainOpts, maxRedirects: 1 })
    expect(r).toMatchObject({ status: 'unhealthy', reason: 'too many redirects', redirects: 1 })
  })

  it('keeps a 3xx as the answer of an endpoint and calls it healthy', async () => {
    const r = await probeHttp('legacy', `${server.url}/a`, endpointOpts)
    expect(r).toMatchObject({
      status: 'healthy',
      code: 301,
      redirects: 0,
      finalUrl: `${server.url}/a`
    })
  })

  it('calls a 3xx that is not followed unhealthy for the domain predicate', async () => {
    const r = await probeHttp('domain', `${server.url}/a`, {
      ...domainOpts,
      followRedirects: false
    })
    expect(r).toMatchObject({ status: 'unhealthy', code: 301, reason: 'HTTP 301' })
  })

  it('does not read a large body', async () => {
    const r = await probeHttp('big', `${server.url}/big`, { ...endpointOpts, timeoutMs: 3000 })
    expect(r).toMatchObject({ status: 'healthy', code: 200 })
    expect(bigSent).toBeLessThan(64)
  })

  it('bounds a hung server by the timeout', async () => {
    const started = Date.now()
    const r = await probeHttp('slow', `${hung.url}/`, { ...endpointOpts, timeoutMs: 400 })
    expect(r).toMatchObject({
      status: 'unhealthy',
      code: null,
      reason: 'timed out after 400ms',
      error: { code: 'ETIMEDOUT' }
    })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('reports a refused connection', async () => {
    const gone = await startHttpServer((_req, res) => res.end())
    await gone.close()
    const r = await probeHttp('gone', `${gone.url}/`, endpointOpts)
    expect(r).toMatchObject({
      status: 'unhealthy',
      code: null,
      reason: 'connection refused',
      error: { code: 'ECONNREFUSED' }
    })
    expect(r.error?.message).toContain('ECONNREFUSED')
  })

  it('reports an expired certificate as a TLS failure', async () => {
    const ca = createCa()
    const pem = issueCert(ca, {
      hosts: ['localhost', '127.0.0.1'],
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - 3 * DAY)
    })
    const tlsServer = await startHttpsServer(pem, (_req, res) => res.end('ok'))
    try {
      const r = await probeHttp('domain', `${tlsServer.url}/`, domainOpts)
      expect(r).toMatchObject({
        status: 'unhealthy',
        code: null,
        reason: 'TLS: certificate has expired',
        error: { code: 'CERT_HAS_EXPIRED' }
      })
    } finally {
      await tlsServer.close()
    }
  })

  it('sends URL credentials as Basic auth and keeps them out of the result', async () => {
    const url = server.url.replace('http://', 'http://user:s3cret@') + '/auth'
    const r = await probeHttp('private', url, endpointOpts)
    expect(r).toMatchObject({ status: 'healthy', code: 200 })
    expect(JSON.stringify(r)).not.toContain('s3cret')
    expect(r.url).toBe(`${server.url}/auth`)
  })

  it('never throws on a malformed URL', async () => {
    const r = await probeHttp('bad', 'http://user:pw@[not a url', endpointOpts)
    expect(r).toMatchObject({ status: 'unhealthy', code: null, reason: 'invalid URL' })
    expect(JSON.stringify(r)).not.toContain('pw')
  })
})

describe('health predicates', () => {
  it('split 2xx from 2xx/3xx', () => {
    expect([199, 200, 299, 300, 399, 400].map(healthy2xx)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false
    ])
    expect([199, 200, 299, 300, 399, 400].map(healthy2xxOr3xx)).toEqual([
      false,
      true,
      true,
      true,
      true,
      false
    ])
  })
})
