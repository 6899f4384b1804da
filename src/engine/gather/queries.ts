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

/** Everything that does not depend on the policy: one round trip. */
export const BOOTSTRAP_QUERY = `
query GateBootstrap($owner: String!, $name: String!, $sha: GitObjectID!,
    $policyExpression: String!, $policyPath: String!) {
  repository(owner: $owner, name: $name) {
    url
    defaultBranchRef {
      name
      target { ... on Commit { file(path: $policyPath) { object { ... on Blob { oid text isTruncated isBinary } } } } }
    }
    policy: object(expression: $policyExpression) { ... on Blob { oid text isTruncated isBinary } }
    commit: object(oid: $sha) { ${CHANGE} }
  }
}
${PULL_REQUEST_FIELDS}`

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

const REF_FIELDS = `name compare(headRef: $sha) { status }`

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

export type PageKind = 'commits' | 'reviews' | 'statuses'

export interface PageSelection {
  alias: string
  /** node id of the pull request or deployment */
  id: string
  kind: PageKind
  after: string
}

/** Further pages of pull request commits and reviews and deployment statuses. */
export function pagesQuery(pages: PageSelection[]): {
  query: string
  variables: Record<string, unknown>
} {
  const variables: Record<string, unknown> = {}
  const declarations: string[] = []
  let needsCommit = false
  const parts = pages.map((p, i) => {
    declarations.push(`$id${i}: ID!`, `$after${i}: String!`)
    variables[`id${i}`] = p.id
    variables[`after${i}`] = p.after
    switch (p.kind) {
      case 'commits':
        needsCommit = true
        return `${p.alias}: node(id: $id${i}) { ... on PullRequest { commits(first: ${PAGE}, after: $after${i}) { ${PR_COMMITS} } } }`
      case 'reviews':
        return `${p.alias}: node(id: $id${i}) { ... on PullRequest { reviews(first: ${PAGE}, after: $after${i}) { ${PR_REVIEWS} } } }`
      case 'statuses':
        return `${p.alias}: node(id: $id${i}) { ... on Deployment { statuses(first: ${PAGE}, after: $after${i}) { totalCount pageInfo { hasNextPage endCursor } nodes { state createdAt logUrl environmentUrl } } } }`
    }
  })
  return {
    query: `query GatePages(${declarations.join(', ')}) {
  ${parts.join('\n  ')}
}
${needsCommit ? COMMIT_FIELDS : ''}`,
    variables
  }
}
