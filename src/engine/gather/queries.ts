// The GraphQL the gate sends. Every field is checked against GitHub's public
// schema (@octokit/graphql-schema) by __tests__/engine/gather/queries.test.ts.

export const PAGE = 100

const ACTOR = `__typename login`
const GIT_ACTOR = `name email user { login }`

export const COMMIT_FIELDS = `
fragment GateCommit on Commit {
  oid
  url
  message
  committedDate
  tree { oid }
  author { ${GIT_ACTOR} }
  committer { ${GIT_ACTOR} }
  authors(first: 20) { nodes { ${GIT_ACTOR} } }
  parents(first: 2) { nodes { oid } }
  signature { isValid state wasSignedByGitHub }
}`

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
      associatedPullRequests(first: 10) { nodes { ...GatePullRequest } }
    }`

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
          ... on RequiredStatusChecksParameters { requiredStatusChecks { context } } }
        repositoryRuleset { databaseId enforcement } } }
      refUpdateRule { pattern requiredStatusCheckContexts }`

/** The policy alone, for commands that need no commit (access, audit). */
export const POLICY_QUERY = `
query GatePolicy($owner: String!, $name: String!, $policyExpression: String!, $policyPath: String!) {
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
      ... on CheckRun { name status conclusion detailsUrl url startedAt checkSuite { app { slug } workflowRun { databaseId } } }
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
    creator { ${ACTOR} }
    commit { tree { oid } }
    statuses(first: ${PAGE}) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { state createdAt logUrl environmentUrl }
    }
  }
}`

/**
 * Everything that does not depend on the policy: one round trip. Besides
 * the policy and the deployed commit it asks, ahead of knowing whether they
 * are needed, for what a typical decision needs next, so that nothing else
 * has to be asked: the default branch's comparison with the commit, the
 * commit's test results and those of its pull request's final head, the
 * latest deployments to the target environment (where the range starts) and
 * every deployment of the commit itself (its promotion). The deployments sit
 * under their own `repository` alias: `deployments` is non-null, and an
 * error on it (no `deployments: read`) must not null the policy with it.
 */
export const BOOTSTRAP_QUERY = `
query GateBootstrap($owner: String!, $name: String!, $sha: GitObjectID!,
    $head: String!, $environment: String!, $policyExpression: String!, $policyPath: String!) {
  repository(owner: $owner, name: $name) {
    url
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
    here: deployments(environments: [$environment], first: ${PAGE}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments }
    shipped: object(oid: $sha) { ... on Commit {
      deployments(first: ${PAGE}, orderBy: {field: CREATED_AT, direction: DESC}) { ...GateDeployments } } }
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
  repository(owner: $owner, name: $name) {
    ${parts.join('\n    ')}
  }
}
${fragments}`,
    variables
  }
}

/** Commits of the range (other than the deployed one) with their pull requests. */
export function changesQuery(oids: string[]): {
  query: string
  variables: Record<string, unknown>
} {
  const variables: Record<string, unknown> = {}
  const declarations: string[] = ['$owner: String!', '$name: String!']
  const parts = oids.map((oid, i) => {
    declarations.push(`$oid${i}: GitObjectID!`)
    variables[`oid${i}`] = oid
    return `c${i}: object(oid: $oid${i}) { ${CHANGE} }`
  })
  return {
    query: `query GateChanges(${declarations.join(', ')}) {
  repository(owner: $owner, name: $name) {
    ${parts.join('\n    ')}
  }
}
${PULL_REQUEST_FIELDS}`,
    variables
  }
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
  ${pulls.length > 0 ? `repository(owner: $owner, name: $name) {\n    ${pulls.join('\n    ')}\n  }` : ''}
  ${nodes.join('\n  ')}
}
${needsCommit ? COMMIT_FIELDS : ''}`,
    variables
  }
}
