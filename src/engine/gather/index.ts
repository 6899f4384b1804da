// Gathering: GitHub -> Facts in as few round trips as GitHub allows.
//   1. bootstrap (GraphQL): policy blob, default branch, the deployed commit
//      with its pull requests, their commits and reviews (bootstrap.ts);
//   2. context (GraphQL), in parallel with the rules of each named branch
//      (REST) and, when needed, the run's environment approvals (REST);
//   then only what the first answers show is missing: further pages, the
//   range since the previous deployment, classic protection.
// SPEC §9: a typical decision takes three requests. Each file here reads one
// thing; this one only orders the reads. Gathering never imports a rule:
// what a branch's protection amounts to is ../protection.ts.

import type { CommitFact, DeploymentFact, Facts, Unreadable } from '../facts.js'
import type { EnvironmentPolicy } from '../policy/index.js'
import type { GitHubPort, Logger } from '../port.js'
import type { EngineRequest } from '../request.js'
import { fetchApprovals } from './approvals.js'
import type { Bootstrap } from './bootstrap.js'
import { branchFacts, planBranches } from './branches.js'
import { readRulesetBypass } from './bypass.js'
import { checksFact, completeRollups } from './ci-results.js'
import { readDeploymentPages, readRefPages, runContext } from './context.js'
import { qualify } from '../deployments.js'
import {
  completeStatuses,
  deploymentContextOf,
  environmentsToRead,
  previousSuccessOf,
  settledByBootstrap,
  unsettled,
  wantMore,
  type DeploymentNeed
} from './deployments.js'
import { bindDeployments } from './jobs.js'
import { readBranchRules, readClassicProtection } from './protection.js'
import { resolveCoAuthors } from './co-authors.js'
import { changesInScope } from './range.js'
import { readReviewerTeams } from './teams.js'
import { pinnedToActions, proveJobs } from './workflow-jobs.js'

export type { EngineRequest } from '../request.js'
export { fetchApprovals } from './approvals.js'
export { fetchBootstrap, type Bootstrap } from './bootstrap.js'
export type { RefAnswer } from './branches.js'
export {
  completeStatuses,
  deploymentPage,
  type DeploymentPage
} from './deployments.js'
export { resolveCoAuthors } from './co-authors.js'
export { assertComplete, errorText } from './errors.js'
export { fetchPolicy } from './policy-file.js'
export {
  associated,
  choosePullRequest,
  completePullRequests,
  type RangeView
} from './pull-requests.js'

/** What gathering starts from: the request, the bootstrap's answer, the policy. */
export interface GatherInput {
  github: GitHubPort
  request: EngineRequest
  bootstrap: Bootstrap
  /** the deployed commit, as the bootstrap found it */
  commit: CommitFact
  policy: EnvironmentPolicy
  /** the upstream environments, nearest first */
  chain: string[]
  logger: Logger
  now: Date
}

export async function gatherFacts(input: GatherInput): Promise<Facts> {
  const { github, request, bootstrap: boot, commit, policy, chain } = input
  // The jobs read so far, completed in place: what the previous success
  // counts on grows as more check runs are read.
  const jobs = boot.jobs
  const ctx = deploymentContextOf(request, policy, jobs.fact)
  const previous = previousSuccessOf(ctx, request.environment, input.now)
  const bind = (o: {
    all: DeploymentFact[]
    newest: DeploymentFact[]
  }): Promise<void> =>
    bindDeployments({
      github,
      request,
      read: jobs,
      ctx,
      ...o,
      counts: (d) =>
        typeof qualify(d, request.environment, ctx, input.now.getTime()) !==
        'string',
      nowMs: input.now.getTime()
    })
  // The range's start on the bootstrap's page, bound before it is trusted
  // (the bootstrap read the latest records' jobs: usually nothing to ask).
  if (boot.recent !== null && policy.scope === 'range') {
    await bind({ all: [], newest: targetOnly(boot.recent.here.list, request) })
  }
  const need: DeploymentNeed = {
    request,
    policy,
    chain,
    committedDate: commit.committedDate,
    previous
  }

  // Round trip 2, with everything that does not depend on its answer.
  // What the bootstrap already answered, ahead of knowing the policy, is not
  // asked again: an environment whose deployments the repository's latest
  // page settles, and the default branch's comparison with the commit.
  const envs = environmentsToRead(need)
  const read = settledByBootstrap(boot.recent, envs, need)
  const deploymentSel = unsettled(envs, read)
  const plan = planBranches(policy, {
    name: boot.defaultBranch,
    ref: boot.defaultRef
  })
  const defaultRules =
    plan.known.get(boot.defaultBranch)?.rules === null
      ? readBranchRules(github, request, boot.defaultBranch)
      : null
  const needApprovals =
    policy.approvals.environment > 0 || request.breakGlassReason !== null
  const [context, approvals, environmentSettings, rollups, reviewerTeams] =
    await Promise.all([
      runContext(github, request, deploymentSel, plan.selections),
      needApprovals ? fetchApprovals(github, request) : Promise.resolve(null),
      policy.environmentProtection === false
        ? Promise.resolve(null)
        : boot.environment.then((got) => {
            if ('failed' in got) throw got.failed
            return got
          }),
      policy.ciRequirement === false
        ? Promise.resolve(null)
        : completeRollups(
            github,
            { owner: request.owner, name: request.repo },
            [boot.ciResults, ...boot.heads.values()]
          ),
      readReviewerTeams(github, policy.approvals.reviewers)
    ])

  // Deployments: further pages only where the answer may lie beyond page one.
  await readDeploymentPages({
    github,
    request,
    logger: input.logger,
    first: context,
    read,
    wantMore: (env, list) => wantMore(env, list, need)
  })
  const deployments = read.byEnvironment
  await completeStatuses(
    github,
    request,
    read.statusPages,
    deployments,
    read.statusTotals
  )

  // Branches: which exist, which contain the commit, their rules and protection.
  const branches = await branchFacts({
    github,
    request,
    policy,
    plan,
    refs: [
      ...plan.known.values(),
      ...(await readRefPages(github, request, context))
    ],
    defaultBranch: boot.defaultBranch,
    defaultRules
  })
  await Promise.all([
    readClassicProtection({
      github,
      request,
      policy,
      branches,
      environmentSettings
    }),
    policy.branchProtection === false
      ? null
      : readRulesetBypass({
          github,
          request,
          branches,
          viewerCanAdminister: boot.viewerCanAdminister
        })
  ])

  // Scope: the changes since the previous successful deployment here.
  const upstream: Facts['upstream'] = {}
  // every environment of the chain was read (environmentsToRead, and
  // runContext answers every selection, readable or not)
  for (const env of chain) {
    upstream[env] = deployments.get(env) as DeploymentFact[] | Unreadable
  }
  // Every record that could be promotion evidence or the range's start is
  // bound to its job before it is judged (SPEC §5.2).
  const here = deployments.get(request.environment)
  await bind({
    all: sameChange(upstream, commit, policy),
    newest:
      policy.scope === 'range' && here !== undefined && !('unreadable' in here)
        ? here
        : []
  })
  // Alongside: whether the check runs a pinned required check may rely on
  // are workflow jobs (SPEC §5.9), asked only when a rule pins one.
  const [scope] = await Promise.all([
    changesInScope({
      github,
      request,
      commit,
      pullRequests: boot.pullRequests,
      policy,
      here: here ?? [],
      previousOf: previous
    }),
    rollups === null
      ? null
      : proveJobs(github, rollups, pinnedToActions(branches))
  ])
  await resolveCoAuthors(github, request, [
    commit,
    ...scope.changes.flatMap((c) => [
      c.commit,
      ...(c.pullRequest?.commits ?? [])
    ])
  ])

  return {
    repository: {
      owner: request.owner,
      name: request.repo,
      url: boot.repositoryUrl,
      defaultBranch: boot.defaultBranch
    },
    serverUrl: request.serverUrl,
    environment: request.environment,
    sha: request.sha,
    commit,
    deployer: request.deployer,
    changes: scope.changes,
    scope: scope.scope,
    upstream,
    jobs: jobs.fact,
    branches,
    run: { ...request.run, event: request.event ?? null, approvals },
    environmentSettings,
    ciResults:
      rollups === null
        ? null
        : checksFact(
            rollups,
            scope.changes[0]?.pullRequest ?? null,
            boot.heads
          ),
    ...(reviewerTeams === undefined ? {} : { reviewerTeams })
  }
}

/** The target environment's records on the bootstrap's page. */
function targetOnly(
  list: DeploymentFact[],
  request: EngineRequest
): DeploymentFact[] {
  return list.filter((d) => d.environment === request.environment)
}

/** The upstream records of the deployed commit, or of its tree with `match: tree`. */
function sameChange(
  upstream: Facts['upstream'],
  commit: CommitFact,
  policy: EnvironmentPolicy
): DeploymentFact[] {
  return Object.values(upstream).flatMap((list) =>
    'unreadable' in list
      ? []
      : list.filter(
          (d) =>
            d.sha === commit.oid ||
            (policy.match === 'tree' &&
              d.treeOid !== null &&
              d.treeOid === commit.treeOid)
        )
  )
}
