/**
 * Test/demo certificates: a throw-away CA, certificates it issues, self-signed certificates.
 * Keys come from Node's crypto (fast); node-forge builds and signs the X.509 certificates (sha256).
 * Never use these outside tests and the demo.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import forge from 'node-forge'

export interface Pem {
  cert: string
  key: string
}

const DAY_MS = 86_400_000

interface KeyPair {
  privateKey: forge.pki.rsa.PrivateKey
  publicKey: forge.pki.rsa.PublicKey
  pem: string
}

function generateKey(): KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem }
}

/** One key shared by all leaf certificates of the process (CAs get a fresh key each). */
let leafKey: KeyPair | undefined
function sharedLeafKey(): KeyPair {
  leafKey ??= generateKey()
  return leafKey
}

function serialNumber(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] ?? 0) & 0x7f // positive
  bytes[0] |= 0x10 // no leading zero byte
  return bytes.toString('hex')
}

/** Certificate times have whole-second precision. */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}

function altNames(hosts: string[]): Array<{ type: number; value?: string; ip?: string }> {
  return hosts.map(host => {
    const bare = host.replace(/^\[(.*)\]$/, '$1')
    return isIP(bare) ? { type: 7, ip: bare } : { type: 2, value: host }
  })
}

function buildCert(opts: {
  subjectKey: KeyPair
  signingKey: KeyPair
  subject: forge.pki.CertificateField[]
  issuer: forge.pki.CertificateField[]
  notBefore: Date
  notAfter: Date
  extensions: unknown[]
}): string {
  const cert = forge.pki.createCertificate()
  cert.publicKey = opts.subjectKey.publicKey
  cert.serialNumber = serialNumber()
  cert.validity.notBefore = wholeSeconds(opts.notBefore)
  cert.validity.notAfter = wholeSeconds(opts.notAfter)
  cert.setSubject(opts.subject)
  cert.setIssuer(opts.issuer)
  cert.setExtensions(opts.extensions as object[])
  cert.sign(opts.signingKey.privateKey, forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}

function leafExtensions(hosts: string[]): unknown[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: altNames(hosts) },
    { name: 'subjectKeyIdentifier' }
  ]
}

/** A certificate authority; trust it in a client through the `ca` option or NODE_EXTRA_CA_CERTS. */
export function createCa(
  opts: { commonName?: string; notBefore?: Date; notAfter?: Date } = {}
): Pem {
  const key = generateKey()
  const now = Date.now()
  const name = [
    { shortName: 'CN', value: opts.commonName ?? 'aws-ecs-monitor Test CA' },
    { shortName: 'O', value: 'aws-ecs-monitor tests' }
  ]
  const cert = buildCert({
    subjectKey: key,
    signingKey: key,
    subject: name,
    issuer: name,
    notBefore: opts.notBefore ?? new Date(now - DAY_MS),
    notAfter: opts.notAfter ?? new Date(now + 3650 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', critical: true, cA: true },
      {
        name: 'keyUsage',
        critical: true,
        keyCertSign: true,
        cRLSign: true,
        digitalSignature: true
      },
      { name: 'subjectKeyIdentifier' }
    ]
  })
  return { cert, key: key.pem }
}

/** A server certificate for `hosts` (DNS names or IP addresses, all in the SAN) signed by `ca`. */
export function issueCert(
  ca: Pem,
  opts: { hosts: string[]; notBefore?: Date; notAfter: Date; commonName?: string }
): Pem {
  const caCert = forge.pki.certificateFromPem(ca.cert)
  const caPrivate = forge.pki.privateKeyFromPem(ca.key) as forge.pki.rsa.PrivateKey
  const caKey: KeyPair = {
    privateKey: caPrivate,
    publicKey: forge.pki.setRsaPublicKey(caPrivate.n, caPrivate.e),
    pem: ca.key
  }
  const key = sharedLeafKey()
  const notBefore =
    opts.notBefore ?? new Date(Math.min(Date.now(), opts.notAfter.getTime()) - DAY_MS)
  const cert = buildCert({
    subjectKey: key,
    signingKey: caKey,
    subject: [{ shortName: 'CN', value: opts.commonName ?? opts.hosts[0] ?? 'localhost' }],
    issuer: caCert.subject.attributes,
    notBefore,
    notAfter: opts.notAfter,
    extensions: leafExtensions(opts.hosts)
  })
  return { cert, key: key.pem }
}

/** A self-signed server certificate for `hosts`; no client trusts it. */
export function selfSigned(opts: { hosts: string[]; notAfter: Date }): Pem {
  const key = sharedLeafKey()
  const name = [{ shortName: 'CN', value: opts.hosts[0] ?? 'localhost' }]
  const cert = buildCert({
    subjectKey: key,
    signingKey: key,
    subject: name,
    issuer: name,
    notBefore: new Date(Math.min(Date.now(), opts.notAfter.getTime()) - DAY_MS),
    notAfter: opts.notAfter,
    extensions: leafExtensions(opts.hosts)
  })
  return { cert, key: key.pem }
}
