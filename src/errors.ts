/**
 * Error types and the one helper that turns any thrown value into text.
 * Exit codes follow the seed: 0 healthy, 1 degraded/unhealthy, 2 the run itself failed.
 */

/** Error raised by one check's AWS call or probe; reported inside that check. */
export interface CheckError {
  /** Human-readable message, already redacted of secrets. */
  message: string
  /** API operation that failed, e.g. `DescribeTargetHealth`. */
  operation?: string
  /** IAM action the caller lacks (set on AccessDenied), e.g. `elasticloadbalancing:DescribeTargetHealth`. */
  permission?: string
  /** AWS error code or Node error code, e.g. `AccessDeniedException`, `ECONNREFUSED`. */
  code?: string
}

/** A setting has a bad value. Maps to exit code 2; the message names the setting and the value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(
    message: string,
    /** Env-style key of the setting, e.g. `ECS_MINUTES`. */
    readonly setting: string
  ) {
    super(message)
  }
}

/** The run cannot go on (cluster not found, no credentials). Maps to exit code 2. */
export class FatalError extends Error {
  override readonly name = 'FatalError'
}

/** Message of any thrown value, on one line. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name
  if (typeof err === 'string') return err
  try {
    return JSON.stringify(err) ?? String(err)
  } catch {
    return String(err)
  }
}

/** IAM action prefixes of the three APIs the product calls. */
export type AwsApi = 'ecs' | 'elasticloadbalancing' | 'logs' | 'cloudwatch'

interface AwsLikeError {
  name?: string
  code?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'NotAuthorized'
])

const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'ProviderError', 'TokenProviderError'])

/** True when the error says the caller lacks an IAM permission. */
export function isAccessDenied(err: unknown): boolean {
  const e = err as AwsLikeError | undefined
  return !!e && ACCESS_DENIED.has(errorCode(e) ?? '')
}

/** True when the SDK found no credentials at all. */
export function isMissingCredentials(err: unknown): boolean {
  const e = err as AwsLikeError | undefined
  return !!e && NO_CREDENTIALS.has(e.name ?? '')
}

/** AWS (or Node) error code of a thrown value, if it has one. */
export function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined
  const e = err as AwsLikeError
  const code = e.name && e.name !== 'Error' ? e.name : (e.code ?? e.Code)
  return code || undefined
}

/**
 * Turns a failed AWS call into the `error` of the check it belongs to. On AccessDenied the
 * missing IAM action (`api:Operation`) is named, because that is what the user must add.
 */
export function awsCheckError(
  err: unknown,
  api: AwsApi,
  operation: string,
  resource?: string
): CheckError {
  const permission = `${api}:${operation}`
  const code = errorCode(err)
  const on = resource ? ` on ${resource}` : ''
  if (isAccessDenied(err)) {
    return {
      message: `${operation}${on} was denied: the credentials lack the IAM permission ${permission}`,
      operation,
      permission,
      ...(code ? { code } : {})
    }
  }
  return {
    message: `${operation}${on} failed: ${code && code !== 'Error' ? `${code}: ` : ''}${errorMessage(err)}`,
    operation,
    ...(code ? { code } : {})
  }
}
