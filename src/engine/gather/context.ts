// The context query: the deployments of several environments and the
// policy's branches in one GraphQL round trip, then further pages of either
// only where the answer may lie beyond the first.

import { GitHubApiError } from '../errors.js'
import type { DeploymentFact, Unreadable } from '../facts.js'
import type { GitHubPort, Logger } from '../port.js'
import type { EngineRequest } from '../request.js'
import { refAnswer, type RefAnswer } from './branches.js'
import {
  MAX_PAGES,
  deploymentPage,
  type DeploymentsRead
} from './deployments.js'
import { assertComplete, errorAt, errorsAt, errorText } from './errors.js'
import { askInBatches } from './budget.js'
import {
  DEPLOYMENTS_COST,
  GLOB_REF_COST,
  REF_COST,
  contextQuery,
  type DeploymentSelection,
  type PageSelection,
  type RefSelection
} from './queries.js'
import { connection, obj, optObj, str, type Json } from './shape.js'
import { unreadable } from './support.js'

export interface ContextAnswer {
  /** each environment asked for, by its selection */
  deployments: Map<
    DeploymentSelection,
    { list: DeploymentFact[]; cursor: string | null } | Unreadable
  >
  statusPages: PageSelection[]
  /** deployment id -> how many statuses GitHub says it has */
  statusTotals: Map<number, number | null>
  refs: RefAnswer[]
  globCursors: RefSelection[]
}

export async function runContext(
  port: GitHubPort,
  req: EngineRequest,
  deployments: DeploymentSelection[],
  refs: RefSelection[]
): Promise<ContextAnswer> {
  const out: ContextAnswer = {
    deployments: new Map(),
    statusPages: [],
    statusTotals: new Map(),
    refs: [],
    globCursors: []
  }
  type Item = { deployments: DeploymentSelection } | { ref: RefSelection }
  const items: Item[] = [
    ...deployments.map((d) => ({ deployments: d })),
    ...refs.map((r) => ({ ref: r }))
  ]
  await askInBatches({
    items,
    each: (i) =>
      'deployments' in i
        ? DEPLOYMENTS_COST
        : i.ref.glob
          ? GLOB_REF_COST
          : REF_COST,
    ask: async (batch) => {
      await readContext(port, req, out, {
        deployments: batch.flatMap((i) =>
          'deployments' in i ? [i.deployments] : []
        ),
        refs: batch.flatMap((i) => ('ref' in i ? [i.ref] : []))
      })
    }
  })
  return out
}

/** One context query's answer, added to `out`. */
async function readContext(
  port: GitHubPort,
  req: EngineRequest,
  out: ContextAnswer,
  {
    deployments,
    refs
  }: { deployments: DeploymentSelection[]; refs: RefSelection[] }
): Promise<void> {
  const { query, variables } = contextQuery(deployments, refs, req.sha)
  const answer = await port.graphql<Json>(
    query,
    { owner: req.owner, name: req.repo, ...variables },
    { splittable: true }
  )
  const repo = optObj(obj(answer.data, 'data').repository, 'repository')
  if (repo === null) {
    // `deployments` is non-null in GitHub's schema: an error on it nulls the
    // whole repository (GraphQL's null propagation), so name it here.
    const envs = deployments
      .filter((d) => errorAt(answer.errors, d.alias) !== undefined)
      .map((d) => d.environment)
    if (envs.length > 0) {
      throw new GitHubApiError(
        `the deployments of ${envs.join(', ')} could not be read${errorText(answer.errors)}: the token needs \`deployments: read\``,
        { permission: 'deployments: read' }
      )
    }
    throw new GitHubApiError(
      `repository ${req.owner}/${req.repo} could not be read${errorText(answer.errors)}`
    )
  }
  // Tolerated, because handled below: a whole environment's deployments
  // unreadable (reported per environment), and a branch comparison GitHub
  // could not make (asked again over REST).
  const aliases = new Set(deployments.map((d) => d.alias))
  assertComplete(answer.errors, 'the deployments and branches', (e) => {
    const path = e.path ?? []
    const alias = path[1]
    return (
      (typeof alias === 'string' &&
        aliases.has(alias) &&
        path.length === 2 &&
        (repo[alias] === null || repo[alias] === undefined)) ||
      path.includes('compare') ||
      path.includes('rules') ||
      path.includes('refUpdateRule')
    )
  })
  for (const sel of deployments) {
    const value = repo[sel.alias]
    if (value === null || value === undefined) {
      const err = errorAt(answer.errors, sel.alias)
      out.deployments.set(
        sel,
        unreadable(
          'deployments: read',
          err?.message ?? 'GitHub returned no deployments'
        )
      )
      continue
    }
    const page = deploymentPage(value, `deployments(${sel.environment})`)
    out.statusPages.push(...page.statusPages)
    for (const [id, total] of page.statusTotals) out.statusTotals.set(id, total)
    out.deployments.set(sel, { list: page.list, cursor: page.cursor })
  }
  for (const sel of refs) {
    const value = repo[sel.alias]
    if (!sel.glob) {
      const ref = optObj(value, `ref(${sel.name})`)
      if (ref === null) {
        const err = errorAt(answer.errors, sel.alias)
        if (err !== undefined) {
          throw new GitHubApiError(
            `branch ${sel.name} could not be read: ${err.message}`,
            {
              permission: 'contents: read'
            }
          )
        }
        continue // the branch does not exist
      }
      out.refs.push(
        refAnswer(
          ref,
          sel.name,
          errorsAt(answer.errors, sel.alias),
          `ref(${sel.name})`
        )
      )
      continue
    }
    const c = connection(value, `refs(${sel.name})`)
    c.nodes.forEach((n, i) => {
      const ref = obj(n, `refs(${sel.name}).nodes[${i}]`)
      const name = str(ref.name, `refs(${sel.name}).nodes[${i}].name`)
      out.refs.push(
        refAnswer(
          ref,
          name,
          errorsAt(answer.errors, sel.alias).filter((e) => e.path?.[3] === i),
          `refs(${sel.name}).nodes[${i}]`
        )
      )
    })
    if (c.hasNextPage && c.endCursor !== null) {
      out.globCursors.push({ ...sel, after: c.endCursor })
    }
  }
}

export interface DeploymentPagesInput {
  github: GitHubPort
  request: EngineRequest
  logger: Logger
  /** the first context query's answer */
  first: ContextAnswer
  /** completed in place */
  read: DeploymentsRead
  /** whether the answer may lie beyond the deployments read so far */
  wantMore: (environment: string, list: DeploymentFact[]) => boolean
}

/** Further pages of deployments, only where the answer may lie beyond. */
export async function readDeploymentPages(
  input: DeploymentPagesInput
): Promise<void> {
  const { github, request, logger, read } = input
  const deployments = read.byEnvironment
  /** pages read so far, by environment */
  const pages = new Map<string, number>()
  let answer = input.first
  addStatusPages(read, answer)
  for (;;) {
    const next: DeploymentSelection[] = []
    for (const [sel, got] of answer.deployments) {
      if ('unreadable' in got) {
        deployments.set(sel.environment, got)
        continue
      }
      const list = [
        ...((deployments.get(sel.environment) as
          DeploymentFact[] | undefined) ?? []),
        ...got.list
      ]
      deployments.set(sel.environment, list)
      const count = (pages.get(sel.environment) ?? 0) + 1
      pages.set(sel.environment, count)
      if (got.cursor === null) continue
      if (!input.wantMore(sel.environment, list)) continue
      if (count >= MAX_PAGES) {
        throw new GitHubApiError(
          `more than ${MAX_PAGES * 100} deployments to ${sel.environment}; the gate stops reading there`
        )
      }
      next.push({ ...sel, after: got.cursor })
    }
    if (next.length === 0) break
    logger.debug(
      `reading further pages of deployments: ${next.map((sel) => sel.environment).join(', ')}`
    )
    answer = await runContext(github, request, next, [])
    addStatusPages(read, answer)
  }
}

function addStatusPages(read: DeploymentsRead, answer: ContextAnswer): void {
  read.statusPages.push(...answer.statusPages)
  for (const [id, total] of answer.statusTotals)
    read.statusTotals.set(id, total)
}

/** Every ref matching the policy's globs, all pages. */
export async function readRefPages(
  github: GitHubPort,
  request: EngineRequest,
  first: ContextAnswer
): Promise<RefAnswer[]> {
  const refs = [...first.refs]
  let pending = first.globCursors
  while (pending.length > 0) {
    const more = await runContext(github, request, [], pending)
    refs.push(...more.refs)
    pending = more.globCursors
  }
  return refs
}
