// GitHub Enterprise Server in the client: its GraphQL path (/api/graphql)
// gets the same rate-limit handling as /graphql, and a schema older than our
// queries is named as such (SPEC §9).
import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../src/engine/index.js'
import { silentLogger, type Logger } from '../../src/engine/port.js'
import { createClient } from '../../src/github/client.js'
import {
  OLDEST_GHES,
  graphqlRoute,
  schemaMismatch,
  unknownFields
} from '../../src/github/ghes.js'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import { startSimulator } from '../../test-support/sim/server.js'

describe('graphqlRoute', () => {
  it.each([
    [
      'https://ghe.example/api/graphql',
      { baseUrl: 'https://ghe.example/api', url: '/graphql' }
    ],
    [
      'https://api.github.com/graphql',
      { baseUrl: 'https://api.github.com', url: '/graphql' }
    ],
    [
      'https://ghe.example/api/graphql/',
      { baseUrl: 'https://ghe.example/api', url: '/graphql' }
    ],
    // anything else goes as it is, absolute
    ['https://proxy.example/gql', { url: 'https://proxy.example/gql' }]
  ])('%s goes to Octokit as %j', (url, route) => {
    expect(graphqlRoute(url)).toEqual(route)
  })
})

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

describe('a GraphQL rate limit (200, RATE_LIMITED, no data)', () => {
  it.each([
    ['GitHub.com', false],
    ['GitHub Enterprise Server (/api/graphql)', true]
  ])(
    'on %s goes to the rate-limit handler and names the reset',
    async (_where, enterprise) => {
      const { world, run } = standard(reviewedChange)
      const server = await startSimulator(world.sim, {
        graphqlPointsPerHour: { github_token: 0 }
      })
      const warnings: string[] = []
      const logger: Logger = {
        ...silentLogger,
        warning: (m) => warnings.push(m)
      }
      try {
        const client = createClient({
          token: run.token,
          ...(enterprise
            ? { apiUrl: server.enterprise.url }
            : { apiUrl: server.url, graphqlUrl: server.graphqlUrl }),
          logger,
          timeoutMs: 5_000,
          retryBaseMs: 5
        })
        const failed = await client
          .graphql('query { rateLimit { remaining } }', {})
          .then(
            () => null,
            (e: unknown) => e
          )
        expect(failed).toBeInstanceOf(GitHubApiError)
        expect((failed as GitHubApiError).message).toMatch(
          /^POST \/graphql failed: API rate limit exceeded for installation ID \d+\. \(rate limit resets at \d{4}-\d\d-\d\dT/
        )
        // the throttling plugin saw it as GraphQL: it asked whether to wait
        const url = enterprise
          ? server.enterprise.graphqlUrl
          : server.graphqlUrl
        expect(warnings).toEqual([
          expect.stringMatching(
            new RegExp(
              `^rate limit reached on POST ${url}; reset in \\d+s is past the time budget$`
            )
          )
        ])
        expect(server.requests.map((r) => r.path)).toEqual([
          enterprise ? '/api/graphql' : '/graphql'
        ])
      } finally {
        await server.close()
      }
    }
  )
})
