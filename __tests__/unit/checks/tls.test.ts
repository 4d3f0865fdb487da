import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { checkTls, tlsFindings } from '../../../src/checks/tls.js'
import type { TlsOptions } from '../../../src/checks/tls.js'
import { createCa, issueCert, selfSigned } from '../../../sim/certs.js'
import type { Pem } from '../../../sim/certs.js'
import { startHttpServer, startHttpsServer } from '../../../sim/local-servers.js'
import type { LocalServer } from '../../../sim/local-servers.js'

const DAY = 86_400_000
const HOUR = 3_600_000
/** Fixed "now" of the whole file, whole seconds like certificate times. */
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000)
const inDays = (n: number, extraMs = HOUR): Date => new Date(NOW.getTime() + n * DAY + extraMs)
const isoDay = (d: Date): string => d.toISOString().slice(0, 10)

let ca: Pem
const servers: LocalServer[] = []

async function serve(pem: Pem & { ca?: string }): Promise<LocalServer> {
  const server = await startHttpsServer(pem, (_req, res) => res.end('ok'))
  servers.push(server)
  return server
}

function opts(extra: Partial<TlsOptions> = {}): TlsOptions {
  return {
    timeoutMs: 3000,
    warningDays: 30,
    criticalDays: 7,
    now: () => NOW,
    ca: ca.cert,
    ...extra
  }
}

async function serveLeaf(notAfter: Date, hosts = ['localhost', '127.0.0.1']): Promise<LocalServer> {
  return serve(issueCert(ca, { hosts, notAfter, notBefore: new Date(NOW.getTime() - 30 * DAY) }))
}

beforeAll(() => {
  ca = createCa({ commonName: 'Monitor Test CA' })
})

afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
})

describe('checkTls', () => {
  it('calls a certificate with 200 days left healthy', async () => {
    const expiry = inDays(200)
    const s = await serveLeaf(expiry)
    const r = await checkTls('localhost', s.port, opts())
    expect(r).toEqual({
      host: 'localhost',
      port: s.port,
      status: 'healthy',
      expires: expiry.toISOString(),
      daysLeft: 200,
      issuer: 'Monitor Test CA',
      subject: 'localhost',
      valid: true
    })
  })

  it('warns at 20 days left', async () => {
    const expiry = inDays(20)
    const s = await serveLeaf(expiry)
    const r = await checkTls('localhost', s.port, opts())
    expect(r).toMatchObject({
      status: 'warning',
      daysLeft: 20,
      valid: true,
      reason: `certificate expires in 20 days (${isoDay(expiry)})`
    })
  })

  it('is critical at 5 days left', async () => {
    const expiry = inDays(5)
    const s = await serveLeaf(expiry)
    const r = await checkTls('localhost', s.port, opts())
    expect(r).toMatchObject({
      status: 'critical',
      daysLeft: 5,
      valid: true,
      reason: `certificate expires in 5 days (${isoDay(expiry)})`
    })
    // The finding says it once: the title has the reason, the message only what it adds.
    const [f] = tlsFindings([r])
    expect(f?.title).toBe(
      `TLS localhost:${s.port}: certificate expires in 5 days (${isoDay(expiry)})`
    )
    expect(`${f?.title} ${f?.message}`.split('expires in 5 days')).toHaveLength(2)
    expect(f?.message).toMatch(/issuer /)
  })

  it('takes its thresholds from the options', async () => {
    const s = await serveLeaf(inDays(5))
    expect(await checkTls('localhost', s.port, opts({ criticalDays: 3 }))).toMatchObject({
      status: 'warning',
      daysLeft: 5
    })
    expect(
      await checkTls('localhost', s.port, opts({ criticalDays: 3, warningDays: 5 }))
    ).toMatchObject({ status: 'healthy', daysLeft: 5 })
  })

  it('is critical when the certificate has expired', async () => {
    const expiry = inDays(-3, -HOUR)
    const s = await serveLeaf(expiry)
    const r = await checkTls('localhost', s.port, opts())
    expect(r).toMatchObject({
      status: 'critical',
      daysLeft: -4,
      valid: false,
      validationError: 'CERT_HAS_EXPIRED',
      reason: `certificate expired 3 days ago (${isoDay(expiry)})`
    })
  })

  it('is critical when the certificate is self-signed', async () => {
    const s = await serve(selfSigned({ hosts: ['localhost'], notAfter: inDays(200) }))
    const r = await checkTls('localhost', s.port, opts())
    expect(r).toMatchObject({
      status: 'critical',
      daysLeft: 200,
      valid: false,
      validationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      reason: 'certificate not trusted: DEPTH_ZERO_SELF_SIGNED_CERT'
    })
  })

  it('is critical when the chain ends in a CA nobody trusts', async () => {
    const rogue = createCa({ commonName: 'Rogue CA' })
    const pem = issueCert(rogue, { hosts: ['localhost'], notAfter: inDays(200) })
    const s = await serve({ ...pem, ca: rogue.cert })
    const r = await checkTls('localhost', s.port, opts())
    expect(r).toMatchObject({
      status: 'critical',
      issuer: 'Rogue CA',
      valid: false,
      validationError: 'SELF_SIGNED_CERT_IN_CHAIN',
      reason: 'certificate not trusted: SELF_SIGNED_CERT_IN_CHAIN'
    })
  })

  it('is critical when the certificate is for another host', async () => {
    const s = await serveLeaf(inDays(200), ['other.test'])
    const r = await checkTls('localhost', s.port, opts())
    expect(r).toMatchObject({
      status: 'critical',
      subject: 'other.test',
      valid: false,
      reason: 'certificate does not match host localhost'
    })
    expect(r.validationError).toMatch(/^Hostname\/IP does not match/)
  })

  it('checks an IP address against the IP SANs', async () => {
    const s = await serveLeaf(inDays(200))
    expect(await checkTls('127.0.0.1', s.port, opts())).toMatchObject({
      status: 'healthy',
      valid: true
    })
  })

  it('uses Node’s default trust store when no ca is given', async () => {
    const s = await serveLeaf(inDays(200))
    const r = await checkTls('localhost', s.port, opts({ ca: undefined }))
    expect(r).toMatchObject({ status: 'critical', valid: false })
    expect(r.reason).toMatch(/^certificate not trusted: /)
  })

  it('reports an error when nothing listens', async () => {
    const gone = await startHttpServer((_req, res) => res.end())
    await gone.close()
    const r = await checkTls('127.0.0.1', gone.port, opts())
    expect(r).toEqual({
      host: '127.0.0.1',
      port: gone.port,
      status: 'error',
      reason: 'connection refused',
      error: expect.objectContaining({ code: 'ECONNREFUSED' })
    })
  })

  it('is bounded by the timeout when the handshake never happens', async () => {
    // A TCP server that accepts and never says anything: the ClientHello goes unanswered.
    const sockets: Socket[] = []
    const silent = createServer(socket => sockets.push(socket))
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as AddressInfo
    const started = Date.now()
    const r = await checkTls('127.0.0.1', port, opts({ timeoutMs: 400 })).finally(() => {
      for (const socket of sockets) socket.destroy()
      silent.close()
    })
    expect(r).toMatchObject({
      status: 'error',
      reason: 'timed out after 400ms',
      error: { code: 'ETIMEDOUT' }
    })
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
