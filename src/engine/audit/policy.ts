// The policy an audit reads by: the file on the policy ref today, the
// audited environment's part of it and its upstream chain, which drive what
// is read; and the file's history, whose version at each deployment's
// success judges that deployment (policy-at.ts).

import { fetchPolicy } from '../gather/index.js'
import {
  environmentPolicy,
  loadPolicy,
  type EnvironmentPolicy,
  type Policy
} from '../policy/index.js'
import type { GitHubPort } from '../port.js'
import { upstreamChain, type UpstreamEnvironment } from '../rules/index.js'
import type { PolicyRead } from '../sources.js'
import { readPolicyHistory, type PolicyHistory } from './policy-history.js'
import type { AuditRequest } from './types.js'

export interface AuditPolicy {
  repositoryUrl: string
  defaultBranch: string
  /** the file as the pipeline reads it, for every deployment judged */
  read: Extract<PolicyRead, { text: string }>
  all: Policy
  environment: EnvironmentPolicy
  /** upstream environments, earliest first */
  chain: UpstreamEnvironment[]
  /** every version of the file on the ref, with when each stood */
  history: PolicyHistory
}

/** Throws when there is no valid policy: then nothing can be judged. */
export async function readAuditPolicy(
  github: GitHubPort,
  req: AuditRequest
): Promise<AuditPolicy> {
  // one round trip: the file as it is, and its history on the ref
  const [got, history] = await Promise.all([
    fetchPolicy(github, req),
    readPolicyHistory({ github, request: req })
  ])
  if ('missing' in got.policy) {
    throw new Error(
      `${got.policy.missing}; the audit judges deployments against it`
    )
  }
  const file = got.policy
  const all = loadPolicy(file.text, {
    path: req.policyPath,
    ref: file.ref,
    blobSha: file.blobSha,
    defaultBranch: got.defaultBranch
  })
  return {
    repositoryUrl: got.repositoryUrl,
    defaultBranch: got.defaultBranch,
    read: { ...file, defaultBranch: got.defaultBranch },
    all,
    environment: environmentPolicy(all, req.environment),
    chain: upstreamChain(all.environments, req.environment),
    history
  }
}
