// `promotion-gate verify`: for a deploy target outside GitHub Actions (a
// deploy script, an admission controller, Argo CD). It refuses anything the
// gate did not pass: the signed decision (SPEC §10) is read from a bundle
// file or from GitHub's attestations of the artifact's digest, verified by
// sigstore-js against a trusted root, and its signer, environment, subject
// and age compared with what the target expects (../attest/verify.ts).
// Exit 0 only when all hold, 1 otherwise, 2 on a usage error.

import { readFileSync } from 'node:fs'
import { parseDuration } from '../engine/start.js'
import { getErrorMessage } from '../engine/index.js'
import type { Judgement, Verified } from '../attest/verify.js'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { parseCommandArgs, type OptionSpec } from './args.js'
import {
  EXIT,
  UsageError,
  type CliContext,
  type Command,
  type ExitCode
} from './command.js'
import { printable } from './output.js'
import { connect, repoOption } from './repository.js'
import { endpoints } from './endpoints.js'

const NAME = 'verify'

const OPTIONS: Record<string, OptionSpec> = {
  bundle: { type: 'string' },
  packet: { type: 'string' },
  digest: { type: 'string' },
  commit: { type: 'string' },
  repo: { type: 'string' },
  environment: { type: 'string' },
  'signer-repo': { type: 'string' },
  'signer-workflow': { type: 'string' },
  'max-age': { type: 'string' },
  'trusted-root': { type: 'string' },
  'api-url': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  verbose: { type: 'boolean' }
}

const HELP = `Usage: promotion-gate verify --environment ENV --repo OWNER/NAME
         --signer-workflow [OWNER/NAME/]PATH[@REF] (--digest sha256:HEX
         | --bundle FILE) [options]
       promotion-gate verify --packet DIR --repo OWNER/NAME
         --signer-workflow [OWNER/NAME/]PATH[@REF] [--environment ENV]

Verifies that the gate passed this deployment: a decision signed with
attest: true (a Sigstore bundle holding a SLSA verification summary) whose
signature, transparency log entry or timestamp, and certificate verify, signed
by the workflow named in a run of the repository named, PASSED, for this
environment, naming this artifact or commit, and no older than --max-age. Of
several decisions the latest counts.

Options:
  --environment ENV          the environment deployed to (required; exact)
  --repo OWNER/NAME          the repository the gate ran for: the decision's
                             repository and the certificate's source
                             repository, the run that signed (default:
                             --signer-repo)
  --signer-workflow [OWNER/NAME/]PATH[@REF]
                             the workflow that signs (the certificate's
                             SAN), e.g. the reusable workflow
                             OWNER/promotion-gate/.github/workflows/gate.yml
                             @refs/tags/v1 (one word), or a workflow of
                             --signer-repo such as
                             .github/workflows/gate.yml@refs/heads/main
                             (required; without @REF any ref is accepted)
  --signer-repo OWNER/NAME   the repository of that workflow, when PATH does
                             not name it (default: --repo)
  --digest sha256:HEX        the artifact deployed (e.g. an image digest); its
                             attestations are read from GitHub unless --bundle
  --bundle FILE              read the signed decision from FILE (the action's
                             attestation-bundle output) instead of GitHub
  --packet DIR               verify an audit packet instead (mode: audit with
                             attest: true): DIR/manifest.sigstore.json (or
                             --bundle) signs DIR/manifest.json, which every
                             other file of DIR must match
  --commit SHA               the commit deployed (40 hex); with --digest, both
                             must match
  --max-age DURATION         refuse decisions older than this (default: 24h)
  --trusted-root FILE        Sigstore trusted root(s), JSON or one per line
                             (\`gh attestation trusted-root\` writes both
                             Sigstore's and GitHub's); default: Sigstore's
                             public-good root through TUF, which does not
                             cover private repositories (GitHub's instance)
  --api-url URL              REST API base (default: GITHUB_API_URL, else
                             https://api.github.com)
  --timeout-seconds N        time for API calls, 1-3600 (default: 120)
  --verbose                  every refused decision on stderr
  -h, --help                 show this help

Environment:
  GITHUB_TOKEN, else GH_TOKEN   a token that can read the repository's
                                attestations (with --digest, not --bundle)

Exit codes:
  0  a signed decision of the gate passed this deployment
  1  refused: none holds (the reason is printed)
  2  usage error
`

interface VerifyOptions {
  bundle: string | null
  digest: string | null
  commit: string | null
  repository: { owner: string; repo: string }
  environment: string
  signer: { repository: string; workflow: string; ref: string | null }
  maxAgeMs: number
  trustedRoot: string | null
  verbose: boolean
}

const usage = (message: string): UsageError => new UsageError(NAME, message)

function required(values: Map<string, string>, name: string): string {
  const value = values.get(name)?.trim() ?? ''
  if (value === '') throw usage(`--${name} is required`)
  return value
}

const WORKFLOW =
  /^(?:([^/@\s]+\/[^/@\s]+)\/)?(\.github\/workflows\/[^/@\s]+\.ya?ml)$/

/**
 * --signer-workflow, --signer-repo and --repo: the workflow that signs (the
 * SAN), in its repository (a reusable workflow lives in another one), and
 * the repository whose run signed, which the decision must be about.
 */
export function parseSigner(values: Map<string, string>): {
  repository: { owner: string; repo: string }
  signer: VerifyOptions['signer']
} {
  const workflowArg = required(values, 'signer-workflow')
  const at = workflowArg.indexOf('@')
  const path = at < 0 ? workflowArg : workflowArg.slice(0, at)
  const ref = at < 0 ? null : workflowArg.slice(at + 1)
  const m = WORKFLOW.exec(path)
  if (m === null) {
    throw usage(
      `--signer-workflow must be a workflow path such as .github/workflows/gate.yml, not "${printable(path)}" (a workflow of another repository: OWNER/NAME/.github/workflows/gate.yml)`
    )
  }
  if (ref !== null && !/^refs\/\S+$/.test(ref)) {
    throw usage(
      `--signer-workflow's ref must be a full ref such as refs/heads/main, not "${printable(ref)}"`
    )
  }
  const [, inPath, workflow = ''] = m
  const named = (name: string): { owner: string; repo: string } | null =>
    values.has(name) ? repoOption(NAME, values.get(name)) : null
  const signerRepo = named('signer-repo')
  const repo = named('repo')
  const fromPath = inPath === undefined ? null : repoOption(NAME, inPath)
  const full = (r: { owner: string; repo: string }): string =>
    `${r.owner}/${r.repo}`
  if (
    fromPath !== null &&
    signerRepo !== null &&
    full(fromPath).toLowerCase() !== full(signerRepo).toLowerCase()
  ) {
    throw usage(
      `--signer-workflow names ${full(fromPath)} and --signer-repo ${full(signerRepo)}: name the workflow’s repository once`
    )
  }
  // The run that signed must be the decision's repository: never guessed
  // from a workflow that any repository may call.
  const repository = repo ?? (fromPath === null ? signerRepo : null) ?? null
  if (repository === null) {
    throw usage(
      fromPath === null
        ? '--repo is required: the repository the gate ran for'
        : `--repo is required with a workflow of another repository: the repository the gate ran for (${full(fromPath)}'s workflow signs for every repository that calls it)`
    )
  }
  const workflowRepo = fromPath ?? signerRepo ?? repository
  return {
    repository,
    signer: { repository: full(workflowRepo), workflow, ref }
  }
}

export function parseVerifyOptions(
  values: Map<string, string>,
  flags: Set<string>
): VerifyOptions {
  const environment = required(values, 'environment')
  const { repository, signer } = parseSigner(values)
  const rawDigest = values.get('digest')
  let digest: string | null = null
  if (rawDigest !== undefined) {
    digest =
      /^sha256:([0-9a-fA-F]{64})$/.exec(rawDigest)?.[1]?.toLowerCase() ?? null
    if (digest === null) {
      throw usage(
        `--digest must be sha256: and 64 hex characters, not "${printable(rawDigest.slice(0, 80))}"`
      )
    }
  }
  const rawCommit = values.get('commit')
  if (rawCommit !== undefined && !/^[0-9a-fA-F]{40}$/.test(rawCommit)) {
    throw usage(`--commit must be a full 40-character hex sha`)
  }
  const bundle = values.get('bundle') ?? null
  if (bundle === null && digest === null) {
    throw usage(
      'name what is deployed: --digest sha256:HEX (read from GitHub), or --bundle FILE with --digest or --commit'
    )
  }
  if (digest === null && rawCommit === undefined) {
    throw usage('with --bundle, name what is deployed: --digest or --commit')
  }
  const maxAge = values.get('max-age') ?? '24h'
  let maxAgeMs: number
  try {
    maxAgeMs = parseDuration(maxAge) * 1000
  } catch (error) {
    throw usage(`--max-age: ${getErrorMessage(error)}`)
  }
  return {
    bundle,
    digest,
    commit: rawCommit?.toLowerCase() ?? null,
    repository,
    environment,
    signer,
    maxAgeMs,
    trustedRoot: values.get('trusted-root') ?? null,
    verbose: flags.has('verbose')
  }
}

export function readText(what: string, file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw usage(
      `cannot read ${what} ${printable(file)}: ${getErrorMessage(error)}`
    )
  }
}

/** --trusted-root's roots, else Sigstore's public-good root through TUF. */
export async function trustedRoots(
  file: string | null
): Promise<TrustedRoot[]> {
  const text = file === null ? null : readText('--trusted-root', file)
  const { parseTrustedRoots } = await import('../attest/verify.js')
  try {
    return text === null
      ? [await (await import('@sigstore/tuf')).getTrustedRoot()]
      : parseTrustedRoots(text)
  } catch (error) {
    throw usage(`the trusted root could not be read: ${getErrorMessage(error)}`)
  }
}

/** The bundles of GitHub's attestations of the digest, by predicate type. */
async function fetchBundles(
  o: VerifyOptions,
  values: Map<string, string>,
  ctx: CliContext,
  predicateType: string
): Promise<{ bundles: unknown[]; notes: string[] }> {
  const session = connect(NAME, values, ctx, o.verbose)
  // docs.github.com/en/rest/repos/attestations#list-attestations
  const { data } = await session.client.rest<{ attestations?: unknown }>(
    'GET /repos/{owner}/{repo}/attestations/{subject_digest}',
    {
      owner: o.repository.owner,
      repo: o.repository.repo,
      subject_digest: `sha256:${o.digest ?? ''}`,
      predicate_type: predicateType,
      per_page: 100
    }
  )
  const list = Array.isArray(data.attestations) ? data.attestations : []
  const notes: string[] = []
  const bundles = list.flatMap((a: unknown) => {
    const bundle = (a as { bundle?: unknown } | null)?.bundle
    if (typeof bundle === 'object' && bundle !== null) return [bundle]
    notes.push('an attestation GitHub gives only by bundle_url was not read')
    return []
  })
  if (list.length === 100)
    notes.push('only the first 100 attestations were read')
  return { bundles, notes }
}

function describe(v: Verified, o: VerifyOptions): string {
  const artifact = v.subjects.find((s) => s.digest.sha256 === o.digest)
  const lines = [
    `verified: the gate passed ${v.resource.repository}@${v.resource.sha.slice(0, 7)} for ${v.resource.environment}`,
    `  signer     ${v.signer}`,
    `  issuer     ${v.issuer}`,
    `  run of     ${v.source}${v.caller === null ? '' : ` (${v.caller})`}`,
    `  signature  valid (${v.witnessed})`,
    `  decision   PASSED ${v.levels.join(', ')} at ${v.timeVerified} (within --max-age)`,
    `  commit     ${v.resource.sha}`,
    ...(artifact === undefined
      ? []
      : [`  artifact   ${artifact.name} sha256:${o.digest ?? ''}`]),
    `  policy     ${v.policy.uri}${v.policy.digest?.gitBlob === undefined ? '' : ` (blob ${v.policy.digest.gitBlob})`}`
  ]
  return `${lines.map(printable).join('\n')}\n`
}

async function run(
  args: readonly string[],
  ctx: CliContext
): Promise<ExitCode> {
  const parsed = parseCommandArgs(NAME, args, OPTIONS, { positionals: false })
  if (parsed.help) {
    ctx.stdout.write(HELP)
    return EXIT.ok
  }
  if (parsed.strings.has('packet')) {
    const { verifyPacket } = await import('./verify-packet.js')
    return verifyPacket(parsed.strings, ctx)
  }
  const o = parseVerifyOptions(parsed.strings, parsed.flags)
  const { serverUrl } = endpoints(NAME, parsed.strings, ctx.env)
  const bundleText = o.bundle === null ? null : readText('--bundle', o.bundle)
  const roots = await trustedRoots(o.trustedRoot)
  // sigstore-js is loaded only by this command
  const { ACTIONS_ISSUER, judgeAll } = await import('../attest/verify.js')
  const { VSA_PREDICATE_TYPE } = await import('../attest/statement.js')
  let bundles: unknown[]
  let notes: string[] = []
  if (bundleText !== null) {
    try {
      bundles = [JSON.parse(bundleText)]
    } catch {
      throw usage(`--bundle ${printable(o.bundle ?? '')} is not JSON`)
    }
  } else {
    ;({ bundles, notes } = await fetchBundles(
      o,
      parsed.strings,
      ctx,
      VSA_PREDICATE_TYPE
    ))
  }
  const result: Judgement & { refused: string[] } = judgeAll(bundles, roots, {
    environment: o.environment,
    repository: `${o.repository.owner}/${o.repository.repo}`,
    serverUrl,
    signer: o.signer,
    issuer: ACTIONS_ISSUER,
    digest: o.digest,
    commit: o.commit,
    maxAgeMs: o.maxAgeMs,
    now: ctx.now()
  })
  for (const note of notes) ctx.stderr.write(`note: ${note}\n`)
  if (o.verbose) {
    for (const r of result.refused)
      ctx.stderr.write(`refused: ${printable(r)}\n`)
  }
  if (result.ok) {
    ctx.stdout.write(describe(result.verified, o))
    return EXIT.ok
  }
  ctx.stdout.write(`refused: ${printable(result.reason)}\n`)
  return EXIT.block
}

export const verify: Command = {
  name: NAME,
  summary: 'check a signed decision before deploying (for deploy targets)',
  help: HELP,
  failure: EXIT.block,
  run
}
