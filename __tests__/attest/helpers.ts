// A real decision's evidence record, for the statement and its round trip.
import { decided } from '../../src/engine/decision.js'
import {
  buildEvidence,
  type EvidenceRecord
} from '../../src/engine/evidence/index.js'
import type { CheckResult } from '../../src/engine/rules/types.js'
import { makeRequest } from '../../src/engine/request.js'
import { SHA, aFacts, anEnvironmentPolicy } from '../../__fixtures__/facts.js'

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
