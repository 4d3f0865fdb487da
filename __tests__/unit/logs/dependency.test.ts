import { expect, it } from '@jest/globals'
import { dependencyOf } from '../../../src/logs/dependency.js'

const CASES: [string, string | undefined][] = [
  [
    'Redis unavailable: io.lettuce.core.RedisConnectionException: Unable to connect to redis-cart.internal/10.0.5.12:6379: Connection refused',
    'redis-cart.internal:6379'
  ],
  [
    'psycopg2.OperationalError: could not connect to server: Connection refused\n\tIs the server running on host "orders-db.internal" (10.0.3.4) and accepting\n\tTCP/IP connections on port 5432?',
    'orders-db.internal:5432'
  ],
  ['dial tcp 10.0.7.21:5432: connect: connection refused', '10.0.7.21:5432'],
  ['dial tcp: lookup inventory.svc.local on 10.0.0.2:53: no such host', 'inventory.svc.local'],
  ['Error: connect ECONNREFUSED 10.0.9.8:6379', '10.0.9.8:6379'],
  ['getaddrinfo ENOTFOUND api.partner.example', 'api.partner.example'],
  [
    'upstream request failed: POST https://payments.internal:8443/v1/charge timed out',
    'payments.internal:8443'
  ],
  ['failed to connect to `host=db.internal user=app database=orders`: dial error', 'db.internal'],
  ['pq: connection to db.prod.internal:5432 reset by peer', 'db.prod.internal:5432'],
  ['at com.shop.Main.run(Main.java:42) Connection refused', undefined],
  ['connect to localhost:8080 refused', undefined],
  ['image 1.18.0:443 ok', undefined],
  ['Connection refused', undefined]
]

it.each(CASES)('reads the dependency of %j', (text, want) => {
  expect(dependencyOf(text)).toBe(want)
})
