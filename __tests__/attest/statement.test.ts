// The signed form of a decision (SPEC §10), as a pure function: what a VSA
// reader and `promotion-gate verify` will find in it.
import { describe, expect, it } from '@jest/globals'
import {
  buildStatement,
  EVIDENCE_FIELD,
  LEVELS,
  parseResourceUri,
  resourceUri,
  VERIFIER_ID,
  VSA_PREDICATE_TYPE
} from '../../src/attest/statement.js'
import { SHA } from '../../__fixtures__/facts.js'
import { aRecord, BLOB } from './helpers.js'

const FILE = {
  name: 'evidence-production-a1b2c3d-2002-1.json',
  sha256: 'e'.repeat(64)
}

describe('buildStatement', () => {
  it('an allow: PASSED, for the repository, commit and environment, with the policy blob and the record', () => {
    const record = aRecord()
    const s = buildStatement({
      evidence: record,
      evidenceFile: FILE,
      serverUrl: 'https://github.com/',
      artifact: { name: 'ghcr.io/acme/shop', sha256: 'a'.repeat(64) }
    })
    expect(s).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [
        {
          name: `git+https://github.com/acme/shop@${SHA}`,
          digest: { gitCommit: SHA }
        },
        { name: FILE.name, digest: { sha256: FILE.sha256 } },
        { name: 'ghcr.io/acme/shop', digest: { sha256: 'a'.repeat(64) } }
      ],
      predicateType: VSA_PREDICATE_TYPE,
      predicate: {
        verifier: {
          id: VERIFIER_ID,
          version: { 'promotion-gate': record.tool.version }
        },
        timeVerified: record.time,
        resourceUri: `git+https://github.com/acme/shop@${SHA}#environment=production`,
        policy: {
          uri: 'git+https://github.com/acme/shop@main#.github/promotion-gate.yml',
          digest: { gitBlob: BLOB }
        },
        verificationResult: 'PASSED',
        verifiedLevels: [LEVELS.allow],
        slsaVersion: '1.0',
        [EVIDENCE_FIELD]: record
      }
    })
    // the extension field is named by the record's own schema URI
    expect(record.$schema).toBe(EVIDENCE_FIELD)
  })

  it('a block: FAILED, verifiedLevels FAILED, and no artifact subject when none was given', () => {
    const s = buildStatement({
      evidence: aRecord({ status: 'fail' }),
      evidenceFile: FILE,
      serverUrl: 'https://github.com',
      artifact: null
    })
    expect(s.predicate.verificationResult).toBe('FAILED')
    expect(s.predicate.verifiedLevels).toEqual(['FAILED'])
    expect(s.subject.map((x) => Object.keys(x.digest)[0])).toEqual([
      'gitCommit',
      'sha256'
    ])
  })

  it('a break-glass allow: PASSED, but says so in verifiedLevels', () => {
    const record = aRecord()
    const s = buildStatement({
      evidence: {
        ...record,
        break_glass: {
          reason: 'outage',
          approved_by: 'erin',
          overridden_checks: ['maker-checker'],
          review_within: 86400,
          review_due: record.time,
          follow_up_issue: null
        }
      },
      evidenceFile: FILE,
      serverUrl: 'https://github.com',
      artifact: null
    })
    expect(s.predicate.verificationResult).toBe('PASSED')
    expect(s.predicate.verifiedLevels).toEqual([LEVELS.breakGlass])
  })

  it('a policy that could not be read: a uri and no digest', () => {
    const record = aRecord()
    const s = buildStatement({
      evidence: {
        ...record,
        policy: { path: 'p.yml', ref: null, blob_sha: null }
      },
      evidenceFile: FILE,
      serverUrl: 'https://github.com',
      artifact: null
    })
    expect(s.predicate.policy).toEqual({
      uri: 'git+https://github.com/acme/shop#p.yml'
    })
  })
})

describe('resourceUri', () => {
  it.each([
    ['https://github.com', 'acme/shop', 'production'],
    ['https://ghe.example.com/sub/path', 'acme/shop', 'prod eu/west#1'],
    ['https://acme.ghe.com', 'a.b/c-d', 'Staging']
  ])('%s %s %s reads back as written', (serverUrl, repository, environment) => {
    const uri = resourceUri({ serverUrl, repository, sha: SHA, environment })
    expect(parseResourceUri(uri)).toEqual({
      serverUrl,
      repository,
      sha: SHA,
      environment
    })
  })

  it.each([
    `git+https://github.com/acme/shop@${SHA}`,
    `git+https://github.com/acme/shop@main#environment=production`,
    `https://github.com/acme/shop@${SHA}#environment=production`,
    `git+https://github.com/acme@${SHA}#environment=production`,
    `git+https://github.com/acme/shop@${SHA}#environment=%E0%A4%A`
  ])('%s is not the gate’s form', (uri) => {
    expect(parseResourceUri(uri)).toBeNull()
  })
})
