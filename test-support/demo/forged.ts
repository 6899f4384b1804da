// Deployment records forged as any workflow token can (issue 14): created
// through the REST API, where every workflow token acts as
// github-actions[bot], with a `success` status whose log URL is a real job
// of the repository. "Create a deployment" and "Create a deployment status"
// take any `log_url` (docs.github.com/en/rest/deployments/deployments,
// docs.github.com/en/rest/deployments/statuses); GitHub links no check run
// to such a deployment (CheckRun.deployment: "The corresponding deployment
// for this job, if any").

import type { CheckRun } from '../sim/model.js'
import type { World } from './scenarios.js'

/**
 * The check run of job `name` on `sha` (the latest, as GitHub lists it);
 * with `environment`, the job that deployed there.
 */
export function jobOf(
  w: World,
  sha: string,
  name: string,
  environment?: string
): CheckRun {
  const deployedTo = (k: CheckRun): boolean =>
    environment === undefined ||
    w.repo.data.deployments.some(
      (d) => d.id === k.deploymentId && d.environment === environment
    )
  const job = [...w.repo.data.checkRuns]
    .reverse()
    .find(
      (k) =>
        k.headSha === sha &&
        k.name === name &&
        k.runId !== null &&
        deployedTo(k)
    )
  if (job === undefined) throw new Error(`no job ${name} on ${sha}`)
  return job
}

/**
 * A record of `sha` to `environment` made through the API with a workflow
 * token (creator github-actions[bot]), its success linking to `job`'s log.
 */
export function forgeRecord(
  w: World,
  o: { environment: string; sha: string; job: CheckRun }
): number {
  const forged = w.repo.deploy({ environment: o.environment, sha: o.sha })
  forged.status('success', { logUrl: o.job.detailsUrl ?? undefined })
  return forged.id
}
