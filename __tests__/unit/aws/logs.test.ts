import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  type DescribeLogGroupsCommandInput
} from '@aws-sdk/client-cloudwatch-logs'
import { mockClient } from 'aws-sdk-client-mock'
import { DESCRIBE_LOG_GROUPS_MAX, findLogGroups } from '../../../src/aws/logs.js'

const logsMock = mockClient(CloudWatchLogsClient)
const client = new CloudWatchLogsClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
})
const awsError = (name: string): Error => Object.assign(new Error(name), { name })
const names = (n: number, from = 0): string[] =>
  Array.from({ length: n }, (_, i) => `/ecs/s${String(from + i).padStart(3, '0')}`)
const calls = (): DescribeLogGroupsCommandInput[] =>
  logsMock.commandCalls(DescribeLogGroupsCommand).map(c => c.args[0].input)

beforeEach(() => {
  logsMock.reset()
})

describe('findLogGroups', () => {
  it('asks for 50 names a call and reports the ones not returned as missing', async () => {
    const gone = new Set(['/ecs/s007', '/ecs/s093'])
    logsMock.on(DescribeLogGroupsCommand).callsFake((input: DescribeLogGroupsCommandInput) => ({
      logGroups: (input.logGroupIdentifiers ?? [])
        .filter(n => !gone.has(n))
        .map(logGroupName => ({ logGroupName }))
    }))
    const all = names(120)
    const r = await findLogGroups(client, [...all, '/ecs/s001'])
    expect(r).toEqual({ missing: ['/ecs/s007', '/ecs/s093'], unknown: [] })
    expect(DESCRIBE_LOG_GROUPS_MAX).toBe(50)
    // Names only (no prefix or pattern: logGroupIdentifiers takes no other filter), duplicates once.
    expect(calls()).toEqual([
      { logGroupIdentifiers: all.slice(0, 50) },
      { logGroupIdentifiers: all.slice(50, 100) },
      { logGroupIdentifiers: all.slice(100) }
    ])
  })

  it('follows nextToken and matches names, ARNs and `:*` ARNs', async () => {
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/by-arn'
    logsMock
      .on(DescribeLogGroupsCommand)
      .resolvesOnce({ logGroups: [{ logGroupName: '/ecs/a' }], nextToken: 't1' })
      .resolvesOnce({ logGroups: [{ logGroupName: '/ecs/by-arn', arn: `${arn}:*` }] })
    const r = await findLogGroups(client, ['/ecs/a', arn, '/ecs/none'])
    expect(r).toEqual({ missing: ['/ecs/none'], unknown: [] })
    expect(calls().map(c => c.nextToken)).toEqual([undefined, 't1'])
  })

  it('never calls for no names', async () => {
    expect(await findLogGroups(client, [])).toEqual({ missing: [], unknown: [] })
    expect(calls()).toHaveLength(0)
  })

  it('leaves the names of a failed call unknown, and stops calling after AccessDenied', async () => {
    logsMock.on(DescribeLogGroupsCommand).rejects(awsError('AccessDeniedException'))
    const all = names(160)
    const r = await findLogGroups(client, all, 1)
    expect(r.missing).toEqual([])
    expect([...r.unknown].sort()).toEqual(all)
    expect((r.error as Error).name).toBe('AccessDeniedException')
    expect(calls()).toHaveLength(1)
  })

  it('goes on with the other calls after another failure', async () => {
    logsMock
      .on(DescribeLogGroupsCommand)
      .rejectsOnce(awsError('ServiceUnavailableException'))
      .resolves({ logGroups: [] })
    const all = names(60)
    const r = await findLogGroups(client, all, 1)
    expect(r.unknown).toEqual(all.slice(0, 50))
    expect(r.missing).toEqual(all.slice(50))
    expect((r.error as Error).name).toBe('ServiceUnavailableException')
    expect(calls()).toHaveLength(2)
  })
})
