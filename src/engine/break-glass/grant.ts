// SPEC §5.7 break-glass: when the checks block and a reason is given, an
// `approved` environment approval of this run by a `break_glass.approvers`
// member who made none of the changes and is not the deployer allows the
// deployment anyway. Besides `decide` (rules/index.ts), `breakGlassDecision` is
// the only place an `allow` is produced, and it never produces one on
// missing data: whatever it cannot verify refuses the break-glass.

import { isUnreadable, type Facts, type Unreadable } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import {
  describeIdentity,
  describeMaker,
  makersOf,
  mergeMakers,
  type Makers
} from '../rules/makers.js'
import type { CheckId, CheckResult } from '../rules/types.js'
import {
  andList,
  approvalsOf,
  isBot,
  loginKey,
  sameLogin
} from '../rules/util.js'

/** Who counts as a maker for break-glass: everyone who made a change. */
const MAKING = ['author', 'commit_authors', 'committers', 'co_authors'] as const

export interface BreakGlassGrant {
  /** the `break-glass-reason` given */
  reason: string
  /** the login whose environment approval granted it */
  approvedBy: string
  /** the login that triggered the deployment */
  deployer: string
  /** logins of the makers of every change in scope, sorted */
  makers: string[]
  /** the checks that failed or could not be verified, overridden */
  overridden: CheckId[]
  /** `break_glass.review_within`, in seconds */
  reviewWithin: number
  /** ISO 8601: the decision time plus `reviewWithin` */
  reviewDue: string
}

/**
 * The members of each `org/team` entry of `break_glass.approvers`, as read
 * (`GET /orgs/{org}/teams/{team_slug}/members`), keyed by the entry as
 * written. An entry absent from the map was not read.
 */
export type TeamMembers = ReadonlyMap<string, readonly string[] | Unreadable>

export interface BreakGlassInput {
  /** the `break-glass-reason` given */
  reason: string
  /** every check, the `policy` check included */
  results: readonly CheckResult[]
  /** null: the facts could not be gathered */
  facts: Facts | null
  /** null: the policy could not be read or does not name the environment */
  policy: EnvironmentPolicy | null
  teams: TeamMembers
  now: Date
}

export type BreakGlassVerdict =
  | { verdict: 'allow'; grant: BreakGlassGrant }
  | { verdict: 'block'; message: string }

/** The team membership of an approver, as far as it is known. */
type Membership = 'listed' | 'not-listed' | { unknown: string[] }

interface Candidate {
  login: string
  problems: string[]
  membership: Membership
}

/**
 * The break-glass verdict for checks that block (`decide` gave `block`).
 * `allow` only when the `policy` check passed, the policy has `break_glass`
 * for the environment, the makers of every change are known, and this run
 * carries an approval for the environment by an approver who is listed (or
 * is a member of a listed team), is not a bot, not a maker and not the
 * deployer. Every `block` says why, starting `break-glass requested but`.
 */
export function breakGlassDecision(input: BreakGlassInput): BreakGlassVerdict {
  const outcome = verify(input)
  return outcome.verdict === 'allow'
    ? outcome
    : { verdict: 'block', message: outcome.message }
}

/**
 * The `org/team` entries of `break_glass.approvers` whose members decide the
 * verdict: read them (the organization permission `members: read`) only when
 * no listed login already grants the break-glass and an approver who is
 * otherwise eligible is not listed by login.
 */
export function teamsToRead(input: Omit<BreakGlassInput, 'teams'>): string[] {
  const outcome = verify({ ...input, teams: new Map() })
  return outcome.verdict === 'allow' ? [] : outcome.unreadTeams
}

type Outcome =
  | { verdict: 'allow'; grant: BreakGlassGrant }
  | { verdict: 'block'; message: string; unreadTeams: string[] }

function verify(input: BreakGlassInput): Outcome {
  const { results, facts, policy } = input
  const refuse = (why: string, unreadTeams: string[] = []): Outcome => ({
    verdict: 'block',
    message: `break-glass requested but ${why}`,
    unreadTeams
  })
  const policyCheck = results.find((c) => c.id === 'policy')
  if (policyCheck?.status !== 'pass' || policy === null) {
    return refuse(
      'the policy check did not pass: a missing, unreadable or invalid policy is never overridden'
    )
  }
  const breakGlass = policy.breakGlass
  if (breakGlass === null) {
    return refuse(
      `the policy gives ${policy.name} no break_glass: add break_glass (approvers, review_within) to environments.${policy.name} to allow it`
    )
  }
  const overridden = results
    .filter((c) => c.status === 'fail' || c.status === 'error')
    .map((c) => c.id)
  if (overridden.length === 0) {
    return refuse('no check failed, so there is nothing to override')
  }
  if (facts === null) {
    return refuse(
      'the changes in this deployment could not be read, so their makers are unknown and the approver cannot be shown to be independent of them'
    )
  }
  const deployer = facts.deployer
  if (deployer === null) {
    return refuse(
      'the deployer is unknown, so the approver cannot be shown to be someone else'
    )
  }
  const makers = makersOfAll(facts, policy)
  if (
    policy.approvals.unresolvedIdentities === 'block' &&
    makers.unresolved.length > 0
  ) {
    const names = [
      ...new Set(
        makers.unresolved.map((u) => `${describeIdentity(u)} (${u.commit})`)
      )
    ]
    return refuse(
      `${andList(names)} ${names.length === 1 ? 'is' : 'are'} not linked to a GitHub account, so the approver cannot be shown to be independent of the changes: link the email to a GitHub account, or set approvals.unresolved_identities: ignore`
    )
  }
  const approvals = facts.run.approvals
  const env = facts.environment
  if (approvals === null) {
    return refuse(
      `this run carries no environment approvals (the gate must run in the job that deploys to ${env}, inside its workflow run)`
    )
  }
  if (isUnreadable(approvals)) {
    return refuse(
      `the environment approvals of this run cannot be read: grant the token \`${approvals.permission}\` (GitHub said: ${approvals.detail})`
    )
  }

  const candidates: Candidate[] = []
  for (const approval of approvalsOf(approvals, env)) {
    const login = approval.user.login
    const problems: string[] = []
    if (isBot(approval.user)) problems.push('is a bot')
    const maker = makers.makers.get(loginKey(login))
    if (maker !== undefined) problems.push(`is ${describeMaker(maker)}`)
    if (sameLogin(login, deployer)) problems.push('is the deployer')
    candidates.push({
      login,
      problems,
      membership: membership(login, breakGlass.approvers, input.teams)
    })
  }

  const granted = candidates.find(
    (c) => c.problems.length === 0 && c.membership === 'listed'
  )
  if (granted !== undefined) {
    return {
      verdict: 'allow',
      grant: {
        reason: input.reason,
        approvedBy: granted.login,
        deployer,
        makers: [...makers.makers.values()]
          .map((m) => m.login)
          .sort((a, b) => loginKey(a).localeCompare(loginKey(b))),
        overridden,
        reviewWithin: breakGlass.reviewWithinSeconds,
        reviewDue: new Date(
          input.now.getTime() + breakGlass.reviewWithinSeconds * 1000
        ).toISOString()
      }
    }
  }

  const approvers = andList(breakGlass.approvers)
  if (candidates.length === 0) {
    return refuse(
      `this run has no approval for the ${env} environment: add ${approvers} as required reviewers of the ${env} environment, so that one of them approves the run`
    )
  }
  const unknownTeams = new Set<string>()
  const reasons = candidates.map((c) => {
    const why = [...c.problems]
    if (c.membership === 'not-listed') {
      why.push(`is not in break_glass.approvers (${approvers})`)
    } else if (c.membership !== 'listed' && why.length === 0) {
      for (const team of c.membership.unknown) unknownTeams.add(team)
      why.push(
        `may be a member of ${andList(c.membership.unknown)}, which cannot be read`
      )
    }
    return `${c.login} approved the run but ${andList(why)}`
  })
  if (unknownTeams.size > 0) {
    const teams = [...unknownTeams]
    const details = teams
      .map((t) => input.teams.get(t))
      .filter(isUnreadable)
      .map((u) => u.detail)
    const said = details.length > 0 ? ` (GitHub said: ${details[0]})` : ''
    return refuse(
      `it cannot be verified: ${reasons.join('; ')}. Reading the members of ${andList(teams)} needs the organization permission \`members: read\`, which a workflow token cannot have${said}: list the approvers' logins in break_glass.approvers instead of the team`,
      teams
    )
  }
  return refuse(
    `no approval of this run counts: ${reasons.join('; ')}. Ask one of ${approvers} who made none of the changes and is not the deployer to approve the run`
  )
}

function isTeam(entry: string): boolean {
  return entry.includes('/')
}

function membership(
  login: string,
  approvers: readonly string[],
  teams: TeamMembers
): Membership {
  const unknown: string[] = []
  for (const entry of approvers) {
    if (!isTeam(entry)) {
      if (sameLogin(entry, login)) return 'listed'
      continue
    }
    const members = teams.get(entry)
    if (members === undefined || isUnreadable(members)) {
      unknown.push(entry)
    } else if (members.some((m) => sameLogin(m, login))) {
      return 'listed'
    }
  }
  return unknown.length > 0 ? { unknown } : 'not-listed'
}

function makersOfAll(facts: Facts, policy: EnvironmentPolicy): Makers {
  return mergeMakers(
    facts.changes.map((change) => makersOf(change, facts, policy, MAKING))
  )
}
