// The run's environment approvals: the review history of the deployments
// this workflow run waited on (who approved or rejected, for which
// environments), which the approval rules count.

import { ShapeError } from '../errors.js'
import type { EnvironmentApprovalFact, Unreadable } from '../facts.js'
import type { GitHubPort } from '../port.js'
import type { EngineRequest } from '../request.js'
import { parseActor } from './parse.js'
import { arr, obj, str } from './shape.js'
import { readOr } from './support.js'

/**
 * `GET /repos/{o}/{r}/actions/runs/{run_id}/approvals`, read with
 * `actions: read`; null when there is no run to ask about.
 */
export async function fetchApprovals(
  port: GitHubPort,
  req: Pick<EngineRequest, 'owner' | 'repo'> & { run: { id: number | null } }
): Promise<EnvironmentApprovalFact[] | Unreadable | null> {
  const runId = req.run.id
  if (runId === null) return null
  return readOr('actions: read', async () => {
    const r = await port.rest(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
      {
        owner: req.owner,
        repo: req.repo,
        run_id: runId
      }
    )
    return arr(r.data, 'approvals').map((item, i) => {
      const a = obj(item, `approvals[${i}]`)
      const user = parseActor(a.user, `approvals[${i}].user`)
      if (user === null) throw new ShapeError(`approvals[${i}].user: missing`)
      const state = str(a.state, `approvals[${i}].state`)
      return {
        user,
        state: state === 'approved' ? 'approved' : 'rejected',
        environments: arr(a.environments, `approvals[${i}].environments`).map(
          (e, j) =>
            str(
              obj(e, `approvals[${i}].environments[${j}]`).name,
              `approvals[${i}].environments[${j}].name`
            )
        ),
        comment: typeof a.comment === 'string' ? a.comment : ''
      }
    })
  })
}
