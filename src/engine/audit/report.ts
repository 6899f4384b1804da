// The audit's report: how it starts, and what in it needs an auditor.

import type { AuditPolicy } from './policy.js'
import { READ_NOW } from './read-now.js'
import type { AuditReport, AuditRequest } from './types.js'

/** The report before any deployment is judged. */
export function newReport(o: {
  request: AuditRequest
  policy: AuditPolicy
  now: Date
}): AuditReport {
  const { request: req, policy } = o
  return {
    repository: {
      owner: req.owner,
      name: req.repo,
      url: policy.repositoryUrl
    },
    environment: req.environment,
    period: { since: req.since.toISOString(), until: req.until.toISOString() },
    policy: {
      path: req.policyPath,
      ref: policy.read.ref,
      blobSha: policy.read.blobSha
    },
    policyVersions: [],
    generatedAt: o.now.toISOString(),
    readNow: [...READ_NOW],
    entries: [],
    breakGlass: [],
    access: { error: 'not read' },
    requests: null,
    completeness: {
      branches: [],
      missing: [],
      since: req.since.toISOString(),
      until: req.until.toISOString(),
      commitsRead: 0,
      unexplained: [],
      errors: ['not read']
    }
  }
}

/**
 * Deployments that need an auditor's attention: those that would not have
 * passed, unless a break-glass covers them and its review is done or not
 * yet due; every break-glass whose review is missing or late; and every
 * commit completeness found unexplained or could not read.
 */
export function flagged(report: AuditReport): number {
  const deployments = report.entries.filter(
    (e) =>
      e.decision === 'block' &&
      !(
        e.breakGlass !== null &&
        (e.breakGlass.review === 'done' || e.breakGlass.review === 'pending')
      )
  ).length
  const reviewsFlagged =
    'error' in report.breakGlass
      ? 1
      : report.breakGlass.filter(
          (r) =>
            r.problem !== null || r.review === 'missing' || r.review === 'late'
        ).length
  // Completeness (SPEC §7): each unexplained commit, and each reason it
  // could not be established, is an exception of its own.
  const completeness =
    report.completeness.unexplained.length + report.completeness.errors.length
  return deployments + reviewsFlagged + completeness
}
