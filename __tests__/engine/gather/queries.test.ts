import { describe, expect, it } from '@jest/globals'
import { schema as github } from '@octokit/graphql-schema'
import { buildSchema, parse, validate } from 'graphql'
import {
  BOOTSTRAP_QUERY,
  POLICY_QUERY,
  changesQuery,
  contextQuery,
  pagesQuery
} from '../../../src/engine/gather/queries.js'

// The published SDL repeats two enterprise fields; graphql-js would reject it.
const schema = buildSchema(github.idl, { assumeValidSDL: true })

function problems(query: string): string[] {
  return validate(schema, parse(query)).map((e) => e.message)
}

describe('GraphQL the gate sends, against GitHub public schema', () => {
  it('policy query is valid', () => {
    expect(problems(POLICY_QUERY)).toEqual([])
  })

  it('bootstrap query is valid', () => {
    expect(problems(BOOTSTRAP_QUERY)).toEqual([])
  })

  it('context query is valid with deployments, exact branches and globs', () => {
    const { query, variables } = contextQuery(
      [
        { alias: 'd0', environment: 'staging', after: null },
        { alias: 'd1', environment: 'production', after: 'Y3Vyc29y' }
      ],
      [
        { alias: 'b0', name: 'main', glob: false, after: null },
        { alias: 'g0', name: 'release/', glob: true, after: null }
      ],
      'c'.repeat(40)
    )
    expect(problems(query)).toEqual([])
    expect(variables).toMatchObject({
      env0: 'staging',
      env1: 'production',
      envAfter1: 'Y3Vyc29y',
      ref0: 'refs/heads/main',
      ref1: 'release/'
    })
  })

  it('context query is valid with deployments only (a further page)', () => {
    const { query, variables } = contextQuery(
      [{ alias: 'd0', environment: 'staging', after: 'Y3Vyc29y' }],
      [],
      'c'.repeat(40)
    )
    expect(problems(query)).toEqual([])
    expect(variables).not.toHaveProperty('sha')
  })

  it('context query is valid with refs only', () => {
    const { query } = contextQuery(
      [],
      [{ alias: 'b0', name: 'main', glob: false, after: null }],
      'c'.repeat(40)
    )
    expect(problems(query)).toEqual([])
  })

  it('changes query is valid', () => {
    const { query, variables } = changesQuery(['a'.repeat(40), 'b'.repeat(40)])
    expect(problems(query)).toEqual([])
    expect(variables).toEqual({ oid0: 'a'.repeat(40), oid1: 'b'.repeat(40) })
  })

  it('pages query is valid for every kind of page', () => {
    const repo = { owner: 'acme', name: 'shop' }
    const { query, variables } = pagesQuery(
      [
        { alias: 'p0', number: 7, kind: 'commits', after: 'x' },
        { alias: 'p1', number: 7, kind: 'reviews', after: 'y' },
        { alias: 's5', id: 'DE_5', kind: 'statuses', after: 'z' }
      ],
      repo
    )
    expect(problems(query)).toEqual([])
    expect(variables).toMatchObject({ owner: 'acme', name: 'shop', number0: 7 })
    const reviewsOnly = pagesQuery(
      [{ alias: 'p0', number: 7, kind: 'reviews', after: 'y' }],
      repo
    )
    expect(problems(reviewsOnly.query)).toEqual([])
    const statusesOnly = pagesQuery(
      [{ alias: 's5', id: 'DE_5', kind: 'statuses', after: 'z' }],
      repo
    )
    expect(problems(statusesOnly.query)).toEqual([])
    expect(statusesOnly.variables).not.toHaveProperty('owner')
  })
})
