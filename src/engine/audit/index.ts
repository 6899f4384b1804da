// The audit (SPEC §7), behind the engine's door: what adapters use, and the
// GraphQL documents it sends (checked against GitHub's limits by a test).

export { CHUNK, runAudit } from './run.js'
export { BudgetSpentError, MAX_QUERY_POINTS, type PaceOptions } from './pace.js'
export type { AuditCheckpoint } from './checkpoint.js'
export { flagged } from './report.js'
export type {
  AuditDeps,
  AuditEntry,
  AuditReport,
  AuditRequest,
  BreakGlassReview,
  Completeness,
  EntrySummary,
  PolicyVersionUsed,
  UnexplainedCommit
} from './types.js'

export { APPROVALS_COST, approvalsQuery } from './approvals.js'
export { BREAK_GLASS_ISSUES } from './break-glass-reviews.js'
export { DEPLOYED_COST, deployedQuery } from './commits.js'
export { HISTORY } from './history.js'
export { POLICY_HISTORY } from './policy-history.js'
export { BRANCH_HISTORY, BRANCH_HISTORY_COST } from './completeness-read.js'
export { ENV_DEPLOYMENTS } from './population.js'
