// The workflow runs that made the deployments: who started each (the
// deployer the gate would have seen) and, when the policy asks for them,
// each run's environment approvals.

import type { RunFact, Unreadable } from '../facts.js'
import {
  arr,
  num,
  obj,
  optObj,
  optStr,
  str,
  type Json
} from '../gather/shape.js'
import { readOr } from '../gather/support.js'
import type { GitHubPort } from '../port.js'
import { limited } from './batch.js'
import type { Repo } from './types.js'

/** Who started a workflow run, and its attempt and page. */
export interface RunInfo {
  id: number
  /** GraphQL's id for it (REST's node_id), to read its reviews in bulk */
  nodeId: string | null
  attempt: number | null
  url: string | null
  actor: string | null
  triggeringActor: string | null
  /** `event`: what triggered the run (SPEC §4 `allowed_events`) */
  event: string | null
}

/** The runs read, by id; unreadable without `actions: read`. */
export type Runs = Map<number, RunInfo> | Unreadable

/** Workflows whose runs are listed before giving up on the rest. */
const MAX_WORKFLOWS = 5

/**
 * Who started each deploying run. A run read by id names its workflow;
 * that workflow's runs in [from, to] are then listed 100 a page, which
 * usually covers every deployment of the period. Runs of another workflow
 * lead to that workflow, up to MAX_WORKFLOWS; any run still unknown is
 * left out of the answer (its deployer is then unknown).
 */
export async function deploymentRuns(o: {
  github: GitHubPort
  repo: Repo
  ids: number[]
  from: Date
  to: Date
}): Promise<Runs> {
  const runs = new Map<number, RunInfo>()
  return readOr('actions: read', async () => {
    for (let workflows = 0; workflows < MAX_WORKFLOWS; workflows++) {
      const missing = o.ids.find((id) => !runs.has(id))
      if (missing === undefined) break
      const r = await o.github.rest(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
        { owner: o.repo.owner, repo: o.repo.repo, run_id: missing }
      )
      const run = obj(r.data, `run ${missing}`)
      runs.set(missing, runInfo(run, `run ${missing}`))
      const workflowId = num(run.workflow_id, `run ${missing}.workflow_id`)
      await listWorkflowRuns({ ...o, workflowId, runs })
    }
    return runs
  })
}

function runInfo(value: unknown, at: string): RunInfo {
  const run = obj(value, at)
  const login = (v: unknown): string | null => {
    const user = optObj(v, `${at}.user`)
    return user === null ? null : str(user.login, `${at}.user.login`)
  }
  return {
    id: num(run.id, `${at}.id`),
    nodeId: typeof run.node_id === 'string' ? run.node_id : null,
    attempt: typeof run.run_attempt === 'number' ? run.run_attempt : null,
    url: optStr(run.html_url, `${at}.html_url`),
    actor: login(run.actor),
    triggeringActor: login(run.triggering_actor),
    event: typeof run.event === 'string' ? run.event : null
  }
}

/**
 * The runs of one workflow created in [from, to], into `runs`. GitHub
 * returns at most 1,000 runs per filtered search, so a window holding more
 * is halved until each half fits.
 */
async function listWorkflowRuns(o: {
  github: GitHubPort
  repo: Repo
  workflowId: number
  from: Date
  to: Date
  runs: Map<number, RunInfo>
}): Promise<void> {
  const route = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs'
  const read = (page: number, a: Date, b: Date): Promise<Json> =>
    o.github
      .rest(route, {
        owner: o.repo.owner,
        repo: o.repo.repo,
        workflow_id: o.workflowId,
        created: `${a.toISOString()}..${b.toISOString()}`,
        per_page: 100,
        page
      })
      .then((r) => obj(r.data, 'workflow runs'))
  const add = (page: Json): void => {
    arr(page.workflow_runs, 'workflow_runs').forEach((x, i) => {
      const info = runInfo(x, `workflow_runs[${i}]`)
      o.runs.set(info.id, info)
    })
  }
  const windows: [Date, Date][] = [[o.from, o.to]]
  while (windows.length > 0) {
    const [a, b] = windows.shift() as [Date, Date]
    const first = await read(1, a, b)
    const total = num(first.total_count, 'total_count')
    if (total > 1000 && b.getTime() - a.getTime() > 1000) {
      const mid = new Date(Math.floor((a.getTime() + b.getTime()) / 2))
      windows.push([a, mid], [new Date(mid.getTime() + 1), b])
      continue
    }
    add(first)
    const pages = Math.min(10, Math.ceil(total / 100))
    const rest = await limited(
      Array.from(
        { length: Math.max(0, pages - 1) },
        (_v, i) => () => read(i + 2, a, b)
      )
    )
    rest.forEach(add)
  }
}

/** The run a deployment's success links to, as the gate would have seen it. */
export function runFact(o: {
  id: number | null
  runs: Runs
  approvals: Map<number, RunFact['approvals']>
}): RunFact {
  const { id } = o
  const info =
    id === null || 'unreadable' in o.runs ? null : (o.runs.get(id) ?? null)
  return {
    id,
    attempt: info?.attempt ?? null,
    url: info?.url ?? null,
    actor: info?.actor ?? null,
    triggeringActor: info?.triggeringActor ?? null,
    event: info?.event ?? null,
    approvals: id === null ? null : (o.approvals.get(id) ?? null)
  }
}

/** What the record says when the runs could not be read. */
export function runsNote(runs: Runs): string | null {
  return 'unreadable' in runs
    ? `who started the deployment's run is unknown: the token needs \`${runs.permission}\``
    : null
}
