import { describe, expect, it } from '@jest/globals'
import {
  Simulator,
  blobOid,
  buildTree,
  coAuthors,
  commitOid,
  durationMs,
  fnmatch,
  isAncestor,
  pullCommits
} from '../../test-support/sim/index.js'

describe('git objects', () => {
  // values from `git hash-object` / `git commit` on the same content
  it('hashes blobs, trees and commits as git does', () => {
    expect(blobOid('hello')).toBe('b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0')
    const tree = buildTree(
      new Map([
        ['a/b/x.txt', 'hello'],
        ['README.md', 'top']
      ])
    )
    expect(tree.root).toBe('3db93f0c4eaf201bea19ce14a6ec8659da88e39b')
    const sig = {
      name: 'Alice',
      email: 'alice@example.com',
      date: new Date(1700000000 * 1000)
    }
    expect(
      commitOid({
        tree: tree.root,
        parents: [],
        author: sig,
        committer: sig,
        message: 'init\n'
      })
    ).toBe('c282c25ed15401e61460cda59bb8d30fe9ec4ace')
  })

  it('identical content gives identical trees', () => {
    const sim = new Simulator()
    const repo = sim.repo('t/t')
    const a = repo.commit({
      branch: 'main',
      files: { 'x.txt': '1' },
      message: 'a'
    })
    repo.branch('other', a.parents[0] ?? '')
    const b = repo.commit({
      branch: 'other',
      files: { 'x.txt': '1' },
      message: 'b'
    })
    expect(a.oid).not.toBe(b.oid)
    expect(a.tree).toBe(b.tree)
  })

  it('parses Co-authored-by trailers', () => {
    expect(
      coAuthors(
        'Fix\n\nbody\n\nCo-authored-by: A B <a@x.io>\nco-authored-by: C <c@x.io>'
      )
    ).toEqual([
      { name: 'A B', email: 'a@x.io' },
      { name: 'C', email: 'c@x.io' }
    ])
    expect(coAuthors('Co-authored-by: only a subject <a@x.io>')).toEqual([])
  })

  it('fnmatch as GitHub patterns use it', () => {
    expect(fnmatch('refs/heads/release/*', 'refs/heads/release/1.0')).toBe(true)
    expect(fnmatch('refs/heads/release/*', 'refs/heads/release/1/hot')).toBe(
      false
    )
    expect(fnmatch('refs/heads/release/**/*', 'refs/heads/release/1/hot')).toBe(
      true
    )
    expect(fnmatch('refs/heads/**', 'refs/heads/a/b')).toBe(true)
    expect(fnmatch('v[0-9]*', 'v1.2')).toBe(true)
    expect(fnmatch('main', 'main-2')).toBe(false)
  })
})

describe('builder', () => {
  it('clock: settable and advanced by durations', () => {
    const sim = new Simulator({ now: new Date('2025-01-01T00:00:00Z') })
    sim.advance('1h30m')
    expect(sim.now.toISOString()).toBe('2025-01-01T01:30:00.000Z')
    sim.now = new Date('2025-02-01T00:00:00Z')
    const repo = sim.repo('t/t')
    expect(repo.getCommit(repo.head()).author.date.toISOString()).toBe(
      '2025-02-01T00:00:00.000Z'
    )
    expect(durationMs('2d')).toBe(172_800_000)
    expect(() => durationMs('soon')).toThrow()
  })

  it('maps emails to accounts, noreply forms included', () => {
    const sim = new Simulator()
    const u = sim.user('octo', { emails: ['octo@corp.example'] })
    expect(sim.userByEmail('OCTO@corp.example')).toBe(u)
    expect(sim.userByEmail(`${u.id}+octo@users.noreply.github.com`)).toBe(u)
    expect(sim.userByEmail('octo@users.noreply.github.com')).toBe(u)
    expect(
      sim.userByEmail('41898282+github-actions[bot]@users.noreply.github.com')
    ).toBe(sim.githubActions)
    expect(sim.userByEmail('noreply@github.com')).toBe(sim.webFlow)
    expect(sim.userByEmail('nobody@example.com')).toBeNull()
    sim.deleteUser(u)
    expect(sim.userByEmail('octo@corp.example')).toBeNull()
    expect(sim.githubActions.login).toBe('github-actions[bot]')
    expect(sim.dependabot.type).toBe('Bot')
  })

  it('push is fast-forward only; forcePush rewrites and is logged', () => {
    const sim = new Simulator()
    const repo = sim.repo('t/t')
    const base = repo.head()
    const a = repo.commit({ branch: 'main' })
    const side = repo.commit({ parents: [base], message: 'side' })
    expect(() => repo.push('main', side.oid)).toThrow(/fast-forward/)
    repo.forcePush('main', side.oid)
    expect(repo.head()).toBe(side.oid)
    const last = repo.data.pushes[repo.data.pushes.length - 1]
    expect(last).toMatchObject({ before: a.oid, after: side.oid, forced: true })
  })

  it('merge: a two-parent merge commit by the merger, committed by web-flow', () => {
    const sim = new Simulator()
    const [alice, bob] = [sim.user('alice'), sim.user('bob')]
    const repo = sim.repo('t/t')
    const pr = repo.mergedPullRequest({
      author: alice,
      approvals: [bob],
      method: 'merge',
      title: 'T'
    })
    const c = repo.getCommit(pr.data.mergeCommit ?? '')
    expect(c.parents).toHaveLength(2)
    expect(c.parents[1]).toBe(pr.headOid)
    expect(c.author.email).toBe('bob@example.com')
    expect(c.committer).toMatchObject({
      name: 'GitHub',
      email: 'noreply@github.com'
    })
    expect(c.message).toBe(
      `Merge pull request #${pr.number} from t/${pr.data.head}\n\nT`
    )
    expect(pr.data).toMatchObject({
      merged: true,
      state: 'closed',
      mergedBy: bob,
      mergeMethod: 'merge'
    })
    expect(isAncestor(repo.data, pr.headOid, repo.head())).toBe(true)
  })

  it('squash: one commit with Co-authored-by for the other authors', () => {
    const sim = new Simulator()
    const [alice, bob, carol] = [
      sim.user('alice'),
      sim.user('bob'),
      sim.user('carol')
    ]
    const repo = sim.repo('t/t')
    const pr = repo.mergedPullRequest({
      author: alice,
      title: 'Feature',
      commits: [
        { message: 'one' },
        { author: bob, message: 'two' },
        { message: 'three', coAuthors: [carol] }
      ],
      approvals: [bob],
      method: 'squash'
    })
    const c = repo.getCommit(repo.head())
    expect(c.parents).toEqual([pr.data.baseOidAtMerge])
    expect(c.author.email).toBe('alice@example.com')
    expect(c.message).toBe(
      `Feature (#${pr.number})\n\n* one\n\n* two\n\n* three\n\nCo-authored-by: bob <bob@example.com>\nCo-authored-by: carol <carol@example.com>`
    )
    expect(isAncestor(repo.data, pr.headOid, repo.head())).toBe(false)
    expect(c.tree).toBe(repo.getCommit(pr.headOid).tree)
    expect(pullCommits(repo.data, pr.data)).toHaveLength(3)
  })

  it('rebase: copies each commit, author kept, committed by web-flow', () => {
    const sim = new Simulator()
    const [alice, bob] = [sim.user('alice'), sim.user('bob')]
    const repo = sim.repo('t/t')
    repo.branch('topic')
    repo.commits(2, { branch: 'topic', author: alice })
    repo.commit({ branch: 'main', author: bob, files: { 'other.txt': 'x' } })
    const pr = repo.pullRequest({ head: 'topic', author: alice })
    pr.approve(bob)
    pr.merge({ by: bob, method: 'rebase' })
    const copies = pr.data.landedCommits.map((o) => repo.getCommit(o))
    expect(copies).toHaveLength(2)
    expect(copies.map((c) => c.author.email)).toEqual([
      'alice@example.com',
      'alice@example.com'
    ])
    expect(
      copies.every((c) => c.committer.email === 'noreply@github.com')
    ).toBe(true)
    expect(repo.head()).toBe(copies[1]?.oid)
    expect(repo.getCommit(repo.head()).files.get('other.txt')).toBe('x')
  })

  it('pull request head history and reviews bound to the head', () => {
    const sim = new Simulator()
    const [alice, bob] = [sim.user('alice'), sim.user('bob')]
    const repo = sim.repo('t/t')
    repo.branch('f')
    repo.commit({ branch: 'f', author: alice })
    const pr = repo.pullRequest({ head: 'f', author: alice })
    const r1 = pr.approve(bob)
    sim.advance('5m')
    pr.push({ message: 'after review' })
    expect(pr.data.headHistory).toHaveLength(2)
    expect(r1.commitId).toBe(pr.data.headHistory[0]?.oid)
    expect(pr.approve(bob).commitId).toBe(pr.headOid)
  })

  it('deployment statuses: auto-inactive as documented', () => {
    const sim = new Simulator()
    const repo = sim.repo('t/t')
    const a = repo.deploy({ environment: 'staging' })
    a.status('success')
    const t = repo.deploy({
      environment: 'staging',
      transientEnvironment: true
    })
    t.status('success')
    const b = repo.deploy({ environment: 'staging' })
    b.status('success')
    expect(a.data.statuses.map((s) => s.state)).toEqual(['success', 'inactive'])
    expect(t.data.statuses.map((s) => s.state)).toEqual(['success'])
    // production_environment deployments (API default for `production`) are skipped
    const p1 = repo.deploy({ environment: 'production' })
    p1.status('success')
    repo.deploy({ environment: 'production' }).status('success')
    expect(p1.data.statuses.map((s) => s.state)).toEqual(['success'])
    // ...but jobs with `environment:` are not production_environment
    const run = repo.workflowRun({ actor: sim.user('u') })
    const j1 = run.deploy('production')
    run.deploy('production')
    expect(j1.data.statuses.map((s) => s.state)).toEqual([
      'in_progress',
      'success',
      'inactive'
    ])
    expect(j1.data.creator).toBe(sim.githubActions)
  })

  it('a deployment creates a missing environment with no rules', () => {
    const sim = new Simulator()
    const repo = sim.repo('t/t')
    repo.deploy({ environment: 'Prod-EU' })
    const env = repo.data.environments.find((e) => e.name === 'Prod-EU')
    expect(env).toMatchObject({
      reviewers: [],
      waitTimer: 0,
      deploymentBranchPolicy: null
    })
  })

  it('rulesets: conditions, enforcement, ~DEFAULT_BRANCH and ~ALL', () => {
    const sim = new Simulator()
    const repo = sim.repo('t/t', { defaultBranch: 'trunk' })
    repo.ruleset({ rules: [{ type: 'deletion' }] })
    repo.ruleset({
      include: ['refs/heads/release/*'],
      exclude: ['refs/heads/release/old'],
      rules: [{ type: 'non_fast_forward' }]
    })
    repo.ruleset({
      enforcement: 'evaluate',
      include: ['~ALL'],
      rules: [{ type: 'creation' }]
    })
    repo.ruleset({
      enforcement: 'disabled',
      include: ['~ALL'],
      rules: [{ type: 'update' }]
    })
    expect(repo.rulesFor('trunk').map((r) => r.rule.type)).toEqual(['deletion'])
    expect(repo.rulesFor('release/1').map((r) => r.rule.type)).toEqual([
      'non_fast_forward'
    ])
    expect(repo.rulesFor('release/old')).toEqual([])
  })

  it('tokens: permissions, GITHUB_TOKEN never administration', () => {
    const sim = new Simulator()
    const t = sim.token({ contents: 'read' })
    expect(sim.tokens.get(t)?.permissions).toMatchObject({
      metadata: 'read',
      contents: 'read',
      deployments: 'none'
    })
    expect(() => sim.workflowToken({ administration: 'read' })).toThrow()
    expect(sim.tokens.get(sim.adminToken())?.permissions.administration).toBe(
      'write'
    )
  })
})
