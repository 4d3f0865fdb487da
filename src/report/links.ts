/**
 * Deep links into the AWS console for the right region: an ECS service's health page, a target
 * group, a CloudWatch log group, and a Logs Insights query over the diagnosis window. Pure.
 *
 * The CloudWatch console keeps its state after `#`, encoded twice with `%` written as `$`
 * (`/ecs/api` → `$252Fecs$252Fapi`); a Logs Insights `queryDetail` is a JSURL-like object
 * (`~(key~'value~…)`, strings percent-encoded with `*` for `%`), `escape()`d, then URI-encoded
 * once more with `$` for `%`. Every value is encoded here, so a link cannot break out of the
 * Markdown around it: the results hold no spaces, quotes, parentheses or angle brackets.
 */

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/

/** Console origin of a region, or undefined for a string that is not a region name. */
export function consoleOrigin(region: string): string | undefined {
  if (!REGION.test(region)) return undefined
  if (region.startsWith('cn-')) return `https://${region}.console.amazonaws.cn`
  if (region.startsWith('us-gov-')) return `https://${region}.console.amazonaws-us-gov.com`
  return `https://${region}.console.aws.amazon.com`
}

/** `arn:aws:ecs:…:cluster/prod` → `prod`; a name stays a name. */
export function clusterName(cluster: string): string {
  const m = /^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(cluster)
  return m?.[1] ?? cluster
}

/** encodeURIComponent plus the characters it leaves that matter in Markdown or JSURL. */
function enc(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*~]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/** The ECS console's page of a cluster (its services). */
export function clusterUrl(region: string, cluster: string): string | undefined {
  const origin = consoleOrigin(region)
  if (!origin) return undefined
  return `${origin}/ecs/v2/clusters/${enc(clusterName(cluster))}/services?region=${region}`
}

/** The ECS console's health page of a service. */
export function serviceUrl(region: string, cluster: string, service: string): string | undefined {
  const origin = consoleOrigin(region)
  if (!origin) return undefined
  return `${origin}/ecs/v2/clusters/${enc(clusterName(cluster))}/services/${enc(service)}/health?region=${region}`
}

/** The EC2 console's page of a target group (by ARN). */
export function targetGroupUrl(region: string, arn: string): string | undefined {
  const origin = consoleOrigin(region)
  if (!origin || !arn.startsWith('arn:')) return undefined
  // ARNs are `[A-Za-z0-9:/_.-]`; anything else is encoded.
  const safe = arn.replace(/[^A-Za-z0-9:/_.-]/g, c => enc(c))
  return `${origin}/ec2/home?region=${region}#TargetGroup:targetGroupArn=${safe}`
}

/** The CloudWatch console's `$`-encoding of a value inside the `#logsV2:` fragment. */
export function consoleEncode(value: string): string {
  return encodeURIComponent(enc(value)).replace(/%/g, '$')
}

/** The CloudWatch console's page of a log group. */
export function logGroupUrl(region: string, logGroup: string): string | undefined {
  const origin = consoleOrigin(region)
  if (!origin || !logGroup) return undefined
  return `${origin}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${consoleEncode(logGroup)}`
}

/** Logs Insights query the links open: the errors of the window, newest first. */
export const INSIGHTS_QUERY = [
  'fields @timestamp, @logStream, @message',
  '| filter @message like /(?i)(error|exception|fatal|panic|timeout|refused|killed|memory)/',
  '| sort @timestamp desc',
  '| limit 200'
].join('\n')

/** A JSURL string: `'` + percent-encoding with `*` for `%`. */
function jsurl(value: string): string {
  return `'${enc(value).replace(/%/g, '*')}`
}

/**
 * A Logs Insights link over `logGroups` (at most 50, the API's limit) for an absolute window,
 * with `query` in the editor.
 */
export function logsInsightsUrl(
  region: string,
  logGroups: readonly string[],
  window: { start: string; end: string },
  query = INSIGHTS_QUERY
): string | undefined {
  const origin = consoleOrigin(region)
  const groups = logGroups.filter(Boolean).slice(0, 50)
  if (!origin || groups.length === 0) return undefined
  const start = new Date(window.start)
  const end = new Date(window.end)
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return undefined
  const detail =
    `~(end~${jsurl(end.toISOString())}~start~${jsurl(start.toISOString())}` +
    `~timeType~'ABSOLUTE~tz~'UTC~editorString~${jsurl(query)}` +
    `~source~(${groups.map(g => `~${jsurl(g)}`).join('')}))`
  // What `escape()` does to the JSURL's own punctuation, then one more URI encoding, `%` → `$`.
  const escaped = detail.replace(/[~()']/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  const fragment = encodeURIComponent(`?queryDetail=${escaped}`).replace(/%/g, '$')
  return `${origin}/cloudwatch/home?region=${region}#logsV2:logs-insights${fragment}`
}
