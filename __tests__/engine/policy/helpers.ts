// Shared by the policy loader's tests: a source, the fixtures, and the
// problems a rejected text produces.

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { PolicyError, type PolicyProblem } from '../../../src/engine/errors.js'
import {
  environmentPolicy,
  loadPolicy
} from '../../../src/engine/policy/load.js'
import type {
  EnvironmentPolicy,
  MakerKind,
  PolicySource
} from '../../../src/engine/policy/types.js'
import { repositoryRoot } from '../../../scripts/write-schemas.js'

export const source: PolicySource = {
  path: '.github/promotion-gate.yml',
  ref: 'main',
  blobSha: null,
  defaultBranch: 'trunk'
}

export function fixture(name: string): string {
  return readFileSync(
    resolve(repositoryRoot, '__fixtures__/policies', name),
    'utf8'
  )
}

/** The PolicyError loading `text` throws; fails the test when it loads. */
export function policyError(text: string): PolicyError {
  try {
    loadPolicy(text, source)
  } catch (error) {
    if (error instanceof PolicyError) return error
    throw error
  }
  throw new Error('expected the policy to be rejected')
}

export function problems(text: string): PolicyProblem[] {
  return policyError(text).problems
}

export function env(text: string, name: string): EnvironmentPolicy {
  return environmentPolicy(loadPolicy(text, source), name)
}

/** SPEC v2 §4: every maker but the deployer, who is one only on request. */
export const DEFAULT_MAKERS: MakerKind[] = [
  'author',
  'commit_authors',
  'committers',
  'co_authors'
]

/** Everything SPEC §4 fills in when an environment says nothing. */
export function defaultsFor(
  name: string,
  branches: string[]
): EnvironmentPolicy {
  return {
    name,
    after: [],
    soakSeconds: 0,
    match: 'commit',
    trustedDeployers: ['github-actions[bot]'],
    trustedWorkflows: null,
    branches,
    allowedEvents: [
      'push',
      'workflow_dispatch',
      'deployment',
      'release',
      'schedule',
      'merge_group',
      'repository_dispatch'
    ],
    branchProtection: {
      requiredApprovals: 1,
      dismissStaleReviews: true,
      requireLastPushApproval: false,
      requireCodeOwnerReview: false,
      blockForcePushes: true,
      blockDeletions: true,
      requiredStatusChecks: []
    },
    scope: 'range',
    approvals: {
      pullRequest: 1,
      environment: 0,
      independentOf: [...DEFAULT_MAKERS],
      reviewers: null,
      onLatestCommit: true,
      allowBots: false,
      unresolvedIdentities: 'block',
      directPushes: [],
      requireVerifiedCommits: false
    },
    deployerIndependent: false,
    breakGlass: null,
    environmentProtection: {
      deploymentBranches: 'protected',
      requiredReviewers: 0,
      preventSelfReview: false,
      adminBypass: true,
      waitTimer: 0
    },
    ciRequirement: { required: null, noFailures: true }
  }
}
