// The request the action builds for a scenario's gate run, through the one
// constructor the adapters use (makeRequest).
import { makeRequest, type EngineRequest } from '../src/engine/index.js'
import {
  OWNER,
  POLICY_PATH,
  REPO,
  type GateRun
} from '../test-support/demo/scenarios.js'

export function requestFor(
  run: GateRun,
  o: { breakGlassReason?: string | null; serverUrl?: string } = {}
): EngineRequest {
  return makeRequest({
    owner: OWNER,
    repo: REPO,
    environment: run.environment,
    sha: run.sha,
    policyPath: POLICY_PATH,
    deployer: run.actor,
    run: {
      id: run.runId,
      attempt: 1,
      actor: run.actor,
      triggeringActor: run.actor
    },
    serverUrl: o.serverUrl ?? 'https://github.com',
    breakGlassReason: o.breakGlassReason ?? null,
    // GITHUB_EVENT_NAME as the demo's runner sets it (test-support/demo/run-action.ts)
    event: 'push'
  })
}
