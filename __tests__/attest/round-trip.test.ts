// The whole round trip of a signed decision, offline (SPEC §10, issue 17
// item 5): the action's own signing path (@actions/attest) against
// @sigstore/mock's Fulcio, Rekor and timestamp authority, then
// `promotion-gate verify` with a trusted root built from the mocks. A good
// decision passes; a changed predicate, another environment, another signer
// workflow, an expired decision and a block are each refused, saying why.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AttestOutcome } from '../../src/action/attest.js'
import { runCli } from '../../src/cli/main.js'
import type { GitHubClient } from '../../src/github/client.js'
import { SHA } from '../../__fixtures__/facts.js'
import { jobClaims, type MockSigstore } from '../../test-support/sigstore.js'
import {
  aRecord,
  offlineSigning,
  signDecision,
  type OfflineSigning
} from './helpers.js'

const GATE = 'acme/shop/.github/workflows/gate.yml@refs/heads/main'
const IMAGE = 'c0ffee'.padEnd(64, '0')

let signing: OfflineSigning
let sigstore: MockSigstore
let dir: string
let roots: string

beforeAll(async () => {
  signing = await offlineSigning()
  ;({ sigstore, dir, roots } = signing)
})

afterAll(() => signing.stop())

/** One decision signed by the action's path; the bundle file it kept. */
async function signed(
  o: { environment?: string; blocked?: boolean; workflowRef?: string } = {}
): Promise<{ file: string; outcome: AttestOutcome }> {
  const outcome = await signDecision(signing, {
    claims: jobClaims({
      repository: 'acme/shop',
      workflowRef: o.workflowRef ?? GATE
    }),
    image: IMAGE,
    environment: o.environment,
    status: o.blocked === true ? 'fail' : 'pass'
  })
  return { file: outcome.bundleFile, outcome }
}

async function verify(args: string[], now = new Date()) {
  const out: string[] = []
  const err: string[] = []
  // defaults, each replaced when the case names the option
  const options = new Map([
    ['--environment', 'production'],
    ['--signer-repo', 'acme/shop'],
    ['--signer-workflow', '.github/workflows/gate.yml'],
    ['--digest', `sha256:${IMAGE}`],
    ['--trusted-root', roots]
  ])
  for (let i = 0; i < args.length; i += 2) {
    options.set(args[i] as string, args[i + 1] as string)
  }
  const code = await runCli(['verify', ...[...options].flat()], {
    env: {},
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    now: () => now
  })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

describe('a signed decision, verified by promotion-gate verify', () => {
  it('a good one passes and says what it verified', async () => {
    const { file, outcome } = await signed()
    expect(outcome).toMatchObject({
      kind: 'stored',
      id: '1',
      url: 'https://github.com/acme/shop/attestations/1'
    })
    const bundle = JSON.parse(readFileSync(file, 'utf8'))
    // GitHub's instance: a timestamp, no transparency log
    expect(
      bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps
    ).toHaveLength(1)
    const r = await verify([
      '--bundle',
      file,
      '--signer-workflow',
      '.github/workflows/gate.yml@refs/heads/main',
      '--commit',
      SHA
    ])
    expect(r.stdout).toContain(
      `verified: the gate passed acme/shop@a1b2c3d for production`
    )
    expect(r.stdout).toContain(`signer     https://github.com/${GATE}`)
    expect(r.stdout).toContain(
      'issuer     https://token.actions.githubusercontent.com'
    )
    expect(r.stdout).toContain('signature  valid (timestamp authority)')
    expect(r.stdout).toMatch(/decision {3}PASSED PROMOTION_GATE_ALLOW at /)
    expect(r.stdout).toContain(`artifact   ghcr.io/acme/shop sha256:${IMAGE}`)
    expect(r.code).toBe(0)
  })

  it('a changed predicate is refused: the signature no longer holds', async () => {
    const { file } = await signed()
    const bundle = JSON.parse(readFileSync(file, 'utf8'))
    const statement = JSON.parse(
      Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()
    )
    statement.predicate.resourceUri = statement.predicate.resourceUri.replace(
      'production',
      'production2'
    )
    statement.predicate.verificationResult = 'PASSED'
    bundle.dsseEnvelope.payload = Buffer.from(
      JSON.stringify(statement)
    ).toString('base64')
    const tampered = join(dir, 'tampered.json')
    writeFileSync(tampered, JSON.stringify(bundle))
    const r = await verify(['--bundle', tampered])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /^refused: the signature does not verify against the trusted root: .*signature/
    )
  })

  it('a pass for staging is refused for production', async () => {
    const { file } = await signed({ environment: 'staging' })
    const r = await verify(['--bundle', file])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe(
      'refused: the decision is for environment "staging", not "production"\n'
    )
  })

  it('a decision signed by another workflow is refused', async () => {
    const { file } = await signed({
      workflowRef: 'acme/shop/.github/workflows/anything.yml@refs/heads/feature'
    })
    const r = await verify(['--bundle', file])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe(
      'refused: signed by https://github.com/acme/shop/.github/workflows/anything.yml@refs/heads/feature, not by the expected workflow https://github.com/acme/shop/.github/workflows/gate.yml@<any ref>\n'
    )
  })

  it('the right workflow at another ref is refused when the ref is pinned', async () => {
    const { file } = await signed({
      workflowRef: 'acme/shop/.github/workflows/gate.yml@refs/heads/feature'
    })
    const r = await verify([
      '--bundle',
      file,
      '--signer-workflow',
      '.github/workflows/gate.yml@refs/heads/main'
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      'not by the expected workflow https://github.com/acme/shop/.github/workflows/gate.yml@refs/heads/main'
    )
  })

  it('an expired decision is refused', async () => {
    const { file } = await signed()
    const r = await verify(
      ['--bundle', file, '--max-age', '1h'],
      new Date(Date.now() + 3 * 3600_000)
    )
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /^refused: the decision is 3 h old \(.*\), more than --max-age 60 min: run the gate again\n$/
    )
  })

  it('a signed block is refused, naming the failing check', async () => {
    const { file } = await signed({ blocked: true })
    const r = await verify(['--bundle', file])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /^refused: the gate blocked this deployment \(verificationResult FAILED: maker-checker\) at /
    )
  })

  it('another artifact or commit is refused', async () => {
    const { file } = await signed()
    const other = await verify([
      '--bundle',
      file,
      '--digest',
      `sha256:${'f'.repeat(64)}`
    ])
    expect(other.stdout).toBe(
      `refused: the decision does not name the artifact sha256:${'f'.repeat(64)}\n`
    )
    const commit = await verify(['--bundle', file, '--commit', 'b'.repeat(40)])
    expect(commit.stdout).toBe(
      `refused: the decision is about commit ${SHA}, not ${'b'.repeat(40)}\n`
    )
    expect([other.code, commit.code]).toEqual([1, 1])
  })

  it('a root that does not hold the signer’s authority refuses', async () => {
    const { file } = await signed()
    const publicOnly = join(dir, 'public-only.json')
    writeFileSync(publicOnly, JSON.stringify(sigstore.trustedRoot.publicGood))
    const r = await verify(['--bundle', file, '--trusted-root', publicOnly])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /^refused: the signature does not verify against the trusted root: /
    )
  })

  it('public-good Sigstore (public repositories): a Rekor entry, verified against that root', async () => {
    sigstore.setClaims(
      jobClaims({ repository: 'acme/shop', workflowRef: GATE })
    )
    const { attest } = await import('@actions/attest')
    const { buildStatement } = await import('../../src/attest/statement.js')
    const s = buildStatement({
      evidence: aRecord(),
      evidenceFile: { name: 'e.json', sha256: 'e'.repeat(64) },
      serverUrl: 'https://github.com',
      artifact: { name: 'img', sha256: IMAGE }
    })
    const a = await attest({
      subjects: s.subject,
      predicateType: s.predicateType,
      predicate: s.predicate,
      token: 'ghs_x',
      sigstore: 'public-good',
      skipWrite: true
    })
    expect(a.tlogID).toBeDefined()
    const file = join(dir, 'public.json')
    writeFileSync(file, JSON.stringify(a.bundle))
    const r = await verify(['--bundle', file])
    expect(r.stdout).toContain('signature  valid (transparency log entry')
    expect(r.code).toBe(0)
  })

  it('--digest reads GitHub’s attestations of the artifact; the latest decision counts', async () => {
    const pass = JSON.parse(readFileSync((await signed()).file, 'utf8'))
    await new Promise((resolve) => setTimeout(resolve, 5))
    const block = JSON.parse(
      readFileSync((await signed({ blocked: true })).file, 'utf8')
    )
    const staging = JSON.parse(
      readFileSync((await signed({ environment: 'staging' })).file, 'utf8')
    )
    const asked: { route: string; params: Record<string, unknown> }[] = []
    const client = (bundles: object[]) => (): GitHubClient => ({
      requests: [],
      rest: async <T>(route: string, params: Record<string, unknown> = {}) => {
        asked.push({ route, params })
        return {
          status: 200,
          data: {
            attestations: bundles.map((bundle) => ({
              bundle,
              repository_id: 1
            }))
          } as T,
          headers: {}
        }
      },
      graphql: () => Promise.reject(new Error('no GraphQL here'))
    })
    const run = async (bundles: object[]) => {
      const out: string[] = []
      const code = await runCli(
        [
          'verify',
          '--environment',
          'production',
          '--signer-repo',
          'acme/shop',
          '--signer-workflow',
          '.github/workflows/gate.yml',
          '--digest',
          `sha256:${IMAGE}`,
          '--trusted-root',
          roots
        ],
        {
          env: { GITHUB_TOKEN: 'ghs_t' },
          stdout: { write: (s: string) => out.push(s) },
          stderr: { write: () => true },
          now: () => new Date(),
          client: client(bundles)
        }
      )
      return { code, stdout: out.join('') }
    }
    const passed = await run([staging, pass])
    expect(passed.code).toBe(0)
    expect(asked[0]).toEqual({
      route: 'GET /repos/{owner}/{repo}/attestations/{subject_digest}',
      params: {
        owner: 'acme',
        repo: 'shop',
        subject_digest: `sha256:${IMAGE}`,
        predicate_type: 'https://slsa.dev/verification_summary/v1',
        per_page: 100
      }
    })
    const blocked = await run([pass, block, staging])
    expect(blocked.code).toBe(1)
    expect(blocked.stdout).toMatch(/^refused: the gate blocked this deployment/)
    const none = await run([staging])
    expect(none.stdout).toBe(
      'refused: the decision is for environment "staging", not "production"\n'
    )
    const empty = await run([])
    expect(empty.stdout).toBe('refused: no signed decision was found\n')
  })
})

describe('verify on a wrong command line', () => {
  it.each([
    [
      [
        '--signer-repo',
        'acme/shop',
        '--signer-workflow',
        'gate.yml',
        '--digest',
        `sha256:${IMAGE}`
      ],
      '--environment is required'
    ],
    [
      [
        '--environment',
        'p',
        '--signer-repo',
        'acme/shop',
        '--signer-workflow',
        'gate.yml',
        '--digest',
        `sha256:${IMAGE}`
      ],
      '--signer-workflow must be a workflow path such as .github/workflows/gate.yml, not "gate.yml"'
    ],
    [
      [
        '--environment',
        'p',
        '--signer-repo',
        'acme/shop',
        '--signer-workflow',
        '.github/workflows/g.yml@main',
        '--digest',
        `sha256:${IMAGE}`
      ],
      "--signer-workflow's ref must be a full ref such as refs/heads/main"
    ],
    [
      [
        '--environment',
        'p',
        '--signer-repo',
        'acme/shop',
        '--signer-workflow',
        '.github/workflows/g.yml',
        '--digest',
        'abc'
      ],
      '--digest must be sha256: and 64 hex characters'
    ],
    [
      [
        '--environment',
        'p',
        '--signer-repo',
        'acme/shop',
        '--signer-workflow',
        '.github/workflows/g.yml',
        '--bundle',
        'x.json'
      ],
      'with --bundle, name what is deployed: --digest or --commit'
    ],
    [
      [
        '--environment',
        'p',
        '--signer-repo',
        'acme/shop',
        '--signer-workflow',
        '.github/workflows/g.yml',
        '--digest',
        `sha256:${IMAGE}`,
        '--max-age',
        'soon'
      ],
      '--max-age: '
    ]
  ])('%j: exit 2, %s', async (args, message) => {
    const err: string[] = []
    const code = await runCli(['verify', ...args], {
      env: {},
      stdout: { write: () => true },
      stderr: { write: (s: string) => err.push(s) },
      now: () => new Date()
    })
    expect(code).toBe(2)
    expect(err.join('')).toContain(`promotion-gate verify: ${message}`)
  })
})

/** A statement to change before it is signed. */
interface Crafted {
  predicateType: string
  subject: { name: string; digest: Record<string, string> }[]
  predicate: {
    verifier: { id: string }
    resourceUri: string
    timeVerified?: string
  }
}

describe('statements the gate would not sign are refused, each saying why', () => {
  let n = 0
  /** Signs `change(statement)` as the gate's workflow would, with Rekor. */
  async function signedAs(
    change: (s: Crafted) => void,
    claims: Record<string, string> = jobClaims({
      repository: 'acme/shop',
      workflowRef: GATE
    })
  ): Promise<string> {
    sigstore.setClaims(claims)
    const { attest } = await import('@actions/attest')
    const { buildStatement } = await import('../../src/attest/statement.js')
    const s: Crafted = buildStatement({
      evidence: aRecord(),
      evidenceFile: { name: 'e.json', sha256: 'e'.repeat(64) },
      serverUrl: 'https://github.com',
      artifact: { name: 'img', sha256: IMAGE }
    })
    change(s)
    const a = await attest({
      subjects: s.subject,
      predicateType: s.predicateType,
      predicate: s.predicate,
      token: 't',
      sigstore: 'public-good',
      skipWrite: true
    })
    n += 1
    const file = join(dir, `crafted-${n}.json`)
    writeFileSync(file, JSON.stringify(a.bundle))
    return file
  }

  it.each([
    [
      'another predicate type',
      (s: Crafted) => {
        s.predicateType = 'https://slsa.dev/provenance/v1'
      },
      "refused: the statement's predicate is https://slsa.dev/provenance/v1, not a SLSA verification summary (https://slsa.dev/verification_summary/v1)\n"
    ],
    [
      'another verifier',
      (s: Crafted) => {
        s.predicate.verifier.id = 'https://example.com/other-gate'
      },
      'refused: the summary was made by https://example.com/other-gate, not by promotion-gate (https://github.com/promotion-gate/promotion-gate)\n'
    ],
    [
      'a resourceUri without environment',
      (s: Crafted) => {
        s.predicate.resourceUri = 'https://github.com/acme/shop'
      },
      'refused: the summary\'s resourceUri "https://github.com/acme/shop" does not name a repository, commit and environment\n'
    ],
    [
      'another repository',
      (s: Crafted) => {
        s.predicate.resourceUri = s.predicate.resourceUri.replace(
          'acme/shop',
          'acme/other'
        )
      },
      'refused: the decision is about https://github.com/acme/other, not https://github.com/acme/shop\n'
    ],
    [
      'a commit subject that is not the resourceUri’s',
      (s: Crafted) => {
        s.subject[0] = { name: 'c', digest: { gitCommit: 'b'.repeat(40) } }
      },
      `refused: the statement's commit subject does not match its resourceUri (${SHA})\n`
    ],
    [
      'no timeVerified',
      (s: Crafted) => {
        delete s.predicate.timeVerified
      },
      'refused: the summary has no valid timeVerified\n'
    ],
    [
      'a time in the future',
      (s: Crafted) => {
        s.predicate.timeVerified = new Date(Date.now() + 3600_000).toISOString()
      },
      /^refused: the decision is dated .*, in the future\n$/
    ]
  ])('%s', async (_case, change, message) => {
    const r = await verify(['--bundle', await signedAs(change)])
    expect(r.code).toBe(1)
    if (typeof message === 'string') expect(r.stdout).toBe(message)
    else expect(r.stdout).toMatch(message)
  })

  it('a certificate for another OIDC issuer', async () => {
    const file = await signedAs(() => undefined, {
      ...jobClaims({ repository: 'acme/shop', workflowRef: GATE }),
      iss: 'https://accounts.example.com'
    })
    const r = await verify(['--bundle', file])
    expect(r.stdout).toBe(
      'refused: the certificate was issued for tokens of https://accounts.example.com, not of https://token.actions.githubusercontent.com\n'
    )
  })

  it('files that are not signed decisions', async () => {
    const notJson = join(dir, 'not.json')
    writeFileSync(notJson, '{')
    expect((await verify(['--bundle', notJson])).code).toBe(2)
    const notBundle = join(dir, 'not-bundle.json')
    writeFileSync(notBundle, '{"mediaType": "x"}')
    const r = await verify(['--bundle', notBundle])
    expect(r.stdout).toMatch(/^refused: not a Sigstore bundle: /)
    const missing = await verify(['--bundle', join(dir, 'absent.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cannot read --bundle')
    const badRoot = await verify([
      '--bundle',
      notBundle,
      '--trusted-root',
      notJson
    ])
    expect(badRoot.stderr).toContain('the trusted root could not be read')
  })
})
