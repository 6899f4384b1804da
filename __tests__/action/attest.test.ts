// `attest: true` through runAction, in process against the simulator: the
// signer is a stand-in here (the real signing path is in
// __tests__/attest/round-trip.test.ts); what is tested is what the step
// does with each answer: stored, refused by GitHub for the repository's
// plan, refused for a missing permission, or no OIDC token at all.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { ActionIO } from '../../src/action/main.js'
import type { SignStatement } from '../../src/action/attest.js'
import { parseInputs } from '../../src/action/inputs.js'
import { GitHubApiError } from '../../src/engine/index.js'
import { createClient, type GitHubClient } from '../../src/github/client.js'
import type { Statement } from '../../src/attest/statement.js'
import { runFromEnv } from '../../__fixtures__/action.js'
import {
  OWNER,
  REPO,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'

let temp: string
let server: SimulatorServer | null = null
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'pg-attest-action-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  rmSync(temp, { recursive: true, force: true })
})

type Store = (bundle: unknown) => Promise<{ id: number }>

/** GitHub's words for a private repository outside GitHub Enterprise Cloud (github.com/github/docs/issues/35835). */
const NOT_AVAILABLE =
  'Feature not available for user-owned private repositories. To enable this feature, please make this repository public.'

async function act(o: {
  env?: Record<string, string>
  store: Store
  sign?: SignStatement
  blocked?: boolean
}) {
  const { world, run } = standard(
    reviewedChange,
    o.blocked === true ? { environments: ['development'] } : {}
  )
  server = await startSimulator(world.sim)
  const s = server
  const rec = {
    outputs: {} as Record<string, string>,
    failed: [] as string[],
    log: [] as string[],
    signed: [] as Statement[]
  }
  const io: ActionIO = {
    debug: () => undefined,
    info: (m) => rec.log.push(`info ${m}`),
    warning: (m) => rec.log.push(`warning ${m}`),
    error: (m) => rec.log.push(`error ${m}`),
    setSecret: () => undefined,
    setOutput: (n, v) => (rec.outputs[n] = v),
    writeSummary: () => Promise.resolve(),
    annotate: () => undefined,
    setFailed: (m) => rec.failed.push(m)
  }
  // the simulator answers the decision's calls; the attestations endpoint
  // is the case's
  const client = (inputs: ReturnType<typeof parseInputs>): GitHubClient => {
    const real = createClient({
      token: inputs.token,
      apiUrl: s.url,
      graphqlUrl: s.graphqlUrl,
      logger: io,
      timeoutMs: 30_000
    })
    return {
      ...real,
      rest: async <T>(route: string, params?: Record<string, unknown>) => {
        if (route !== 'POST /repos/{owner}/{repo}/attestations') {
          return real.rest<T>(route, params)
        }
        const { id } = await o.store(params?.bundle)
        return { status: 201, data: { id } as T, headers: {} }
      }
    }
  }
  await runFromEnv({
    env: {
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_SHA: run.sha,
      GITHUB_ACTOR: run.actor,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_RUN_ID: String(run.runId),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_API_URL: s.url,
      GITHUB_GRAPHQL_URL: s.graphqlUrl,
      RUNNER_TEMP: temp,
      INPUT_ENVIRONMENT: run.environment,
      INPUT_SHA: run.sha,
      INPUT_TOKEN: run.token,
      INPUT_ATTEST: 'true',
      'INPUT_SUBJECT-DIGEST': `sha256:${'AB'.repeat(32)}`,
      'INPUT_SUBJECT-NAME': 'ghcr.io/acme/shop',
      'INPUT_EVIDENCE-ARTIFACT': 'false',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.test/idtoken',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
      ...o.env
    },
    io,
    now: () => new Date(),
    client,
    sign:
      o.sign ??
      (async ({ statement }) => {
        rec.signed.push(statement as Statement)
        return { bundle: { mediaType: 'stand-in', statement } }
      })
  })
  const evidence = JSON.parse(
    readFileSync(rec.outputs['evidence-file'] as string, 'utf8')
  )
  return { ...rec, evidence }
}

describe('attest: true', () => {
  it('signs the allow, stores it, and names it in the outputs', async () => {
    const stored: unknown[] = []
    const r = await act({
      store: async (bundle) => {
        stored.push(bundle)
        return { id: 77 }
      }
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.failed).toEqual([])
    expect(r.outputs['attestation-id']).toBe('77')
    expect(r.outputs['attestation-url']).toBe(
      'https://github.com/acme/shop/attestations/77'
    )
    const file = r.outputs['attestation-bundle'] as string
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(stored[0])
    const [statement] = r.signed
    expect(statement?.predicate.verificationResult).toBe('PASSED')
    expect(statement?.predicate.resourceUri).toMatch(/#environment=production$/)
    // the artifact, lower-cased, and the record as written
    expect(statement?.subject[2]).toEqual({
      name: 'ghcr.io/acme/shop',
      digest: { sha256: 'ab'.repeat(32) }
    })
    expect(
      statement?.predicate[
        'https://github.com/promotion-gate/promotion-gate/schema/evidence.schema.json'
      ]
    ).toEqual(r.evidence)
  })

  it('a block is signed too, FAILED', async () => {
    const r = await act({ blocked: true, store: async () => ({ id: 5 }) })
    expect(r.outputs.decision).toBe('block')
    expect(r.signed[0]?.predicate.verificationResult).toBe('FAILED')
    expect(r.outputs['attestation-id']).toBe('5')
  })

  it('where GitHub stores no attestations, the allow stands and the bundle is kept as a file', async () => {
    const r = await act({
      store: () =>
        Promise.reject(
          new GitHubApiError(
            `POST /repos/acme/shop/attestations failed with 422: ${NOT_AVAILABLE}`,
            { status: 422 }
          )
        )
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.outputs['attestation-id']).toBe('')
    const file = r.outputs['attestation-bundle'] as string
    expect(file).toMatch(/evidence-production-.*\.sigstore\.json$/)
    expect(r.log).toContainEqual(
      `warning GitHub stores no attestations for this repository (${NOT_AVAILABLE}): the signed decision is kept at ${file} (output attestation-bundle); keep it with the evidence and give it to promotion-gate verify --bundle`
    )
  })

  it('without attestations: write the allow becomes a block that names the permission', async () => {
    const r = await act({
      store: () =>
        Promise.reject(
          new GitHubApiError(
            'POST /repos/acme/shop/attestations failed with 403: Resource not accessible by integration',
            { status: 403 }
          )
        )
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.outputs.violations).toBe('[]')
    expect(r.failed).toHaveLength(1)
    expect(r.failed[0]).toMatch(
      /^promotion-gate blocked [0-9a-f]{7} to production: attest: true, and the signed decision could not be stored as an attestation \(the token lacks `attestations: write`\): POST .* 403: Resource not accessible by integration; an allow that is not signed is not given$/
    )
    expect(r.log).toContainEqual(
      expect.stringContaining(
        'Give the job `permissions: attestations: write` (and `id-token: write`)'
      )
    )
    // the record uploaded says what the step did
    expect(r.evidence.decision).toBe('block')
    expect(r.evidence.failure.message).toContain('attestations: write')
    expect(r.outputs['attestation-bundle']).toBe('')
  })

  it('without id-token: write nothing is signed and the allow becomes a block that names the permission', async () => {
    const r = await act({
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: '' },
      store: () => Promise.reject(new Error('not reached'))
    })
    expect(r.signed).toEqual([])
    expect(r.outputs.decision).toBe('block')
    expect(r.failed[0]).toContain(
      'the job has no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is unset), which the `id-token: write` permission gives'
    )
    expect(r.evidence.failure.hint).toBe(
      'Give the job `permissions: id-token: write` (and `attestations: write`), or set attest: false.'
    )
  })

  it('a signer that fails (Fulcio refuses the token) blocks the allow', async () => {
    const r = await act({
      sign: () =>
        Promise.reject(
          new Error('Error creating signing certificate - (403) Forbidden')
        ),
      store: () => Promise.reject(new Error('not reached'))
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.failed[0]).toContain(
      'the decision could not be signed: Error creating signing certificate - (403) Forbidden'
    )
  })
})

describe('the attest inputs', () => {
  const base = {
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'a'.repeat(40),
    INPUT_ENVIRONMENT: 'production',
    INPUT_TOKEN: 't'
  }
  it('attest defaults to false, with no subject', () => {
    expect(parseInputs(base)).toMatchObject({ attest: false, subject: null })
  })
  it('the subject name defaults to the digest', () => {
    expect(
      parseInputs({
        ...base,
        INPUT_ATTEST: 'true',
        'INPUT_SUBJECT-DIGEST': `sha256:${'c'.repeat(64)}`
      }).subject
    ).toEqual({ name: `sha256:${'c'.repeat(64)}`, sha256: 'c'.repeat(64) })
  })
  it.each([
    [{ INPUT_ATTEST: 'yes' }, 'input attest must be true or false, not "yes"'],
    [
      { INPUT_ATTEST: 'true', 'INPUT_SUBJECT-DIGEST': 'sha256:abc' },
      'input subject-digest must be sha256: and 64 hex characters'
    ],
    [
      { 'INPUT_SUBJECT-DIGEST': `sha256:${'c'.repeat(64)}` },
      'input subject-digest is a subject of the signed decision: set attest: true, or remove it'
    ],
    [
      { INPUT_ATTEST: 'true', 'INPUT_SUBJECT-NAME': 'img' },
      'input subject-name is set without subject-digest'
    ]
  ])('%j is refused', (env, message) => {
    expect(() => parseInputs({ ...base, ...env })).toThrow(message)
  })
})
