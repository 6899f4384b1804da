// One decision, top-down, the same in every mode (SPEC §2):
//   request → policy → facts → rules → decision (break-glass included).
// The evidence record is the last step, `recordEvidence`, taken by the
// adapter once it knows where the record is kept.

import { PolicyError, toFailure } from './errors.js'
import {
  cannotDecide,
  decided,
  type Decision,
  type KnownPolicy
} from './decision.js'
import { applyBreakGlass } from './break-glass/apply.js'
import { environmentPolicy, loadPolicy } from './policy/index.js'
import type { GitHubPort, Logger } from './port.js'
import type { EngineRequest } from './request.js'
import { policyCheck, runChecks, upstreamChain } from './rules/index.js'
import { liveSource, type FactSource, type SourceRead } from './sources.js'

export interface EngineDeps {
  github: GitHubPort
  logger: Logger
  now: () => Date
}

/** A live decision: GitHub as it is now, and the emergency path if asked. */
export async function evaluate(
  request: EngineRequest,
  deps: EngineDeps
): Promise<Decision> {
  const now = deps.now()
  const decision = await judge(request, liveSource(request, deps), now)
  const reason = request.breakGlassReason
  return reason === null
    ? decision
    : applyBreakGlass(decision, reason, deps.github, now)
}

/** The decision the gate would have made at `at`, from `source` (SPEC §7). */
export function evaluateAsOf(
  request: EngineRequest,
  source: FactSource,
  at: Date
): Promise<Decision> {
  return judge(request, source, at)
}

async function judge(
  request: EngineRequest,
  source: FactSource,
  now: Date
): Promise<Decision> {
  // 1. the policy, as the source has it
  let read: SourceRead
  try {
    read = await source()
  } catch (error) {
    const failure = toFailure(error)
    const check = policyCheck(
      'error',
      `the policy could not be read: ${failure.message}`
    )
    return cannotDecide({
      request,
      failure,
      now,
      policy: unknown(request, check)
    })
  }
  const file = read.policy
  if ('missing' in file) {
    const check = policyCheck(
      'fail',
      `${file.missing}; the gate needs a policy (${request.policyPath}) on ${file.ref}`
    )
    const known = {
      ...unknown(request, check),
      record: record(request, file.ref)
    }
    return cannotDecide({ request, failure: null, now, policy: known })
  }

  // 2. the environment's part of it, and its upstream chain
  const known: KnownPolicy = {
    record: record(request, file.ref, file.blobSha),
    environment: null,
    chain: []
  }
  let chain
  try {
    const all = loadPolicy(file.text, {
      path: request.policyPath,
      ref: file.ref,
      blobSha: file.blobSha,
      defaultBranch: file.defaultBranch
    })
    known.environment = environmentPolicy(all, request.environment)
    chain = upstreamChain(all.environments, request.environment)
  } catch (error) {
    const message = toFailure(error).message
    const count = error instanceof PolicyError ? error.problems.length : 1
    known.check = policyCheck(
      'fail',
      `the policy on ${file.ref} is not valid (${count} problem${count === 1 ? '' : 's'})`,
      message.split('\n')
    )
    return cannotDecide({ request, failure: null, now, policy: known })
  }
  const policy = known.environment
  known.chain = chain.map((e) => e.name)
  known.check = policyCheck(
    'pass',
    `read ${request.policyPath} at ${file.ref} (blob ${file.blobSha.slice(0, 7)}); environment ${request.environment} is in it`
  )

  // 3. the facts the policy makes relevant
  let facts
  try {
    facts = await read.facts({ policy, chain: known.chain, now })
  } catch (error) {
    const failure = toFailure(error)
    return cannotDecide({ request, failure, now, policy: known })
  }

  // 4. the rules, and the one place a normal `allow` is made
  const results = [known.check, ...runChecks(facts, policy, now, chain)]
  return decided({ request, now, policy: known, facts, results })
}

function record(
  request: EngineRequest,
  ref: string | null,
  blobSha: string | null = null
): KnownPolicy['record'] {
  return { path: request.policyPath, ref, blobSha }
}

function unknown(
  request: EngineRequest,
  check: KnownPolicy['check']
): KnownPolicy {
  return {
    record: record(request, request.policyRef),
    environment: null,
    chain: [],
    check
  }
}
