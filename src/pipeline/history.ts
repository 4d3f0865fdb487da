/**
 * The CLI's history store: one JSON file per cluster and region under the output directory
 * (`ecs-monitor-history-<cluster>-<region>.json`), bounded like the action's (the last 500
 * runs). A cron job or systemd timer that runs `aws-ecs-monitor health` keeps it between runs.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  appendRun,
  emptyHistory,
  MAX_RUNS,
  type History,
  type RunSample
} from '../monitor/history.js'
import { writeJsonAtomic } from '../util/files.js'

/** The history file of a cluster and region (the cluster's name only, never a path). */
export function historyFilePath(outDir: string, cluster: string, region: string): string {
  const name = cluster.replace(/^.*\//, '').replace(/[^A-Za-z0-9_-]/g, '_')
  return path.join(outDir, `ecs-monitor-history-${name}-${region}.json`)
}

/** Reads the history file; a missing or unreadable one starts a fresh history. */
export async function readHistoryFile(
  file: string,
  cluster: string,
  region: string
): Promise<History> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Partial<History>
    if (
      raw.version === 1 &&
      raw.cluster === cluster &&
      raw.region === region &&
      Array.isArray(raw.runs)
    ) {
      return { version: 1, cluster, region, runs: raw.runs.slice(-MAX_RUNS) }
    }
  } catch {
    // Missing, or not ours: start over.
  }
  return emptyHistory(cluster, region)
}

/** Appends one run to the history file and returns the history with it. */
export async function recordRun(
  outDir: string,
  cluster: string,
  region: string,
  sample: RunSample
): Promise<{ history: History; file: string }> {
  const file = historyFilePath(outDir, cluster, region)
  const history = appendRun(await readHistoryFile(file, cluster, region), sample)
  await writeJsonAtomic(file, history)
  return { history, file }
}
