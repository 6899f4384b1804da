// Which version of the policy judges a deployment (SPEC §7 "as of its own
// time"): the one that stood on the policy ref at its success. What the
// audit reads in bulk (ranges, upstream deployments, approvals) is driven
// by today's policy; a version that asks for more than that fails closed.

import { GitHubApiError } from '../errors.js'
import type { FactSource, PolicyRead } from '../sources.js'
import type { PolicyHistory, PolicyVersion } from './policy-history.js'
import type { AuditEntry, PolicyVersionUsed } from './types.js'

export interface PolicyAt {
  /** the file as the pipeline reads it, or why no policy stood then */
  read: PolicyRead
  /** the version that stood, or null when none did */
  version: PolicyVersion | null
}

// as GitHub writes times: to the second
const iso = (t: Date | string): string =>
  new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')

function named(v: PolicyVersion): string {
  const blob = 'blobSha' in v.file ? `blob ${v.file.blobSha.slice(0, 7)}, ` : ''
  return `${blob}commit ${v.commit.slice(0, 7)}, on the ref from ${iso(v.from)}`
}

/**
 * The version that stood on the ref at `at`: the latest whose `from` is at
 * or before it. Before the first version, or where the version removed the
 * file, no policy stood: the deployment is judged without one and blocks.
 */
export function policyAt(o: {
  history: PolicyHistory
  at: Date
  defaultBranch: string
}): PolicyAt {
  const { history: h, at } = o
  const standing = h.versions.filter((v) => Date.parse(v.from) <= at.getTime())
  const version = standing[standing.length - 1]
  if (version === undefined) {
    const first = h.versions[0]
    const missing = !h.complete
      ? `the history of ${h.path} on ${h.ref} was not read back to ${iso(at)} (more versions than the audit reads); the oldest read is ${first === undefined ? 'none' : named(first)}`
      : `no policy stood at ${h.path} on ${h.ref} at ${iso(at)}: its first version is ${first === undefined ? 'none' : named(first)}`
    return { read: { missing, ref: h.ref }, version: null }
  }
  if ('missing' in version.file) {
    return {
      read: {
        missing: `no valid policy file stood on ${h.ref} at ${iso(at)}: ${version.file.missing} (on the ref from ${iso(version.from)})`,
        ref: h.ref
      },
      version
    }
  }
  return {
    read: {
      text: version.file.text,
      blobSha: version.file.blobSha,
      ref: h.ref,
      defaultBranch: o.defaultBranch
    },
    version
  }
}

/** The note each evidence record carries: which version judged it. */
export function versionNote(p: PolicyAt, at: Date): string {
  return p.version === null
    ? `no version of the policy stood on ${p.read.ref} at ${iso(at)}`
    : `judged by the policy as it stood on ${p.read.ref} at ${iso(at)}: ${named(p.version)}`
}

/**
 * The source with a guard: the facts were read for today's policy's chain
 * and scope. A version that promotes through an environment the audit did
 * not read, or asks every change of a range where today's policy read the
 * deployed change alone, cannot be judged from them: it fails closed,
 * naming what was not read, instead of failing or passing on missing data.
 */
export function withinReads(
  source: FactSource,
  read: { chain: string[]; scope: 'range' | 'head' }
): FactSource {
  return async () => {
    const got = await source()
    return {
      policy: got.policy,
      facts: async (question) => {
        const unread = question.chain.filter((e) => !read.chain.includes(e))
        if (unread.length > 0)
          throw new GitHubApiError(
            `the policy of the deployment's time promotes through ${unread.join(', ')}, whose deployments the audit did not read: it reads the upstream chain of today's policy (${read.chain.length === 0 ? 'none' : read.chain.join(', ')})`,
            { hint: 'Check this deployment by hand.' }
          )
        if (question.policy.scope === 'range' && read.scope === 'head')
          throw new GitHubApiError(
            "the policy of the deployment's time checks every change since the previous deployment (scope: range); the audit read only the deployed change, as today's policy asks (scope: head)",
            { hint: 'Check this deployment by hand.' }
          )
        return got.facts(question)
      }
    }
  }
}

/**
 * The versions that judged the population, oldest first, each with the
 * deployments it judged; deployments judged when none stood are listed
 * under a version with no blob.
 */
export function versionsUsed(o: {
  history: PolicyHistory
  entries: Pick<AuditEntry, 'deployment'>[]
  defaultBranch: string
}): PolicyVersionUsed[] {
  const used = new Map<string, PolicyVersionUsed>()
  for (const e of o.entries) {
    const { version } = policyAt({
      history: o.history,
      at: new Date(e.deployment.succeededAt),
      defaultBranch: o.defaultBranch
    })
    const key = version?.commit ?? ''
    const row = used.get(key) ?? {
      blobSha:
        version !== null && 'blobSha' in version.file
          ? version.file.blobSha
          : null,
      commit: version?.commit ?? null,
      committedAt: version?.committedAt ?? null,
      from: version?.from ?? null,
      deployments: []
    }
    row.deployments.push(e.deployment.id)
    used.set(key, row)
  }
  const t = (v: PolicyVersionUsed): number =>
    v.from === null ? Number.NEGATIVE_INFINITY : Date.parse(v.from)
  return [...used.values()].sort((a, b) =>
    t(a) < t(b) ? -1 : t(a) > t(b) ? 1 : 0
  )
}
