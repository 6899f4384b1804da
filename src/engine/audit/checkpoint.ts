// Where a long audit stands (SPEC §9): the population it judges and the
// rows judged so far, saved after each chunk, so an audit stopped by
// GitHub's budget resumes where it stopped instead of asking again.

import { InputError } from '../errors.js'
import type { JudgedRun } from './break-glass-reviews.js'
import type { Member } from './population.js'
import type { AuditRequest } from './types.js'

export const CHECKPOINT_VERSION = 1

/** What a checkpoint was made for; a resume of another audit is refused. */
export interface CheckpointRequest {
  repository: string
  environment: string
  policyPath: string
  policyRef: string | null
  since: string
  until: string
}

export interface AuditCheckpoint {
  /** CHECKPOINT_VERSION when written; another is refused */
  version: number
  request: CheckpointRequest
  /** the policy file's blob: a policy changed since is another audit */
  policyBlob: string
  /**
   * the commits of the policy's versions on the ref, oldest first: the rows
   * judged were judged by them, so a history rewritten since is another
   * audit; absent from a checkpoint whose rows were judged by today's policy
   */
  policyVersions?: string[]
  /** the population, oldest first, and where each one's range starts */
  members: Member[]
  starts: (string | null)[]
  /** the first `judged.length` members, judged */
  judged: JudgedRun[]
}

export function checkpointRequest(req: AuditRequest): CheckpointRequest {
  return {
    repository: `${req.owner}/${req.repo}`,
    environment: req.environment,
    policyPath: req.policyPath,
    policyRef: req.policyRef,
    since: req.since.toISOString(),
    until: req.until.toISOString()
  }
}

/** Throws unless `c` was made for this request and policy. */
export function checkResume(
  c: AuditCheckpoint,
  o: { request: AuditRequest; policyBlob: string; policyVersions: string[] }
): void {
  if (c.version !== CHECKPOINT_VERSION)
    throw new InputError(
      `the checkpoint is of version ${c.version}; this audit reads version ${String(CHECKPOINT_VERSION)}`,
      { hint: 'Run the audit again without --resume.' }
    )
  const want = checkpointRequest(o.request)
  const differ = (Object.keys(want) as (keyof CheckpointRequest)[]).filter(
    (k) => want[k] !== c.request[k]
  )
  if (differ.length > 0)
    throw new InputError(
      `the checkpoint was made for another audit: ${differ
        .map((k) => `${k} ${String(c.request[k])}, not ${String(want[k])}`)
        .join('; ')}`,
      {
        hint: 'Resume with the options the audit was started with, or start it again without --resume.'
      }
    )
  if (c.policyBlob !== o.policyBlob)
    throw new InputError(
      `the policy changed since the checkpoint was made (blob ${c.policyBlob.slice(0, 7)}, now ${o.policyBlob.slice(0, 7)})`,
      { hint: 'Start the audit again without --resume.' }
    )
  if (c.policyVersions === undefined)
    throw new InputError(
      "the checkpoint's deployments were judged by the policy of the day it was made, not by the policy of each deployment's time",
      { hint: 'Start the audit again without --resume.' }
    )
  if (c.policyVersions.join() !== o.policyVersions.join())
    throw new InputError(
      `the policy's history on the ref changed since the checkpoint was made (${c.policyVersions.length} versions then, ${o.policyVersions.length} now): the deployments judged were judged by the versions read then`,
      { hint: 'Start the audit again without --resume.' }
    )
  if (
    c.judged.length > c.members.length ||
    c.starts.length !== c.members.length
  )
    throw new InputError('the checkpoint is damaged: its counts disagree', {
      hint: 'Start the audit again without --resume.'
    })
}
