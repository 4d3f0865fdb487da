/**
 * Wire-level AWS simulator (ECS, ELBv2, CloudWatch Logs, CloudWatch GetMetricData) for tests, the
 * demo and benchmarks.
 * See sim/README.md.
 */
export { startSimulator } from './server.js'
export type { Simulator, SimulatorOptions, RecordedRequest } from './server.js'
export { loadScenario, checkScenario, TARGET_STATE_DEFAULTS } from './scenario.js'
export type * from './scenario.js'
export type { FaultConfig, OperationFaults } from './faults.js'
export type { InsightsOptions } from './insights.js'
export { ScenarioError, SimError } from './errors.js'
export { Arns } from './world.js'
export { compileFilterPattern } from './filter-pattern.js'
export { GeneratedSource, ExplicitSource, sourcesFor } from './generate.js'
export type { LogSource } from './generate.js'
export { parseTime, parseDuration } from './time.js'
export type { TimeSpec } from './time.js'
