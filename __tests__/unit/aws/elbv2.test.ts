import { beforeEach, expect, it } from '@jest/globals'
import {
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { mockClient } from 'aws-sdk-client-mock'
import { describeTargetGroups } from '../../../src/aws/elbv2.js'

const elbMock = mockClient(ElasticLoadBalancingV2Client)
const client = new ElasticLoadBalancingV2Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
})
const arn = (i: number): string =>
  `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg${i}/${String(i).padStart(16, '0')}`

beforeEach(() => {
  elbMock.reset()
})

it('asks only for the given ARNs, in batches, following NextMarker', async () => {
  elbMock.on(DescribeTargetGroupsCommand).callsFake(input => {
    const arns = input.TargetGroupArns as string[]
    if (!input.Marker && arns.length > 3) {
      return { TargetGroups: arns.slice(0, 3).map(a => ({ TargetGroupArn: a })), NextMarker: 'm' }
    }
    return { TargetGroups: (input.Marker ? arns.slice(3) : arns).map(a => ({ TargetGroupArn: a })) }
  })
  const arns = Array.from({ length: 25 }, (_, i) => arn(i))
  const groups = await describeTargetGroups(client, arns, 4)
  expect(groups.map(g => g.TargetGroupArn).sort()).toEqual([...arns].sort())
  const calls = elbMock.commandCalls(DescribeTargetGroupsCommand).map(c => c.args[0].input)
  expect(calls.every(c => (c.TargetGroupArns?.length ?? 0) <= 20)).toBe(true)
  expect(calls.filter(c => c.Marker === 'm')).toHaveLength(2)
  expect(calls.some(c => c.TargetGroupArns === undefined)).toBe(false)
})
