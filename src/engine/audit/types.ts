// What an audit is asked and what it answers (SPEC §7): the population of
// successful deployments in a period, each judged as of its own time.

import type { AccessMatrix } from '../access/index.js'
import type { ReviewState } from '../break-glass/index.js'
import type { EvidenceRecord } from '../evidence/index.js'
import type { GitHubPort, Logger } from '../port.js'
import type { AuditCheckpoint } from './checkpoint.js'
import type { PaceOptions } from './pace.js'

export interface AuditRequest {
  owner: string
  repo: string
  environment: string
  policyPath: string
  /** null: the default branch */
  policyRef: string | null
  since: Date
  until: Date
  /** web UI base, e.g. https://github.com */
  serverUrl: string
}

/** One deployment of the population, judged as of its success. */
export interface AuditEntry {
  deployment: {
    id: number
    sha: string
    createdAt: string
    /** the first success status: the moment it is judged as of */
    succeededAt: string
    creator: string | null
  }
  decision: 'allow' | 'block'
  violations: string[]
  /**
   * the same record the gate would have written at that moment; null when
   * it went to `AuditDeps.evidence` as it was judged instead of being held
   */
  evidence: EvidenceRecord | null
  /** what the report shows of the record, held either way */
  summary: EntrySummary
  /** the follow-up issue when this deployment broke the glass */
  breakGlass: BreakGlassReview | null
}

/** The little of an evidence record the report's rows show. */
export interface EntrySummary {
  /** who the gate would have seen deploy */
  deployer: string | null
  runUrl: string | null
  /** the changes in scope: a pull request's number, or null for a direct push */
  changes: {
    sha: string
    pullRequest: number | null
    /** the merge commit that carried it in, not a pull request of its own */
    carriedBy?: string
  }[]
  /** each failed or errored check: `id: its first problem` */
  problems: string[]
}

/** A break-glass deployment's follow-up issue and its independent review. */
export interface BreakGlassReview {
  issue: { number: number; url: string }
  environment: string
  sha: string
  runId: number
  approvedBy: string
  deployer: string
  due: string
  review: ReviewState
  closed: { at: string; by: string | null; reason: string | null } | null
  /** the audited deployment it belongs to, when in the period */
  deployment: number | null
  /** why the record itself is doubtful, e.g. not opened by the gate */
  problem: string | null
}

/** A version of the policy file and the deployments it judged (SPEC §7). */
export interface PolicyVersionUsed {
  /** null: no policy file stood on the ref then (those deployments block) */
  blobSha: string | null
  /** the commit that made it; null when no version stood yet */
  commit: string | null
  committedAt: string | null
  /** from when it stood on the ref, as far as GitHub tells */
  from: string | null
  /** the deployments it judged, by id */
  deployments: number[]
}

export interface AuditReport {
  repository: { owner: string; name: string; url: string }
  environment: string
  period: { since: string; until: string }
  /** the policy today: what drives the reads (chain, ranges, population) */
  policy: { path: string; ref: string; blobSha: string }
  /** each deployment is judged by the version that stood at its success */
  policyVersions: PolicyVersionUsed[]
  generatedAt: string
  /** what is read as of now rather than as of each deployment */
  readNow: string[]
  entries: AuditEntry[]
  /** every break-glass follow-up issue of the environment in the period */
  breakGlass: BreakGlassReview[] | { error: string }
  access: AccessMatrix | { error: string }
  requests: number | null
  /** the commits on the deployed branches in the period that nothing explains */
  completeness: Completeness
}

/**
 * Whether the population is complete (SPEC §7): every commit on the
 * branches the environment deploys from, committed in the period, that no
 * merged pull request into the branch or allowed direct push explains.
 */
export interface Completeness {
  /** the branches whose history was read (the default branch and the policy's) */
  branches: string[]
  /** policy branches that do not exist now: nothing of theirs could be read */
  missing: string[]
  since: string
  until: string
  /** commits read across the branches (a commit on two branches counts twice) */
  commitsRead: number
  unexplained: UnexplainedCommit[]
  /**
   * why completeness could not be established (a history that could not be
   * read, or was cut short): each one is an exception; empty when established
   */
  errors: string[]
}

/** A commit on a deployed branch that no pull request or allowed direct push explains. */
export interface UnexplainedCommit {
  sha: string
  url: string
  branch: string
  /** login, else the git name and email */
  author: string
  committer: string
  /** GitHub's history does not say who pushed a commit: null */
  pusher: string | null
  /** the committer date (what `history(since:, until:)` filters on) */
  committedAt: string
  /** the merge that brought it in, when not on the branch's first-parent line */
  carriedBy: string | null
  /** the audited environment's deployment of this very commit in the period */
  deployment: { id: number; succeededAt: string } | null
  /** the gate's own message for this change (approval-record) */
  why: string
}

export interface AuditDeps {
  github: GitHubPort & { requests?: unknown[] }
  logger: Logger
  now: () => Date
  /**
   * Where each deployment's full evidence record goes as soon as it is
   * judged (e.g. a file per deployment): the report then holds only its
   * summary, so a long audit's memory does not grow with its records.
   */
  evidence?: (deploymentId: number, record: EvidenceRecord) => Promise<void>
  /** progress for long audits (the CLI prints it on stderr) */
  progress?: (message: string) => void
  /**
   * Pace the GraphQL queries by the budget their answers state: wait for
   * its refill up to `waitUntil`, else stop with a BudgetSpentError.
   * Without it, queries go out as fast as the client sends them.
   */
  pace?: PaceOptions
  /** members judged together (default CHUNK of run.ts, 84): memory grows with it */
  chunkSize?: number
  /**
   * Called once a chunk is judged and its reads dropped: an adapter that can
   * collect garbage there keeps the process's memory to one chunk's worth.
   */
  chunkDone?: () => void
  /** where the audit stands, saved after each chunk (e.g. to a file) */
  checkpoint?: (checkpoint: AuditCheckpoint) => Promise<void>
  /** a checkpoint to go on from: its population, its judged rows kept */
  resume?: AuditCheckpoint
}

/** A repository, as the audit's reads address it. */
export interface Repo {
  owner: string
  repo: string
}
