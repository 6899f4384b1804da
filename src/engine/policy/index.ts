// The policy's one door: what code outside src/engine/policy/ may use. How
// the file is parsed, checked and resolved stays behind it.

export { environmentPolicy, loadPolicy } from './load.js'
export {
  DEFAULT_ALLOWED_EVENTS,
  ENVIRONMENT_NAME_PATTERN,
  MAKER_KINDS,
  policyJsonSchema
} from './schema.js'
export type {
  BranchProtectionRequirement,
  CiRequirement,
  EnvironmentPolicy,
  EnvironmentProtectionRequirement,
  MakerKind,
  Policy,
  PolicySource,
  TrustedWorkflow
} from './types.js'
