// What the engine answers, and the one builder of an answer it could not
// reach. Whatever fails, in whichever mode, the same fault gives the same
// checks and so the same `violations`.

import type { Failure } from './errors.js'
import type { Facts } from './facts.js'
import type { EnvironmentPolicy } from './policy/index.js'
import type { EngineRequest } from './request.js'
import type { BreakGlassGrant } from './break-glass/grant.js'
import { decide, policyCheck } from './rules/index.js'
import {
  CHECK_IDS,
  CONTROLS,
  type CheckId,
  type CheckResult
} from './rules/types.js'

export interface PolicyRecord {
  path: string
  ref: string | null
  blobSha: string | null
}

/** The break-glass follow-up issue, once opened (SPEC §5.7). */
export interface FollowUpIssue {
  number: number
  url: string
}

export interface Decision {
  decision: 'allow' | 'block'
  /** what each check of SPEC §5 found (the evidence calls them `checks`) */
  results: CheckResult[]
  request: EngineRequest
  policy: PolicyRecord
  environmentPolicy: EnvironmentPolicy | null
  /** upstream environments, earliest first */
  chain: string[]
  facts: Facts | null
  /** set when the decision could not be computed normally */
  failure: Failure | null
  /**
   * SPEC §5.7: set when the decision is a break-glass `allow`; the checks it
   * overrode still say `fail` or `error`.
   */
  breakGlass: BreakGlassGrant | null
  /**
   * Set when a break-glass reason was given but no break-glass allow was
   * made: why (refused, or not needed because every check passed).
   */
  breakGlassNote: string | null
  /** the follow-up issue a break-glass allow opened */
  followUp: FollowUpIssue | null
  /** what went wrong on the way without changing the decision */
  warnings: string[]
  evaluatedAt: string
}

/** What is known of the policy when the decision could not be made. */
export interface KnownPolicy {
  record: PolicyRecord
  /** the policy of the environment, once it was read and valid */
  environment: EnvironmentPolicy | null
  chain: string[]
  /** the `policy` check as it stood; by default `error` with the failure */
  check?: CheckResult
}

/**
 * A `block` for a request whose checks could not all be verified, or whose
 * policy is missing or invalid (`failure` null: the `policy` check says why,
 * and no other check applies). A failure before the policy is known leaves
 * every check `error`: none was verified. After it, every check the policy
 * asks for is `error` with the failure's message, and those it turns off are
 * `skipped`.
 */
export function cannotDecide(o: {
  request: EngineRequest
  failure: Failure | null
  now: Date
  policy?: KnownPolicy
  facts?: Facts | null
}): Decision {
  const known = o.policy
  const message = o.failure?.message ?? ''
  const first =
    known?.check ?? policyCheck('error', `not verified: ${message}`, [message])
  const rest =
    o.failure === null ? [] : unverified(message, known?.environment ?? null)
  return {
    ...base(o.request, o.now, known, o.facts ?? null),
    results: [first, ...rest],
    failure: o.failure,
    decision: 'block'
  }
}

/** The decision on checks that all ran: `decide` alone says allow. */
export function decided(o: {
  request: EngineRequest
  now: Date
  policy: KnownPolicy
  facts: Facts
  results: CheckResult[]
}): Decision {
  return {
    ...base(o.request, o.now, o.policy, o.facts),
    results: o.results,
    failure: null,
    decision: decide(o.results)
  }
}

function base(
  request: EngineRequest,
  now: Date,
  known: KnownPolicy | undefined,
  facts: Facts | null
): Omit<Decision, 'decision' | 'results' | 'failure'> {
  return {
    request,
    policy: known?.record ?? {
      path: request.policyPath,
      ref: request.policyRef,
      blobSha: null
    },
    environmentPolicy: known?.environment ?? null,
    chain: known?.chain ?? [],
    facts,
    breakGlass: null,
    breakGlassNote: null,
    followUp: null,
    warnings: [],
    evaluatedAt: now.toISOString()
  }
}

/** Every check the policy asks for, as `error`: none could be verified. */
function unverified(
  message: string,
  policy: EnvironmentPolicy | null
): CheckResult[] {
  const off = (id: CheckId): boolean =>
    policy !== null &&
    ((id === 'segregation' && !policy.deployerIndependent) ||
      (id === 'branch-protection' && policy.branchProtection === false) ||
      (id === 'environment' && policy.environmentProtection === false) ||
      (id === 'checks' && policy.ciRequirement === false))
  return CHECK_IDS.filter((id) => id !== 'policy').map((id) => ({
    id,
    status: off(id) ? ('skipped' as const) : ('error' as const),
    summary: off(id) ? 'turned off by the policy' : `not verified: ${message}`,
    problems: off(id) ? [] : [message],
    controls: [...CONTROLS[id]],
    links: []
  }))
}
