// The checks of SPEC §5 that read Facts, in SPEC order, and the one place a
// normal decision of `allow` is made (the break-glass allow of SPEC §5.7 is
// `breakGlassDecision` in break-glass.ts, and only overrides a `block` here).

import type { Facts } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import { check as approvalRecord } from './approval-record.js'
import { check as branchProtection } from './branch-protection.js'
import { check as checks } from './checks.js'
import { check as environment } from './environment.js'
import { check as makerChecker } from './maker-checker.js'
import { check as promotion, type UpstreamEnvironment } from './promotion.js'
import { check as segregation } from './segregation.js'
import { check as sourceBranch } from './source-branch.js'
import { assertNever, type CheckResult } from './types.js'
import { result } from './util.js'

export type Verdict = 'allow' | 'block'

/**
 * Runs every check of SPEC §5 that reads Facts, in SPEC order. The caller
 * adds the `policy` check (see `policyCheck`). `chain` is the transitive
 * `after` chain of the environment, earliest first (see `upstreamChain`).
 */
export function runChecks(
  facts: Facts,
  policy: EnvironmentPolicy,
  now: Date,
  chain: ReadonlyArray<string | UpstreamEnvironment>
): CheckResult[] {
  return [
    promotion(facts, policy, now, chain),
    sourceBranch(facts, policy, now),
    branchProtection(facts, policy, now),
    approvalRecord(facts, policy, now),
    makerChecker(facts, policy, now),
    segregation(facts, policy, now),
    environment(facts, policy, now),
    checks(facts, policy, now)
  ]
}

/**
 * `allow` only when at least one check passed and every check that is not
 * skipped passed. No results, or only skipped ones, block: nothing was
 * verified. This is the only place a normal `allow` is produced.
 */
export function decide(results: readonly CheckResult[]): Verdict {
  let passed = 0
  for (const r of results) {
    switch (r.status) {
      case 'pass':
        passed += 1
        break
      case 'skipped':
        break
      case 'fail':
      case 'error':
        return 'block'
      default:
        return assertNever(r.status)
    }
  }
  return passed > 0 ? 'allow' : 'block'
}

/**
 * The `policy` check (SPEC §5.1): `pass` when the policy was read from
 * `policy-ref`, is valid and names the environment; `fail` when it is missing
 * or invalid; `error` when it could not be read. `problems` default to the
 * summary for a non-passing check.
 */
export function policyCheck(
  status: 'pass' | 'fail' | 'error',
  summary: string,
  problems: string[] = status === 'pass' ? [] : [summary]
): CheckResult {
  return result('policy', status, summary, problems)
}

/** A failed `policy` check from a (possibly multi-line) message. */
export function policyFailure(
  message: string,
  status: 'fail' | 'error' = 'fail'
): CheckResult {
  const summary = message.split('\n', 1).join('')
  return policyCheck(status, summary, message.split('\n'))
}

export { upstreamChain, type UpstreamEnvironment } from './promotion.js'
export {
  CHECK_IDS,
  CHECK_STATUSES,
  CONTROLS,
  LINK_KINDS,
  assertNever,
  type CheckId,
  type CheckLink,
  type CheckResult,
  type CheckStatus,
  type LinkKind
} from './types.js'
