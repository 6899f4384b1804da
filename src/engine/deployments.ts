// What makes a deployment record evidence (SPEC §4 trusted_deployers, §5.2).
// Shared by the promotion check and by gathering, which needs the previous
// successful deployment to know where the range of changes starts.

import { bindingProblem, type JobBindingContext } from './deployments-bound.js'
import type { DeploymentFact, DeploymentStatusFact } from './facts.js'

export { isRunOfThisRepository } from './deployments-bound.js'

export interface DeploymentContext extends JobBindingContext {
  /** the commit being deployed, for messages */
  sha: string
  trustedDeployers: string[]
}

export interface Success {
  deployment: DeploymentFact
  status: DeploymentStatusFact
  at: number
}

const GITHUB_ACTIONS = 'github-actions[bot]'

const short = (sha: string): string => sha.slice(0, 7)
const sameLogin = (a: string, b: string): boolean =>
  a.toLowerCase() === b.toLowerCase()

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`
}

/**
 * The success a deployment counts for, or why it does not count, as of
 * `nowMs` (statuses created later are ignored). It counts when made by a
 * trusted deployer, it reached `success`, and it was not later marked
 * `failure` or `error` (a later `inactive` only means it was superseded). A
 * record made by github-actions[bot] counts only when GitHub made it for the
 * job its success links to (deployments-bound.ts): any workflow token can
 * create one by hand.
 */
export function qualify(
  d: DeploymentFact,
  env: string,
  ctx: DeploymentContext,
  nowMs: number
): Success | string {
  const name = `the deployment #${d.id} of ${short(d.sha)} to ${env}`
  const again = `deploy ${short(ctx.sha)} to ${env} again`
  const trusted = orList(ctx.trustedDeployers)
  if (d.creator === null) {
    return `${name} was created by a deleted account, not a trusted deployer (${trusted}): ${again} through the deployment workflow`
  }
  const creator = d.creator.login
  if (!ctx.trustedDeployers.some((t) => sameLogin(t, creator))) {
    return `${name} was created by ${creator}, not a trusted deployer (${trusted}): a record anyone can create by hand proves nothing; ${again} through the deployment workflow`
  }
  // A status whose time cannot be read counts as already given: ignoring it
  // could hide a failure.
  const statuses = d.statuses.filter((s) => {
    const t = Date.parse(s.createdAt)
    return Number.isNaN(t) || t <= nowMs
  })
  const index = statuses.findIndex((s) => s.state === 'success')
  const success = statuses[index]
  if (success === undefined) {
    const last = statuses[statuses.length - 1]
    const state = last === undefined ? 'no status' : `last state: ${last.state}`
    return `${name} never reached success (${state}): ${again}`
  }
  // A failure stamped the same instant as the success counts as later: the
  // order of equal timestamps is not evidence enough to allow.
  const at = Date.parse(success.createdAt)
  const failure = statuses.find(
    (s, i) =>
      (s.state === 'failure' || s.state === 'error') &&
      (i > index || Date.parse(s.createdAt) >= at)
  )
  if (failure !== undefined) {
    return `${name} succeeded at ${success.createdAt} then was marked ${failure.state} at ${failure.createdAt}: ${again}`
  }
  if (sameLogin(creator, GITHUB_ACTIONS)) {
    const problem = bindingProblem({
      deployment: d,
      success,
      ctx,
      name,
      again
    })
    if (problem !== null) return problem
  }
  return { deployment: d, status: success, at }
}

/** Sha of the newest deployment in the list that counts as a success. */
export function previousSuccess(
  list: readonly DeploymentFact[],
  env: string,
  ctx: DeploymentContext,
  nowMs: number
): string | null {
  let newest: Success | null = null
  for (const d of list) {
    const s = qualify(d, env, ctx, nowMs)
    if (typeof s !== 'string' && (newest === null || s.at > newest.at))
      newest = s
  }
  return newest?.deployment.sha ?? null
}
