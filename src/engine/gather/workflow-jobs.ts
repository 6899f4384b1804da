// SPEC §5.9: a required check pinned to GitHub Actions counts only from the
// check run of a workflow job. The app alone proves nothing: a workflow's
// GITHUB_TOKEN creates check runs through the Checks API as the GitHub
// Actions app, and GitHub files them under the commit's first workflow run
// (bencherdev/bencher#536). A job has steps; the Checks API cannot create
// any. Asked only for check runs of GitHub Actions whose name a rule pins to
// it, in one query (one point) after the rules are known.

import type {
  BranchFact,
  CheckResultFact,
  CommitCiResultsFact,
  Unreadable
} from '../facts.js'
import type { GitHubPort } from '../port.js'
import { askInBatches, type QueryCost } from './budget.js'
import { RATE_LIMIT } from './queries.js'
import { num, obj, optObj, type Json } from './shape.js'
import { unreadable } from './support.js'

/** GitHub Actions' app id: `integration_id` 15368 in a ruleset. */
export const GITHUB_ACTIONS_APP_ID = 15368

/** The contexts the readable rules and protection of `branches` pin to GitHub Actions. */
export function pinnedToActions(branches: BranchFact[]): Set<string> {
  const names = new Set<string>()
  for (const b of branches) {
    const pins = [
      ...('unreadable' in b.rules ? [] : b.rules),
      ...(b.classic === null || 'unreadable' in b.classic ? [] : [b.classic])
    ].flatMap((r) => r.pinnedChecks ?? [])
    for (const p of pins) {
      if (p.appId === GITHUB_ACTIONS_APP_ID) names.add(p.context)
    }
  }
  return names
}

/**
 * Sets `job` on every GitHub Actions check run of `rollups` named in
 * `names`: true when it has steps, false when it has none, Unreadable when
 * GitHub would not say.
 */
export async function proveJobs(
  port: GitHubPort,
  rollups: CommitCiResultsFact[],
  names: Set<string>
): Promise<void> {
  if (names.size === 0) return
  const byId = new Map<string, CheckResultFact[]>()
  for (const rollup of rollups) {
    if ('unreadable' in rollup.results) continue
    for (const r of rollup.results) {
      if (
        r.kind !== 'check_run' ||
        r.appId !== GITHUB_ACTIONS_APP_ID ||
        !names.has(r.name)
      ) {
        continue
      }
      if (r.nodeId === undefined) {
        r.job = unreadable(
          'checks: read',
          'GitHub gave no id for the check run'
        )
        continue
      }
      byId.set(r.nodeId, [...(byId.get(r.nodeId) ?? []), r])
    }
  }
  await askInBatches({
    items: [...byId.entries()],
    each: () => STEP_COST,
    ask: async (batch) => {
      const { query, variables } = stepsQuery(batch.map(([id]) => id))
      const answer = await port.graphql<Json>(query, variables, {
        splittable: true
      })
      const data = optObj(answer.data, 'data') ?? {}
      batch.forEach(([, runs], i) => {
        const alias = `j${i}`
        const errors = answer.errors.filter((e) => e.path?.[0] === alias)
        const node = optObj(data[alias], alias)
        const job: boolean | Unreadable =
          errors.length > 0 || node === null
            ? unreadable(
                'checks: read',
                errors.map((e) => e.message).join('; ') ||
                  'GitHub did not return the check run'
              )
            : num(
                obj(node.steps, `${alias}.steps`).totalCount,
                `${alias}.steps.totalCount`
              ) > 0
        for (const r of runs) r.job = job
      })
    }
  })
}

/** What one check run adds to GateSteps: its first step, if any. */
export const STEP_COST: QueryCost = { nodes: 1, requests: 1 }

/**
 * Whether check runs of GitHub Actions are workflow jobs: a job has steps
 * (the runner's "Set up job" at least), and the Checks API cannot create
 * any, so a check run a token made through it has none (SPEC §5.9).
 * docs.github.com/en/graphql/reference/objects#checkrun, `steps`.
 */
export function stepsQuery(ids: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  const variables: Record<string, unknown> = {}
  const declarations: string[] = []
  const parts = ids.map((id, i) => {
    declarations.push(`$id${i}: ID!`)
    variables[`id${i}`] = id
    return `j${i}: node(id: $id${i}) { ... on CheckRun { steps(first: 1) { totalCount } } }`
  })
  return {
    query: `query GateSteps(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  ${parts.join('\n  ')}
}`,
    variables
  }
}
