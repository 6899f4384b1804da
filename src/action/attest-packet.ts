// `mode: audit` with `attest: true` (SPEC §7: the manifest "signed when
// attest is on"; issue 17 item 6): the packet's manifest.json signed the way
// a decision is (./attest.ts), its bundle kept in the packet beside it as
// manifest.sigstore.json, so it travels with the uploaded artifact, and
// stored as an attestation of the repository where GitHub keeps them.
// Loaded only then.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GitHubPort } from '../engine/index.js'
import { MANIFEST } from '../audit/manifest.js'
import {
  buildPacketStatement,
  PACKET_BUNDLE
} from '../attest/packet-statement.js'
import {
  sha256Of,
  signAndStore,
  type AttestOutcome,
  type SignStatement
} from './attest.js'
import type { ActionInputs } from './inputs.js'
import type { ActionIO } from './io.js'
import { OUTPUTS } from './inputs.js'

/** The manifest signed; the problem when it could not be, else null. */
export async function attestPacket(o: {
  dir: string
  inputs: ActionInputs
  env: Record<string, string | undefined>
  io: ActionIO
  github: GitHubPort
  sign?: SignStatement
}): Promise<string | null> {
  const r = o.inputs.request
  const manifest = join(o.dir, MANIFEST)
  const outcome: AttestOutcome = await signAndStore(
    {
      what: 'the audit manifest',
      statement: () =>
        buildPacketStatement({
          manifestName: MANIFEST,
          manifestText: readFileSync(manifest, 'utf8'),
          sha256: sha256Of(manifest)
        }),
      bundleFile: join(o.dir, PACKET_BUNDLE),
      owner: r.owner,
      repo: r.repo,
      serverUrl: r.serverUrl,
      token: o.inputs.token,
      env: o.env,
      github: o.github
    },
    o.sign
  )
  const { io } = o
  io.setOutput(
    OUTPUTS.attestationId,
    outcome.kind === 'stored' ? outcome.id : ''
  )
  io.setOutput(
    OUTPUTS.attestationUrl,
    outcome.kind === 'stored' ? outcome.url : ''
  )
  io.setOutput(
    OUTPUTS.attestationBundle,
    outcome.kind === 'failed' ? '' : outcome.bundleFile
  )
  switch (outcome.kind) {
    case 'stored':
      io.info(`signed audit manifest stored as attestation ${outcome.url}`)
      return null
    case 'kept':
      io.warning(
        `${outcome.why}: the signed audit manifest is kept in the packet as ${PACKET_BUNDLE}; promotion-gate verify --packet checks it`
      )
      return null
    case 'failed': {
      const problem = `${outcome.problem}${outcome.hint === undefined ? '' : `. ${outcome.hint}`}`
      io.error(problem)
      return problem
    }
  }
}
