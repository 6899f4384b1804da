// `promotion-gate verify` as users run it: the bundled command line
// (dist/cli/index.js, whose chunks scripts/bundle.ts minifies) checks a
// decision signed by the action's own path against @sigstore/mock's
// authorities, offline with their trusted root (SPEC §10). The cases one
// by one are in __tests__/attest/round-trip.test.ts, in process; here, that
// the bundle verifies a good signature and refuses a changed one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { SHA } from '../../__fixtures__/facts.js'
import { jobClaims } from '../../test-support/sigstore.js'
import {
  offlineSigning,
  signDecision,
  type OfflineSigning
} from '../attest/helpers.js'

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))
const GATE = 'acme/shop/.github/workflows/gate.yml@refs/heads/main'
const IMAGE = 'c0ffee'.padEnd(64, '0')

let signing: OfflineSigning
let signed: string

beforeAll(async () => {
  signing = await offlineSigning()
  const outcome = await signDecision(signing, {
    claims: jobClaims({ repository: 'acme/shop', workflowRef: GATE }),
    image: IMAGE
  })
  signed = outcome.bundleFile
})

afterAll(() => signing.stop())

/** dist/cli/index.js verify, offline: no GitHub, the mocks' trusted root. */
async function verify(
  bundle: string
): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [
    BIN,
    'verify',
    '--bundle',
    bundle,
    '--environment',
    'production',
    '--signer-repo',
    'acme/shop',
    '--signer-workflow',
    '.github/workflows/gate.yml@refs/heads/main',
    '--digest',
    `sha256:${IMAGE}`,
    '--commit',
    SHA,
    '--trusted-root',
    signing.roots
  ]
  try {
    const r = await promisify(execFile)(process.execPath, args, {
      env: { PATH: process.env.PATH }
    })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('dist/cli/index.js verify', () => {
  it('verifies a decision the action signed, and says what it verified', async () => {
    const r = await verify(signed)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(
      'verified: the gate passed acme/shop@a1b2c3d for production'
    )
    expect(r.stdout).toContain(`signer     https://github.com/${GATE}`)
    expect(r.stdout).toContain('signature  valid (timestamp authority)')
    expect(r.code).toBe(0)
  })

  it('refuses it once its statement is changed', async () => {
    const bundle = JSON.parse(readFileSync(signed, 'utf8'))
    const statement = JSON.parse(
      Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()
    )
    statement.predicate.resourceUri = statement.predicate.resourceUri.replace(
      'production',
      'production2'
    )
    bundle.dsseEnvelope.payload = Buffer.from(
      JSON.stringify(statement)
    ).toString('base64')
    const tampered = join(signing.dir, 'tampered.json')
    writeFileSync(tampered, JSON.stringify(bundle))
    const r = await verify(tampered)
    expect(r.stdout).toMatch(
      /^refused: the signature does not verify against the trusted root: .*signature/
    )
    expect(r.code).toBe(1)
  })
})
