// The policy file: a blob at `policy-path` on `policy-ref`, or on the default
// branch when no ref is given. The bootstrap asks for it with everything
// else; what needs no commit (the access matrix, audits) asks for it alone.

import { ShapeError } from '../errors.js'
import type { GitHubPort } from '../port.js'
import { assertComplete, repositoryUnreadable } from './errors.js'
import { POLICY_QUERY } from './queries.js'
import { obj, optObj, str, type Json } from './shape.js'

/** The policy's text, or why there is none to read. */
export type PolicyFile =
  { text: string; blobSha: string; ref: string } | { missing: string }

export interface PolicyLocation {
  owner: string
  repo: string
  policyPath: string
  policyRef: string | null
}

/** The `rev:path` expression GitHub's `object(expression:)` reads. */
export function policyExpression(req: PolicyLocation): string {
  return `${req.policyRef ?? 'HEAD'}:${req.policyPath}`
}

/** A repository's default branch ref; a repository without one cannot be gated. */
export function defaultBranchRef(repo: Json, req: PolicyLocation): Json {
  const ref = optObj(repo.defaultBranchRef, 'repository.defaultBranchRef')
  if (ref === null) {
    throw new ShapeError(
      `repository ${req.owner}/${req.repo} has no default branch`
    )
  }
  return ref
}

/** The policy blob of a `repository` answer (BOOTSTRAP_QUERY or POLICY_QUERY). */
export function policyOf(
  repo: Json,
  defaultRef: Json,
  defaultBranch: string,
  req: Pick<PolicyLocation, 'policyPath' | 'policyRef'>
): PolicyFile {
  const blob =
    optObj(repo.policy, 'repository.policy') ??
    (req.policyRef === null ? defaultBranchFile(defaultRef) : null)
  const ref = req.policyRef ?? defaultBranch
  if (blob === null || typeof blob.text !== 'string') {
    return {
      missing:
        blob === null
          ? `no policy file at ${req.policyPath} on ${ref}`
          : `the policy file ${req.policyPath} on ${ref} is binary`
    }
  }
  if (blob.isTruncated === true) {
    return {
      missing: `the policy file ${req.policyPath} on ${ref} is too large`
    }
  }
  return {
    text: blob.text,
    blobSha: str(blob.oid, 'repository.policy.oid'),
    ref
  }
}

function defaultBranchFile(ref: Json): Json | null {
  const target = optObj(ref.target, 'repository.defaultBranchRef.target')
  const file =
    target === null ? null : optObj(target.file, 'defaultBranchRef.target.file')
  return file === null
    ? null
    : optObj(file.object, 'defaultBranchRef.target.file.object')
}

/**
 * The policy alone, for what needs no commit (the access matrix, audits):
 * the same reading as the bootstrap's, from `policy-ref` or the default branch.
 */
export async function fetchPolicy(
  port: GitHubPort,
  req: PolicyLocation
): Promise<{
  repositoryUrl: string
  defaultBranch: string
  policy: PolicyFile
}> {
  const answer = await port.graphql<Json>(POLICY_QUERY, {
    owner: req.owner,
    name: req.repo,
    policyExpression: policyExpression(req),
    policyPath: req.policyPath
  })
  const data = obj(answer.data, 'data')
  const repo = optObj(data.repository, 'repository')
  if (repo === null) throw repositoryUnreadable(req, answer.errors)
  assertComplete(answer.errors, 'the policy', (e) => e.type === 'NOT_FOUND')
  const defaultRef = defaultBranchRef(repo, req)
  const defaultBranch = str(defaultRef.name, 'repository.defaultBranchRef.name')
  return {
    repositoryUrl: str(repo.url, 'repository.url'),
    defaultBranch,
    policy: policyOf(repo, defaultRef, defaultBranch, req)
  }
}
