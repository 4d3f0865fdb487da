/**
 * Real log lines copied from public material (GitHub issues and pull requests, vendor docs,
 * blog posts), each with its source, and the category `classify` should give it per the
 * precedence in src/logs/classify.ts. Customer IPs/hosts and redacted ids were replaced by fake
 * ones (see `note`); wrapped lines were joined. Checked by real-world.test.ts.
 */
import type { Category } from '../../../src/logs/types.js'

export const REAL_WORLD: {
  expect: Category | null
  line: string
  source: string
  format: string
  note?: string
}[] = [
  {
    expect: 'connection_error',
    line: '2022/04/15 17:45:45 [error] 363993#0: *6641416 upstream prematurely closed connection while reading response header from upstream, client: 10.20.30.40, server: _, request: "POST /atip/tc HTTP/1.1", upstream: "http://10.20.30.41:8080/atip/tc", host: "api.example.com.cn:9080"',
    source: 'https://github.com/openresty/openresty/issues/829',
    format: 'nginx',
    note: 'redacted IPs/host (10.xxx…) replaced by fake ones'
  },
  {
    expect: 'connection_error',
    line: '2024/11/03 06:09:29 [error] 184#184: *94 upstream prematurely closed connection while reading response header from upstream, client: 192.168.58.11, server: opensearch-dashboard.hi.local, request: "GET / HTTP/1.1", upstream: "http://10.244.3.84:5601/", host: "opensearch-dashboard.hi.local"',
    source: 'https://github.com/kubernetes/ingress-nginx/issues/12285',
    format: 'nginx'
  },
  {
    expect: 'http_5xx',
    line: '192.168.58.11 - - [03/Nov/2024:06:09:29 +0000] "GET / HTTP/1.1" 502 559 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36" "-"',
    source: 'https://github.com/kubernetes/ingress-nginx/issues/12285',
    format: 'nginx',
    note: 'the access line logged with the error line above: the status decides'
  },
  {
    expect: 'connection_error',
    line: '2026/06/23 17:22:40 [error] 6120#6120: *40711 connect() failed (111: Connection refused) while connecting to upstream, client: 203.0.113.9, server: api.example.com, request: "GET /v1/users HTTP/1.1", upstream: "http://127.0.0.1:8000/v1/users", host: "api.example.com"',
    source:
      'https://devopsaitoolkit.com/blog/nginx-error-connect-failed-connection-refused-upstream/',
    format: 'nginx'
  },
  {
    expect: 'connection_error',
    line: '2024/01/15 03:42:17 [error] 29#29: *1482 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.1.45, server: api.example.com, request: "POST /api/v2/orders HTTP/1.1", upstream: "http://127.0.0.1:3000/api/v2/orders", host: "api.example.com"',
    source: 'https://stackengine.dev/nginx-connect-failed-111-backend-restart',
    format: 'nginx',
    note: 'the page wraps the line at 3 places; joined with spaces'
  },
  {
    expect: 'connection_error',
    line: '2024/03/26 19:09:58 [error] 4207#4207: *123230 connect() failed (111: Unknown error) while connecting to upstream, client: 198.51.100.52, server: _, request: "GET /api/v4/websocket?connection_id=aqjq8me37pbwmx6bqrqhnfz83h&sequence_number=819 HTTP/1.1", upstream: "http://172.27.184.201:8065/api/v4/websocket?connection_id=aqjq8me37pbwmx6bqrqhnfz83h&sequence_number=819", host: "mattermost.example.internal"',
    source: 'https://github.com/mattermost/mattermost-load-test-ng/pull/719',
    format: 'nginx',
    note: "errno 111 printed as 'Unknown error' (musl); client IP and EC2 host replaced"
  },
  {
    expect: 'timeout',
    line: '[error] 1046#1046: *2094 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 192.168.17.1, server: localhost, request: "GET /update HTTP/1.1", upstream: "fastcgi://127.0.0.1:9000", host: "192.168.17.128"',
    source: 'https://github.com/fossar/selfoss/issues/1427',
    format: 'nginx',
    note: 'quoted without its timestamp in the issue'
  },
  {
    expect: 'timeout',
    line: '2021/12/31 13:40:37 [error] 13#13: *142993 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: , request: "POST /api/awc-tracker/beneficiary/save HTTP/1.1", upstream: "fastcgi://unix:///var/run/php-fpm.sock", host: "wcd_api"',
    source: 'https://github.com/kubernetes/kubernetes/issues/107269',
    format: 'nginx'
  },
  {
    expect: 'timeout',
    line: '2018/06/27 16:27:26 [error] 13#13: *315860 upstream timed out (110: Operation timed out) while reading response header from upstream, client: 172.18.0.1, server: , request: "GET / HTTP/1.0", upstream: "http://10.0.0.101:80/", host: "10.0.0.101", referrer: "http://10.0.0.101/"',
    source: 'https://github.com/lancachenet/generic/issues/81',
    format: 'nginx'
  },
  {
    expect: 'connection_error',
    line: '2023/04/13 01:20:45 [crit] 205205#205205: *23 connect() to unix:/home/ali/fastapi-nginx-gunicorn/run/gunicorn.sock failed (13: Permission denied) while connecting to upstream, client: 203.0.113.50, server: chat.example.edu, request: "GET /favicon.ico HTTP/1.1", upstream: "http://unix:/home/ali/fastapi-nginx-gunicorn/run/gunicorn.sock:/favicon.ico", host: "chat.example.edu:8181", referrer: "http://chat.example.edu:8181/"',
    source: 'https://github.com/dylanjcastillo/fastapi-nginx-gunicorn/issues/3',
    format: 'nginx',
    note: "connect() to the upstream socket failed: connection_error ranks above auth_error's 'permission denied' (same as the corpus's (2: No such file…) [crit] line); client IP/host replaced"
  },
  {
    expect: 'connection_error',
    line: '2014/02/24 22:08:51 [crit] 2650#0: *13 connect() to unix:/var/run/php5-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 203.0.113.33, server: xxx.yyy.com, request: "PROPFIND /remote.php/webdav/pictures HTTP/1.1", upstream: "fastcgi://unix:/var/run/php5-fpm.sock:", host: "xxx.yyy.com"',
    source: 'https://github.com/owncloud/client/issues/1474',
    format: 'nginx',
    note: 'client IP replaced'
  },
  {
    expect: 'connection_error',
    line: '2022/12/14 13:16:29 [error] 1829#1829: *451 no live upstreams while connecting to upstream, client: REDACTED, server: goblin.technology, request: "GET /api/v1/streaming?stream=user&access_token=REDACTED HTTP/1.1", upstream: "http://localhost/api/v1/streaming?stream=user&access_token=REDACTED", host: "goblin.technology"',
    source: 'https://github.com/superseriousbusiness/gotosocial/issues/1263',
    format: 'nginx',
    note: "every upstream peer is marked down after failed connects: nginx's equivalent of Envoy's 'no healthy upstream' (connection.upstream)"
  },
  {
    expect: null,
    line: '2017/09/26 23:15:37 [warn] 3496#0: duplicate MIME type "text/html" in /etc/nginx/conf.d/00_elastic_beanstalk_proxy.conf:42',
    source: 'https://github.com/TheScienceMuseum/collectionsonline/issues/1039',
    format: 'nginx',
    note: 'warn level, no crash'
  },
  {
    expect: null,
    line: '172.31.46.244 - - [07/Feb/2018:21:31:01 +0000] "GET / HTTP/1.1" 404 233 "-" "ELB-HealthChecker/2.0" "-"',
    source: 'https://github.com/bayesimpact/encompass/issues/355',
    format: 'nginx',
    note: 'ELB health check (healthCheck: true)'
  },
  {
    expect: 'timeout',
    line: '[2024-01-09 13:24:39 +0000] [1637] [CRITICAL] WORKER TIMEOUT (pid:7214)',
    source: 'https://github.com/benoitc/gunicorn/issues/3136',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: null,
    line: '[2024-01-09 13:24:40 +0000] [1637] [WARNING] Worker with pid 7214 was terminated due to signal 6',
    source: 'https://github.com/benoitc/gunicorn/issues/3136',
    format: 'gunicorn/uvicorn',
    note: 'warn level; the arbiter aborting a timed-out worker, not a crash signal word'
  },
  {
    expect: null,
    line: '[2024-01-09 13:25:03 +0000] [1637] [WARNING] Worker with pid 7284 was terminated due to signal 9',
    source: 'https://github.com/benoitc/gunicorn/issues/3136',
    format: 'gunicorn/uvicorn',
    note: "warn level; the SIGKILL follows the WORKER TIMEOUT above (the arbiter's own kill)"
  },
  {
    expect: null,
    line: '[2024-01-09 13:24:40 +0000] [7310] [INFO] Booting worker with pid: 7310',
    source: 'https://github.com/benoitc/gunicorn/issues/3136',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: null,
    line: '[2024-01-09 13:25:03 +0000] [1637] [DEBUG] 2 workers',
    source: 'https://github.com/benoitc/gunicorn/issues/3136',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: 'error',
    line: '[2024-07-05 09:13:44 +0200] [3129704] [ERROR] Worker (pid:3129714) exited with code 1',
    source: 'https://github.com/benoitc/gunicorn/issues/3233',
    format: 'gunicorn/uvicorn',
    note: "journald prefix 'Jul 05 09:13:44 webapps wsgi.sh[3129704]: ' removed"
  },
  {
    expect: 'timeout',
    line: '[2024-11-05 09:25:59 +0000] [16] [CRITICAL] WORKER TIMEOUT (pid:17)',
    source: 'https://github.com/open-runtimes/open-runtimes/pull/330',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: 'oom',
    line: '[2024-11-05 09:26:00 +0000] [16] [ERROR] Worker (pid:17) was sent SIGKILL! Perhaps out of memory?',
    source: 'https://github.com/open-runtimes/open-runtimes/pull/330',
    format: 'gunicorn/uvicorn',
    note: "labelled oom like the corpus (oom.alloc 'perhaps out of memory'), although here the kill follows a WORKER TIMEOUT"
  },
  {
    expect: null,
    line: '[2019-09-04 09:21:14 -0400] [29779] [INFO] Reason: Worker failed to boot.',
    source: 'https://github.com/benoitc/gunicorn/issues/2103',
    format: 'gunicorn/uvicorn',
    note: 'INFO level: not an error per the level gate (the master then exits with status 3 — see report)'
  },
  {
    expect: null,
    line: '[2016-01-18 20:16:39 +0100] [8144] [INFO] Shutting down: Master',
    source: 'https://github.com/benoitc/gunicorn/issues/1183',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: 'exception',
    line: '[2024-10-30 17:19:51 +0000] [3676] [ERROR] Exception in worker process',
    source: 'https://github.com/benoitc/gunicorn/issues/3320',
    format: 'gunicorn/uvicorn',
    note: "the header line on its own (ungrouped event): the word 'exception'"
  },
  {
    expect: 'python_traceback',
    line: '2012-03-08 21:13:26 [22380] [ERROR] Exception in worker process:\nTraceback (most recent call last):\n  File "/opt/localshop/lib/python2.6/site-packages/gunicorn/arbiter.py", line 453, in spawn_worker\n    worker.init_process()\n  File "/opt/localshop/lib/python2.6/site-packages/gunicorn/workers/base.py", line 99, in init_process\n    self.wsgi = self.app.wsgi()\n  File "/opt/localshop/lib/python2.6/site-packages/gunicorn/app/base.py", line 101, in wsgi\n    self.callable = self.load()\n  File "/opt/localshop/lib/python2.6/site-packages/localshop/services/http.py", line 32, in load\n    self.activate_translation()\nAttributeError: \'LocalShopApplication\' object has no attribute \'activate_translation\'',
    source: 'https://github.com/mvantellingen/localshop/issues/7',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: 'python_traceback',
    line: "gunicorn.errors.HaltServer: <HaltServer 'Worker failed to boot.' 3>",
    source: 'https://github.com/benoitc/gunicorn/issues/366',
    format: 'gunicorn/uvicorn',
    note: "the last line of the master's traceback"
  },
  {
    expect: 'http_5xx',
    line: 'INFO:     192.168.181.1:54882 - "GET / HTTP/1.1" 500 Internal Server Error',
    source: 'https://github.com/eNMS-automation/eNMS/issues/401',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: 'http_5xx',
    line: 'INFO:     127.0.0.1:34956 - "GET / HTTP/1.1" 500 Internal Server Error',
    source: 'https://github.com/fastapi/fastapi/issues/2804',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: 'http_5xx',
    line: 'INFO: (\'192.168.0.197\', 49914) - "GET / HTTP/1.1" 500',
    source: 'https://github.com/fastapi/fastapi/issues/2147',
    format: 'gunicorn/uvicorn',
    note: 'old uvicorn access format (client as a tuple)'
  },
  {
    expect: 'http_5xx',
    line: 'INFO:     3.138.134.210:40490 - "POST /PerfInfo HTTP/1.1" 500 Internal Server Error',
    source: 'https://github.com/neuralinternet/SN27/issues/114',
    format: 'gunicorn/uvicorn',
    note: "pm2 prefix '0|MINER  | ' removed"
  },
  {
    expect: null,
    line: 'TRACE:    3.138.134.210:40490 - ASGI [4] Raised exception',
    source: 'https://github.com/neuralinternet/SN27/issues/114',
    format: 'gunicorn/uvicorn',
    note: 'TRACE level'
  },
  {
    expect: 'exception',
    line: 'ERROR:    Exception in ASGI application',
    source: 'https://github.com/coleam00/mcp-crawl4ai-rag/issues/20',
    format: 'gunicorn/uvicorn',
    note: 'ungrouped header line'
  },
  {
    expect: 'python_traceback',
    line: 'ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/uvicorn/protocols/http/httptools_impl.py", line 385, in run_asgi\n    result = await app(self.scope, self.receive, self.send)\n  File "/usr/lib/python3/dist-packages/uvicorn/middleware/proxy_headers.py", line 45, in __call__\n    return await self.app(scope, receive, send)\nTypeError: root() takes 0 positional arguments but 3 were given',
    source: 'https://github.com/fastapi/fastapi/issues/2804',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: null,
    line: 'INFO:     Waiting for application startup.',
    source: 'https://github.com/Kludex/uvicorn/issues/1066',
    format: 'gunicorn/uvicorn'
  },
  {
    expect: null,
    line: 'INFO:uvicorn.error:Application startup complete.',
    source: 'https://github.com/tortoise/tortoise-orm/issues/869',
    format: 'gunicorn/uvicorn',
    note: 'INFO record of the logger named uvicorn.error'
  },
  {
    expect: 'error',
    line: '[ERROR] uvicorn | Application startup failed. Exiting.',
    source: 'https://github.com/Le-niao/Yunzai-Bot/issues/338',
    format: 'gunicorn/uvicorn',
    note: "nonebot's format for uvicorn's message"
  },
  {
    expect: 'connection_error',
    line: 'fail: Microsoft.AspNetCore.Server.Kestrel[13]\n      Connection id "0HNH30RGF5AMA", Request id "0HNH30RGF5AMA:00000001": An unhandled exception was thrown by the application.\n      API.Exceptions.ParsingException: Could not connect to the Library instance\n         at API.Schema.LibraryContext.LibraryConnectors.Kavita.GetToken(String baseUrl, String apiKey) in /src/API/Schema/LibraryContext/LibraryConnectors/Kavita.cs:line 36\n         at API.Schema.LibraryContext.LibraryConnectors.Kavita..ctor(String baseUrl, String auth) in /src/API/Schema/LibraryContext/LibraryConnectors/Kavita.cs:line 8\n         at API.Controllers.LibraryConnectorController.CreateKavita(CreateKavitaRecord requestData) in /src/API/Controllers/LibraryConnectorController.cs:line 68',
    source: 'https://github.com/C9Glax/tranga/issues/504',
    format: 'dotnet',
    note: "'Could not connect' (cause) beats the exception class; trace cut where the issue's excerpt is"
  },
  {
    expect: 'exception',
    line: 'fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[1]\n      An unhandled exception has occurred while executing the request.\n      System.Exception: Application Exception\n         at ExceptionHandlerSample.Startup.<>c.<Configure>b__0_6(HttpContext context) in C:\\gh\\aspnetcore\\src\\Middleware\\Diagnostics\\test\\testassets\\ExceptionHandlerSample\\Startup.cs:line 37\n         at Microsoft.AspNetCore.Builder.Extensions.MapMiddleware.Invoke(HttpContext context) in C:\\gh\\aspnetcore\\src\\Http\\Http.Abstractions\\src\\Extensions\\MapMiddleware.cs:line 70',
    source: 'https://github.com/dotnet/aspnetcore/pull/31142',
    format: 'dotnet'
  },
  {
    expect: null,
    line: 'info: Microsoft.Hosting.Lifetime[0]\n      Now listening on: http://localhost:5000',
    source: 'https://github.com/dotnet/aspnetcore/pull/31142',
    format: 'dotnet'
  },
  {
    expect: 'exception',
    line: 'fail: Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware[1]\n      An unhandled exception has occurred while executing the request.\nSystem.ArgumentException: Options.ClientId must be provided\nParameter name: ClientId\n   at Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions.Validate()\n   at Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions.Validate(String scheme)',
    source: 'https://github.com/aspnet/IISIntegration/issues/591',
    format: 'dotnet'
  },
  {
    expect: 'connection_error',
    line: 'crit: Microsoft.AspNetCore.Hosting.Diagnostics[6]\n      Application startup exception\n      Npgsql.NpgsqlException (0x80004005): Failed to connect to [::1]:5432\n       ---> System.Net.Internals.SocketExceptionFactory+ExtendedSocketException (99): Cannot assign requested address [::1]:5432\n         at System.Net.Sockets.Socket.DoConnect(EndPoint endPointSnapshot, SocketAddress socketAddress)\n         at System.Net.Sockets.Socket.Connect(EndPoint remoteEP)\n         at Npgsql.Internal.NpgsqlConnector.Connect(NpgsqlTimeout timeout)',
    source: 'https://github.com/OPCFoundation/UA-CloudLibrary/issues/118',
    format: 'dotnet'
  },
  {
    expect: 'connection_error',
    line: 'fail: Program[0]\n      An error occured during migration\n      Npgsql.NpgsqlException (0x80004005): Failed to connect to 127.0.0.1:5432\n       ---> System.Net.Sockets.SocketException (111): Connection refused\n         at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError error, CancellationToken cancellationToken)\n         at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.System.Threading.Tasks.Sources.IValueTaskSource.GetResult(Int16 token)',
    source: 'https://github.com/npgsql/npgsql/issues/4739',
    format: 'dotnet'
  },
  {
    expect: 'exception',
    line: 'fail: Microsoft.Extensions.Hosting.Internal.Host[11]\n      Hosting failed to start\n      System.IO.IOException: Failed to bind to address http://127.0.0.1:5010: address already in use.\n       ---> Microsoft.AspNetCore.Connections.AddressInUseException: Address already in use\n       ---> System.Net.Sockets.SocketException (98): Address already in use\n         at System.Net.Sockets.Socket.DoBind(EndPoint endPointSnapshot, SocketAddress socketAddress)\n         at System.Net.Sockets.Socket.Bind(EndPoint localEP)',
    source: 'https://github.com/dotnet/aspnetcore/issues/55782',
    format: 'dotnet',
    note: "a port conflict at startup, not a connection to a dependency: the exception, not connection_error; Docker Desktop's '2024-05-18 23:00:50 ' line prefixes removed"
  },
  {
    expect: 'exception',
    line: 'fail: Microsoft.Extensions.Hosting.Internal.Host[11]\n      Hosting failed to start\n      System.InvalidOperationException: Command C:\\Program Files\\dotnet\\packs\\Aspire.Hosting.Orchestration.win-x64\\8.0.2\\tools\\dcp.exe info returned non-zero exit code -1\n         at Aspire.Hosting.Dcp.Process.ProcessUtil.ProcessDisposable.DisposeAsync() in /_/src/Aspire.Hosting/Dcp/Process/ProcessUtil.cs:line 155',
    source: 'https://github.com/microsoft/aspire/issues/4750',
    format: 'dotnet'
  },
  {
    expect: 'fatal',
    line: 'crit: Microsoft.AspNetCore.Server.Kestrel[0]\n      Unable to start Kestrel.',
    source: 'https://github.com/dotnet/core/issues/3256',
    format: 'dotnet',
    note: 'crit level, nothing more specific'
  },
  {
    expect: 'exception',
    line: 'crit: Microsoft.AspNetCore.Server.Kestrel[0] Unable to start Kestrel. System.InvalidOperationException: Unable to configure HTTPS endpoint. No server certificate was specified, and the default developer certificate could not be found or is out of date.',
    source: 'https://github.com/dotnet/aspnetcore/issues/32444',
    format: 'dotnet',
    note: "issue title (truncated at 'default develop'; completed with the standard message); exception class beats the crit level"
  },
  {
    expect: 'timeout',
    line: 'fail: Microsoft.AspNetCore.Server.Kestrel, Version=1.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60[13]\n      Connection id "0HKRUJLG59K7N": An unhandled exception was thrown by the application.\nMicrosoft.EntityFrameworkCore.DbUpdateException: An error occurred while updating the entries. See the inner exception for details. ---> Npgsql.NpgsqlException: Exception while reading from stream ---> System.IO.IOException: Unable to read data from the transport connection: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. ---> System.Net.Sockets.SocketException: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond\n   at System.Net.Sockets.Socket.Receive(Byte[] buffer, Int32 offset, Int32 size, SocketFlags socketFlags)\n   at System.Net.Sockets.NetworkStream.Read(Byte[] buffer, Int32 offset, Int32 size)',
    source: 'https://github.com/npgsql/npgsql/issues/1100',
    format: 'dotnet',
    note: "Windows console wrapping at 120 columns undone; 'did not properly respond after a period of time' is WSAETIMEDOUT (10060), the Windows text of ETIMEDOUT"
  },
  {
    expect: 'connection_error',
    line: 'fail: Microsoft.EntityFrameworkCore.Query.Internal.NpgsqlQueryCompilationContextFactory[1]\n      An exception occurred in the database while iterating the results of a query.\n      System.Net.Sockets.SocketException: Unknown error -1\n         at Npgsql.NpgsqlConnector.Connect(NpgsqlTimeout timeout)\n         at Npgsql.NpgsqlConnector.RawOpen(NpgsqlTimeout timeout)',
    source: 'https://github.com/npgsql/efcore.pg/issues/51',
    format: 'dotnet'
  },
  {
    expect: 'http_5xx',
    line: 'h2 2023-03-08T12:05:52.352228Z app/k8s-argocd/0123456789abcdef 198.51.100.23:12653 10.0.8.248:31130 -1 -1 -1 504 - 49 202 "GET https://argocd-pj-1-sample-1.kahiro.c16e-dev.com:443/ HTTP/2.0" "curl/7.86.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/k8s-contoure-contoure-347a67d9c6/f138b1630cf46114 "Root=1-64087a16-1b7f18347fcdb5bd1573907d" "argocd-pj-1-sample-1.kahiro.c16e-dev.com" "arn:aws:acm:ap-northeast-1:123456789012:certificate/0f4e7c3a-1b2d-4c5e-8f9a-0b1c2d3e4f5a" 2 2023-03-08T12:05:42.351000Z "forward" "-" "-" "10.0.8.248:31130" "-" "-" "-"',
    source: 'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/3095',
    format: 'alb',
    note: 'redacted LB name, client IP, account and certificate ids (xxxxxx) replaced'
  },
  {
    expect: null,
    line: 'h2 2023-03-08T12:05:42.292034Z app/k8s-argocd/0123456789abcdef 198.51.100.23:8557 10.0.7.136:31130 0.002 0.004 0.000 200 200 49 1010 "GET https://argocd-pj-1-sample-1.kahiro.c16e-dev.com:443/ HTTP/2.0" "curl/7.86.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/k8s-contoure-contoure-347a67d9c6/f138b1630cf46114 "Root=1-64087a16-082edb6208fd63d3010207cb" "argocd-pj-1-sample-1.kahiro.c16e-dev.com" "arn:aws:acm:ap-northeast-1:123456789012:certificate/0f4e7c3a-1b2d-4c5e-8f9a-0b1c2d3e4f5a" 2 2023-03-08T12:05:42.285000Z "forward" "-" "-" "10.0.7.136:31130" "200" "-" "-"',
    source: 'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/3095',
    format: 'alb',
    note: 'redacted ids replaced'
  },
  {
    expect: 'http_5xx',
    line: 'http 2022-04-15T16:52:50.757968Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.001 4.205 -1 502 - 94 326 "GET http://example.com:80 HTTP/1.1" "curl/7.51.0" - - arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354"',
    source: 'https://github.com/medplum/medplum/issues/2253',
    format: 'alb',
    note: 'AWS knowledge-center example (target closed the connection) quoted in the issue'
  },
  {
    expect: 'http_5xx',
    line: 'http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 502 - 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "LambdaInvalidResponse"',
    source:
      'https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/master/doc_source/load-balancer-access-logs.md',
    format: 'alb',
    note: 'failed Lambda entry; the doc wraps it on 5 lines, joined with spaces'
  },
  {
    expect: null,
    line: 'http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "-"',
    source:
      'https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/master/doc_source/load-balancer-access-logs.md',
    format: 'alb',
    note: 'succeeded Lambda entry, lines joined'
  },
  {
    expect: null,
    line: 'h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 "GET https://10.0.2.105:773/ HTTP/2.0" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337327-72bd00b0343d75b906739c42" "-" "-" 1 2018-07-02T22:22:48.364000Z "redirect" "https://example.com:80/" "-"',
    source:
      'https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/master/doc_source/load-balancer-access-logs.md',
    format: 'alb',
    note: 'HTTP/2 entry, lines joined'
  },
  {
    expect: null,
    line: '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -',
    source:
      'https://github.com/awsdocs/elb-classic-load-balancers-user-guide/blob/master/doc_source/access-log-collection.md',
    format: 'alb',
    note: 'Classic Load Balancer format (starts with the timestamp)'
  },
  {
    expect: null,
    line: '2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001065 0.000015 0.000023 - - 57 502 "- - - " "-" ECDHE-ECDSA-AES128-GCM-SHA256 TLSv1.2',
    source:
      'https://github.com/awsdocs/elb-classic-load-balancers-user-guide/blob/master/doc_source/access-log-collection.md',
    format: 'alb',
    note: 'Classic SSL listener entry: 502 is sent_bytes, there is no status'
  },
  {
    expect: 'http_5xx',
    line: '2015-07-22T10:34:46.178711Z marketpalce-shop 115.112.62.211:41340 - -1 -1 -1 504 0 0 0 "POST https://paytm.com:443/shop/log HTTP/1.1" "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)" ECDHE-RSA-AES128-SHA TLSv1',
    source: 'https://github.com/PaytmLabs/WeblogChallenge',
    format: 'alb',
    note: "Classic ELB record from Paytm's public sample log"
  },
  {
    expect: 'http_5xx',
    line: '2015-07-22T09:00:35.890581Z marketpalce-shop 106.66.99.116:37913 - -1 -1 -1 504 0 0 0 "GET https://paytm.com:443/shop/orderdetail/1116223940?channel=web&version=2 HTTP/1.1" "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/535.1 (KHTML, like Gecko) Chrome/14.0.794.0 Safari/535.1" ECDHE-RSA-AES128-SHA TLSv1',
    source: 'https://github.com/PaytmLabs/WeblogChallenge',
    format: 'alb',
    note: "Classic ELB record from Paytm's public sample log"
  },
  {
    expect: 'http_5xx',
    line: '2020-08-21T12:22:30.612524Z awseb-e-w-AWSEBLoa-RI9LF5IRC7HI 10.0.6.24:59036 - -1 -1 -1 504 0 0 0 "GET http://book.barcelona-tickets.com:80/_next/static/chunks/c04d9d18188bc7b1d44032b97b21bf4fc203159c.4821a7a9ee278a3e6f96.js HTTP/1.0" "Mozilla/5.0 (iPhone; CPU iPhone OS 13_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Mobile/15E148 Safari/604.1" - -',
    source:
      'https://github.com/himanshu-dixit/personal-gatsby-website/blob/master/content/blog/aws-504-error-at-scale/index.mdx',
    format: 'alb',
    note: 'Elastic Beanstalk Classic ELB; the post wraps it on 5 lines, joined'
  },
  {
    expect: 'connection_error',
    line: '2024-06-07 10:32:02 UTC [66057]: user=relation_id_6,db=maasdb,app=[unknown],client=10.1.160.44,line=1 FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    source: 'https://github.com/canonical/postgresql-k8s-operator/issues/499',
    format: 'postgres',
    note: "SQLSTATE 53300 too_many_connections: the same condition as 'sorry, too many clients already' (connection.upstream 'too many clients')"
  },
  {
    expect: 'connection_error',
    line: 'FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    source: 'https://github.com/zammad/zammad-helm/issues/52',
    format: 'postgres',
    note: "SQLSTATE 53300 too_many_connections: the same condition as 'sorry, too many clients already' (connection.upstream 'too many clients')"
  },
  {
    expect: 'connection_error',
    line: 'PG::ConnectionBad: FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    source: 'https://github.com/fjordllc/bootcamp/issues/3162',
    format: 'postgres',
    note: 'client side (Ruby pg)'
  },
  {
    expect: 'connection_error',
    line: 'psycopg2.OperationalError: FATAL:  remaining connection slots are reserved for non-replication superuser connections',
    source: 'https://github.com/irrdnet/irrd/issues/350',
    format: 'postgres',
    note: "client side (psycopg2); SQLSTATE 53300 too_many_connections: the same condition as 'sorry, too many clients already' (connection.upstream 'too many clients')"
  },
  {
    expect: 'error',
    line: '2024-07-16 14:13:12.528 UTC [1794] FATAL:  terminating connection due to administrator command',
    source: 'https://github.com/CrunchyData/postgres-operator/issues/3798',
    format: 'postgres',
    note: 'FATAL: reads as an error level; nothing more specific'
  },
  {
    expect: 'auth_error',
    line: '2020-09-08 07:35:04 UTC [440]: [5f573428.1b8-2] postgres@postgres,app=[unknown] [28P01] FATAL:  password authentication failed for user "postgres"',
    source: 'https://github.com/timescale/helm-charts/issues/223',
    format: 'postgres'
  },
  {
    expect: 'auth_error',
    line: '2020-09-08 07:35:02 UTC [436]: [5f573426.1b4-2] postgres@postgres,app=[unknown] [28000] FATAL:  pg_hba.conf rejects connection for host "10.121.14.113", user "postgres", database "postgres", SSL off',
    source: 'https://github.com/timescale/helm-charts/issues/223',
    format: 'postgres',
    note: 'SQLSTATE 28000 invalid_authorization_specification: the server refuses the login'
  },
  {
    expect: 'auth_error',
    line: '2022-03-04 14:14:45.835 GMT [108] FATAL:  password authentication failed for user "zabbix"',
    source: 'https://github.com/cetic/helm-zabbix/issues/46',
    format: 'postgres'
  },
  {
    expect: null,
    line: '2020-02-14 17:26:38.505 UTC [62] DETAIL:  Password does not match for user "postgres".',
    source: 'https://github.com/docker-library/postgres/issues/679',
    format: 'postgres',
    note: 'DETAIL continuation of the FATAL line (which is the error)'
  },
  {
    expect: 'error',
    line: 'FATAL:  the database system is starting up',
    source: 'https://github.com/patroni/patroni/issues/402',
    format: 'postgres'
  },
  {
    expect: 'error',
    line: '2023-01-25 11:47:36 UTC [1629-1] 172.16.105.4(42384) test3@test3 FATAL:  database "test3" does not exist',
    source: 'https://github.com/autobase-tech/autobase/issues/246',
    format: 'postgres'
  },
  {
    expect: 'connection_error',
    line: '2024-07-25 05:26:19.005 UTC [12356] bbot_rt_2@SIMDB FATAL:  connection to client lost',
    source: 'https://github.com/psycopg/psycopg2/issues/1717',
    format: 'postgres',
    note: "the session ends because the client's connection went away"
  },
  {
    expect: 'error',
    line: '2025-08-05 16:15:11.843 UTC [231] ERROR: duplicate key value violates unique constraint "session_pkey"',
    source: 'https://github.com/umami-software/umami/issues/3551',
    format: 'postgres'
  },
  {
    expect: 'error',
    line: '2023-05-06 00:36:55.113 UTC [7332] gotosocial@gotosocial ERROR:  duplicate key value violates unique constraint "new_accounts_uri_key"',
    source: 'https://github.com/superseriousbusiness/gotosocial/issues/1744',
    format: 'postgres'
  },
  {
    expect: null,
    line: '2023-05-06 00:36:55.113 UTC [7332] gotosocial@gotosocial DETAIL:  Key (uri)=(https://mastodon.world/users/not_julien) already exists.',
    source: 'https://github.com/superseriousbusiness/gotosocial/issues/1744',
    format: 'postgres',
    note: 'DETAIL continuation'
  },
  {
    expect: 'error',
    line: '2018-07-30 18:12:32.242 UTC [3490409] ERROR:  duplicate key value violates unique constraint "file_access_log_pkey"',
    source: 'https://github.com/sagemathinc/cocalc/issues/3016',
    format: 'postgres'
  },
  {
    expect: 'timeout',
    line: '2015-11-13 15:47:18.741 EET,"","",,"",,,"",2015-11-13 15:42:50 EET,,,ERROR,,"canceling statement due to statement timeout",,,,,,",,,""',
    source: 'https://github.com/darold/pgbadger/issues/257',
    format: 'postgres',
    note: 'csvlog format'
  },
  {
    expect: null,
    line: '2024-03-21 15:29:36.228 UTC [55] LOG:  could not receive data from client: Connection reset by peer',
    source: 'https://github.com/linkwarden/linkwarden/issues/536',
    format: 'postgres',
    note: "LOG is PostgreSQL's info level"
  },
  {
    expect: null,
    line: '2024-07-24 23:41:28.855 UTC [9937] bbot_rt_2@SIMDB LOG:  could not receive data from client: Connection timed out',
    source: 'https://github.com/psycopg/psycopg2/issues/1717',
    format: 'postgres',
    note: 'LOG level'
  },
  {
    expect: 'fatal',
    line: '/opt/docker-entrypoint.sh: line 17:     9 Segmentation fault      (core dumped) /opt/anisette_server',
    source: 'https://github.com/Dadoum/Provision/issues/39',
    format: 'shell'
  },
  {
    expect: 'fatal',
    line: 'Segmentation fault (core dumped)',
    source: 'https://github.com/kelseyhightower/nocode/issues/1384',
    format: 'shell'
  },
  {
    expect: 'fatal',
    line: 'Aborted (core dumped)',
    source: 'https://github.com/moby/moby/issues/26550',
    format: 'shell'
  },
  {
    expect: 'oom',
    line: '/usr/bin/entrypoint.sh: line 113:    54 Killed                  meteor build --directory ${APP_DIR}',
    source: 'https://github.com/CyCoreSystems/docker-meteor/issues/31',
    format: 'shell',
    note: "bash's report of a child killed by SIGKILL: in a container the OOM killer (like 'signal: killed' and a bare 'Killed' line); the maintainer confirms OOM"
  },
  {
    expect: 'oom',
    line: 'run: line 1: 3 Killed /usr/local/python-2.7.17/bin/python2 script.py',
    source: 'https://github.com/judge0/judge0/issues/378',
    format: 'shell',
    note: "bash's report of a child killed by SIGKILL: in a container the OOM killer (like 'signal: killed' and a bare 'Killed' line); dmesg showed the OOM killer"
  },
  {
    expect: 'oom',
    line: 'Killed',
    source: 'https://github.com/broadinstitute/picard/issues/1564',
    format: 'shell',
    note: "bare 'Killed' line"
  },
  {
    expect: 'oom',
    line: 'npm ERR! errno 137',
    source: 'https://github.com/dokku/dokku/issues/4206',
    format: 'shell',
    note: 'exit code 137 reported by npm'
  },
  {
    expect: 'oom',
    line: 'npm ERR! Exit status 137',
    source: 'https://github.com/dokku/dokku/issues/4206',
    format: 'shell'
  },
  {
    expect: 'http_5xx',
    line: '{"severity":"INFO","time":"2025-05-07T00:50:58.310Z","context":"HTTP","traceId":"83711473af0f6472a932590aa0ab9f4d","spanId":"cc4c078b8ba1ebce","traceFlags":1,"httpRequest":{"requestMethod":"POST","requestUrl":"http://console-api-mainnet-service.prod:3000/v1/tx","status":500,"referrer":"about:client","protocol":"https","duration":"7431.711ms","userAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36","remoteIp":"2001:db8:67c:54d0:3571:3c81:8d6f:e003"},"fingerprint":"33eee8694e747f4331342e84868ebd03f08ca7494cb4a184bc9967a94ac4a95d","userId":"65244315-4c49-418b-84c7-2887b7a58a62"}',
    source: 'https://github.com/akash-network/console/issues/1299',
    format: 'json',
    note: 'the issue pretty-prints it; compacted to the one line the logger writes; remote IP replaced. A request record (status + requestMethod/requestUrl): the status decides over the INFO severity'
  },
  {
    expect: 'http_5xx',
    line: '{"event":"/","host":"my.authentik.domain","level":"info","logger":"authentik.outpost.proxyv2.application","method":"GET","name":"Tautulli","remote":"10.10.10.131:43182","runtime":"90.685","scheme":"https","size":3960,"status":502,"timestamp":"2023-02-20T17:09:40Z","user":"lowxorx","user_agent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Safari/537.36"}',
    source: 'https://github.com/goauthentik/authentik/issues/4731',
    format: 'json',
    note: 'request record (status + method)'
  },
  {
    expect: 'http_5xx',
    line: '{"duration":"0.950913","level":"info","method":"GET","msg":"http: GET /eth/v1/builder/status 503","path":"/eth/v1/builder/status","status":503,"time":"2023-02-03T03:32:36Z"}',
    source: 'https://github.com/flashbots/mev-boost/issues/443',
    format: 'json',
    note: "trailing comma of the issue's pretty-printed JSON dropped; request record (status + method + path)"
  },
  {
    expect: 'timeout',
    line: '{"error":"Get \\"https://builder-relay-goerli.flashbots.net/eth/v1/builder/status\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)","level":"error","msg":"relay status error - request failed","time":"2023-02-03T03:32:36Z","url":"https://builder-relay-goerli.flashbots.net/eth/v1/builder/status"}',
    source: 'https://github.com/flashbots/mev-boost/issues/443',
    format: 'json',
    note: 'trailing comma dropped'
  },
  {
    expect: null,
    line: '{"level":"info","ts":1749730928.7927155,"caller":"http/http.go:169","msg":"request","frontend":"http","method":"GET","path":"/image/xxx/v1.10.3/metal-amd64.raw.zst","error":"error enhancing profile from schematic: error getting official extensions: version 1.10.3 is not available"}',
    source: 'https://github.com/siderolabs/image-factory/issues/250',
    format: 'json',
    note: 'info level and no status, so not a request record: not an error per the level gate (the issue asks the project to log it at error)'
  },
  {
    expect: null,
    line: '{"ClientAddr":"198.51.100.61:63251","ClientHost":"198.51.100.61","ClientPort":"63251","ClientUsername":"-","DownstreamContentSize":185,"DownstreamStatus":200,"Duration":8764859,"OriginContentSize":185,"OriginDuration":8147549,"OriginStatus":200,"Overhead":617310,"RequestAddr":"sub.example.com","RequestContentSize":0,"RequestCount":17343,"RequestHost":"sub.example.com","RequestMethod":"GET","RequestPath":"/pebble","RequestPort":"-","RequestProtocol":"HTTP/1.1","RequestScheme":"https","RetryAttempts":0,"RouterName":"https-ns@docker","ServiceAddr":"172.21.0.3:8564","ServiceName":"ns-ns@docker","ServiceURL":"http://172.21.0.3:8564","StartLocal":"2024-12-29T12:42:41.965891254+01:00","StartUTC":"2024-12-29T11:42:41.965891254Z","TLSCipher":"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256","TLSVersion":"1.2","entryPointName":"https","level":"info","msg":"","time":"2024-12-29T12:42:41+01:00"}',
    source: 'https://github.com/xavier-hernandez/goaccess-for-nginxproxymanager/issues/108',
    format: 'json',
    note: 'Traefik JSON access log; redacted client IP (XXX…) replaced'
  },
  {
    expect: null,
    line: '{"level":"info","ts":"2023-11-15T07:03:44Z","logger":"postgres","msg":"record","logging_pod":"pgsql15-3","record":{"log_time":"2023-11-15 08:03:44.061 CET","user_name":"postgres","database_name":"postgres","process_id":"60","connection_from":"[local]","session_id":"65546d50.3c","session_line_num":"1","session_start_time":"2023-11-15 08:03:44 CET","transaction_id":"0","error_severity":"FATAL","sql_state_code":"57P03","message":"the database system is starting up","backend_type":"client backend","query_id":"0"}}',
    source: 'https://github.com/cloudnative-pg/cloudnative-pg/issues/3344',
    format: 'json',
    note: "CloudNativePG wraps each PostgreSQL record in an info-level envelope; the level key says info (the inner error_severity FATAL is not read): null per the level gate; the issue's kubectl timestamp prefix removed"
  },
  {
    expect: 'connection_error',
    line: '{"level":50,"time":1641384901525,"pid":26562,"hostname":"myoracleserver","errno":-3001,"code":"EAI_AGAIN","syscall":"getaddrinfo","hostname":"undefined","fatal":true,"stack":"Error: getaddrinfo EAI_AGAIN undefined\\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:71:26)","type":"Error","msg":"getaddrinfo EAI_AGAIN undefined"}',
    source: 'https://github.com/fastify/help/issues/592',
    format: 'json',
    note: 'pino error record, DNS failure'
  },
  {
    expect: 'structured_error',
    line: '{"level":50,"time":1674232074445,"pid":79,"hostname":"odh-dashboard-7ff4cb9887-vb4t5","msg":"Error retrieving username: Error getting Oauth Info for user, HTTP request failed"}',
    source: 'https://github.com/opendatahub-io/odh-dashboard/issues/907',
    format: 'json',
    note: 'pino error level, nothing more specific'
  },
  {
    expect: 'http_5xx',
    line: 'ERROR http.request: completed status=500 latency_ms=0',
    source: 'https://github.com/agent-of-empires/agent-of-empires/issues/3402',
    format: 'json',
    note: "Rust tracing text with a key=value status (no method/path, so not a request record): 'status=500' in an error message"
  },
  {
    expect: null,
    line: 'WARN http.request: completed status=401 latency_ms=0',
    source: 'https://github.com/agent-of-empires/agent-of-empires/issues/3402',
    format: 'json',
    note: 'warn level and not a request record (no method/path): null'
  },
  {
    expect: 'connection_error',
    line: "node:internal/process/promises:288\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^\n\nError: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1494:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 5432\n}",
    source: 'https://github.com/csfloat/inspect/issues/172',
    format: 'node',
    note: 'the issue indents every line by one extra space; removed'
  },
  {
    expect: 'connection_error',
    line: "node:internal/process/promises:289\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^\n\nError: connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1495:16) {\n  errno: -61,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 6379\n}\n\nNode.js v19.4.0",
    source: 'https://github.com/ArdaGnsrn/chatgpt-telegram/issues/1',
    format: 'node'
  },
  {
    expect: 'connection_error',
    line: "node:events:491\n      throw er; // Unhandled 'error' event\n      ^\n\nError: connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1247:16)\nEmitted 'error' event on RedisClient instance at:\n    at RedisClient.on_error (/usr/local/edumeet/server/node_modules/redis/index.js:342:14)\n    at Socket.<anonymous> (/usr/local/edumeet/server/node_modules/redis/index.js:223:14)\n    at Socket.emit (node:events:513:28)\n    at Socket.emit (node:domain:489:12)\n    at emitErrorNT (node:internal/streams/destroy:157:8)\n    at emitErrorCloseNT (node:internal/streams/destroy:122:3)\n    at processTicksAndRejections (node:internal/process/task_queues:83:21) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 6379\n}",
    source: 'https://github.com/edumeet/edumeet/issues/1020',
    format: 'node'
  },
  {
    expect: 'connection_error',
    line: "Error: Redis connection to 127.0.0.1:6379 failed - connect ECONNREFUSED 127.0.0.1:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1144:16) {\n  errno: -61,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '127.0.0.1',\n  port: 6379\n}",
    source: 'https://github.com/lfb/nodejs-koa-blog/issues/99',
    format: 'node',
    note: "the app's 'Redis err' line before it left out"
  },
  {
    expect: 'connection_error',
    line: 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1141:16)',
    source: 'https://github.com/Budibase/budibase/issues/1136',
    format: 'node'
  },
  {
    expect: 'connection_error',
    line: 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at Object.exports._errnoException (util.js:1022:11)\n    at exports._exceptionWithHostPort (util.js:1045:20)\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1090:14)',
    source: 'https://github.com/fulcrumapp/fulcrum-desktop/issues/4',
    format: 'node'
  },
  {
    expect: 'connection_error',
    line: 'ERR! Redis Client Error! Error: connect ECONNREFUSED 127.0.0.1:6379',
    source: 'https://github.com/linuxserver/docker-mastodon/issues/19',
    format: 'node',
    note: "one line of Mastodon's streaming server (npmlog prefix)"
  },
  {
    expect: 'connection_error',
    line: 'ConnectionRefusedError [SequelizeConnectionRefusedError]: connect ECONNREFUSED 127.0.0.1:5432',
    source: 'https://github.com/utimur/online-store-full-course/issues/1',
    format: 'node'
  },
  {
    expect: 'timeout',
    line: "{ Error: connect ETIMEDOUT 13.110.0.73:443\n    at TCPConnectWrap.afterConnect [as oncomplete] (net.js:1097:14)\n  errno: 'ETIMEDOUT',\n  code: 'ETIMEDOUT',\n  syscall: 'connect',\n  address: '13.110.0.73',\n  port: 443 }",
    source: 'https://github.com/nodejs/node/issues/31469',
    format: 'node',
    note: 'console.log of the error object (Node 10 style)'
  },
  {
    expect: 'connection_error',
    line: "Error: getaddrinfo ENOTFOUND http://124.2x1.xxx.xxx\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (dns.js:71:26) {\n  errno: -3008,\n  code: 'ENOTFOUND',\n  syscall: 'getaddrinfo',\n  hostname: 'http://124.2x1.xxx.xxx'\n}",
    source: 'https://github.com/liyupi/mianshiya/issues/28',
    format: 'node'
  },
  {
    expect: 'oom',
    line: 'FATAL ERROR: CALL_AND_RETRY_LAST Allocation failed - process out of memory',
    source: 'https://github.com/moby/moby/issues/26550',
    format: 'node',
    note: 'old V8 wording of the heap OOM'
  }
]
