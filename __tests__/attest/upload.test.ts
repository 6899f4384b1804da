// The signed decision outlives the runner: with attest: true its bundle is
// uploaded beside the evidence record, each as a direct (unzipped) artifact
// named after its file. Where GitHub keeps no attestation (a private
// repository outside GitHub Enterprise Cloud) that artifact is the only copy
// a deploy target can give to `promotion-gate verify --bundle`.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { tmpdir } from 'node:os'
import type { ActionIO } from '../../src/action/main.js'
import type { Upload } from '../../src/action/artifact.js'
import { parseInputs } from '../../src/action/inputs.js'
import { GitHubApiError } from '../../src/engine/index.js'
import { createClient, type GitHubClient } from '../../src/github/client.js'
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
  temp = mkdtempSync(join(tmpdir(), 'pg-attest-upload-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  rmSync(temp, { recursive: true, force: true })
})

/** What POST /repos/{owner}/{repo}/attestations answers in this case. */
type Store = () => Promise<{ id: number }>

async function act(o: {
  store: Store
  upload?: (u: Upload) => Promise<{ id: number }>
  env?: Record<string, string>
}) {
  const { world, run } = standard(reviewedChange)
  server = await startSimulator(world.sim)
  const s = server
  const uploads: Upload[] = []
  const log: string[] = []
  const outputs: Record<string, string> = {}
  const io: ActionIO = {
    debug: () => undefined,
    info: (m) => log.push(`info ${m}`),
    warning: (m) => log.push(`warning ${m}`),
    error: (m) => log.push(`error ${m}`),
    setSecret: () => undefined,
    setOutput: (n, v) => (outputs[n] = v),
    writeSummary: () => Promise.resolve(),
    annotate: () => undefined,
    setFailed: () => undefined
  }
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
        const { id } = await o.store()
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
      // a runner with artifact storage
      ACTIONS_RUNTIME_TOKEN: 'runtime',
      ACTIONS_RESULTS_URL: 'https://results.actions.test/',
      INPUT_ENVIRONMENT: run.environment,
      INPUT_SHA: run.sha,
      INPUT_TOKEN: run.token,
      INPUT_ATTEST: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.test/idtoken',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
      ...o.env
    },
    io,
    now: () => new Date(),
    client,
    upload: async (u) => {
      uploads.push(u)
      return (o.upload ?? (async () => ({ id: 40 + uploads.length })))(u)
    },
    sign: async ({ statement }) => ({
      bundle: { mediaType: 'stand-in', statement }
    })
  })
  return { uploads, log, outputs }
}

const runUrl = (id: number): string =>
  expect.stringMatching(
    new RegExp(
      `^https://github\\.com/acme/shop/actions/runs/\\d+/artifacts/${id}$`
    )
  ) as unknown as string

describe('attest: true keeps the signed decision with the evidence', () => {
  it('uploads the bundle after the record, each as the file itself, named after it', async () => {
    const r = await act({ store: async () => ({ id: 7 }) })
    expect(r.outputs.decision).toBe('allow')
    const evidence = r.outputs['evidence-file'] as string
    const bundle = r.outputs['attestation-bundle'] as string
    expect(basename(bundle)).toBe(
      basename(evidence).replace(/\.json$/, '.sigstore.json')
    )
    expect(r.uploads).toEqual([
      {
        name: basename(evidence),
        files: [evidence],
        root: temp + '/promotion-gate',
        direct: true
      },
      {
        name: basename(bundle),
        files: [bundle],
        root: temp + '/promotion-gate',
        direct: true
      }
    ])
    // the evidence-url output stays the record's
    expect(r.outputs['evidence-url']).toEqual(runUrl(41))
    expect(r.log).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^info signed decision uploaded as artifact ${basename(bundle).replace(/\./g, '\\.')}: https://github\\.com/acme/shop/actions/runs/\\d+/artifacts/42$`
        )
      )
    )
    expect(JSON.parse(readFileSync(bundle, 'utf8')).mediaType).toBe('stand-in')
  })

  it('uploads it where GitHub keeps no attestation, the only copy then', async () => {
    const r = await act({
      store: () =>
        Promise.reject(
          new GitHubApiError(
            'POST /repos/acme/shop/attestations failed with 404: Feature not available for user-owned private repositories. To enable this feature, please make this repository public.',
            { status: 404 }
          )
        )
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.outputs['attestation-id']).toBe('')
    expect(r.uploads.map((u) => u.name)).toEqual([
      expect.stringMatching(/^evidence-.*\d\.json$/),
      expect.stringMatching(/^evidence-.*\.sigstore\.json$/)
    ])
  })

  it('uploads no bundle when nothing was signed (the allow withdrawn)', async () => {
    const r = await act({
      store: () => Promise.reject(new Error('not reached')),
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: '' }
    })
    expect(r.outputs.decision).toBe('block')
    expect(r.uploads.map((u) => u.name)).toEqual([
      expect.stringMatching(/^evidence-.*\d\.json$/)
    ])
  })

  it('uploads nothing with evidence-artifact: false', async () => {
    const r = await act({
      store: async () => ({ id: 7 }),
      env: { 'INPUT_EVIDENCE-ARTIFACT': 'false' }
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.uploads).toEqual([])
    expect(r.outputs['attestation-bundle']).not.toBe('')
  })

  it('a bundle upload that fails warns, naming the file, and changes no decision', async () => {
    const r = await act({
      store: async () => ({ id: 7 }),
      upload: async (u) => {
        if (u.name.endsWith('.sigstore.json')) throw new Error('503 busy')
        return { id: 41 }
      }
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.log).toContainEqual(
      `warning the signed decision was not uploaded as an artifact (503 busy); it is at ${r.outputs['attestation-bundle']} on the runner only: keep it with actions/upload-artifact and the attestation-bundle output, or set evidence-artifact: false`
    )
  })
})
