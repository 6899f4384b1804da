// One deployment of the population, judged as the gate would have judged it
// at its success: the same pipeline (evaluateAsOf) with the policy and the
// facts as of then, and the same evidence step (recordEvidence).

import { recordEvidence } from '../evidence/index.js'
import { evaluateAsOf } from '../pipeline.js'
import { factsAt, sourceAt } from './facts-at.js'
import type { Range } from './history.js'
import type { AuditPolicy } from './policy.js'
import { policyAt, versionNote, withinReads } from './policy-at.js'
import type { Member } from './population.js'
import type { AuditReads } from './reads.js'
import { requestFor } from './request.js'
import { runFact, runsNote } from './runs.js'
import type { AuditEntry, AuditRequest } from './types.js'

export async function judgeDeployment(o: {
  request: AuditRequest
  policy: AuditPolicy
  member: Member
  range: Range
  reads: AuditReads
}): Promise<AuditEntry> {
  const { member, reads } = o
  const d = member.deployment
  const at = new Date(member.succeededAt)
  const run = runFact({
    id: member.runId,
    runs: reads.runs,
    approvals: reads.approvals
  })
  const facts = factsAt({
    request: o.request,
    sha: d.sha,
    at,
    range: o.range,
    reads,
    run,
    chain: o.policy.chain.map((e) => e.name)
  })
  const known = 'unavailable' in facts ? null : facts
  const request = requestFor(o.request, {
    sha: d.sha,
    deployer: known?.deployer ?? null,
    run: known?.run ?? run
  })
  // the policy file as it stood on the policy ref at the success, not today's
  const standing = policyAt({
    history: o.policy.history,
    at,
    defaultBranch: o.policy.defaultBranch
  })
  const judged = await evaluateAsOf(
    request,
    withinReads(sourceAt({ policy: standing.read, facts }), {
      chain: o.policy.chain.map((e) => e.name),
      scope: o.policy.environment.scope
    }),
    at
  )
  const notes = [
    versionNote(standing, at),
    o.range.scope.note,
    runsNote(reads.runs)
  ].filter((n): n is string => n !== null)
  const { decision, evidence } = recordEvidence(
    judged,
    { mode: 'audit', requests: null, notes },
    () => null
  )
  // how each change entered (the packet's changes.csv): the record keeps no such field
  const carriers = new Map(
    (decision.facts?.changes ?? []).flatMap((c) =>
      c.carriedBy === undefined ? [] : [[c.commit.oid, c.carriedBy] as const]
    )
  )
  return {
    deployment: {
      id: d.id,
      sha: d.sha,
      createdAt: d.createdAt,
      succeededAt: member.succeededAt,
      creator: d.creator?.login ?? null
    },
    decision: decision.decision,
    violations: evidence.checks
      .filter((c) => c.status === 'fail' || c.status === 'error')
      .map((c) => c.id),
    evidence,
    summary: {
      deployer: evidence.run.triggering_actor ?? evidence.run.actor,
      runUrl: evidence.run.url,
      changes: evidence.changes.map((c) => {
        const carriedBy = carriers.get(c.sha)
        return {
          sha: c.sha,
          pullRequest: c.pull_request?.number ?? null,
          ...(carriedBy === undefined ? {} : { carriedBy })
        }
      }),
      problems: evidence.checks
        .filter((c) => c.status === 'fail' || c.status === 'error')
        .map((c) => `${c.id}: ${c.problems[0] ?? c.message}`)
    },
    breakGlass: null
  }
}
