// The GitHub environment's own settings, read through the environments API.
// GraphQL's `Environment` lacks the deployment branch policy and the admin
// bypass, so this is REST: the environment and, asked alongside rather than
// after (SPEC §9: a typical decision in one round trip), the first page of
// its custom branch patterns, used only when the environment says it has
// them. The price: one REST request spent in vain on an environment without
// custom patterns.

import { GitHubApiError } from '../errors.js'
import type {
  EnvironmentFact,
  EnvironmentReviewerFact,
  EnvironmentSettingsFact,
  Unreadable
} from '../facts.js'
import type { GitHubPort } from '../port.js'
import { branchPoliciesAsk, environmentAsk } from './first-asks.js'
import { arr, bool, num, obj, optObj, optStr, str, type Json } from './shape.js'

/** Reading environments takes `actions: read` for GitHub App and workflow tokens. */
export const ENVIRONMENT_PERMISSION = 'actions: read'

const unreadable = (detail: string): Unreadable => ({
  unreadable: true,
  permission: ENVIRONMENT_PERMISSION,
  detail
})

/** docs.github.com/en/rest/deployments/environments#get-an-environment */
export async function readEnvironment(
  port: GitHubPort,
  repo: { owner: string; name: string; url: string },
  name: string
): Promise<EnvironmentFact> {
  const listUrl = `${repo.url}/settings/environments`
  // Settled now, so an answer nobody waits for is no unhandled rejection.
  const firstPolicies = branchPoliciesPage(port, repo, name, 1).then(
    (page) => ({ page }),
    (error: unknown) => ({ error })
  )
  let data: Json
  try {
    const ask = environmentAsk(repo, name)
    const r = await port.rest(ask.route, ask.params)
    data = obj(r.data, `environments/${name}`)
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) {
      return { exists: false, name, settingsUrl: listUrl }
    }
    if (error instanceof GitHubApiError && error.status === 403) {
      return unreadable(error.message)
    }
    throw error
  }
  const settings = parseEnvironment(data, `environments/${name}`, listUrl)
  if (settings.deploymentBranchPolicy?.customBranchPolicies === true) {
    settings.branchPolicies = await readBranchPolicies(
      port,
      repo,
      name,
      await firstPolicies
    )
  }
  return { exists: true, settings }
}

export function parseEnvironment(
  e: Json,
  path: string,
  listUrl: string
): EnvironmentSettingsFact {
  const id = num(e.id, `${path}.id`)
  const policy = optObj(
    e.deployment_branch_policy,
    `${path}.deployment_branch_policy`
  )
  const settings: EnvironmentSettingsFact = {
    name: str(e.name, `${path}.name`),
    settingsUrl: `${listUrl}/${id}/edit`,
    deploymentBranchPolicy:
      policy === null
        ? null
        : {
            protectedBranches: bool(
              policy.protected_branches,
              `${path}.deployment_branch_policy.protected_branches`
            ),
            customBranchPolicies: bool(
              policy.custom_branch_policies,
              `${path}.deployment_branch_policy.custom_branch_policies`
            )
          },
    branchPolicies: null,
    reviewers: [],
    preventSelfReview: false,
    // GitHub returns `can_admins_bypass`, but its OpenAPI description does
    // not promise it: when absent, administrators are taken to be able to
    // bypass, GitHub's default for a new environment.
    canAdminsBypass:
      typeof e.can_admins_bypass === 'boolean' ? e.can_admins_bypass : null,
    waitTimer: 0,
    classicProtection: null
  }
  const rules =
    e.protection_rules === undefined
      ? []
      : arr(e.protection_rules, `${path}.protection_rules`)
  rules.forEach((value, i) => {
    const rule = obj(value, `${path}.protection_rules[${i}]`)
    const at = `${path}.protection_rules[${i}]`
    switch (rule.type) {
      case 'required_reviewers':
        settings.preventSelfReview = rule.prevent_self_review === true
        settings.reviewers = (
          rule.reviewers === undefined
            ? []
            : arr(rule.reviewers, `${at}.reviewers`)
        ).map((r, j) =>
          parseReviewer(
            obj(r, `${at}.reviewers[${j}]`),
            `${at}.reviewers[${j}]`
          )
        )
        break
      case 'wait_timer':
        settings.waitTimer = num(rule.wait_timer, `${at}.wait_timer`)
        break
      default:
        // branch_policy mirrors deployment_branch_policy; others are unknown
        // to this version and change nothing the check relies on.
        break
    }
  })
  return settings
}

function parseReviewer(r: Json, path: string): EnvironmentReviewerFact {
  const who = obj(r.reviewer, `${path}.reviewer`)
  if (r.type === 'Team') {
    const slug = str(who.slug, `${path}.reviewer.slug`)
    // A team's html_url is https://github.com/orgs/{org}/teams/{slug}.
    const org = /\/orgs\/([^/]+)\/teams\//.exec(
      optStr(who.html_url, `${path}.reviewer.html_url`) ?? ''
    )?.[1]
    return { type: 'Team', name: org === undefined ? slug : `${org}/${slug}` }
  }
  return { type: 'User', name: str(who.login, `${path}.reviewer.login`) }
}

/** A page of the environment's custom branch patterns. */
async function branchPoliciesPage(
  port: GitHubPort,
  repo: { owner: string; name: string },
  name: string,
  page: number
): Promise<Json> {
  const ask = branchPoliciesAsk(repo, name, page)
  const r = await port.rest(ask.route, ask.params)
  return obj(r.data, 'deployment-branch-policies')
}

/** Every custom branch pattern, from the first page already asked. */
async function readBranchPolicies(
  port: GitHubPort,
  repo: { owner: string; name: string },
  name: string,
  first: { page: Json } | { error: unknown }
): Promise<EnvironmentSettingsFact['branchPolicies']> {
  const out: { name: string; type: 'branch' | 'tag' }[] = []
  for (let page = 1; page <= 10; page++) {
    let data: Json
    try {
      if (page > 1) data = await branchPoliciesPage(port, repo, name, page)
      else if ('page' in first) data = first.page
      else throw first.error
    } catch (error) {
      if (
        error instanceof GitHubApiError &&
        (error.status === 403 || error.status === 404)
      ) {
        return unreadable(error.message)
      }
      throw error
    }
    const items = arr(
      data.branch_policies,
      'deployment-branch-policies.branch_policies'
    )
    items.forEach((value, i) => {
      const p = obj(value, `branch_policies[${i}]`)
      out.push({
        name: str(p.name, `branch_policies[${i}].name`),
        // `type` came later; older answers mean branches.
        type: p.type === 'tag' ? 'tag' : 'branch'
      })
    })
    const total = num(
      data.total_count,
      'deployment-branch-policies.total_count'
    )
    if (out.length >= total || items.length === 0) {
      if (out.length < total) {
        throw new GitHubApiError(
          `GitHub listed ${out.length} of the ${total} deployment branch policies of ${name}`
        )
      }
      return out
    }
  }
  throw new GitHubApiError(
    `environment ${name} has more than 1000 deployment branch policies; the gate stops reading there`
  )
}
