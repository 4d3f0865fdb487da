/**
 * A pass-through HTTP proxy in front of the simulator that timestamps every request (the
 * simulator's own log has no times). The clients under test use the proxy's URL as their
 * endpoint; it forwards each request unchanged over keep-alive connections and records when it
 * arrived and when its reply ended. Those intervals give the observed critical path.
 */
import { Agent, createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TimedRequest {
  operation: string
  /** ms (performance.now of this process) when the request arrived / its reply ended. */
  start: number
  end: number
  status: number
}

export interface TimingProxy {
  url: string
  /** Requests since the last reset, in arrival order. */
  requests(): TimedRequest[]
  reset(): void
  close(): Promise<void>
}

function operationOf(headers: Record<string, string | string[] | undefined>, body: string): string {
  const target = headers['x-amz-target']
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1)
  const m = /(?:^|&)Action=([A-Za-z]+)/.exec(body)
  return m?.[1] ?? 'Unknown'
}

export async function startProxy(target: string): Promise<TimingProxy> {
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true, maxSockets: 256 })
  let log: TimedRequest[] = []
  const server: Server = createServer((req, res) => {
    const start = performance.now()
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const entry: TimedRequest = {
        operation: operationOf(req.headers, body.toString('utf8', 0, Math.min(body.length, 4096))),
        start,
        end: start,
        status: 0
      }
      log.push(entry)
      const up = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent
        },
        upRes => {
          entry.status = upRes.statusCode ?? 0
          res.writeHead(upRes.statusCode ?? 502, upRes.headers)
          upRes.pipe(res)
          upRes.on('end', () => (entry.end = performance.now()))
        }
      )
      up.on('error', () => {
        entry.end = performance.now()
        res.destroy()
      })
      up.end(body)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => log.map(r => ({ ...r })),
    reset: () => {
      log = []
    },
    close: () =>
      new Promise<void>(resolve => {
        agent.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/**
 * Observed depth: the longest chain of requests each of which started after the previous one's
 * reply ended (dependent calls, or calls serialized by a concurrency bound or a rate limiter).
 */
export function observedDepth(reqs: readonly TimedRequest[]): number {
  const byEnd = [...reqs].sort((a, b) => a.end - b.end)
  const depth = new Map<TimedRequest, number>()
  let best = 0
  for (const r of [...reqs].sort((a, b) => a.start - b.start)) {
    let d = 1
    for (const q of byEnd) {
      if (q.end > r.start) break
      d = Math.max(d, (depth.get(q) ?? 0) + 1)
    }
    depth.set(r, d)
    best = Math.max(best, d)
  }
  return best
}
