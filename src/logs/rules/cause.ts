/**
 * Cause rules: timeout > connection_error > auth_error > a generic "failed to connect". A
 * connect that timed out is a timeout; pgx's `failed to connect … password authentication
 * failed` is an auth error, because the generic connection phrases rank below auth.
 */
import { tier } from './types.js'

// --- timeout -----------------------------------------------------------------------------------

export const TIMEOUT_I = tier('timeout', 'i', 'message', [
  {
    name: 'timeout.deadline',
    pattern: String.raw`\bcontext deadline exceeded\b|\bdeadline[ _]?exceeded\b`
  },
  { name: 'timeout.io', pattern: String.raw`\bi\/o timeout\b` },
  { name: 'timeout.timed-out', pattern: String.raw`timed[ _-]?out\b`, guard: 'word' },
  {
    name: 'timeout.phrase',
    pattern: String.raw`\b(?:request|connection|connect|read|write|socket|upstream|query|statement|lock wait|operation|handshake|worker|dial|response)[ _-]?timeout\b`,
    guard: 'setting'
  },
  {
    name: 'timeout.exceeded',
    pattern: String.raw`\btimeout (?:exceeded|expired|reached|occurred|occured|error|waiting|awaiting|while|elapsed|after \d|of \d+\s*\w*\s*(?:exceeded|reached)|on (?:request|read|connect))|\bexceeded (?:the )?(?:\w+ )?timeout\b|\bdue to (?:a )?timeout\b|\btook too long\b|\berrno 110\b|did not properly respond after a period of time`,
    guard: 'word'
  }
])
export const TIMEOUT_CS = tier('timeout', '', 'message', [
  {
    name: 'timeout.class',
    pattern: String.raw`\b(?:[A-Z][\w$]*)?Timeout(?:Exception|Error)\b|\b[A-Z][\w$]*Timeout\b(?!["']?\s*[:=]\s*["']?\d)(?![(.])|\bsocket\.timeout\b|\bTimeout::Error\b|\bDEADLINE_EXCEEDED\b|\b[A-Z_]*TIMED_?OUT\b`
  }
])

// --- connection ----------------------------------------------------------------------------------

export const CONN_I = tier('connection_error', 'i', 'message', [
  {
    name: 'connection.refused',
    pattern: String.raw`connection refused|econnrefused|connectionrefused|connection to \S+ refused|\berrno 111\b|\(111: |actively refused`,
    guard: 'word'
  },
  {
    name: 'connection.reset',
    pattern: String.raw`connection reset|econnreset|connectionreset|reset by peer|socket hang up|\berrno 104\b|\(104: |connection aborted|econnaborted|connectionaborted|remotedisconnected|server closed the connection unexpectedly|upstream prematurely closed|lost connection to|connection (?:was )?closed unexpectedly|connection terminated unexpectedly|closed by (?:the )?remote host|disconnect\/reset before headers|stream reset|\bconnection to \S+ lost\b`,
    guard: 'word'
  },
  {
    name: 'connection.broken-pipe',
    pattern: String.raw`broken pipe|\bepipe\b|brokenpipe|\berrno 32\b`,
    guard: 'word'
  },
  {
    name: 'connection.dns',
    pattern: String.raw`no such host|\benotfound\b|\beai_again\b|name or service not known|temporary failure in name resolution|nodename nor servname|unknownhostexception|could(?: not|n't) resolve host|could not translate host name|getaddrinfo (?:failed|enotfound|eai_again)|name resolution failed|dns (?:lookup|resolution) failed|unable to resolve host|server misbehaving`,
    guard: 'word'
  },
  {
    name: 'connection.unreachable',
    pattern: String.raw`\behostunreach\b|\benetunreach\b|no route to host|network is unreachable|host is unreachable|noroutetohostexception|\bhost is down\b|\behostdown\b`,
    guard: 'word'
  },
  {
    name: 'connection.upstream',
    pattern: String.raw`\b14 UNAVAILABLE\b|code = Unavailable\b|no connection established|upstream connect error|no healthy upstream|connect\(\) (?:to \S+ )?failed|communications link failure|too many connections|too many clients|failed to establish a new connection|newconnectionerror|connection pool exhausted|connection attempt failed|\bdial (?:tcp|udp|unix)\b|no live upstreams|remaining connection slots are reserved`,
    guard: 'word'
  },
  {
    name: 'connection.tls',
    pattern: String.raw`\bx509: |certificate verify failed|certificate_verify_failed|\btls: (?:handshake failure|bad certificate|failed to verify|unrecognized name)|sslhandshakeexception|\bssl(?:\.ssl)?error\b|ssl routines|pkix path building failed|unable to find valid certification path|tls handshake (?:error|failed)|ssl handshake failed`
  }
])
export const CONN_CS = tier('connection_error', '', 'message', [
  {
    name: 'connection.class',
    pattern: String.raw`\b(?:ConnectException|SocketException(?!\s*\((?:98|10048)\))|ClosedChannelException|CommunicationsException|ConnectionError|ConnectionRefusedError|ConnectionResetError|ConnectionAbortedError|BrokenPipeError|ConnectionClosedException|HttpHostConnectException|ConnectionException|CannotConnectError|ConnectionBad)\b`
  }
])
export const CONN_WEAK_I = tier('connection_error', 'i', 'message', [
  {
    name: 'connection.failed',
    pattern: String.raw`\b(?:failed|unable|could not|couldn't|cannot|can't) (?:to )?(?:connect|establish (?:a )?connection|reach)\b|\berror connecting\b|\bconnection (?:error|failed|failure|lost|closed by peer)\b|\blost connection\b|\bconnect failed\b|\bdisconnected unexpectedly\b|\b(?:could|can)(?: ?not|n't) be established\b`,
    guard: 'word'
  }
])

// --- auth --------------------------------------------------------------------------------------

export const AUTH_I = tier('auth_error', 'i', 'message', [
  {
    name: 'auth.aws',
    pattern: String.raw`\baccessdenied(?:exception)?\b|\bunauthorizedoperation\b|\bunrecognizedclientexception\b|\binvalidclienttokenid\b|\bexpiredtoken(?:exception)?\b|\bsignaturedoesnotmatch\b|\binvalidaccesskeyid\b|\binvalidsignatureexception\b|security token included in the request is (?:invalid|expired)|not authorized to perform|\bauthfailure\b|\bmissingauthenticationtoken(?:exception)?\b|\bnotauthorizedexception\b|unable to locate credentials|\bnocredentialserror\b|could not load credentials|\bcredentialsprovidererror\b|the request signature we calculated does not match`
  },
  {
    name: 'auth.denied',
    pattern: String.raw`\baccess (?:is )?denied\b|\bpermission denied\b|\bpermissionerror\b|\beacces\b|\bpermission_denied\b|insufficient (?:permissions|privileges|scope)|\bforbidden\b|\bnot permitted to\b`,
    guard: 'word'
  },
  {
    name: 'auth.unauthorized',
    pattern: String.raw`\bunauthori[sz]ed\b|\bunauthenticated\b|\bnot authenticated\b|\bauth(?:entication)? (?:failed|failure|required|error)\b|failed to authenticate|\bauthenticationexception\b|\bauthenticationerror\b|\bauthorizationerror\b|\bauthorizationexception\b|password authentication failed|\blogin failed\b|\bnoauth\b|\bwrongpass\b|bad credentials|badcredentialsexception|invalid (?:username or password|credentials|password|user(?:name)? or password)|incorrect password|wrong password|pg_hba\.conf rejects connection|no pg_hba\.conf entry`,
    guard: 'word'
  },
  {
    name: 'auth.token',
    pattern: String.raw`\binvalid[ _-]?(?:token|jwt|signature|api[ _-]?key|access[ _-]?token|bearer|grant|client)\b|\b(?:token|jwt|session|credentials?) (?:has |is |are )?(?:expired|invalid|revoked)\b|\btokenexpirederror\b|\bjsonwebtokenerror\b|\bjwt (?:expired|malformed)\b|\bexpired[ _-]?token\b|\bmissing (?:bearer |auth(?:orization)? )?token\b|\bsignature verification failed\b`,
    guard: 'word'
  },
  {
    name: 'auth.http-text',
    pattern: String.raw`\b40[13] (?:unauthorized|forbidden)\b|\bstatus(?:[ _-]?code)?["']?\s*[:= ]\s*["']?40[13]\b|\bhttp(?:\/[\d.]+)? 40[13]\b`
  }
])
