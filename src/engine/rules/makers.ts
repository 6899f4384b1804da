// Who made a change (SPEC §4 `approvals`, §5.6 maker-checker, §5.7
// segregation). Which approvals of it are independent of them: approvers.ts.

import type {
  ChangeFact,
  CommitFact,
  Facts,
  GitIdentity,
  PullRequestFact
} from '../facts.js'
import type { EnvironmentPolicy, MakerKind } from '../policy/index.js'
import { andList, isBotLogin, loginKey, shortSha } from './util.js'

export { MAKER_KINDS } from '../policy/index.js'

export interface MakerRole {
  kind: MakerKind
  /** what makes the person a maker: `PR #12`, a short sha, `the deployment` */
  where: string
  /** the commit is GitHub's "Update branch" merge, authored by who clicked */
  branchUpdate?: true
}

export interface Maker {
  login: string
  kinds: MakerKind[]
  roles: MakerRole[]
}

/** A git identity GitHub could not map to an account: it cannot be excluded. */
export interface UnresolvedIdentity extends GitIdentity {
  kind: MakerKind
  /** short sha of the commit it appears in */
  commit: string
}

export interface Makers {
  /** keyed by lower-cased login */
  makers: Map<string, Maker>
  unresolved: UnresolvedIdentity[]
}

/**
 * Everyone who deploys: who started the run (`github.actor`), who started
 * its current attempt (`github.triggering_actor`, a re-run), and the
 * request's deployer; case-insensitively distinct, in that order. "Re-run
 * workflows use the privileges of the actor who initially triggered the
 * workflow, not the privileges of the actor who initiated the re-run"
 * (docs.github.com/en/actions/how-tos/managing-workflow-runs-and-deployments/managing-workflow-runs/re-running-workflows-and-jobs):
 * the first trigger deploys as much as the re-runner does.
 */
export function deployersOf(facts: Facts): string[] {
  const found = new Map<string, string>()
  for (const login of [
    facts.run.actor,
    facts.run.triggeringActor,
    facts.deployer
  ]) {
    if (login !== null && login !== '' && !found.has(loginKey(login))) {
      found.set(loginKey(login), login)
    }
  }
  return [...found.values()]
}

/**
 * A bot's identity in a commit: GitHub maps no `User` to its address, the
 * gatherer names the bot from it (parse.ts). The humans in a bot commit's
 * `Co-authored-by` are who the bot worked for: Copilot's coding agent
 * co-authors its commits with the person who asked it, whose approval
 * GitHub does not count ("your approval won't count toward the required
 * number of approvals", docs.github.com/en/copilot/how-tos/use-copilot-agents/coding-agent/review-copilot-prs).
 */
function isBotIdentity(identity: GitIdentity): boolean {
  return identity.login !== null && isBotLogin(identity.login)
}

/**
 * GitHub's "Update branch" merge on a pull request page: committed by GitHub
 * (web-flow), authored by whoever clicked, `Merge branch '<base>' into
 * <head>` (strands-labs/robots#3190). Its author is a maker like any other
 * (GitHub's own last-push rule makes them "the last pusher",
 * chipsalliance/Caliptra#28); knowing it only words the message.
 */
function isBranchUpdate(commit: CommitFact, pr: PullRequestFact): boolean {
  return (
    commit.committer.isWebFlow &&
    (commit.parents === null || commit.parents.length === 2) &&
    commit.message.startsWith(`Merge branch '${pr.baseRefName}' into `)
  )
}

/** For a bot's commit: the first of these kinds the policy asks for. */
const ON_BEHALF_KINDS: readonly MakerKind[] = [
  'co_authors',
  'commit_authors',
  'author'
]

/**
 * The makers of one change, for the given kinds (by default the policy's
 * `approvals.independent_of`):
 * - `author`: the pull request's author; for a direct push, the commit's
 *   author (the person the change came from).
 * - `commit_authors`, `committers`, `co_authors`: of every commit of the pull
 *   request, or of the commit itself for a direct push. The merge or squash
 *   commit GitHub makes when the pull request is merged is not one of them:
 *   its author is whoever pressed "merge", typically the approver. An
 *   "Update branch" merge is one: whoever clicked authored it.
 * - the `Co-authored-by` humans of a bot's commit (Copilot's agent, a
 *   Dependabot commit someone amended) count as `co_authors`, or, when the
 *   policy does not ask for those, as the bot's own kind: they made it.
 * - `deployer`: everyone who deploys (deployersOf).
 * GitHub's `web-flow` committer is not a person and is skipped. A deleted
 * pull request author (null) cannot approve either, so it is not reported.
 */
export function makersOf(
  change: ChangeFact,
  facts: Facts,
  policy: EnvironmentPolicy,
  kinds: readonly MakerKind[] = policy.approvals.independentOf
): Makers {
  const wanted = new Set(kinds)
  const makers = new Map<string, Maker>()
  const unresolved: UnresolvedIdentity[] = []
  const seenUnresolved = new Set<string>()

  const addIdentity = (
    identity: GitIdentity,
    kind: MakerKind | undefined,
    commit: CommitFact,
    branchUpdate = false
  ): void => {
    if (kind === undefined || !wanted.has(kind) || identity.isWebFlow) return
    if (identity.login !== null) {
      record(makers, identity.login, {
        kind,
        where: shortSha(commit.oid),
        ...(branchUpdate ? { branchUpdate: true } : {})
      })
      return
    }
    const key = `${(identity.email ?? '').toLowerCase()}|${identity.name ?? ''}`
    if (seenUnresolved.has(key)) return
    seenUnresolved.add(key)
    unresolved.push({ ...identity, kind, commit: shortSha(commit.oid) })
  }

  const pr = change.pullRequest
  if (pr === null) {
    addIdentity(change.commit.author, 'author', change.commit)
  } else if (wanted.has('author') && pr.author !== null) {
    record(makers, pr.author.login, {
      kind: 'author',
      where: `PR #${pr.number}`
    })
  }
  for (const commit of pr === null ? [change.commit] : pr.commits) {
    const update = pr !== null && isBranchUpdate(commit, pr)
    addIdentity(commit.author, 'commit_authors', commit, update)
    addIdentity(commit.committer, 'committers', commit)
    const forBot = isBotIdentity(commit.author)
      ? ON_BEHALF_KINDS.find((k) => wanted.has(k))
      : 'co_authors'
    for (const coAuthor of commit.coAuthors) {
      addIdentity(coAuthor, forBot, commit)
    }
  }
  if (wanted.has('deployer')) {
    for (const login of deployersOf(facts)) {
      record(makers, login, { kind: 'deployer', where: 'the deployment' })
    }
  }
  return { makers, unresolved }
}

function record(
  makers: Map<string, Maker>,
  login: string,
  role: MakerRole
): void {
  const key = loginKey(login)
  let maker = makers.get(key)
  if (maker === undefined) {
    maker = { login, kinds: [], roles: [] }
    makers.set(key, maker)
  }
  if (!maker.kinds.includes(role.kind)) maker.kinds.push(role.kind)
  if (
    !maker.roles.some((r) => r.kind === role.kind && r.where === role.where)
  ) {
    maker.roles.push(role)
  }
}

/** Merges the makers of several changes (e.g. every change in scope). */
export function mergeMakers(all: readonly Makers[]): Makers {
  const makers = new Map<string, Maker>()
  const unresolved: UnresolvedIdentity[] = []
  for (const one of all) {
    unresolved.push(...one.unresolved)
    for (const maker of one.makers.values()) {
      for (const role of maker.roles) record(makers, maker.login, role)
    }
  }
  return { makers, unresolved }
}

const PREFIX: Readonly<Record<MakerKind, string>> = {
  author: 'the author of',
  commit_authors: 'the author of',
  committers: 'the committer of',
  co_authors: 'a co-author of',
  deployer: 'the deployer'
}

const BRANCH_UPDATE = 'the one who updated the branch with'

/**
 * `the author of PR #12 and 5d6e7f8 and a co-author of 1a2b3c4`; an
 * "Update branch" merge reads `the one who updated the branch with 9f8e7d6`.
 */
export function describeMaker(maker: Maker): string {
  const groups = new Map<string, string[]>()
  for (const role of maker.roles) {
    const prefix =
      role.branchUpdate === true ? BRANCH_UPDATE : PREFIX[role.kind]
    const where = groups.get(prefix) ?? []
    groups.set(prefix, where)
    if (role.kind !== 'deployer' && !where.includes(role.where)) {
      where.push(role.where)
    }
  }
  return andList(
    [...groups].map(([prefix, where]) =>
      where.length === 0 ? prefix : `${prefix} ${shortList(where)}`
    )
  )
}

/** The "Update branch" merges that alone make `maker` one: null if any other role does. */
export function onlyBranchUpdates(maker: Maker): string[] | null {
  if (maker.roles.some((r) => r.branchUpdate !== true)) return null
  return maker.roles.map((r) => r.where)
}

function shortList(items: readonly string[]): string {
  if (items.length <= 3) return andList(items)
  return `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`
}

/** How to name an identity without a login in a message. */
export function describeIdentity(identity: GitIdentity): string {
  return identity.email ?? identity.name ?? 'an identity with no name or email'
}
