import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand
} from '@aws-sdk/client-cloudwatch-logs'
import { mockClient } from 'aws-sdk-client-mock'
import {
  InsightsError,
  QueryEnded,
  rowRecord,
  runQuery,
  type QueryClock
} from '../../../src/aws/insights.js'

const logsMock = mockClient(CloudWatchLogsClient)
const client = new CloudWatchLogsClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
})

/** A clock that only moves when slept on; records the sleeps. */
function fakeClock(): QueryClock & { sleeps: number[] } {
  let t = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => t,
    sleep: async ms => {
      sleeps.push(ms)
      t += ms
    }
  }
}

const awsError = (name: string, message = name): Error =>
  Object.assign(new Error(message), { name })

const query = {
  logGroupNames: ['/ecs/a', '/ecs/b'],
  startMs: 1_700_000_000_500,
  endMs: 1_700_003_600_200,
  queryString: 'fields @message',
  limit: 100
}

beforeEach(() => {
  logsMock.reset()
})

describe('runQuery', () => {
  it('starts with the window in whole seconds, polls with backoff, ignores partial results', async () => {
    logsMock.on(StartQueryCommand).resolves({ queryId: 'q1' })
    logsMock
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Scheduled', results: [] })
      .resolvesOnce({
        status: 'Running',
        results: [[{ field: '@message', value: 'partial' }]]
      })
      .resolvesOnce({ status: 'Running', results: [] })
      .resolves({
        status: 'Complete',
        results: [
          [
            { field: '@message', value: 'a' },
            { field: '@ptr', value: 'p1' }
          ],
          [{ field: '@message', value: 'b' }]
        ],
        statistics: { recordsMatched: 2, recordsScanned: 9, bytesScanned: 90 }
      })
    const clock = fakeClock()
    const r = await runQuery(client, query, { clock })
    expect(logsMock.commandCalls(StartQueryCommand)[0]?.args[0].input).toEqual({
      logGroupNames: ['/ecs/a', '/ecs/b'],
      startTime: 1_700_000_000,
      endTime: 1_700_003_601,
      queryString: 'fields @message',
      limit: 100
    })
    expect(r.rows).toEqual([{ '@message': 'a' }, { '@message': 'b' }])
    expect(r.statistics?.recordsScanned).toBe(9)
    expect(r.polls).toBe(4)
    expect(clock.sleeps).toEqual([500, 1000, 1000, 1000])
    expect(logsMock.commandCalls(StopQueryCommand)).toHaveLength(0)
  })

  it('ends with QueryEnded for Failed, Cancelled and Timeout, without stopping', async () => {
    for (const status of ['Failed', 'Cancelled', 'Timeout'] as const) {
      logsMock.reset()
      logsMock.on(StartQueryCommand).resolves({ queryId: 'q' })
      logsMock.on(GetQueryResultsCommand).resolves({ status })
      const e = await runQuery(client, query, { clock: fakeClock() }).catch(x => x as unknown)
      expect(e).toBeInstanceOf(InsightsError)
      const ie = e as InsightsError
      expect(ie.operation).toBe('GetQueryResults')
      expect(ie.error).toBeInstanceOf(QueryEnded)
      expect((ie.error as QueryEnded).status).toBe(status)
      expect(logsMock.commandCalls(StopQueryCommand)).toHaveLength(0)
    }
  })

  it('stops a query that outlives its time budget', async () => {
    logsMock.on(StartQueryCommand).resolves({ queryId: 'slow' })
    logsMock.on(GetQueryResultsCommand).resolves({ status: 'Running' })
    logsMock.on(StopQueryCommand).resolves({ success: true })
    const e = (await runQuery(client, query, { clock: fakeClock(), timeoutMs: 5_000 }).catch(
      x => x as unknown
    )) as InsightsError
    expect(e.operation).toBe('GetQueryResults')
    expect((e.error as QueryEnded).message).toMatch(/still Running after 5 s; stopped/)
    expect(logsMock.commandCalls(StopQueryCommand)[0]?.args[0].input).toEqual({ queryId: 'slow' })
  })

  it('stops a query given up through its abort signal', async () => {
    logsMock.on(StartQueryCommand).resolves({ queryId: 'q' })
    logsMock.on(GetQueryResultsCommand).resolves({ status: 'Running' })
    logsMock.on(StopQueryCommand).resolves({ success: true })
    const abort = new AbortController()
    const clock = fakeClock()
    const sleep = clock.sleep
    clock.sleep = async ms => {
      if (clock.sleeps.length === 2) abort.abort()
      await sleep(ms)
    }
    const e = (await runQuery(client, query, { clock, signal: abort.signal }).catch(
      x => x as unknown
    )) as InsightsError
    expect((e.error as QueryEnded).message).toMatch(/aborted; stopped/)
    expect(logsMock.commandCalls(GetQueryResultsCommand)).toHaveLength(2)
    expect(logsMock.commandCalls(StopQueryCommand)).toHaveLength(1)
  })

  it('stops the query when polling fails, and names GetQueryResults', async () => {
    logsMock.on(StartQueryCommand).resolves({ queryId: 'q' })
    logsMock.on(GetQueryResultsCommand).rejects(awsError('AccessDeniedException'))
    logsMock.on(StopQueryCommand).rejects(awsError('AccessDeniedException'))
    const e = (await runQuery(client, query, { clock: fakeClock() }).catch(
      x => x as unknown
    )) as InsightsError
    expect(e.operation).toBe('GetQueryResults')
    expect((e.error as Error).name).toBe('AccessDeniedException')
    // Best effort: a failing StopQuery does not hide the error.
    expect(logsMock.commandCalls(StopQueryCommand)).toHaveLength(1)
  })

  it('retries a start while the concurrent-query limit is reached, then gives up', async () => {
    logsMock
      .on(StartQueryCommand)
      .rejectsOnce(awsError('LimitExceededException'))
      .rejectsOnce(awsError('LimitExceededException'))
      .resolves({ queryId: 'q' })
    logsMock.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: [] })
    const clock = fakeClock()
    await runQuery(client, query, { clock, limitWaitMs: 1000 })
    expect(clock.sleeps.slice(0, 2)).toEqual([1000, 2000])
    expect(logsMock.commandCalls(StartQueryCommand)).toHaveLength(3)

    logsMock.reset()
    logsMock.on(StartQueryCommand).rejects(awsError('LimitExceededException'))
    const e = (await runQuery(client, query, { clock: fakeClock(), limitRetries: 2 }).catch(
      x => x as unknown
    )) as InsightsError
    expect(e.operation).toBe('StartQuery')
    expect((e.error as Error).name).toBe('LimitExceededException')
    expect(logsMock.commandCalls(StartQueryCommand)).toHaveLength(3)
  })

  it('does not retry other start errors', async () => {
    logsMock.on(StartQueryCommand).rejects(awsError('ResourceNotFoundException'))
    const e = (await runQuery(client, query, { clock: fakeClock() }).catch(
      x => x as unknown
    )) as InsightsError
    expect(e.operation).toBe('StartQuery')
    expect((e.error as Error).name).toBe('ResourceNotFoundException')
    expect(logsMock.commandCalls(StartQueryCommand)).toHaveLength(1)
    expect(logsMock.commandCalls(GetQueryResultsCommand)).toHaveLength(0)
  })
})

it('rowRecord drops @ptr and keeps empty values', () => {
  expect(
    rowRecord([{ field: '@log', value: '1:/a' }, { field: 'n' }, { field: '@ptr', value: 'x' }])
  ).toEqual({ '@log': '1:/a', n: '' })
})
