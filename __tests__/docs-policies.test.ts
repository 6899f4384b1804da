// The ready-made checks of a signed decision (docs/policies, issue 17 item
// 4): each parses, and each requires what makes a decision worth trusting:
// GitHub's issuer, the reusable workflow gate.yml as the signer, the
// verification summary's predicate type, PASSED, and the environment (and
// the repository, in the resourceUri the gate writes). The resourceUri tests
// run against the gate's own resourceUri(), so writer and checks cannot
// drift apart.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseAllDocuments, parse as parseYaml } from 'yaml'
import { resourceUri, VSA_PREDICATE_TYPE } from '../src/attest/statement.js'
import { ACTIONS_ISSUER } from '../src/attest/verify.js'
import { COMMANDS } from '../src/cli/main.js'

const root = new URL('../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8')

const SIGNER =
  'https://github.com/OWNER/promotion-gate/.github/workflows/gate.yml@refs/tags/v1'
const SHA = 'a1b2c3d'.padEnd(40, '0')
const uri = (o: { repository?: string; environment?: string } = {}): string =>
  resourceUri({
    serverUrl: 'https://github.com',
    repository: o.repository ?? 'acme/shop',
    sha: SHA,
    environment: o.environment ?? 'production'
  })

/** One YAML document, parse errors failing the test. */
function document(path: string): Record<string, unknown> {
  const docs = parseAllDocuments(read(path))
  if (!Array.isArray(docs)) throw new Error(`${path}: no documents`)
  expect(docs.flatMap((d) => d.errors.map((e) => e.message))).toEqual([])
  expect(docs).toHaveLength(1)
  return docs[0]?.toJS() as Record<string, unknown>
}

/** A value down a path of keys and indexes; throws where one is missing. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !(key in v)) {
      throw new Error(`no ${path.join('.')} (stopped at ${String(key)})`)
    }
    v = (v as Record<string | number, unknown>)[key]
  }
  return v
}

describe('the reusable workflow the policies pin', () => {
  it('is .github/workflows/gate.yml, called with workflow_call, signing with attest: true', () => {
    const wf = parseYaml(read('.github/workflows/gate.yml')) as Record<
      string,
      unknown
    >
    expect(Object.keys(at(wf, 'on') as object)).toEqual(['workflow_call'])
    expect(at(wf, 'jobs', 'gate', 'permissions')).toMatchObject({
      'id-token': 'write',
      attestations: 'write'
    })
    const step = (at(wf, 'jobs', 'gate', 'steps') as unknown[])[0]
    expect(at(step, 'uses')).toBe('OWNER/promotion-gate@v1')
    expect(at(step, 'with')).toMatchObject({ attest: true, mode: 'enforce' })
    // the caller cannot redirect the policy
    expect(at(step, 'with')).not.toHaveProperty('policy')
    expect(at(step, 'with')).not.toHaveProperty('policy-ref')
  })
})

describe('Kyverno ClusterPolicy', () => {
  const policy = document('docs/policies/kyverno.yaml')
  const rule = at(policy, 'spec', 'rules', 0)
  const verify = at(rule, 'verifyImages', 0)
  const attestation = at(verify, 'attestations', 0)
  const keyless = at(attestation, 'attestors', 0, 'entries', 0, 'keyless')
  const conditions = at(attestation, 'conditions', 0, 'all') as {
    key: string
    operator: string
    value: unknown
  }[]

  it('is an enforced kyverno.io/v1 ClusterPolicy that fails closed', () => {
    expect(at(policy, 'apiVersion')).toBe('kyverno.io/v1')
    expect(at(policy, 'kind')).toBe('ClusterPolicy')
    expect(at(policy, 'spec', 'validationFailureAction')).toBe('Enforce')
    expect(at(policy, 'spec', 'webhookConfiguration', 'failurePolicy')).toBe(
      'Fail'
    )
    expect(at(verify, 'required')).toBe(true)
    // GitHub's artifact attestations are Sigstore bundles
    expect(at(verify, 'type')).toBe('SigstoreBundle')
  })

  it('requires a verification summary signed by gate.yml, run by the repository', () => {
    expect(at(attestation, 'type')).toBe(VSA_PREDICATE_TYPE)
    expect(at(keyless, 'issuer')).toBe(ACTIONS_ISSUER)
    expect(at(keyless, 'subject')).toBe(SIGNER)
    expect(
      at(keyless, 'additionalExtensions', 'githubWorkflowRepository')
    ).toBe('acme/shop')
  })

  it('requires PASSED, and the repository and environment in the resourceUri', () => {
    expect(conditions).toContainEqual({
      key: '{{ verificationResult }}',
      operator: 'Equals',
      value: 'PASSED'
    })
    // each JMESPath string test, run on the gate's own resourceUri
    const tests = conditions.flatMap((c) => {
      const m =
        /^\{\{ (starts_with|ends_with)\(resourceUri, '([^']*)'\) \}\}$/.exec(
          c.key
        )
      if (m === null) return []
      expect([c.operator, c.value]).toEqual(['Equals', true])
      const [, fn, text = ''] = m
      return [
        (s: string) =>
          fn === 'starts_with' ? s.startsWith(text) : s.endsWith(text)
      ]
    })
    expect(tests).toHaveLength(2)
    const holds = (s: string): boolean => tests.every((t) => t(s))
    expect(holds(uri())).toBe(true)
    expect(holds(uri({ environment: 'staging' }))).toBe(false)
    expect(holds(uri({ environment: 'production-eu' }))).toBe(false)
    expect(holds(uri({ repository: 'acme/shop2' }))).toBe(false)
    expect(holds(uri({ repository: 'mallory/shop' }))).toBe(false)
  })
})

describe('policy-controller ClusterImagePolicy', () => {
  const policy = document('docs/policies/policy-controller.yaml')
  const authority = at(policy, 'spec', 'authorities', 0)
  const attestation = at(authority, 'attestations', 0)
  const cue = at(attestation, 'policy', 'data') as string

  it('is a policy.sigstore.dev/v1beta1 ClusterImagePolicy pinning issuer and gate.yml', () => {
    expect(at(policy, 'apiVersion')).toBe('policy.sigstore.dev/v1beta1')
    expect(at(policy, 'kind')).toBe('ClusterImagePolicy')
    expect(at(authority, 'keyless', 'identities')).toEqual([
      { issuer: ACTIONS_ISSUER, subject: SIGNER }
    ])
  })

  it('requires a verification summary that PASSED for the repository and environment (CUE)', () => {
    expect(at(attestation, 'predicateType')).toBe(VSA_PREDICATE_TYPE)
    expect(at(attestation, 'policy', 'type')).toBe('cue')
    expect(cue).toContain(`predicateType: "${VSA_PREDICATE_TYPE}"`)
    expect(cue).toMatch(/^\s*verificationResult: "PASSED"$/m)
    // the CUE regular expression (RE2; this one is also JavaScript's), as
    // CUE reads the string literal, run on the gate's own resourceUri
    const literal = /resourceUri: =~("(?:[^"\\]|\\.)*")/.exec(cue)?.[1]
    expect(literal).toBeDefined()
    const re = new RegExp(JSON.parse(literal ?? '""') as string)
    expect(re.test(uri())).toBe(true)
    expect(re.test(uri({ environment: 'staging' }))).toBe(false)
    expect(re.test(uri({ environment: 'production-eu' }))).toBe(false)
    expect(re.test(uri({ repository: 'acme/shop2' }))).toBe(false)
    expect(re.test(`${uri()}x`)).toBe(false)
  })
})

describe('gh attestation verify, for scripts', () => {
  const script = read('docs/policies/gh-attestation-verify.sh')
  const command = /gh attestation verify[^|]*\|/.exec(
    script.replace(/\\\n/g, ' ')
  )?.[0]

  it('pins the repository, gate.yml, the issuer and the predicate type', () => {
    expect(command).toBeDefined()
    const flag = (name: string): string | undefined =>
      new RegExp(`--${name} (\\S+)`).exec(command ?? '')?.[1]
    expect(flag('repo')).toBe('acme/shop')
    expect(flag('signer-workflow')).toBe(
      'OWNER/promotion-gate/.github/workflows/gate.yml'
    )
    expect(flag('cert-oidc-issuer')).toBe(ACTIONS_ISSUER)
    expect(flag('predicate-type')).toBe(VSA_PREDICATE_TYPE)
    expect(flag('format')).toBe('json')
  })

  it('then requires, with jq -e, the latest decision PASSED for the environment', () => {
    const jq = script.slice(script.indexOf('jq -e'))
    expect(jq).toContain('.verificationResult == "PASSED"')
    expect(jq).toContain('"#environment=" + ($env | @uri)')
    expect(jq).toContain('startswith("git+https://github.com/acme/shop@")')
    expect(jq).toContain('sort_by(.timeVerified) | last')
    expect(script).toMatch(/^set -eu$/m)
  })
})

describe('promotion-gate verify as the docs show it', () => {
  const verify = COMMANDS.find((c) => c.name === 'verify')

  it.each([
    'README.md',
    'docs/policies/README.md',
    '.github/workflows/gate.yml'
  ])(
    '%s uses only options verify has, and pins the signer and the repository',
    (file) => {
      const text = read(file).replace(/\\\n(#\s*)?/g, ' ')
      const lines = [...text.matchAll(/promotion-gate verify\b([^\n]*)/g)].map(
        (m) => m[1] ?? ''
      )
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) {
        for (const [option] of line.matchAll(/--[a-z][\w-]*/g)) {
          expect(verify?.help).toMatch(new RegExp(`(^|\\s)${option}\\b`, 'm'))
        }
        if (line.includes('--signer-workflow')) {
          expect(line).toMatch(/--repo \S+/)
        }
      }
    }
  )
})
