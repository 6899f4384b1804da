// readPolicyHistory against answers shaped as GitHub's: its pages, what a
// version's file can be, and which merges date a version.
import { describe, expect, it } from '@jest/globals'
import {
  MAX_POLICY_PAGES,
  readPolicyHistory
} from '../../../src/engine/audit/policy-history.js'
import type { AuditRequest, GitHubPort } from '../../../src/engine/index.js'

const REQUEST: AuditRequest = {
  owner: 'acme',
  repo: 'shop',
  environment: 'production',
  policyPath: '.github/promotion-gate.yml',
  policyRef: null,
  since: new Date('2026-10-01T00:00:00Z'),
  until: new Date('2026-12-31T00:00:00Z'),
  serverUrl: 'https://github.com'
}

type Node = Record<string, unknown>

const node = (i: number, o: Partial<Node> = {}): Node => ({
  oid: String(i).repeat(40).slice(0, 40),
  committedDate: `2026-0${i}-01T00:00:00Z`,
  file: { object: { oid: 'b'.repeat(40), text: `v${i}`, isTruncated: false } },
  associatedPullRequests: { nodes: [] },
  ...o
})

/** A port answering each page in turn; `target` null: the ref names no commit. */
function port(pages: Node[][], target: 'commit' | null = 'commit') {
  const asked: Record<string, unknown>[] = []
  const github: GitHubPort = {
    rest: () => Promise.reject(new Error('no REST here')),
    graphql: <T>(_q: string, variables: Record<string, unknown>) => {
      asked.push(variables)
      const i = asked.length - 1
      const nodes = pages[Math.min(i, pages.length - 1)] ?? []
      const more = i < pages.length - 1 || pages.length === 0
      const ref =
        target === null
          ? null
          : {
              history: {
                pageInfo: { hasNextPage: more, endCursor: `c${i}` },
                nodes
              }
            }
      return Promise.resolve({
        data: { repository: { defaultBranchRef: { name: 'main' }, ref } } as T,
        errors: []
      })
    }
  }
  return { github, asked }
}

describe('readPolicyHistory', () => {
  it('reads every page on the default branch (HEAD, named by defaultBranchRef), oldest version first', async () => {
    const { github, asked } = port([[node(3), node(2)], [node(1)]])
    const h = await readPolicyHistory({
      github,
      request: REQUEST
    })
    expect(h.complete).toBe(true)
    expect(h.ref).toBe('main')
    expect(h.versions.map((v) => v.file)).toEqual(
      [1, 2, 3].map((i) => ({ text: `v${i}`, blobSha: 'b'.repeat(40) }))
    )
    expect(asked.map((v) => [v.ref, v.path, v.after])).toEqual([
      ['HEAD', REQUEST.policyPath, null],
      ['HEAD', REQUEST.policyPath, 'c0']
    ])
  })

  it(`stops after ${MAX_POLICY_PAGES} pages and says the history is incomplete`, async () => {
    const { github, asked } = port([])
    const h = await readPolicyHistory({
      github,
      request: REQUEST
    })
    expect(asked).toHaveLength(MAX_POLICY_PAGES)
    expect(h.complete).toBe(false)
  })

  it('names a removed, binary or too large file as no policy', async () => {
    const { github } = port([
      [
        node(3, { file: null }),
        node(2, { file: { object: { oid: 'x', text: null, isBinary: true } } }),
        node(1, {
          file: { object: { oid: 'y', text: 'a', isTruncated: true } }
        })
      ]
    ])
    const h = await readPolicyHistory({
      github,
      request: REQUEST
    })
    expect(h.versions.map((v) => v.file)).toEqual([
      { missing: 'the policy file at commit 1111111 is too large' },
      { missing: 'the policy file at commit 2222222 is binary' },
      { missing: 'commit 3333333 removed the policy file' }
    ])
  })

  it('dates a version by the merge into the policy branch only', async () => {
    const { github } = port([
      [
        node(1, {
          associatedPullRequests: {
            nodes: [
              { mergedAt: '2026-01-20T00:00:00Z', baseRefName: 'release' },
              { mergedAt: null, baseRefName: 'policy' },
              { mergedAt: '2026-01-09T00:00:00Z', baseRefName: 'policy' }
            ]
          }
        })
      ]
    ])
    const h = await readPolicyHistory({
      github,
      request: { ...REQUEST, policyRef: 'refs/heads/policy' }
    })
    expect(h.ref).toBe('refs/heads/policy')
    expect(h.versions[0]).toMatchObject({
      committedAt: '2026-01-01T00:00:00Z',
      from: '2026-01-09T00:00:00Z'
    })
  })

  it('refuses a policy ref that names no commit', async () => {
    const { github } = port([[]], null)
    await expect(
      readPolicyHistory({
        github,
        request: { ...REQUEST, policyRef: 'v1' }
      })
    ).rejects.toThrow(
      'the history of .github/promotion-gate.yml on v1 cannot be read: v1 names no commit; the audit judges each deployment by the policy of its time'
    )
  })
})
