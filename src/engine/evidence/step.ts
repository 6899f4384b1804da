// The last step of every decision: build the evidence record, check it
// against its schema, keep it. No evidence, no allow: when the record cannot
// be kept, the decision becomes `block` (a break-glass allow is withdrawn)
// and the record says why.

import { getErrorMessage } from '../errors.js'
import type { Decision } from '../decision.js'
import { refuse } from '../break-glass/apply.js'
import type { ApiUsage } from '../port.js'
import { lowBudgetWarnings } from './api.js'
import { buildEvidence, type EvidenceRecord } from './record.js'
import { evidenceProblems } from './validate.js'

export interface EvidenceContext {
  /** enforce, report, cli, server, audit */
  mode: string
  requests: number | null
  /**
   * The client's usage when the decision was made (GitHubPort.usage);
   * absent or null when it does not count.
   */
  usage?: ApiUsage | null
  notes: string[]
}

/**
 * Keeps the record: returns where (null: kept nowhere, as asked), or throws
 * when it could not.
 */
export type KeepEvidence = (
  record: EvidenceRecord,
  text: string
) => string | null

export interface Recorded {
  decision: Decision
  evidence: EvidenceRecord
  /** where the record was kept, when it was */
  file: string | null
  /** set when it could not be kept: what went wrong, for the log */
  problem: string | null
  /**
   * What this step found worth a warning (a GitHub API budget under 20 %
   * left), already in the record's notes and the decision's warnings: the
   * adapter shows them as it shows its warnings (annotation, stderr, log).
   */
  warnings: string[]
}

export function recordEvidence(
  made: Decision,
  context: EvidenceContext,
  keep: KeepEvidence,
  /** what an operator can do when the record cannot be kept */
  hint?: string
): Recorded {
  // The evidence step is where every adapter's decision passes once its
  // calls are made, so the budget is judged here, once for all of them.
  const warnings = lowBudgetWarnings(context.usage ?? null)
  const decision =
    warnings.length === 0
      ? made
      : { ...made, warnings: [...made.warnings, ...warnings] }
  const notes = [...decision.warnings, ...context.notes]
  if (decision.breakGlassNote !== null) notes.push(decision.breakGlassNote)
  const evidence = buildEvidence(decision, {
    mode: context.mode,
    requests: context.requests,
    usage: context.usage,
    notes,
    followUpIssue: decision.followUp
  })
  try {
    const problems = evidenceProblems(evidence)
    if (problems.length > 0) {
      throw new Error(
        `the evidence record does not match its schema: ${problems.join('; ')}`
      )
    }
    const file = keep(evidence, `${JSON.stringify(evidence, null, 2)}\n`)
    return { decision, evidence, file, problem: null, warnings }
  } catch (error) {
    const problem = `evidence could not be written: ${getErrorMessage(error)}`
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? ` (${String(error.code)})`
        : ''
    const blocked =
      decision.breakGlass === null
        ? { ...decision, decision: 'block' as const }
        : refuse(decision, `the break-glass allow was withdrawn: ${problem}`)
    return {
      decision: {
        ...blocked,
        // The failure names no path: it may be shown outside the machine.
        failure: blocked.failure ?? {
          code: 'internal',
          message: `the evidence record could not be written${code}`,
          hint
        }
      },
      evidence: {
        ...evidence,
        decision: 'block',
        notes: [...evidence.notes, problem]
      },
      file: null,
      problem,
      warnings
    }
  }
}
