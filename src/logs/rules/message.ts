/**
 * What the message says after its crash and cause: an HTTP 5xx named in its text (in a grouped
 * trace: in its exception lines, not its header), then the shape of a trace — Python
 * (`Traceback …`, `File "x.py", line N`, `ValueError: …`) before the exception classes, stack
 * frames and words of other languages.
 */
import { tier } from './types.js'

// --- http 5xx in a message -----------------------------------------------------------------------

const NOT_A_COUNT = String.raw`(?!\s*(?:rows?|items?|records?|bytes?|results?|entries|messages?|objects?|ms\b|users?|orders?|lines?|errors?|times?|documents?|keys?|events?|files?|tasks?|jobs?))`
export const HTTP5XX_I = tier('http_5xx', 'i', 'after-first-line', [
  {
    name: 'http_5xx.text',
    pattern: String.raw`\b(?:status(?:[ _-]?code)?|http(?:[ _-]?(?:status|code))?|response(?:[ _-]?(?:code|status))?|statuscode)["']?\s*[:=]?\s*["']?\(?5\d\d\b${NOT_A_COUNT}|\bhttp\/[\d.]+ 5\d\d\b|(?:returned|responded with|received)(?: an?)?(?: http| status| code| status code| response)? ["'(]?5\d\d\b${NOT_A_COUNT}|\bgot (?:an? )?(?:http|status|code|status code|response) ["'(]?5\d\d\b|\b5\d\d (?:internal server error|bad gateway|service (?:temporarily )?unavailable|gateway time-?out|not implemented|server error)\b|(?:->|=>) ?5\d\d\b|\[5\d\d\] during \[|\b(?:internal server error|bad gateway|service (?:temporarily )?unavailable|gateway time-?out)\b|\bhttpservererrorexception\b|\binternalservererror\b|\bserviceunavailable(?:exception)?\b`
  }
])

// --- python --------------------------------------------------------------------------------------

export const PY_BUILTINS =
  'ValueError|KeyError|AttributeError|IndexError|ZeroDivisionError|NameError|ImportError|ModuleNotFoundError|NotImplementedError|RecursionError|UnicodeDecodeError|UnicodeEncodeError|UnicodeError|FileNotFoundError|IsADirectoryError|NotADirectoryError|FileExistsError|OSError|IOError|LookupError|StopIteration|StopAsyncIteration|UnboundLocalError|IndentationError|TabError|OverflowError|KeyboardInterrupt|BlockingIOError|ChildProcessError|InterruptedError|ProcessLookupError|SystemError|EOFError|FloatingPointError|ArithmeticError|BufferError|JSONDecodeError|GeneratorExit|ExceptionGroup|BaseExceptionGroup'
export const PY_MODULES =
  'json|django|sqlalchemy|psycopg2|psycopg|requests|urllib3|urllib|http\\.client|botocore|boto3|pydantic|pydantic_core|redis|celery|kombu|aiohttp|httpx|httpcore|flask|werkzeug|fastapi|starlette|uvicorn|gunicorn|pymongo|pymysql|MySQLdb|asyncpg|asyncio|concurrent|builtins|jinja2|yaml|marshmallow|rest_framework|google\\.api_core|grpc|openai|socket|ssl|subprocess|multiprocessing|pandas|numpy|jwt|jose'
export const JAVA_ROOTS =
  'java|javax|jakarta|org|com|io|net|kotlin|kotlinx|scala|sun|jdk|software|reactor|akka|dev|ch|de|fr|uk|me|nl|se|br|edu|gov|android|androidx|okhttp3|retrofit2|feign|lombok|System|Microsoft'
export const PYTHON_CS = tier('python_traceback', '', 'event', [
  {
    name: 'python.traceback',
    pattern: String.raw`Traceback \(most recent call last\)|During handling of the above exception|The above exception was the direct cause`
  },
  { name: 'python.frame', pattern: String.raw`(?:^|\n)\s*File "[^"\n]+", line \d+` },
  {
    name: 'python.exception',
    pattern: String.raw`(?:^|\n)(?:builtins\.)?(?:${PY_BUILTINS})(?::\s|(?=\n|$))|(?:^|\n)(?:${PY_MODULES})\.[\w.]*[A-Z]\w*(?::\s|(?=\n|$))|(?:^|\n)(?:\w+\.)*[A-Z]\w*\.DoesNotExist(?::\s|(?=\n|$))|(?:^|\n)(?!(?:${JAVA_ROOTS})\.)(?:[a-z_]\w*\.)+[A-Z]\w*(?:Error|Exception)(?::\s|(?=\n|$))`
  }
])

// --- exception -----------------------------------------------------------------------------------

export const EXCEPTION_CS = tier('exception', '', 'message', [
  { name: 'exception.thread', pattern: String.raw`Exception in thread "[^"\n]*" ` },
  { name: 'exception.caused-by', pattern: String.raw`(?:^|\n)\s*Caused by: ` },
  { name: 'exception.ruby', pattern: String.raw`\b(?:[A-Z]\w*::){0,5}[A-Z]\w*::[A-Z]\w*(?= \()` },
  { name: 'exception.elixir', pattern: String.raw`(?:^|\n)\*\* \([\w.]+\)` }
])
/** An exception class name (see the `class-name` guard), then stack frames. */
export const EXCEPTION_CLASS = tier('exception', '', 'message', [
  {
    name: 'exception.class',
    pattern: String.raw`(?:Exception|Error|Throwable)(?=[:\s\]);,"'>$]|\(['"]|$)`,
    guard: 'class-name'
  }
])
/** Java/Kotlin/.NET/Node `at …`, `... 12 more`, Ruby `from /app/x.rb:3:in`, `Suppressed: `. */
export const FRAME = tier('exception', '', 'event', [
  {
    name: 'exception.frame',
    pattern: String.raw`(?:^|\n)at (?:async |new )?[\w$.<>[\]/:-]+(?: \[as [^\]\n]+\])? ?\(|(?:^|\n)[ \t]+at (?:async |new )?[\w$.<>[\]/:-]+(?: \[as [^\]\n]+\])? ?\(|(?:^|\n)[ \t]+at (?:\/|file:|node:)|(?:^|\n)[ \t]*\.\.\. \d+ (?:more|common frames omitted)|(?:^|\n)[ \t]+from \/\S+:\d+:in |(?:^|\n)[ \t]*Suppressed: `
  }
])
export const EXCEPTION_I = tier('exception', 'i', 'message', [
  {
    name: 'exception.unhandled',
    pattern: String.raw`\bunhandled ?promise ?rejection|\bunhandled ?rejection\b|\buncaught ?exception\b|\buncaught \w*error\b|\bunhandled (?:exception|error)\b`,
    guard: 'word'
  },
  { name: 'exception.word', pattern: String.raw`\bexceptions?\b`, guard: 'word' }
])
