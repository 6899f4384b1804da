// A small but complete world for the simulator's own tests.
import { PROTECTIVE_RULES } from '../../test-support/demo/scenarios.js'
import { Simulator } from '../../test-support/sim/index.js'

export function world() {
  const sim = new Simulator({ now: new Date('2025-03-03T10:00:00Z') })
  const alice = sim.user('alice', { name: 'Alice Doe' })
  const bob = sim.user('bob', { name: 'Bob Roe' })
  const carol = sim.user('carol', { emails: [] })
  const sre = sim.team('acme/sre', [bob])
  const repo = sim.repo('acme/app')
  repo
    .collaborator(alice, 'write')
    .collaborator(bob, 'maintain')
    .collaborator(carol, 'read')

  sim.advance('1h')
  const merged = repo.mergedPullRequest({
    author: alice,
    title: 'Add feature',
    commits: [{}, { author: carol }],
    approvals: [bob],
    method: 'merge'
  })
  sim.advance('1h')
  const squashed = repo.mergedPullRequest({
    author: alice,
    title: 'Second feature',
    commits: [{}, { author: bob }],
    approvals: [bob],
    method: 'squash'
  })
  sim.advance('1h')
  repo.branch('wip')
  const open = repo.pullRequest({ head: 'wip', author: carol, title: 'WIP' })
  open.push({ message: 'wip 1' })
  open.review(bob, 'CHANGES_REQUESTED')

  const head = repo.head()
  repo.commitStatus(head, 'success', { context: 'ci/test' })
  repo.checkRun(head, 'build', 'success')
  repo.protectBranch('main', {
    requiredStatusChecks: { strict: true, contexts: ['ci/test'] },
    enforceAdmins: true,
    requiredPullRequestReviews: {
      requiredApprovingReviewCount: 1,
      dismissStaleReviews: true,
      dismissalRestrictions: { users: [bob], teams: [sre] },
      bypassPullRequestAllowances: { users: [bob] }
    },
    restrictions: { users: [bob], teams: [sre] }
  })
  const active = repo.ruleset({
    name: 'main rules',
    rules: PROTECTIVE_RULES,
    bypassActors: [
      { actorId: 5, actorType: 'RepositoryRole', bypassMode: 'always' }
    ]
  })
  const evaluate = repo.ruleset({
    name: 'trial',
    enforcement: 'evaluate',
    include: ['~ALL'],
    rules: [
      {
        type: 'required_status_checks',
        parameters: {
          strict_required_status_checks_policy: false,
          required_status_checks: [{ context: 'ci/test' }]
        }
      }
    ]
  })
  repo.environment('production', {
    reviewers: [bob, sre],
    preventSelfReview: true,
    waitTimer: 10,
    deploymentBranches: { custom: ['main', 'release/*'] },
    canAdminsBypass: false
  })
  const run = repo.workflowRun({ actor: alice, headSha: head })
  run.deploy('staging')
  sim.advance('2h')
  const run2 = repo.workflowRun({ actor: alice, headSha: head })
  run2.approve(bob, 'production', 'ship it')
  const prod = run2.deploy('production')
  return {
    sim,
    repo,
    alice,
    bob,
    carol,
    sre,
    merged,
    squashed,
    open,
    active,
    evaluate,
    run,
    run2,
    prod,
    head
  }
}
