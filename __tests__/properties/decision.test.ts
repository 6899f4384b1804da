// Properties of the decision (SPEC §5) over generated Facts and policies
// (__fixtures__/arbitraries.ts):
// - `allow` only when every check that is not skipped passes;
// - monotonicity: more risk or less evidence never turns block into allow
//   (each mutation is also shown to apply, to allowed cases, and to matter);
// - decisive mutations (every approver a maker, every deployment forged...)
//   always block: monotonicity alone cannot see a check that ignores a risk
//   everywhere;
// - determinism, and no mutation of the inputs;
// - time: no allow before the promotion path could have been walked.
// Each property has a fixed seed, so a failure reproduces; fast-check prints
// the shrunk counterexample.

import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  isUnreadable,
  type Actor,
  type BranchFact,
  type ChangeFact,
  type DeploymentFact,
  type Facts,
  type GitIdentity,
  type PullRequestFact
} from '../../src/engine/facts.js'
import type { MakerKind } from '../../src/engine/policy/types.js'
import { requiredChecks } from '../../src/engine/rules/checks.js'
import {
  CHECK_IDS,
  CHECK_STATUSES,
  decide,
  policyCheck,
  runChecks,
  type CheckResult,
  type CheckStatus
} from '../../src/engine/rules/index.js'
import {
  RELEASE_MANAGER,
  cloneScenario,
  scenarioArb,
  type Scenario
} from '../../__fixtures__/arbitraries.js'
import {
  NOW,
  WEB_FLOW,
  aChange,
  aCommit,
  aDeployment,
  aFacts,
  aPullRequest,
  aReview,
  aStatus,
  anEnvironmentPolicy,
  anIdentity,
  anUnreadable,
  sha
} from '../../__fixtures__/facts.js'

/** Cheap properties: one or two runs of every check per case. */
const RUNS = 400

const POLICY_OK = policyCheck('pass', 'the policy names the environment')

function checksOf(s: Scenario): CheckResult[] {
  return [POLICY_OK, ...runChecks(s.facts, s.policy, s.now, s.chain)]
}

function verdict(s: Scenario): 'allow' | 'block' {
  return decide(checksOf(s))
}

function statusOf(s: Scenario, id: CheckResult['id']): CheckStatus {
  const found = checksOf(s).find((r) => r.id === id)
  if (found === undefined) throw new Error(`no ${id} check`)
  return found.status
}

/** How often a mutation applied, and what it did, to show it is not vacuous. */
interface Tally {
  applied: number
  allowedBefore: number
  flipped: number
}

const tally = (): Tally => ({ applied: 0, allowedBefore: 0, flipped: 0 })

/**
 * `mutated` may only be allowed when `original` is: whatever the mutation
 * adds (risk) or removes (evidence) never turns a block into an allow.
 */
function neverUnblocks(
  original: Scenario,
  mutated: Scenario,
  counts: Tally
): void {
  const before = verdict(original)
  const after = verdict(mutated)
  counts.applied += 1
  if (before === 'allow') counts.allowedBefore += 1
  if (before === 'allow' && after === 'block') counts.flipped += 1
  if (before === 'block' && after === 'allow') {
    const failing = checksOf(original)
      .filter((r) => r.status === 'fail' || r.status === 'error')
      .map((r) => `${r.id}: ${r.problems.join('; ')}`)
    throw new Error(
      `the mutation turned block into allow; the original blocked on:\n${failing.join('\n')}`
    )
  }
}

/** A decisive mutation applied to a fair share of the cases. */
function expectApplied(applied: number): void {
  expect(applied).toBeGreaterThan(RUNS / 10)
}

/** The mutation applied often, to allowed cases too, and sometimes mattered. */
function expectNotVacuous(counts: Tally): void {
  expect(counts.applied).toBeGreaterThan(RUNS / 4)
  expect(counts.allowedBefore).toBeGreaterThan(RUNS / 20)
  expect(counts.flipped).toBeGreaterThan(0)
}

// ---------------------------------------------------------------------------
// Finding things in a scenario

/** The pull requests of the changes, first occurrence of each number. */
function pullRequests(facts: Facts): PullRequestFact[] {
  const seen = new Map<number, PullRequestFact>()
  for (const change of facts.changes) {
    const pr = change.pullRequest
    if (pr !== null && !seen.has(pr.number)) seen.set(pr.number, pr)
  }
  return [...seen.values()]
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length]
}

/** Logins that approved something: reviewers and environment approvers. */
function approverLogins(facts: Facts, pr: PullRequestFact | null): string[] {
  const logins: string[] = []
  for (const review of pr?.reviews ?? []) {
    if (review.state === 'APPROVED' && review.author !== null) {
      logins.push(review.author.login)
    }
  }
  const run = facts.run.approvals
  if (run !== null && !isUnreadable(run)) {
    for (const a of run) if (a.state === 'approved') logins.push(a.user.login)
  }
  return logins
}

/** Every upstream deployment, with where it is. */
function deployments(
  facts: Facts
): Array<{ env: string; index: number; deployment: DeploymentFact }> {
  const found: Array<{
    env: string
    index: number
    deployment: DeploymentFact
  }> = []
  for (const [env, list] of Object.entries(facts.upstream)) {
    if (isUnreadable(list)) continue
    list.forEach((deployment, index) => found.push({ env, index, deployment }))
  }
  return found
}

const MAKING_ROLES = ['commit_author', 'co_author', 'committer'] as const
type MakingRole = (typeof MAKING_ROLES)[number]

let extraCommits = 0

/**
 * Makes `login` a maker of `change` in `role`, adding to what is there (never
 * replacing a maker, which could free someone else): a new commit of the
 * pull request, or a co-author. A direct push only takes co-authors.
 */
function addMaker(
  change: ChangeFact,
  who: string | GitIdentity,
  role: MakingRole
): void {
  const identity: GitIdentity = typeof who === 'string' ? anIdentity(who) : who
  const pr = change.pullRequest
  if (pr === null || role === 'co_author') {
    const commits = pr === null ? [change.commit] : pr.commits
    const target = commits[0]
    if (target === undefined) {
      if (pr !== null) pr.commits.push(aCommit({ coAuthors: [identity] }))
      return
    }
    target.coAuthors.push(identity)
    return
  }
  extraCommits += 1
  const existing = pr.commits[0]
  pr.commits.push(
    aCommit({
      oid: sha(`add${extraCommits.toString(16)}`),
      author:
        role === 'commit_author' ? identity : (existing?.author ?? WEB_FLOW),
      committer: role === 'committer' ? identity : WEB_FLOW
    })
  )
}

/** The `approvals.independent_of` kind a making role falls under. */
const KIND: Readonly<Record<MakingRole, MakerKind>> = {
  commit_author: 'commit_authors',
  co_author: 'co_authors',
  committer: 'committers'
}

/** A making role the policy counts, from `index`, if any. */
function countedRole(s: Scenario, index: number): MakingRole | undefined {
  const kinds = s.policy.approvals.independentOf
  return pick(
    MAKING_ROLES.filter((role) => kinds.includes(KIND[role])),
    index
  )
}

/**
 * The environments promotion walks, each with its predecessors, as the
 * check reads `chain` and the direct `after` (see promotion.ts normalize).
 */
function promotionSteps(s: Scenario): Array<{ name: string; after: string[] }> {
  const steps: Array<{ name: string; after: string[] }> = []
  for (const item of s.chain) {
    if (typeof item === 'string') {
      const previous = steps[steps.length - 1]
      steps.push({ name: item, after: previous ? [previous.name] : [] })
    } else {
      steps.push({ name: item.name, after: [...item.after] })
    }
  }
  for (const name of s.policy.after) {
    if (!steps.some((step) => step.name === name)) {
      steps.push({ name, after: [] })
    }
  }
  return steps
}

// ---------------------------------------------------------------------------

describe('decide', () => {
  const resultArb: fc.Arbitrary<CheckResult> = fc
    .record({
      id: fc.constantFrom(...CHECK_IDS),
      status: fc.constantFrom(...CHECK_STATUSES),
      summary: fc.string(),
      problems: fc.array(fc.string(), { maxLength: 2 })
    })
    .map((r) => ({ ...r, controls: [], links: [] }))

  it('allows exactly when at least one check passed and none failed or errored, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(resultArb, { maxLength: 9 }),
        fc.nat(),
        (results, rotation) => {
          const expected =
            results.some((r) => r.status === 'pass') &&
            results.every((r) => r.status === 'pass' || r.status === 'skipped')
              ? 'allow'
              : 'block'
          expect(decide(results)).toBe(expected)
          const k = results.length === 0 ? 0 : rotation % results.length
          const rotated = [...results.slice(k), ...results.slice(0, k)]
          expect(decide(rotated)).toBe(expected)
        }
      ),
      { seed: 1001, numRuns: 1000 }
    )
  })
})

describe('runChecks over generated facts and policies', () => {
  it('allows only when every check that is not skipped passes', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const results = checksOf(s)
        const clean = results.every(
          (r) => r.status === 'pass' || r.status === 'skipped'
        )
        const passed = results.some((r) => r.status === 'pass')
        expect(decide(results)).toBe(clean && passed ? 'allow' : 'block')
        // without the policy check, the Facts checks alone decide the same
        const facts = results.slice(1)
        const factsClean = facts.every(
          (r) => r.status === 'pass' || r.status === 'skipped'
        )
        expect(decide(results)).toBe(factsClean ? 'allow' : 'block')
      }),
      { seed: 1002, numRuns: RUNS }
    )
  })

  it('returns one well-formed result per check, in SPEC order, each saying why it did not pass', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const results = runChecks(s.facts, s.policy, s.now, s.chain)
        expect(results.map((r) => r.id)).toEqual(
          CHECK_IDS.filter((id) => id !== 'policy')
        )
        for (const r of results) {
          expect(CHECK_STATUSES).toContain(r.status)
          expect(r.summary.trim()).not.toBe('')
          expect(r.controls.length).toBeGreaterThan(0)
          if (r.status === 'fail' || r.status === 'error') {
            expect(r.problems.length).toBeGreaterThan(0)
            for (const p of r.problems) expect(p.trim()).not.toBe('')
          }
          if (r.status === 'pass') expect(r.problems).toEqual([])
          if (r.status === 'skipped') {
            const off =
              (r.id === 'branch-protection' &&
                s.policy.branchProtection === false) ||
              (r.id === 'segregation' && !s.policy.deployerIndependent)
            expect(off).toBe(true)
          }
          for (const link of r.links) expect(link.url).toMatch(/^https:\/\//)
        }
      }),
      { seed: 1003, numRuns: RUNS }
    )
  })

  it('generates a fair share of allowed cases (the monotonicity properties are not vacuous)', () => {
    const samples = fc.sample(scenarioArb, { seed: 1004, numRuns: 500 })
    const allowed = samples.filter((s) => verdict(s) === 'allow').length
    expect(allowed).toBeGreaterThan(75)
    expect(allowed).toBeLessThan(425)
  })
})

describe('monotonicity: more risk or less evidence never turns block into allow', () => {
  it('adding a maker (an approver becomes a commit author, co-author or committer)', () => {
    const counts = tally()
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...MAKING_ROLES),
        fc.boolean(),
        (s, which, who, role, shout) => {
          const mutated = cloneScenario(s)
          const change = pick(mutated.facts.changes, which)
          if (change === undefined) return
          const candidates = approverLogins(mutated.facts, change.pullRequest)
          const login = pick(candidates, who) ?? 'grace'
          addMaker(change, shout ? login.toUpperCase() : login, role)
          neverUnblocks(s, mutated, counts)
        }
      ),
      { seed: 2001, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  it('dismissing an approval of a pull request', () => {
    const counts = tally()
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), (s, which, index) => {
        const mutated = cloneScenario(s)
        const pr = pick(pullRequests(mutated.facts), which)
        const approvals = (pr?.reviews ?? []).filter(
          (r) => r.state === 'APPROVED'
        )
        const review = pick(approvals, index)
        if (review === undefined) return
        review.state = 'DISMISSED'
        neverUnblocks(s, mutated, counts)
      }),
      { seed: 2002, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  it('withdrawing every review of one reviewer (any case of the login)', () => {
    const counts = tally()
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), (s, which, index) => {
        const mutated = cloneScenario(s)
        const pr = pick(pullRequests(mutated.facts), which)
        if (pr === undefined) return
        const login = pick(approverLogins(mutated.facts, pr), index)
        if (login === undefined) return
        pr.reviews = pr.reviews.filter(
          (r) => r.author?.login.toLowerCase() !== login.toLowerCase()
        )
        neverUnblocks(s, mutated, counts)
      }),
      { seed: 2003, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  it('removing an environment approval of the run', () => {
    const counts = tally()
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, index) => {
        const mutated = cloneScenario(s)
        const approvals = mutated.facts.run.approvals
        if (approvals === null || isUnreadable(approvals)) return
        if (approvals.length === 0) return
        approvals.splice(index % approvals.length, 1)
        neverUnblocks(s, mutated, counts)
      }),
      { seed: 2004, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  it('failing an upstream deployment after its success', () => {
    const counts = tally()
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom('failure' as const, 'error' as const),
        fc.integer({ min: 0, max: 600 }),
        (s, which, state, minutes) => {
          const mutated = cloneScenario(s)
          const withSuccess = deployments(mutated.facts).filter((d) =>
            d.deployment.statuses.some((x) => x.state === 'success')
          )
          const target = pick(withSuccess, which)
          if (target === undefined) return
          const { statuses } = target.deployment
          const last = statuses[statuses.length - 1]
          const success = statuses.find((x) => x.state === 'success')
          if (last === undefined || success === undefined) return
          // between the success and now when there is room; at the success's
          // very instant when minutes is 0 (that still counts as later)
          const from = Date.parse(success.createdAt)
          const room = Math.max(0, mutated.now.getTime() - from)
          const at = from + Math.min(room, minutes * 60_000)
          statuses.push({
            state,
            createdAt: new Date(
              Math.max(at, Date.parse(last.createdAt))
            ).toISOString(),
            logUrl: success.logUrl,
            environmentUrl: null
          })
          neverUnblocks(s, mutated, counts)
        }
      ),
      { seed: 2005, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  it('removing an upstream deployment', () => {
    const counts = tally()
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, which) => {
        const mutated = cloneScenario(s)
        const target = pick(deployments(mutated.facts), which)
        if (target === undefined) return
        const list = mutated.facts.upstream[target.env]
        if (list === undefined || isUnreadable(list)) return
        list.splice(target.index, 1)
        neverUnblocks(s, mutated, counts)
      }),
      { seed: 2006, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  const WEAKENINGS = [
    'drop-rule',
    'fewer-approvals',
    'no-stale-dismissal',
    'no-code-owners',
    'no-last-push',
    'drop-status-check',
    'no-classic',
    'classic-force-push',
    'classic-deletion',
    'classic-fewer-approvals',
    'classic-drop-status-check'
  ] as const

  function weaken(
    branch: BranchFact,
    how: (typeof WEAKENINGS)[number],
    index: number
  ): void {
    const rules = isUnreadable(branch.rules) ? [] : branch.rules
    const prRules = rules.filter((r) => r.pullRequest !== undefined)
    const prRule = pick(prRules, index)?.pullRequest
    const classic =
      branch.classic === null || isUnreadable(branch.classic)
        ? null
        : branch.classic
    switch (how) {
      case 'drop-rule':
        if (rules.length > 0) rules.splice(index % rules.length, 1)
        return
      case 'fewer-approvals':
        if (prRule) {
          prRule.requiredApprovingReviewCount = Math.max(
            0,
            prRule.requiredApprovingReviewCount - 1
          )
        }
        return
      case 'no-stale-dismissal':
        if (prRule) prRule.dismissStaleReviewsOnPush = false
        return
      case 'no-code-owners':
        if (prRule) prRule.requireCodeOwnerReview = false
        return
      case 'no-last-push':
        if (prRule) prRule.requireLastPushApproval = false
        return
      case 'drop-status-check': {
        const rule = pick(
          rules.filter((r) => (r.requiredStatusChecks ?? []).length > 0),
          index
        )
        rule?.requiredStatusChecks?.splice(0, 1)
        return
      }
      case 'no-classic':
        // 404: GitHub says there is no classic protection
        if (classic !== null) branch.classic = null
        return
      case 'classic-force-push':
        if (classic) classic.allowForcePushes = true
        return
      case 'classic-deletion':
        if (classic) classic.allowDeletions = true
        return
      case 'classic-fewer-approvals':
        if (classic && classic.requiredApprovingReviewCount !== null) {
          classic.requiredApprovingReviewCount = Math.max(
            0,
            classic.requiredApprovingReviewCount - 1
          )
        }
        return
      case 'classic-drop-status-check':
        classic?.requiredStatusChecks.splice(0, 1)
        return
    }
  }

  it('making a branch rule weaker', () => {
    const counts = tally()
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom(...WEAKENINGS),
        fc.nat(),
        (s, which, how, index) => {
          // By SPEC §4 the branch's required status checks are also what
          // `checks` requires by default: dropping one drops that
          // requirement too. Pin it, so only the protection is weakened.
          const known = requiredChecks(s.facts, s.policy)
          const original = cloneScenario(s)
          if (original.policy.ciRequirement !== false && 'names' in known) {
            original.policy.ciRequirement = {
              ...original.policy.ciRequirement,
              required: known.names
            }
          }
          const mutated = cloneScenario(original)
          const branch = pick(mutated.facts.branches, which)
          if (branch === undefined) return
          weaken(branch, how, index)
          neverUnblocks(original, mutated, counts)
        }
      ),
      { seed: 2007, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  it('marking a protection Unreadable (a 403 is "cannot tell")', () => {
    const counts = tally()
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom('rules' as const, 'classic' as const),
        (s, which, what) => {
          const mutated = cloneScenario(s)
          const branch = pick(mutated.facts.branches, which)
          if (branch === undefined) return
          if (what === 'rules') {
            branch.rules = anUnreadable('contents: read', '403')
          } else {
            branch.classic = anUnreadable()
          }
          neverUnblocks(s, mutated, counts)
        }
      ),
      { seed: 2008, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })
})

describe('decisive mutations always block', () => {
  it('a deployer who made a change blocks when deployer_independent', () => {
    const counts = tally()
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom(...MAKING_ROLES),
        fc.boolean(),
        (s, which, role, shout) => {
          const original = cloneScenario(s)
          original.policy.deployerIndependent = true
          original.facts.deployer ??= RELEASE_MANAGER
          const deployer = original.facts.deployer
          const mutated = cloneScenario(original)
          const change = pick(mutated.facts.changes, which)
          if (change === undefined) return
          // a pull request shared by several changes is one object: the
          // deployer becomes a maker of it wherever it counts
          addMaker(change, shout ? deployer.toUpperCase() : deployer, role)
          expect(statusOf(mutated, 'segregation')).toBe('fail')
          expect(verdict(mutated)).toBe('block')
          neverUnblocks(original, mutated, counts)
        }
      ),
      { seed: 3001, numRuns: RUNS }
    )
    expectNotVacuous(counts)
  })

  it('a pull request whose every approver made a change in it blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), (s, which, index) => {
        const role = countedRole(s, index)
        if (s.policy.approvals.pullRequest < 1 || role === undefined) return
        const mutated = cloneScenario(s)
        const pr = pick(pullRequests(mutated.facts), which)
        const change = mutated.facts.changes.find((c) => c.pullRequest === pr)
        if (pr === undefined || change === undefined) return
        for (const review of pr.reviews) {
          if (review.author !== null)
            addMaker(change, review.author.login, role)
        }
        applied += 1
        expect(statusOf(mutated, 'maker-checker')).toBe('fail')
        expect(verdict(mutated)).toBe('block')
      }),
      { seed: 3005, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('a run whose every environment approver made a change blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, index) => {
        const role = countedRole(s, index)
        if (s.policy.approvals.environment < 1 || role === undefined) return
        const mutated = cloneScenario(s)
        const change = mutated.facts.changes.find(
          (c) => c.pullRequest !== null || role === 'co_author'
        )
        if (change === undefined) return
        for (const login of approverLogins(mutated.facts, null)) {
          addMaker(change, login, role)
        }
        applied += 1
        expect(statusOf(mutated, 'maker-checker')).not.toBe('pass')
        expect(verdict(mutated)).toBe('block')
      }),
      { seed: 3006, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('a maker without a GitHub account blocks when unresolved_identities is block', () => {
    let applied = 0
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.nat(),
        fc.constantFrom(
          anIdentity(null),
          anIdentity(null, { name: null, email: null })
        ),
        (s, which, index, identity) => {
          const role = countedRole(s, index)
          if (s.policy.approvals.unresolvedIdentities !== 'block') return
          if (role === undefined) return
          const mutated = cloneScenario(s)
          const change = pick(
            mutated.facts.changes.filter(
              (c) => c.pullRequest !== null || role === 'co_author'
            ),
            which
          )
          if (change === undefined) return
          addMaker(change, identity, role)
          applied += 1
          expect(statusOf(mutated, 'maker-checker')).toBe('fail')
          expect(verdict(mutated)).toBe('block')
        }
      ),
      { seed: 3007, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  const BOT: Actor = { login: 'approve-bot', type: 'Bot' }

  it('a pull request approved only by bots, or by no one on the reviewers list, blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom('bots' as const, 'reviewers' as const),
        (s, which, how) => {
          if (s.policy.approvals.pullRequest < 1) return
          if (how === 'bots' && s.policy.approvals.allowBots) return
          const mutated = cloneScenario(s)
          const pr = pick(pullRequests(mutated.facts), which)
          if (pr === undefined) return
          if (how === 'bots') {
            for (const review of pr.reviews) {
              if (review.author !== null) review.author = { ...BOT }
            }
          } else {
            mutated.policy.approvals.reviewers = ['nobody-here', 'acme/leads']
          }
          applied += 1
          expect(statusOf(mutated, 'maker-checker')).toBe('fail')
          expect(verdict(mutated)).toBe('block')
        }
      ),
      { seed: 3008, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('a pull request approved only before its final head, not merged, or merged elsewhere blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.constantFrom(
          'stale' as const,
          'unmerged' as const,
          'elsewhere' as const
        ),
        (s, which, how) => {
          const mutated = cloneScenario(s)
          const pr = pick(pullRequests(mutated.facts), which)
          if (pr === undefined) return
          if (how === 'stale') {
            for (const review of pr.reviews) review.commitOid = sha('01d')
          } else if (how === 'unmerged') {
            pr.merged = false
          } else {
            pr.baseRefName = 'gh-pages'
          }
          applied += 1
          expect(statusOf(mutated, 'approval-record')).toBe('fail')
          expect(verdict(mutated)).toBe('block')
        }
      ),
      { seed: 3009, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('deployments by untrusted creators, or by github-actions[bot] without a run of this repository, prove nothing', () => {
    let applied = 0
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (s, which, forged) => {
          const mutated = cloneScenario(s)
          const step = pick(promotionSteps(mutated), which)
          const list = step && mutated.facts.upstream[step.name]
          if (list === undefined || isUnreadable(list)) return
          list.forEach((d, i) => {
            if (forged[i % forged.length] === true) {
              d.creator = { login: 'github-actions[bot]', type: 'Bot' }
              for (const x of d.statuses) {
                x.logUrl = 'https://github.com/evil/shop/actions/runs/9'
              }
            } else {
              d.creator = { login: 'mallory', type: 'User' }
            }
          })
          applied += 1
          expect(statusOf(mutated, 'promotion')).toBe('fail')
          expect(verdict(mutated)).toBe('block')
        }
      ),
      { seed: 3010, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('an environment that succeeded only after the one that follows it blocks (promotion out of order)', () => {
    let applied = 0
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, which) => {
        const mutated = cloneScenario(s)
        const step = pick(
          promotionSteps(mutated).filter((x) => x.after.length > 0),
          which
        )
        const predecessor = step?.after[0]
        if (step === undefined || predecessor === undefined) return
        const later = mutated.facts.upstream[step.name]
        const earlier = mutated.facts.upstream[predecessor]
        if (later === undefined || isUnreadable(later)) return
        if (earlier === undefined || isUnreadable(earlier)) return
        // move every deployment of the predecessor after the last status of
        // the step (possibly past now: then it never succeeded at all)
        const times = later.flatMap((d) =>
          d.statuses.map((x) => Date.parse(x.createdAt))
        )
        const firsts = earlier.map((d) => Date.parse(d.createdAt))
        if (times.length === 0 || firsts.length === 0) return
        const shift = Math.max(...times) - Math.min(...firsts) + 60_000
        const move = (iso: string): string =>
          new Date(Date.parse(iso) + shift).toISOString()
        for (const d of earlier) {
          d.createdAt = move(d.createdAt)
          for (const x of d.statuses) x.createdAt = move(x.createdAt)
        }
        applied += 1
        expect(statusOf(mutated, 'promotion')).toBe('fail')
        expect(verdict(mutated)).toBe('block')
      }),
      { seed: 3011, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('a commit on no branch of the policy blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mutated = cloneScenario(s)
        for (const branch of mutated.facts.branches) {
          branch.containsCommit = false
        }
        applied += 1
        expect(statusOf(mutated, 'source-branch')).toBe('fail')
        expect(verdict(mutated)).toBe('block')
      }),
      { seed: 3012, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('a pull request whose approvals were all dismissed blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, which) => {
        const mutated = cloneScenario(s)
        const pr = pick(pullRequests(mutated.facts), which)
        if (pr === undefined) return
        for (const review of pr.reviews) {
          if (review.state === 'APPROVED') review.state = 'DISMISSED'
        }
        applied += 1
        expect(statusOf(mutated, 'approval-record')).toBe('fail')
        expect(verdict(mutated)).toBe('block')
      }),
      { seed: 3002, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('a branch whose rulesets and classic protection are both unreadable blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const mutated = cloneScenario(s)
        if (mutated.policy.branchProtection === false) return
        for (const branch of mutated.facts.branches) {
          branch.rules = anUnreadable('contents: read', '403')
          branch.classic = anUnreadable()
        }
        applied += 1
        expect(['fail', 'error']).toContain(
          statusOf(mutated, 'branch-protection')
        )
        expect(verdict(mutated)).toBe('block')
      }),
      { seed: 3003, numRuns: RUNS }
    )
    expectApplied(applied)
  })

  it('an upstream environment without deployments blocks', () => {
    let applied = 0
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, which) => {
        const mutated = cloneScenario(s)
        const env = pick(mutated.policy.after, which)
        if (env === undefined) return
        mutated.facts.upstream[env] = []
        applied += 1
        expect(statusOf(mutated, 'promotion')).toBe('fail')
        expect(verdict(mutated)).toBe('block')
      }),
      { seed: 3004, numRuns: RUNS }
    )
    expectApplied(applied)
  })
})

// ---------------------------------------------------------------------------

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key])
    }
  }
  return value
}

describe('determinism', () => {
  it('gives deep-equal results for the same inputs, and mutates none of them', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const expected = runChecks(s.facts, s.policy, s.now, s.chain)
        const frozen = deepFreeze(cloneScenario(s))
        const time = frozen.now.getTime()
        // a frozen input throws on any write (ES modules are strict)
        const first = runChecks(
          frozen.facts,
          frozen.policy,
          frozen.now,
          frozen.chain
        )
        const second = runChecks(
          frozen.facts,
          frozen.policy,
          frozen.now,
          frozen.chain
        )
        expect(first).toEqual(expected)
        expect(second).toEqual(first)
        expect(frozen.now.getTime()).toBe(time)
        expect(frozen).toEqual(s)
        expect(decide(first)).toBe(decide(expected))
      }),
      { seed: 4001, numRuns: RUNS }
    )
  })

  it('does not depend on the results of an earlier call (no hidden state)', () => {
    fc.assert(
      fc.property(scenarioArb, scenarioArb, (a, b) => {
        const alone = runChecks(b.facts, b.policy, b.now, b.chain)
        runChecks(a.facts, a.policy, a.now, a.chain)
        expect(runChecks(b.facts, b.policy, b.now, b.chain)).toEqual(alone)
      }),
      { seed: 4002, numRuns: 200 }
    )
  })
})

// ---------------------------------------------------------------------------

/** Every environment the promotion check walks: the chain and direct `after`. */
function upstreamSteps(s: Scenario): string[] {
  const names = s.chain.map((c) => (typeof c === 'string' ? c : c.name))
  for (const env of s.policy.after) if (!names.includes(env)) names.push(env)
  return names
}

/** The earliest success status of any deployment to `env`, or null. */
function earliestSuccess(facts: Facts, env: string): number | null {
  const list = facts.upstream[env]
  if (list === undefined || isUnreadable(list)) return null
  let earliest: number | null = null
  for (const d of list) {
    for (const status of d.statuses) {
      if (status.state !== 'success') continue
      const at = Date.parse(status.createdAt)
      if (earliest === null || at < earliest) earliest = at
    }
  }
  return earliest
}

// "Moving now earlier than the last upstream success never turns block into
// allow" does not hold, rightly: evaluated as of an earlier time, a later
// CHANGES_REQUESTED, dismissal or failure status is not there yet (SPEC §7
// re-evaluates past deployments that way). E.g. grace approves the head at
// T1 and approves again at T2 on a commit GitHub no longer knows: at now
// (> T2) her latest review is not bound to the head and maker-checker fails;
// as of T1 < now' < T2 it passes. The properties below are the sound forms.
describe('time', () => {
  it('blocks at any time before an upstream environment first succeeded, or before the soak since then is over', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.integer({ min: 1, max: 3 * 86_400_000 }),
        (s, which, before) => {
          const env = pick(upstreamSteps(s), which)
          if (env === undefined) return
          const first = earliestSuccess(s.facts, env)
          if (first === null) return
          const direct = s.policy.after.includes(env)
          // the soak (when `env` is a direct `after`) is over at `first + soak`
          // at the earliest: any earlier moment blocks
          const soakEnds = first + (direct ? s.policy.soakSeconds * 1000 : 0)
          const earlier = { ...s, now: new Date(soakEnds - before) }
          expect(statusOf(earlier, 'promotion')).not.toBe('pass')
          expect(verdict(earlier)).toBe('block')
        }
      ),
      { seed: 5001, numRuns: RUNS }
    )
  })

  it('moving now earlier never turns a promotion block into a pass (no failure statuses)', () => {
    // With failure/error statuses, an earlier `now` may predate a failure
    // and rightly pass (the audit re-evaluates as of a past time); without
    // them, less time only means fewer successes and less soak.
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 1, max: 3 * 86_400_000 }),
        (s, before) => {
          const clean = cloneScenario(s)
          for (const { deployment } of deployments(clean.facts)) {
            deployment.statuses = deployment.statuses.filter(
              (x) => x.state !== 'failure' && x.state !== 'error'
            )
          }
          const earlier = {
            ...clean,
            now: new Date(clean.now.getTime() - before)
          }
          if (statusOf(clean, 'promotion') !== 'pass') {
            expect(statusOf(earlier, 'promotion')).not.toBe('pass')
          }
        }
      ),
      { seed: 5002, numRuns: RUNS }
    )
  })
})

// ---------------------------------------------------------------------------
// Regression (found by fuzzing; SPEC §8, fail closed): a timestamp that
// does not parse was NaN, `NaN <= now` false, and the rules dropped the
// status or review as "not yet happened", hiding a failure or a later
// CHANGES_REQUESTED. The gatherer now rejects unreadable times, and the
// rules count one as already given.
describe('timestamps that do not parse', () => {
  it('a failure status whose time cannot be read still disqualifies the deployment', () => {
    const facts = aFacts({
      upstream: {
        staging: [
          aDeployment({
            statuses: [
              aStatus({
                state: 'success',
                createdAt: '2024-05-01T08:05:00Z'
              }),
              aStatus({ state: 'failure', createdAt: 'not a time' })
            ]
          })
        ]
      }
    })
    const s: Scenario = {
      facts,
      policy: anEnvironmentPolicy({ after: ['staging'] }),
      chain: ['staging'],
      now: NOW
    }
    expect(statusOf(s, 'promotion')).not.toBe('pass')
  })

  it('a later CHANGES_REQUESTED whose time cannot be read still replaces the approval', () => {
    const pullRequest = aPullRequest({
      reviews: [
        aReview({ submittedAt: '2024-05-01T06:00:00Z' }),
        aReview({ state: 'CHANGES_REQUESTED', submittedAt: 'yesterday' })
      ]
    })
    const s: Scenario = {
      facts: aFacts({ changes: [aChange({ pullRequest })] }),
      policy: anEnvironmentPolicy(),
      chain: [],
      now: NOW
    }
    expect(statusOf(s, 'maker-checker')).not.toBe('pass')
  })
})
