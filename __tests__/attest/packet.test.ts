// The audit packet signed and checked (SPEC §7, §10; issue 17 item 6):
// `mode: audit` with `attest: true` against the simulator on 127.0.0.1 signs
// the packet's manifest.json through @actions/attest, offline against
// @sigstore/mock's Fulcio and timestamp authority, and keeps the bundle in
// the packet; `promotion-gate verify --packet` then passes the packet as
// written and refuses one changed, added to or cut, another repository's,
// another signer's, or a manifest rewritten to match edited files.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { cpSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionIO } from '../../src/action/main.js'
import { digests } from '../../src/audit/manifest.js'
import { PACKET_PREDICATE_TYPE } from '../../src/attest/packet-statement.js'
import { runCli } from '../../src/cli/main.js'
import { attestDecision } from '../../src/action/attest.js'
import { aRecord, offlineSigning, type OfflineSigning } from './helpers.js'
import { createClient } from '../../src/github/client.js'
import { runFromEnv } from '../../__fixtures__/action.js'
import { auditWorld, release } from '../../test-support/demo/audit-world.js'
import {
  OWNER,
  READ_PERMISSIONS,
  REPO
} from '../../test-support/demo/scenarios.js'
import { startSimulator } from '../../test-support/sim/server.js'
import {
  jobClaims,
  TOKEN_URL,
  type MockSigstore
} from '../../test-support/sigstore.js'

const AUDIT = `${OWNER}/${REPO}/.github/workflows/audit.yml@refs/heads/main`

let signing: OfflineSigning
let sigstore: MockSigstore
let temp: string
let roots: string

beforeAll(async () => {
  signing = await offlineSigning(`${OWNER}/${REPO}`)
  ;({ sigstore, dir: temp, roots } = signing)
})

afterAll(() => signing.stop())

interface Run {
  dir: string
  outputs: Record<string, string>
  failed: string[]
  log: string[]
}

let n = 0
/** The action's audit of a fresh world, signed as `workflowRef`. */
async function signedAudit(
  o: { idToken?: boolean; workflowRef?: string } = {}
): Promise<Run> {
  const { world: w } = auditWorld(2)
  release(w)
  const server = await startSimulator(w.sim)
  sigstore.setClaims(
    jobClaims({
      repository: `${OWNER}/${REPO}`,
      workflowRef: o.workflowRef ?? AUDIT
    })
  )
  n += 1
  const runnerTemp = join(temp, `run-${n}`)
  const r: Run = {
    dir: join(runnerTemp, 'promotion-gate', 'audit-production'),
    outputs: {},
    failed: [],
    log: []
  }
  const io: ActionIO = {
    debug: () => undefined,
    info: (m) => r.log.push(`info ${m}`),
    warning: (m) => r.log.push(`warning ${m}`),
    error: (m) => r.log.push(`error ${m}`),
    setSecret: () => undefined,
    setOutput: (k, v) => (r.outputs[k] = v),
    writeSummary: () => Promise.resolve(),
    annotate: () => undefined,
    setFailed: (m) => r.failed.push(m)
  }
  const sha = 'f'.repeat(40)
  try {
    await runFromEnv({
      env: {
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_SHA: sha,
        GITHUB_ACTOR: 'dora',
        GITHUB_RUN_ID: '1',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_API_URL: server.url,
        GITHUB_GRAPHQL_URL: server.graphqlUrl,
        RUNNER_TEMP: runnerTemp,
        ...(o.idToken === false
          ? {}
          : {
              ACTIONS_ID_TOKEN_REQUEST_URL: TOKEN_URL,
              ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-token'
            }),
        INPUT_MODE: 'audit',
        'INPUT_AUDIT-SINCE': '30d',
        INPUT_ENVIRONMENT: 'production',
        INPUT_SHA: sha,
        INPUT_ATTEST: 'true',
        'INPUT_EVIDENCE-ARTIFACT': 'false',
        INPUT_TOKEN: w.sim.workflowToken({
          ...READ_PERMISSIONS,
          issues: 'read'
        })
      },
      io,
      now: () => new Date(),
      // the simulator has no attestations store: GitHub's answer to
      // POST /repos/{owner}/{repo}/attestations for a public repository,
      // 201 with the id (docs.github.com/en/rest/repos/attestations)
      client: (inputs) => {
        const real = createClient({
          token: inputs.token,
          apiUrl: server.url,
          graphqlUrl: server.graphqlUrl,
          logger: io,
          timeoutMs: 30_000
        })
        return {
          ...real,
          rest: async <T>(route: string, params?: Record<string, unknown>) =>
            route === 'POST /repos/{owner}/{repo}/attestations'
              ? { status: 201, data: { id: 4242 } as T, headers: {} }
              : real.rest<T>(route, params)
        }
      }
    })
  } finally {
    await server.close()
  }
  return r
}

async function verify(
  dir: string,
  extra: string[] = []
): Promise<{ code: number; stdout: string }> {
  const out: string[] = []
  // defaults, each replaced when the case names the option
  const options = new Map([
    ['--packet', dir],
    ['--repo', `${OWNER}/${REPO}`],
    ['--signer-workflow', '.github/workflows/audit.yml@refs/heads/main'],
    ['--trusted-root', roots]
  ])
  for (let i = 0; i < extra.length; i += 2) {
    options.set(extra[i] as string, extra[i + 1] as string)
  }
  const code = await runCli(['verify', ...[...options].flat()], {
    env: {},
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: () => undefined },
    now: () => new Date()
  })
  return { code, stdout: out.join('') }
}

/** A copy of the signed packet to tamper with. */
function copy(dir: string): string {
  n += 1
  const to = join(temp, `copy-${n}`)
  cpSync(dir, to, { recursive: true })
  return to
}

describe('mode: audit with attest: true', () => {
  let run: Run
  beforeAll(async () => {
    run = await signedAudit()
  })

  it('signs manifest.json, keeps the bundle in the packet and stores it as an attestation', () => {
    expect(run.failed).toEqual([])
    const bundleFile = join(run.dir, 'manifest.sigstore.json')
    expect(run.outputs['attestation-bundle']).toBe(bundleFile)
    expect(run.outputs['attestation-id']).toBe('4242')
    expect(run.log).toContain(
      `info signed audit manifest stored as attestation ${run.outputs['attestation-url']}`
    )
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as {
      dsseEnvelope: { payload: string }
    }
    const statement = JSON.parse(
      Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()
    ) as {
      subject: { name: string; digest: { sha256: string } }[]
      predicateType: string
      predicate: { repository: string; files: unknown[] }
    }
    expect(statement.predicateType).toBe(PACKET_PREDICATE_TYPE)
    const manifest = readFileSync(join(run.dir, 'manifest.json'))
    expect(statement.subject).toEqual([
      {
        name: 'manifest.json',
        digest: {
          sha256: createHash('sha256').update(manifest).digest('hex')
        }
      }
    ])
    expect(statement.predicate).toEqual(JSON.parse(manifest.toString()))
  })

  it('verify --packet passes the packet as written, saying what it checked', async () => {
    const r = await verify(run.dir, ['--environment', 'production'])
    expect(r.stdout).toMatch(
      new RegExp(
        `^verified: the audit packet of ${OWNER}/${REPO} \\(production, \\S+ to \\S+\\) is as signed\\n`
      )
    )
    expect(r.stdout).toContain(`signer     https://github.com/${AUDIT}`)
    expect(r.stdout).toContain('signature  valid (timestamp authority)')
    const listed = digests(run.dir).length - 1
    expect(r.stdout).toMatch(
      new RegExp(
        `files {6}${listed} listed in manifest.json, each matching its sha256 \\(\\d+ bytes\\); none added`
      )
    )
    expect(r.code).toBe(0)
  })

  it('refuses a file changed, a file cut and a file added after signing', async () => {
    const changed = copy(run.dir)
    writeFileSync(
      join(changed, 'population.csv'),
      `${readFileSync(join(changed, 'population.csv'), 'utf8')}forged,row\n`
    )
    expect(await verify(changed)).toEqual({
      code: 1,
      stdout:
        'refused: the packet is not as signed: changed since it was signed: population.csv\n'
    })
    const cut = copy(run.dir)
    const evidence = digests(cut).find((f) => f.path.startsWith('evidence/'))
    unlinkSync(join(cut, evidence?.path ?? ''))
    expect((await verify(cut)).stdout).toBe(
      `refused: the packet is not as signed: missing: ${evidence?.path}\n`
    )
    const added = copy(run.dir)
    writeFileSync(join(added, 'evidence', '999.json'), '{}\n')
    expect((await verify(added)).stdout).toBe(
      'refused: the packet is not as signed: not in the manifest: evidence/999.json\n'
    )
  })

  it('refuses a manifest rewritten to match edited files: the signature is over the old one', async () => {
    const forged = copy(run.dir)
    writeFileSync(join(forged, 'population.csv'), 'id\n')
    const manifest = JSON.parse(
      readFileSync(join(forged, 'manifest.json'), 'utf8')
    ) as { files: unknown }
    manifest.files = digests(forged).filter(
      (f) => f.path !== 'manifest.sigstore.json'
    )
    writeFileSync(join(forged, 'manifest.json'), JSON.stringify(manifest))
    const r = await verify(forged)
    expect(r.stdout).toMatch(
      /^refused: the signature is over another manifest: manifest.json's sha256 is [0-9a-f]{64}, the statement names [0-9a-f]{64}\n$/
    )
    expect(r.code).toBe(1)
  })

  it('refuses another signer workflow, another repository and another environment', async () => {
    expect(
      (
        await verify(run.dir, [
          '--signer-workflow',
          '.github/workflows/release.yml'
        ])
      ).stdout
    ).toMatch(/^refused: .*release\.yml/)
    expect(
      (
        await verify(run.dir, [
          '--repo',
          `${OWNER}/other`,
          '--signer-workflow',
          AUDIT
        ])
      ).stdout
    ).toMatch(
      /^refused: signed in a run of https:\/\/github.com\/acme\/shop, not of https:\/\/github.com\/acme\/other/
    )
    expect((await verify(run.dir, ['--environment', 'staging'])).stdout).toBe(
      'refused: the packet is an audit of environment "production", not "staging"\n'
    )
  })

  it('refuses a signed decision given as the packet’s bundle', async () => {
    const evidence = aRecord()
    const evidenceFile = join(temp, 'evidence-decision.json')
    writeFileSync(evidenceFile, JSON.stringify(evidence))
    sigstore.setClaims(
      jobClaims({ repository: `${OWNER}/${REPO}`, workflowRef: AUDIT })
    )
    const outcome = await attestDecision({
      evidence,
      evidenceFile,
      owner: OWNER,
      repo: REPO,
      serverUrl: 'https://github.com',
      token: 'ghs_x',
      artifact: null,
      env: process.env,
      github: {
        rest: async <T>() => ({
          status: 201,
          data: { id: 1 } as T,
          headers: {}
        }),
        graphql: () => Promise.reject(new Error('no GraphQL here'))
      }
    })
    if (outcome.kind === 'failed') throw new Error(outcome.problem)
    expect(
      (await verify(run.dir, ['--bundle', outcome.bundleFile])).stdout
    ).toBe(
      `refused: the statement's predicate is https://slsa.dev/verification_summary/v1, not an audit packet's (${PACKET_PREDICATE_TYPE})\n`
    )
  })

  it('refuses options about a deployment, and a packet without a manifest', async () => {
    expect((await verify(run.dir, ['--commit', 'a'.repeat(40)])).code).toBe(2)
    expect((await verify(join(temp, 'nowhere'))).code).toBe(2)
  })
})

describe('mode: audit with attest: true that cannot sign', () => {
  it('fails the step naming id-token: write, and keeps no bundle', async () => {
    const run = await signedAudit({ idToken: false })
    expect(run.failed).toEqual([
      expect.stringMatching(
        /attest: true, and the audit manifest could not be signed: the job has no OIDC token .*`id-token: write`/
      )
    ])
    expect(run.outputs['attestation-bundle']).toBe('')
    expect(digests(run.dir).map((f) => f.path)).not.toContain(
      'manifest.sigstore.json'
    )
  })
})
