// Who and what may deploy to an environment, as GitHub has it now: its
// settings as the gate reads them, the members of its reviewer teams, and the
// GitHub Apps whose custom protection rules it runs.

import type { EnvironmentFact } from '../facts.js'
import { readEnvironment } from '../gather/environment.js'
import { arr, obj, str } from '../gather/shape.js'
import { readOr } from '../gather/support.js'
import type { GitHubPort } from '../port.js'
import { teamMembers } from './holders.js'
import type { PageLimit } from './pages.js'
import {
  cannot,
  type AccessRepository,
  type EnvironmentAccess,
  type Maybe,
  type ReviewerAccess
} from './types.js'

/** An environment as read, before it is judged against the policy. */
export interface EnvironmentRead {
  access: Omit<EnvironmentAccess, 'gaps'>
  /** what the gate's rules see: the gaps are theirs */
  fact: EnvironmentFact
}

type Repo = Pick<AccessRepository, 'owner' | 'name' | 'url'>

export async function readEnvironmentAccess(
  port: GitHubPort,
  repo: Repo,
  o: { name: string; membersLimit: PageLimit }
): Promise<EnvironmentRead> {
  const { name } = o
  const fact = await readEnvironment(port, repo, name)
  const base: EnvironmentRead['access'] = {
    name,
    exists: null,
    url: null,
    deploymentBranches: null,
    reviewers: [],
    preventSelfReview: null,
    adminBypass: null,
    waitTimer: null,
    customRules: null
  }
  if ('unreadable' in fact) {
    return {
      fact,
      access: {
        ...base,
        deploymentBranches: cannot(fact.permission, fact.detail)
      }
    }
  }
  if (!fact.exists) {
    return {
      fact,
      access: {
        ...base,
        exists: false,
        url: fact.settingsUrl,
        deploymentBranches: 'any'
      }
    }
  }
  const s = fact.settings
  const customRules = await customRulesOf(port, repo, s.name)
  const reviewers = await Promise.all(
    s.reviewers.map(async (r): Promise<ReviewerAccess> => {
      if (r.type === 'User')
        return { type: 'User', name: r.name, members: null }
      const [org, slug] = r.name.includes('/')
        ? (r.name.split('/', 2) as [string, string])
        : [repo.owner, r.name]
      const members = await teamMembers(port, { org, slug }, o.membersLimit)
      return {
        type: 'Team',
        name: r.name,
        members: members.value,
        ...(members.truncated === null
          ? {}
          : { membersTruncated: members.truncated })
      }
    })
  )
  const policies = s.deploymentBranchPolicy
  return {
    fact,
    access: {
      name: s.name,
      exists: true,
      url: s.settingsUrl,
      deploymentBranches:
        policies === null
          ? 'any'
          : policies.protectedBranches
            ? 'protected'
            : s.branchPolicies === null
              ? cannot('actions: read', 'the branch patterns were not read')
              : 'unreadable' in s.branchPolicies
                ? cannot(s.branchPolicies.permission, s.branchPolicies.detail)
                : s.branchPolicies.map((p) =>
                    p.type === 'tag' ? `tag:${p.name}` : p.name
                  ),
      reviewers,
      preventSelfReview: s.preventSelfReview,
      adminBypass: s.canAdminsBypass,
      waitTimer: s.waitTimer,
      customRules
    }
  }
}

/**
 * docs.github.com/en/rest/deployments/protection-rules: the slugs of the
 * Apps whose enabled rules the environment runs.
 */
async function customRulesOf(
  port: GitHubPort,
  repo: Repo,
  environment: string
): Promise<Maybe<string[]>> {
  return readOr('actions: read', async () => {
    const r = await port.rest(
      'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules',
      { owner: repo.owner, repo: repo.name, environment_name: environment }
    )
    const body = obj(r.data, 'deployment_protection_rules')
    return arr(
      body.custom_deployment_protection_rules,
      'custom_deployment_protection_rules'
    )
      .map((item, i) => obj(item, `custom_deployment_protection_rules[${i}]`))
      .filter((rule) => rule.enabled !== false)
      .map((rule, i) => {
        const app = obj(
          rule.app,
          `custom_deployment_protection_rules[${i}].app`
        )
        return str(
          app.slug,
          `custom_deployment_protection_rules[${i}].app.slug`
        )
      })
  })
}
