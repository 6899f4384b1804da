// GitHub answers -> facts at the edges: what GitHub may leave out, and what
// the gate refuses to guess (a ShapeError naming the field, never undefined).
import { describe, expect, it } from '@jest/globals'
import { ShapeError } from '../../../src/engine/errors.js'
import {
  parseActor,
  parseCommit,
  parseDeployment,
  parsePullRequest,
  parseReview,
  parseStatus
} from '../../../src/engine/gather/parse.js'
import {
  parseClassicProtection,
  parseRefRules,
  parseRefUpdateRule
} from '../../../src/engine/gather/parse-protection.js'
import {
  arr,
  bool,
  connection,
  num,
  obj,
  optDate,
  str
} from '../../../src/engine/gather/shape.js'

const connectionOf = (nodes: unknown[]): Record<string, unknown> => ({
  totalCount: nodes.length,
  pageInfo: { hasNextPage: false, endCursor: null },
  nodes
})

const COMMIT = {
  oid: 'a'.repeat(40),
  url: 'https://github.com/acme/shop/commit/a',
  message: 'Change',
  committedDate: '2024-05-01T00:00:00Z',
  tree: { oid: 'b'.repeat(40) },
  author: null,
  committer: null,
  authors: null,
  parents: connectionOf([]),
  signature: { isValid: false, state: null, wasSignedByGitHub: false }
}

describe('shape', () => {
  it.each<[string, () => unknown, string]>([
    [
      'a list for an object',
      () => obj([], 'p'),
      'p: expected an object, got a list'
    ],
    [
      'null for an object',
      () => obj(null, 'p'),
      'p: expected an object, got null'
    ],
    [
      'an object for a list',
      () => arr({}, 'p'),
      'p: expected a list, got object'
    ],
    [
      'a number for a string',
      () => str(1, 'p'),
      'p: expected a string, got number'
    ],
    [
      'NaN for a number',
      () => num(Number.NaN, 'p'),
      'p: expected a number, got number'
    ],
    [
      'a string for a boolean',
      () => bool('true', 'p'),
      'p: expected true or false, got string'
    ],
    [
      'a bad time',
      () => optDate('soon', 'p'),
      'p: expected a time, got "soon"'
    ],
    [
      'a next page without a cursor',
      () =>
        connection(
          { nodes: [], pageInfo: { hasNextPage: true, endCursor: null } },
          'p'
        ),
      'p: a next page is announced without a cursor'
    ]
  ])('refuses %s', (_case, read, message) => {
    expect(read).toThrow(new ShapeError(message))
  })

  it('reads a connection without page info or count as one complete page', () => {
    expect(connection({ nodes: [1] }, 'p')).toEqual({
      nodes: [1],
      hasNextPage: false,
      endCursor: null,
      totalCount: null
    })
    expect(optDate(null, 'p')).toBeNull()
  })
})

describe('parse', () => {
  it('reads an actor of an unknown kind as Other', () => {
    expect(parseActor({ login: 'ghost' }, 'a')).toEqual({
      login: 'ghost',
      type: 'Other'
    })
    expect(
      parseActor({ __typename: 'EnterpriseUserAccount', login: 'x' }, 'a')
    ).toEqual({ login: 'x', type: 'Other' })
  })

  it('reads a commit without author, committer or authors list, and an unknown signature state', () => {
    const c = parseCommit(COMMIT, 'c')
    const nobody = { name: null, email: null, login: null, isWebFlow: false }
    expect(c.author).toEqual(nobody)
    expect(c.committer).toEqual(nobody)
    expect(c.coAuthors).toEqual([])
    expect(c.signature).toEqual({
      valid: false,
      state: 'UNKNOWN',
      byGitHub: false
    })
  })

  it('refuses a review state it does not know', () => {
    expect(() =>
      parseReview({ state: 'APPROVED_LATER', url: 'u' }, 'r')
    ).toThrow(new ShapeError('r.state: unknown review state APPROVED_LATER'))
  })

  it('reads a review without its commit', () => {
    expect(
      parseReview(
        { state: 'APPROVED', url: 'u', author: null, commit: null },
        'r'
      )
    ).toEqual({
      author: null,
      state: 'APPROVED',
      commitOid: null,
      submittedAt: null,
      url: 'u',
      authorCanPush: false
    })
  })

  it('reads an unmerged pull request without a merge commit', () => {
    const pr = parsePullRequest(
      {
        id: 'PR_1',
        number: 1,
        url: 'u',
        merged: false,
        mergedAt: null,
        baseRefName: 'main',
        headRefOid: 'a'.repeat(40),
        author: null,
        mergeCommit: null,
        commits: connectionOf([{ commit: COMMIT }]),
        reviews: connectionOf([])
      },
      'p'
    )
    expect(pr.fact).toMatchObject({ merged: false, mergeCommitOid: null })
    expect(pr.fact.commits).toHaveLength(1)
  })

  it('refuses a deployment state it does not know', () => {
    expect(() =>
      parseStatus({ state: 'EXPLODED', createdAt: '2024-05-01T00:00:00Z' }, 's')
    ).toThrow(new ShapeError('s.state: unknown deployment state exploded'))
  })

  it('reads a deployment without commit, tree or environment', () => {
    const base = {
      id: 'DE_1',
      databaseId: 1,
      environment: null,
      commitOid: 'a'.repeat(40),
      createdAt: '2024-05-01T00:00:00Z',
      creator: null,
      statuses: connectionOf([])
    }
    expect(parseDeployment({ ...base, commit: null }, 'd').fact).toMatchObject({
      environment: '',
      treeOid: null
    })
    expect(
      parseDeployment({ ...base, commit: { tree: null } }, 'd').fact.treeOid
    ).toBeNull()
  })
})

describe('parse-protection', () => {
  const rule = (o: Record<string, unknown>): Record<string, unknown> => ({
    type: 'DELETION',
    parameters: null,
    repositoryRuleset: { databaseId: 3, enforcement: 'ACTIVE' },
    ...o
  })

  it('leaves rules with more than a page to REST', () => {
    expect(
      parseRefRules(
        { nodes: [], pageInfo: { hasNextPage: true, endCursor: 'c' } },
        'rules'
      )
    ).toBeNull()
  })

  it('keeps the rules of active rulesets only, and rules of no ruleset', () => {
    expect(
      parseRefRules(
        connectionOf([
          rule({}),
          rule({
            type: 'NON_FAST_FORWARD',
            repositoryRuleset: { databaseId: 4, enforcement: 'EVALUATE' }
          }),
          rule({ type: 'CREATION', repositoryRuleset: null })
        ]),
        'rules'
      )
    ).toEqual([
      { type: 'deletion', rawType: 'deletion', rulesetId: 3 },
      { type: 'creation', rawType: 'creation', rulesetId: null }
    ])
  })

  it('reads a visible classic rule without required checks', () => {
    expect(parseRefUpdateRule({ pattern: 'main' }, 'r')).toEqual({
      pattern: 'main',
      requiredStatusChecks: []
    })
  })

  it('reads classic protection without reviews as none, and a review count GitHub left out as 0', () => {
    expect(
      parseClassicProtection({}, 'p').requiredApprovingReviewCount
    ).toBeNull()
    expect(
      parseClassicProtection({ required_pull_request_reviews: {} }, 'p')
        .requiredApprovingReviewCount
    ).toBe(0)
  })
})
