/**
 * runQuery reads GetQueryResults' rows itself (rawResults in src/aws/insights.ts) instead of
 * through the SDK's schema reader: through the real SDK, against a local JSON server with crafted
 * replies and against the simulator, the rows must be what the SDK's own output gives.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  type ResultField
} from '@aws-sdk/client-cloudwatch-logs'
import { InsightsError, rowRecord, runQuery, type QueryClock } from '../../src/aws/insights.js'
import { startSimulator, type Simulator } from '../../sim/index.js'
import { clientConfig, NOW } from '../sim/helpers.js'

const instant: QueryClock = { now: () => 0, sleep: async () => undefined }
const query = {
  logGroupNames: ['/ecs/a'],
  startMs: 0,
  endMs: 60_000,
  queryString: 'fields @message'
}

/** Replies per X-Amz-Target operation, in order (the last one repeats). */
type Reply = { status?: number; body: string }
let replies: Record<string, Reply[]> = {}
let server: Server
let client: CloudWatchLogsClient

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const op =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? ''
      const queue = replies[op] ?? []
      const reply = (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 500, body: '{}' }
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' })
      res.end(reply.body)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  client = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1
  })
})
afterEach(() => {
  replies = {}
})
afterAll(async () => {
  client.destroy()
  await new Promise(resolve => server.close(resolve))
})

const started = { body: JSON.stringify({ queryId: 'q1' }) }

describe('runQuery reading GetQueryResults itself', () => {
  it('keeps only the Complete reply, drops @ptr, keeps hostile text as it is, and still gets statistics from the SDK', async () => {
    const hostile = 'ERROR \u0000\u001b[31m<script>"\\ \u2028 ünïcødé 🚨 "status":"Complete"'
    replies = {
      StartQuery: [started],
      GetQueryResults: [
        {
          body: JSON.stringify({
            status: 'Running',
            results: [[{ field: '@message', value: 'partial' }]]
          })
        },
        {
          body: JSON.stringify({
            results: [
              [
                { field: '@timestamp', value: '2025-06-01 12:00:00.000' },
                { field: '@message', value: hostile },
                { field: '@ptr', value: 'CmAKJwoj...' }
              ],
              [{ field: '@message' }, { value: 'no field' }, { field: '', value: 'empty name' }],
              [{ field: '@message', value: 7 }, null, 'text'],
              'not a row',
              []
            ],
            statistics: { recordsMatched: 3, recordsScanned: 10, bytesScanned: 1234.5 },
            status: 'Complete'
          })
        }
      ]
    }
    const r = await runQuery(client, query, { clock: instant })
    expect(r.polls).toBe(2)
    expect(r.rows).toEqual([
      { '@timestamp': '2025-06-01 12:00:00.000', '@message': hostile },
      { '@message': '' },
      { '@message': '' },
      {}
    ])
    expect(r.statistics).toEqual({ recordsMatched: 3, recordsScanned: 10, bytesScanned: 1234.5 })
  })

  it('a Complete reply without results has no rows', async () => {
    replies = {
      StartQuery: [started],
      GetQueryResults: [{ body: JSON.stringify({ status: 'Complete' }) }]
    }
    expect((await runQuery(client, query, { clock: instant })).rows).toEqual([])
  })

  it('a reply that is not JSON is a GetQueryResults failure, and the query is stopped', async () => {
    replies = {
      StartQuery: [started],
      GetQueryResults: [{ body: '{"results": [[{"field": "@message", "value": "cut off' }],
      StopQuery: [{ body: JSON.stringify({ success: true }) }]
    }
    const err = await runQuery(client, query, { clock: instant }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InsightsError)
    expect((err as InsightsError).operation).toBe('GetQueryResults')
  })

  it('an error reply still reaches the caller as the SDK error it is', async () => {
    replies = {
      StartQuery: [started],
      GetQueryResults: [
        {
          status: 400,
          body: JSON.stringify({
            __type: 'com.amazonaws.logs#ResourceNotFoundException',
            message: 'query q1 not found'
          })
        }
      ],
      StopQuery: [{ body: JSON.stringify({ success: true }) }]
    }
    const err = (await runQuery(client, query, { clock: instant }).catch(
      (e: unknown) => e
    )) as InsightsError
    expect(err).toBeInstanceOf(InsightsError)
    expect((err.error as Error).name).toBe('ResourceNotFoundException')
    expect(err.message).toContain('query q1 not found')
  })
})

describe('against the simulator', () => {
  let sim: Simulator
  let logs: CloudWatchLogsClient
  beforeAll(async () => {
    sim = await startSimulator({
      scenario: {
        logGroups: [
          {
            name: '/ecs/web',
            generate: [{ kind: 'access', count: 2000, minutes: 60, streams: 3, errorRate: 0.2 }]
          }
        ]
      },
      now: () => NOW,
      insights: { pollsToComplete: 2 }
    })
    logs = new CloudWatchLogsClient(clientConfig(sim))
  })
  afterAll(async () => {
    logs.destroy()
    await sim.close()
  })

  it('gives the rows the SDK itself reads from the same finished query', async () => {
    const r = await runQuery(
      logs,
      {
        logGroupNames: ['/ecs/web'],
        startMs: NOW - 3_600_000,
        endMs: NOW,
        queryString: 'fields @timestamp, @message, @logStream, @log | sort @timestamp asc',
        limit: 5_000
      },
      { clock: instant }
    )
    expect(r.rows.length).toBeGreaterThan(1_000)
    const again = await logs.send(new GetQueryResultsCommand({ queryId: r.queryId }))
    expect(again.status).toBe('Complete')
    expect(r.rows).toEqual((again.results ?? []).map((row: ResultField[]) => rowRecord(row)))
  })
})
