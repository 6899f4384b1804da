// `commit-status: true`: the decision as commit status promotion-gate/<env>.
// docs.github.com/en/rest/commits/statuses#create-a-commit-status
// (description is limited to 140 characters by GitHub).

import { getErrorMessage } from '../engine/index.js'
import type { Decision } from '../engine/index.js'
import type { GitHubPort } from '../engine/index.js'
import type { ActionInputs } from './inputs.js'

export const STATUS_DESCRIPTION_MAX = 140

export function statusContext(environment: string): string {
  return `promotion-gate/${environment}`
}

export function statusDescription(line: string): string {
  const text = line.replace(/^promotion-gate /, '')
  return text.length <= STATUS_DESCRIPTION_MAX
    ? text
    : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}…`
}

/** Posts the status; returns a problem to record, or null. Never throws. */
export async function publishStatus(
  github: GitHubPort,
  inputs: ActionInputs,
  decision: Decision,
  line: string
): Promise<string | null> {
  const req = inputs.request
  try {
    await github.rest('POST /repos/{owner}/{repo}/statuses/{sha}', {
      owner: req.owner,
      repo: req.repo,
      sha: req.sha,
      state: decision.decision === 'allow' ? 'success' : 'failure',
      context: statusContext(req.environment),
      description: statusDescription(line),
      ...(req.run.url === null ? {} : { target_url: req.run.url })
    })
    return null
  } catch (error) {
    return `the commit status ${statusContext(req.environment)} could not be posted (needs statuses: write): ${getErrorMessage(error)}`
  }
}
