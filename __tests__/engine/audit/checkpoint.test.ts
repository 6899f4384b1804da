// What a resume accepts (SPEC §9): a checkpoint made by this version for the
// same request and policy, its counts whole; anything else is refused with
// the reason and what to do.
import { describe, expect, it } from '@jest/globals'
import {
  checkpointRequest,
  checkResume,
  type AuditCheckpoint
} from '../../../src/engine/audit/checkpoint.js'
import {
  InputError,
  toFailure,
  type AuditRequest
} from '../../../src/engine/index.js'

const REQUEST: AuditRequest = {
  owner: 'acme',
  repo: 'shop',
  environment: 'production',
  policyPath: '.github/promotion-gate.yml',
  policyRef: null,
  since: new Date('2026-10-01T00:00:00Z'),
  until: new Date('2026-12-31T00:00:00Z'),
  serverUrl: 'https://github.com'
}
const BLOB = 'b'.repeat(40)
const VERSIONS = ['1'.repeat(40), '2'.repeat(40)]

function checkpoint(o: Partial<AuditCheckpoint> = {}): AuditCheckpoint {
  return {
    version: 1,
    request: checkpointRequest(REQUEST),
    policyBlob: BLOB,
    policyVersions: VERSIONS,
    members: [],
    starts: [],
    judged: [],
    ...o
  }
}

/** The InputError checkResume throws, as message and hint. */
function refusal(
  c: AuditCheckpoint,
  o: {
    request?: AuditRequest
    policyBlob?: string
    policyVersions?: string[]
  } = {}
): { message: string; hint?: string } {
  try {
    checkResume(c, {
      request: o.request ?? REQUEST,
      policyBlob: o.policyBlob ?? BLOB,
      policyVersions: o.policyVersions ?? VERSIONS
    })
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    const f = toFailure(error)
    return { message: f.message, hint: f.hint }
  }
  throw new Error('the checkpoint was accepted')
}

describe('checkResume', () => {
  it('accepts a checkpoint of this request and policy', () => {
    expect(() =>
      checkResume(checkpoint(), {
        request: REQUEST,
        policyBlob: BLOB,
        policyVersions: VERSIONS
      })
    ).not.toThrow()
  })

  it('refuses another version', () => {
    expect(refusal(checkpoint({ version: 2 }))).toEqual({
      message: 'the checkpoint is of version 2; this audit reads version 1',
      hint: 'Run the audit again without --resume.'
    })
  })

  it('names every field of the request that differs', () => {
    const other: AuditRequest = {
      ...REQUEST,
      repo: 'till',
      policyRef: 'main',
      until: new Date('2026-12-01T00:00:00Z'),
      // not part of what a checkpoint is for
      serverUrl: 'https://ghe.example.com'
    }
    expect(refusal(checkpoint(), { request: other })).toEqual({
      message:
        'the checkpoint was made for another audit: repository acme/shop, not acme/till; policyRef null, not main; until 2026-12-31T00:00:00.000Z, not 2026-12-01T00:00:00.000Z',
      hint: 'Resume with the options the audit was started with, or start it again without --resume.'
    })
  })

  it('refuses a checkpoint made under another policy', () => {
    expect(refusal(checkpoint(), { policyBlob: 'c'.repeat(40) }).message).toBe(
      'the policy changed since the checkpoint was made (blob bbbbbbb, now ccccccc)'
    )
  })

  it("refuses a checkpoint whose rows were judged by the day's policy", () => {
    expect(refusal(checkpoint({ policyVersions: undefined }))).toEqual({
      message:
        "the checkpoint's deployments were judged by the policy of the day it was made, not by the policy of each deployment's time",
      hint: 'Start the audit again without --resume.'
    })
  })

  it("refuses a checkpoint made before the policy's history changed", () => {
    const rewritten = [VERSIONS[0] as string, '3'.repeat(40)]
    expect(
      refusal(checkpoint(), { policyVersions: [...VERSIONS, '3'.repeat(40)] })
        .message
    ).toBe(
      "the policy's history on the ref changed since the checkpoint was made (2 versions then, 3 now): the deployments judged were judged by the versions read then"
    )
    expect(
      refusal(checkpoint(), { policyVersions: rewritten }).message
    ).toMatch(
      /^the policy's history on the ref changed .*\(2 versions then, 2 now\)/
    )
  })

  it.each([
    ['more judged than members', { starts: [], judged: [{}] }],
    ['a start missing', { members: [{}], starts: [], judged: [] }],
    ['a start too many', { members: [], starts: [null], judged: [] }]
  ])('refuses a damaged checkpoint: %s', (_, counts) => {
    const damaged = checkpoint(counts as Partial<AuditCheckpoint>)
    expect(refusal(damaged)).toEqual({
      message: 'the checkpoint is damaged: its counts disagree',
      hint: 'Start the audit again without --resume.'
    })
  })
})
