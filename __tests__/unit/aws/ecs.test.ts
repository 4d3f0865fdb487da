import { beforeEach, describe, expect, it } from '@jest/globals'
import { DescribeServicesCommand, ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs'
import { mockClient } from 'aws-sdk-client-mock'
import { describeServices, listServiceNames, nameFromArn } from '../../../src/aws/ecs.js'

const ecsMock = mockClient(ECSClient)
const client = new ECSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
})
const arn = (n: string): string => `arn:aws:ecs:us-east-1:123456789012:service/prod/${n}`

beforeEach(() => {
  ecsMock.reset()
})

describe('listServiceNames', () => {
  it('reads every page at maxResults 100', async () => {
    // The SDK paginator reuses one input object, so copy each request as it is sent.
    const seen: unknown[] = []
    const pages = [
      { serviceArns: [arn('a'), arn('b')], nextToken: 't1' },
      { serviceArns: [], nextToken: 't2' },
      { serviceArns: [arn('c')] }
    ]
    ecsMock.on(ListServicesCommand).callsFake(input => {
      seen.push({ ...input })
      return pages[seen.length - 1]
    })
    expect(await listServiceNames(client, 'prod')).toEqual(['a', 'b', 'c'])
    expect(seen).toEqual([
      { cluster: 'prod', maxResults: 100 },
      { cluster: 'prod', maxResults: 100, nextToken: 't1' },
      { cluster: 'prod', maxResults: 100, nextToken: 't2' }
    ])
  })
})

describe('describeServices', () => {
  it('sends batches of at most 10 and collects failures', async () => {
    ecsMock.on(DescribeServicesCommand).callsFake(input => ({
      services: (input.services as string[]).filter(n => n !== 's7').map(n => ({ serviceName: n })),
      failures: (input.services as string[]).includes('s7')
        ? [{ arn: arn('s7'), reason: 'MISSING' }]
        : []
    }))
    const names = Array.from({ length: 23 }, (_, i) => `s${i}`)
    const out = await describeServices(client, 'prod', names, 2)
    const calls = ecsMock.commandCalls(DescribeServicesCommand)
    expect(calls.map(c => c.args[0].input.services?.length)).toEqual([10, 10, 3])
    expect(out.services).toHaveLength(22)
    expect(out.failures).toEqual([{ name: 's7', reason: 'MISSING' }])
  })
})

it('takes the name from a service ARN in either format', () => {
  expect(nameFromArn(arn('api'))).toBe('api')
  expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012:service/api')).toBe('api')
  expect(nameFromArn('api')).toBe('api')
})
