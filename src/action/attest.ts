// `attest: true` (SPEC §10): the decision, allow and block, signed as an
// in-toto statement with a SLSA Verification Summary predicate
// (../attest/statement.ts) and stored as an artifact attestation of the
// repository, so a deploy target outside GitHub can check it
// (`promotion-gate verify`).
//
// Signing is @actions/attest's: the job's OIDC token for a Fulcio
// certificate, then Rekor (public repositories, Sigstore's public-good
// instance) or GitHub's timestamp authority (private and internal ones,
// GitHub's instance), as actions/attest chooses by the event's
// repository.visibility. It is loaded only here, and this module only when
// `attest: true`: the decision's bundle stays under SPEC §9's size.
//
// Storing goes through the gate's own client (POST
// /repos/{owner}/{repo}/attestations, docs.github.com/en/rest/repos/attestations)
// so that the signed bundle is in hand whatever GitHub answers: GitHub stores
// no attestations for private repositories outside GitHub Enterprise Cloud
// and answers "Feature not available for user-owned private repositories.
// To enable this feature, please make this repository public."
// (github.com/github/docs/issues/35835, github.com/actions/attest/issues/193);
// the bundle is then kept as a file and named in the output.
//
// Fail closed: with `attest: true` an allow that could not be signed is no
// allow (the deploy target would refuse it anyway). The decision becomes a
// block that says what was missing; a block stays a block.

import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import {
  GitHubApiError,
  getErrorMessage,
  type EvidenceRecord,
  type GitHubPort
} from '../engine/index.js'
import { buildStatement, type Statement } from '../attest/statement.js'

/** Any in-toto statement the gate signs: a decision's, an audit packet's. */
export type SignedStatement = Pick<Statement, '_type' | 'subject'> & {
  predicateType: string
  predicate: object
}

/** What @actions/attest's attest() is given and what the gate reads back. */
export type SignStatement = (o: {
  statement: SignedStatement
  token: string
}) => Promise<{ bundle: object }>

export interface AttestRequest {
  evidence: EvidenceRecord
  /** where the record was written */
  evidenceFile: string
  owner: string
  repo: string
  serverUrl: string
  token: string
  artifact: { name: string; sha256: string } | null
  env: Record<string, string | undefined>
  github: GitHubPort
}

export type AttestOutcome =
  | { kind: 'stored'; id: string; url: string; bundleFile: string }
  /** signed, but GitHub keeps no attestations for this repository */
  | { kind: 'kept'; bundleFile: string; why: string }
  | { kind: 'failed'; problem: string; hint: string | undefined }

const ID_TOKEN_HINT =
  'Give the job `permissions: id-token: write` (and `attestations: write`), or set attest: false.'
const STORE_HINT =
  'Give the job `permissions: attestations: write` (and `id-token: write`), or set attest: false.'

export async function attestDecision(
  r: AttestRequest,
  sign: SignStatement = actionsAttest
): Promise<AttestOutcome> {
  const statement = (): SignedStatement =>
    buildStatement({
      evidence: r.evidence,
      evidenceFile: {
        name: basename(r.evidenceFile),
        sha256: sha256Of(r.evidenceFile)
      },
      serverUrl: r.serverUrl,
      artifact: r.artifact
    })
  return signAndStore(
    {
      ...r,
      what: 'the decision',
      statement,
      bundleFile: join(
        dirname(r.evidenceFile),
        basename(r.evidenceFile).replace(/\.json$/, '.sigstore.json')
      )
    },
    sign
  )
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** Where and as whom a statement is signed and stored. */
export interface SignRequest {
  /** what is signed, for messages: "the decision", "the audit manifest" */
  what: string
  statement: () => SignedStatement
  /** where the bundle is kept, whatever GitHub answers */
  bundleFile: string
  owner: string
  repo: string
  serverUrl: string
  token: string
  env: Record<string, string | undefined>
  github: GitHubPort
}

/** Signed with the job's identity, kept as a file, stored as an attestation. */
export async function signAndStore(
  r: SignRequest,
  sign: SignStatement = actionsAttest
): Promise<AttestOutcome> {
  // The runner sets both only for a job with `id-token: write`
  // (docs.github.com/en/actions/reference/security/oidc); actions/attest
  // checks the same variable first (src/main.ts).
  if ((r.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '') === '') {
    return {
      kind: 'failed',
      problem: `${r.what} could not be signed: the job has no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is unset), which the \`id-token: write\` permission gives`,
      hint: ID_TOKEN_HINT
    }
  }
  let bundle: object
  try {
    ;({ bundle } = await sign({ statement: r.statement(), token: r.token }))
  } catch (error) {
    return {
      kind: 'failed',
      problem: `${r.what} could not be signed: ${getErrorMessage(error)}`,
      hint: /id.?token|oidc|403/i.test(getErrorMessage(error))
        ? ID_TOKEN_HINT
        : 'Check the Sigstore status page and run the job again, or set attest: false.'
    }
  }
  writeFileSync(r.bundleFile, `${JSON.stringify(bundle)}\n`, { mode: 0o644 })
  return store(r, bundle, r.bundleFile)
}

async function store(
  r: SignRequest,
  bundle: object,
  bundleFile: string
): Promise<AttestOutcome> {
  try {
    const { data } = await r.github.rest<{ id?: unknown }>(
      'POST /repos/{owner}/{repo}/attestations',
      { owner: r.owner, repo: r.repo, bundle }
    )
    if (typeof data.id !== 'number' && typeof data.id !== 'string') {
      throw new Error('GitHub returned no attestation id')
    }
    const id = String(data.id)
    return {
      kind: 'stored',
      id,
      // as actions/attest links it (src/main.ts attestationURL)
      url: `${r.serverUrl.replace(/\/+$/, '')}/${r.owner}/${r.repo}/attestations/${id}`,
      bundleFile
    }
  } catch (error) {
    const message = getErrorMessage(error)
    if (/feature not available/i.test(message)) {
      return {
        kind: 'kept',
        bundleFile,
        why: `GitHub stores no attestations for this repository (${message.replace(/^.*?failed with \d+: /, '')})`
      }
    }
    const status = error instanceof GitHubApiError ? error.status : undefined
    return {
      kind: 'failed',
      problem: `the signed ${r.what.replace(/^the /, '')} could not be stored as an attestation${status === 403 ? ' (the token lacks `attestations: write`)' : ''}: ${message}`,
      hint: status === 403 || status === 404 ? STORE_HINT : undefined
    }
  }
}

/** @actions/attest, loaded only when a decision is signed. */
const actionsAttest: SignStatement = async ({ statement, token }) => {
  const { attest } = await import('@actions/attest')
  const attestation = await attest({
    subjects: statement.subject,
    predicateType: statement.predicateType,
    predicate: statement.predicate,
    token,
    // stored by store() above, so the bundle outlives a refusal
    skipWrite: true
  })
  return { bundle: attestation.bundle }
}
