// What makes a deployment record evidence (SPEC §4 trusted_deployers, §5.2).
// Shared by the promotion check and by gathering, which needs the previous
// successful deployment to know where the range of changes starts.

import type { DeploymentFact, DeploymentStatusFact } from './facts.js'

export interface DeploymentContext {
  owner: string
  repo: string
  /** web UI base, e.g. https://github.com */
  serverUrl: string
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
 * record made by github-actions[bot] counts only when its success links to a
 * workflow run of this repository: any workflow token can create one by hand.
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
  if (
    sameLogin(creator, GITHUB_ACTIONS) &&
    !isRunOfThisRepository(success.logUrl, ctx)
  ) {
    const url = success.logUrl === null ? 'no log url' : success.logUrl
    return `${name} by ${creator} links to no workflow run of this repository (${url}): ${again} from a workflow of ${ctx.owner}/${ctx.repo}`
  }
  return { deployment: d, status: success, at }
}

/**
 * `<serverUrl>/<owner>/<repo>/actions/runs/<id>`, optionally followed by
 * `/job/<id>` or `/attempts/<n>`, a slash, a query or a fragment. Host and
 * owner/repo compare case-insensitively, as GitHub treats them.
 */
export function isRunOfThisRepository(
  url: string | null,
  ctx: Pick<DeploymentContext, 'owner' | 'repo' | 'serverUrl'>
): boolean {
  if (url === null) return false
  const base = escape(ctx.serverUrl.replace(/\/+$/, ''))
  const repo = `${escape(ctx.owner)}/${escape(ctx.repo)}`
  const pattern = new RegExp(
    `^${base}/${repo}/actions/runs/\\d+(?:/job/\\d+|/attempts/\\d+)?/?(?:[?#].*)?$`,
    'i'
  )
  return pattern.test(url)
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
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
