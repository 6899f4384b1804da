// Who signed a decision, read from the Fulcio certificate that sigstore-js
// (@sigstore/verify) has already verified: its chain, its CT proof and the
// signature it carries. Nothing here checks a signature; it compares what the
// verified certificate says with what the deploy target expects.
//
// Fulcio's certificate for a GitHub Actions job (sigstore/fulcio
// docs/oid-info.md, and the templates of its github-workflow CI provider,
// config/identity/config.yaml):
// - the SAN and Build Signer URI (1.3.6.1.4.1.57264.1.9) are
//   `{server_url}/{job_workflow_ref}`: the workflow whose job signed. For a
//   reusable workflow that is the *called* workflow, e.g.
//   https://github.com/OWNER/promotion-gate/.github/workflows/gate.yml@refs/tags/v1,
//   whatever repository called it;
// - Source Repository URI (1.3.6.1.4.1.57264.1.12) is
//   `{server_url}/{repository}`: the repository whose run it was, the caller;
// - Build Config URI (1.3.6.1.4.1.57264.1.18) is `{server_url}/{workflow_ref}`:
//   the caller's top-level workflow.
// A reusable workflow anyone may call proves nothing on its own: every
// repository on GitHub can run it and get a certificate with the same SAN. So
// the source repository is always compared too.

import type { Signer } from '@sigstore/verify'

export const OID = {
  buildSignerUri: '1.3.6.1.4.1.57264.1.9',
  sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
  buildConfigUri: '1.3.6.1.4.1.57264.1.18'
} as const

export interface SignerPin {
  /** OWNER/NAME of the repository holding the signing workflow */
  repository: string
  /** .github/workflows/NAME.yml */
  workflow: string
  /** a full ref, or null for any */
  ref: string | null
}

export interface CertificateExpectation {
  /** web UI base of the GitHub the signer ran on, e.g. https://github.com */
  serverUrl: string
  issuer: string
  signer: SignerPin
  /** OWNER/NAME whose run signed (the decision's repository) */
  repository: string
}

export interface SignerIdentity {
  /** the SAN: the workflow whose job signed */
  signer: string
  issuer: string
  /** Source Repository URI: the repository whose run signed */
  source: string
  /** Build Config URI: the caller's workflow, when the certificate has it */
  caller: string | null
}

/**
 * An extension's value as Fulcio writes 1.3.6.1.4.1.57264.1.8 and later: a
 * DER UTF8String (oid-info.md, "Extension values"). sigstore-js hands over
 * the extension's raw extnValue; anything but one whole UTF8String is
 * unreadable (null), never guessed at.
 */
export function derUtf8(value: Buffer): string | null {
  if (value.length < 2 || value[0] !== 0x0c) return null
  const first = value[1] ?? 0
  let length = first
  let start = 2
  if (first >= 0x80) {
    // long form: 0x81 or 0x82 and that many length bytes
    const bytes = first - 0x80
    if (bytes < 1 || bytes > 2 || value.length < 2 + bytes) return null
    length = value.readUIntBE(2, bytes)
    start = 2 + bytes
  }
  if (value.length !== start + length) return null
  return value.subarray(start).toString('utf8')
}

/** The text of the verified certificate's extension `oid`, or null. */
export function extensionText(
  identity: Signer['identity'],
  oid: string
): string | null {
  const found = (identity?.oids ?? []).filter(
    (o) => o.oid?.id.join('.') === oid
  )
  // a certificate carrying an extension twice is not read either way
  if (found.length !== 1 || found[0] === undefined) return null
  return derUtf8(found[0].value)
}

function pinned(e: CertificateExpectation): string {
  const s = e.signer
  return `${e.serverUrl}/${s.repository}/${s.workflow}@${s.ref ?? '<any ref>'}`
}

/** The SAN against --signer-workflow [OWNER/NAME/]PATH[@REF]. */
function signerProblem(san: string, e: CertificateExpectation): string | null {
  const prefix = `${e.serverUrl}/${e.signer.repository}/`
  // GitHub's owner and repository names ignore case; paths and refs do not
  const head = san.slice(0, prefix.length)
  const rest = san.slice(prefix.length)
  const at = rest.indexOf('@')
  const workflow = at < 0 ? rest : rest.slice(0, at)
  const ref = at < 0 ? '' : rest.slice(at + 1)
  const ok =
    head.toLowerCase() === prefix.toLowerCase() &&
    workflow === e.signer.workflow &&
    ref !== '' &&
    (e.signer.ref === null || ref === e.signer.ref)
  return ok
    ? null
    : `signed by ${san}, not by the expected workflow ${pinned(e)}`
}

/** Who signed, or why that signer is not the one expected. */
export function readSigner(
  signer: Signer,
  e: CertificateExpectation
): SignerIdentity | string {
  const identity = signer.identity
  const san = identity?.subjectAlternativeName ?? ''
  const issuer = identity?.extensions?.issuer ?? ''
  if (issuer !== e.issuer) {
    return `the certificate was issued for tokens of ${issuer || 'an unnamed issuer'}, not of ${e.issuer}`
  }
  const wrongSigner = signerProblem(san, e)
  if (wrongSigner !== null) return wrongSigner
  const expected = `${e.serverUrl}/${e.repository}`
  const source = extensionText(identity, OID.sourceRepositoryUri)
  if (source === null) {
    return `the certificate names no source repository (extension ${OID.sourceRepositoryUri}), so the run that signed cannot be tied to ${expected}`
  }
  if (source.toLowerCase() !== expected.toLowerCase()) {
    const shared =
      e.signer.repository.toLowerCase() !== e.repository.toLowerCase()
    return `signed in a run of ${source}, not of ${expected}${shared ? ` (a workflow of ${e.signer.repository} signs for every repository that calls it)` : ''}`
  }
  return {
    signer: san,
    issuer,
    source,
    caller: extensionText(identity, OID.buildConfigUri)
  }
}
