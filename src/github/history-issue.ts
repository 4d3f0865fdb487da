/**
 * The history store of the action: one closed, locked issue per cluster and region (label
 * `ecs-monitor-history`) whose body holds the encoded history in a hidden block, below the trend
 * it draws. Why an issue: it needs only the `issues: write` permission that incidents need
 * anyway, works on github.com and GitHub Enterprise Server alike, is never evicted (the Actions
 * cache drops entries unused for 7 days), and a person can see, and delete, what is kept.
 */
import { decodeHistory, encodeWithin, type History } from '../monitor/history.js'
import { MARKER_PREFIX, markerValue } from '../report/comment.js'
import { isOurs, issuesError, type IssueRecord, type IssuesApi, type Repo } from './issues.js'

export const HISTORY_LABEL = 'ecs-monitor-history'

/** Marker on the first line of a history issue. */
export function historyMarker(cluster: string, region: string): string {
  return `${MARKER_PREFIX}:history cluster=${markerValue(cluster)} region=${markerValue(region)} -->`
}

const DATA_PREFIX = `${MARKER_PREFIX}:history-data `

/** The history issue's body: what it is, the trend, the data. */
export function historyIssueBody(
  cluster: string,
  region: string,
  data: string,
  kept: number,
  trend: string
): string {
  return [
    historyMarker(cluster, region),
    '',
    `This issue is where aws-ecs-monitor keeps the run history of the ECS cluster \`${cluster.replace(/^.*\//, '')}\` (${region}): one compact record per run, the latest ${kept}, for incident flap damping and the trend charts. It is closed and locked on purpose; the next run rewrites it. Deleting it starts a fresh history.`,
    '',
    trend,
    `${DATA_PREFIX}${data} -->`,
    ''
  ].join('\n')
}

export interface LoadedHistory {
  history: History | undefined
  issue?: IssueRecord | undefined
}

/** Reads the history of this cluster and region from its issue (the oldest of ours). */
export async function loadHistoryIssue(
  api: IssuesApi,
  repo: Repo,
  cluster: string,
  region: string,
  selfLogin: string | undefined
): Promise<LoadedHistory> {
  const marker = historyMarker(cluster, region)
  let issue: IssueRecord | undefined
  try {
    for await (const page of api.list(repo, { state: 'all', labels: [HISTORY_LABEL] })) {
      for (const i of page) {
        if (i.pullRequest || !isOurs(i, selfLogin) || !i.body.startsWith(marker)) continue
        if (!issue || i.number < issue.number) issue = i
      }
    }
  } catch (err) {
    throw issuesError(err, 'read the history issue', repo)
  }
  if (!issue) return { history: undefined }
  const m = new RegExp(`^${DATA_PREFIX}([A-Za-z0-9+/=]+) -->$`, 'm').exec(issue.body)
  return { history: m ? decodeHistory(m[1] as string, cluster, region) : undefined, issue }
}

/** Writes the history to its issue, creating (closed and locked) the issue the first time. */
export async function saveHistoryIssue(
  api: IssuesApi,
  repo: Repo,
  history: History,
  trend: string,
  existing: IssueRecord | undefined
): Promise<{ number: number; kept: number }> {
  const { text, kept } = encodeWithin(history)
  const body = historyIssueBody(history.cluster, history.region, text, kept, trend)
  try {
    if (existing) {
      await api.update(repo, existing.number, { body })
      return { number: existing.number, kept }
    }
    const created = await api.create(repo, {
      title: `aws-ecs-monitor history: ${history.cluster.replace(/^.*\//, '')} (${history.region})`,
      body,
      labels: [HISTORY_LABEL]
    })
    await api.update(repo, created.number, { state: 'closed', stateReason: 'not_planned' })
    // Locked so that comments do not land on it; a repository may not allow it: no matter.
    await api.lock(repo, created.number).catch(() => undefined)
    return { number: created.number, kept }
  } catch (err) {
    throw issuesError(err, 'write the history issue', repo)
  }
}
