// What every decision asks first, before the policy is known: the bootstrap
// query and the environment's settings with the first page of its branch
// patterns. Built here once, for the bootstrap itself and for an adapter
// that sends them before the rest of the engine has loaded (SPEC §9: the
// first request under 100 ms of the start).

import type { EngineRequest } from '../request.js'
import { policyExpression } from './policy-file.js'
import { BOOTSTRAP_QUERY } from './queries.js'

/** docs.github.com/en/rest/deployments/environments#get-an-environment */
const ENVIRONMENT_ROUTE =
  'GET /repos/{owner}/{repo}/environments/{environment_name}'
/** docs.github.com/en/rest/deployments/branch-policies#list-deployment-branch-policies */
const BRANCH_POLICIES_ROUTE =
  'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies'

export interface RestAsk {
  route: string
  params: Record<string, string | number>
}

export interface FirstAsks {
  graphql: { query: string; variables: Record<string, unknown> }
  rest: RestAsk[]
}

export function branchPoliciesAsk(
  repo: { owner: string; name: string },
  environment: string,
  page: number
): RestAsk {
  return {
    route: BRANCH_POLICIES_ROUTE,
    params: {
      owner: repo.owner,
      repo: repo.name,
      environment_name: environment,
      per_page: 100,
      page
    }
  }
}

export function environmentAsk(
  repo: { owner: string; name: string },
  environment: string
): RestAsk {
  return {
    route: ENVIRONMENT_ROUTE,
    params: {
      owner: repo.owner,
      repo: repo.name,
      environment_name: environment
    }
  }
}

export function firstAsks(
  req: Pick<
    EngineRequest,
    'owner' | 'repo' | 'sha' | 'environment' | 'policyPath' | 'policyRef'
  >
): FirstAsks {
  const repo = { owner: req.owner, name: req.repo }
  return {
    graphql: {
      query: BOOTSTRAP_QUERY,
      variables: {
        owner: req.owner,
        name: req.repo,
        sha: req.sha,
        head: req.sha,
        environment: req.environment,
        policyExpression: policyExpression(req),
        policyPath: req.policyPath
      }
    },
    rest: [
      environmentAsk(repo, req.environment),
      branchPoliciesAsk(repo, req.environment, 1)
    ]
  }
}
