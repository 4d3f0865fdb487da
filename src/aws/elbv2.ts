/**
 * ELBv2 reads for the target groups attached to the checked services only (the seed scanned
 * every target group of the region): DescribeTargetGroups by ARN (or by page where that is
 * cheaper, keeping only ours), DescribeTargetHealth per group.
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

/** Groups per page when the region's groups are listed (the API's most). */
export const TARGET_GROUP_PAGE_SIZE = 400

/**
 * Finds the given groups by listing the region's groups, 400 a page, for as long as that costs
 * fewer calls than asking for the rest by ARN (20 a call) would: two pages instead of 25 calls
 * for 500 groups when the region holds little else. Returns the groups found and the ARNs not
 * found yet (the caller asks for those by ARN).
 */
export async function findTargetGroups(
  client: ElasticLoadBalancingV2Client,
  arns: readonly string[]
): Promise<{ found: TargetGroup[]; rest: string[] }> {
  const wanted = new Set(arns)
  const found: TargetGroup[] = []
  let marker: string | undefined
  let pages = 0
  do {
    const out = await client.send(
      new DescribeTargetGroupsCommand({ PageSize: TARGET_GROUP_PAGE_SIZE, Marker: marker })
    )
    for (const g of out.TargetGroups ?? []) {
      if (g.TargetGroupArn && wanted.delete(g.TargetGroupArn)) found.push(g)
    }
    marker = out.NextMarker || undefined
    pages++
  } while (marker && wanted.size > 0 && pages < Math.ceil(wanted.size / TARGET_GROUP_ARN_BATCH))
  return { found, rest: [...wanted] }
}

/** Target health of one group (the API takes one group per call and is not paged). */
export async function describeTargetHealth(
  client: ElasticLoadBalancingV2Client,
  arn: string
): Promise<TargetHealthDescription[]> {
  const out = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))
  return out.TargetHealthDescriptions ?? []
}
