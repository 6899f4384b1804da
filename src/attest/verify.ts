// `promotion-gate verify`'s judgement of signed decisions (SPEC §10): each
// Sigstore bundle is verified by sigstore-js (@sigstore/verify: the
// signature, the certificate chain to a trusted Fulcio, its CT log
// proof, the transparency-log entry or timestamp), then its signer (the
// workflow and the repository whose run signed, ./certificate.ts) and its
// statement are compared with what the deploy target expects. Nothing here
// checks a signature by hand.
//
// Of several signed decisions for the same artifact, the latest one whose
// signature, signer, environment and subject hold is the one that counts:
// a later block (an approval withdrawn, a check that failed on a re-run)
// must not be outvoted by an earlier pass.

import { bundleFromJSON } from '@sigstore/bundle'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import {
  toSignedEntity,
  toTrustMaterial,
  Verifier,
  type Signer
} from '@sigstore/verify'
import { getErrorMessage } from '../engine/index.js'
import { readSigner, type SignerPin } from './certificate.js'
import {
  EVIDENCE_FIELD,
  parseResourceUri,
  STATEMENT_TYPE,
  VERIFIER_ID,
  VSA_PREDICATE_TYPE,
  type Resource
} from './statement.js'

/** The OIDC issuer of GitHub Actions' job tokens on github.com. */
export const ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com'
const IN_TOTO = 'application/vnd.in-toto+json'
/** how far a signer's clock may run ahead of ours */
const SKEW_MS = 5 * 60_000

export interface Expected {
  environment: string
  /**
   * OWNER/NAME of the repository the decision is about, which is also the
   * repository whose run signed (the certificate's Source Repository URI)
   */
  repository: string
  /** web UI base of the GitHub the signer ran on, e.g. https://github.com */
  serverUrl: string
  /** the workflow whose job signs (the certificate's SAN) */
  signer: SignerPin
  issuer: string
  /** sha256 hex of the artifact deployed */
  digest: string | null
  commit: string | null
  maxAgeMs: number
  now: Date
}

export interface Verified {
  signer: string
  issuer: string
  /** the repository whose run signed */
  source: string
  /** the caller's workflow, when the certificate names it */
  caller: string | null
  resource: Resource
  timeVerified: string
  ageMs: number
  levels: string[]
  subjects: { name: string; digest: Record<string, string> }[]
  policy: { uri: string; digest: Record<string, string> | null }
  /** how the signing time was witnessed */
  witnessed: string
}

export type Judgement =
  | { ok: true; verified: Verified }
  /** `candidate`: signature, signer, environment and subject held */
  | { ok: false; reason: string; candidate: Verified | null }

/** Trusted roots from JSON: one object, or one per line (gh attestation trusted-root). */
export function parseTrustedRoots(text: string): TrustedRoot[] {
  const trimmed = text.trim()
  const docs: unknown[] = []
  try {
    docs.push(JSON.parse(trimmed))
  } catch {
    for (const line of trimmed.split('\n')) {
      if (line.trim() !== '') docs.push(JSON.parse(line))
    }
  }
  return docs.map((d) => TrustedRoot.fromJSON(d))
}

export function verifySignature(
  json: unknown,
  roots: TrustedRoot[]
): { signer: Signer; payload: Buffer; witnessed: string } | string {
  let bundle: ReturnType<typeof bundleFromJSON>
  try {
    bundle = bundleFromJSON(json)
  } catch (error) {
    return `not a Sigstore bundle: ${getErrorMessage(error)}`
  }
  if (bundle.content.$case !== 'dsseEnvelope') {
    return 'the bundle signs a blob, not an in-toto statement'
  }
  const envelope = bundle.content.dsseEnvelope
  if (envelope.payloadType !== IN_TOTO) {
    return `the bundle signs ${envelope.payloadType}, not an in-toto statement`
  }
  const entity = toSignedEntity(bundle)
  const problems: string[] = []
  for (const root of roots) {
    // The trusted root decides what is required, never the bundle: a root
    // with transparency logs (Sigstore's public-good instance) requires an
    // entry in one, and a root without (GitHub's instance) a timestamp.
    const verifier = new Verifier(toTrustMaterial(root), {
      tlogThreshold: root.tlogs.length > 0 ? 1 : 0,
      ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
      timestampThreshold: 1
    })
    try {
      const signer = verifier.verify(entity)
      const tlog = bundle.verificationMaterial.tlogEntries.length
      const witnessed =
        root.tlogs.length > 0 && tlog > 0
          ? `transparency log entry ${bundle.verificationMaterial.tlogEntries[0]?.logIndex ?? '?'}`
          : 'timestamp authority'
      return { signer, payload: envelope.payload, witnessed }
    } catch (error) {
      problems.push(getErrorMessage(error))
    }
  }
  return `the signature does not verify against the trusted root: ${[...new Set(problems)].join('; ')}`
}

interface RawStatement {
  _type?: unknown
  predicateType?: unknown
  subject?: unknown
  predicate?: Record<string, unknown>
}

export function readStatement(payload: Buffer): RawStatement | string {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'))
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return 'the signed statement is not a JSON object'
    }
    return value
  } catch {
    return 'the signed statement is not JSON'
  }
}

export function subjectsOf(s: RawStatement): Verified['subjects'] {
  if (!Array.isArray(s.subject)) return []
  return s.subject.flatMap((x: unknown) => {
    const o = x as { name?: unknown; digest?: unknown } | null
    if (typeof o?.digest !== 'object' || o.digest === null) return []
    const digest = Object.fromEntries(
      Object.entries(o.digest).filter(
        (e): e is [string, string] => typeof e[1] === 'string'
      )
    )
    return [{ name: typeof o.name === 'string' ? o.name : '', digest }]
  })
}

const ago = (ms: number): string => {
  const minutes = Math.round(ms / 60_000)
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`
}

/** One bundle against what the deploy target expects. Never throws. */
export function judge(
  json: unknown,
  roots: TrustedRoot[],
  e: Expected
): Judgement {
  const refuse = (
    reason: string,
    candidate: Verified | null = null
  ): Judgement => ({
    ok: false,
    reason,
    candidate
  })
  const signed = verifySignature(json, roots)
  if (typeof signed === 'string') return refuse(signed)
  const who = readSigner(signed.signer, e)
  if (typeof who === 'string') return refuse(who)

  const s = readStatement(signed.payload)
  if (typeof s === 'string') return refuse(s)
  if (s._type !== STATEMENT_TYPE) {
    return refuse(`the statement is not an in-toto Statement v1`)
  }
  if (s.predicateType !== VSA_PREDICATE_TYPE) {
    return refuse(
      `the statement's predicate is ${String(s.predicateType)}, not a SLSA verification summary (${VSA_PREDICATE_TYPE})`
    )
  }
  const p = s.predicate ?? {}
  const verifier = p.verifier as { id?: unknown } | undefined
  if (verifier?.id !== VERIFIER_ID) {
    return refuse(
      `the summary was made by ${String(verifier?.id)}, not by promotion-gate (${VERIFIER_ID})`
    )
  }
  const resource =
    typeof p.resourceUri === 'string' ? parseResourceUri(p.resourceUri) : null
  if (resource === null) {
    return refuse(
      `the summary's resourceUri ${JSON.stringify(p.resourceUri)} does not name a repository, commit and environment`
    )
  }
  if (
    resource.repository.toLowerCase() !== e.repository.toLowerCase() ||
    resource.serverUrl !== e.serverUrl
  ) {
    return refuse(
      `the decision is about ${resource.serverUrl}/${resource.repository}, not ${e.serverUrl}/${e.repository}`
    )
  }
  if (resource.environment !== e.environment) {
    return refuse(
      `the decision is for environment "${resource.environment}", not "${e.environment}"`
    )
  }
  const subjects = subjectsOf(s)
  const commits = subjects.flatMap((x) => x.digest.gitCommit ?? [])
  if (commits.length !== 1 || commits[0] !== resource.sha) {
    return refuse(
      `the statement's commit subject does not match its resourceUri (${resource.sha})`
    )
  }
  if (e.commit !== null && resource.sha !== e.commit) {
    return refuse(
      `the decision is about commit ${resource.sha}, not ${e.commit}`
    )
  }
  if (
    e.digest !== null &&
    !subjects.some((x) => x.digest.sha256 === e.digest)
  ) {
    return refuse(`the decision does not name the artifact sha256:${e.digest}`)
  }
  const time =
    typeof p.timeVerified === 'string' ? Date.parse(p.timeVerified) : NaN
  if (Number.isNaN(time)) {
    return refuse(`the summary has no valid timeVerified`)
  }
  const policy = p.policy as { uri?: unknown; digest?: unknown } | undefined
  const candidate: Verified = {
    ...who,
    resource,
    timeVerified: new Date(time).toISOString(),
    ageMs: e.now.getTime() - time,
    levels: Array.isArray(p.verifiedLevels)
      ? p.verifiedLevels.map((l) => String(l))
      : [],
    subjects,
    policy: {
      uri: typeof policy?.uri === 'string' ? policy.uri : '',
      digest:
        typeof policy?.digest === 'object' && policy.digest !== null
          ? (policy.digest as Record<string, string>)
          : null
    },
    witnessed: signed.witnessed
  }
  if (p.verificationResult !== 'PASSED') {
    const record = p[EVIDENCE_FIELD] as { checks?: unknown } | undefined
    const failing = Array.isArray(record?.checks)
      ? record.checks
          .filter(
            (c: { status?: unknown }) =>
              c.status === 'fail' || c.status === 'error'
          )
          .map((c: { id?: unknown }) => String(c.id))
      : []
    return refuse(
      `the gate blocked this deployment (verificationResult ${String(p.verificationResult)}${failing.length > 0 ? `: ${failing.join(', ')}` : ''}) at ${candidate.timeVerified}`,
      candidate
    )
  }
  if (candidate.ageMs < -SKEW_MS) {
    return refuse(
      `the decision is dated ${candidate.timeVerified}, in the future`,
      candidate
    )
  }
  if (candidate.ageMs > e.maxAgeMs) {
    return refuse(
      `the decision is ${ago(candidate.ageMs)} old (${candidate.timeVerified}), more than --max-age ${ago(e.maxAgeMs)}: run the gate again`,
      candidate
    )
  }
  return { ok: true, verified: candidate }
}

/**
 * Several bundles (GitHub's attestations of one digest): the latest
 * decision that is really about this deployment counts.
 */
export function judgeAll(
  bundles: unknown[],
  roots: TrustedRoot[],
  e: Expected
): Judgement & { refused: string[] } {
  const judged = bundles.map((b) => judge(b, roots, e))
  const relevant = judged
    .map((j) => ({ j, v: j.ok ? j.verified : j.candidate }))
    .filter((x): x is { j: Judgement; v: Verified } => x.v !== null)
    .sort((a, b) => Date.parse(b.v.timeVerified) - Date.parse(a.v.timeVerified))
  const refused = judged.flatMap((j) => (j.ok ? [] : [j.reason]))
  const latest = relevant[0]
  if (latest !== undefined) return { ...latest.j, refused }
  return {
    ok: false,
    reason:
      judged.length === 0
        ? 'no signed decision was found'
        : judged.length === 1
          ? (refused[0] ?? '')
          : `none of the ${judged.length} signed decisions holds: ${[...new Set(refused)].join('; ')}`,
    candidate: null,
    refused
  }
}
