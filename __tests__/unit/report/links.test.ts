import { describe, expect, it } from '@jest/globals'
import {
  clusterName,
  clusterUrl,
  consoleEncode,
  consoleOrigin,
  INSIGHTS_QUERY,
  logGroupUrl,
  logsInsightsUrl,
  serviceUrl,
  targetGroupUrl
} from '../../../src/report/links.js'

/** Undoes the console's encoding of a Logs Insights fragment back to the JSURL object text. */
function decodeInsights(url: string): string {
  const fragment = url.slice(url.indexOf('#logsV2:logs-insights') + '#logsV2:logs-insights'.length)
  // The fragment is URI-encoded with $ for %, over an escape()d JSURL: two decodes undo both.
  return decodeURIComponent(decodeURIComponent(fragment.replace(/\$/g, '%')))
}

/** A JSURL string value back to text. */
function jsurlValue(v: string): string {
  return decodeURIComponent(v.replace(/^'/, '').replace(/\*/g, '%'))
}

describe('console links', () => {
  it('uses the region of the run for every link', () => {
    expect(consoleOrigin('eu-west-1')).toBe('https://eu-west-1.console.aws.amazon.com')
    expect(consoleOrigin('cn-north-1')).toBe('https://cn-north-1.console.amazonaws.cn')
    expect(consoleOrigin('us-gov-west-1')).toBe(
      'https://us-gov-west-1.console.amazonaws-us-gov.com'
    )
    expect(consoleOrigin('evil.com/x?')).toBeUndefined()
    expect(serviceUrl('not a region', 'prod', 'api')).toBeUndefined()
  })

  it('links the ECS service health page, from a cluster name or ARN', () => {
    expect(serviceUrl('eu-west-1', 'prod', 'api')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/api/health?region=eu-west-1'
    )
    expect(clusterName('arn:aws:ecs:eu-west-1:123456789012:cluster/prod')).toBe('prod')
    expect(clusterUrl('eu-west-1', 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services?region=eu-west-1'
    )
  })

  it('links a target group by ARN', () => {
    const arn =
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-tg/0123456789abcdef'
    expect(targetGroupUrl('eu-west-1', arn)).toBe(
      `https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#TargetGroup:targetGroupArn=${arn}`
    )
    expect(targetGroupUrl('eu-west-1', 'not-an-arn')).toBeUndefined()
  })

  it('encodes a log group the way the CloudWatch console does ($252F for /)', () => {
    expect(consoleEncode('/ecs/api')).toBe('$252Fecs$252Fapi')
    expect(logGroupUrl('us-east-1', '/ecs/api')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fecs$252Fapi'
    )
  })

  it('builds a Logs Insights link for the absolute window that decodes to the query', () => {
    const url = logsInsightsUrl('eu-west-1', ['/ecs/api', '/ecs/web'], {
      start: '2026-11-25T12:00:00.000Z',
      end: '2026-11-25T13:00:00.000Z'
    })
    expect(url).toMatch(
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:logs-insights\$3FqueryDetail\$3D\$257E\$2528end\$257E\$2527/
    )
    const detail = decodeInsights(url ?? '')
    expect(detail.startsWith('?queryDetail=~(end~')).toBe(true)
    const m =
      /~\(end~('[^~]*)~start~('[^~]*)~timeType~'ABSOLUTE~tz~'UTC~editorString~('[^~]*)~source~\(~('[^~]*)~('[^~]*)\)\)$/.exec(
        detail
      )
    expect(m).not.toBeNull()
    expect(jsurlValue(m?.[1] ?? '')).toBe('2026-11-25T13:00:00.000Z')
    expect(jsurlValue(m?.[2] ?? '')).toBe('2026-11-25T12:00:00.000Z')
    expect(jsurlValue(m?.[3] ?? '')).toBe(INSIGHTS_QUERY)
    expect(jsurlValue(m?.[4] ?? '')).toBe('/ecs/api')
    expect(jsurlValue(m?.[5] ?? '')).toBe('/ecs/web')
  })

  it('never lets a name break out of a Markdown link', () => {
    const hostile = 'x) <img src=x onerror=alert(1)> "quoted" [y](javascript:alert(1))'
    for (const url of [
      serviceUrl('eu-west-1', hostile, hostile),
      targetGroupUrl('eu-west-1', `arn:${hostile}`),
      logGroupUrl('eu-west-1', hostile),
      logsInsightsUrl(
        'eu-west-1',
        [hostile],
        { start: '2026-11-25T12:00:00Z', end: '2026-11-25T13:00:00Z' },
        hostile
      )
    ]) {
      expect(url).toMatch(/^https:\/\//)
      expect(url).not.toMatch(/[\s()<>"'[\]`]/)
    }
  })
})
