// Every GraphQL query shape the product can send, each at the largest batch
// its builder allows (gather/budget.ts `batches` over more items than fit),
// with the variables it is sent with. The node-limit test holds each to SPEC
// §9 (at most 100,000 nodes) and `npm run bench` tabulates what each costs,
// both by the simulator's reading of GitHub's method (sim/graphql-cost.ts).

import { parse, validate } from 'graphql'
import {
  APPROVALS_COST,
  BRANCH_HISTORY,
  BREAK_GLASS_ISSUES,
  DEPLOYED_COST,
  ENV_DEPLOYMENTS,
  HISTORY,
  POLICY_HISTORY,
  approvalsQuery,
  deployedQuery
} from '../src/engine/audit/index.js'
import {
  batches,
  type QueryCost as Declared
} from '../src/engine/gather/budget.js'
import {
  BOOTSTRAP_QUERY,
  CHANGE_COST,
  CO_AUTHORS_COST,
  DEPLOYMENTS_COST,
  GLOB_REF_COST,
  PAGE_COST,
  POLICY_QUERY,
  REF_COST,
  changesQuery,
  coAuthorsQuery,
  contextQuery,
  pagesQuery,
  type DeploymentSelection,
  type PageSelection,
  type RefSelection
} from '../src/engine/gather/queries.js'
import { JOBS_COST, jobsQuery } from '../src/engine/gather/jobs.js'
import { STEP_COST, stepsQuery } from '../src/engine/gather/workflow-jobs.js'
import { githubSchema } from './sim/graphql.js'
import { queryCost, type QueryCost } from './sim/graphql-cost.js'

export interface QueryShape {
  /** the operation's name, and which variant */
  name: string
  what: string
  query: string
  variables: Record<string, unknown>
  /** items in this batch; null for a query with no batch */
  batch: number | null
  /** what the product's builder declares one item costs, when it batches */
  each: Declared | null
}

const oid = (i: number): string => i.toString(16).padStart(40, '0')
const SHA = 'c'.repeat(40)
const REPO = { owner: 'acme', name: 'shop' }

/** The largest batch `batches` makes of a list longer than any batch. */
function largest<T>(make: (i: number) => T, each: Declared): T[] {
  const items = Array.from({ length: 5_000 }, (_v, i) => make(i))
  return batches(items, () => each)[0] as T[]
}

const POLICY_VARS = {
  ...REPO,
  policyExpression: `main:.github/promotion-gate.yml`,
  policyPath: '.github/promotion-gate.yml'
}

export function queryShapes(): QueryShape[] {
  const shapes: QueryShape[] = [
    {
      name: 'GatePolicy',
      what: 'the policy file alone (access, audit)',
      query: POLICY_QUERY,
      variables: POLICY_VARS,
      batch: null,
      each: null
    },
    {
      name: 'GateBootstrap',
      what: 'every decision: policy, deployed commit, pull requests, tests, deployments',
      query: BOOTSTRAP_QUERY,
      variables: {
        ...POLICY_VARS,
        sha: SHA,
        head: SHA,
        environment: 'production'
      },
      batch: null,
      each: null
    }
  ]
  const context = (
    what: string,
    deployments: DeploymentSelection[],
    refs: RefSelection[],
    each: Declared | null
  ): QueryShape => {
    const q = contextQuery(deployments, refs, SHA)
    return {
      name: 'GateContext',
      what,
      query: q.query,
      variables: { ...REPO, ...q.variables },
      batch: each === null ? null : deployments.length + refs.length,
      each
    }
  }
  shapes.push(
    context(
      'deployments of upstream environments',
      largest(
        (i) => ({ alias: `d${i}`, environment: `env${i}`, after: null }),
        DEPLOYMENTS_COST
      ),
      [],
      DEPLOYMENTS_COST
    ),
    context(
      'branches named by pattern',
      [],
      largest(
        (i) => ({
          alias: `g${i}`,
          name: `release${i}/`,
          glob: true,
          after: null
        }),
        GLOB_REF_COST
      ),
      GLOB_REF_COST
    ),
    context(
      'branches named exactly',
      [],
      largest(
        (i) => ({
          alias: `b${i}`,
          name: `branch${i}`,
          glob: false,
          after: null
        }),
        REF_COST
      ),
      REF_COST
    )
  )
  const oids = (each: Declared): string[] => largest(oid, each)
  const changes = changesQuery(oids(CHANGE_COST))
  shapes.push({
    name: 'GateChanges',
    what: 'the other commits of a range, with their pull requests',
    query: changes.query,
    variables: { ...REPO, ...changes.variables },
    batch: oids(CHANGE_COST).length,
    each: CHANGE_COST
  })
  const co = coAuthorsQuery(oids(CO_AUTHORS_COST))
  shapes.push({
    name: 'GateCoAuthors',
    what: 'co-authors of commits whose message names one',
    query: co.query,
    variables: { ...REPO, ...co.variables },
    batch: oids(CO_AUTHORS_COST).length,
    each: CO_AUTHORS_COST
  })
  const jobs = jobsQuery(oids(JOBS_COST))
  shapes.push({
    name: 'GateJobs',
    what: "the check runs of commits whose deployment records' jobs were not read yet",
    query: jobs.query,
    variables: { ...REPO, ...jobs.variables },
    batch: oids(JOBS_COST).length,
    each: JOBS_COST
  })
  const kinds: PageSelection['kind'][] = [
    'commits',
    'reviews',
    'statuses',
    'contexts'
  ]
  for (const kind of kinds) {
    const pages = largest(
      (i): PageSelection =>
        kind === 'commits' || kind === 'reviews'
          ? { alias: `p${i}`, kind, number: i + 1, after: 'Y3Vyc29y' }
          : { alias: `p${i}`, kind, id: `node${i}`, after: 'Y3Vyc29y' },
      PAGE_COST
    )
    const q = pagesQuery(pages, REPO)
    shapes.push({
      name: 'GatePages',
      what: `further pages of ${kind}`,
      query: q.query,
      variables: q.variables,
      batch: pages.length,
      each: PAGE_COST
    })
  }
  const stepIds = largest((i) => `CR_${i}`, STEP_COST)
  const steps = stepsQuery(stepIds)
  shapes.push({
    name: 'GateSteps',
    what: 'whether check runs a pinned required check relies on are jobs',
    query: steps.query,
    variables: steps.variables,
    batch: stepIds.length,
    each: STEP_COST
  })
  shapes.push(
    {
      name: 'AuditDeployments',
      what: "a page of the audited environment's deployments",
      query: ENV_DEPLOYMENTS,
      variables: { ...REPO, environment: 'production', after: null },
      batch: null,
      each: null
    },
    {
      name: 'AuditHistory',
      what: "a page of the default branch's history",
      query: HISTORY,
      variables: { ...REPO, until: '2026-12-01T00:00:00Z', after: null },
      batch: null,
      each: null
    },
    {
      name: 'AuditPolicyHistory',
      what: "a page of the policy file's versions on the policy ref",
      query: POLICY_HISTORY,
      variables: {
        ...REPO,
        ref: 'main',
        path: '.github/promotion-gate.yml',
        after: null
      },
      batch: null,
      each: null
    },
    {
      name: 'AuditBranchHistory',
      what: "a page of a deployed branch's history in the period (completeness)",
      query: BRANCH_HISTORY,
      variables: {
        ...REPO,
        branch: 'refs/heads/main',
        since: '2026-11-01T00:00:00Z',
        until: '2026-12-01T00:00:00Z',
        after: null
      },
      batch: null,
      each: null
    },
    {
      name: 'AuditBreakGlass',
      what: 'a page of break-glass follow-up issues',
      query: BREAK_GLASS_ISSUES,
      variables: {
        ...REPO,
        labels: ['break-glass'],
        since: '2026-11-01T00:00:00Z',
        after: null
      },
      batch: null,
      each: null
    }
  )
  const deployed = deployedQuery(oids(DEPLOYED_COST))
  shapes.push({
    name: 'AuditCommits',
    what: 'deployed commits with pull requests, tests and deployments',
    query: deployed.query,
    variables: { ...REPO, ...deployed.variables },
    batch: oids(DEPLOYED_COST).length,
    each: DEPLOYED_COST
  })
  const runs = largest((i) => `WFR_${i}`, APPROVALS_COST)
  const approvals = approvalsQuery(runs)
  shapes.push({
    name: 'AuditApprovals',
    what: "runs' environment approvals",
    query: approvals.query,
    variables: approvals.variables,
    batch: runs.length,
    each: APPROVALS_COST
  })
  return shapes
}

/** Schema errors of the shape's query against GitHub's public schema. */
export function schemaErrors(shape: QueryShape): string[] {
  return validate(githubSchema(), parse(shape.query)).map((e) => e.message)
}

/** What GitHub would charge for the shape, by the simulator's reading of its method. */
export function costOf(shape: QueryShape): QueryCost {
  const cost = queryCost({
    schema: githubSchema(),
    document: parse(shape.query),
    variables: shape.variables
  })
  if (cost === null) throw new Error(`${shape.name}: its variables do not fit`)
  return cost
}
