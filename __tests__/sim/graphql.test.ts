/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are walked dynamically */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  Simulator,
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/index.js'
import { world } from './fixture.js'

let w: ReturnType<typeof world>
let server: SimulatorServer
let token: string

beforeAll(async () => {
  w = world()
  server = await startSimulator(w.sim)
  token = w.sim.adminToken()
})

afterAll(async () => {
  await server.close()
})

interface GqlResult {
  data?: Record<string, any> | null
  errors?: { type?: string; message: string; path?: unknown[] }[]
}

async function gql(
  query: string,
  variables: Record<string, unknown> = {},
  o: { token?: string; url?: string } = {}
): Promise<GqlResult> {
  const res = await fetch(o.url ?? server.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `bearer ${o.token ?? token}` },
    body: JSON.stringify({ query, variables })
  })
  expect(res.status).toBe(200)
  return (await res.json()) as GqlResult
}

describe('GraphQL against the real schema', () => {
  it('repository basics, default branch, object expressions', async () => {
    const r = await gql(`{
      repository(owner: "acme", name: "app") {
        id databaseId name nameWithOwner owner { login } url
        defaultBranchRef { name prefix target { oid ... on Commit { tree { oid } } } }
        readme: object(expression: "HEAD:README.md") { ... on Blob { oid text byteSize isBinary isTruncated } }
        onMain: object(expression: "main:README.md") { ... on Blob { oid } }
        missing: object(expression: "main:nope.txt") { oid }
      }
    }`)
    expect(r.errors).toBeUndefined()
    const repo = r.data?.repository
    expect(repo.nameWithOwner).toBe('acme/app')
    expect(repo.owner.login).toBe('acme')
    expect(repo.defaultBranchRef.target.oid).toBe(w.repo.head())
    expect(repo.readme).toEqual({
      oid: 'e2bd1550b11947a1bcbec6a139dc428f93a47d33',
      text: '# app\n',
      byteSize: 6,
      isBinary: false,
      isTruncated: false
    })
    expect(repo.onMain.oid).toBe(repo.readme.oid)
    expect(repo.missing).toBeNull()
  })

  it('object by oid: commits and blobs', async () => {
    const r = await gql(
      `query($c: GitObjectID!, $b: GitObjectID!) {
      repository(owner: "acme", name: "app") {
        c: object(oid: $c) { __typename oid }
        b: object(oid: $b) { __typename ... on Blob { text } }
      }
    }`,
      { c: w.head, b: 'e2bd1550b11947a1bcbec6a139dc428f93a47d33' }
    )
    expect(r.data?.repository.c).toEqual({ __typename: 'Commit', oid: w.head })
    expect(r.data?.repository.b).toEqual({
      __typename: 'Blob',
      text: '# app\n'
    })
  })

  it('NOT_FOUND for a missing repository, as GitHub words it', async () => {
    const r = await gql(`{ repository(owner: "acme", name: "nope") { id } }`)
    expect(r.data).toEqual({ repository: null })
    expect(r.errors?.[0]).toMatchObject({
      type: 'NOT_FOUND',
      path: ['repository'],
      message: "Could not resolve to a Repository with the name 'acme/nope'."
    })
  })

  it('pull request with commits, reviews, merge commit', async () => {
    const r = await gql(
      `query($n: Int!) {
      repository(owner: "acme", name: "app") {
        pullRequest(number: $n) {
          number title state merged mergedAt mergedBy { login } baseRefName headRefName headRefOid baseRefOid
          author { __typename login }
          mergeCommit { oid parents(first: 5) { totalCount } committer { name email user { login } } }
          commits(first: 10) { totalCount nodes { commit { oid author { user { login } } } } }
          reviews(first: 10, states: [APPROVED]) { nodes { state author { login } submittedAt commit { oid } authorCanPushToRepository url } }
        }
      }
    }`,
      { n: w.merged.number }
    )
    const pr = r.data?.repository.pullRequest
    expect(pr.state).toBe('MERGED')
    expect(pr.merged).toBe(true)
    expect(pr.mergedBy.login).toBe('bob')
    expect(pr.author).toEqual({ __typename: 'User', login: 'alice' })
    expect(pr.mergeCommit.parents.totalCount).toBe(2)
    // merges in the UI are committed by web-flow
    expect(pr.mergeCommit.committer).toEqual({
      name: 'GitHub',
      email: 'noreply@github.com',
      user: { login: 'web-flow' }
    })
    expect(pr.commits.totalCount).toBe(2)
    // carol has no public email: her commits use the noreply form, which maps
    expect(pr.commits.nodes[1].commit.author.user).toEqual({ login: 'carol' })
    expect(pr.reviews.nodes).toHaveLength(1)
    expect(pr.reviews.nodes[0].commit.oid).toBe(pr.headRefOid)
    expect(pr.reviews.nodes[0].authorCanPushToRepository).toBe(true)
  })

  it('a commit email no account has maps to no user', async () => {
    const c = w.repo.commit({
      branch: 'wip',
      author: { name: 'Stranger', email: 'who@nowhere.test' }
    })
    const r = await gql(
      `query($oid: GitObjectID!) { repository(owner: "acme", name: "app") {
      object(oid: $oid) { ... on Commit { author { name email user { login } } } } } }`,
      { oid: c.oid }
    )
    expect(r.data?.repository.object.author).toEqual({
      name: 'Stranger',
      email: 'who@nowhere.test',
      user: null
    })
  })

  it('squash commits carry Co-authored-by trailers mapped to users', async () => {
    const r = await gql(
      `query($oid: GitObjectID!) {
      repository(owner: "acme", name: "app") {
        object(oid: $oid) { ... on Commit {
          messageHeadline
          authors(first: 10) { totalCount nodes { name email user { login } } }
          associatedPullRequests(first: 5) { nodes { number } }
        } }
      }
    }`,
      { oid: w.squashed.data.mergeCommit }
    )
    const c = r.data?.repository.object
    expect(c.messageHeadline).toBe(`Second feature (#${w.squashed.number})`)
    expect(c.authors.nodes.map((a: any) => a.user?.login)).toEqual([
      'alice',
      'bob'
    ])
    expect(c.associatedPullRequests.nodes).toEqual([
      { number: w.squashed.number }
    ])
  })

  it('associated pull requests of a rebased commit and of a pre-merge commit', async () => {
    const { sim, repo, alice, bob } = w
    const pr = repo.mergedPullRequest({
      author: alice,
      approvals: [bob],
      method: 'rebase',
      commits: [{}, {}]
    })
    const copies = pr.data.landedCommits
    expect(copies).toHaveLength(2)
    const original = pr.data.mergedCommits?.[0] ?? ''
    for (const oid of [...copies, original]) {
      const r = await gql(
        `query($oid: GitObjectID!) { repository(owner: "acme", name: "app") {
        object(oid: $oid) { ... on Commit { associatedPullRequests(first: 5) { nodes { number } } } } } }`,
        { oid }
      )
      expect(r.data?.repository.object.associatedPullRequests.nodes).toEqual([
        { number: pr.number }
      ])
    }
    sim.advance('1m')
  })

  it('paginates a pull request with 250 commits', async () => {
    const sim = new Simulator()
    const dev = sim.user('dev')
    const repo = sim.repo('big/repo')
    repo.branch('huge')
    repo.commits(250, { branch: 'huge', author: dev })
    const pr = repo.pullRequest({ head: 'huge', author: dev })
    const s = await startSimulator(sim)
    try {
      const t = sim.token({ pull_requests: 'read', contents: 'read' })
      const seen: string[] = []
      let after: string | null = null
      let pages = 0
      for (;;) {
        const r = await gql(
          `query($after: String) { repository(owner: "big", name: "repo") {
          pullRequest(number: ${pr.number}) { commits(first: 100, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { commit { oid } } } } } }`,
          { after },
          { token: t, url: s.graphqlUrl }
        )
        const c = r.data?.repository.pullRequest.commits
        expect(c.totalCount).toBe(250)
        seen.push(...c.nodes.map((n: any) => n.commit.oid))
        pages++
        if (!c.pageInfo.hasNextPage) break
        after = c.pageInfo.endCursor
      }
      expect(pages).toBe(3)
      expect(new Set(seen).size).toBe(250)
      expect(seen[0]).toBe(
        repo.getCommit(repo.head('huge')).oid === seen[249] ? seen[0] : seen[0]
      )
      expect(seen[249]).toBe(repo.head('huge'))
    } finally {
      await s.close()
    }
  })

  it('paginates 150 deployments with orderBy and environments', async () => {
    const sim = new Simulator()
    const repo = sim.repo('big/deploys')
    for (let i = 0; i < 150; i++) {
      sim.advance('1m')
      repo
        .deploy({ environment: i % 2 === 0 ? 'staging' : 'qa' })
        .status('success')
    }
    const s = await startSimulator(sim)
    try {
      const t = sim.token({ deployments: 'read' })
      const q = `query($after: String) { repository(owner: "big", name: "deploys") {
        deployments(first: 100, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
          totalCount pageInfo { hasNextPage endCursor } nodes { databaseId createdAt state latestStatus { state } } } } }`
      const p1 = await gql(q, { after: null }, { token: t, url: s.graphqlUrl })
      const d1 = p1.data?.repository.deployments
      expect(d1.totalCount).toBe(150)
      expect(d1.nodes).toHaveLength(100)
      expect(d1.pageInfo.hasNextPage).toBe(true)
      const p2 = await gql(
        q,
        { after: d1.pageInfo.endCursor },
        { token: t, url: s.graphqlUrl }
      )
      const d2 = p2.data?.repository.deployments
      expect(d2.nodes).toHaveLength(50)
      expect(d2.pageInfo.hasNextPage).toBe(false)
      const all = [...d1.nodes, ...d2.nodes].map((n: any) => n.createdAt)
      expect(all).toEqual([...all].sort().reverse())
      // only the newest of each environment is still ACTIVE
      expect(d1.nodes.slice(0, 2).map((n: any) => n.state)).toEqual([
        'ACTIVE',
        'ACTIVE'
      ])
      expect(d1.nodes[2].state).toBe('INACTIVE')
      const env = await gql(
        `{ repository(owner: "big", name: "deploys") {
        deployments(environments: ["staging"], last: 1) { totalCount nodes { environment } } } }`,
        {},
        { token: t, url: s.graphqlUrl }
      )
      expect(env.data?.repository.deployments.totalCount).toBe(75)
    } finally {
      await s.close()
    }
  })

  it('first > 100 and missing first/last are errors worded as GitHub', async () => {
    const too = await gql(
      `{ repository(owner: "acme", name: "app") { deployments(first: 101) { totalCount } } }`
    )
    expect(too.errors?.[0]).toMatchObject({
      type: 'EXCESSIVE_PAGINATION',
      path: ['repository', 'deployments'],
      message:
        'Requesting 101 records on the `deployments` connection exceeds the `first` limit of 100 records.'
    })
    expect(too.data).toEqual({ repository: null })
    const none = await gql(
      `{ repository(owner: "acme", name: "app") { deployments { totalCount } } }`
    )
    expect(none.errors?.[0]).toMatchObject({
      type: 'MISSING_PAGINATION_BOUNDARIES',
      message:
        'You must provide a `first` or `last` value to properly paginate the `deployments` connection.'
    })
  })

  it('deployment fields and statuses', async () => {
    const r = await gql(`{ repository(owner: "acme", name: "app") {
      deployments(last: 1, environments: ["production"]) { nodes {
        databaseId environment latestEnvironment originalEnvironment commitOid commit { oid } task state
        creator { __typename login }
        latestStatus { state logUrl }
        statuses(first: 10) { totalCount nodes { state createdAt logUrl environmentUrl description creator { login } } }
      } } } }`)
    const d = r.data?.repository.deployments.nodes[0]
    expect(d.databaseId).toBe(w.prod.id)
    expect(d.creator).toEqual({ __typename: 'Bot', login: 'github-actions' })
    expect(d.commitOid).toBe(w.head)
    expect(d.statuses.nodes.map((s: any) => s.state)).toEqual([
      'SUCCESS',
      'IN_PROGRESS'
    ])
    expect(d.latestStatus.logUrl).toContain(`/actions/runs/${w.run2.id}/`)
  })

  it('ref compare: AHEAD, BEHIND, IDENTICAL, DIVERGED', async () => {
    const sim = new Simulator()
    const dev = sim.user('dev')
    const repo = sim.repo('c/c')
    repo.branch('topic')
    repo.commits(2, { branch: 'topic', author: dev })
    const s = await startSimulator(sim)
    const t = sim.token({ contents: 'read' })
    const cmp = async (base: string, head: string) => {
      const r = await gql(
        `query($q: String!, $h: String!) { repository(owner: "c", name: "c") {
        ref(qualifiedName: $q) { compare(headRef: $h) { status aheadBy behindBy commits(first: 10) { totalCount } } } } }`,
        { q: base, h: head },
        { token: t, url: s.graphqlUrl }
      )
      return r.data?.repository.ref.compare
    }
    try {
      expect(await cmp('refs/heads/main', 'topic')).toMatchObject({
        status: 'AHEAD',
        aheadBy: 2,
        behindBy: 0
      })
      expect(await cmp('topic', 'main')).toMatchObject({
        status: 'BEHIND',
        aheadBy: 0,
        behindBy: 2
      })
      expect(await cmp('main', 'main')).toMatchObject({ status: 'IDENTICAL' })
      repo.commit({ branch: 'main', author: dev })
      expect(await cmp('main', 'topic')).toMatchObject({
        status: 'DIVERGED',
        aheadBy: 2,
        behindBy: 1
      })
    } finally {
      await s.close()
    }
  })

  it('ref rules: only active rulesets; rulesets list shows evaluate ones', async () => {
    const r = await gql(`{ repository(owner: "acme", name: "app") {
      ref(qualifiedName: "refs/heads/main") {
        rules(first: 20) { nodes { type repositoryRuleset { databaseId name enforcement }
          parameters { __typename ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush } } } }
      }
      rulesets(first: 10) { nodes { name enforcement } }
    } }`)
    const rules = r.data?.repository.ref.rules.nodes
    expect(rules.map((x: any) => x.type)).toEqual([
      'PULL_REQUEST',
      'NON_FAST_FORWARD',
      'DELETION'
    ])
    expect(
      rules.every((x: any) => x.repositoryRuleset.enforcement === 'ACTIVE')
    ).toBe(true)
    expect(rules[0].parameters).toEqual({
      __typename: 'PullRequestParameters',
      requiredApprovingReviewCount: 1,
      dismissStaleReviewsOnPush: true
    })
    expect(r.data?.repository.rulesets.nodes).toEqual([
      { name: 'main rules', enforcement: 'ACTIVE' },
      { name: 'trial', enforcement: 'EVALUATE' }
    ])
  })

  it('branchProtectionRule: null without administration, full with it', async () => {
    const q = `{ repository(owner: "acme", name: "app") { ref(qualifiedName: "main") {
      branchProtectionRule { pattern requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews isAdminEnforced requiredStatusCheckContexts }
      refUpdateRule { pattern requiredApprovingReviewCount }
    } } }`
    const admin = await gql(q)
    expect(admin.data?.repository.ref.branchProtectionRule).toEqual({
      pattern: 'main',
      requiresApprovingReviews: true,
      requiredApprovingReviewCount: 1,
      dismissesStaleReviews: true,
      isAdminEnforced: true,
      requiredStatusCheckContexts: ['ci/test']
    })
    const wf = await gql(
      q,
      {},
      { token: w.sim.workflowToken({ contents: 'read' }) }
    )
    expect(wf.errors).toBeUndefined()
    expect(wf.data?.repository.ref.branchProtectionRule).toBeNull()
    expect(wf.data?.repository.ref.refUpdateRule).toEqual({
      pattern: 'main',
      requiredApprovingReviewCount: 1
    })
  })

  it('FORBIDDEN for fields the token cannot read', async () => {
    const t = w.sim.token({ contents: 'read' })
    const r = await gql(
      `{ repository(owner: "acme", name: "app") { name pullRequest(number: 1) { title } } }`,
      {},
      { token: t }
    )
    expect(r.data).toEqual({ repository: { name: 'app', pullRequest: null } })
    expect(r.errors?.[0]).toMatchObject({
      type: 'FORBIDDEN',
      path: ['repository', 'pullRequest'],
      message: 'Resource not accessible by integration'
    })
  })

  it('a deleted account: author null in GraphQL, ghost in REST', async () => {
    const sim = new Simulator()
    const gone = sim.user('gone')
    const rev = sim.user('rev')
    const repo = sim.repo('g/g')
    const pr = repo.mergedPullRequest({ author: gone, approvals: [rev] })
    sim.deleteUser(gone)
    const s = await startSimulator(sim)
    const t = sim.adminToken()
    try {
      const r = await gql(
        `{ repository(owner: "g", name: "g") { pullRequest(number: ${pr.number}) {
        author { login } commits(first: 5) { nodes { commit { author { email user { login } } } } } } } }`,
        {},
        { token: t, url: s.graphqlUrl }
      )
      expect(r.data?.repository.pullRequest.author).toBeNull()
      expect(
        r.data?.repository.pullRequest.commits.nodes[0].commit.author.user
      ).toBeNull()
      const rest = await fetch(`${s.url}/repos/g/g/pulls/${pr.number}`, {
        headers: { authorization: `token ${t}` }
      })
      expect(
        ((await rest.json()) as { user: { login: string; id: number } }).user
      ).toMatchObject({ login: 'ghost', id: 10137 })
    } finally {
      await s.close()
    }
  })

  it("a bot's commit email maps to no GraphQL User, but to the bot in REST", async () => {
    const sim = new Simulator()
    const dependabot = sim.dependabot
    const repo = sim.repo('b/b')
    const c = repo.commit({ branch: 'bump', author: dependabot })
    expect(c.author.email).toBe(
      '49699333+dependabot[bot]@users.noreply.github.com'
    )
    const s = await startSimulator(sim)
    const t = sim.adminToken()
    try {
      const r = await gql(
        `query($oid: GitObjectID!) { repository(owner: "b", name: "b") {
        object(oid: $oid) { ... on Commit {
          author { email user { login } }
          authors(first: 5) { nodes { user { login } } } } } } }`,
        { oid: c.oid },
        { token: t, url: s.graphqlUrl }
      )
      expect(r.errors).toBeUndefined()
      expect(r.data?.repository.object.author.user).toBeNull()
      expect(r.data?.repository.object.authors.nodes).toEqual([{ user: null }])
      const rest = await fetch(`${s.url}/repos/b/b/commits/${c.oid}`, {
        headers: { authorization: `token ${t}` }
      })
      expect(
        ((await rest.json()) as { author: { login: string; type: string } })
          .author
      ).toMatchObject({ login: 'dependabot[bot]', type: 'Bot' })
    } finally {
      await s.close()
    }
  })

  it('Update branch: a merge of the base authored by the clicker, committed by web-flow', async () => {
    const sim = new Simulator()
    const alice = sim.user('alice')
    const bob = sim.user('bob')
    const repo = sim.repo('u/u')
    repo.branch('feature')
    repo.commit({ branch: 'feature', author: alice, files: { 'a.ts': '1' } })
    const pr = repo.pullRequest({ head: 'feature', author: alice })
    const before = pr.headOid
    const onMain = repo.commit({ branch: 'main', files: { 'b.ts': '2' } })
    const merge = pr.updateBranch(bob)
    expect(pr.headOid).toBe(merge.oid)
    expect(merge.parents).toEqual([before, onMain.oid])
    expect(merge.message).toBe("Merge branch 'main' into feature")
    expect(merge.author.email).toBe('bob@example.com')
    expect(merge.committer.email).toBe('noreply@github.com')
    expect(merge.files.get('a.ts')).toBe('1')
    expect(merge.files.get('b.ts')).toBe('2')
    expect(pr.data.headHistory.at(-1)?.pusher).toBe(bob)
    expect(() => pr.updateBranch(bob)).toThrow('already up to date with main')
    const s = await startSimulator(sim)
    try {
      const r = await gql(
        `{ repository(owner: "u", name: "u") { pullRequest(number: ${pr.number}) {
        commits(first: 5) { nodes { commit { oid author { user { login } } committer { user { login } } } } } } } }`,
        {},
        { token: sim.adminToken(), url: s.graphqlUrl }
      )
      expect(
        r.data?.repository.pullRequest.commits.nodes.at(-1).commit
      ).toEqual({
        oid: merge.oid,
        author: { user: { login: 'bob' } },
        committer: { user: { login: 'web-flow' } }
      })
    } finally {
      await s.close()
    }
  })

  it('environment with protection rules', async () => {
    const r = await gql(`{ repository(owner: "acme", name: "app") {
      environment(name: "production") { name databaseId protectionRules(first: 10) { nodes {
        type preventSelfReview timeout reviewers(first: 10) { nodes { __typename ... on User { login } ... on Team { slug } } } } } }
      environments(first: 10) { totalCount nodes { name } }
    } }`)
    const env = r.data?.repository.environment
    expect(env.protectionRules.nodes.map((n: any) => n.type)).toEqual([
      'REQUIRED_REVIEWERS',
      'WAIT_TIMER',
      'BRANCH_POLICY'
    ])
    expect(env.protectionRules.nodes[0].reviewers.nodes).toEqual([
      { __typename: 'User', login: 'bob' },
      { __typename: 'Team', slug: 'sre' }
    ])
    expect(env.protectionRules.nodes[1].timeout).toBe(10)
  })

  it('GHES path /api/graphql and rateLimit', async () => {
    const r = await gql(
      `{ rateLimit { limit remaining cost resetAt } }`,
      {},
      { url: server.enterprise.graphqlUrl }
    )
    expect(r.data?.rateLimit.limit).toBe(5000)
  })

  it('validation errors use GitHub wording', async () => {
    const r = await gql(`{ repository(owner: "acme", name: "app") { nope } }`)
    expect(r.data).toBeUndefined()
    expect(r.errors?.[0]?.message).toBe(
      "Field 'nope' doesn't exist on type 'Repository'"
    )
  })
})
