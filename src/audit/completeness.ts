// Completeness in the auditor's packet (SPEC §7): the Markdown section, the
// rows of unexplained.csv and the manifest's block, which states what the
// population can and cannot see.

import type { AuditReport } from '../engine/index.js'
import { mdCell } from '../access/render.js'
import { csvLine } from './csv.js'

type Completeness = AuditReport['completeness']

export const UNEXPLAINED_FILE = 'unexplained.csv'

export const UNEXPLAINED_HEADER = [
  'sha',
  'commit_url',
  'branch',
  'author',
  'committer',
  'pusher',
  'committed_at',
  'carried_by',
  'deployed',
  'deployment_id',
  'deployment_succeeded_at',
  'why'
] as const

/**
 * What the population cannot see, as fixed text: GitHub keeps no record of
 * it, or this audit does not read it. A job that names an environment makes
 * a deployment record (docs.github.com/en/actions/using-jobs/using-environments-for-jobs);
 * one run with `environment: {deployment: false}` uses the environment
 * without one (issue 16; asked for in github.com/orgs/community/discussions/110491).
 */
export const CANNOT_SEE: readonly string[] = [
  'deployments made by jobs with `environment: {deployment: false}`: GitHub creates no deployment record for them',
  'deployments made outside GitHub (by hand, or by a system that does not record them in GitHub)',
  'history rewritten by force pushes: commits no longer on a branch are not listed',
  'deployments deleted through the API',
  'commits whose committer date (set by whoever made the commit) lies outside the period',
  'branch rules and environment settings, read as they are now (GitHub keeps no history of them)'
]

export const CAN_SEE: readonly string[] = [
  'every successful deployment record of the environment in the period',
  "every commit committed in the period on the branches the environment deploys from (the default branch and the policy's `branches` named literally), every parent followed"
]

/** The rows of unexplained.csv, its header first (RFC 4180). */
export function unexplainedCsv(c: Completeness): string {
  const rows = c.unexplained.map((u) =>
    csvLine([
      u.sha,
      u.url,
      u.branch,
      u.author,
      u.committer,
      u.pusher ?? 'unknown (GitHub does not record who pushed a commit)',
      u.committedAt,
      u.carriedBy ?? '',
      u.deployment === null ? 'no' : 'yes',
      u.deployment === null ? '' : String(u.deployment.id),
      u.deployment?.succeededAt ?? '',
      u.why
    ])
  )
  return csvLine(UNEXPLAINED_HEADER) + rows.join('')
}

/** The manifest's completeness block. */
export function completenessManifest(c: Completeness): Record<string, unknown> {
  return {
    established: c.errors.length === 0,
    branches: c.branches,
    missing_branches: c.missing,
    since: c.since,
    until: c.until,
    commits_read: c.commitsRead,
    unexplained: c.unexplained.length,
    unexplained_deployed: c.unexplained.filter((u) => u.deployment !== null)
      .length,
    errors: c.errors,
    can_see: CAN_SEE,
    cannot_see: CANNOT_SEE
  }
}

/** The report's "Completeness" section. */
export function completenessSection(c: Completeness): string[] {
  const lines = ['## Completeness', '']
  const state =
    c.errors.length > 0
      ? '⚠️ completeness is **not established**'
      : c.unexplained.length === 0
        ? '✅ every commit is explained by a merged pull request or an allowed direct push'
        : `⛔ **${c.unexplained.length}** commit${c.unexplained.length === 1 ? '' : 's'} no pull request or allowed direct push explains`
  lines.push(
    `${c.commitsRead} commit${c.commitsRead === 1 ? '' : 's'} on ${c.branches.map((b) => `\`${mdCell(b)}\``).join(', ') || 'no branch'} committed in the period: ${state}.`,
    ''
  )
  for (const e of c.errors) lines.push(`- ⚠️ ${mdCell(e)}`)
  if (c.missing.length > 0) {
    lines.push(
      `- Not on GitHub now, not read: ${c.missing.map((b) => `\`${mdCell(b)}\``).join(', ')}`
    )
  }
  if (c.errors.length > 0 || c.missing.length > 0) lines.push('')
  if (c.unexplained.length > 0) {
    lines.push(
      '| Commit | Branch | Author | Committer | Committed | Deployed | Why |',
      '| --- | --- | --- | --- | --- | --- | --- |'
    )
    for (const u of c.unexplained) {
      const deployed =
        u.deployment === null
          ? 'no'
          : `#${u.deployment.id} at ${u.deployment.succeededAt}`
      lines.push(
        `| [\`${u.sha.slice(0, 7)}\`](${u.url}) | ${mdCell(u.branch)} | ${mdCell(u.author)} | ${mdCell(u.committer)} | ${u.committedAt} | ${deployed} | ${mdCell(u.why)} |`
      )
    }
    lines.push('')
  }
  lines.push(`Not visible to this audit: ${CANNOT_SEE.join('; ')}.`, '')
  return lines
}
