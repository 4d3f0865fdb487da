/**
 * A labeled corpus of log lines for `classify`, written for these tests: realistic lines of the
 * formats services on ECS print (Go, Java/Spring/Kotlin, Python/Django/gunicorn/Celery,
 * Node/Express/pino, Ruby/Rails, .NET, Elixir, PHP, nginx, Apache, Gin, ALB, Envoy, JSON from
 * pino/bunyan/zap/logrus/structlog/Serilog/ECS, logfmt) with the category each must get, and many
 * lines that must not count as errors. Multi-line entries are grouped traces.
 */
import type { Category } from '../../../src/logs/types.js'

export interface CorpusEntry {
  expect: Category | null
  line: string
  /** For `null` entries: whether the line is a health-check request. */
  healthCheck?: boolean
}

const e = (expect: Category | null, line: string, healthCheck?: boolean): CorpusEntry =>
  healthCheck === undefined ? { expect, line } : { expect, line, healthCheck }

const ALB_TAIL =
  'ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/73e2d6bc24d8a067 "Root=1-6744a2c0-36d228ad5d99923122bbe354" "api.example.com" "arn:aws:acm:us-east-1:123456789012:certificate/0f4e7c3a-1b2d-4c5e-8f9a-0b1c2d3e4f5a" 0 2026-11-25T11:59:30.122000Z "forward" "-" "-" "10.0.2.15:8080" "200" "-" "-"'

export const CORPUS: CorpusEntry[] = [
  // ------------------------------------------------------------------------------------- oom
  e(
    'oom',
    '2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-7] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception [Handler dispatch failed: java.lang.OutOfMemoryError: Java heap space] with root cause'
  ),
  e('oom', 'java.lang.OutOfMemoryError: GC overhead limit exceeded'),
  e(
    'oom',
    'Exception in thread "kafka-producer-network-thread | orders" java.lang.OutOfMemoryError: Direct buffer memory'
  ),
  e('oom', 'OutOfMemoryError: Container killed due to memory usage'),
  e(
    'oom',
    '[ 8412.123456] Out of memory: Killed process 4121 (java) total-vm:4194304kB, anon-rss:2031616kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4400kB oom_score_adj:0'
  ),
  e(
    'oom',
    '[ 8412.120001] java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0'
  ),
  e(
    'oom',
    'Memory cgroup out of memory: Killed process 2231 (gunicorn) total-vm:812344kB, anon-rss:520112kB, file-rss:10240kB'
  ),
  e('oom', 'container app terminated: reason=OOMKilled exitCode=137'),
  e('oom', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'),
  e(
    'oom',
    'FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory'
  ),
  e('oom', 'fatal error: runtime: out of memory'),
  e('oom', 'MemoryError'),
  e(
    'oom',
    '{"level":"error","ts":1764072000.1,"caller":"worker/pool.go:91","msg":"image resize failed","error":"fork/exec /usr/bin/convert: cannot allocate memory"}'
  ),
  e(
    'oom',
    '[2026-11-25 12:00:00 +0000] [1] [ERROR] Worker (pid:27) was sent SIGKILL! Perhaps out of memory?'
  ),
  e('oom', 'worker container exited with code 137 (restarting)'),
  e('oom', 'exec "convert": process exited: signal: killed'),
  e(
    'oom',
    'numpy.core._exceptions._ArrayMemoryError: Unable to allocate 7.45 GiB for an array with shape (1000000, 1000) and data type float64'
  ),
  e(
    'oom',
    '2026-11-25T12:00:00.123Z ERROR 1 --- [  kafka-consumer] c.e.reports.ReportService  : report build failed\njava.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n\tat com.example.reports.ReportBuilder.render(ReportBuilder.java:211)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)'
  ),
  e(
    'oom',
    'Traceback (most recent call last):\n  File "/app/etl/load.py", line 88, in load_batch\n    rows = list(cursor.fetchall())\nMemoryError'
  ),
  e(
    'oom',
    "redis.exceptions.ResponseError: OOM command not allowed when used memory > 'maxmemory'."
  ),
  e(
    'oom',
    'PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/vendor/report.php on line 42'
  ),
  e(
    'oom',
    'level=error msg="thumbnail job failed" err="fork/exec /usr/bin/convert: cannot allocate memory" job=8812'
  ),
  e('oom', "terminate called after throwing an instance of 'std::bad_alloc'"),
  e('oom', '2026/11/25 12:00:00 [emerg] 1#1: malloc(4096) failed (12: Cannot allocate memory)'),
  e(
    'oom',
    '2026-11-25 12:00:00.123 ERROR [pool-3-thread-1] c.e.s.ExportJob - export aborted: java.lang.OutOfMemoryError: Metaspace'
  ),

  e('oom', 'DAMN ! worker 1 (pid: 12) died, killed by signal 9 :( trying respawn ...'),

  // ----------------------------------------------------------------------------------- panic
  e('panic', 'panic: runtime error: invalid memory address or nil pointer dereference'),
  e('panic', 'panic: runtime error: index out of range [3] with length 3'),
  e('panic', 'panic: assignment to entry in nil map'),
  e('panic', 'goroutine 1 [running]:'),
  e('panic', '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a8f2e]'),
  e(
    'panic',
    '2026/11/25 12:00:00 http: panic serving 10.0.3.17:52144: runtime error: slice bounds out of range [:12] with capacity 8'
  ),
  e('panic', 'panic: dial tcp 10.0.2.15:5432: connect: connection refused'),
  e('panic', 'panic: send on closed channel'),
  e(
    'panic',
    "thread 'tokio-runtime-worker' panicked at 'called `Option::unwrap()` on a `None` value', src/handlers/orders.rs:88:41"
  ),
  e(
    'panic',
    "thread 'main' panicked at src/main.rs:14:5:\nfailed to bind 0.0.0.0:8080: Address already in use (os error 98)\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"
  ),
  e('panic', '{"level":"panic","ts":"2026-11-25T12:00:00Z","msg":"unrecoverable state","shard":7}'),
  e('panic', 'time="2026-11-25T12:00:00Z" level=panic msg="config invariant violated: replicas=0"'),
  e(
    'panic',
    '[Recovery] 2026/11/25 - 12:00:00 panic recovered:\nruntime error: integer divide by zero\n/app/internal/stats/rate.go:41 (0x8c1f2d)'
  ),
  e(
    'panic',
    'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8a4f2e]\n\ngoroutine 4187 [running]:\ngithub.com/acme/orders/internal/handler.(*OrderHandler).Get(0xc0001a2000, {0xb1c2d0, 0xc000412000}, 0xc000398100)\n\t/app/internal/handler/order.go:88 +0x2e\nnet/http.HandlerFunc.ServeHTTP(0xc0000a6010, {0xb1c2d0, 0xc000412000}, 0xc000398100)\n\t/usr/local/go/src/net/http/server.go:2166 +0x29'
  ),
  e(
    'panic',
    'E1125 12:00:00.123456       1 runtime.go:79] Observed a panic: "invalid memory address or nil pointer dereference" (runtime error: invalid memory address or nil pointer dereference)'
  ),
  e(
    'panic',
    'level=error msg="recovered from panic" err="runtime error: index out of range [5] with length 5" path=/api/v1/orders'
  ),
  e('panic', 'goroutine 23 [chan receive, 4 minutes]:'),
  e('panic', 'panic: pq: password authentication failed for user "orders"'),
  e(
    'panic',
    'echo: [PANIC RECOVER] runtime error: invalid memory address or nil pointer dereference goroutine 112 [running]:'
  ),
  e(
    'panic',
    '{"level":"error","ts":1764072000.3,"msg":"panic: assignment to entry in nil map","stacktrace":"goroutine 7 [running]:\\nmain.worker()"}'
  ),
  e('panic', 'panic: interface conversion: interface {} is nil, not string [recovered]'),

  // ----------------------------------------------------------------------------------- fatal
  e('fatal', 'fatal error: all goroutines are asleep - deadlock!'),
  e('fatal', 'fatal error: concurrent map writes'),
  e('fatal', 'fatal error: concurrent map read and map write'),
  e(
    'fatal',
    'time="2026-11-25T12:00:00Z" level=fatal msg="failed to load config: open /etc/app/config.yaml: no such file or directory"'
  ),
  e(
    'fatal',
    '{"level":"fatal","ts":1764072000.5,"caller":"cmd/main.go:51","msg":"cannot start server","error":"listen tcp :8080: bind: address already in use"}'
  ),
  e(
    'fatal',
    "2026-11-25 12:00:00.123 FATAL [main] o.e.b.Bootstrap - Bootstrap failed: missing required property 'spring.datasource.url'"
  ),
  e(
    'fatal',
    'F1125 12:00:00.123456       1 main.go:77] Failed to create informer: invalid configuration'
  ),
  e('fatal', 'FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal.'),
  e('fatal', '# A fatal error has been detected by the Java Runtime Environment:'),
  e('fatal', '#  SIGSEGV (0xb) at pc=0x00007f3a2c1b4d21, pid=1, tid=42'),
  e('fatal', 'Segmentation fault (core dumped)'),
  e('fatal', 'Fatal Python error: Segmentation fault'),
  e(
    'fatal',
    'PHP Fatal error:  Uncaught Error: Call to undefined function mysql_connect() in /var/www/html/db.php:12'
  ),
  e(
    'fatal',
    '2026-11-25 12:00:00,123 CRITICAL [orders.worker] Shutting down: payment provider keys could not be loaded'
  ),
  e(
    'fatal',
    '2026/11/25 12:00:00 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)'
  ),
  e('fatal', '*** stack smashing detected ***: terminated'),
  e('fatal', 'double free or corruption (fasttop)'),
  e(
    'fatal',
    '{"@timestamp":"2026-11-25T12:00:00.000Z","log.level":"FATAL","message":"Application run failed","ecs.version":"1.2.0"}'
  ),
  e('fatal', 'Aborted (core dumped)'),
  e('fatal', '{"level":60,"time":1764072000000,"pid":1,"msg":"cannot open database file"}'),
  e(
    'fatal',
    '[2026-11-25 12:00:00,123] FATAL [KafkaServer id=1] Fatal error during KafkaServer startup. Prepare to shutdown (kafka.server.KafkaServer)'
  ),

  e('fatal', 'fatal runtime error: stack overflow'),
  e('fatal', "thread 'main' has overflowed its stack"),

  // --------------------------------------------------------------------------------- timeout
  e('timeout', 'level=error msg="context deadline exceeded"'),
  e(
    'timeout',
    '2026-11-25T12:00:00.123Z ERROR 1 --- [nio-8080-exec-2] c.e.payments.PaymentClient : I/O error on POST request for "http://payment-service/api/charge": Read timed out'
  ),
  e('timeout', 'java.net.SocketTimeoutException: Read timed out'),
  e('timeout', 'java.net.SocketTimeoutException: connect timed out'),
  e(
    'timeout',
    '2026-11-25 12:00:00.123 ERROR 1 --- [io-8080-exec-10] com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Connection is not available, request timed out after 30000ms.'
  ),
  e(
    'timeout',
    '{"level":"error","ts":1764072000.1,"caller":"client/http.go:120","msg":"request failed","url":"http://inventory:8080/stock","error":"Get \\"http://inventory:8080/stock\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"}'
  ),
  e(
    'timeout',
    '2026/11/25 12:00:00 [error] 31#31: *9921 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.1.23, server: api.example.com, request: "GET /api/v1/reports HTTP/1.1", upstream: "http://10.0.2.41:8080/api/v1/reports", host: "api.example.com"'
  ),
  e('timeout', '[2026-11-25 12:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:42)'),
  e(
    'timeout',
    "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.stripe.com', port=443): Read timed out. (read timeout=10)"
  ),
  e('timeout', 'Error: connect ETIMEDOUT 10.0.3.44:443'),
  e('timeout', 'Error: timeout of 5000ms exceeded'),
  e('timeout', 'rpc error: code = DeadlineExceeded desc = context deadline exceeded'),
  e(
    'timeout',
    "2026-11-25 12:00:00,123 ERROR [celery.app.trace] Task orders.tasks.sync_inventory[3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b] raised unexpected: TimeoutError('Timeout reading from socket')"
  ),
  e(
    'timeout',
    '2026-11-25 12:00:00.123 UTC [88] ERROR:  canceling statement due to statement timeout'
  ),
  e(
    'timeout',
    'com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Lock wait timeout exceeded; try restarting transaction'
  ),
  e('timeout', 'Task timed out after 30.03 seconds'),
  e(
    'timeout',
    '2026-11-25 12:00:00 ERROR proxy call to catalog failed: status=504 body="upstream request timeout"'
  ),
  e('timeout', 'redis.exceptions.TimeoutError: Timeout reading from socket'),
  e('timeout', 'Net::ReadTimeout (Net::ReadTimeout with #<TCPSocket:(closed)>)'),
  e(
    'timeout',
    'E1125 12:00:00.123456       1 reflector.go:138] failed to list *v1.Pod: Get "https://10.100.0.1:443/api/v1/pods": dial tcp 10.100.0.1:443: i/o timeout'
  ),
  e(
    'timeout',
    "Traceback (most recent call last):\n  File \"/app/clients/stripe.py\", line 41, in charge\n    resp = session.post(url, json=body, timeout=5)\nrequests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.stripe.com', port=443): Max retries exceeded with url: /v1/charges (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7f2b1c>, 'Connection to api.stripe.com timed out. (connect timeout=5)'))"
  ),
  e(
    'timeout',
    'org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://catalog:8080/products": Timeout waiting for connection from pool'
  ),
  e(
    'timeout',
    '{"level":50,"time":1764072000000,"msg":"upstream call failed","err":{"type":"AbortError","message":"The operation was aborted due to timeout"}}'
  ),
  e(
    'timeout',
    '2026-11-25T12:00:00.123Z ERROR 1 --- [nio-8080-exec-5] c.e.orders.GlobalExceptionHandler : Unhandled exception while processing POST /api/v1/checkout\njava.util.concurrent.TimeoutException: Timeout waiting for payment-service after 5000 ms\n\tat com.example.orders.OrderService.checkout(OrderService.java:142)\n\tat com.example.orders.OrderController.checkout(OrderController.java:58)'
  ),
  e('timeout', 'Request to inventory-service timed out after 5000 ms'),
  e(
    'timeout',
    'level=error ts=2026-11-25T12:00:00.000Z caller=push.go:88 msg="push failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"'
  ),

  // ------------------------------------------------------------------------ connection_error
  e('connection_error', '2026-11-25 12:00:00 ERROR db call failed: ECONNREFUSED 10.0.0.1:5432'),
  e('connection_error', 'Error: connect ECONNREFUSED 10.0.0.1:5432'),
  e('connection_error', 'dial tcp 10.0.2.15:5432: connect: connection refused'),
  e(
    'connection_error',
    '{"level":"error","ts":1764072000.2,"caller":"store/redis.go:61","msg":"cache write failed","error":"dial tcp 10.0.4.9:6379: connect: connection refused"}'
  ),
  e(
    'connection_error',
    'psycopg2.OperationalError: could not connect to server: Connection refused\n\tIs the server running on host "db.internal" (10.0.2.15) and accepting\n\tTCP/IP connections on port 5432?'
  ),
  e('connection_error', 'java.net.ConnectException: Connection refused'),
  e(
    'connection_error',
    'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure'
  ),
  e('connection_error', 'read tcp 10.0.1.12:43122->10.0.2.15:5432: read: connection reset by peer'),
  e(
    'connection_error',
    'Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)'
  ),
  e('connection_error', 'write tcp 10.0.1.12:8080->10.0.0.7:51234: write: broken pipe'),
  e('connection_error', 'dial tcp: lookup payments.internal on 10.0.0.2:53: no such host'),
  e('connection_error', 'Error: getaddrinfo ENOTFOUND inventory-service'),
  e(
    'connection_error',
    'java.net.UnknownHostException: catalog-service: Name or service not known'
  ),
  e(
    'connection_error',
    '2026/11/25 12:00:00 [error] 31#31: *124 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.1.23, server: _, request: "POST /api/v1/orders HTTP/1.1", upstream: "http://127.0.0.1:8080/api/v1/orders", host: "api.example.com"'
  ),
  e(
    'connection_error',
    'upstream connect error or disconnect/reset before headers. reset reason: connection failure'
  ),
  e(
    'connection_error',
    'redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused.'
  ),
  e(
    'connection_error',
    '2026-11-25 12:00:00.123 ERROR 1 --- [main] o.h.engine.jdbc.spi.SqlExceptionHelper : Connection to db.internal:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.'
  ),
  e(
    'connection_error',
    'Errno::ECONNREFUSED (Failed to open TCP connection to search:9200 (Connection refused - connect(2) for "search" port 9200))'
  ),
  e(
    'connection_error',
    'level=error msg="failed to publish event" err="dial tcp 10.0.5.5:9092: connect: no route to host"'
  ),
  e(
    'connection_error',
    'E1125 12:00:00.123456       1 leaderelection.go:330] error retrieving resource lock kube-system/ctrl: Get "https://10.100.0.1:443/api": dial tcp 10.100.0.1:443: connect: network is unreachable'
  ),
  e(
    'connection_error',
    "requests.exceptions.ConnectionError: HTTPConnectionPool(host='payment-service', port=80): Max retries exceeded with url: /charge (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3c2a1b>: Failed to establish a new connection: [Errno 111] Connection refused'))"
  ),
  e('connection_error', 'Error: socket hang up'),
  e(
    'connection_error',
    '[2026-11-25 12:00:00,123] ERROR [Producer clientId=orders-producer] Connection to node 1 (kafka-1.internal/10.0.3.7:9092) could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)'
  ),
  e(
    'connection_error',
    '2026-11-25 12:00:00,123 ERROR [orders.views] Failed to reach inventory service after 3 attempts'
  ),
  e(
    'connection_error',
    'Error: Redis connection to redis:6379 failed - connect ECONNREFUSED 10.0.4.9:6379'
  ),
  e(
    'connection_error',
    'Error publishing message to queue orders-events: connection reset by peer'
  ),
  e('connection_error', 'Could not connect to redis at 10.0.4.9:6379: Connection refused'),

  e(
    'connection_error',
    'time="2026-11-25T12:00:00Z" level=error msg="sync failed" err="Get \\"https://payments.internal/v1/ledger\\": x509: certificate has expired or is not yet valid: current time 2026-11-25T12:00:00Z is after 2026-11-20T00:00:00Z"'
  ),
  e(
    'connection_error',
    'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target'
  ),
  e('connection_error', 'org.postgresql.util.PSQLException: The connection attempt failed.'),
  e(
    'connection_error',
    '2026/11/25 12:00:00 [crit] 7#7: *1 connect() to unix:/run/app.sock failed (2: No such file or directory) while connecting to upstream, client: 10.0.1.5, server: _'
  ),
  e(
    'connection_error',
    '[Tue Nov 25 12:00:00.123456 2026] [proxy_http:error] [pid 7:tid 140] (111)Connection refused: AH00957: HTTP: attempt to connect to 127.0.0.1:8080 (127.0.0.1) failed'
  ),

  e('connection_error', 'Error: 14 UNAVAILABLE: No connection established'),
  e(
    'connection_error',
    'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "db" (10.0.2.15), port 5432 failed: Connection refused'
  ),
  e('connection_error', "Error: P1001: Can't reach database server at `db`:`5432`"),

  // -------------------------------------------------------------------------------- http_5xx
  e(
    'http_5xx',
    '10.0.0.1 - - [25/Nov/2026:12:00:00 +0000] "GET /api/orders HTTP/1.1" 502 157 "-" "okhttp/4.12.0"'
  ),
  e(
    'http_5xx',
    '10.0.1.23 - - [25/Nov/2026:12:00:01 +0000] "POST /api/v1/checkout HTTP/1.1" 500 64 "https://shop.example.com/cart" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15" 0.412'
  ),
  e(
    'http_5xx',
    '198.51.100.4 - - [25/Nov/2026:12:00:02 +0000] "GET /api/v1/search?q=boots HTTP/2.0" 503 0 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"'
  ),
  e(
    'http_5xx',
    `https 2026-11-25T12:00:00.123456Z app/prod-alb/50dc6c495c0c9188 203.0.113.7:50432 10.0.2.15:8080 0.000 30.001 -1 504 - 334 0 "POST https://api.example.com:443/api/v1/checkout HTTP/1.1" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)" ${ALB_TAIL}`
  ),
  e(
    'http_5xx',
    'http 2026-11-25T12:00:01.000000Z app/prod-alb/50dc6c495c0c9188 198.51.100.23:61204 - -1 -1 -1 502 - 210 277 "GET http://api.example.com:80/api/v1/items?page=2 HTTP/1.1" "curl/8.4.0" - - arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/73e2d6bc24d8a067 "Root=1-6744a2c1-0123456789abcdef01234567" "-" "-" 0 2026-11-25T12:00:00.990000Z "forward" "-" "-" "-" "-" "-" "-"'
  ),
  e(
    'http_5xx',
    '[GIN] 2026/11/25 - 12:00:00 | 503 |  1.234567ms |        10.0.0.1 | GET      "/api/v1/items"'
  ),
  e(
    'http_5xx',
    '[GIN] 2026/11/25 - 12:00:03 | 500 |    2.001023s |     10.0.1.77 | POST     "/api/v1/orders"'
  ),
  e(
    'http_5xx',
    '[2026-11-25T12:00:00.123Z] "POST /api/v1/payments HTTP/1.1" 503 UF 312 91 1 - "10.0.1.5" "Go-http-client/1.1" "5d1e7c2a-0b3f-4c9e-8a7d-2f6b1e0c9d3a" "payments:8080" "10.0.3.21:8080"'
  ),
  e(
    'http_5xx',
    'INFO:     10.0.1.23:51234 - "POST /api/v1/checkout HTTP/1.1" 500 Internal Server Error'
  ),
  e('http_5xx', '[25/Nov/2026 12:00:00] "GET /api/orders/42/ HTTP/1.1" 500 145'),
  e(
    'http_5xx',
    '{"level":50,"time":1764072000000,"pid":1,"hostname":"ip-10-0-1-5","req":{"id":421,"method":"POST","url":"/api/v1/orders","remoteAddress":"::ffff:10.0.1.23"},"res":{"statusCode":500},"responseTime":12,"msg":"request errored"}'
  ),
  e(
    'http_5xx',
    '{"time":"2026-11-25T12:00:00.000Z","level":"error","msg":"request completed","method":"POST","path":"/api/v1/checkout","status":502,"latency_ms":2033.5,"bytes":112,"remote_ip":"203.0.113.9","user_agent":"Mozilla/5.0"}'
  ),
  e(
    'http_5xx',
    'time=2026-11-25T12:00:00Z level=info method=GET path=/api/v1/reports status=503 duration=2.1ms'
  ),
  e(
    'http_5xx',
    'method=POST path=/orders format=json controller=OrdersController action=create status=500 duration=83.21 view=0.00 db=12.44'
  ),
  e(
    'http_5xx',
    'I, [2026-11-25T12:00:00.123456 #1]  INFO -- : [4b1c2d3e] Completed 500 Internal Server Error in 24ms (ActiveRecord: 3.1ms | Allocations: 4211)'
  ),
  e('http_5xx', 'POST /api/v1/orders 500 183.442 ms - 74'),
  e(
    'http_5xx',
    '::ffff:10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "GET /api/v1/cart HTTP/1.1" 503 19 "-" "Mozilla/5.0"'
  ),
  e('http_5xx', 'Upstream payment-service returned HTTP 502 Bad Gateway'),
  e(
    'http_5xx',
    '2026-11-25 12:00:00,123 ERROR [django.request] Internal Server Error: /api/v1/checkout'
  ),
  e(
    'http_5xx',
    '{"level":"error","msg":"Request failed with status code 503","url":"http://inventory/api/stock"}'
  ),
  e(
    'http_5xx',
    'feign.FeignException$InternalServerError: [500 Internal Server Error] during [POST] to [http://payments/api/charge] [PaymentClient#charge(ChargeRequest)]: [{"message":"ledger unavailable"}]'
  ),
  e(
    'http_5xx',
    '2026-11-25T12:00:00.123Z ERROR 1 --- [nio-8080-exec-4] c.e.orders.OrderService : Inventory check failed: 503 Service Unavailable'
  ),
  e(
    'http_5xx',
    'info: Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 POST http://orders.internal/api/orders - 500 0 - 153.2117ms'
  ),
  e(
    'http_5xx',
    '{"level":"error","ts":1764072000.123,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"10.0.1.5","proto":"HTTP/2.0","method":"GET","host":"api.example.com","uri":"/api/v1/items"},"duration":0.012,"size":0,"status":502}'
  ),
  e(
    'http_5xx',
    '{"timestamp":"2026-11-25T12:00:00.000Z","level":"ERROR","logger":"orders.worker","message":"Failed to process order 17: payment declined by gateway","status":500,"error":"Failed to process order 17: payment declined by gateway"}'
  ),
  e(
    'http_5xx',
    'Traceback (most recent call last):\n  File "/app/orders/clients.py", line 33, in reserve\n    resp.raise_for_status()\nrequests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: http://inventory/api/reserve'
  ),

  e(
    'http_5xx',
    '2026-11-25T12:00:00.123Z ERROR 1 --- [nio-8080-exec-2] c.e.o.InventoryClient : GET https://inventory.internal/api/stock -> 503 (12 ms)'
  ),
  e('http_5xx', 'Upstream answered: 503 Service Temporarily Unavailable'),

  // ------------------------------------------------------------------------ python_traceback
  e('python_traceback', 'Traceback (most recent call last):'),
  e('python_traceback', '  File "/app/orders/views.py", line 142, in checkout'),
  e('python_traceback', "ValueError: invalid literal for int() with base 10: 'abc'"),
  e('python_traceback', "KeyError: 'customer_id'"),
  e('python_traceback', "AttributeError: 'NoneType' object has no attribute 'items'"),
  e('python_traceback', 'ZeroDivisionError: division by zero'),
  e('python_traceback', "ModuleNotFoundError: No module named 'orjson'"),
  e('python_traceback', 'orders.models.Order.DoesNotExist: Order matching query does not exist.'),
  e(
    'python_traceback',
    'django.db.utils.IntegrityError: duplicate key value violates unique constraint "orders_order_pkey"'
  ),
  e(
    'python_traceback',
    'sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint "users_email_key"'
  ),
  e('python_traceback', 'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)'),
  e(
    'python_traceback',
    'pydantic_core._pydantic_core.ValidationError: 1 validation error for OrderIn'
  ),
  e(
    'python_traceback',
    'ERROR:orders.tasks:Unhandled error in sync\nTraceback (most recent call last):\n  File "/app/orders/tasks.py", line 77, in sync\n    total = sum(line["qty"] for line in order.lines)\n  File "/app/orders/tasks.py", line 77, in <genexpr>\n    total = sum(line["qty"] for line in order.lines)\nKeyError: \'qty\''
  ),
  e(
    'python_traceback',
    '2026-11-25 12:00:00,123 ERROR [django.request] Internal Server Error: /api/v1/checkout\nTraceback (most recent call last):\n  File "/app/orders/views.py", line 142, in checkout\n    order = Order.objects.select_for_update().get(pk=order_id)\n  File "/usr/local/lib/python3.12/site-packages/django/db/models/query.py", line 649, in get\n    raise self.model.DoesNotExist(\norders.models.Order.DoesNotExist: Order matching query does not exist.'
  ),
  e(
    'python_traceback',
    'Traceback (most recent call last):\n  File "/app/a.py", line 3, in f\n    return d[k]\nKeyError: \'x\'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "/app/a.py", line 9, in g\n    raise LookupError(k) from None\nLookupError: x'
  ),
  e(
    'python_traceback',
    '  File "/usr/local/lib/python3.12/site-packages/sqlalchemy/engine/base.py", line 1967, in _exec_single_context'
  ),
  e('python_traceback', 'During handling of the above exception, another exception occurred:'),
  e(
    'python_traceback',
    'RecursionError: maximum recursion depth exceeded while calling a Python object'
  ),
  e(
    'python_traceback',
    "FileNotFoundError: [Errno 2] No such file or directory: '/app/config/settings.yaml'"
  ),
  e(
    'python_traceback',
    'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 4): Rate exceeded'
  ),
  e(
    'python_traceback',
    "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
  ),
  e(
    'python_traceback',
    "[2026-11-25 12:00:00 +0000] [7] [ERROR] Exception in worker process\nTraceback (most recent call last):\n  File \"/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py\", line 609, in spawn_worker\n    worker.init_process()\nImportError: cannot import name 'settings' from 'orders.config'"
  ),

  // ------------------------------------------------------------------------------- exception
  e(
    'exception',
    'Exception in thread "main" java.lang.IllegalStateException: Failed to execute CommandLineRunner'
  ),
  e(
    'exception',
    'java.lang.NullPointerException: Cannot invoke "com.example.orders.Customer.getId()" because "customer" is null'
  ),
  e('exception', '\tat com.example.orders.OrderService.checkout(OrderService.java:142)'),
  e('exception', 'Caused by: java.lang.IllegalArgumentException: amount must be positive'),
  e('exception', '\t... 87 common frames omitted'),
  e(
    'exception',
    '2026-11-25T12:00:00.123Z ERROR 1 --- [nio-8080-exec-6] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception\njava.lang.NullPointerException: null\n\tat com.example.orders.OrderMapper.toDto(OrderMapper.java:27)\n\tat com.example.orders.OrderController.get(OrderController.java:44)\n\t... 48 common frames omitted'
  ),
  e(
    'exception',
    'org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [orders_pkey]'
  ),
  e(
    'exception',
    'kotlin.UninitializedPropertyAccessException: lateinit property repository has not been initialized'
  ),
  e(
    'exception',
    "(node:1) UnhandledPromiseRejectionWarning: TypeError: Cannot read properties of undefined (reading 'id')"
  ),
  e('exception', "TypeError: Cannot read properties of undefined (reading 'map')"),
  e('exception', '    at OrderService.checkout (/app/dist/orders/service.js:142:31)'),
  e('exception', 'Uncaught Exception: ReferenceError: fetchUser is not defined'),
  e('exception', 'process uncaughtException: RangeError: Invalid array length'),
  e(
    'exception',
    'Unhandled exception. System.InvalidOperationException: Sequence contains no elements'
  ),
  e(
    'exception',
    '   at Orders.Api.Controllers.OrdersController.Get(Int32 id) in /src/Orders.Api/Controllers/OrdersController.cs:line 42'
  ),
  e('exception', "NoMethodError (undefined method 'total' for nil:NilClass):"),
  e('exception', "ActiveRecord::RecordNotFound (Couldn't find Order with 'id'=42):"),
  e('exception', '** (RuntimeError) unexpected response from billing'),
  e(
    'exception',
    "[2026-11-25 12:00:00,123: ERROR/ForkPoolWorker-2] Task orders.tasks.charge[5f0c3c1e-7b2d-4c8e-9a1b-2d3e4f5a6b7c] raised unexpected: KeyError('amount')"
  ),
  e(
    'exception',
    '2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-1] c.e.orders.GlobalExceptionHandler        : Unhandled exception while processing POST /api/v1/checkout'
  ),
  e(
    'exception',
    '{"level":"error","@timestamp":"2026-11-25T12:00:00.000Z","logger_name":"c.e.o.OrderService","message":"checkout failed","stack_trace":"java.lang.IllegalStateException: Cart 42 is already checked out\\n\\tat com.example.orders.OrderService.checkout(OrderService.java:142)\\n"}'
  ),
  e(
    'exception',
    '{"level":50,"time":1764072000000,"pid":1,"msg":"unhandled error in request handler","err":{"type":"TypeError","message":"Cannot read properties of undefined (reading \'id\')","stack":"TypeError: Cannot read properties of undefined (reading \'id\')\\n    at OrderService.checkout (/app/dist/orders/service.js:142:31)"}}'
  ),
  e(
    'exception',
    'System.NullReferenceException: Object reference not set to an instance of an object.'
  ),
  e('exception', 'scala.MatchError: Cancelled (of class com.example.orders.Status$Cancelled$)'),
  e(
    'exception',
    "Error: Cannot find module 'express'\nRequire stack:\n- /app/server.js\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1140:15)\n    at Module._load (node:internal/modules/cjs/loader:981:27)"
  ),
  e(
    'exception',
    'java.lang.IllegalStateException: Cart 88121 is already checked out\n\tat com.example.orders.OrderService.checkout(OrderService.java:142)\n\tat com.example.orders.OrderController.checkout(OrderController.java:58)\nCaused by: java.lang.IllegalArgumentException: negative quantity\n\t... 12 more'
  ),
  e('exception', '[2026-11-25 12:00:00 +0000] [7] [ERROR] Exception in worker process'),

  e(
    'exception',
    'SEVERE: Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception'
  ),
  e('exception', 'crit: Microsoft.AspNetCore.Hosting.Diagnostics[6] Application startup exception'),

  // ------------------------------------------------------------------------------ auth_error
  e(
    'auth_error',
    '10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "GET /api/v1/me HTTP/1.1" 401 48 "-" "okhttp/4.12.0"'
  ),
  e(
    'auth_error',
    '10.0.1.23 - - [25/Nov/2026:12:00:00 +0000] "DELETE /api/v1/admin/users/42 HTTP/1.1" 403 31 "-" "Mozilla/5.0"'
  ),
  e(
    'auth_error',
    '[GIN] 2026/11/25 - 12:00:00 | 401 |      41.3µs |     203.0.113.9 | GET      "/api/v1/orders"'
  ),
  e(
    'auth_error',
    'An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:sts::123456789012:assumed-role/orders-task/8f1c2d3e4f5a is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/orders/db'
  ),
  e(
    'auth_error',
    'botocore.exceptions.ClientError: An error occurred (ExpiredTokenException) when calling the ReceiveMessage operation: The security token included in the request is expired'
  ),
  e(
    'auth_error',
    'com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 4NX9Y3TQ2B1C0D; S3 Extended Request ID: aGVsbG8=)'
  ),
  e(
    'auth_error',
    'psycopg2.OperationalError: FATAL:  password authentication failed for user "orders"'
  ),
  e('auth_error', 'pq: password authentication failed for user "orders"'),
  e('auth_error', 'level=error msg="token validation failed" err="token is expired"'),
  e('auth_error', '{"level":"error","msg":"JWT verification failed","error":"jwt expired"}'),
  e('auth_error', 'org.springframework.security.access.AccessDeniedException: Access is denied'),
  e(
    'auth_error',
    '2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-9] c.e.auth.JwtFilter : Invalid JWT signature for request GET /api/v1/me'
  ),
  e('auth_error', 'Error: Request failed with status code 401'),
  e(
    'auth_error',
    'redis.exceptions.AuthenticationError: invalid username-password pair or user is disabled.'
  ),
  e('auth_error', 'NOAUTH Authentication required.'),
  e('auth_error', "Error: EACCES: permission denied, open '/data/uploads/tmp-42.bin'"),
  e('auth_error', "PermissionError: [Errno 13] Permission denied: '/var/log/app/app.log'"),
  e('auth_error', 'UnauthorizedOperation: You are not authorized to perform this operation.'),
  e('auth_error', 'botocore.exceptions.NoCredentialsError: Unable to locate credentials'),
  e(
    'auth_error',
    '{"time":"2026-11-25T12:00:00.000Z","level":"warn","msg":"request completed","method":"GET","path":"/api/v1/admin/settings","status":403,"latency_ms":3.1,"remote_ip":"10.0.1.9","user_agent":"curl/8.4.0"}'
  ),
  e(
    'auth_error',
    "ERROR 1045 (28000): Access denied for user 'orders'@'10.0.2.15' (using password: YES)"
  ),
  e('auth_error', 'Authentication failed for user 77: token expired'),
  e(
    'auth_error',
    '2026-11-25 12:00:00.123 UTC [61] FATAL:  password authentication failed for user "reporting"'
  ),

  // ------------------------------------------------------------------------ structured_error
  e('structured_error', '{"level":"error","msg":"boom"}'),
  e(
    'structured_error',
    '{"level":"error","ts":1764072000.1,"caller":"orders/service.go:210","msg":"failed to apply discount","order_id":"ord_8f7a6b","error":"discount code WINTER20 not applicable"}'
  ),
  e(
    'structured_error',
    '{"level":50,"time":1764072000000,"pid":1,"hostname":"ip-10-0-1-5.ec2.internal","msg":"Failed to process order 5: payment declined by gateway"}'
  ),
  e(
    'structured_error',
    'time="2026-11-25T12:00:00Z" level=error msg="Failed to process order 981: payment declined by gateway"'
  ),
  e(
    'structured_error',
    'time=2026-11-25T12:00:00.000Z level=ERROR msg="reconcile failed" job=nightly-settlement attempt=3'
  ),
  e(
    'structured_error',
    '{"@timestamp":"2026-11-25T12:00:00.000Z","log.level":"error","message":"Payment provider rejected the request","ecs.version":"1.2.0","service.name":"payments"}'
  ),
  e(
    'structured_error',
    '{"event":"order sync failed","level":"error","timestamp":"2026-11-25T12:00:00Z","order_id":42}'
  ),
  e(
    'structured_error',
    '{"asctime":"2026-11-25 12:00:00,123","levelname":"ERROR","name":"orders.sync","message":"sync aborted after 3 attempts"}'
  ),
  e(
    'structured_error',
    '{"name":"orders","hostname":"ip-10-0-1-5","pid":1,"level":50,"msg":"invoice rendering failed","time":"2026-11-25T12:00:00.000Z","v":0}'
  ),
  e(
    'structured_error',
    '{"level":"error","ts":"2026-11-25T12:00:00.000Z","logger":"billing","msg":"invoice total mismatch","expected":1299,"actual":1300}'
  ),
  e(
    'structured_error',
    '{"@t":"2026-11-25T12:00:00.0000000Z","@mt":"Order {OrderId} could not be saved","@l":"Error","OrderId":42}'
  ),
  e(
    'structured_error',
    't=2026-11-25T12:00:00+0000 lvl=eror msg="failed to flush metrics" module=stats'
  ),
  e(
    'structured_error',
    '{"container_name":"app","source":"stderr","log":"{\\"level\\":\\"error\\",\\"msg\\":\\"inventory sync failed\\",\\"sku\\":\\"A-1\\"}"}'
  ),
  e(
    'structured_error',
    '{"msg":"webhook delivery abandoned","error":"max attempts reached","endpoint":"https://hooks.example.com/x"}'
  ),
  e('structured_error', 'msg="payment capture failed" err="card_declined" order=42'),
  e(
    'structured_error',
    '{"severity":"ERROR","message":"Failed to export spans","logging.googleapis.com/labels":{}}'
  ),
  e(
    'structured_error',
    '{"level":"error","ts":1764072000.9,"msg":"config reload failed","error":"yaml: line 12: mapping values are not allowed in this context"}'
  ),
  e(
    'structured_error',
    'level=error ts=2026-11-25T12:00:00.000Z caller=compact.go:512 msg="compaction failed" err="corrupted block 01HF2K"'
  ),
  e(
    'structured_error',
    '{"level":"ERROR","time":"2026-11-25T12:00:00Z","message":"job finished with failures","failed":3,"succeeded":97}'
  ),
  e('structured_error', '{"lvl":"err","msg":"ledger mismatch","account":"acct_91"}'),

  e(
    'structured_error',
    '{"status":"error","service":"checkout","message":"Payment intent could not be confirmed","dd.trace_id":"5123"}'
  ),
  e(
    'structured_error',
    '{"t":{"$date":"2026-11-25T12:00:00.000+00:00"},"s":"E","c":"STORAGE","id":22435,"ctx":"conn12","msg":"WiredTiger error","attr":{"error":28}}'
  ),
  e('structured_error', '{"msg":"Error receiving request from client","remote":"10.0.1.5:51234"}'),

  // ----------------------------------------------------------------------------------- error
  e(
    'error',
    '2026-11-25 12:00:00.123 ERROR 1 --- [nio-8080-exec-3] c.e.orders.OrderService                  : Failed to process order 981: payment declined by gateway'
  ),
  e(
    'error',
    '2026-11-25 12:00:00,123 ERROR [orders.tasks] Failed to process order 77: payment declined by gateway'
  ),
  e(
    'error',
    "E1125 12:00:00.123456       1 controller.go:114] error syncing 'default/orders': failed to update status"
  ),
  e(
    'error',
    '2026/11/25 12:00:00 [error] 31#31: *77 open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: 10.0.1.5, server: _, request: "GET /favicon.ico HTTP/1.1", host: "example.com"'
  ),
  e('error', 'npm ERR! code ELIFECYCLE'),
  e('error', 'error: unable to open database file'),
  e('error', 'error: Payment webhook signature mismatch for event evt_1OaBcD'),
  e(
    'error',
    'E, [2026-11-25T12:00:00.123456 #1] ERROR -- : [4b1c] Stripe charge declined for order 42'
  ),
  e('error', '12:00:00.123 [error] GenServer Orders.Sync terminating'),
  e('error', '[2026-11-25T12:00:00.123456+00:00] app.ERROR: Order 42 could not be exported [] []'),
  e(
    'error',
    '2026-11-25 12:00:00.123 UTC [61] ERROR:  duplicate key value violates unique constraint "orders_pkey"'
  ),
  e(
    'error',
    '2026-11-25T12:00:00.123456Z 8 [ERROR] [MY-012592] [InnoDB] Operating system error number 28 in a file operation.'
  ),
  e('error', 'Failed to process order 4412: payment declined by gateway'),
  e('error', '2026/11/25 12:00:00 error reading config: yaml: line 3: did not find expected key'),
  e('error', 'Worker 3 crashed, restarting'),
  e('error', '[12:00:00 ERR] Failed to send notification to user 42'),
  e('error', '12:00AM ERR Failed to load exchange rates component=fx'),
  e(
    'error',
    '2026-11-25 12:00:00.123 | ERROR    | orders.sync:run:88 - sync batch rejected by ERP'
  ),
  e('error', '<3>Nov 25 12:00:00 ip-10-0-1-5 orders[1]: settlement file checksum mismatch'),
  e('error', 'SEVERE: Could not load configuration file /opt/app/conf/app.xml'),
  e('error', "Error: ENOENT: no such file or directory, open '/app/config/production.json'"),
  e('error', '\u001b[31mERROR\u001b[0m failed to load plugin "metrics"'),
  e(
    'error',
    '25-Nov-2026 12:00:00.123 SEVERE [main] org.apache.catalina.startup.HostConfig.deployWAR Error deploying web application archive [/usr/local/tomcat/webapps/ROOT.war]'
  ),
  e('error', 'APPLICATION FAILED TO START'),
  e('error', '/bin/sh: 1: exec: gunicorn: not found'),
  e('error', 'exec /usr/local/bin/docker-entrypoint.sh: exec format error'),
  e('error', 'Web server failed to start. Port 8080 was already in use.'),
  e(
    'error',
    'fail: Microsoft.AspNetCore.Server.Kestrel[13] Connection id "0HN8", Request id "0HN8:00000002": the application completed without reading the entire request body.'
  ),
  e(
    'error',
    "[2026-11-25 12:00:00,123] ERROR [Consumer clientId=orders-1, groupId=orders] Offset commit failed on partition orders-3 at offset 88121: The coordinator is loading and hence can't process requests. (org.apache.kafka.clients.consumer.internals.ConsumerCoordinator)"
  ),

  // ------------------------------------------------------------- not errors: access lines
  e(
    null,
    '10.0.1.5 - - [25/Nov/2026:12:00:00 +0000] "GET /api/errors HTTP/1.1" 200 512 "-" "Mozilla/5.0"'
  ),
  e(
    null,
    '10.0.1.5 - - [25/Nov/2026:12:00:00 +0000] "GET /api/error-reports?since=2026-11-24&status=failed HTTP/1.1" 200 2048 "-" "Mozilla/5.0"'
  ),
  e(
    null,
    '10.0.1.5 - - [25/Nov/2026:12:00:00 +0000] "GET /static/app.js HTTP/1.1" 304 0 "https://shop.example.com/" "Mozilla/5.0"'
  ),
  e(
    null,
    '45.146.165.37 - - [25/Nov/2026:12:00:00 +0000] "GET /wp-login.php HTTP/1.1" 404 153 "-" "Mozilla/5.0 zgrab/0.x"'
  ),
  e(
    null,
    '10.0.1.5 - - [25/Nov/2026:12:00:00 +0000] "POST /api/v1/orders HTTP/1.1" 400 88 "-" "okhttp/4.12.0"'
  ),
  e(
    null,
    `https 2026-11-25T12:00:00.123456Z app/prod-alb/50dc6c495c0c9188 203.0.113.7:50432 10.0.2.15:8080 0.000 0.012 0.000 200 200 334 2890 "GET https://api.example.com:443/api/v1/items HTTP/1.1" "Mozilla/5.0" ${ALB_TAIL}`
  ),
  e(
    null,
    'http 2026-11-25T12:00:00.123456Z app/prod-alb/50dc6c495c0c9188 203.0.113.7:50432 - -1 -1 -1 301 - 120 310 "GET http://example.com:80/ HTTP/1.1" "Mozilla/5.0" - - - "Root=1-6744a2c0-36d228ad5d99923122bbe354" "-" "-" 0 2026-11-25T12:00:00.123000Z "redirect" "https://example.com:443/" "-" "-" "-" "-" "-"'
  ),
  e(
    null,
    '[GIN] 2026/11/25 - 12:00:00 | 200 |    1.234567ms |        10.0.0.1 | GET      "/api/items/42"'
  ),
  e(
    null,
    '[GIN] 2026/11/25 - 12:00:00 | 404 |      12.1µs |        10.0.0.1 | GET      "/api/errors/unknown"'
  ),
  e(
    null,
    '{"time":"2026-11-25T12:00:00.000Z","level":"info","msg":"request completed","method":"GET","path":"/api/v1/items","status":200,"latency_ms":12.3,"bytes":512,"remote_ip":"10.0.0.1","user_agent":"Mozilla/5.0"}'
  ),
  e(
    null,
    '{"time":"2026-11-25T12:00:00.000Z","level":"warn","msg":"request completed","method":"POST","path":"/api/v1/login","status":429,"latency_ms":1.3,"bytes":40,"remote_ip":"10.0.0.1","user_agent":"Mozilla/5.0"}'
  ),
  e(null, 'GET /api/v1/orders?status=failed 200 12.442 ms - 512'),
  e(
    null,
    'I, [2026-11-25T12:00:00.123456 #1]  INFO -- : [4b1c2d3e] Completed 200 OK in 12ms (Views: 3.2ms | ActiveRecord: 1.1ms | Allocations: 2210)'
  ),
  e(null, 'INFO:     10.0.1.23:51234 - "GET /api/v1/items HTTP/1.1" 200 OK'),
  e(
    null,
    '[2026-11-25T12:00:00.123Z] "GET /api/v1/items HTTP/1.1" 200 - 0 2890 12 11 "10.0.1.5" "Go-http-client/1.1" "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" "catalog:8080" "10.0.3.21:8080"'
  ),
  e(
    null,
    'time=2026-11-25T12:00:00Z level=info method=GET path=/api/v1/errors status=200 duration=1.2ms'
  ),
  e(null, '{"level":"info","method":"GET","path":"/api/v1/timeouts","status":200,"latency_ms":3}'),
  e(
    null,
    '10.0.1.5 - - [25/Nov/2026:12:00:00 +0000] "GET /api/timeout-settings HTTP/1.1" 200 88 "-" "curl/8.4.0"'
  ),
  e(
    null,
    '10.0.1.5 - - [25/Nov/2026:12:00:00 +0000] "GET /errors/oom-killed HTTP/1.1" 404 12 "-" "curl/8.4.0"'
  ),
  e(null, '12:00:00.123 [info] Sent 200 in 4ms'),

  // ---------------------------------------------------------------- not errors: health checks
  e(
    null,
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"',
    true
  ),
  e(
    null,
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /health HTTP/1.1" 503 19 "-" "ELB-HealthChecker/2.0"',
    true
  ),
  e(
    null,
    '10.0.2.9 - - [25/Nov/2026:12:00:00 +0000] "GET /ready HTTP/1.1" 500 12 "-" "kube-probe/1.29"',
    true
  ),
  e(
    null,
    '[GIN] 2026/11/25 - 12:00:00 | 200 |      20.1µs |      10.0.1.7 | GET      "/healthz"',
    true
  ),
  e(
    null,
    '{"time":"2026-11-25T12:00:00.000Z","level":"error","msg":"request completed","method":"GET","path":"/livez","status":503,"latency_ms":0.4,"user_agent":"kube-probe/1.29"}',
    true
  ),
  e(
    null,
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "HEAD / HTTP/1.1" 200 0 "-" "Go-http-client/1.1"',
    true
  ),
  e(
    null,
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET / HTTP/1.1" 502 150 "-" "ELB-HealthChecker/2.0"',
    true
  ),
  e(
    null,
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /actuator/health/liveness HTTP/1.1" 503 45 "-" "Amazon-Route53-Health-Check-Service (ref 0f4e7c3a)"',
    true
  ),
  e(
    null,
    '10.0.1.7 - - [25/Nov/2026:12:00:00 +0000] "GET /api/ping HTTP/1.1" 200 4 "-" "curl/8.4.0"',
    true
  ),
  e(
    null,
    '[GIN] 2026/11/25 - 12:00:00 | 500 |     1.0ms |      10.0.1.7 | GET      "/status"',
    true
  ),
  e(null, 'GET /health 200 0.412 ms - 2', true),
  e(
    null,
    '2026-11-25 12:00:00 ERROR health check from ELB-HealthChecker/2.0 failed: database pool exhausted',
    true
  ),

  // ---------------------------------------------------- not errors: DEBUG / INFO / WARN lines
  e(
    null,
    "2026-11-25 12:00:00.123  INFO 1 --- [main] o.s.b.w.e.tomcat.TomcatWebServer : Tomcat started on port 8080 (http) with context path ''"
  ),
  e(null, 'INFO Registered error handler'),
  e(null, 'INFO retrying after timeout=30s'),
  e(null, '2026-11-25 12:00:00,123 INFO [orders.views] Fetched 42 products from catalog in 12 ms'),
  e(null, 'time="2026-11-25T12:00:00Z" level=info msg="Processed order 42 in 12 ms" duration=12ms'),
  e(null, '{"level":30,"time":1764072000000,"pid":1,"msg":"Cache refreshed: 120 entries in 4 ms"}'),
  e(null, '{"level":"debug","msg":"error handler registered","handler":"sentry"}'),
  e(null, "DEBUG [main] org.hibernate.SQL - select o.id from orders o where o.status = 'FAILED'"),
  e(
    null,
    '2026-11-25T12:00:00.123Z DEBUG 1 --- [main] o.s.w.s.m.m.a.ExceptionHandlerExceptionResolver : ControllerAdvice beans: 1 @ExceptionHandler'
  ),
  e(
    null,
    'I1125 12:00:00.123456       1 leaderelection.go:248] attempting to acquire leader lease kube-system/ctrl...'
  ),
  e(null, '[2026-11-25 12:00:00 +0000] [1] [INFO] Booting worker with pid: 27'),
  e(null, 'INFO:     Application startup complete.'),
  e(null, 'info: Microsoft.Hosting.Lifetime[0] Now listening on: http://[::]:8080'),
  e(
    null,
    '{"level":"info","ts":1764072000.1,"msg":"circuit breaker closed","breaker":"payments","failures":0}'
  ),
  e(
    null,
    '2026-11-25 12:00:00.123  INFO 1 --- [main] com.zaxxer.hikari.HikariDataSource : HikariPool-1 - Start completed.'
  ),
  e(null, 'HikariPool-1 - Pool stats (total=10, active=2, idle=8, waiting=0)'),
  e(null, 'INFO  [main] c.e.Config - connect_timeout_ms=500 read_timeout=10 timeout: 30s'),
  e(
    null,
    'I, [2026-11-25T12:00:00.123456 #1]  INFO -- : Started GET "/api/errors" for 10.0.1.5 at 2026-11-25 12:00:00 +0000'
  ),
  e(null, '{"level":"info","msg":"OOM killer score adjusted","oom_score_adj":-500}'),
  e(
    null,
    'INFO  Picked up JAVA_TOOL_OPTIONS: -XX:+HeapDumpOnOutOfMemoryError -XX:MaxRAMPercentage=75'
  ),
  e(
    null,
    '2026-11-25 12:00:00.123  WARN 1 --- [nio-8080-exec-3] c.e.orders.OrderService : Retrying request to payment-service (attempt 2 of 3)'
  ),
  e(
    null,
    'time="2026-11-25T12:00:00Z" level=warning msg="dial tcp 10.0.2.15:5432: connect: connection refused, retrying in 5s"'
  ),
  e(
    null,
    "2026-11-25 12:00:00.123  WARN 1 --- [nio-8080-exec-1] .w.s.m.s.DefaultHandlerExceptionResolver : Resolved [org.springframework.web.HttpRequestMethodNotSupportedException: Request method 'POST' is not supported]"
  ),
  e(
    null,
    "WARNING:urllib3.connectionpool:Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f2b1c>: Failed to establish a new connection: [Errno 111] Connection refused')': /v1/charges"
  ),
  e(
    null,
    '{"level":"warn","msg":"slow query","duration_ms":1532,"query":"SELECT * FROM orders WHERE customer_id = $1"}'
  ),
  e(null, '[2026-11-25 12:00:00 +0000] [1] [WARNING] Worker graceful timeout (pid:27)'),
  e(
    null,
    'W1125 12:00:00.123456       1 reflector.go:424] watch of *v1.Pod ended with: too old resource version: 88121 (88200)'
  ),
  e(
    null,
    '2026-11-25 12:00:00.123  WARN 1 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m2s).'
  ),
  e(
    null,
    "2026-11-25 12:00:00.123  INFO 1 --- [main] .s.b.a.l.ConditionEvaluationReportLoggingListener : Error starting ApplicationContext. To display the condition evaluation report re-run your application with 'debug' enabled."
  ),
  e(null, '\u001b[32mINFO\u001b[0m server started on :8080'),
  e(null, 'DEBUG: error=<nil> took=3ms'),
  e(null, '2026-11-25 12:00:00.123 TRACE [main] c.e.Foo - entering fail-safe mode check'),
  e(null, '[2026-11-25 12:00:00,123] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)'),
  e(
    null,
    "Warning: Accessing non-existent property 'padLevels' of module exports inside circular dependency"
  ),

  // ------------------------------------------------------ not errors: lines without a level
  e(null, 'Processed 120 records with 0 errors'),
  e(null, 'sync complete: errors: []'),
  e(null, '{"msg":"batch done","errors":0,"processed":512}'),
  e(null, 'health report: db=ok cache=ok (no errors)'),
  e(null, 'Migration finished without errors in 1.2s'),
  e(null, 'error_count=0 warn_count=2 took=12ms'),
  e(null, 'ErrorDocument 404 /404.html'),
  e(null, 'timeout: 30s'),
  e(null, 'read_timeout=10'),
  e(null, 'connect_timeout_ms=500'),
  e(null, 'Listening on 0.0.0.0:8080'),
  e(null, 'Starting orders-api v1.42.0 (commit 9f1c2d3, built 2026-11-20T10:00:00Z)'),
  e(null, '[GIN-debug] GET    /api/errors               --> main.listErrors (3 handlers)'),
  e(null, '[GIN-debug] Listening and serving HTTP on :8080'),
  e(null, '<--- Last few GCs --->'),
  e(
    null,
    '[1:0x6b7c2a0]   912345 ms: Mark-Compact 2041.8 (2083.2) -> 2039.9 (2084.2) MB, 1843.12 / 0.00 ms  (average mu = 0.112, current mu = 0.021) allocation failure; scavenge might not succeed'
  ),
  e(null, 'runtime.sysMap(0xc004000000, 0x4000000, 0x2b3e4f8)'),
  e(null, '\t/usr/local/go/src/runtime/panic.go:1047 +0x5d'),
  e(null, '    order = Order.objects.select_for_update().get(pk=order_id)'),
  e(
    null,
    'Picked up JAVA_TOOL_OPTIONS: -XX:+HeapDumpOnOutOfMemoryError -XX:+ExitOnOutOfMemoryError'
  ),
  e(null, 'retries: 3; failures: 0; last run ok'),
  e(null, 'Registered error handler for /api/*'),
  e(null, 'circuit breaker state=closed failures=0 timeouts=0'),
  e(
    null,
    'Retry policy: maxAttempts=3, backoff=200ms, retryOn=[5xx, connect-failure, refused-stream]'
  ),
  e(null, '{"msg":"settings loaded","errorReporting":"sentry","timeout":"30s"}'),
  e(null, 'Exception handling middleware enabled'),
  e(null, 'Connected to postgres at db.internal:5432 (pool size 10)'),
  e(null, 'Token refreshed for client orders-api, expires in 3600s'),
  e(null, 'All 12 health checks passed'),
  e(null, 'Shutting down gracefully (SIGTERM received)'),
  e(null, 'Requests: 1204 total, 0 failed, 3 retried'),
  e(null, 'Loaded 3 error pages from /etc/nginx/errors'),
  e(null, "Feature flag 'strict-auth' enabled for 100% of traffic"),
  e(null, 'Cache warmup done: 512 keys, 0 misses, 0 errors'),
  e(null, 'goroutine leak detector: 14 goroutines alive'),
  e(null, 'status=ok uptime=3600s'),
  e(null, 'Compiled successfully in 2.1s (0 warnings, 0 errors)'),
  e(null, 'Deprecated endpoint /api/v0/orders called by client 9f1c2d3e'),
  e(null, "Scheduled job 'cleanup-sessions' finished, removed 42 expired sessions"),
  e(null, 'User 42 signed in'),
  e(null, 'Response from inventory-service took 812 ms (threshold 500 ms)'),
  e(
    null,
    '(node:1) [DEP0005] DeprecationWarning: Buffer() is deprecated due to security and usability issues.'
  ),
  e(null, 'err=<nil> msg="flushed" count=12'),
  e(null, '{"msg":"ok","error":null}'),
  e(null, 'statsd: sent 42 metrics (dropped=0, errors=0)'),
  e(null, 'Application exited normally: status=0'),
  e(null, 'Connection pool nearly exhausted (active=9, max=10)'),
  e(null, 'Slow query: SELECT * FROM orders WHERE customer_id = ? took 912 ms'),
  e(null, 'Published event OrderCreated for order 42'),
  e(null, 'Config: on_error=retry max_failures=5 error_page=/500.html'),
  e(null, ''),
  e(null, '   '),
  e(
    null,
    '[25-Nov-2026 12:00:00] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it'
  ),
  e(null, '[25-Nov-2026 12:00:00] NOTICE: fpm is running, pid 1'),
  e(null, 'Error Handling: enabled'),
  e(null, 'errors_total{code="500",route="/api"} 12'),
  e(
    null,
    "[Tue Nov 25 12:00:00.123456 2026] [core:notice] [pid 1:tid 140] AH00094: Command line: 'httpd -D FOREGROUND'"
  ),
  e(
    null,
    '{"t":{"$date":"2026-11-25T12:00:00.000+00:00"},"s":"I","c":"NETWORK","id":22943,"ctx":"listener","msg":"Connection accepted","attr":{"connectionCount":12}}'
  ),
  e(null, '{"status":"info","service":"checkout","message":"payment captured"}'),
  e(null, '{"status":"ok","checks":{"db":"ok"}}'),
  e(null, 'Description:'),
  e(null, '2026-11-25 12:00:00.000 UTC [1] LOG:  database system is ready to accept connections'),
  e(null, 'canary check: expected 200 but got 500 rows from the replica'),
  e(
    null,
    '2026-11-25 12:00:00 [main] DEBUG o.a.h.i.c.PoolingHttpClientConnectionManager - Connection released: [id: 3][route: {}->http://catalog:8080]'
  )
]
