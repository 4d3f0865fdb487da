/** `host` or `host:port` as people write it (port 443 left out, IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host
  return port === 443 ? h : `${h}:${port}`
}
