/**
 * Incident issues on GitHub: finds this cluster's open incidents by their hidden marker (every
 * page of open issues with the label, only those written by us), closes the newer of two that a
 * race opened, then carries out the plan of monitor/incident.ts: open, edit, comment on a
 * change, resolve and close.
 */
import type { History } from '../monitor/history.js'
import {
  planIncidents,
  type IncidentAction,
  type IncidentPolicy,
  type IncidentState,
  type OpenIncident
} from '../monitor/incident.js'
import {
  changeComment,
  duplicateComment,
  incidentBody,
  incidentTitle,
  parseIncidentBody,
  resolveComment,
  type IncidentHeader
} from '../report/incident.js'
import {
  isOurs,
  issuesError,
  statusOf,
  type IssueRecord,
  type IssuesApi,
  type Repo
} from './issues.js'

export type IncidentStateOutput = 'opened' | 'updated' | 'resolved' | 'none'

export interface IncidentRun {
  repo: Repo
  cluster: string
  region: string
  policy: IncidentPolicy
  labels: string[]
  assignees: string[]
  /** The history, the current run last. */
  history: History
  /** The run's report Markdown (as in the job summary, within the issue's budget). */
  report: string
  trend: string
  runUrl?: string | undefined
}

export interface IncidentOutcome {
  state: IncidentStateOutput
  /** Issues opened, edited or resolved by this run. */
  issues: { number: number; url?: string | undefined; action: IncidentAction['kind'] }[]
  /** What was done, one line each, for the log. */
  log: string[]
  warnings: string[]
}

interface Found {
  issue: IssueRecord
  state: IncidentState
}

/** Our open incident issues of this cluster and region, oldest first. */
export async function findIncidents(
  api: IssuesApi,
  run: Pick<IncidentRun, 'repo' | 'cluster' | 'region' | 'labels'>,
  selfLogin: string | undefined
): Promise<Found[]> {
  const found: Found[] = []
  try {
    for await (const page of api.list(run.repo, {
      state: 'open',
      labels: run.labels.slice(0, 1)
    })) {
      for (const issue of page) {
        if (issue.pullRequest || issue.state !== 'open' || !isOurs(issue, selfLogin)) continue
        const state = parseIncidentBody(issue.body, run.cluster, run.region)
        if (state) found.push({ issue, state })
      }
    }
  } catch (err) {
    throw issuesError(err, 'list the open incident issues', run.repo)
  }
  return found.sort((a, b) => a.issue.number - b.issue.number)
}

const RANK: Record<IncidentStateOutput, number> = { none: 0, updated: 1, resolved: 2, opened: 3 }

/** Opens, edits and resolves this cluster's incident issues for one run. Throws `IssuesError`. */
export async function syncIncidents(
  api: IssuesApi,
  run: IncidentRun,
  selfLogin: string | undefined
): Promise<IncidentOutcome> {
  const out: IncidentOutcome = { state: 'none', issues: [], log: [], warnings: [] }
  const bump = (s: IncidentStateOutput): void => {
    if (RANK[s] > RANK[out.state]) out.state = s
  }
  const last = run.history.runs[run.history.runs.length - 1]
  if (!last) return out
  const open = await converge(api, run, await findIncidents(api, run, selfLogin), out)

  const header = (state: IncidentState, h: Partial<IncidentHeader>): IncidentHeader => {
    const before = run.history.runs.filter(
      r => r.at < state.since && r.failing.includes(state.unit)
    )
    return {
      status: 'failing',
      overall: last.overall,
      since: state.since,
      failedRuns: state.failedRuns,
      resolveAfter: run.policy.resolveAfter,
      lastRun: last.at,
      runUrl: run.runUrl,
      recurring: before.length
        ? { runs: before.length, lastFailed: (before[before.length - 1] as { at: string }).at }
        : undefined,
      ...h
    }
  }
  const body = (state: IncidentState, h: IncidentHeader): string =>
    incidentBody({
      cluster: run.cluster,
      region: run.region,
      state,
      header: h,
      report: run.report,
      trend: run.trend
    })

  for (const action of planIncidents(run.history, open, run.policy)) {
    const title = incidentTitle(
      run.cluster,
      run.region,
      action.kind === 'open' || action.kind === 'wait' ? action.unit : action.incident.state.unit
    )
    if (action.kind === 'wait') {
      out.log.push(
        action.failing
          ? `${title}: failing for ${action.runs} of ${run.policy.after} runs needed to open an issue`
          : `${title}: healthy, no open issue`
      )
      continue
    }
    if (action.kind === 'open') {
      const state: IncidentState = {
        unit: action.unit,
        since: action.since,
        failedRuns: action.runs,
        causes: action.causes
      }
      const created = await create(api, run, title, body(state, header(state, {})), out)
      // Two runs at once may both have opened one: the oldest carries on.
      const again = (await findIncidents(api, run, selfLogin)).filter(
        f => f.state.unit === action.unit
      )
      const keep = again[0]?.issue
      if (keep && keep.number < created.number) {
        await closeDuplicate(api, run.repo, created.number, keep.number)
        out.log.push(
          `${title}: another run opened #${keep.number} first; closed #${created.number} as its duplicate`
        )
        out.issues.push({ number: keep.number, url: keep.url, action: 'update' })
        bump('updated')
      } else {
        out.log.push(`${title}: opened #${created.number} after ${action.runs} failing runs`)
        out.issues.push({ number: created.number, url: created.url, action: 'open' })
        bump('opened')
      }
      continue
    }
    const { incident } = action
    const where = `#${incident.number}`
    if (action.kind === 'update') {
      const h = header(
        action.state,
        action.failing ? {} : { status: 'recovering', healthyRuns: action.healthyRuns }
      )
      try {
        await api.update(run.repo, incident.number, { title, body: body(action.state, h) })
        if (action.changes)
          await api.comment(
            run.repo,
            incident.number,
            changeComment(action.changes, last.at, run.runUrl)
          )
      } catch (err) {
        throw issuesError(err, `update incident ${where}`, run.repo)
      }
      out.log.push(
        `${title}: ${where} ${action.failing ? `updated (${action.state.failedRuns} failing runs)` : `recovering (${action.healthyRuns} of ${run.policy.resolveAfter} healthy runs)`}${action.changes ? ', commented on what changed' : ''}`
      )
      out.issues.push({ number: incident.number, url: incident.url, action: 'update' })
      bump('updated')
      continue
    }
    // resolve
    const s = incident.state
    try {
      await api.comment(
        run.repo,
        incident.number,
        resolveComment({
          since: s.since,
          recoveredAt: action.recoveredAt,
          healthyRuns: action.healthyRuns,
          failedRuns: s.failedRuns,
          recovered: Object.keys(s.causes),
          runUrl: run.runUrl
        })
      )
      await api.update(run.repo, incident.number, {
        title,
        body: body(s, header(s, { status: 'resolved' })),
        state: 'closed',
        stateReason: 'completed'
      })
    } catch (err) {
      throw issuesError(err, `resolve incident ${where}`, run.repo)
    }
    out.log.push(`${title}: ${where} resolved after ${action.healthyRuns} healthy runs`)
    out.issues.push({ number: incident.number, url: incident.url, action: 'resolve' })
    bump('resolved')
  }
  return out
}

/** One open incident per unit: the oldest; newer ones (a race) are closed as its duplicates. */
async function converge(
  api: IssuesApi,
  run: IncidentRun,
  found: readonly Found[],
  out: IncidentOutcome
): Promise<OpenIncident[]> {
  const open: OpenIncident[] = []
  for (const f of found) {
    const keep = open.find(o => o.state.unit === f.state.unit)
    if (!keep) {
      open.push({ number: f.issue.number, url: f.issue.url, state: f.state })
      continue
    }
    await closeDuplicate(api, run.repo, f.issue.number, keep.number)
    out.log.push(`closed #${f.issue.number} as a duplicate of #${keep.number}`)
  }
  return open
}

async function closeDuplicate(
  api: IssuesApi,
  repo: Repo,
  dup: number,
  keep: number
): Promise<void> {
  try {
    await api.comment(repo, dup, duplicateComment(keep))
    await api.update(repo, dup, { state: 'closed', stateReason: 'duplicate' })
  } catch (err) {
    // Another run closed it meanwhile: nothing left to do.
    if (statusOf(err) !== 404) throw issuesError(err, `close duplicate incident #${dup}`, repo)
  }
}

/** Creates the issue; assignees GitHub refuses (422) are dropped with a warning. */
async function create(
  api: IssuesApi,
  run: IncidentRun,
  title: string,
  body: string,
  out: IncidentOutcome
): Promise<IssueRecord> {
  const issue = { title, body, labels: run.labels, assignees: run.assignees }
  try {
    return await api.create(run.repo, issue)
  } catch (err) {
    if (statusOf(err) === 422 && run.assignees.length) {
      out.warnings.push(
        `GitHub refused the incident-assignees (${run.assignees.join(', ')}): the issue was opened without assignees. Each must be a user who can be assigned in this repository.`
      )
      try {
        return await api.create(run.repo, { ...issue, assignees: [] })
      } catch (err2) {
        throw issuesError(err2, 'open an incident issue', run.repo)
      }
    }
    throw issuesError(err, 'open an incident issue', run.repo)
  }
}
