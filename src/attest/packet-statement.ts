// The audit packet signed (SPEC §7, §10; issue 17 item 6): an in-toto
// Statement v1 whose one subject is the packet's manifest.json and whose
// predicate is that manifest. The manifest holds the sha256 of every other
// file of the packet (population.csv, changes.csv, report.html, each
// evidence record), so one signature over it covers the whole packet: an
// auditor verifies the signature, then each file against its digest
// (`promotion-gate verify --packet DIR`).
//
// The predicate type is the gate's own URI: no SLSA or in-toto predicate
// describes "a population of deployments and how it was produced", and
// in-toto lets producers name their own types (in-toto attestation
// framework, spec/v1/predicate.md: "predicateType: URI").

import { STATEMENT_TYPE, VERIFIER_ID, type Subject } from './statement.js'

export const PACKET_PREDICATE_TYPE = `${VERIFIER_ID}/audit-packet/v1`
/** the bundle's name beside manifest.json in the packet */
export const PACKET_BUNDLE = 'manifest.sigstore.json'

export interface PacketStatement {
  _type: typeof STATEMENT_TYPE
  subject: Subject[]
  predicateType: typeof PACKET_PREDICATE_TYPE
  predicate: Record<string, unknown>
}

/** manifest.json's bytes as the statement to sign. Pure. */
export function buildPacketStatement(o: {
  manifestName: string
  manifestText: string
  sha256: string
}): PacketStatement {
  const manifest: unknown = JSON.parse(o.manifestText)
  if (typeof manifest !== 'object' || manifest === null) {
    throw new Error(`${o.manifestName} is not a JSON object`)
  }
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: o.manifestName, digest: { sha256: o.sha256 } }],
    predicateType: PACKET_PREDICATE_TYPE,
    predicate: manifest as Record<string, unknown>
  }
}
