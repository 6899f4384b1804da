// `promotion-gate verify --packet DIR`: for an auditor handed an audit
// packet (SPEC §7). The packet's manifest.json was signed by the audit's
// workflow (../action/attest-packet.ts); this checks that signature with
// sigstore-js as a decision's is checked (./verify.ts: the signature, the
// certificate, its log entry or timestamp, the signer workflow and the
// repository whose run signed), that the signed subject is this very
// manifest.json, and then every file the manifest lists against its
// sha256, and that no file was added beside them. Nothing here checks a
// signature by hand.

import { createHash } from 'node:crypto'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { readSigner, type SignerIdentity } from './certificate.js'
import { PACKET_PREDICATE_TYPE } from './packet-statement.js'
import { STATEMENT_TYPE } from './statement.js'
import type { FileDigest } from '../audit/manifest.js'
import {
  readStatement,
  subjectsOf,
  verifySignature,
  type Expected
} from './verify.js'

export type PacketExpected = Pick<
  Expected,
  'repository' | 'serverUrl' | 'signer' | 'issuer'
> & {
  /** the audited environment, when the auditor names one */
  environment: string | null
}

export interface PacketFiles {
  manifest: Buffer
  /** every file of the packet but the manifest and its bundle */
  files: FileDigest[]
}

export interface PacketVerified extends SignerIdentity {
  witnessed: string
  repository: string
  environment: string
  period: { since: string; until: string }
  generatedAt: string
  toolVersion: string
  files: number
  bytes: number
}

export type PacketJudgement =
  { ok: true; verified: PacketVerified } | { ok: false; reason: string }

const sha256 = (data: Buffer): string =>
  createHash('sha256').update(data).digest('hex')

interface ManifestView {
  repository?: unknown
  environment?: unknown
  period?: { since?: unknown; until?: unknown }
  generated_at?: unknown
  tool?: { version?: unknown }
  files?: unknown
}

/** The packet's bundle against its manifest and files. Never throws. */
export function judgePacket(
  bundle: unknown,
  roots: TrustedRoot[],
  packet: PacketFiles,
  e: PacketExpected
): PacketJudgement {
  const refuse = (reason: string): PacketJudgement => ({ ok: false, reason })
  const signed = verifySignature(bundle, roots)
  if (typeof signed === 'string') return refuse(signed)
  const who = readSigner(signed.signer, e)
  if (typeof who === 'string') return refuse(who)
  const s = readStatement(signed.payload)
  if (typeof s === 'string') return refuse(s)
  if (s._type !== STATEMENT_TYPE) {
    return refuse('the statement is not an in-toto Statement v1')
  }
  if (s.predicateType !== PACKET_PREDICATE_TYPE) {
    return refuse(
      `the statement's predicate is ${String(s.predicateType)}, not an audit packet's (${PACKET_PREDICATE_TYPE})`
    )
  }
  const digest = sha256(packet.manifest)
  const subjects = subjectsOf(s)
  if (subjects.length !== 1 || subjects[0]?.digest.sha256 !== digest) {
    return refuse(
      `the signature is over another manifest: manifest.json's sha256 is ${digest}, the statement names ${subjects.map((x) => x.digest.sha256 ?? '?').join(', ') || 'none'}`
    )
  }
  let m: ManifestView
  try {
    m = JSON.parse(packet.manifest.toString('utf8')) as ManifestView
  } catch {
    return refuse('manifest.json is not JSON')
  }
  if (
    typeof m.repository !== 'string' ||
    m.repository.toLowerCase() !== e.repository.toLowerCase()
  ) {
    return refuse(
      `the packet is an audit of ${String(m.repository)}, not of ${e.repository}`
    )
  }
  const environment = typeof m.environment === 'string' ? m.environment : ''
  if (e.environment !== null && environment !== e.environment) {
    return refuse(
      `the packet is an audit of environment "${environment}", not "${e.environment}"`
    )
  }
  const problem = filesProblem(m.files, packet.files)
  if (problem !== null) return refuse(problem)
  const listed = packet.files
  return {
    ok: true,
    verified: {
      ...who,
      witnessed: signed.witnessed,
      repository: m.repository,
      environment,
      period: { since: text(m.period?.since), until: text(m.period?.until) },
      generatedAt: text(m.generated_at),
      toolVersion: text(m.tool?.version),
      files: listed.length,
      bytes: listed.reduce((n, f) => n + f.bytes, 0)
    }
  }
}

/** Each file as the manifest lists it, and nothing else; null when all hold. */
function filesProblem(listed: unknown, found: FileDigest[]): string | null {
  if (!Array.isArray(listed)) return 'the manifest lists no files'
  const want = new Map<string, string>()
  for (const f of listed as { path?: unknown; sha256?: unknown }[]) {
    if (typeof f.path === 'string' && typeof f.sha256 === 'string') {
      want.set(f.path, f.sha256)
    }
  }
  const have = new Map(found.map((f) => [f.path, f.sha256]))
  const missing = [...want.keys()].filter((p) => !have.has(p))
  const changed = [...want].filter(([p, d]) => have.has(p) && have.get(p) !== d)
  const added = [...have.keys()].filter((p) => !want.has(p))
  const parts = [
    changed.length > 0
      ? `changed since it was signed: ${list(changed.map(([p]) => p))}`
      : null,
    missing.length > 0 ? `missing: ${list(missing)}` : null,
    added.length > 0 ? `not in the manifest: ${list(added)}` : null
  ].filter((p): p is string => p !== null)
  return parts.length === 0
    ? null
    : `the packet is not as signed: ${parts.join('; ')}`
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '?')

function list(paths: string[]): string {
  const shown = paths.slice(0, 5).join(', ')
  return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown
}
