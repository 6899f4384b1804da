// The engine's one door: the only module code outside src/engine may import
// (enforced by eslint). One request in, one decision out, one evidence step;
// the adapters (action, CLI, App server, audit) only build the request and
// render what comes back. SPEC §2: same data, same decision.

// a decision: request → policy → facts → rules → decision → evidence
export {
  makeRequest,
  type EngineRequest,
  type RequestSpec,
  type RunRecord
} from './request.js'
export { evaluate, evaluateAsOf, type EngineDeps } from './pipeline.js'
export type { FactSource, PolicyRead, SourceRead } from './sources.js'
export {
  cannotDecide,
  type Decision,
  type FollowUpIssue,
  type PolicyRecord
} from './decision.js'
export {
  recordEvidence,
  type EvidenceContext,
  type EvidenceRecord,
  type KeepEvidence,
  type Recorded
} from './evidence/index.js'
export { readRun } from './gather/run.js'

// what the results say
export {
  CHECK_IDS,
  CONTROLS,
  type CheckId,
  type CheckResult,
  type CheckStatus
} from './rules/types.js'
export type { BreakGlassGrant } from './break-glass/grant.js'

// the policy file on its own (validate, access)
export { loadPolicy } from './policy/index.js'
export type { Policy } from './policy/index.js'
export { fetchPolicy } from './gather/index.js'
export { DURATION_EXAMPLES, parseDuration } from './duration.js'
export { firstAsks, type FirstAsks, type RestAsk } from './gather/first-asks.js'

// errors and the ports adapters implement
export {
  GateError,
  GitHubApiError,
  InputError,
  PolicyError,
  ShapeError,
  getErrorMessage,
  toFailure,
  type ErrorCode,
  type Failure,
  type PolicyProblem
} from './errors.js'
export {
  silentLogger,
  type ApiBudget,
  type ApiUsage,
  type GitHubPort,
  type GraphQLError,
  type GraphQLOptions,
  type GraphQLResponse,
  type Logger,
  type RestResponse
} from './port.js'

// the access matrix (SPEC §7): who may deploy, approve, bypass and push
export {
  ACCESS_LIMITS,
  accessMatrix,
  isCannot,
  truncatedNote,
  type AccessLimits,
  type AccessMatrix,
  type AccessMatrixOptions,
  type BranchAccess,
  type Cannot,
  type EnvironmentAccess,
  type Holder,
  type Maybe,
  type PageLimit,
  type ReviewerAccess,
  type Truncated
} from './access/index.js'

// the audit (SPEC §7): every deployment of a period, judged as of its time
export {
  BudgetSpentError,
  flagged,
  runAudit,
  type AuditCheckpoint,
  type PaceOptions,
  type AuditDeps,
  type AuditEntry,
  type EntrySummary,
  type AuditReport,
  type AuditRequest,
  type BreakGlassReview,
  type PolicyVersionUsed
} from './audit/index.js'
