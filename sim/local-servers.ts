/**
 * Local HTTP/HTTPS servers on 127.0.0.1 for tests and the demo. `close()` destroys every open
 * socket (keep-alive and hung requests included), so a test never waits on a client.
 */
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { Pem } from './certs.js'

export interface LocalServer {
  url: string
  port: number
  host: string
  close(): Promise<void>
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

async function listen(
  server: http.Server | https.Server,
  host: string,
  scheme: 'http' | 'https',
  urlHostname: string
): Promise<LocalServer> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  // A client that aborts mid-handshake must not crash the test process.
  server.on('tlsClientError', () => {})
  server.on('clientError', (_err, socket: Socket) => socket.destroy())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return {
    url: `${scheme}://${urlHost(urlHostname)}:${port}`,
    port,
    host,
    close() {
      closing ??= new Promise<void>(resolve => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
        sockets.clear()
      })
      return closing
    }
  }
}

/** An HTTP server on `host` (default 127.0.0.1), port chosen by the system. */
export async function startHttpServer(
  handler: http.RequestListener,
  opts: { host?: string } = {}
): Promise<LocalServer> {
  const host = opts.host ?? '127.0.0.1'
  return listen(http.createServer(handler), host, 'http', host)
}

/**
 * An HTTPS server presenting `pem.cert` (followed by `pem.ca`, when given, as the rest of the
 * chain). `url` uses `hostname` (default `localhost`), so clients send it as SNI and check it.
 */
export async function startHttpsServer(
  pem: Pem & { ca?: string },
  handler: http.RequestListener,
  opts: { host?: string; hostname?: string } = {}
): Promise<LocalServer> {
  const host = opts.host ?? '127.0.0.1'
  const chain = pem.ca ? `${pem.cert.trimEnd()}\n${pem.ca}` : pem.cert
  const server = https.createServer({ key: pem.key, cert: chain }, handler)
  return listen(server, host, 'https', opts.hostname ?? 'localhost')
}

/** A handler that accepts requests and never answers them. */
export function hangingHandler(): http.RequestListener {
  return () => {
    // Intentionally never responds; LocalServer.close() destroys the socket.
  }
}
