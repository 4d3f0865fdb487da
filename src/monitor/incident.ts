/**
 * Incident decisions, as a pure function of the history (the current run included) and the open
 * incident issues: open one after `after` failing runs in a row, edit it on every later run,
 * comment only when what fails changed, resolve after `resolveAfter` healthy runs in a row.
 * Flap damping lives here: one bad run opens nothing, one good run closes nothing.
 */
import { CLUSTER_UNIT, streakOf, type History, type RunSample } from './history.js'

export const INCIDENT_SCOPES = ['cluster', 'service'] as const
export type IncidentScope = (typeof INCIDENT_SCOPES)[number]

export interface IncidentPolicy {
  /** Consecutive failing runs before an issue opens. */
  after: number
  /** Consecutive healthy runs before it is resolved. */
  resolveAfter: number
  scope: IncidentScope
}

/** What an open incident issue remembers (in a hidden block of its body). */
export interface IncidentState {
  unit: string
  /** When the failure began (the first failing run of the streak that opened it). */
  since: string
  /** Runs that failed since the issue opened (the opening streak included). */
  failedRuns: number
  /** What failed at the last comment or opening: finding key → cause. */
  causes: Record<string, string>
}

/** An open incident issue of this cluster and region. */
export interface OpenIncident {
  number: number
  url?: string | undefined
  state: IncidentState
}

/** What changed in what fails since the issue last said so. */
export interface IncidentChanges {
  /** Finding keys that fail now and did not. */
  newlyFailing: string[]
  /** Finding keys that failed and do not any more (a partial recovery). */
  recovered: string[]
  /** Finding keys whose cause changed: key → [before, now]. */
  causeChanged: Record<string, [string, string]>
}

export type IncidentAction =
  | { kind: 'open'; unit: string; since: string; runs: number; causes: Record<string, string> }
  | {
      kind: 'update'
      incident: OpenIncident
      /** Whether the unit failed in this run (false: healthy, not yet resolved). */
      failing: boolean
      /** Healthy runs in a row so far, when not failing. */
      healthyRuns: number
      /** The state to store; `causes` moves on only when a comment says what changed. */
      state: IncidentState
      /** Set when a comment should say what changed. */
      changes?: IncidentChanges
    }
  | {
      kind: 'resolve'
      incident: OpenIncident
      healthyRuns: number
      /** When the first of the healthy runs started. */
      recoveredAt: string
    }
  | { kind: 'wait'; unit: string; failing: boolean; runs: number }

/** Causes of one unit in a run: the whole run's for `cluster`, else that unit's findings. */
export function unitCauses(
  sample: RunSample,
  unit: string,
  unitOf: (key: string) => string
): Record<string, string> {
  if (unit === CLUSTER_UNIT) return { ...sample.causes }
  return Object.fromEntries(Object.entries(sample.causes).filter(([k]) => unitOf(k) === unit))
}

export function changesBetween(
  before: Record<string, string>,
  now: Record<string, string>
): IncidentChanges | undefined {
  const newlyFailing = Object.keys(now).filter(k => !(k in before))
  const recovered = Object.keys(before).filter(k => !(k in now))
  const causeChanged: Record<string, [string, string]> = {}
  for (const [k, v] of Object.entries(now)) {
    const old = before[k]
    if (old !== undefined && old !== v) causeChanged[k] = [old, v]
  }
  if (!newlyFailing.length && !recovered.length && !Object.keys(causeChanged).length) {
    return undefined
  }
  return { newlyFailing: newlyFailing.sort(), recovered: recovered.sort(), causeChanged }
}

/** The unit of a finding key under scope `service` (see history.ts `findingUnit`). */
export function unitOfKey(key: string): string {
  return key.startsWith('service:') ? key : 'checks'
}

/** The units a run is judged on: the cluster, or every unit failing now or with an open issue. */
export function unitsToJudge(
  h: History,
  open: readonly OpenIncident[],
  scope: IncidentScope
): string[] {
  if (scope === 'cluster') return [CLUSTER_UNIT]
  const last = h.runs[h.runs.length - 1]
  const units = new Set<string>()
  for (const u of last?.failing ?? []) if (u !== CLUSTER_UNIT) units.add(u)
  for (const o of open) units.add(o.state.unit)
  return [...units].sort()
}

/** One decision per unit; `open` holds at most one incident per unit (duplicates converged). */
export function planIncidents(
  h: History,
  open: readonly OpenIncident[],
  policy: IncidentPolicy
): IncidentAction[] {
  const last = h.runs[h.runs.length - 1]
  if (!last) return []
  const out: IncidentAction[] = []
  for (const unit of unitsToJudge(h, open, policy.scope)) {
    const streak = streakOf(h, unit)
    const incident = open.find(o => o.state.unit === unit)
    const causes = unitCauses(last, unit, unitOfKey)
    if (!incident) {
      if (streak.failing && streak.runs >= policy.after) {
        out.push({ kind: 'open', unit, since: streak.since ?? last.at, runs: streak.runs, causes })
      } else out.push({ kind: 'wait', unit, failing: streak.failing, runs: streak.runs })
      continue
    }
    if (!streak.failing && streak.runs >= policy.resolveAfter) {
      out.push({
        kind: 'resolve',
        incident,
        healthyRuns: streak.runs,
        recoveredAt: streak.since ?? last.at
      })
      continue
    }
    const failedRuns = incident.state.failedRuns + (streak.failing ? 1 : 0)
    // While healthy but not yet resolved, nothing is said: a flap should not comment.
    const changes = streak.failing ? changesBetween(incident.state.causes, causes) : undefined
    out.push({
      kind: 'update',
      incident,
      failing: streak.failing,
      healthyRuns: streak.failing ? 0 : streak.runs,
      state: {
        ...incident.state,
        failedRuns,
        causes: changes ? causes : incident.state.causes
      },
      ...(changes ? { changes } : {})
    })
  }
  return out
}
