// One delivery's decision, through the engine's door: the run (who deploys)
// read with the installation's client, then the engine's pipeline. Whatever
// stops it is a decision that could not be made, never an exception.

import {
  cannotDecide,
  evaluate,
  makeRequest,
  readRun,
  toFailure,
  type Decision,
  type RequestSpec,
  type RunRecord
} from '../engine/index.js'
import type { GitHubClient } from '../github/client.js'
import type { ServerConfig } from './config.js'
import type { ServerLogger } from './log.js'
import type { CallbackTarget, DeploymentRequest } from './payload.js'

export interface DecideOptions {
  /** the installation's client */
  client: GitHubClient
  target: CallbackTarget
  deployment: DeploymentRequest
  config: Pick<ServerConfig, 'policyPath' | 'serverUrl'>
  now: () => Date
  log: ServerLogger
}

/** The engine's decision on the deployment; its `request` is what was asked. */
export async function decide(o: DecideOptions): Promise<Decision> {
  const t = o.target
  const spec: RequestSpec = {
    owner: t.owner,
    repo: t.repo,
    environment: t.environment,
    sha: o.deployment.sha,
    policyPath: o.config.policyPath,
    policyRef: null,
    run: { id: t.runId },
    serverUrl: o.config.serverUrl,
    // Break-glass (SPEC §5.7) is an input of the workflow step; a
    // deployment protection rule has no way to be given a reason.
    breakGlassReason: null
  }
  let request = makeRequest(spec)
  try {
    // The deployer is who set the run going this time (a re-run's
    // triggering actor), as the action reads GITHUB_TRIGGERING_ACTOR.
    const run = await readRun(o.client, request)
    noteSender(run, o)
    request = makeRequest({ ...spec, run, event: run.event ?? null })
    return await evaluate(request, {
      github: o.client,
      logger: o.log,
      now: o.now
    })
  } catch (error) {
    return cannotDecide({ request, failure: toFailure(error), now: o.now() })
  }
}

/** The deployer is the run's, whoever the event names as its sender. */
function noteSender(run: RunRecord, o: DecideOptions): void {
  const deployer = run.triggeringActor ?? run.actor
  const sender = o.deployment.sender
  if (sender !== null && deployer !== null && sender !== deployer) {
    o.log.info(
      `the event's sender ${sender} is not the run's triggering actor ${deployer}; the run's is used`
    )
  }
}
