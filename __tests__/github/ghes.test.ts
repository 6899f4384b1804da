// GitHub Enterprise Server in the client: a schema older than our queries
// is named as such (SPEC §9).
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../src/engine/index.js'
import {
  OLDEST_GHES,
  schemaMismatch,
  unknownFields
} from '../../src/github/ghes.js'

describe('unknownFields', () => {
  it("reads GitHub's undefinedField errors, by extensions or by message, once each", () => {
    expect(
      unknownFields([
        {
          path: ['query GateBootstrap', 'repository', 'defaultBranchRef'],
          extensions: {
            code: 'undefinedField',
            typeName: 'Ref',
            fieldName: 'rules'
          },
          message: "Field 'rules' doesn't exist on type 'Ref'"
        },
        { message: "Field 'rules' doesn't exist on type 'Ref'" },
        {
          message:
            "Field 'wasSignedByGitHub' doesn't exist on type 'GitSignature'"
        },
        { type: 'NOT_FOUND', message: 'Could not resolve to a Repository' },
        { type: 'RATE_LIMITED', message: 'API rate limit exceeded' },
        null,
        'text'
      ])
    ).toEqual([
      { typeName: 'Ref', fieldName: 'rules' },
      { typeName: 'GitSignature', fieldName: 'wasSignedByGitHub' }
    ])
  })
})

describe('schemaMismatch', () => {
  it('names every field, the version that has it when known, and the oldest GHES supported', () => {
    const e = schemaMismatch({
      fields: [
        { typeName: 'Ref', fieldName: 'rules' },
        { typeName: 'GitSignature', fieldName: 'wasSignedByGitHub' }
      ],
      serverVersion: '3.11.2'
    })
    expect(e).toBeInstanceOf(GitHubApiError)
    expect(e.message).toBe(
      'GitHub Enterprise Server 3.11.2 does not know `Ref.rules` (needs 3.13 or later), `GitSignature.wasSignedByGitHub`: promotion-gate supports GitHub Enterprise Server 3.13 and later'
    )
    expect(e.hint).toBe('Upgrade GitHub Enterprise Server to 3.13 or later.')
    expect(OLDEST_GHES).toBe('3.13')
  })

  it('says where to read the version when the server did not send it', () => {
    const e = schemaMismatch({
      fields: [{ typeName: 'Ref', fieldName: 'rules' }],
      serverVersion: undefined
    })
    expect(e.message).toMatch(/^this GitHub Enterprise Server does not know/)
    expect(e.hint).toContain('x-github-enterprise-version')
  })
})
