// The packet's manifest.json (SPEC §7): how the population was produced
// (repository, environment, period, tool version, token kind, the API calls,
// when, the counts) and the sha256 of every other file in the packet, so an
// auditor can check that nothing was changed or left out and run it again.

import { createHash } from 'node:crypto'
import { closeSync, openSync, readdirSync, readSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { flagged, type ApiUsage, type AuditReport } from '../engine/index.js'
import { VERSION } from '../version.js'
import type { ApiCalls } from './calls.js'
import type { Sample } from './sample.js'
import { completenessManifest } from './completeness.js'
import {
  ACCESS_JSON,
  baselineManifest,
  reviewExceptions,
  type AuditAccessReview
} from './access-review.js'

export const MANIFEST = 'manifest.json'

/**
 * What a token is, from the prefix GitHub gives each kind
 * (github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available;
 * `github_pat_` for fine-grained tokens, github.blog/2022-10-18-introducing-fine-grained-personal-access-tokens-for-github).
 * Only the kind is kept, never the token.
 */
export function tokenKind(token: string): string {
  const kinds: [string, string][] = [
    ['github_pat_', 'fine-grained personal access token'],
    ['ghp_', 'personal access token (classic)'],
    ['gho_', 'OAuth app token'],
    ['ghu_', 'GitHub App user-to-server token'],
    // GITHUB_TOKEN is an installation token of the Actions app: same prefix
    ['ghs_', 'GitHub App installation token (or a workflow GITHUB_TOKEN)']
  ]
  return (
    kinds.find(([prefix]) => token.startsWith(prefix))?.[1] ??
    'unknown (no prefix GitHub documents)'
  )
}

export interface FileDigest {
  /** relative to the packet, with `/` */
  path: string
  bytes: number
  sha256: string
}

/**
 * A file's size and sha256, read a block at a time into `block`: report.html of 10,000
 * deployments is tens of MB, and the audit's memory must stay flat.
 */
function hashFile(
  path: string,
  block: Buffer
): { bytes: number; sha256: string } {
  const hash = createHash('sha256')
  const fd = openSync(path, 'r')
  let bytes = 0
  try {
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null)
      if (n === 0) break
      hash.update(block.subarray(0, n))
      bytes += n
    }
  } finally {
    closeSync(fd)
  }
  return { bytes, sha256: hash.digest('hex') }
}

/** Every file under `dir` but the manifest itself, sorted by path. */
export function digests(dir: string): FileDigest[] {
  const out: FileDigest[] = []
  // one block for every file: a new one per file would be garbage outside
  // the heap, freed only when V8 next collects
  const block = Buffer.allocUnsafe(1 << 16)
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && path !== join(dir, MANIFEST)) {
        out.push({
          path: relative(dir, path).split(sep).join('/'),
          ...hashFile(path, block)
        })
      }
    }
  }
  walk(dir)
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

export interface ManifestContext {
  /** the command line's arguments, to run it again (no token is ever an argument) */
  arguments: readonly string[]
  apiUrl: string
  graphqlUrl: string
  tokenKind: string
  calls: ApiCalls
  /** HTTP requests and points the client counted; null: it does not count */
  usage: ApiUsage | null
  sample: Sample | null
  /** changes over every deployment, as changes.csv holds them */
  changes: number
  /** with a baseline: the access review made against it */
  accessReview?: AuditAccessReview | null
}

export function buildManifest(
  report: AuditReport,
  context: ManifestContext,
  files: FileDigest[]
): Record<string, unknown> {
  const blocked = report.entries.filter((e) => e.decision === 'block').length
  const review = context.accessReview ?? null
  return {
    kind: 'promotion-gate/audit-packet',
    tool: { name: 'promotion-gate', version: VERSION },
    repository: `${report.repository.owner}/${report.repository.name}`,
    repository_url: report.repository.url,
    environment: report.environment,
    period: report.period,
    policy: {
      path: report.policy.path,
      ref: report.policy.ref,
      blob_sha: report.policy.blobSha,
      // each deployment was judged by the version that stood at its success
      versions: report.policyVersions.map((v) => ({
        blob_sha: v.blobSha,
        commit: v.commit,
        committed_at: v.committedAt,
        from: v.from,
        deployments: v.deployments
      }))
    },
    generated_at: report.generatedAt,
    arguments: [...context.arguments],
    api: {
      rest_url: context.apiUrl,
      graphql_url: context.graphqlUrl,
      token_kind: context.tokenKind,
      rest_routes: context.calls.rest,
      graphql_operations: context.calls.graphql,
      http_requests: context.usage?.requests ?? null,
      graphql_points: context.usage?.points ?? null
    },
    read_as_of_now: report.readNow,
    counts: {
      deployments: report.entries.length,
      allowed: report.entries.length - blocked,
      blocked,
      changes: context.changes,
      exceptions:
        flagged(report) +
        (review === null ? 0 : reviewExceptions(review).length),
      break_glass:
        'error' in report.breakGlass ? null : report.breakGlass.length
    },
    completeness: completenessManifest(report.completeness),
    // the matrix as `access --format json` prints it: the next review's baseline
    access_matrix:
      'error' in report.access
        ? { file: null, not_read: report.access.error }
        : { file: ACCESS_JSON, generated_at: report.access.generatedAt },
    baseline: review === null ? null : baselineManifest(review),
    sample:
      context.sample === null
        ? null
        : {
            size: context.sample.size,
            drawn: context.sample.ids.length,
            seed: context.sample.seed,
            method: context.sample.method,
            deployment_ids: context.sample.ids
          },
    files
  }
}
