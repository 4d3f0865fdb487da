/**
 * `aws-ecs-monitor logs <command>`: the seed's cloudwatch-logs.sh surface (pull, errors,
 * diagnose, restarts, summary, auto-diagnose) plus `analyze` and `classify` of exported logs.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import path from 'node:path'
import { clientOptions, createClients, destroyClients } from '../aws/clients.js'
import type { Settings } from '../config.js'
import { ConfigError, errorMessage } from '../errors.js'
import { LogAnalyzer, cleanSample } from '../logs/analyze.js'
import { classify } from '../logs/classify.js'
import { diagnose } from '../logs/diagnose.js'
import { MultilineGrouper, type LogEvent } from '../logs/multiline.js'
import { readServiceLogs, resolveServices, windowOf } from '../logs/read/services.js'
import {
  analysisJson,
  renderAutoDiagnoseText,
  renderDiagnosesText,
  renderLogsRunText
} from '../report/logs.js'
import { jsonText, termText } from '../util/sanitize.js'
import { autoDiagnose } from '../pipeline/auto-diagnose.js'
import { runLogsPlan } from '../pipeline/run.js'
import type { LogCommand } from '../pipeline/types.js'
import { writeFileAtomic } from '../util/files.js'

export const LOG_COMMANDS = [
  'pull',
  'errors',
  'diagnose',
  'restarts',
  'summary',
  'auto-diagnose',
  'analyze',
  'classify'
] as const

export interface LogsIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  stdin: Readable
}

export interface LogsArgs {
  command: string
  target?: string
  filter?: string
  verbose: boolean
}

/** Parses one input line of `analyze` / `classify`: plain text, or a JSON object with `message`. */
export function parseInputLine(line: string, index: number): LogEvent | undefined {
  if (line.trim() === '') return undefined
  if (line.startsWith('{')) {
    try {
      const o = JSON.parse(line) as Record<string, unknown>
      if (typeof o.message === 'string') {
        const ts =
          typeof o.timestamp === 'number'
            ? o.timestamp
            : typeof o.timestamp === 'string'
              ? Date.parse(o.timestamp)
              : NaN
        return {
          timestamp: Number.isFinite(ts) ? ts : index,
          message: o.message,
          ...(typeof o.logStream === 'string'
            ? { logStream: o.logStream }
            : typeof o.logStreamName === 'string'
              ? { logStream: o.logStreamName }
              : {})
        }
      }
    } catch {
      // Not JSON after all: the line is the message.
    }
  }
  return { timestamp: index, message: line }
}

async function* inputEvents(source: string | undefined, stdin: Readable): AsyncGenerator<LogEvent> {
  const input = source === undefined || source === '-' ? stdin : createReadStream(source)
  const lines = createInterface({ input, crlfDelay: Infinity })
  let i = 0
  for await (const line of lines) {
    const e = parseInputLine(line, i++)
    if (e) yield e
  }
}

async function analyzeInput(args: LogsArgs, s: Settings, io: LogsIo): Promise<number> {
  const analyzer = new LogAnalyzer({
    service: args.target ?? 'stdin',
    logGroup: args.target ?? '-',
    windowStart: 0,
    windowEnd: 0
  })
  try {
    for await (const e of inputEvents(args.target, io.stdin)) analyzer.push(e)
  } catch (err) {
    throw new ConfigError(`cannot read '${args.target ?? '-'}': ${errorMessage(err)}`, 'FILE')
  }
  const a = analyzer.finish()
  // The window is that of the events themselves.
  const first = a.timeRange.first ? Date.parse(a.timeRange.first) : 0
  const last = a.timeRange.last ? Date.parse(a.timeRange.last) : 0
  a.window = {
    start: new Date(first).toISOString(),
    end: new Date(last).toISOString(),
    minutes: Math.max(1, Math.round((last - first) / 60_000))
  }
  const d = diagnose(a.service, a)
  if (s.json) io.stdout(JSON.stringify(analysisJson(a, d), null, 2) + '\n')
  else io.stdout(renderDiagnosesText([{ analysis: a, diagnosis: d }], { verbose: true }))
  return a.errorCount > 0 ? 1 : 0
}

async function classifyInput(args: LogsArgs, io: LogsIo): Promise<number> {
  const grouper = new MultilineGrouper()
  const emit = (e: LogEvent): void => {
    const c = classify(e.message)
    io.stdout(
      JSON.stringify({
        category: c.category,
        rule: c.rule,
        message: cleanSample(e.message, 10_000)
      }) + '\n'
    )
  }
  try {
    for await (const e of inputEvents(args.target, io.stdin))
      for (const g of grouper.push(e)) emit(g)
  } catch (err) {
    throw new ConfigError(`cannot read '${args.target ?? '-'}': ${errorMessage(err)}`, 'FILE')
  }
  for (const g of grouper.flush()) emit(g)
  return 0
}

/** Runs a log command; returns the exit code. */
export async function runLogsCommand(args: LogsArgs, s: Settings, io: LogsIo): Promise<number> {
  if (!(LOG_COMMANDS as readonly string[]).includes(args.command)) {
    throw new ConfigError(
      `unknown logs command '${args.command}' (expected ${LOG_COMMANDS.join(', ')})`,
      'argv'
    )
  }
  if (args.command === 'analyze') return analyzeInput(args, s, io)
  if (args.command === 'classify') return classifyInput(args, io)
  if (args.command === 'summary' && args.target !== undefined && args.target !== 'all') {
    throw new ConfigError(
      `summary covers every service and takes no service, got '${args.target}'`,
      'argv'
    )
  }
  const clients = createClients(clientOptions(s))
  try {
    if (args.command === 'auto-diagnose') {
      const r = await autoDiagnose(s, { clients })
      io.stdout(renderAutoDiagnoseText(r, s.json))
      return 0
    }
    if (args.command === 'pull') {
      const services = await resolveServices({ clients }, s, args.target)
      return await pull(args, s, clients, services, io, new Date())
    }
    const command = args.command as LogCommand
    const r = await runLogsPlan(
      s,
      { kind: 'logs', command, ...(args.target !== undefined ? { target: args.target } : {}) },
      { clients }
    )
    io.stdout(s.json ? JSON.stringify(r.json, null, 2) + '\n' : renderLogsRunText(r, args.verbose))
    if (!s.json) io.stderr(`report written to ${r.files.report}\n`)
    if (r.items.some(i => i.analysis.error)) return 2
    return command === 'errors' && r.items.some(i => i.analysis.errorCount > 0) ? 1 : 0
  } finally {
    destroyClients(clients)
  }
}

async function pull(
  args: LogsArgs,
  s: Settings,
  clients: ReturnType<typeof createClients>,
  services: string[],
  io: LogsIo,
  now: Date
): Promise<number> {
  let failed = false
  for (const service of services) {
    const lines: string[] = []
    const read = await readServiceLogs(
      { clients },
      s,
      service,
      windowOf(s.minutes, now),
      e => {
        const line = s.json
          ? JSON.stringify({
              timestamp: e.timestamp,
              logStream: jsonText(e.logStreamName ?? '', 512),
              message: cleanSample(e.message ?? '', 100_000)
            })
          : `${new Date(e.timestamp ?? 0).toISOString()} ${termText(e.logStreamName ?? '', 200)} ${termText(e.message ?? '', 100_000)}`
        lines.push(line)
        io.stdout(`${line}\n`)
      },
      args.filter
    )
    if (read.error) {
      failed = true
      io.stderr(`${service}: ${read.error.message}\n`)
    } else if (read.missing) io.stderr(`${service}: no log group (no_logs)\n`)
    else {
      const file = path.join(s.outDir, 'logs', `${service}.log`)
      await writeFileAtomic(file, lines.join('\n') + (lines.length ? '\n' : ''))
      io.stderr(
        `${service}: ${lines.length} events${read.truncated ? ' (limit reached)' : ''} → ${file}\n`
      )
    }
  }
  return failed ? 2 : 0
}
