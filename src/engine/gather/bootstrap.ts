// The first round trip, asked before the policy is known: the policy blob,
// the default branch, the deployed commit with its pull requests, their
// commits and reviews, checks, and the latest deployments; the environment's
// settings in parallel. SPEC §9: most decisions need little more.

import { GitHubApiError } from '../errors.js'
import type { CommitFact, EnvironmentFact } from '../facts.js'
import type { GitHubPort, GraphQLError } from '../port.js'
import type { EngineRequest } from '../request.js'
import { refAnswer, type RefAnswer } from './branches.js'
import { readRollup, type RollupRead } from './ci-results.js'
import { recentPages, type RecentDeployments } from './deployments.js'
import { readEnvironment } from './environment.js'
import { firstAsks } from './first-asks.js'
import { bootstrapJobs, type JobsRead } from './jobs.js'
import { incompleteness, repositoryUnreadable } from './errors.js'
import { parseCommit, type ParsedPullRequest } from './parse.js'
import { defaultBranchRef, policyOf, type PolicyFile } from './policy-file.js'
import { associated } from './pull-requests.js'
import { connection, num, obj, optObj, str, type Json } from './shape.js'

export interface Bootstrap {
  repositoryUrl: string
  /** GraphQL `viewerCanAdminister`; null: GitHub did not say */
  viewerCanAdminister: boolean | null
  defaultBranch: string
  policy: PolicyFile
  commit: CommitFact | null
  /** pull requests GitHub associates with the deployed commit */
  pullRequests: ParsedPullRequest[]
  /** set when part of the commit's data could not be read */
  incomplete: GitHubApiError | null
  /** the default branch as the bootstrap saw it */
  defaultRef: RefAnswer
  /** the deployed commit's CI results: check runs and statuses */
  ciResults: RollupRead
  /** the same for the final head of each associated pull request, by number */
  heads: Map<number, RollupRead>
  /**
   * Asked ahead of the policy: the latest deployments to the target
   * environment, and every deployment of the deployed commit; null when
   * unread.
   */
  recent: RecentDeployments | null
  /**
   * The jobs' check runs read with the deployed commit and with the latest
   * deployments to the target: what binds their records (SPEC §5.2).
   */
  jobs: JobsRead
  /**
   * The environment's settings, asked in parallel with the bootstrap query
   * (most policies check them); settled, never rejected.
   */
  environment: Promise<EnvironmentFact | { failed: unknown }>
}

/** Bootstrap fields whose errors are handled where they are used. */
const SPECULATIVE = new Set([
  'checks',
  'heads',
  'compare',
  'rules',
  'refUpdateRule'
])

export async function fetchBootstrap(
  port: GitHubPort,
  req: EngineRequest
): Promise<Bootstrap> {
  const environment = readEnvironment(
    port,
    {
      owner: req.owner,
      name: req.repo,
      url: `${req.serverUrl}/${req.owner}/${req.repo}`
    },
    req.environment
  ).then(
    (fact) => fact,
    (failed: unknown) => ({ failed })
  )
  const { query, variables } = firstAsks(req).graphql
  const answer = await port.graphql<Json>(query, variables)
  const data = obj(answer.data, 'data')
  if (data.repository === null || data.repository === undefined) {
    throw repositoryUnreadable(req, answer.errors)
  }
  // The policy may simply be absent (NOT_FOUND); anything else is missing
  // data about the commit, reported once the policy is known.
  const incomplete = incompleteness(
    answer.errors,
    `the deployed commit ${req.sha.slice(0, 7)} and its pull requests`,
    (e) =>
      (e.type === 'NOT_FOUND' &&
        (e.path ?? []).some((p) => p === 'policy' || p === 'file')) ||
      e.path?.[0] === 'recent' ||
      (e.path ?? []).some((p) => typeof p === 'string' && SPECULATIVE.has(p))
  )
  const repo = obj(data.repository, 'repository')
  const defaultRef = defaultBranchRef(repo, req)
  const defaultBranch = str(defaultRef.name, 'repository.defaultBranchRef.name')
  const policy = policyOf(repo, defaultRef, defaultBranch, req)
  const commitNode = optObj(repo.commit, 'repository.commit')
  const found = commitNode !== null && commitNode.oid !== undefined
  const commit = found ? parseCommit(commitNode, 'repository.commit') : null
  const pullRequests = found ? associated(commitNode, 'repository.commit') : []
  const errorsUnder = (alias: string): GraphQLError[] =>
    answer.errors.filter(
      (e) => e.path?.[0] === 'repository' && e.path[1] === alias
    )
  const checksNode = optObj(repo.checks, 'repository.checks')
  const heads = headRollups(
    optObj(repo.heads, 'repository.heads'),
    errorsUnder('heads')
  )
  const recent = optObj(data.recent, 'recent')
  return {
    repositoryUrl: str(repo.url, 'repository.url'),
    viewerCanAdminister:
      typeof repo.viewerCanAdminister === 'boolean'
        ? repo.viewerCanAdminister
        : null,
    defaultBranch,
    policy,
    commit,
    pullRequests,
    incomplete,
    defaultRef: refAnswer(
      defaultRef,
      defaultBranch,
      answer.errors.filter((e) => e.path?.[1] === 'defaultBranchRef'),
      'repository.defaultBranchRef'
    ),
    ciResults: readRollup(
      checksNode,
      req.sha,
      'repository.checks',
      errorsUnder('checks')
    ),
    heads,
    recent: recent === null ? null : recentPages(recent),
    jobs: bootstrapJobs({ data, errors: answer.errors, sha: req.sha }),
    environment
  }
}

/** The checks of each associated pull request's final head, by number. */
function headRollups(
  headsNode: Json | null,
  errors: GraphQLError[]
): Map<number, RollupRead> {
  const heads = new Map<number, RollupRead>()
  const headPrs =
    headsNode === null
      ? null
      : optObj(
          headsNode.associatedPullRequests,
          'repository.heads.associatedPullRequests'
        )
  if (headPrs === null) return heads
  connection(headPrs, 'repository.heads.associatedPullRequests').nodes.forEach(
    (n, i) => {
      const at = `repository.heads.associatedPullRequests.nodes[${i}]`
      const pr = obj(n, at)
      const number = num(pr.number, `${at}.number`)
      const last = connection(pr.headCommit, `${at}.headCommit`).nodes[0]
      const commitOf =
        last === undefined
          ? null
          : optObj(
              obj(last, `${at}.headCommit.nodes[0]`).commit,
              `${at}.headCommit.nodes[0].commit`
            )
      if (commitOf === null) return
      heads.set(
        number,
        readRollup(
          commitOf,
          str(commitOf.oid, `${at}.headCommit.oid`),
          `${at}.headCommit`,
          errors.filter((e) => e.path?.[4] === i)
        )
      )
    }
  )
  return heads
}
