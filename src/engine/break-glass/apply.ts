// The emergency path on a decision already made (SPEC §5.7): verify the
// grant, then open its follow-up issue. A break-glass allow stands only with
// its issue; anything that goes wrong here leaves the decision `block`.

import { toFailure } from '../errors.js'
import type { Decision } from '../decision.js'
import type { GitHubPort } from '../port.js'
import { readTeams } from '../gather/teams.js'
import { openFollowUpIssue } from './follow-up.js'
import { breakGlassDecision, teamsToRead } from './grant.js'

export async function applyBreakGlass(
  decision: Decision,
  reason: string,
  github: GitHubPort,
  now: Date
): Promise<Decision> {
  if (decision.decision === 'allow') {
    return {
      ...decision,
      breakGlass: null,
      breakGlassNote:
        'a break-glass reason was given, but every check passed: the deployment is allowed as usual, with no follow-up issue'
    }
  }
  let granted: Decision
  try {
    const input = {
      reason,
      results: decision.results,
      facts: decision.facts,
      policy: decision.environmentPolicy,
      now
    }
    const teams = await readTeams(github, teamsToRead(input))
    const verdict = breakGlassDecision({ ...input, teams })
    if (verdict.verdict === 'block') return refuse(decision, verdict.message)
    granted = {
      ...decision,
      decision: 'allow',
      breakGlass: verdict.grant,
      breakGlassNote: null
    }
  } catch (error) {
    return refuse(
      decision,
      `break-glass requested but it could not be verified: ${toFailure(error).message}`
    )
  }
  const grant = granted.breakGlass
  if (grant === null) return granted
  const opened = await openFollowUpIssue(github, granted, grant)
  if ('problem' in opened) return refuse(granted, opened.problem)
  return {
    ...granted,
    followUp: opened.issue,
    warnings:
      opened.warning === null
        ? granted.warnings
        : [...granted.warnings, opened.warning]
  }
}

/** A decision that is `block`, with `note` saying why no break-glass stands. */
export function refuse(decision: Decision, note: string): Decision {
  return {
    ...decision,
    decision: 'block',
    breakGlass: null,
    breakGlassNote: note
  }
}
