export {
  EVIDENCE_SCHEMA_ID,
  buildEvidence,
  environmentEvidence,
  type EvidenceBreakGlass,
  type EvidenceChange,
  type EvidenceEnvironment,
  type EvidenceRecord
} from './record.js'
export { evidenceJsonSchema } from './schema.js'
export {
  LOW_BUDGET,
  budgetUnit,
  lowBudgetWarnings,
  type EvidenceApi
} from './api.js'
export { evidenceProblems } from './validate.js'
export {
  recordEvidence,
  type EvidenceContext,
  type KeepEvidence,
  type Recorded
} from './step.js'
