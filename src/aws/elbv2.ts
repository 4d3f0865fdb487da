/**
 * ELBv2 reads for the target groups attached to the checked services only (the seed scanned
 * every target group of the region): DescribeTargetGroups by ARN, DescribeTargetHealth per group.
 */
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  type TargetGroup,
  type TargetHealthDescription
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { chunk, mapLimit } from '../util/concurrency.js'

/** ARNs sent per DescribeTargetGroups call; the page size allows 400, the ARN list is kept short. */
export const TARGET_GROUP_ARN_BATCH = 20

/** Describes the given target groups, batched by ARN and following `NextMarker`. */
export async function describeTargetGroups(
  client: ElasticLoadBalancingV2Client,
  arns: readonly string[],
  concurrency: number
): Promise<TargetGroup[]> {
  const batches = chunk(arns, TARGET_GROUP_ARN_BATCH)
  const pages = await mapLimit(batches, concurrency, async batch => {
    const groups: TargetGroup[] = []
    let marker: string | undefined
    do {
      const out = await client.send(
        new DescribeTargetGroupsCommand({ TargetGroupArns: batch, Marker: marker })
      )
      groups.push(...(out.TargetGroups ?? []))
      marker = out.NextMarker || undefined
    } while (marker)
    return groups
  })
  return pages.flat()
}

/** Target health of one group (the API takes one group per call and is not paged). */
export async function describeTargetHealth(
  client: ElasticLoadBalancingV2Client,
  arn: string
): Promise<TargetHealthDescription[]> {
  const out = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))
  return out.TargetHealthDescriptions ?? []
}
