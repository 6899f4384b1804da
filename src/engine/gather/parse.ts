// GitHub answers -> Facts. Pure; every value narrowed (shape.ts).

import {
  DEPLOYMENT_STATES,
  type Actor,
  ActorType,
  CommitFact,
  DeploymentFact,
  DeploymentState,
  DeploymentStatusFact,
  GitIdentity,
  PullRequestFact,
  ReviewFact,
  ReviewState
} from '../facts.js'
import { ShapeError } from '../errors.js'
import {
  bool,
  connection,
  date,
  optDate,
  num,
  obj,
  optObj,
  optStr,
  str
} from './shape.js'

const ACTOR_TYPES: Record<string, ActorType> = {
  User: 'User',
  Bot: 'Bot',
  Organization: 'Organization',
  Mannequin: 'Mannequin'
}

/**
 * GraphQL Actor (`__typename login`) or REST simple-user (`login type`).
 * GraphQL names a bot without the `[bot]` suffix REST gives it
 * (`github-actions` vs `github-actions[bot]`); the REST form is used
 * throughout, as policies write it.
 */
export function parseActor(value: unknown, path: string): Actor | null {
  const a = optObj(value, path)
  if (a === null) return null
  const raw = str(a.login, `${path}.login`)
  const isBotType = a.__typename === 'Bot' || a.type === 'Bot'
  const login = isBotType && !raw.endsWith('[bot]') ? `${raw}[bot]` : raw
  const typename =
    typeof a.__typename === 'string'
      ? a.__typename
      : typeof a.type === 'string'
        ? a.type
        : 'Other'
  const type = ACTOR_TYPES[typename] ?? 'Other'
  return { login, type: login.endsWith('[bot]') ? 'Bot' : type }
}

// GitHub's own committer for merges and edits made on github.com.
// docs.github.com/en/authentication/managing-commit-signature-verification/about-commit-signature-verification
const WEB_FLOW_LOGIN = 'web-flow'
const WEB_FLOW_EMAIL = 'noreply@github.com'

/**
 * GitHub's committer for what it commits itself: the account web-flow, or
 * its address when GitHub gives no account for it. A forged address hides
 * only the committer (the author still counts), and cannot carry GitHub's
 * signature (approvals.require_verified_commits).
 */
function isWebFlow(login: string | null, email: string | null): boolean {
  if (login !== null) return login.toLowerCase() === WEB_FLOW_LOGIN
  return email?.toLowerCase() === WEB_FLOW_EMAIL
}

// A bot's noreply address: `ID+NAME[bot]@users.noreply.github.com` (the ID
// is optional, as in the older noreply form of users).
const BOT_NOREPLY =
  /^(?:\d+\+)?([a-z0-9][a-z0-9-]*\[bot\])@users\.noreply\.github\.com$/i
// Copilot's coding agent commits as `Copilot
// <198982749+Copilot@users.noreply.github.com>`
// (copilot-coding-agent/user-feedback#76); 198982749 is the Bot account whose
// REST login is `Copilot` (posit-dev/ark#1001), without a `[bot]` suffix.
const COPILOT_AGENT_NOREPLY = '198982749+copilot@users.noreply.github.com'
const COPILOT_AGENT_LOGIN = 'Copilot'

/**
 * The bot a commit e-mail names, when GitHub mapped it to no account.
 * GraphQL's `GitActor.user` is a `User`, "null if no such user exists", so a
 * bot's address, such as `49699333+dependabot[bot]@users.noreply.github.com`,
 * resolves to none (REST's commit `author` does give the bot): the address
 * itself names it. Anyone can write any address into a commit, as for a
 * person's; `approvals.require_verified_commits` is what authenticates one.
 */
export function botOfEmail(email: string | null): string | null {
  if (email === null) return null
  if (email.toLowerCase() === COPILOT_AGENT_NOREPLY) return COPILOT_AGENT_LOGIN
  return BOT_NOREPLY.exec(email)?.[1] ?? null
}

function identity(value: unknown, path: string): GitIdentity {
  const g = optObj(value, path)
  if (g === null)
    return { name: null, email: null, login: null, isWebFlow: false }
  const user = optObj(g.user, `${path}.user`)
  const email = optStr(g.email, `${path}.email`)
  const login =
    user === null ? botOfEmail(email) : str(user.login, `${path}.user.login`)
  return {
    name: optStr(g.name, `${path}.name`),
    email,
    login,
    isWebFlow: isWebFlow(login, email)
  }
}

const TRAILER = /^co-authored-by:\s*(.*?)\s*<([^>]*)>\s*$/gim

/** `Co-authored-by: Name <email>` trailers, as git writes them. */
export function coAuthorTrailers(
  message: string
): { name: string; email: string }[] {
  const found: { name: string; email: string }[] = []
  for (const m of message.matchAll(TRAILER)) {
    // both groups are mandatory in TRAILER: each match has them
    found.push({ name: m[1] as string, email: (m[2] as string).trim() })
  }
  return found
}

const sameEmail = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a.toLowerCase() === b.toLowerCase()

/**
 * A commit's co-authors: those GitHub lists in `authors` after the author,
 * each mapped to an account by e-mail where it could, then any trailer it did
 * not list (no account: they block as unresolved identities rather than go
 * unseen). Without `authors` (not asked), the trailers alone.
 */
export function coAuthorsOf(
  author: GitIdentity,
  listed: GitIdentity[],
  message: string
): GitIdentity[] {
  const coAuthors: GitIdentity[] = listed.filter(
    (p, i) => !(i === 0 && sameEmail(p.email, author.email))
  )
  for (const t of coAuthorTrailers(message)) {
    if (!coAuthors.some((p) => sameEmail(p.email, t.email))) {
      coAuthors.push({
        name: t.name,
        email: t.email,
        login: botOfEmail(t.email),
        isWebFlow: false
      })
    }
  }
  return coAuthors.filter((p) => !sameEmail(p.email, author.email))
}

/** GitHub's `authors` of a commit: the author first, then the co-authors. */
export function parseAuthors(value: unknown, path: string): GitIdentity[] {
  return connection(value, path).nodes.map((n, i) =>
    identity(n, `${path}.nodes[${i}]`)
  )
}

export function parseCommit(value: unknown, path: string): CommitFact {
  const c = obj(value, path)
  const message = str(c.message, `${path}.message`)
  const author = identity(c.author, `${path}.author`)
  const authors = optObj(c.authors, `${path}.authors`)
  const parents = optObj(c.parents, `${path}.parents`)
  const tree = obj(c.tree, `${path}.tree`)
  const sig = optObj(c.signature, `${path}.signature`)
  return {
    oid: str(c.oid, `${path}.oid`),
    treeOid: str(tree.oid, `${path}.tree.oid`),
    url: str(c.url, `${path}.url`),
    message,
    author,
    committer: identity(c.committer, `${path}.committer`),
    coAuthors: coAuthorsOf(
      author,
      authors === null ? [] : parseAuthors(authors, `${path}.authors`),
      message
    ),
    parents:
      parents === null
        ? null
        : connection(parents, `${path}.parents`).nodes.map((n, i) =>
            str(
              obj(n, `${path}.parents.nodes[${i}]`).oid,
              `${path}.parents.nodes[${i}].oid`
            )
          ),
    committedDate: date(c.committedDate, `${path}.committedDate`),
    signature:
      sig === null
        ? null
        : {
            valid: sig.isValid === true,
            state: typeof sig.state === 'string' ? sig.state : 'UNKNOWN',
            byGitHub: sig.wasSignedByGitHub === true
          }
  }
}

const REVIEW_STATES = new Set<ReviewState>([
  'APPROVED',
  'CHANGES_REQUESTED',
  'COMMENTED',
  'DISMISSED',
  'PENDING'
])

export function parseReview(value: unknown, path: string): ReviewFact {
  const r = obj(value, path)
  const state = str(r.state, `${path}.state`)
  if (!REVIEW_STATES.has(state as ReviewState)) {
    throw new ShapeError(`${path}.state: unknown review state ${state}`)
  }
  const commit = optObj(r.commit, `${path}.commit`)
  return {
    author: parseActor(r.author, `${path}.author`),
    state: state as ReviewState,
    commitOid:
      commit === null ? null : optStr(commit.oid, `${path}.commit.oid`),
    submittedAt: optDate(r.submittedAt, `${path}.submittedAt`),
    url: str(r.url, `${path}.url`),
    authorCanPush: r.authorCanPushToRepository === true
  }
}

export interface ParsedPullRequest {
  fact: PullRequestFact
  id: string
  commitsCursor: string | null
  reviewsCursor: string | null
  /** how many commits and reviews GitHub says the pull request has */
  commitsTotal: number | null
  reviewsTotal: number | null
}

export function parsePullRequest(
  value: unknown,
  path: string
): ParsedPullRequest {
  const p = obj(value, path)
  const commits = connection(p.commits, `${path}.commits`)
  const reviews = connection(p.reviews, `${path}.reviews`)
  const merge = optObj(p.mergeCommit, `${path}.mergeCommit`)
  return {
    id: str(p.id, `${path}.id`),
    commitsCursor: commits.hasNextPage ? commits.endCursor : null,
    reviewsCursor: reviews.hasNextPage ? reviews.endCursor : null,
    commitsTotal: commits.totalCount,
    reviewsTotal: reviews.totalCount,
    fact: {
      number: num(p.number, `${path}.number`),
      url: str(p.url, `${path}.url`),
      author: parseActor(p.author, `${path}.author`),
      merged: bool(p.merged, `${path}.merged`),
      mergedAt: optDate(p.mergedAt, `${path}.mergedAt`),
      baseRefName: str(p.baseRefName, `${path}.baseRefName`),
      headRefOid: str(p.headRefOid, `${path}.headRefOid`),
      mergeCommitOid:
        merge === null ? null : str(merge.oid, `${path}.mergeCommit.oid`),
      commits: commits.nodes.map((n, i) =>
        parseCommit(
          obj(n, `${path}.commits.nodes[${i}]`).commit,
          `${path}.commits.nodes[${i}].commit`
        )
      ),
      reviews: reviews.nodes.map((n, i) =>
        parseReview(n, `${path}.reviews.nodes[${i}]`)
      )
    }
  }
}

const DEPLOYMENT_STATE_SET = new Set<string>(DEPLOYMENT_STATES)

export function parseStatus(
  value: unknown,
  path: string
): DeploymentStatusFact {
  const s = obj(value, path)
  const state = str(s.state, `${path}.state`).toLowerCase()
  if (!DEPLOYMENT_STATE_SET.has(state)) {
    throw new ShapeError(`${path}.state: unknown deployment state ${state}`)
  }
  return {
    state: state as DeploymentState,
    createdAt: date(s.createdAt, `${path}.createdAt`),
    logUrl: optStr(s.logUrl, `${path}.logUrl`),
    environmentUrl: optStr(s.environmentUrl, `${path}.environmentUrl`)
  }
}

export interface ParsedDeployment {
  fact: DeploymentFact
  id: string
  statusesCursor: string | null
  statusesTotal: number | null
}

export function parseDeployment(
  value: unknown,
  path: string
): ParsedDeployment {
  const d = obj(value, path)
  const statuses = connection(d.statuses, `${path}.statuses`)
  const commit = optObj(d.commit, `${path}.commit`)
  const tree =
    commit === null ? null : optObj(commit.tree, `${path}.commit.tree`)
  return {
    id: str(d.id, `${path}.id`),
    statusesCursor: statuses.hasNextPage ? statuses.endCursor : null,
    statusesTotal: statuses.totalCount,
    fact: {
      id: num(d.databaseId, `${path}.databaseId`),
      environment: optStr(d.environment, `${path}.environment`) ?? '',
      sha: str(d.commitOid, `${path}.commitOid`),
      treeOid:
        tree === null ? null : optStr(tree.oid, `${path}.commit.tree.oid`),
      creator: parseActor(d.creator, `${path}.creator`),
      createdAt: date(d.createdAt, `${path}.createdAt`),
      statuses: statuses.nodes.map((n, i) =>
        parseStatus(n, `${path}.statuses.nodes[${i}]`)
      ),
      ...('ref' in d ? { ref: deploymentRef(d.ref, `${path}.ref`) } : {})
    }
  }
}

/** `Deployment.ref` fully qualified; null: a sha, or a ref GitHub lost. */
function deploymentRef(value: unknown, path: string): string | null {
  const ref = optObj(value, path)
  if (ref === null) return null
  return `${str(ref.prefix, `${path}.prefix`)}${str(ref.name, `${path}.name`)}`
}

/**
 * Oldest first. GitHub lists deployment statuses newest first, so statuses
 * with the same timestamp keep the reverse of the listed order.
 */
export function chronological(
  statuses: DeploymentStatusFact[]
): DeploymentStatusFact[] {
  return [...statuses]
    .reverse()
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        Date.parse(a.s.createdAt) - Date.parse(b.s.createdAt) || a.i - b.i
    )
    .map(({ s }) => s)
}
