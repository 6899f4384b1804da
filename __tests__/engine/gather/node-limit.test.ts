// Every GraphQL document the gate and the audit send: valid against GitHub's
// public schema, and within GitHub's node limit. "Individual calls cannot
// request more than 500,000 total nodes": each connection counts its
// `first`/`last` times those of the connections around it
// (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#node-limit).
import { describe, expect, it } from '@jest/globals'
import { schema as github } from '@octokit/graphql-schema'
import {
  buildSchema,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode
} from 'graphql'
import {
  BREAK_GLASS_ISSUES,
  DEPLOYED_PER_QUERY,
  ENV_DEPLOYMENTS,
  HISTORY,
  deployedQuery
} from '../../../src/engine/audit/index.js'
import { CHANGES_PER_QUERY } from '../../../src/engine/gather/index.js'
import {
  BOOTSTRAP_QUERY,
  POLICY_QUERY,
  changesQuery,
  contextQuery
} from '../../../src/engine/gather/queries.js'

const schema = buildSchema(github.idl, { assumeValidSDL: true })
const LIMIT = 500_000

/** GitHub's node count; a `first` given by a variable counts as 100. */
function nodeCount(doc: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const d of doc.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
  }
  const walk = (set: SelectionSetNode | undefined, outer: number): number => {
    if (set === undefined) return 0
    let total = 0
    for (const s of set.selections) {
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        total += walk(fragments.get(s.name.value)?.selectionSet, outer)
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        total += walk(s.selectionSet, outer)
      } else {
        const size = (s.arguments ?? []).find(
          (a) => a.name.value === 'first' || a.name.value === 'last'
        )
        if (size === undefined) {
          total += walk(s.selectionSet, outer)
        } else {
          const n =
            size.value.kind === Kind.INT ? Number(size.value.value) : 100
          total += outer * n + walk(s.selectionSet, outer * n)
        }
      }
    }
    return total
  }
  let total = 0
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) total += walk(d.selectionSet, 1)
  }
  return total
}

const oids = (n: number): string[] =>
  Array.from({ length: n }, (_v, i) => i.toString(16).padStart(40, '0'))

const DOCUMENTS: [string, string][] = [
  ['policy', POLICY_QUERY],
  ['bootstrap', BOOTSTRAP_QUERY],
  [
    'context',
    contextQuery(
      [
        { alias: 'd0', environment: 'development', after: null },
        { alias: 'd1', environment: 'staging', after: null }
      ],
      [{ alias: 'g0', name: 'release/', glob: true, after: null }],
      'c'.repeat(40)
    ).query
  ],
  ['changes (a full batch)', changesQuery(oids(CHANGES_PER_QUERY)).query],
  ['audit deployments', ENV_DEPLOYMENTS],
  ['audit history', HISTORY],
  ['audit break-glass issues', BREAK_GLASS_ISSUES],
  [
    'audit deployed commits (a full batch)',
    deployedQuery(oids(DEPLOYED_PER_QUERY)).query
  ]
]

describe('GraphQL documents against GitHub', () => {
  it.each(DOCUMENTS)('%s is valid against the public schema', (_n, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([])
  })

  it.each(DOCUMENTS)('%s stays within the 500,000-node limit', (_n, query) => {
    expect(nodeCount(parse(query))).toBeLessThanOrEqual(LIMIT)
  })

  it('counts nodes as GitHub documents it', () => {
    // GitHub's own second example: 22,060 nodes.
    const doc = parse(`query { viewer {
      repositories(first: 50) { edges { repository: node { name
        pullRequests(first: 20) { edges { pullRequest: node { title
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } }
        issues(first: 20) { totalCount edges { issue: node { title bodyHTML
          comments(first: 10) { edges { comment: node { bodyHTML } } } } } } } } }
      followers(first: 10) { edges { follower: node { login } } } } }`)
    expect(nodeCount(doc)).toBe(22_060)
  })

  it('would refuse a changes batch of 50, which GitHub rejects', () => {
    expect(nodeCount(parse(changesQuery(oids(50)).query))).toBeGreaterThan(
      LIMIT
    )
  })
})
