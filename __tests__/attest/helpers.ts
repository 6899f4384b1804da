// A real decision's evidence record, for the statement and its round trip,
// and that decision signed offline by the action's own path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { attestDecision, type AttestOutcome } from '../../src/action/attest.js'
import { decided } from '../../src/engine/decision.js'
import {
  buildEvidence,
  type EvidenceRecord
} from '../../src/engine/evidence/index.js'
import type { CheckResult } from '../../src/engine/rules/types.js'
import { makeRequest } from '../../src/engine/request.js'
import { SHA, aFacts, anEnvironmentPolicy } from '../../__fixtures__/facts.js'
import {
  mockSigstore,
  TOKEN_URL,
  type MockSigstore
} from '../../test-support/sigstore.js'

export const BLOB = 'b10b'.padEnd(40, 'e')

export function aRecord(
  o: { environment?: string; status?: CheckResult['status']; now?: Date } = {}
): EvidenceRecord {
  const request = makeRequest({
    owner: 'acme',
    repo: 'shop',
    environment: o.environment ?? 'production',
    sha: SHA,
    policyPath: '.github/promotion-gate.yml',
    run: { id: 2002, attempt: 1, actor: 'dave' }
  })
  const decision = decided({
    request,
    now: o.now ?? new Date(),
    policy: {
      record: { path: request.policyPath, ref: 'main', blobSha: BLOB },
      environment: anEnvironmentPolicy(),
      chain: ['staging']
    },
    facts: aFacts(),
    results: [
      {
        id: 'policy',
        status: 'pass',
        summary: 'policy read',
        problems: [],
        controls: [],
        links: []
      },
      {
        id: 'maker-checker',
        status: o.status ?? 'pass',
        summary: o.status === 'fail' ? 'no independent approval' : 'approved',
        problems: o.status === 'fail' ? ['no independent approval'] : [],
        controls: [],
        links: []
      }
    ]
  })
  return buildEvidence(decision, {
    mode: 'enforce',
    requests: 3,
    notes: [],
    followUpIssue: null
  })
}

/**
 * Signing offline, as in a job with `id-token: write`: @sigstore/mock's
 * authorities (test-support/sigstore.ts), the runner's token variables in
 * process.env (where @actions/attest reads them), a temporary directory and
 * the mocks' trusted roots in it, one per line as `gh attestation
 * trusted-root` writes them. `stop` undoes all of it.
 */
export interface OfflineSigning {
  sigstore: MockSigstore
  dir: string
  roots: string
  stop(): void
}

export async function offlineSigning(
  repository = 'acme/shop'
): Promise<OfflineSigning> {
  const sigstore = await mockSigstore()
  const dir = mkdtempSync(join(tmpdir(), 'pg-signing-'))
  const roots = join(dir, 'trusted-root.jsonl')
  writeFileSync(
    roots,
    `${JSON.stringify(sigstore.trustedRoot.publicGood)}\n${JSON.stringify(sigstore.trustedRoot.github)}\n`
  )
  const saved = { ...process.env }
  // no event payload: @actions/attest then signs with GitHub's instance
  // (Fulcio + TSA)
  Object.assign(process.env, {
    ACTIONS_ID_TOKEN_REQUEST_URL: TOKEN_URL,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-token',
    GITHUB_REPOSITORY: repository,
    GITHUB_SERVER_URL: 'https://github.com'
  })
  delete process.env.GITHUB_EVENT_PATH
  return {
    sigstore,
    dir,
    roots,
    stop: () => {
      sigstore.stop()
      rmSync(dir, { recursive: true, force: true })
      process.env = saved
    }
  }
}

let signedCount = 0

/**
 * A decision about acme/shop (`aRecord`) signed by the action's own path
 * in a job whose token has `claims`; GitHub's attestations endpoint stores
 * it as attestation 1.
 */
export async function signDecision(
  s: OfflineSigning,
  o: {
    claims: Record<string, string>
    image: string
    environment?: string
    status?: CheckResult['status']
  }
): Promise<Exclude<AttestOutcome, { kind: 'failed' }>> {
  s.sigstore.setClaims(o.claims)
  signedCount += 1
  const evidence = aRecord({ environment: o.environment, status: o.status })
  const evidenceFile = join(s.dir, `evidence-${signedCount}.json`)
  writeFileSync(evidenceFile, `${JSON.stringify(evidence, null, 2)}\n`)
  const outcome = await attestDecision({
    evidence,
    evidenceFile,
    owner: 'acme',
    repo: 'shop',
    serverUrl: 'https://github.com',
    token: 'ghs_x',
    artifact: { name: 'ghcr.io/acme/shop', sha256: o.image },
    env: process.env,
    github: {
      rest: <T>() =>
        Promise.resolve({ status: 201, data: { id: 1 } as T, headers: {} }),
      graphql: () => Promise.reject(new Error('no GraphQL here'))
    }
  })
  if (outcome.kind === 'failed') throw new Error(outcome.problem)
  return outcome
}
