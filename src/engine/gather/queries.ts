// The GraphQL the gate sends. Every field is checked against GitHub's public
// schema (@octokit/graphql-schema) by __tests__/engine/gather/queries.test.ts.

import { plus, times, type QueryCost } from './budget.js'

export const PAGE = 100

/**
 * Asked at the root of every query: what it cost and what is left of the
 * hour (docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api,
 * "Checking the status of your primary rate limit"). Free: not a connection.
 */
export const RATE_LIMIT = `rateLimit { cost limit remaining used resetAt }`

/** Pull requests asked for per commit. */
export const PULL_REQUESTS_PER_COMMIT = 10

const ACTOR = `__typename login`
const GIT_ACTOR = `name email user { login }`

/**
 * A commit as the gate needs it, with no connection inside: under a pull
 * request's `commits(first: 100)` every connection here would cost 100
 * requests per pull request (GitHub charges each connection the product of
 * the page sizes around it), and `authors` and `parents` did, 20 of the 22
 * points the bootstrap cost. Co-authors come from `coAuthorsQuery`, asked
 * only for commits whose message names one; parents from `CHANGE` (the
 * commits of the range) and REST compare.
 */
export const COMMIT_FIELDS = `
fragment GateCommit on Commit {
  oid
  url
  message
  committedDate
  tree { oid }
  author { ${GIT_ACTOR} }
  committer { ${GIT_ACTOR} }
  signature { isValid state wasSignedByGitHub }
}`

/** What GitHub returns per commit and alias in `coAuthorsQuery`. */
export const CO_AUTHORS_PAGE = 100

const PR_COMMITS = `totalCount pageInfo { hasNextPage endCursor } nodes { commit { ...GateCommit } }`
const PR_REVIEWS = `totalCount pageInfo { hasNextPage endCursor } nodes {
      author { ${ACTOR} } state submittedAt url authorCanPushToRepository commit { oid } }`

export const PULL_REQUEST_FIELDS = `
fragment GatePullRequest on PullRequest {
  id
  number
  url
  merged
  mergedAt
  baseRefName
  headRefOid
  author { ${ACTOR} }
  mergeCommit { oid }
  commits(first: ${PAGE}) { ${PR_COMMITS} }
  reviews(first: ${PAGE}) { ${PR_REVIEWS} }
}
${COMMIT_FIELDS}`

const CHANGE = `... on Commit {
      ...GateCommit
      parents(first: 2) { totalCount nodes { oid } }
      associatedPullRequests(first: ${PULL_REQUESTS_PER_COMMIT}) { nodes { ...GatePullRequest } }
    }`

/** What one page alias adds to a GatePages query: a connection, nothing inside. */
export const PAGE_COST: QueryCost = { nodes: PAGE, requests: 1 }

/** What one commit adds to GateCoAuthors. */
export const CO_AUTHORS_COST: QueryCost = {
  nodes: CO_AUTHORS_PAGE,
  requests: 1
}

/**
 * What one commit adds to GateChanges: its parents and pull requests, each
 * pull request's first pages of commits and reviews.
 */
export const CHANGE_COST: QueryCost = plus(
  { nodes: 2 + PULL_REQUESTS_PER_COMMIT, requests: 2 },
  times(PULL_REQUESTS_PER_COMMIT, { nodes: 2 * PAGE, requests: 2 })
)

/**
 * A branch's rules as GraphQL gives them to non-admins: `rules`, "rules from
 * active Repository and Organization rulesets that apply to this ref", as
 * REST `rules/branches/{b}` does; and `refUpdateRule`, the classic branch
 * protection rule "viewable by non-admins" (not every setting, but whether
 * one exists and its required checks). Both from GitHub's schema
 * descriptions (docs.github.com/en/graphql/reference/objects#ref).
 */
export const REF_RULES = `rules(first: ${PAGE}) { pageInfo { hasNextPage endCursor } nodes { type
        parameters { __typename
          ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview requireLastPushApproval }
          ... on RequiredStatusChecksParameters { requiredStatusChecks { context integrationId } } }
        repositoryRuleset { databaseId enforcement } } }
      refUpdateRule { pattern requiredStatusCheckContexts }`

/** The policy alone, for commands that need no commit (access, audit). */
export const POLICY_QUERY = `
query GatePolicy($owner: String!, $name: String!, $policyExpression: String!, $policyPath: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    url
    defaultBranchRef {
      name
      target { ... on Commit { file(path: $policyPath) { object { ... on Blob { oid text isTruncated isBinary } } } } }
    }
    policy: object(expression: $policyExpression) { ... on Blob { oid text isTruncated isBinary } }
  }
}`

export const ROLLUP_CONTEXTS = `totalCount pageInfo { hasNextPage endCursor } nodes {
      __typename
      ... on CheckRun { id name status conclusion detailsUrl url startedAt databaseId deployment { databaseId }
        checkSuite { app { databaseId slug } workflowRun { databaseId event file { path } } } }
      ... on StatusContext { context state targetUrl createdAt creator { login } }
    }`

/**
 * A commit's check runs and statuses, as GitHub rolls them up (the latest
 * run per check and the latest status per context).
 * docs.github.com/en/graphql/reference/objects#statuscheckrollup
 */
export const ROLLUP_FIELDS = `
fragment GateRollup on StatusCheckRollup {
  id
  contexts(first: ${PAGE}) { ${ROLLUP_CONTEXTS} }
}`

export const DEPLOYMENT_FIELDS = `
fragment GateDeployments on DeploymentConnection {
  totalCount
  pageInfo { hasNextPage endCursor }
  nodes {
    id
    databaseId
    environment
    commitOid
    createdAt
    ref { name prefix }
    creator { ${ACTOR} }
    commit { tree { oid } }
    statuses(first: ${PAGE}) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { state createdAt logUrl environmentUrl }
    }
  }
}`

/**
 * The latest deployments to the target whose commits' check runs the
 * bootstrap reads: the jobs that made them bind them (SPEC §5.2), so that
 * the range's start is usually settled without another round trip.
 */
export const HERE_JOBS = 10

/**
 * The latest deployments to the target the bootstrap reads (where the range
 * starts): half a page, so that binding their jobs (HERE_JOBS) keeps the
 * bootstrap at 2 points (208 of GitHub's "requests"; 258, which rounds to 3,
 * with a full page). A previous success further back is read page by page.
 */
export const HERE_PAGE = 50

/**
 * Everything that does not depend on the policy: one round trip. Besides
 * the policy and the deployed commit it asks, ahead of knowing whether they
 * are needed, for what a typical decision needs next, so that nothing else
 * has to be asked: the default branch's comparison with the commit, the
 * commit's test results and those of its pull request's final head, the
 * latest deployments to the target environment (where the range starts) and
 * every deployment of the commit itself (its promotion), and the check runs
 * of the latest deployments' commits (the jobs that made them). The deployments sit
 * under their own `repository` alias: `deployments` is non-null, and an
 * error on it (no `deployments: read`) must not null the policy with it.
 * `viewerCanAdminister` (a scalar: no points) says whether reading rulesets'
 * bypass actors is worth a request (gather/bypass.ts).
 */
export const BOOTSTRAP_QUERY = `
query GateBootstrap($owner: String!, $name: String!, $sha: GitObjectID!,
    $head: String!, $environment: String!, $policyExpression: String!, $policyPath: String!) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    url
    viewerCanAdminister
    defaultBranchRef {
      name
      compare(headRef: $head) { status }
      ${REF_RULES}
      target { ... on Commit { file(path: $policyPath) { object { ... on Blob { oid text isTruncated isBinary } } } } }
    }
    policy: object(expression: $policyExpression) { ... on Blob { oid text isTruncated isBinary } }
    commit: object(oid: $sha) { ${CHANGE} }
    checks: object(oid: $sha) { ... on Commit { statusCheckRollup { ...GateRollup } } }
    heads: object(oid: $sha) { ... on Commit {
      associatedPullRequests(first: 10) { nodes { number
        headCommit: commits(last: 1) { nodes { commit { oid statusCheckRollup { ...GateRollup } } } } } }
    } }
  }
  recent: repository(owner: $owner, name: $name) {
    here: deployments(environments: [$environment], first: ${HERE_PAGE}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
    shipped: object(oid: $sha) { ... on Commit {
      deployments(first: ${PAGE}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments } } }
    hereJobs: deployments(environments: [$environment], first: ${HERE_JOBS}, orderBy: {field: CREATED_AT, direction: DESC}) {
      nodes { commitOid commit { statusCheckRollup { id contexts(first: ${PAGE}) { ${ROLLUP_CONTEXTS} } } } } }
  }
}
${PULL_REQUEST_FIELDS}
${ROLLUP_FIELDS}
${DEPLOYMENT_FIELDS}`

export interface DeploymentSelection {
  alias: string
  environment: string
  after: string | null
}

export interface RefSelection {
  alias: string
  /** exact branch name, or a prefix to search with `refs(query:)` for globs */
  name: string
  glob: boolean
  after: string | null
}

const REF_FIELDS = `name compare(headRef: $sha) { status } ${REF_RULES}`

/** What one environment's deployments add to a query: a page, each with its statuses. */
export const DEPLOYMENTS_COST: QueryCost = {
  nodes: PAGE + PAGE * PAGE,
  requests: 1 + PAGE
}
/** What one branch adds to GateContext: its rules. */
export const REF_COST: QueryCost = { nodes: PAGE, requests: 1 }
/** What one branch pattern adds to GateContext: a page of branches, each with its rules. */
export const GLOB_REF_COST: QueryCost = {
  nodes: PAGE + PAGE * PAGE,
  requests: 1 + PAGE
}

/** Deployments of several environments and the branches: one round trip. */
export function contextQuery(
  deployments: DeploymentSelection[],
  refs: RefSelection[],
  sha: string
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {}
  const declarations: string[] = ['$owner: String!', '$name: String!']
  // GraphQL rejects a declared variable that no field uses.
  if (refs.length > 0) {
    declarations.push('$sha: String!')
    variables.sha = sha
  }
  const parts: string[] = []
  deployments.forEach((d, i) => {
    declarations.push(`$env${i}: String!`, `$envAfter${i}: String`)
    variables[`env${i}`] = d.environment
    variables[`envAfter${i}`] = d.after
    parts.push(
      `${d.alias}: deployments(environments: [$env${i}], first: ${PAGE}, after: $envAfter${i}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }`
    )
  })
  refs.forEach((r, i) => {
    declarations.push(`$ref${i}: String!`)
    if (r.glob) {
      declarations.push(`$refAfter${i}: String`)
      variables[`ref${i}`] = r.name
      variables[`refAfter${i}`] = r.after
      parts.push(
        `${r.alias}: refs(refPrefix: "refs/heads/", query: $ref${i}, first: ${PAGE}, after: $refAfter${i}) { pageInfo { hasNextPage endCursor } nodes { ${REF_FIELDS} } }`
      )
    } else {
      variables[`ref${i}`] = `refs/heads/${r.name}`
      parts.push(`${r.alias}: ref(qualifiedName: $ref${i}) { ${REF_FIELDS} }`)
    }
  })
  const fragments = deployments.length > 0 ? DEPLOYMENT_FIELDS : ''
  return {
    query: `query GateContext(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ${parts.join('\n    ')}
  }
}
${fragments}`,
    variables
  }
}

/**
 * One query asking for several commits by oid, each under its own alias
 * (`${alias}0`, `${alias}1`, ...), with the same selection.
 */
export function commitsQuery(o: {
  operation: string
  alias: string
  oids: string[]
  selection: string
  fragments: string
}): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {}
  const declarations: string[] = ['$owner: String!', '$name: String!']
  const parts = o.oids.map((oid, i) => {
    declarations.push(`$oid${i}: GitObjectID!`)
    variables[`oid${i}`] = oid
    return `${o.alias}${i}: object(oid: $oid${i}) { ${o.selection} }`
  })
  return {
    query: `query ${o.operation}(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  repository(owner: $owner, name: $name) {
    ${parts.join('\n    ')}
  }
}
${o.fragments}`,
    variables
  }
}

/** Commits of the range (other than the deployed one) with their pull requests. */
export function changesQuery(oids: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  return commitsQuery({
    operation: 'GateChanges',
    alias: 'c',
    oids,
    selection: CHANGE,
    fragments: PULL_REQUEST_FIELDS
  })
}

/**
 * The authors GitHub lists for each commit: "the git author and the
 * Co-authored-by message trailer", each with the account GitHub maps the
 * e-mail to (docs.github.com/en/graphql/reference/objects#commit, `authors`).
 * One request per commit.
 */
export function coAuthorsQuery(oids: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  return commitsQuery({
    operation: 'GateCoAuthors',
    alias: 'a',
    oids,
    selection: `... on Commit { authors(first: ${CO_AUTHORS_PAGE}) { totalCount nodes { ${GIT_ACTOR} } } }`,
    fragments: ''
  })
}

export type PageSelection =
  | {
      alias: string
      kind: 'commits' | 'reviews'
      /** the pull request's number */
      number: number
      after: string
    }
  | {
      alias: string
      kind: 'statuses' | 'contexts'
      /** the deployment's or the status check rollup's node id */
      id: string
      after: string
    }

/**
 * Further pages of pull request commits and reviews (through
 * `repository.pullRequest(number:)`, under `data.repository`) and of
 * deployment statuses (through `node(id:)`, GraphQL's only way to a
 * deployment, under `data`).
 */
export function pagesQuery(
  pages: PageSelection[],
  repository: { owner: string; name: string }
): {
  query: string
  variables: Record<string, unknown>
} {
  const variables: Record<string, unknown> = {}
  const declarations: string[] = []
  const pulls: string[] = []
  const nodes: string[] = []
  pages.forEach((p, i) => {
    declarations.push(`$after${i}: String!`)
    variables[`after${i}`] = p.after
    switch (p.kind) {
      case 'commits':
      case 'reviews': {
        declarations.push(`$number${i}: Int!`)
        variables[`number${i}`] = p.number
        const fields = p.kind === 'commits' ? PR_COMMITS : PR_REVIEWS
        pulls.push(
          `${p.alias}: pullRequest(number: $number${i}) { ${p.kind}(first: ${PAGE}, after: $after${i}) { ${fields} } }`
        )
        break
      }
      case 'statuses':
        declarations.push(`$id${i}: ID!`)
        variables[`id${i}`] = p.id
        nodes.push(
          `${p.alias}: node(id: $id${i}) { ... on Deployment { statuses(first: ${PAGE}, after: $after${i}) { totalCount pageInfo { hasNextPage endCursor } nodes { state createdAt logUrl environmentUrl } } } }`
        )
        break
      case 'contexts':
        declarations.push(`$id${i}: ID!`)
        variables[`id${i}`] = p.id
        nodes.push(
          `${p.alias}: node(id: $id${i}) { ... on StatusCheckRollup { contexts(first: ${PAGE}, after: $after${i}) { ${ROLLUP_CONTEXTS} } } }`
        )
        break
    }
  })
  if (pulls.length > 0) {
    declarations.push('$owner: String!', '$name: String!')
    variables.owner = repository.owner
    variables.name = repository.name
  }
  const needsCommit = pages.some((p) => p.kind === 'commits')
  return {
    query: `query GatePages(${declarations.join(', ')}) {
  ${RATE_LIMIT}
  ${pulls.length > 0 ? `repository(owner: $owner, name: $name) {\n    ${pulls.join('\n    ')}\n  }` : ''}
  ${nodes.join('\n  ')}
}
${needsCommit ? COMMIT_FIELDS : ''}`,
    variables
  }
}
