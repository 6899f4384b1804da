// Further pages and the range of changes: every status of a deployment, every
// commit and review of a pull request, every change since the previous
// deployment. What GitHub counts but does not list blocks; what it hides is
// named.
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError, ShapeError } from '../../../src/engine/errors.js'
import type { DeploymentFact, Unreadable } from '../../../src/engine/facts.js'
import { completeStatuses } from '../../../src/engine/gather/deployments.js'
import type { ParsedPullRequest } from '../../../src/engine/gather/parse.js'
import {
  choosePullRequest,
  completePullRequests
} from '../../../src/engine/gather/pull-requests.js'
import { changesInScope, rangeStart } from '../../../src/engine/gather/range.js'
import {
  SHA,
  aCommit,
  aDeployment,
  aPullRequest,
  anEnvironmentPolicy,
  anUnreadable,
  sha
} from '../../../__fixtures__/facts.js'
import { answer, ok, requestFor, scripted } from './ports.js'

const AT = { owner: 'acme', repo: 'shop' }
const FORBIDDEN = 'Resource not accessible by integration'

/** A page of statuses, newest first as GitHub lists them: [state, minute]. */
const statusesPage = (
  states: [string, number][],
  next: string | null
): Record<string, unknown> => ({
  statuses: {
    totalCount: 3,
    pageInfo: { hasNextPage: next !== null, endCursor: next },
    nodes: states.map(([state, minute]) => ({
      state,
      createdAt: `2024-05-01T10:0${minute}:00Z`
    }))
  }
})

describe('completeStatuses', () => {
  const deployment = (): DeploymentFact => aDeployment({ id: 7, statuses: [] })

  it('reads every page of statuses, oldest first, skipping unreadable environments', async () => {
    const d = deployment()
    const port = scripted({
      graphql: [
        answer({ s7: statusesPage([['SUCCESS', 2]], 'c2') }),
        answer({
          s7: statusesPage(
            [
              ['IN_PROGRESS', 1],
              ['QUEUED', 0]
            ],
            null
          )
        })
      ]
    })
    await completeStatuses(
      port,
      AT,
      [{ alias: 's7', id: 'DE_7', kind: 'statuses', after: 'c1' }],
      new Map<string, DeploymentFact[] | Unreadable>([
        ['staging', [d]],
        ['production', anUnreadable('deployments: read')]
      ]),
      new Map([[7, 3]])
    )
    expect(d.statuses.map((s) => s.state)).toEqual([
      'queued',
      'in_progress',
      'success'
    ])
    expect(port.calls.map((c) => c.params.after0)).toEqual(['c1', 'c2'])
  })

  it('judges a deployment GitHub gave no count for on the statuses it listed', async () => {
    const d = aDeployment({ id: 7 })
    const port = scripted({})
    await completeStatuses(port, AT, [], new Map([['staging', [d]]]), new Map())
    expect(d.statuses).toHaveLength(aDeployment().statuses.length)
    expect(port.calls).toEqual([])
  })

  it('blocks when GitHub lists fewer statuses than it counts', async () => {
    const port = scripted({
      graphql: [answer({ s7: statusesPage([['SUCCESS', 2]], null) })]
    })
    await expect(
      completeStatuses(
        port,
        AT,
        [{ alias: 's7', id: 'DE_7', kind: 'statuses', after: 'c1' }],
        new Map([['staging', [deployment()]]]),
        new Map([[7, 3]])
      )
    ).rejects.toThrow(
      new GitHubApiError(
        'GitHub listed 1 of the 3 statuses of deployment #7: whether it failed later cannot be verified'
      )
    )
  })
})

describe('pull requests', () => {
  const parsed = (
    o: Omit<Partial<ParsedPullRequest>, 'fact'> & {
      fact?: Partial<ParsedPullRequest['fact']>
    } = {}
  ): ParsedPullRequest => ({
    id: 'PR_1',
    commitsCursor: null,
    reviewsCursor: null,
    commitsTotal: null,
    reviewsTotal: null,
    ...o,
    fact: aPullRequest({ commits: [], reviews: [], ...o.fact })
  })

  it('chooses the pull request whose merge commit brought the commit in', () => {
    const commit = aCommit()
    const merge = sha('e2')
    const elsewhere = parsed({
      fact: { number: 1, mergeCommitOid: sha('e1') }
    })
    const holding = parsed({
      fact: { number: 2, mergeCommitOid: merge, commits: [commit] }
    })
    // e2 merges the commit in as its second parent onto b0
    const view = {
      parents: new Map([
        [merge, [sha('b0'), commit.oid]],
        [commit.oid, [sha('b0')]]
      ]),
      range: new Set([merge, commit.oid]),
      candidatesOf: () => null
    }
    expect(
      choosePullRequest(
        commit,
        [elsewhere, holding],
        anEnvironmentPolicy(),
        view
      )?.fact.number
    ).toBe(2)
  })

  it('chooses no pull request that holds the commit but did not bring it in (SPEC §5.5)', () => {
    const commit = aCommit()
    const holding = parsed({
      fact: { number: 2, mergeCommitOid: sha('e2'), commits: [commit] }
    })
    // its merge commit is outside the range: something else brought it in
    const view = {
      parents: new Map([[commit.oid, [sha('b0')]]]),
      range: new Set([commit.oid]),
      candidatesOf: () => null
    }
    expect(
      choosePullRequest(commit, [holding], anEnvironmentPolicy(), view)
    ).toBeNull()
    expect(
      choosePullRequest(commit, [holding], anEnvironmentPolicy(), null)
    ).toBeNull()
  })

  it('chooses the pull request whose rebased copies lead to its merge commit, and no further', () => {
    // R1 <- R2 <- R3: the copies a rebase merge of #3's three commits made
    // on b0; b1 below them is another change
    const [r1, r2, r3] = [sha('r1'), sha('r2'), sha('r3')]
    const rebased = parsed({
      commitsTotal: 3,
      fact: {
        number: 3,
        mergeCommitOid: r3,
        commits: [aCommit(), aCommit(), aCommit()]
      }
    })
    const view = {
      parents: new Map([
        [r3, [r2]],
        [r2, [r1]],
        [r1, [sha('b1')]],
        [sha('b1'), [sha('b0')]]
      ]),
      range: new Set([r3, r2, r1, sha('b1')]),
      candidatesOf: (oid: string) =>
        [r3, r2, r1].includes(oid) ? [rebased] : []
    }
    const policy = anEnvironmentPolicy()
    const choose = (oid: string): number | undefined =>
      choosePullRequest(aCommit({ oid }), [rebased], policy, view)?.fact.number
    expect([r3, r2, r1].map(choose)).toEqual([3, 3, 3])
    // b1 is not one of its copies, whatever GitHub associates with it
    expect(choose(sha('b1'))).toBeUndefined()
    // nor is a copy reached through a commit GitHub does not associate with it
    expect(
      choosePullRequest(aCommit({ oid: r1 }), [rebased], policy, {
        ...view,
        candidatesOf: (oid) => (oid === r2 ? [] : [rebased])
      })
    ).toBeNull()
  })

  it('chooses no pull request, merged but without a merge commit, for a commit of the range', () => {
    const commit = aCommit()
    const unmerged = parsed({
      fact: { number: 4, mergeCommitOid: null, commits: [commit] }
    })
    const view = {
      parents: new Map([[commit.oid, [sha('b0')]]]),
      range: new Set([commit.oid]),
      candidatesOf: () => [unmerged]
    }
    expect(
      choosePullRequest(commit, [unmerged], anEnvironmentPolicy(), view)
    ).toBeNull()
  })

  it('takes no rebased copy through a commit whose pull requests were not read', () => {
    // R1 <- R2 <- R3 as above; what GitHub associates with R2 is unknown
    const [r1, r2, r3] = [sha('r1'), sha('r2'), sha('r3')]
    const rebased = parsed({
      commitsTotal: 3,
      fact: { number: 3, mergeCommitOid: r3 }
    })
    const view = {
      parents: new Map([
        [r3, [r2]],
        [r2, [r1]],
        [r1, [sha('b1')]]
      ]),
      range: new Set([r3, r2, r1]),
      candidatesOf: (oid: string) => (oid === r2 ? null : [rebased])
    }
    const choose = (oid: string): number | undefined =>
      choosePullRequest(
        aCommit({ oid }),
        [rebased],
        anEnvironmentPolicy(),
        view
      )?.fact.number
    expect(choose(r3)).toBe(3)
    expect(choose(r1)).toBeUndefined()
  })

  it('names pull-requests: read when GitHub gives no further page', async () => {
    const port = scripted({
      graphql: [
        answer({ repository: { p0: null } }, [
          { message: FORBIDDEN, path: ['repository', 'p0'] }
        ])
      ]
    })
    // the error is on the pull request itself: not "incomplete", but unread
    const thrown = await completePullRequests(port, AT, [
      parsed({ reviewsCursor: 'r1' })
    ]).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(GitHubApiError)
    expect(thrown).toMatchObject({
      message: expect.stringContaining(FORBIDDEN),
      permission: 'pull-requests: read'
    })
  })

  it('names the pull request that GitHub answered null for without saying why', async () => {
    const port = scripted({ graphql: [answer({ repository: { p0: null } })] })
    await expect(
      completePullRequests(port, AT, [parsed({ commitsCursor: 'c1' })])
    ).rejects.toMatchObject({
      message: `pull request #${aPullRequest().number} could not be read further`,
      permission: 'pull-requests: read'
    })
  })

  it('blocks when GitHub lists fewer reviews than it counts', async () => {
    const port = scripted({})
    await expect(
      completePullRequests(port, AT, [parsed({ reviewsTotal: 2 })])
    ).rejects.toThrow(
      `GitHub listed 0 of the 2 reviews of pull request #${aPullRequest().number}: a later review that withdraws an approval cannot be ruled out`
    )
  })
})

describe('the range of changes', () => {
  const commit = aCommit({ oid: SHA, parents: [sha('p1')] })
  const input = (
    o: Partial<Parameters<typeof changesInScope>[0]> = {}
  ): Parameters<typeof changesInScope>[0] => ({
    github: scripted({}),
    request: requestFor(SHA),
    commit,
    pullRequests: [],
    policy: anEnvironmentPolicy(),
    here: [],
    previousOf: () => sha('b0'),
    ...o
  })

  it('starts with the deployed change alone when nothing succeeded here before', () => {
    expect(
      rangeStart({
        scope: 'range',
        environment: 'production',
        commit,
        previous: () => null
      })
    ).toEqual({
      settled: {
        kind: 'range',
        since: null,
        note: 'no earlier successful deployment to production: only the deployed change is in scope'
      }
    })
  })

  it('names deployments: read when the deployments here could not be read', async () => {
    const thrown = await changesInScope(
      input({ here: anUnreadable('deployments: read', FORBIDDEN) })
    ).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(GitHubApiError)
    expect(thrown).toMatchObject({
      message: `the deployments to production could not be read, so the changes since the last one are unknown: ${FORBIDDEN}`,
      permission: 'deployments: read'
    })
  })

  it('refuses a comparison that does not list the deployed commit', async () => {
    const github = scripted({
      rest: () => ok({ status: 'ahead', total_commits: 0, commits: [] })
    })
    await expect(changesInScope(input({ github }))).rejects.toThrow(
      new ShapeError(
        `compare ${sha('b0').slice(0, 7)}...${SHA.slice(0, 7)} does not list the deployed commit`
      )
    )
    // with no commits counted only the first page is read
    expect(github.calls).toHaveLength(1)
  })

  it('blocks when the comparison lists fewer commits than it counts', async () => {
    const github = scripted({
      rest: () =>
        ok({
          status: 'ahead',
          total_commits: 2,
          commits: [{ sha: SHA, parents: [{ sha: sha('p1') }] }]
        })
    })
    await expect(changesInScope(input({ github }))).rejects.toThrow(
      new GitHubApiError(
        `GitHub listed 1 of the 2 commits since the previous deployment ${sha('b0').slice(0, 7)}: the others cannot be checked`
      )
    )
  })
})
