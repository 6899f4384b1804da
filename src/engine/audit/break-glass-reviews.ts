// The break-glass register (SPEC §5.7, §7): every follow-up issue the gate
// opened for the audited environment in the period, with its independent
// review judged, and linked to the deployment it covers.

import { RATE_LIMIT } from '../gather/queries.js'
import {
  BREAK_GLASS_LABEL,
  judgeReview,
  parseBreakGlassMarker
} from '../break-glass/index.js'
import type { Unreadable } from '../facts.js'
import { assertComplete } from '../gather/index.js'
import { connection, num, obj, optObj, optStr, str } from '../gather/shape.js'
import type { Json } from '../gather/shape.js'
import type { GitHubPort } from '../port.js'
import type {
  AuditEntry,
  AuditRequest,
  BreakGlassReview,
  Repo
} from './types.js'

export const BREAK_GLASS_ISSUES = `
query AuditBreakGlass($owner: String!, $name: String!, $labels: [String!], $since: DateTime, $after: String) {
  ${RATE_LIMIT}
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

/** Pages of issues read before stopping: 5,000 break-glass issues. */
const MAX_ISSUE_PAGES = 50

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
export async function breakGlassIssues(o: {
  github: GitHubPort
  repo: Repo
  since: Date
}): Promise<BreakGlassIssue[] | Unreadable> {
  const issues: BreakGlassIssue[] = []
  let after: string | null = null
  for (let pages = 0; pages < MAX_ISSUE_PAGES; pages++) {
    const answer = await o.github.graphql<Json>(BREAK_GLASS_ISSUES, {
      owner: o.repo.owner,
      name: o.repo.repo,
      labels: [BREAK_GLASS_LABEL],
      since: o.since.toISOString(),
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
    c.nodes.forEach((n, i) => issues.push(parseIssue(n, `issues[${i}]`)))
    if (!c.hasNextPage || c.endCursor === null) break
    after = c.endCursor
  }
  return issues
}

function parseIssue(value: unknown, at: string): BreakGlassIssue {
  const issue = obj(value, at)
  const author = optObj(issue.author, `${at}.author`)
  const closedAt = optStr(issue.closedAt, `${at}.closedAt`)
  const event = connection(issue.timelineItems, `${at}.timelineItems`).nodes[0]
  const actor =
    event === undefined
      ? null
      : optObj(obj(event, `${at}.closedEvent`).actor, `${at}.actor`)
  return {
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
  }
}

/** The issue authors the gate opens follow-up issues as (GraphQL shows the bot without `[bot]`). */
const GATE_AUTHORS = ['github-actions', 'github-actions[bot]']

/** A judged deployment and the run its success links to. */
export interface JudgedRun {
  entry: AuditEntry
  runId: number | null
}

/**
 * The break-glass issues of the audited environment, each with its review
 * judged; each review of a record the gate made is attached to the entry of
 * the deployment it covers.
 */
export function reviewBreakGlass(o: {
  issues: BreakGlassIssue[] | Unreadable
  request: AuditRequest
  judged: JudgedRun[]
  now: Date
}): BreakGlassReview[] | { error: string } {
  const { issues, request: req } = o
  if ('unreadable' in issues) {
    return {
      error: `the break-glass issues could not be read (${issues.detail}): the token needs \`${issues.permission}\``
    }
  }
  const byRun = new Map<string, AuditEntry>()
  for (const { entry, runId } of o.judged)
    if (runId !== null) byRun.set(`${entry.deployment.sha}/${runId}`, entry)
  const out: BreakGlassReview[] = []
  for (const issue of issues) {
    const marker = parseBreakGlassMarker(issue.body)
    if (marker === null || marker.environment !== req.environment) continue
    const opened = Date.parse(issue.createdAt)
    if (opened < req.since.getTime() || opened > req.until.getTime()) continue
    const entry = byRun.get(`${marker.sha}/${marker.run_id}`)
    const problem =
      issue.author === null || !GATE_AUTHORS.includes(issue.author)
        ? `opened by ${issue.author ?? 'a deleted account'}, not by the gate's workflow token: not a record the gate made`
        : null
    const review: BreakGlassReview = {
      issue: { number: issue.number, url: issue.url },
      environment: marker.environment,
      sha: marker.sha,
      runId: marker.run_id,
      approvedBy: marker.approved_by,
      deployer: marker.deployer,
      due: marker.due,
      review: judgeReview(marker, issue.closed, o.now),
      closed: issue.closed,
      deployment: entry?.deployment.id ?? null,
      problem
    }
    if (entry !== undefined && problem === null) entry.breakGlass = review
    out.push(review)
  }
  return out
}
