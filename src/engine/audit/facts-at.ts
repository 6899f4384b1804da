// The facts the gate would have gathered for a deployment at its own time,
// from what the audit read in bulk (SPEC §7): reviews submitted, upstream
// statuses posted and tests finished after the deployment do not count.
// Handed to the pipeline as the deployment's FactSource for evaluateAsOf.

import { GitHubApiError } from '../errors.js'
import type {
  ChangeFact,
  CiResultsFact,
  CommitCiResultsFact,
  Facts,
  RunFact
} from '../facts.js'
import type { FactSource, PolicyRead } from '../sources.js'
import { DEPLOYED_DEPLOYMENTS, type DeployedCommit } from './commits.js'
import type { Range } from './history.js'
import type { AuditReads } from './reads.js'
import type { NowFacts } from './read-now.js'
import type { AuditRequest } from './types.js'

/** A deployment's facts, or why they could not be had (what the gate would have thrown). */
export type FactsAt = Facts | { unavailable: unknown }

/** The pipeline's source for one deployment: the policy, and its facts as of then. */
export function sourceAt(o: {
  policy: PolicyRead
  facts: FactsAt
}): FactSource {
  const { facts } = o
  return () =>
    Promise.resolve({
      policy: o.policy,
      facts: () => {
        if ('unavailable' in facts) throw facts.unavailable
        return Promise.resolve(facts)
      }
    })
}

const UNREAD = (): FactsAt => ({
  unavailable: new GitHubApiError(
    'the deployed commit or a change in its range could not be read'
  )
})

const TOO_MANY = (sha: string): FactsAt => ({
  unavailable: new GitHubApiError(
    `commit ${sha.slice(0, 7)} has more deployments than the audit reads for one commit (${DEPLOYED_DEPLOYMENTS}, newest first): its upstream deployments may be among the others, so it is not judged`,
    {
      hint: 'Check its promotion path by hand.'
    }
  )
})

const notAfter = (iso: string | null, at: Date): boolean =>
  iso === null || Date.parse(iso) <= at.getTime()

/**
 * The facts the gate would have gathered at `at`. When what the audit reads
 * as it is now failed, every deployment meets that failure, as the gate did.
 */
export function factsAt(o: {
  request: AuditRequest
  sha: string
  at: Date
  range: Range
  reads: AuditReads
  run: RunFact
  /** upstream environments, earliest first */
  chain: string[]
}): FactsAt {
  const { request: req, sha, at, reads } = o
  if ('failed' in reads.now) return { unavailable: reads.now.failed }
  const deployed = reads.deployed.get(sha) ?? null
  if (deployed === null) return UNREAD()
  // Only the commit's newest deployments were read: its older ones, the
  // upstream deployments the promotion path needs, may be among the rest.
  // Judged without them the deployment could be blocked or allowed
  // wrongly, so it fails closed and says why.
  if (deployed.moreDeployments) return TOO_MANY(sha)
  const changes = changesAt({ oids: o.range.oids, reads, at })
  if (changes === null) return UNREAD()
  const now = reads.now
  return {
    repository: now.repository,
    serverUrl: req.serverUrl,
    environment: req.environment,
    sha,
    commit: deployed.commit,
    deployer: o.run.triggeringActor ?? o.run.actor,
    changes,
    scope: o.range.scope,
    upstream: upstreamAt({ deployed, chain: o.chain, at }),
    jobs: reads.jobs,
    branches: branchesAt(sha, now, reads),
    run: o.run,
    environmentSettings: now.environmentSettings,
    ciResults: checksAt({ sha, changes, rollups: reads.rollups, at }),
    ...(now.reviewerTeams === undefined
      ? {}
      : { reviewerTeams: now.reviewerTeams })
  }
}

/** Each change of the range with its pull request's reviews given by `at`. */
function changesAt(o: {
  oids: string[]
  reads: AuditReads
  at: Date
}): ChangeFact[] | null {
  const changes: ChangeFact[] = []
  for (const oid of o.oids) {
    const c = o.reads.commitOf(oid)
    if (c === null) return null
    const pr = o.reads.chosen.get(oid)?.fact ?? null
    const carriedBy = o.reads.carriedBy.get(oid)
    changes.push({
      commit: c.commit,
      ...(carriedBy === undefined ? {} : { carriedBy }),
      // Reviews given after the deployment do not count for it.
      pullRequest:
        pr === null
          ? null
          : {
              ...pr,
              reviews: pr.reviews.filter(
                (r) => r.submittedAt !== null && notAfter(r.submittedAt, o.at)
              )
            }
    })
  }
  return changes
}

/** The commit's upstream deployments and their statuses as of `at`. */
function upstreamAt(o: {
  deployed: DeployedCommit
  chain: string[]
  at: Date
}): Facts['upstream'] {
  const upstream: Facts['upstream'] = {}
  for (const env of o.chain) {
    upstream[env] = o.deployed.deployments
      .filter((x) => x.environment === env && notAfter(x.createdAt, o.at))
      .map((x) => ({
        ...x,
        statuses: x.statuses.filter((s) => notAfter(s.createdAt, o.at))
      }))
  }
  return upstream
}

/**
 * Which branches hold the commit is known for the newest deployment; for
 * the others, only the default branch's history was walked.
 */
function branchesAt(
  sha: string,
  now: NowFacts,
  reads: AuditReads
): Facts['branches'] {
  return now.branches.map((b) => ({
    ...b,
    containsCommit:
      sha === now.sha
        ? b.containsCommit
        : b.name === now.repository.defaultBranch && reads.parents.has(sha)
  }))
}

/** The tests of the deployed commit and its pull request's head, finished by `at`. */
function checksAt(o: {
  sha: string
  changes: ChangeFact[]
  rollups: Map<string, CommitCiResultsFact>
  at: Date
}): CiResultsFact {
  const asOf = (sha: string): CommitCiResultsFact => {
    const c = o.rollups.get(sha)
    if (c === undefined) {
      return {
        sha,
        results: {
          unreadable: true,
          permission: 'checks: read` and `statuses: read',
          detail: 'not read'
        }
      }
    }
    const results =
      'unreadable' in c.results
        ? c.results
        : c.results.filter((r) => notAfter(r.at, o.at))
    return { sha, results }
  }
  const pr = o.changes[0]?.pullRequest ?? null
  return {
    commit: asOf(o.sha),
    pullRequestHead:
      pr === null ? null : { ...asOf(pr.headRefOid), pullRequest: pr.number }
  }
}
