// SPEC §5.2 `promotion`: the deployed commit (or its tree) succeeded in every
// upstream environment, in path order, by a trusted deployer, and soaked.

import { isUnreadable, type DeploymentFact, type Facts } from '../facts.js'
import {
  isRunOfThisRepository as linksToRun,
  qualify,
  type DeploymentContext,
  type Success
} from '../deployments.js'
import type { EnvironmentPolicy, TrustedWorkflow } from '../policy/index.js'
import type { CheckLink, CheckResult } from './types.js'
import { formatDuration, result, shortSha, statusOf, timeOf } from './util.js'

/** One environment of the promotion path and its direct predecessors. */
export interface UpstreamEnvironment {
  name: string
  after: string[]
  /**
   * its own `trusted_workflows`: the workflows whose jobs' records count for
   * it (SPEC §4); undefined: not known, the target's apply
   */
  trustedWorkflows?: TrustedWorkflow[] | null
}

/**
 * The transitive `after` chain of `environment`, earliest first (every
 * environment comes after all of its predecessors), e.g. for production after
 * staging after development: development, staging. Cycles are cut (the policy
 * loader rejects them), unknown names have no predecessors.
 */
export function upstreamChain(
  environments: Readonly<Record<string, EnvironmentPolicy>>,
  environment: string
): UpstreamEnvironment[] {
  const order: UpstreamEnvironment[] = []
  const seen = new Set<string>([environment])
  const visit = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    const after = environments[name]?.after ?? []
    after.forEach(visit)
    order.push({
      name,
      after: [...after],
      trustedWorkflows: environments[name]?.trustedWorkflows ?? null
    })
  }
  ;(environments[environment]?.after ?? []).forEach(visit)
  return order
}

type Upstream =
  | { readable: false; problem: string }
  | { readable: true; successes: Success[]; problems: string[] }

/**
 * `chain` is the transitive upstream, earliest first: either names, read as
 * one straight path (each after the one before it), or `upstreamChain()`'s
 * output, which also handles `after` lists. Direct `after` environments
 * missing from it are checked too.
 *
 * Evaluated as of `now`: deployments and statuses created later are ignored
 * (audit re-evaluates past deployments).
 *
 * Order: there must be one qualifying success per environment such that each
 * is no earlier than the chosen success of every predecessor. Choosing, in
 * path order, the earliest success no earlier than its predecessors' choices
 * finds such a choice whenever one exists.
 *
 * Soak: measured from that chosen success in each direct `after` environment,
 * i.e. the earliest in-order success. Measuring from the most recent one would
 * restart the soak on every redeploy of the same commit.
 */
export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  now: Date,
  chain: ReadonlyArray<string | UpstreamEnvironment> = []
): CheckResult {
  const steps = normalize(chain, policy.after)
  if (steps.length === 0) {
    return result('promotion', 'pass', 'no upstream environment required')
  }
  const nowMs = now.getTime()
  const sha = shortSha(facts.sha)
  const problems: string[] = []
  let failed = false
  let unverified = false
  const chosen = new Map<string, Success>()

  for (const step of steps) {
    const upstream = evaluate(step, facts, policy, nowMs)
    if (!upstream.readable) {
      unverified = true
      problems.push(upstream.problem)
      continue
    }
    if (upstream.successes.length === 0) {
      failed = true
      problems.push(...upstream.problems)
      continue
    }
    let bound = { env: '', at: -Infinity }
    for (const env of step.after) {
      const pred = chosen.get(env)
      if (pred !== undefined && pred.at > bound.at) bound = { env, at: pred.at }
    }
    const min = bound.at
    const pick = upstream.successes.find((s) => s.at >= min)
    if (pick === undefined) {
      failed = true
      const last = Math.max(...upstream.successes.map((s) => s.at))
      problems.push(
        `${bound.env} succeeded after ${step.name}: promotion out of order ` +
          `(${sha} last succeeded in ${step.name} at ${iso(last)}, first in ` +
          `${bound.env} at ${iso(bound.at)}); deploy it to ${step.name} again`
      )
      continue
    }
    chosen.set(step.name, pick)
  }

  const soakMs = policy.soakSeconds * 1000
  for (const env of policy.after) {
    const success = chosen.get(env)
    if (success === undefined) continue
    const age = nowMs - success.at
    if (age < soakMs) {
      failed = true
      problems.push(
        `${env} succeeded ${formatDuration(Math.floor(age / 1000))} ago; ` +
          `${policy.name} needs ${formatDuration(policy.soakSeconds)} soak ` +
          `(${formatDuration(Math.ceil((soakMs - age) / 1000))} to go)`
      )
    }
  }

  const links = [...chosen.entries()].map(([env, s]) => link(facts, env, s))
  const path = steps.map((s) => s.name).join(' → ')
  const status = statusOf(failed, unverified)
  const soak =
    policy.soakSeconds > 0
      ? ` and soaked ${formatDuration(policy.soakSeconds)}`
      : ''
  const summary =
    status === 'pass'
      ? `${sha} was promoted through ${path}${soak}`
      : status === 'fail'
        ? `${sha} did not come through ${path} as ${policy.name} requires`
        : `could not verify that ${sha} came through ${path}`
  return result('promotion', status, summary, problems, links)
}

function normalize(
  chain: ReadonlyArray<string | UpstreamEnvironment>,
  direct: readonly string[]
): UpstreamEnvironment[] {
  const steps: UpstreamEnvironment[] = []
  for (const item of chain) {
    if (typeof item === 'string') {
      const previous = steps[steps.length - 1]
      steps.push({ name: item, after: previous ? [previous.name] : [] })
    } else {
      steps.push({ ...item, after: [...item.after] })
    }
  }
  for (const name of direct) {
    if (!steps.some((s) => s.name === name)) steps.push({ name, after: [] })
  }
  return steps
}

function evaluate(
  step: UpstreamEnvironment,
  facts: Facts,
  policy: EnvironmentPolicy,
  nowMs: number
): Upstream {
  const env = step.name
  const deployments = facts.upstream[env]
  if (deployments === undefined) {
    return {
      readable: false,
      problem: `the deployments of ${env} were not gathered, so the promotion path cannot be verified`
    }
  }
  if (isUnreadable(deployments)) {
    return {
      readable: false,
      problem: `cannot read the deployments of ${env}: grant the token \`${deployments.permission}\` (GitHub said: ${deployments.detail})`
    }
  }
  const sha = shortSha(facts.sha)
  const candidates = deployments.filter(
    (d) => isSameChange(d, facts, policy) && timeOf(d.createdAt) <= nowMs
  )
  if (candidates.length === 0) {
    const what =
      policy.match === 'tree'
        ? `neither ${sha} nor a commit with its tree (${shortSha(facts.commit.treeOid)}) was ever`
        : `${sha} was never`
    return {
      readable: true,
      successes: [],
      problems: [
        `${what} deployed successfully to ${env}: deploy it to ${env} before ${policy.name}`
      ]
    }
  }
  const successes: Success[] = []
  const problems: string[] = []
  for (const deployment of candidates) {
    const outcome = qualify(
      deployment,
      env,
      {
        ...deploymentContext(facts, policy),
        trustedWorkflows:
          step.trustedWorkflows === undefined
            ? policy.trustedWorkflows
            : step.trustedWorkflows
      },
      nowMs
    )
    if (typeof outcome === 'string') problems.push(outcome)
    else successes.push(outcome)
  }
  successes.sort((a, b) => a.at - b.at)
  return { readable: true, successes, problems }
}

function isSameChange(
  d: DeploymentFact,
  facts: Facts,
  policy: EnvironmentPolicy
): boolean {
  if (d.sha === facts.sha) return true
  return (
    policy.match === 'tree' &&
    d.treeOid !== null &&
    d.treeOid === facts.commit.treeOid
  )
}

/**
 * `<serverUrl>/<owner>/<repo>/actions/runs/<id>` of this repository; see
 * deployments.ts.
 */
export function isRunOfThisRepository(
  url: string | null,
  facts: Facts
): boolean {
  return linksToRun(url, {
    owner: facts.repository.owner,
    repo: facts.repository.name,
    serverUrl: facts.serverUrl
  })
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

function link(facts: Facts, env: string, s: Success): CheckLink {
  const { owner, name } = facts.repository
  const url =
    s.status.logUrl ??
    `${facts.serverUrl.replace(/\/+$/, '')}/${owner}/${name}/deployments/${encodeURIComponent(env)}`
  return {
    kind: 'deployment',
    url,
    label: `deployment #${s.deployment.id} to ${env} (success at ${s.status.createdAt})`
  }
}

function deploymentContext(
  facts: Facts,
  policy: EnvironmentPolicy
): DeploymentContext {
  return {
    owner: facts.repository.owner,
    repo: facts.repository.name,
    serverUrl: facts.serverUrl,
    sha: facts.sha,
    trustedDeployers: policy.trustedDeployers,
    trustedWorkflows: policy.trustedWorkflows,
    ...(facts.jobs === undefined ? {} : { jobs: facts.jobs })
  }
}
