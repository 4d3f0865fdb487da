/**
 * The dependency an error names: `host:port`, a host, or a URL's origin, read from the wording
 * clients use when they cannot reach something (Java, Go, Node, Python, libpq, Envoy). Pure.
 */

const HOST = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+`
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`
const PORT = String.raw`\d{2,5}`

/** Most specific first; each yields `host` and maybe `port`. */
const PATTERNS: RegExp[] = [
  // Java/Lettuce/Netty: `redis-cart.internal/10.0.5.12:6379`
  new RegExp(String.raw`\b(?<host>${HOST})/${IPV4}:(?<port>${PORT})\b`),
  // libpq: `… on host "db.internal" (10.0.0.3) and accepting TCP/IP connections on port 5432?`
  new RegExp(String.raw`host "(?<host>[^"\s]{1,253})"[\s\S]{0,100}?port (?<port>${PORT})`),
  // Go: `dial tcp 10.0.0.1:5432: connect: connection refused`, `dial tcp: lookup db.internal`
  new RegExp(
    String.raw`\bdial (?:tcp|udp)[46]? (?<host>${HOST}|${IPV4}|\[[0-9a-fA-F:]+\]):(?<port>${PORT})`
  ),
  new RegExp(
    String.raw`\blookup (?<host>${HOST})(?: on ${IPV4}:\d+)?: (?:no such host|server misbehaving|i/o timeout)`
  ),
  // Node: `connect ECONNREFUSED 10.0.0.7:6379`, `getaddrinfo ENOTFOUND api.partner.example`
  new RegExp(
    String.raw`\b(?:ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH) (?<host>${HOST}|${IPV4}):(?<port>${PORT})`
  ),
  new RegExp(String.raw`\b(?:ENOTFOUND|EAI_AGAIN) (?<host>${HOST})`),
  // A URL: `https://payments.internal:8443/v1/charge`
  new RegExp(String.raw`\bhttps?://(?<host>${HOST}|${IPV4})(?::(?<port>${PORT}))?`),
  // `… to db.internal:5432`, `host=db.internal port=5432`, any `name.with.dots:port`
  new RegExp(
    String.raw`\bhost=(?<host>${HOST}|${IPV4})\b(?:[^\n]{0,40}?\bport=(?<port>${PORT})\b)?`
  ),
  new RegExp(String.raw`(?<![\w.-])(?<host>${HOST}|${IPV4}):(?<port>${PORT})\b`)
]

/** Hosts that are the service itself or nothing, never a dependency. */
const SELF = /^(?:localhost|0\.0\.0\.0|127\.\d+\.\d+\.\d+)$/

/**
 * The dependency named in `text` (`redis-cart.internal:6379`, `db.internal:5432`,
 * `api.partner.example`), or undefined when the text names none. A file name such as
 * `Main.java:42` is not a host: the name must end in letters that are not a source suffix.
 */
export function dependencyOf(text: string): string | undefined {
  // A sample is short; a longer text is cut so that no pattern runs long on hostile input.
  const t = text.length > 2000 ? text.slice(0, 2000) : text
  for (const re of PATTERNS) {
    const m = re.exec(t)
    const host = m?.groups?.host
    if (!host || SELF.test(host) || looksLikeFile(host)) continue
    const port = m.groups?.port
    return port ? `${host.toLowerCase()}:${port}` : host.toLowerCase()
  }
  return undefined
}

const FILE_SUFFIX =
  /\.(?:java|kt|scala|go|py|js|mjs|cjs|ts|rb|cs|rs|c|cc|cpp|h|php|ex|exs|erl|clj|groovy|swift|class|jar|log)$/i

function looksLikeFile(host: string): boolean {
  // A frame or file (`Main.java:42`, `app.py:10`), or a version (`1.18.0`) rather than an address.
  return FILE_SUFFIX.test(host) || (/^[\d.]+$/.test(host) && !new RegExp(`^${IPV4}$`).test(host))
}
