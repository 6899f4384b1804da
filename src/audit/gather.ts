// What an audit reads (SPEC §7), in bulk: the environment's deployments in
// the period, the deployed commits with their pull requests, tests and own
// deployments, the default branch's history that links them, and the runs
// that made them. Round trips grow with the population's pages, not with
// one decision per deployment (SPEC §9: 1,000 deployments in at most 100
// requests).

import { GitHubApiError } from '../engine/errors.js'
import type {
  CommitFact,
  DeploymentFact,
  EnvironmentApprovalFact,
  Unreadable
} from '../engine/facts.js'
import {
  assertComplete,
  associated,
  completeStatuses,
  deploymentPage,
  fetchApprovals,
  CHANGES_PER_QUERY,
  type DeploymentPage
} from '../engine/gather/index.js'
import { readOr } from '../engine/gather/support.js'
import { readRollup, type RollupRead } from '../engine/gather/checks.js'
import { parseCommit, type ParsedPullRequest } from '../engine/gather/parse.js'
import {
  DEPLOYMENT_FIELDS,
  PULL_REQUEST_FIELDS,
  ROLLUP_FIELDS,
  changesQuery,
  type PageSelection
} from '../engine/gather/queries.js'
import {
  arr,
  connection,
  num,
  obj,
  optObj,
  optStr,
  str,
  type Json
} from '../engine/gather/shape.js'
import type { GitHubPort, Logger } from '../engine/port.js'

export interface Repo {
  owner: string
  repo: string
}

/** Further pages of deployments to the audited environment: at most this many. */
const MAX_DEPLOYMENT_PAGES = 300
/** History pages walked to link the deployed commits: at most this many. */
const MAX_HISTORY_PAGES = 500
/**
 * Deployed commits per query: each brings its pull requests (3, with their
 * commits, authors and reviews), its own deployments and its tests, about
 * 9,500 nodes of GitHub's 500,000 per query (see CHANGES_PER_QUERY).
 */
export const DEPLOYED_PER_QUERY = 40
/** Requests in flight at once: GitHub asks clients not to flood it. */
const CONCURRENCY = 4

export const ENV_DEPLOYMENTS = `
query AuditDeployments($owner: String!, $name: String!, $environment: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    deployments(environments: [$environment], first: 100, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
  }
}
${DEPLOYMENT_FIELDS}`

export const HISTORY = `
query AuditHistory($owner: String!, $name: String!, $until: GitTimestamp, $after: String) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef { target { ... on Commit {
      history(first: 100, after: $after, until: $until) {
        pageInfo { hasNextPage endCursor }
        nodes { oid parents(first: 2) { nodes { oid } } }
      }
    } } }
  }
}`

/** A deployed commit: the change it is, its pull requests' heads' tests, its own deployments. */
const DEPLOYED = `... on Commit {
      ...GateCommit
      associatedPullRequests(first: 3) { nodes { ...GatePullRequest
        headCommit: commits(last: 1) { nodes { commit { oid statusCheckRollup { ...GateRollup } } } } } }
      statusCheckRollup { ...GateRollup }
      deployments(first: 20, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
    }`

export function deployedQuery(oids: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  const variables: Record<string, unknown> = {}
  const declarations = ['$owner: String!', '$name: String!']
  const parts = oids.map((oid, i) => {
    declarations.push(`$oid${i}: GitObjectID!`)
    variables[`oid${i}`] = oid
    return `c${i}: object(oid: $oid${i}) { ${DEPLOYED} }`
  })
  return {
    query: `query AuditCommits(${declarations.join(', ')}) {
  repository(owner: $owner, name: $name) {
    ${parts.join('\n    ')}
  }
}
${PULL_REQUEST_FIELDS}
${ROLLUP_FIELDS}
${DEPLOYMENT_FIELDS}`,
    variables
  }
}

/** Runs `tasks` with at most CONCURRENCY in flight, results in order. */
async function limited<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await (tasks[i] as () => Promise<T>)()
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, worker)
  )
  return results
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size))
  return out
}

/**
 * The environment's deployments, newest first, down to the first one
 * created before `stopBefore` that `enough` accepts (the deployment the
 * oldest range of the period starts at).
 */
export async function environmentDeployments(
  port: GitHubPort,
  repo: Repo,
  environment: string,
  stopBefore: Date,
  enough: (older: DeploymentFact[]) => boolean
): Promise<DeploymentFact[]> {
  const list: DeploymentFact[] = []
  const statusPages: PageSelection[] = []
  const totals = new Map<number, number | null>()
  let after: string | null = null
  for (let pages = 0; ; pages++) {
    if (pages >= MAX_DEPLOYMENT_PAGES) {
      throw new GitHubApiError(
        `more than ${MAX_DEPLOYMENT_PAGES * 100} deployments to ${environment}; the audit stops reading there: audit a shorter period`
      )
    }
    const answer = await port.graphql<Json>(ENV_DEPLOYMENTS, {
      owner: repo.owner,
      name: repo.repo,
      environment,
      after
    })
    const repository = optObj(obj(answer.data, 'data').repository, 'repository')
    if (repository === null) {
      throw new GitHubApiError(
        `the deployments to ${environment} could not be read: the token needs \`deployments: read\``,
        { permission: 'deployments: read' }
      )
    }
    assertComplete(answer.errors, `the deployments to ${environment}`)
    const page: DeploymentPage = deploymentPage(
      repository.deployments,
      `deployments(${environment})`
    )
    list.push(...page.list)
    statusPages.push(...page.statusPages)
    for (const [id, total] of page.statusTotals) totals.set(id, total)
    const older = list.filter(
      (d) => Date.parse(d.createdAt) < stopBefore.getTime()
    )
    if (page.cursor === null || (older.length > 0 && enough(older))) break
    after = page.cursor
  }
  await completeStatuses(
    port,
    repo,
    statusPages,
    new Map([[environment, list]]),
    totals
  )
  return list
}

/**
 * Parents of the default branch's commits, newest first, until every oid
 * in `wanted` was seen (or the history ends): the links that make each
 * deployment's range of changes.
 */
export async function history(
  port: GitHubPort,
  repo: Repo,
  until: Date,
  wanted: ReadonlySet<string>
): Promise<Map<string, string[]>> {
  const parents = new Map<string, string[]>()
  const missing = new Set(wanted)
  let after: string | null = null
  for (let pages = 0; missing.size > 0; pages++) {
    if (pages >= MAX_HISTORY_PAGES) break
    const answer = await port.graphql<Json>(HISTORY, {
      owner: repo.owner,
      name: repo.repo,
      until: until.toISOString(),
      after
    })
    assertComplete(answer.errors, 'the history of the default branch')
    const repository = obj(obj(answer.data, 'data').repository, 'repository')
    const ref = optObj(repository.defaultBranchRef, 'defaultBranchRef')
    const target = ref === null ? null : optObj(ref.target, 'target')
    if (target === null || target.history === undefined) break
    const c = connection(target.history, 'history')
    c.nodes.forEach((n, i) => {
      const node = obj(n, `history[${i}]`)
      const oid = str(node.oid, `history[${i}].oid`)
      parents.set(
        oid,
        connection(node.parents, `history[${i}].parents`).nodes.map((p, j) =>
          str(obj(p, `history[${i}].parents[${j}]`).oid, 'parent.oid')
        )
      )
      missing.delete(oid)
    })
    if (!c.hasNextPage || c.endCursor === null) break
    after = c.endCursor
  }
  return parents
}

/** A deployed commit as the audit reads it. */
export interface DeployedCommit {
  commit: CommitFact
  candidates: ParsedPullRequest[]
  checks: RollupRead
  /** final heads of its pull requests' tests, by pull request number */
  heads: Map<number, RollupRead>
  /** its own deployments to every environment, newest first */
  deployments: DeploymentFact[]
  /** more deployments of it exist than were read */
  moreDeployments: boolean
}

/** The deployed commits, batched; null for an oid GitHub does not know. */
export async function deployedCommits(
  port: GitHubPort,
  repo: Repo,
  oids: string[]
): Promise<Map<string, DeployedCommit | null>> {
  const found = new Map<string, DeployedCommit | null>()
  const statusPages: PageSelection[] = []
  const totals = new Map<number, number | null>()
  await limited(
    chunks(oids, DEPLOYED_PER_QUERY).map((batch) => async () => {
      const { query, variables } = deployedQuery(batch)
      const answer = await port.graphql<Json>(query, {
        owner: repo.owner,
        name: repo.repo,
        ...variables
      })
      const repository = obj(obj(answer.data, 'data').repository, 'repository')
      // Tests a token cannot read are reported per commit by readRollup.
      assertComplete(
        answer.errors,
        'the deployed commits',
        (e) =>
          (e.path ?? []).includes('statusCheckRollup') ||
          (e.type === 'NOT_FOUND' && (e.path ?? []).length === 2)
      )
      batch.forEach((oid, i) => {
        const at = `commit ${oid.slice(0, 7)}`
        const node = optObj(repository[`c${i}`], at)
        if (node === null || node.oid === undefined) {
          found.set(oid, null)
          return
        }
        const errors = answer.errors.filter((e) => e.path?.[1] === `c${i}`)
        const page = deploymentPage(node.deployments, `${at}.deployments`)
        statusPages.push(...page.statusPages)
        for (const [id, total] of page.statusTotals) totals.set(id, total)
        const heads = new Map<number, RollupRead>()
        const prs = optObj(
          node.associatedPullRequests,
          `${at}.associatedPullRequests`
        )
        if (prs !== null) {
          connection(prs, `${at}.associatedPullRequests`).nodes.forEach(
            (n, j) => {
              const pr = obj(n, `${at}.pr[${j}]`)
              const last = connection(pr.headCommit, `${at}.pr[${j}].head`)
                .nodes[0]
              const head =
                last === undefined
                  ? null
                  : optObj(obj(last, 'head').commit, 'head.commit')
              if (head === null) return
              heads.set(
                num(pr.number, `${at}.pr[${j}].number`),
                readRollup(
                  head,
                  str(head.oid, 'head.oid'),
                  `${at}.pr[${j}].head`,
                  errors.filter(
                    (e) =>
                      e.path?.[3] === j &&
                      (e.path ?? []).includes('statusCheckRollup')
                  )
                )
              )
            }
          )
        }
        found.set(oid, {
          commit: parseCommit(node, at),
          candidates: associated(node, at),
          checks: readRollup(
            node,
            oid,
            at,
            errors.filter(
              (e) => e.path?.length === 3 && e.path[2] === 'statusCheckRollup'
            )
          ),
          heads,
          deployments: page.list,
          moreDeployments: page.cursor !== null
        })
      })
    })
  )
  const byEnv = new Map<string, DeploymentFact[]>()
  for (const d of found.values()) {
    if (d === null) continue
    for (const dep of d.deployments)
      byEnv.set(dep.environment, [...(byEnv.get(dep.environment) ?? []), dep])
  }
  await completeStatuses(port, repo, statusPages, byEnv, totals)
  return found
}

/** Commits of the ranges that were not deployed themselves. */
export async function changeCommits(
  port: GitHubPort,
  repo: Repo,
  oids: string[]
): Promise<
  Map<string, { commit: CommitFact; candidates: ParsedPullRequest[] }>
> {
  const found = new Map<
    string,
    { commit: CommitFact; candidates: ParsedPullRequest[] }
  >()
  await limited(
    chunks(oids, CHANGES_PER_QUERY).map((batch) => async () => {
      const { query, variables } = changesQuery(batch)
      const answer = await port.graphql<Json>(query, {
        owner: repo.owner,
        name: repo.repo,
        ...variables
      })
      assertComplete(answer.errors, 'the changes between deployments')
      const repository = obj(obj(answer.data, 'data').repository, 'repository')
      batch.forEach((oid, j) => {
        const node = obj(repository[`c${j}`], `commit ${oid}`)
        found.set(oid, {
          commit: parseCommit(node, `commit ${oid}`),
          candidates: associated(node, `commit ${oid}`)
        })
      })
    })
  )
  return found
}

/** Who started a workflow run, and its attempt and page. */
export interface RunInfo {
  id: number
  attempt: number | null
  url: string | null
  actor: string | null
  triggeringActor: string | null
}

function runInfo(value: unknown, at: string): RunInfo {
  const run = obj(value, at)
  const login = (v: unknown): string | null => {
    const user = optObj(v, `${at}.user`)
    return user === null ? null : str(user.login, `${at}.user.login`)
  }
  return {
    id: num(run.id, `${at}.id`),
    attempt: typeof run.run_attempt === 'number' ? run.run_attempt : null,
    url: optStr(run.html_url, `${at}.html_url`),
    actor: login(run.actor),
    triggeringActor: login(run.triggering_actor)
  }
}

/**
 * The runs of one workflow created in [from, to], into `runs`. GitHub
 * returns at most 1,000 runs per filtered search, so a window holding more
 * is halved until each half fits.
 */
async function listWorkflowRuns(
  port: GitHubPort,
  repo: Repo,
  workflowId: number,
  from: Date,
  to: Date,
  runs: Map<number, RunInfo>
): Promise<void> {
  const route = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs'
  const read = (page: number, a: Date, b: Date): Promise<Json> =>
    port
      .rest(route, {
        owner: repo.owner,
        repo: repo.repo,
        workflow_id: workflowId,
        created: `${a.toISOString()}..${b.toISOString()}`,
        per_page: 100,
        page
      })
      .then((r) => obj(r.data, 'workflow runs'))
  const add = (page: Json): void => {
    arr(page.workflow_runs, 'workflow_runs').forEach((x, i) => {
      const info = runInfo(x, `workflow_runs[${i}]`)
      runs.set(info.id, info)
    })
  }
  const windows: [Date, Date][] = [[from, to]]
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

/** Workflows whose runs are listed before giving up on the rest. */
const MAX_WORKFLOWS = 5

/**
 * Who started each deploying run. A run read by id names its workflow;
 * that workflow's runs in [from, to] are then listed 100 a page, which
 * usually covers every deployment of the period. Runs of another workflow
 * lead to that workflow, up to MAX_WORKFLOWS; any run still unknown is
 * left out of the answer (its deployer is then unknown).
 */
export async function deploymentRuns(
  port: GitHubPort,
  repo: Repo,
  ids: number[],
  from: Date,
  to: Date
): Promise<Map<number, RunInfo> | Unreadable> {
  const runs = new Map<number, RunInfo>()
  return readOr('actions: read', async () => {
    for (let workflows = 0; workflows < MAX_WORKFLOWS; workflows++) {
      const missing = ids.find((id) => !runs.has(id))
      if (missing === undefined) break
      const r = await port.rest(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
        { owner: repo.owner, repo: repo.repo, run_id: missing }
      )
      const run = obj(r.data, `run ${missing}`)
      runs.set(missing, runInfo(run, `run ${missing}`))
      const workflowId = num(run.workflow_id, `run ${missing}.workflow_id`)
      await listWorkflowRuns(port, repo, workflowId, from, to, runs)
    }
    return runs
  })
}

/** A run's environment approvals (one request per run: GitHub has no bulk form). */
export async function runApprovals(
  port: GitHubPort,
  repo: Repo,
  runId: number
): Promise<EnvironmentApprovalFact[] | Unreadable> {
  const got = await fetchApprovals(port, { ...repo, run: { id: runId } })
  if (got === null) throw new Error('approvals of a run without an id')
  return got
}

export type { Logger }

export const BREAK_GLASS_ISSUES = `
query AuditBreakGlass($owner: String!, $name: String!, $labels: [String!], $since: DateTime, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(labels: $labels, first: 100, after: $after, orderBy: {field: CREATED_AT, direction: DESC}, filterBy: {since: $since}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number url body createdAt closedAt stateReason
        author { login }
        timelineItems(itemTypes: [CLOSED_EVENT], last: 1) { nodes { ... on ClosedEvent { actor { login } createdAt } } }
      }
    }
  }
}`

/** A follow-up issue of a break-glass deployment, as the audit reads it. */
export interface BreakGlassIssue {
  number: number
  url: string
  body: string
  createdAt: string
  /** the login GitHub shows for who opened it */
  author: string | null
  /** null while open */
  closed: { at: string; by: string | null; reason: string | null } | null
}

/** Issues with the break-glass label updated since `since`: one request per 100. */
export async function breakGlassIssues(
  port: GitHubPort,
  repo: Repo,
  label: string,
  since: Date
): Promise<BreakGlassIssue[] | Unreadable> {
  const issues: BreakGlassIssue[] = []
  let after: string | null = null
  for (let pages = 0; pages < 50; pages++) {
    const answer = await port.graphql<Json>(BREAK_GLASS_ISSUES, {
      owner: repo.owner,
      name: repo.repo,
      labels: [label],
      since: since.toISOString(),
      after
    })
    const repository = optObj(obj(answer.data, 'data').repository, 'repository')
    const unreadable = answer.errors.find((e) =>
      (e.path ?? []).includes('issues')
    )
    if (repository === null || unreadable !== undefined) {
      return {
        unreadable: true,
        permission: 'issues: read',
        detail: unreadable?.message ?? 'GitHub returned no issues'
      }
    }
    assertComplete(answer.errors, 'the break-glass issues')
    const c = connection(repository.issues, 'issues')
    c.nodes.forEach((n, i) => {
      const at = `issues[${i}]`
      const issue = obj(n, at)
      const author = optObj(issue.author, `${at}.author`)
      const closedAt = optStr(issue.closedAt, `${at}.closedAt`)
      const event = connection(issue.timelineItems, `${at}.timelineItems`)
        .nodes[0]
      const actor =
        event === undefined
          ? null
          : optObj(obj(event, `${at}.closedEvent`).actor, `${at}.actor`)
      issues.push({
        number: num(issue.number, `${at}.number`),
        url: str(issue.url, `${at}.url`),
        body: typeof issue.body === 'string' ? issue.body : '',
        createdAt: str(issue.createdAt, `${at}.createdAt`),
        author: author === null ? null : str(author.login, `${at}.author`),
        closed:
          closedAt === null
            ? null
            : {
                at: closedAt,
                by: actor === null ? null : str(actor.login, `${at}.actor`),
                reason: optStr(issue.stateReason, `${at}.stateReason`)
              }
      })
    })
    if (!c.hasNextPage || c.endCursor === null) break
    after = c.endCursor
  }
  return issues
}
