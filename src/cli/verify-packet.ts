// `promotion-gate verify --packet DIR` (./verify.ts's second form): an
// auditor's check of a signed audit packet (../attest/verify-packet.ts).
// Exit 0 only when the signature, the signer and every file hold.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { getErrorMessage } from '../engine/index.js'
import { digests, MANIFEST } from '../audit/manifest.js'
import { PACKET_BUNDLE } from '../attest/packet-statement.js'
import type { PacketVerified } from '../attest/verify-packet.js'
import { EXIT, UsageError, type CliContext, type ExitCode } from './command.js'
import { endpoints } from './endpoints.js'
import { printable } from './output.js'
import { parseSigner, readText, trustedRoots } from './verify.js'

const usage = (message: string): UsageError => new UsageError('verify', message)

export async function verifyPacket(
  values: Map<string, string>,
  ctx: CliContext
): Promise<ExitCode> {
  const dir = values.get('packet') ?? ''
  for (const name of ['digest', 'commit', 'max-age']) {
    if (values.has(name)) {
      throw usage(
        `--${name} is about a deployment; --packet verifies an audit packet, whose files the signed manifest names`
      )
    }
  }
  const { repository, signer } = parseSigner(values)
  const bundleFile = values.get('bundle') ?? join(dir, PACKET_BUNDLE)
  let manifest: Buffer
  try {
    manifest = readFileSync(join(dir, MANIFEST))
  } catch (error) {
    throw usage(
      `--packet ${printable(dir)} has no readable ${MANIFEST}: ${getErrorMessage(error)}`
    )
  }
  let bundle: unknown
  try {
    bundle = JSON.parse(readText('the bundle', bundleFile))
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw usage(`${printable(bundleFile)} is not JSON`)
  }
  const roots = await trustedRoots(values.get('trusted-root') ?? null)
  const { serverUrl } = endpoints('verify', values, ctx.env)
  // sigstore-js is loaded only by this command
  const { ACTIONS_ISSUER } = await import('../attest/verify.js')
  const { judgePacket } = await import('../attest/verify-packet.js')
  const bundlePath = join(dir, PACKET_BUNDLE)
  const result = judgePacket(
    bundle,
    roots,
    {
      manifest,
      // the bundle was made after the manifest, so the manifest cannot list it
      files: digests(dir).filter((f) => join(dir, f.path) !== bundlePath)
    },
    {
      repository: `${repository.owner}/${repository.repo}`,
      serverUrl,
      signer,
      issuer: ACTIONS_ISSUER,
      environment: values.get('environment') ?? null
    }
  )
  if (!result.ok) {
    ctx.stdout.write(`refused: ${printable(result.reason)}\n`)
    return EXIT.block
  }
  ctx.stdout.write(describe(result.verified))
  return EXIT.ok
}

function describe(v: PacketVerified): string {
  const lines = [
    `verified: the audit packet of ${v.repository} (${v.environment}, ${v.period.since} to ${v.period.until}) is as signed`,
    `  signer     ${v.signer}`,
    `  issuer     ${v.issuer}`,
    `  run of     ${v.source}${v.caller === null ? '' : ` (${v.caller})`}`,
    `  signature  valid (${v.witnessed})`,
    `  made       ${v.generatedAt} by promotion-gate ${v.toolVersion}`,
    `  files      ${v.files} listed in ${MANIFEST}, each matching its sha256 (${v.bytes} bytes); none added`
  ]
  return `${lines.map(printable).join('\n')}\n`
}
