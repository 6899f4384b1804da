// The engine: one request in, one decision out. Adapters (action, CLI, App
// server) build the EngineRequest and render the Decision; nothing here knows
// which of them called. SPEC §2: same data, same decision.

import { PolicyError, toFailure, type Failure } from './errors.js'
import type { Facts } from './facts.js'
import { fetchBootstrap, gatherFacts } from './gather/index.js'
import type { EngineRequest } from './request.js'
import { environmentPolicy, loadPolicy } from './policy/load.js'
import type { EnvironmentPolicy } from './policy/types.js'
import type { GitHubPort, Logger } from './port.js'
import { readTeams } from './gather/teams.js'
import {
  breakGlassDecision,
  teamsToRead,
  type BreakGlassGrant
} from './rules/break-glass.js'
import { CHECK_IDS, decide, policyCheck, runChecks } from './rules/index.js'
import { upstreamChain, type UpstreamEnvironment } from './rules/promotion.js'
import { CONTROLS, type CheckId, type CheckResult } from './rules/types.js'

export {
  makeRequest,
  type EngineRequest,
  type RequestSpec,
  type RunRecord
} from './request.js'
export type { BreakGlassGrant } from './rules/break-glass.js'

export interface PolicyRecord {
  path: string
  ref: string | null
  blobSha: string | null
}

export interface Decision {
  decision: 'allow' | 'block'
  checks: CheckResult[]
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
  evaluatedAt: string
}

export interface EngineDeps {
  github: GitHubPort
  logger: Logger
  now: () => Date
}

/**
 * The decision of SPEC §5: every check, then `decide`. With a break-glass
 * reason, a blocking decision may become a break-glass `allow` (§5.7).
 */
export async function evaluate(
  req: EngineRequest,
  deps: EngineDeps
): Promise<Decision> {
  const now = deps.now()
  const decision = await evaluateChecks(req, deps, now)
  const reason = req.breakGlassReason
  return reason === null
    ? decision
    : applyBreakGlass(decision, reason, deps.github, now)
}

/**
 * The break-glass path on a decision already made. Never throws: anything
 * that goes wrong while verifying leaves the decision as it was, with a note.
 */
export async function applyBreakGlass(
  decision: Decision,
  reason: string,
  github: GitHubPort,
  now: Date
): Promise<Decision> {
  if (decision.decision === 'allow') {
    return {
      ...decision,
      breakGlass: null,
      breakGlassNote:
        'a break-glass reason was given, but every check passed: the deployment is allowed as usual, with no follow-up issue'
    }
  }
  const blocked = (note: string): Decision => ({
    ...decision,
    decision: 'block',
    breakGlass: null,
    breakGlassNote: note
  })
  try {
    const input = {
      reason,
      checks: decision.checks,
      facts: decision.facts,
      policy: decision.environmentPolicy,
      now
    }
    const teams = await readTeams(github, teamsToRead(input))
    const verdict = breakGlassDecision({ ...input, teams })
    if (verdict.verdict === 'block') return blocked(verdict.message)
    return {
      ...decision,
      decision: 'allow',
      breakGlass: verdict.grant,
      breakGlassNote: null
    }
  } catch (error) {
    return blocked(
      `break-glass requested but it could not be verified: ${toFailure(error).message}`
    )
  }
}

/**
 * A break-glass allow taken back (its follow-up issue could not be opened):
 * the decision is `block`, with `note` saying why.
 */
export function revokeBreakGlass(decision: Decision, note: string): Decision {
  return {
    ...decision,
    decision: 'block',
    breakGlass: null,
    breakGlassNote: note
  }
}

async function evaluateChecks(
  req: EngineRequest,
  deps: EngineDeps,
  now: Date
): Promise<Decision> {
  const base = {
    request: req,
    policy: {
      path: req.policyPath,
      ref: req.policyRef,
      blobSha: null
    } as PolicyRecord,
    environmentPolicy: null as EnvironmentPolicy | null,
    chain: [] as string[],
    facts: null as Facts | null,
    failure: null as Failure | null,
    breakGlass: null,
    breakGlassNote: null,
    evaluatedAt: now.toISOString()
  }
  const blocked = (
    checks: CheckResult[],
    failure: Failure | null
  ): Decision => ({
    ...base,
    failure,
    checks,
    decision: 'block'
  })

  let boot
  try {
    boot = await fetchBootstrap(deps.github, req)
  } catch (error) {
    const failure = toFailure(error)
    return blocked(
      [
        policyCheck('error', `the policy could not be read: ${failure.message}`)
      ],
      failure
    )
  }
  base.policy.ref =
    'missing' in boot.policy
      ? (req.policyRef ?? boot.defaultBranch)
      : boot.policy.ref
  if ('missing' in boot.policy) {
    return blocked(
      [
        policyCheck(
          'fail',
          `${boot.policy.missing}; the gate needs a policy (${req.policyPath}) on ${base.policy.ref}`
        )
      ],
      null
    )
  }
  base.policy.blobSha = boot.policy.blobSha
  let policy: EnvironmentPolicy
  let chain: UpstreamEnvironment[]
  try {
    const all = loadPolicy(boot.policy.text, {
      path: req.policyPath,
      ref: boot.policy.ref,
      blobSha: boot.policy.blobSha,
      defaultBranch: boot.defaultBranch
    })
    policy = environmentPolicy(all, req.environment)
    chain = upstreamChain(all.environments, req.environment)
  } catch (error) {
    const failure = toFailure(error)
    const problems = error instanceof PolicyError ? error.problems.length : 1
    return blocked(
      [
        policyCheck(
          'fail',
          `the policy on ${boot.policy.ref} is not valid (${problems} problem${problems === 1 ? '' : 's'})`,
          failure.message.split('\n')
        )
      ],
      null
    )
  }
  base.environmentPolicy = policy
  base.chain = chain.map((e) => e.name)
  const ok = policyCheck(
    'pass',
    `read ${req.policyPath} at ${boot.policy.ref} (blob ${boot.policy.blobSha.slice(0, 7)}); environment ${req.environment} is in it`
  )

  if (boot.incomplete !== null) {
    const failure = toFailure(boot.incomplete)
    return blocked([ok, ...unverified(failure.message, policy)], failure)
  }
  if (boot.commit === null) {
    const message = `commit ${req.sha} does not exist in ${req.owner}/${req.repo}`
    return blocked([ok, ...unverified(message, policy)], {
      code: 'input',
      message,
      hint: undefined
    })
  }
  try {
    const facts = await gatherFacts({
      github: deps.github,
      request: req,
      bootstrap: boot,
      commit: boot.commit,
      policy,
      chain: base.chain,
      logger: deps.logger,
      now
    })
    base.facts = facts
    const checks = [ok, ...runChecks(facts, policy, now, chain)]
    return { ...base, checks, decision: decide(checks) }
  } catch (error) {
    const failure = toFailure(error)
    return blocked([ok, ...unverified(failure.message, policy)], failure)
  }
}

/** Every check the policy asks for, as `error`: none could be verified. */
function unverified(message: string, policy: EnvironmentPolicy): CheckResult[] {
  const off = (id: CheckId): boolean =>
    (id === 'segregation' && !policy.deployerIndependent) ||
    (id === 'branch-protection' && policy.branchProtection === false) ||
    (id === 'environment' && policy.environmentProtection === false) ||
    (id === 'checks' && policy.checks === false)
  return CHECK_IDS.filter((id) => id !== 'policy').map((id) => ({
    id,
    status: off(id) ? ('skipped' as const) : ('error' as const),
    summary: off(id) ? 'turned off by the policy' : `not verified: ${message}`,
    problems: off(id) ? [] : [message],
    controls: [...CONTROLS[id]],
    links: []
  }))
}
