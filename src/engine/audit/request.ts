// The engine request for one deployment of the audit: the same constructor
// as every live decision's (`makeRequest`), never a break-glass.

import type { RunFact } from '../facts.js'
import { makeRequest, type EngineRequest } from '../request.js'
import type { AuditRequest } from './types.js'

export function requestFor(
  req: AuditRequest,
  deployment: {
    sha: string
    deployer: string | null
    run: RunFact | null
  }
): EngineRequest {
  return makeRequest({
    owner: req.owner,
    repo: req.repo,
    environment: req.environment,
    sha: deployment.sha,
    policyPath: req.policyPath,
    policyRef: req.policyRef,
    deployer: deployment.deployer,
    run: deployment.run,
    serverUrl: req.serverUrl,
    breakGlassReason: null,
    event: deployment.run?.event ?? null
  })
}
