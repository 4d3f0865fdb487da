/** An AWS-style service error: rendered as JSON (`__type`) or XML (`<Error><Code>`) by the server. */
export class SimError extends Error {
  constructor(
    /** Wire error code, e.g. `ClusterNotFoundException` or `TargetGroupNotFound`. */
    readonly code: string,
    message: string,
    /** HTTP status code. */
    readonly status = 400,
    /** Query-protocol `<Type>`: `Sender` (client fault) or `Receiver` (server fault). */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender'
  ) {
    super(message)
    this.name = code
  }
}

/** Thrown when a scenario (or fault configuration) is invalid; lists every problem found. */
export class ScenarioError extends Error {
  constructor(
    readonly issues: readonly string[],
    source?: string
  ) {
    super(
      `invalid simulator scenario${source ? ` (${source})` : ''}:\n` +
        issues.map(i => `  - ${i}`).join('\n')
    )
    this.name = 'ScenarioError'
  }
}
