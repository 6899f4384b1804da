// SPEC §5.7 `segregation` (when `deployer_independent`): nobody who deploys
// made any of the changes in it, whatever `approvals.independent_of` says.
// The deployers of a run are who started it (`github.actor`) and who started
// its current attempt (`github.triggering_actor`): a re-run keeps the first
// trigger's privileges, so a maker who dispatches and lets someone else
// click "Re-run" still deploys their own change.

import type { Facts } from '../facts.js'
import type { EnvironmentPolicy, MakerKind } from '../policy/index.js'
import { deployersOf, describeMaker, makersOf } from './makers.js'
import type { CheckLink, CheckResult } from './types.js'
import { andList, loginKey, result, sameLogin, shortSha } from './util.js'

const MAKING: readonly MakerKind[] = [
  'author',
  'commit_authors',
  'committers',
  'co_authors'
]

export function check(
  facts: Facts,
  policy: EnvironmentPolicy,
  _now: Date
): CheckResult {
  if (!policy.deployerIndependent) {
    return result(
      'segregation',
      'skipped',
      `the deployer of ${policy.name} need not be independent (deployer_independent: false)`
    )
  }
  const deployers = deployersOf(facts)
  if (deployers.length === 0) {
    return result('segregation', 'error', 'the deployer is unknown', [
      `the deployer is unknown, so their independence from the changes cannot be verified: run the gate from the deployment's workflow run, or pass the deployment event`
    ])
  }
  const problems: string[] = []
  const links: CheckLink[] = []
  const seen = new Set<number>()
  const guilty = new Set<string>()
  for (const change of facts.changes) {
    const pr = change.pullRequest
    if (pr !== null && seen.has(pr.number)) continue
    if (pr !== null) seen.add(pr.number)
    const makers = makersOf(change, facts, policy, MAKING).makers
    const sha = shortSha(change.commit.oid)
    const what = pr === null ? `the direct push ${sha}` : `PR #${pr.number}`
    let linked = false
    for (const deployer of deployers) {
      const maker = makers.get(loginKey(deployer))
      if (maker === undefined) continue
      guilty.add(deployer)
      const { did, fix } = roleIn(deployer, facts, policy.name)
      problems.push(
        `${deployer} ${did} ${what} but is ${describeMaker(maker)}: ${fix}`
      )
      if (linked) continue
      linked = true
      links.push(
        pr === null
          ? { kind: 'commit', url: change.commit.url, label: `commit ${sha}` }
          : { kind: 'pull_request', url: pr.url, label: `PR #${pr.number}` }
      )
    }
  }
  if (problems.length > 0) {
    return result(
      'segregation',
      'fail',
      `${andList([...guilty])} deployed changes they made`,
      problems,
      links
    )
  }
  return result(
    'segregation',
    'pass',
    `${andList(deployers)} made none of the changes in scope`
  )
}

/**
 * What a deployer did and what to do instead. The one who started a run
 * that someone else re-ran still deploys: a new run is the way out. A push
 * deploys as whoever pushed or merged, so the fix is another run, and next
 * time a merge by someone who made none of the changes.
 */
function roleIn(
  login: string,
  facts: Facts,
  env: string
): { did: string; fix: string } {
  const { actor, triggeringActor } = facts.run
  const rerun =
    actor !== null &&
    triggeringActor !== null &&
    !sameLogin(actor, triggeringActor)
  const fix = `ask someone who made none of the changes to deploy to ${env}`
  if (rerun && sameLogin(login, actor)) {
    return {
      did: `started the run (github.actor) that ${triggeringActor} re-ran to deploy`,
      fix: `a re-run keeps the privileges of whoever started the run, so someone who made none of the changes must start a new run to deploy to ${env}`
    }
  }
  if (rerun && sameLogin(login, triggeringActor)) {
    return { did: 're-ran the run that deploys', fix }
  }
  if (facts.run.event === 'push') {
    // github.actor of a push is who pushed, or who merged the pull request
    return {
      did: 'merged or pushed, and so deployed,',
      fix: `a push deploys as whoever merged or pushed it, and a re-run still does: someone who made none of the changes must start a new run to deploy to ${env} (for example with workflow_dispatch); next time, let the reviewer merge`
    }
  }
  return { did: 'deployed', fix }
}
