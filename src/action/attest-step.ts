// The attestation step of runAction, loaded only with `attest: true`
// (SPEC §9: the decision's bundle carries nothing it does not need). It runs
// once the evidence record is written and before it is uploaded: when an
// allow cannot be signed, the decision becomes a block and the record is
// written again saying so, so the uploaded record and the step agree.

import type { Decision, Failure, Recorded } from '../engine/index.js'
import {
  attestDecision,
  type AttestOutcome,
  type SignStatement
} from './attest.js'
import type { ActionInputs } from './inputs.js'
import type { ActionIO } from './io.js'
import type { GitHubPort } from '../engine/index.js'

export interface AttestStep {
  inputs: ActionInputs
  env: Record<string, string | undefined>
  io: ActionIO
  github: GitHubPort
  recorded: Recorded
  /** records the evidence again, for a decision the step withdrew */
  rerecord: (decision: Decision, note: string) => Recorded
  /** injected for tests; defaults to @actions/attest */
  sign?: SignStatement
}

export interface Attested {
  recorded: Recorded
  outcome: AttestOutcome | null
}

export async function attestStep(s: AttestStep): Promise<Attested> {
  const { io, recorded } = s
  const file = recorded.file
  if (file === null) {
    // Nothing to sign: the record was not written, so the decision is
    // already a block (recordEvidence) and says why.
    io.warning(
      'the decision was not signed (attest: true): the evidence record it would carry was not written'
    )
    return { recorded, outcome: null }
  }
  const r = s.inputs.request
  const outcome = await attestDecision(
    {
      evidence: recorded.evidence,
      evidenceFile: file,
      owner: r.owner,
      repo: r.repo,
      serverUrl: r.serverUrl,
      token: s.inputs.token,
      artifact: s.inputs.subject,
      env: s.env,
      github: s.github
    },
    s.sign
  )
  switch (outcome.kind) {
    case 'stored':
      io.info(`signed decision stored as attestation ${outcome.url}`)
      return { recorded, outcome }
    case 'kept':
      io.warning(
        `${outcome.why}: the signed decision is kept at ${outcome.bundleFile} (output attestation-bundle); keep it with the evidence and give it to promotion-gate verify --bundle`
      )
      return { recorded, outcome }
    case 'failed': {
      io.error(
        `${outcome.problem}${outcome.hint === undefined ? '' : `. ${outcome.hint}`}`
      )
      if (recorded.decision.decision !== 'allow') return { recorded, outcome }
      const failure: Failure = {
        code: 'github-api',
        message: `attest: true, and ${outcome.problem}; an allow that is not signed is not given`,
        hint: outcome.hint
      }
      return {
        recorded: s.rerecord(
          withdraw(recorded.decision, failure),
          outcome.problem
        ),
        outcome
      }
    }
  }
}

/** The allow taken back: a break-glass allow is refused as the engine refuses it. */
function withdraw(decision: Decision, failure: Failure): Decision {
  return {
    ...decision,
    decision: 'block',
    failure,
    ...(decision.breakGlass === null
      ? {}
      : {
          breakGlass: null,
          breakGlassNote: `the break-glass allow was withdrawn: ${failure.message}`
        })
  }
}
