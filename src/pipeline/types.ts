/**
 * What one run returns: the plain result every publisher (job summary, annotations, outputs, PR
 * comment, CLI text) is a function of. Types only, so renderers below the pipeline can name them.
 */
import type { HealthReport, Overall } from '../checks/types.js'
import type { Comparison } from '../deploy/compare.js'
import type { DeployVerdict } from '../deploy/verdict.js'
import type { WaitResult } from '../deploy/wait.js'
import type { ServiceDiagnosis } from '../logs/diagnose.js'

/** Log commands shared by the action's modes and the CLI's `logs` commands. */
export type LogCommand = 'diagnose' | 'summary' | 'errors' | 'restarts'

/**
 * What a health run does beyond the checks; each front end derives it from its settings (the
 * action from `mode`, the CLI from `--json`/`--quiet`), the pipeline does not guess.
 */
export interface HealthPlan {
  kind: 'health'
  /** Diagnose the services that need it over this many minutes; false: no diagnosis. */
  diagnose: false | { minutes: number }
  /** Write the alert file when the run is not healthy. */
  alert: boolean
}

/** A log command over the services of the cluster (or one of them). */
export interface LogsPlan {
  kind: 'logs'
  command: LogCommand
  /** A service name, `all`, or undefined (all). */
  target?: string
}

export type Plan = HealthPlan | LogsPlan

/** The rollout that was awaited and its verdict. */
export interface DeploymentOutcome {
  wait: WaitResult
  verdict: DeployVerdict
  comparisons: Comparison[]
}

/** Files a run wrote. */
export interface RunFiles {
  /** The health state file, or the log command's JSON report. */
  report: string
  /** The alert file, when one was written. */
  alert?: string
}

export interface HealthRunResult {
  kind: 'health'
  /** The health report; with a deployment, its verdict is merged into overall and findings. */
  report: HealthReport
  /** Diagnoses of the services that needed one (or of the deployment window). */
  diagnoses: ServiceDiagnosis[]
  /** Minutes the diagnoses cover when they were not since a deployment. */
  diagnosisMinutes?: number
  deployment?: DeploymentOutcome
  files: RunFiles
}

export interface LogsRunResult {
  kind: 'logs'
  command: LogCommand
  cluster: string
  region: string
  minutes: number
  /** When the window ended. */
  now: Date
  overall: Overall
  items: ServiceDiagnosis[]
  /** The JSON report written to `files.report`. */
  json: Record<string, unknown>
  files: RunFiles
}

export type RunResult = HealthRunResult | LogsRunResult

/** What `logs auto-diagnose` read from the state file and found. */
export interface AutoDiagnoseResult {
  stateFile: string
  /** The state file's overall status and issues, as written. */
  overall: string
  issues: string[]
  /** The services diagnosed. */
  services: string[]
  items: ServiceDiagnosis[]
  json: Record<string, unknown>
  reportFile: string
}

/** Phases of a run, each shown by the action as one collapsible log group. */
export type Phase =
  | { id: 'wait' }
  | { id: 'health'; services: number | 'all'; endpoints: number; domain?: string }
  | { id: 'judge' }
  | { id: 'diagnose'; services: number }
  | { id: 'logs'; command: LogCommand }

/** What the run found as it went, for a front end's progress log. */
export type RunEvent =
  | { kind: 'wait-line'; line: string }
  | { kind: 'waited'; wait: WaitResult }
  | { kind: 'health'; report: HealthReport }
  | { kind: 'judged'; outcome: DeploymentOutcome }
  | { kind: 'services'; command: LogCommand; services: readonly string[]; minutes: number }
  | { kind: 'diagnosed'; items: readonly ServiceDiagnosis[] }

/** How a front end follows a run: phases (log groups) and events (progress lines). */
export interface Progress {
  phase<T>(phase: Phase, fn: () => Promise<T>): Promise<T>
  event(e: RunEvent): void
}
