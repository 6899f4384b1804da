// A GitHub Enterprise Server older than 3.13 has no `Ref.rules` and refuses
// the gate's queries whole (SPEC §9): the decision blocks with one message
// that names the field, the version that has it and the oldest GHES we
// support, not GitHub's raw validation error. In process, through the real
// client, against the simulator on its GHES URLs (/api/v3, /api/graphql).
import { describe, expect, it } from '@jest/globals'
import { evaluate } from '../../../src/engine/index.js'
import { silentLogger, type GitHubPort } from '../../../src/engine/port.js'
import { createClient } from '../../../src/github/client.js'
import {
  startSimulator,
  type FaultSpec
} from '../../../test-support/sim/server.js'
import {
  reviewedChange,
  standard,
  type GateRun,
  type World
} from '../../../test-support/demo/scenarios.js'
import { requestFor } from '../../../__fixtures__/request.js'

// GitHub's error for a field its schema lacks, in the shape `gh api graphql`
// prints it: HTTP 200, no `data`, extensions.code undefinedField.
const NO_REF_RULES = {
  path: ['query GateBootstrap', 'repository', 'defaultBranchRef', 'rules'],
  extensions: { code: 'undefinedField', typeName: 'Ref', fieldName: 'rules' },
  locations: [{ line: 9, column: 7 }],
  message: "Field 'rules' doesn't exist on type 'Ref'"
}

const CLEAR =
  'does not know `Ref.rules` (needs 3.13 or later): promotion-gate supports GitHub Enterprise Server 3.13 and later'

/** A fetch that adds GHES's version header to every answer. */
function reportingVersion(version: string, inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init)
    const headers = new Headers(res.headers)
    headers.set('x-github-enterprise-version', version)
    return new Response(res.body, {
      status: res.status,
      statusText: res.statusText,
      headers
    })
  }
}

/**
 * evaluate returns on the bootstrap's failure while the environment reads it
 * started go on: `idle` waits for them (and what they start) to end before
 * the server does, or they would retry into a closed port after the test.
 */
function tracked(port: GitHubPort): {
  port: GitHubPort
  idle: () => Promise<void>
} {
  const pending = new Set<Promise<unknown>>()
  const track = <T>(call: Promise<T>): Promise<T> => {
    pending.add(call)
    call.then(
      () => pending.delete(call),
      () => pending.delete(call)
    )
    return call
  }
  return {
    port: {
      rest: (route, params) => track(port.rest(route, params)),
      graphql: (query, variables) => track(port.graphql(query, variables))
    },
    idle: async () => {
      while (pending.size > 0) {
        await Promise.allSettled([...pending])
        // what a settled call starts next starts on a later turn
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
  }
}

async function decideOnGhes(
  w: World,
  run: GateRun,
  o: { fault: FaultSpec; version?: string }
) {
  const server = await startSimulator(w.sim)
  const realFetch = globalThis.fetch
  // the client takes the global fetch when it is built (no proxy on loopback)
  if (o.version !== undefined) {
    globalThis.fetch = reportingVersion(o.version, realFetch)
  }
  try {
    server.faults.add(o.fault)
    const client = createClient({
      token: run.token,
      apiUrl: server.enterprise.url,
      logger: silentLogger,
      timeoutMs: 20_000,
      retryBaseMs: 5
    })
    const github = tracked(client)
    const decision = await evaluate(requestFor(run), {
      github: github.port,
      logger: silentLogger,
      now: () => new Date()
    })
    await github.idle()
    return { decision, requests: server.requests }
  } finally {
    globalThis.fetch = realFetch
    await server.close()
  }
}

describe('a GitHub Enterprise Server without Ref.rules (older than 3.13)', () => {
  it('blocks with one clear message when GraphQL errors name the missing field', async () => {
    const { world, run } = standard(reviewedChange)
    const { decision, requests } = await decideOnGhes(world, run, {
      fault: { kind: 'graphql-errors', graphql: true, errors: [NO_REF_RULES] }
    })
    expect(decision.decision).toBe('block')
    expect(decision.failure).toMatchObject({
      code: 'github-api',
      message: `this GitHub Enterprise Server ${CLEAR}`
    })
    expect(decision.failure?.hint).toMatch(/Upgrade .* to 3\.13 or later/)
    // every check says why it could not be verified, in the same words
    const errors = decision.results.filter((c) => c.status === 'error')
    expect(errors.length).toBeGreaterThan(1)
    for (const c of errors) expect(c.problems.join(' ')).toContain(CLEAR)
    expect(JSON.stringify(decision.results)).not.toContain("doesn't exist")
    expect(
      requests.filter((r) => r.graphql).map((r) => [r.path, r.fault])
    ).toEqual([['/api/graphql', 'graphql-errors']])
  })

  it("names the server's version when it sends one, on GitHub's exact answer (200, no data)", async () => {
    const { world, run } = standard(reviewedChange)
    const { decision } = await decideOnGhes(world, run, {
      fault: {
        kind: 'status',
        status: 200,
        graphql: true,
        body: { errors: [NO_REF_RULES] }
      },
      version: '3.12.5'
    })
    expect(decision.decision).toBe('block')
    expect(decision.failure?.message).toBe(
      `GitHub Enterprise Server 3.12.5 ${CLEAR}`
    )
  })
})
