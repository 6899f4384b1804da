// Who started a workflow run and this attempt of it (`github.actor` and
// `github.triggering_actor`), for a caller that knows only the run's id: the
// App server, whose deployment_protection_rule event names the run but not
// who re-ran it. docs.github.com/en/rest/actions/workflow-runs#get-a-workflow-run

import type { GitHubPort } from '../port.js'
import type { RunRecord } from '../request.js'
import { obj, optObj } from './shape.js'

export async function readRun(
  github: GitHubPort,
  at: { owner: string; repo: string; run: RunRecord }
): Promise<RunRecord & { event?: string }> {
  const r = await github.rest(
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
    { owner: at.owner, repo: at.repo, run_id: at.run.id }
  )
  const run = obj(r.data, 'run')
  const login = (v: unknown, path: string): string | null => {
    const user = optObj(v, path)
    return user !== null && typeof user.login === 'string' ? user.login : null
  }
  return {
    ...at.run,
    actor: login(run.actor, 'run.actor'),
    triggeringActor: login(run.triggering_actor, 'run.triggering_actor'),
    attempt:
      typeof run.run_attempt === 'number' &&
      Number.isSafeInteger(run.run_attempt)
        ? run.run_attempt
        : null,
    // what triggered it, for SPEC §4 `allowed_events`
    ...(typeof run.event === 'string' ? { event: run.event } : {})
  }
}
