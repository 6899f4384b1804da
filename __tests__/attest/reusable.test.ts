// Signed by the shared reusable workflow (issue 17 item 3): the certificate's
// SAN names the *called* workflow (OWNER/promotion-gate's gate.yml) whatever
// repository called it, so `promotion-gate verify` also pins the repository
// whose run signed, the certificate's Source Repository URI
// (1.3.6.1.4.1.57264.1.12). @sigstore/mock's Fulcio writes both from the job
// token's claims as Fulcio does (job_workflow_ref, repository, workflow_ref),
// so the round trip runs on real certificates.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { derUtf8, extensionText, OID } from '../../src/attest/certificate.js'
import { runCli } from '../../src/cli/main.js'
import { jobClaims } from '../../test-support/sigstore.js'
import { offlineSigning, signDecision, type OfflineSigning } from './helpers.js'

const REUSABLE = 'OWNER/promotion-gate/.github/workflows/gate.yml'
const IMAGE = 'beef'.padEnd(64, '1')

let signing: OfflineSigning

beforeAll(async () => {
  signing = await offlineSigning()
})

afterAll(() => signing.stop())

/** A decision about acme/shop, signed in a job with these token claims. */
async function signedWith(claims: Record<string, string>): Promise<string> {
  return (await signDecision(signing, { claims, image: IMAGE })).bundleFile
}

/** The claims of the reusable workflow's job, called from `repository`. */
const calledFrom = (
  repository: string,
  ref = 'refs/tags/v1'
): Record<string, string> => ({
  ...jobClaims({ repository, workflowRef: `${REUSABLE}@${ref}` }),
  // the caller's workflow: Build Config URI
  workflow_ref: `${repository}/.github/workflows/deploy.yml@refs/heads/main`
})

async function verify(
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(
    [
      'verify',
      '--environment',
      'production',
      '--digest',
      `sha256:${IMAGE}`,
      '--trusted-root',
      signing.roots,
      ...args
    ],
    {
      env: {},
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      now: () => new Date()
    }
  )
  return { code, stdout: out.join(''), stderr: err.join('') }
}

const PINNED = [
  '--repo',
  'acme/shop',
  '--signer-workflow',
  `${REUSABLE}@refs/tags/v1`
]

describe('a decision signed by the reusable workflow gate.yml', () => {
  it('passes when the workflow and the calling repository are pinned, and says both', async () => {
    const file = await signedWith(calledFrom('acme/shop'))
    const r = await verify(['--bundle', file, ...PINNED])
    expect(r.stdout).toContain(
      `signer     https://github.com/${REUSABLE}@refs/tags/v1`
    )
    expect(r.stdout).toContain(
      'run of     https://github.com/acme/shop (https://github.com/acme/shop/.github/workflows/deploy.yml@refs/heads/main)'
    )
    expect(r.code).toBe(0)
  })

  it('another repository calling the same workflow is refused, though the SAN is the same', async () => {
    // what anyone can do: call OWNER/promotion-gate's gate.yml@v1 from their
    // own repository, with a statement that names acme/shop
    const file = await signedWith(calledFrom('mallory/shop'))
    const r = await verify(['--bundle', file, ...PINNED])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe(
      'refused: signed in a run of https://github.com/mallory/shop, not of https://github.com/acme/shop (a workflow of OWNER/promotion-gate signs for every repository that calls it)\n'
    )
  })

  it('a certificate that names no source repository is refused', async () => {
    const claims = calledFrom('acme/shop')
    delete claims.repository
    const file = await signedWith(claims)
    const r = await verify(['--bundle', file, ...PINNED])
    expect(r.stdout).toBe(
      'refused: the certificate names no source repository (extension 1.3.6.1.4.1.57264.1.12), so the run that signed cannot be tied to https://github.com/acme/shop\n'
    )
  })

  it('another tag of the workflow is refused when v1 is pinned', async () => {
    const file = await signedWith(calledFrom('acme/shop', 'refs/heads/dev'))
    const r = await verify(['--bundle', file, ...PINNED])
    expect(r.stdout).toBe(
      `refused: signed by https://github.com/${REUSABLE}@refs/heads/dev, not by the expected workflow https://github.com/${REUSABLE}@refs/tags/v1\n`
    )
  })

  it("the caller's own workflow is not the reusable one", async () => {
    const file = await signedWith(
      jobClaims({
        repository: 'acme/shop',
        workflowRef: 'acme/shop/.github/workflows/gate.yml@refs/tags/v1'
      })
    )
    const r = await verify(['--bundle', file, ...PINNED])
    expect(r.stdout).toMatch(
      /^refused: signed by https:\/\/github\.com\/acme\/shop\/\.github\/workflows\/gate\.yml@refs\/tags\/v1, not by the expected workflow/
    )
  })

  it('--signer-repo names the workflow’s repository as the path would', async () => {
    const file = await signedWith(calledFrom('acme/shop'))
    const r = await verify([
      '--bundle',
      file,
      '--repo',
      'acme/shop',
      '--signer-repo',
      'owner/PROMOTION-GATE',
      '--signer-workflow',
      '.github/workflows/gate.yml'
    ])
    expect(r.code).toBe(0)
  })
})

describe('--signer-workflow of another repository on the command line', () => {
  it.each([
    [
      ['--signer-workflow', `${REUSABLE}@refs/tags/v1`],
      `--repo is required with a workflow of another repository: the repository the gate ran for (OWNER/promotion-gate's workflow signs for every repository that calls it)`
    ],
    [
      ['--signer-workflow', '.github/workflows/gate.yml'],
      '--repo is required: the repository the gate ran for'
    ],
    [
      [
        '--repo',
        'acme/shop',
        '--signer-repo',
        'acme/ci',
        '--signer-workflow',
        REUSABLE
      ],
      '--signer-workflow names OWNER/promotion-gate and --signer-repo acme/ci: name the workflow’s repository once'
    ],
    [
      [
        '--repo',
        'acme/shop',
        '--signer-workflow',
        'a/b/c/.github/workflows/x.yml'
      ],
      '--signer-workflow must be a workflow path such as .github/workflows/gate.yml, not "a/b/c/.github/workflows/x.yml"'
    ]
  ])('%j: exit 2, %s', async (args, message) => {
    const r = await verify(['--bundle', 'x.json', ...args])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`promotion-gate verify: ${message}`)
  })
})

describe('reading a certificate extension', () => {
  const utf8 = (text: string, head: number[]): Buffer =>
    Buffer.concat([Buffer.from(head), Buffer.from(text)])

  it.each([
    ['short form', utf8('abc', [0x0c, 3]), 'abc'],
    [
      'long form, one length byte',
      utf8('x'.repeat(200), [0x0c, 0x81, 200]),
      'x'.repeat(200)
    ],
    [
      'long form, two length bytes',
      utf8('y'.repeat(300), [0x0c, 0x82, 1, 44]),
      'y'.repeat(300)
    ],
    ['not a UTF8String (a raw legacy value)', Buffer.from('acme/shop'), null],
    ['a length longer than the value', utf8('abc', [0x0c, 4]), null],
    ['bytes after the string', utf8('abcd', [0x0c, 3]), null],
    ['an indefinite length', utf8('abc', [0x0c, 0x80]), null],
    ['too many length bytes', utf8('abc', [0x0c, 0x83, 0, 0, 3]), null],
    ['too short', Buffer.from([0x0c]), null]
  ])('%s', (_case, value, text) => {
    expect(derUtf8(value)).toBe(text)
  })

  it('an extension found twice, or never, is not read', () => {
    const oid = { id: OID.sourceRepositoryUri.split('.').map(Number) }
    const value = utf8('https://github.com/acme/shop', [0x0c, 28])
    expect(
      extensionText({ oids: [{ oid, value }] }, OID.sourceRepositoryUri)
    ).toBe('https://github.com/acme/shop')
    expect(
      extensionText(
        {
          oids: [
            { oid, value },
            { oid, value }
          ]
        },
        OID.sourceRepositoryUri
      )
    ).toBeNull()
    expect(extensionText(undefined, OID.sourceRepositoryUri)).toBeNull()
  })
})
