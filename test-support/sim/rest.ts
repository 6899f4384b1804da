// REST routes of the simulator: GitHub's paths, status codes, bodies and
// pagination. Each route names the token permission GitHub requires of an
// App installation / GITHUB_TOKEN, from
// https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps
import {
  addDeploymentStatus,
  ancestors,
  collaboratorsOf,
  commitsBetween,
  getCommit,
  latestCheckRuns,
  mergeBase,
  protectionFor,
  pullCommits,
  pullsForCommit,
  resolveRef,
  GITHUB_ACTIONS_APP,
  type CheckConclusion,
  type CommitState,
  type DeploymentState,
  type Permission,
  type PermissionName,
  type RepoHandle,
  type Repository,
  type WorkflowRun,
  type Simulator,
  type Token,
  type User
} from './model.js'
import {
  errorAnswer,
  notFound,
  paginate,
  pageParams,
  linkHeader,
  validationFailed,
  type Answer
} from './http.js'
import * as shape from './rest-shapes.js'
import { protectionRuleRoutes, tokenReaches } from './app.js'
import { blobOid } from './git.js'

export interface RestRequest {
  method: string
  /** path without the GHES `/api/v3` prefix */
  path: string
  url: URL
  query: URLSearchParams
  body: unknown
  token: Token
  ctx: shape.ShapeContext
}

export interface RouteContext extends RestRequest {
  sim: Simulator
  repo: RepoHandle
  data: Repository
  params: string[]
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH'
  pattern: RegExp
  /** token permissions required, all of them */
  needs: [PermissionName, Permission][]
  doc: string
  handle: (r: RouteContext) => Answer
}

const D = 'https://docs.github.com/rest'
const REPO = '^/repos/([^/]+)/([^/]+)'

function rank(p: Permission): number {
  return p === 'write' ? 2 : p === 'read' ? 1 : 0
}

function ok(body: unknown, headers: Record<string, string> = {}): Answer {
  return { status: 200, body, headers }
}

function created(body: unknown, location?: string): Answer {
  return {
    status: 201,
    body,
    headers: location === undefined ? {} : { location }
  }
}

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {}
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

/** A page of runs, filtered by `created` and `head_sha`, newest first. */
function listRuns(
  r: {
    url: URL
    query: URLSearchParams
    ctx: RouteContext['ctx']
    data: Repository
  },
  all: WorkflowRun[],
  doc: string
): Answer {
  const created = r.query.get('created')
  let runs = [...all]
  if (created !== null) {
    const range = createdRange(created)
    if (range === null) {
      return errorAnswer(422, `Invalid created filter: ${created}`, doc)
    }
    runs = runs.filter(
      (x) =>
        x.createdAt.getTime() >= range.from && x.createdAt.getTime() <= range.to
    )
  }
  const sha = r.query.get('head_sha')
  if (sha !== null) runs = runs.filter((x) => x.headSha === sha)
  runs.sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id
  )
  const total = runs.length
  if (created !== null || sha !== null) runs = runs.slice(0, 1000)
  const page = paginate(runs, r.url, r.query)
  return ok(
    {
      total_count: total,
      workflow_runs: page.items.map((x) => shape.workflowRun(r.ctx, r.data, x))
    },
    page.headers
  )
}

/** GitHub's date range syntax of `created`: `A..B`, `>=A`, `>A`, `<=B`, `<B`, or a day. */
function createdRange(text: string): { from: number; to: number } | null {
  const at = (t: string): number => Date.parse(t)
  const m = /^(.+)\.\.(.+)$/.exec(text)
  let range: { from: number; to: number }
  if (m !== null) {
    range = { from: at(m[1] ?? ''), to: at(m[2] ?? '') }
  } else if (text.startsWith('>=')) {
    range = { from: at(text.slice(2)), to: Infinity }
  } else if (text.startsWith('>')) {
    range = { from: at(text.slice(1)) + 1, to: Infinity }
  } else if (text.startsWith('<=')) {
    range = { from: -Infinity, to: at(text.slice(2)) }
  } else if (text.startsWith('<')) {
    range = { from: -Infinity, to: at(text.slice(1)) - 1 }
  } else {
    const day = at(text)
    range = { from: day, to: day + 86_400_000 - 1 }
  }
  return Number.isNaN(range.from) || Number.isNaN(range.to) ? null : range
}

function listed(
  r: { url: URL; query: URLSearchParams },
  items: unknown[]
): Answer {
  const page = paginate(items, r.url, r.query)
  return ok(page.items, page.headers)
}

const routes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}$`),
    needs: [['metadata', 'read']],
    doc: `${D}/repos/repos#get-a-repository`,
    handle: (r) => ok(shape.repository(r.ctx, r.data))
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/contents/(.+)$`),
    needs: [['contents', 'read']],
    doc: `${D}/repos/contents#get-repository-content`,
    handle: (r) => {
      const ref = r.query.get('ref') ?? r.data.defaultBranch
      const oid = resolveRef(r.data, ref)
      if (oid === null) {
        return errorAnswer(
          404,
          `No commit found for the ref ${ref}`,
          `${D}/repos/contents#get-repository-content`
        )
      }
      const path = decodeURIComponent(r.params[2] ?? '').replace(/\/$/, '')
      const c = getCommit(r.data, oid)
      const content = c.files.get(path)
      const base = `${shape.repoUrl(r.ctx, r.data)}/contents`
      const html = `${r.ctx.web}/${r.repo.fullName}/blob/${ref}`
      if (content !== undefined) {
        const sha = blobSha(r.data, content)
        const name = path.split('/').pop() ?? path
        const self = `${base}/${path}?ref=${encodeURIComponent(ref)}`
        const gitUrl = `${shape.repoUrl(r.ctx, r.data)}/git/blobs/${sha}`
        return ok({
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(content, 'utf8'),
          name,
          path,
          content: chunk64(Buffer.from(content, 'utf8').toString('base64')),
          sha,
          url: self,
          git_url: gitUrl,
          html_url: `${html}/${path}`,
          download_url: `https://raw.githubusercontent.com/${r.repo.fullName}/${oid}/${path}`,
          _links: { self, git: gitUrl, html: `${html}/${path}` }
        })
      }
      // a directory: list its entries
      const prefix = path === '' ? '' : `${path}/`
      const names = new Map<string, 'file' | 'dir'>()
      for (const p of c.files.keys()) {
        if (!p.startsWith(prefix)) continue
        const rest = p.slice(prefix.length).split('/')
        names.set(rest[0] ?? '', rest.length > 1 ? 'dir' : 'file')
      }
      if (names.size === 0)
        return notFound(`${D}/repos/contents#get-repository-content`)
      return ok(
        [...names.entries()].map(([name, type]) => {
          const p = `${prefix}${name}`
          const self = `${base}/${p}?ref=${encodeURIComponent(ref)}`
          const file = c.files.get(p)
          const sha =
            file === undefined
              ? treeSha(r.data, c.tree, p)
              : blobSha(r.data, file)
          const gitUrl = `${shape.repoUrl(r.ctx, r.data)}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`
          return {
            type,
            size: file === undefined ? 0 : Buffer.byteLength(file, 'utf8'),
            name,
            path: p,
            sha,
            url: self,
            git_url: gitUrl,
            html_url: `${html}/${p}`,
            download_url:
              type === 'file'
                ? `https://raw.githubusercontent.com/${r.repo.fullName}/${oid}/${p}`
                : null,
            _links: { self, git: gitUrl, html: `${html}/${p}` }
          }
        })
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/([^/]+)/pulls$`),
    needs: [
      ['contents', 'read'],
      ['pull_requests', 'read']
    ],
    doc: `${D}/commits/commits#list-pull-requests-associated-with-a-commit`,
    handle: (r) => {
      const ref = decodeURIComponent(r.params[2] ?? '')
      const oid = resolveRef(r.data, ref)
      if (oid === null) {
        return errorAnswer(
          422,
          `No commit found for SHA: ${ref}`,
          `${D}/commits/commits#list-pull-requests-associated-with-a-commit`
        )
      }
      // "Lists the merged pull request that introduced the commit to the
      // repository. If the commit is not present in the default branch, it
      // will return merged and open pull requests associated with the commit."
      const def = r.data.branches.get(r.data.defaultBranch)
      const onDefault = def !== undefined && ancestors(r.data, def).has(oid)
      let pulls = pullsForCommit(r.data, oid)
      if (onDefault) {
        const merged = pulls.filter(
          (p) => p.merged && p.base === r.data.defaultBranch
        )
        if (merged.length > 0) pulls = merged.slice(0, 1)
        else pulls = pulls.filter((p) => p.merged)
      } else {
        pulls = pulls.filter((p) => p.merged || p.state === 'open')
      }
      return listed(
        r,
        pulls.map((p) => shape.pullRequest(r.ctx, r.data, p, false))
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/(.+)/status$`),
    needs: [['statuses', 'read']],
    doc: `${D}/commits/statuses#get-the-combined-status-for-a-specific-reference`,
    handle: (r) => {
      const ref = decodeURIComponent(r.params[2] ?? '')
      const oid = resolveRef(r.data, ref)
      if (oid === null) {
        return errorAnswer(
          404,
          `No commit found for SHA: ${ref}`,
          `${D}/commits/statuses#get-the-combined-status-for-a-specific-reference`
        )
      }
      const all = r.data.commitStatuses.filter((s) => s.sha === oid)
      const latest = new Map<string, (typeof all)[number]>()
      for (const s of all) latest.set(s.context, s)
      const statuses = [...latest.values()].reverse()
      const { perPage, page } = pageParams(r.query, 100)
      const slice = statuses.slice((page - 1) * perPage, page * perPage)
      const link = linkHeader(r.url, page, perPage, statuses.length)
      return ok(
        {
          state: shape.combinedState(statuses),
          statuses: slice.map((s) => {
            const full = shape.commitStatus(r.ctx, r.data, s)
            delete full.creator
            return full
          }),
          sha: oid,
          total_count: statuses.length,
          repository: shape.repository(r.ctx, r.data),
          commit_url: `${shape.repoUrl(r.ctx, r.data)}/commits/${oid}`,
          url: `${shape.repoUrl(r.ctx, r.data)}/commits/${oid}/status`
        },
        link === undefined ? {} : { link }
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/(.+)/statuses$`),
    needs: [['statuses', 'read']],
    doc: `${D}/commits/statuses#list-commit-statuses-for-a-reference`,
    handle: (r) => {
      const oid = resolveRef(r.data, decodeURIComponent(r.params[2] ?? ''))
      // an unknown ref lists nothing
      const all =
        oid === null ? [] : r.data.commitStatuses.filter((s) => s.sha === oid)
      return listed(
        r,
        [...all].reverse().map((s) => shape.commitStatus(r.ctx, r.data, s))
      )
    }
  },
  {
    // Any token with `statuses: write` posts any context: a workflow's
    // GITHUB_TOKEN posts as github-actions[bot], and nothing ties the
    // status to a job (docs.github.com/en/rest/commits/statuses#create-a-commit-status).
    method: 'POST',
    pattern: new RegExp(`${REPO}/statuses/([0-9a-f]{40})$`),
    needs: [['statuses', 'write']],
    doc: `${D}/commits/statuses#create-a-commit-status`,
    handle: (r) => {
      const doc = `${D}/commits/statuses#create-a-commit-status`
      const sha = r.params[2] ?? ''
      if (!r.data.commits.has(sha)) {
        return errorAnswer(422, `No commit found for SHA: ${sha}`, doc)
      }
      const b = record(r.body)
      const state = str(b.state)
      if (!['error', 'failure', 'pending', 'success'].includes(state ?? '')) {
        return validationFailed(doc, [
          {
            resource: 'Status',
            code: 'custom',
            field: 'state',
            message: 'state is not included in the list'
          }
        ])
      }
      const st = r.repo.commitStatus(sha, state as CommitState, {
        context: str(b.context),
        description: str(b.description),
        targetUrl: str(b.target_url),
        creator: r.token.actor
      })
      const body = shape.commitStatus(r.ctx, r.data, st)
      return created(body, String(body.url))
    }
  },
  {
    // A check run belongs to the App the token acts for: GitHub Actions for
    // a GITHUB_TOKEN ("When you enable GitHub Actions, GitHub installs a
    // GitHub App on your repository. The GITHUB_TOKEN secret is a GitHub App
    // installation access token", docs.github.com/en/actions/security-for-github-actions/
    // security-guides/automatic-token-authentication), added to that App's
    // suite on the commit (see `apiCheckRun` in model.ts).
    // docs.github.com/en/rest/checks/runs#create-a-check-run
    method: 'POST',
    pattern: new RegExp(`${REPO}/check-runs$`),
    needs: [['checks', 'write']],
    doc: `${D}/checks/runs#create-a-check-run`,
    handle: (r) => {
      const doc = `${D}/checks/runs#create-a-check-run`
      const b = record(r.body)
      const name = str(b.name)
      const sha = str(b.head_sha) ?? ''
      if (name === undefined || !r.data.commits.has(sha)) {
        return validationFailed(doc, [
          {
            resource: 'CheckRun',
            code: 'invalid',
            field: name === undefined ? 'name' : 'head_sha'
          }
        ])
      }
      const installed =
        r.token.kind === 'github_token'
          ? undefined
          : r.sim.installations.get(r.token.installationId)?.app
      const app =
        installed === undefined
          ? GITHUB_ACTIONS_APP
          : { id: installed.id, slug: installed.slug, name: installed.name }
      const conclusion = str(b.conclusion)
      const c = r.repo.apiCheckRun(
        sha,
        name,
        conclusion === undefined ? null : (conclusion as CheckConclusion),
        { app, detailsUrl: str(b.details_url) }
      )
      const body = shape.checkRun(r.ctx, r.data, c)
      return created(body, String(body.url))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/(.+)/check-runs$`),
    needs: [['checks', 'read']],
    doc: `${D}/checks/runs#list-check-runs-for-a-git-reference`,
    handle: (r) => {
      const ref = decodeURIComponent(r.params[2] ?? '')
      const oid = resolveRef(r.data, ref)
      if (oid === null) {
        return errorAnswer(
          422,
          `No commit found for SHA: ${ref}`,
          `${D}/checks/runs#list-check-runs-for-a-git-reference`
        )
      }
      // filter=latest (default): the most recent run of each name in each
      // check suite (see latestCheckRuns); `all`: every run
      let runs =
        (r.query.get('filter') ?? 'latest') === 'latest'
          ? latestCheckRuns(r.data, oid)
          : r.data.checkRuns.filter((c) => c.headSha === oid)
      const name = r.query.get('check_name')
      if (name !== null) runs = runs.filter((c) => c.name === name)
      const status = r.query.get('status')
      if (status !== null) runs = runs.filter((c) => c.status === status)
      runs = [...runs].reverse()
      const page = paginate(runs, r.url, r.query)
      return ok(
        {
          total_count: runs.length,
          check_runs: page.items.map((c) => shape.checkRun(r.ctx, r.data, c))
        },
        page.headers
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/([^/]+)$`),
    needs: [['contents', 'read']],
    doc: `${D}/commits/commits#get-a-commit`,
    handle: (r) => {
      const ref = decodeURIComponent(r.params[2] ?? '')
      const oid = resolveRef(r.data, ref)
      if (oid === null) {
        return errorAnswer(
          422,
          `No commit found for SHA: ${ref}`,
          `${D}/commits/commits#get-a-commit`
        )
      }
      return ok(
        shape.commit(r.ctx, r.data, getCommit(r.data, oid), { files: true })
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/compare/(.+)$`),
    needs: [['contents', 'read']],
    doc: `${D}/commits/commits#compare-two-commits`,
    handle: compare
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)$`),
    needs: [['pull_requests', 'read']],
    doc: `${D}/pulls/pulls#get-a-pull-request`,
    handle: (r) => {
      const pr = r.data.pulls.find((p) => p.number === Number(r.params[2]))
      if (pr === undefined)
        return notFound(`${D}/pulls/pulls#get-a-pull-request`)
      return ok(shape.pullRequest(r.ctx, r.data, pr, true))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/commits$`),
    needs: [['pull_requests', 'read']],
    doc: `${D}/pulls/pulls#list-commits-on-a-pull-request`,
    handle: (r) => {
      const pr = r.data.pulls.find((p) => p.number === Number(r.params[2]))
      if (pr === undefined)
        return notFound(`${D}/pulls/pulls#list-commits-on-a-pull-request`)
      // "Lists a maximum of 250 commits for a pull request."
      const commits = pullCommits(r.data, pr).slice(0, 250)
      return listed(
        r,
        commits.map((o) => shape.commit(r.ctx, r.data, getCommit(r.data, o)))
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(\\d+)/reviews$`),
    needs: [['pull_requests', 'read']],
    doc: `${D}/pulls/reviews#list-reviews-for-a-pull-request`,
    handle: (r) => {
      const pr = r.data.pulls.find((p) => p.number === Number(r.params[2]))
      if (pr === undefined)
        return notFound(`${D}/pulls/reviews#list-reviews-for-a-pull-request`)
      // "The list of reviews returns in chronological order."
      return listed(
        r,
        pr.reviews
          .filter((x) => x.state !== 'PENDING')
          .map((x) => shape.review(r.ctx, r.data, pr, x))
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/deployments$`),
    needs: [['deployments', 'read']],
    doc: `${D}/deployments/deployments#list-deployments`,
    handle: (r) => {
      let list = [...r.data.deployments].reverse()
      for (const key of ['sha', 'ref', 'task', 'environment'] as const) {
        const v = r.query.get(key)
        if (v === null || v === 'none') continue
        list = list.filter((d) => d[key] === v)
      }
      return listed(
        r,
        list.map((d) => shape.deployment(r.ctx, r.data, d))
      )
    }
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/deployments$`),
    needs: [['deployments', 'write']],
    doc: `${D}/deployments/deployments#create-a-deployment`,
    handle: createDeployment
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/deployments/(\\d+)$`),
    needs: [['deployments', 'read']],
    doc: `${D}/deployments/deployments#get-a-deployment`,
    handle: (r) => {
      const d = r.data.deployments.find((x) => x.id === Number(r.params[2]))
      if (d === undefined)
        return notFound(`${D}/deployments/deployments#get-a-deployment`)
      return ok(shape.deployment(r.ctx, r.data, d))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/deployments/(\\d+)/statuses$`),
    needs: [['deployments', 'read']],
    doc: `${D}/deployments/statuses#list-deployment-statuses`,
    handle: (r) => {
      const d = r.data.deployments.find((x) => x.id === Number(r.params[2]))
      if (d === undefined)
        return notFound(`${D}/deployments/statuses#list-deployment-statuses`)
      // newest first
      return listed(
        r,
        [...d.statuses]
          .reverse()
          .map((s) => shape.deploymentStatus(r.ctx, r.data, d, s))
      )
    }
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/deployments/(\\d+)/statuses$`),
    needs: [['deployments', 'write']],
    doc: `${D}/deployments/statuses#create-a-deployment-status`,
    handle: (r) => {
      const doc = `${D}/deployments/statuses#create-a-deployment-status`
      const d = r.data.deployments.find((x) => x.id === Number(r.params[2]))
      if (d === undefined) return notFound(doc)
      const b = record(r.body)
      const states = [
        'error',
        'failure',
        'inactive',
        'in_progress',
        'queued',
        'pending',
        'success'
      ]
      const state = str(b.state)
      if (state === undefined || !states.includes(state)) {
        return validationFailed(doc, [
          {
            resource: 'DeploymentStatus',
            code: 'custom',
            field: 'state',
            message: `state is not included in the list`
          }
        ])
      }
      const s = addDeploymentStatus(r.repo, d, state as DeploymentState, {
        creator: r.token.actor,
        description: str(b.description),
        environment: str(b.environment),
        logUrl: str(b.log_url),
        targetUrl: str(b.target_url),
        environmentUrl: str(b.environment_url),
        autoInactive:
          typeof b.auto_inactive === 'boolean' ? b.auto_inactive : undefined
      })
      const body = shape.deploymentStatus(r.ctx, r.data, d, s)
      return created(body, String(body.url))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/rules/branches/(.+)$`),
    needs: [['metadata', 'read']],
    doc: `${D}/repos/rules#get-rules-for-a-branch`,
    handle: (r) => {
      const branch = decodeURIComponent(r.params[2] ?? '')
      // "Rules in rulesets with "evaluate" or "disabled" enforcement
      // statuses are not returned." The branch need not exist.
      const items = r.repo.rulesFor(branch).map(({ rule, ruleset }) => ({
        ...shape.rulesetRule(rule),
        ruleset_source_type: ruleset.sourceType,
        ruleset_source: ruleset.source,
        ruleset_id: ruleset.id
      }))
      return listed(r, items)
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/rulesets$`),
    needs: [['metadata', 'read']],
    doc: `${D}/repos/rules#get-all-repository-rulesets`,
    handle: (r) => {
      const targets = r.query.get('targets')?.split(',') ?? null
      const list = r.data.rulesets.filter(
        (rs) => targets === null || targets.includes(rs.target)
      )
      return listed(
        r,
        list.map((rs) => shape.ruleset(r.ctx, r.data, rs, false))
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/rulesets/(\\d+)$`),
    needs: [['metadata', 'read']],
    doc: `${D}/repos/rules#get-a-repository-ruleset`,
    handle: (r) => {
      const rs = r.data.rulesets.find((x) => x.id === Number(r.params[2]))
      if (rs === undefined)
        return notFound(`${D}/repos/rules#get-a-repository-ruleset`)
      return ok(shape.ruleset(r.ctx, r.data, rs, true))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/branches/(.+)/protection$`),
    // Administration read; a GITHUB_TOKEN never has it.
    needs: [['administration', 'read']],
    doc: `${D}/branches/branch-protection#get-branch-protection`,
    handle: (r) => {
      const doc = `${D}/branches/branch-protection#get-branch-protection`
      const branch = decodeURIComponent(r.params[2] ?? '')
      if (!r.data.branches.has(branch))
        return errorAnswer(404, 'Branch not found', doc)
      const p = protectionFor(r.data, branch)
      if (p === null) return errorAnswer(404, 'Branch not protected', doc)
      return ok(shape.branchProtection(r.ctx, r.data, branch, p))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/branches$`),
    // The short-branch shape: name, commit {sha, url}, protected.
    needs: [['contents', 'read']],
    doc: `${D}/branches/branches#list-branches`,
    handle: (r) =>
      listed(
        r,
        [...r.data.branches.keys()].sort().map((name) => ({
          name,
          commit: {
            sha: r.data.branches.get(name),
            url: `${shape.repoUrl(r.ctx, r.data)}/commits/${r.data.branches.get(name) ?? ''}`
          },
          protected: protectionFor(r.data, name) !== null
        }))
      )
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/branches/(.+)$`),
    // isaacs/github#1940: "GET /repos/:owner/:repo/branches/:branch (contents :read)"
    needs: [['contents', 'read']],
    doc: `${D}/branches/branches#get-a-branch`,
    handle: (r) => {
      const branch = decodeURIComponent(r.params[2] ?? '')
      if (!r.data.branches.has(branch)) {
        return errorAnswer(
          404,
          'Branch not found',
          `${D}/branches/branches#get-a-branch`
        )
      }
      return ok(shape.branch(r.ctx, r.data, branch))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/environments$`),
    needs: [['actions', 'read']],
    doc: `${D}/deployments/environments#list-environments`,
    handle: (r) => {
      const envs = [...r.data.environments].sort((a, b) =>
        a.name.localeCompare(b.name)
      )
      const page = paginate(envs, r.url, r.query)
      return ok(
        {
          total_count: envs.length,
          environments: page.items.map((e) =>
            shape.environment(r.ctx, r.data, e)
          )
        },
        page.headers
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/environments/([^/]+)$`),
    needs: [['actions', 'read']],
    doc: `${D}/deployments/environments#get-an-environment`,
    handle: (r) => {
      const e = findEnvironment(r)
      if (e === undefined)
        return notFound(`${D}/deployments/environments#get-an-environment`)
      return ok(shape.environment(r.ctx, r.data, e))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(
      `${REPO}/environments/([^/]+)/deployment-branch-policies$`
    ),
    needs: [['actions', 'read']],
    doc: `${D}/deployments/branch-policies#list-deployment-branch-policies`,
    handle: (r) => {
      const e = findEnvironment(r)
      if (e === undefined) {
        return notFound(
          `${D}/deployments/branch-policies#list-deployment-branch-policies`
        )
      }
      const page = paginate(e.branchPolicies, r.url, r.query)
      return ok(
        {
          total_count: e.branchPolicies.length,
          branch_policies: page.items.map((p) => ({
            id: p.id,
            node_id: shape.nodeId('DeploymentBranchPolicy', p.id),
            name: p.name,
            type: p.type
          }))
        },
        page.headers
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(
      `${REPO}/environments/([^/]+)/deployment_protection_rules$`
    ),
    // Actions read, like the environment itself ("Repository permissions
    // for Actions" in permissions-required-for-github-apps)
    needs: [['actions', 'read']],
    doc: `${D}/deployments/protection-rules#get-all-deployment-protection-rules-for-an-environment`,
    handle: (r) => {
      const e = findEnvironment(r)
      if (e === undefined) {
        return notFound(
          `${D}/deployments/protection-rules#get-all-deployment-protection-rules-for-an-environment`
        )
      }
      return ok({
        total_count: e.customRules.length,
        custom_deployment_protection_rules: e.customRules.map((x) =>
          shape.deploymentProtectionRule(r.ctx, x)
        )
      })
    }
  },
  {
    // `created` takes GitHub's search date syntax (`A..B`, `>=A`, `<=B`);
    // with it, and the other filters, the endpoint "will return up to 1,000
    // results for each search" (docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-repository).
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/runs$`),
    needs: [['actions', 'read']],
    doc: `${D}/actions/workflow-runs#list-workflow-runs-for-a-repository`,
    handle: (r) =>
      listRuns(
        r,
        r.data.runs,
        `${D}/actions/workflow-runs#list-workflow-runs-for-a-repository`
      )
  },
  {
    // The runs of one workflow, by its numeric id (or file name), with the
    // same filters and cap (docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow).
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/workflows/([^/]+)/runs$`),
    needs: [['actions', 'read']],
    doc: `${D}/actions/workflow-runs#list-workflow-runs-for-a-workflow`,
    handle: (r) => {
      const id = decodeURIComponent(r.params[2] ?? '')
      const runs = r.data.runs.filter(
        (x) =>
          String(shape.workflowDatabaseId(x)) === id ||
          x.path.split('/').pop() === id
      )
      const doc = `${D}/actions/workflow-runs#list-workflow-runs-for-a-workflow`
      return runs.length === 0 && !/^\d+$/.test(id)
        ? notFound(doc)
        : listRuns(r, runs, doc)
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/runs/(\\d+)$`),
    needs: [['actions', 'read']],
    doc: `${D}/actions/workflow-runs#get-a-workflow-run`,
    handle: (r) => {
      const run = r.data.runs.find((x) => x.id === Number(r.params[2]))
      if (run === undefined)
        return notFound(`${D}/actions/workflow-runs#get-a-workflow-run`)
      return ok(shape.workflowRun(r.ctx, r.data, run))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/actions/runs/(\\d+)/approvals$`),
    needs: [['actions', 'read']],
    doc: `${D}/actions/workflow-runs#get-the-review-history-for-a-workflow-run`,
    handle: (r) => {
      const run = r.data.runs.find((x) => x.id === Number(r.params[2]))
      if (run === undefined) {
        return notFound(
          `${D}/actions/workflow-runs#get-the-review-history-for-a-workflow-run`
        )
      }
      return ok(shape.runApprovals(r.ctx, r.data, run))
    }
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/statuses/([0-9a-fA-F]+)$`),
    needs: [['statuses', 'write']],
    doc: `${D}/commits/statuses#create-a-commit-status`,
    handle: (r) => {
      const doc = `${D}/commits/statuses#create-a-commit-status`
      const sha = (r.params[2] ?? '').toLowerCase()
      if (!r.data.commits.has(sha)) {
        return errorAnswer(422, `No commit found for SHA: ${sha}`, doc)
      }
      const b = record(r.body)
      const state = str(b.state)
      if (
        state === undefined ||
        !['error', 'failure', 'pending', 'success'].includes(state)
      ) {
        return validationFailed(doc, [
          {
            resource: 'Status',
            code: 'custom',
            field: 'state',
            message: 'state is not included in the list'
          }
        ])
      }
      const s = r.repo.commitStatus(sha, state as CommitState, {
        context: str(b.context) ?? 'default',
        description: str(b.description) ?? null,
        targetUrl: str(b.target_url) ?? null,
        creator: r.token.actor
      })
      const body = shape.commitStatus(r.ctx, r.data, s)
      return created(body, String(body.url))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/collaborators/([^/]+)/permission$`),
    needs: [['metadata', 'read']],
    doc: `${D}/collaborators/collaborators#get-repository-permissions-for-a-user`,
    handle: (r) => {
      const u = r.sim.userByLogin(decodeURIComponent(r.params[2] ?? ''))
      if (u === null || u.deleted) {
        return notFound(
          `${D}/collaborators/collaborators#get-repository-permissions-for-a-user`
        )
      }
      return ok(shape.collaboratorPermission(r.ctx, r.data, u))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/collaborators$`),
    // An App needs Metadata read ("Repository permissions for Metadata" in
    // permissions-required-for-github-apps) and, for an organization's
    // repository, the organization's Members permission: "GitHub Apps must
    // have the members organization permission and metadata repository
    // permission" (docs.github.com/en/enterprise-server@3.4/rest/collaborators/collaborators).
    // A GITHUB_TOKEN cannot have Members: workflows report they cannot see
    // who has access through a team (Azure/template-specs#72,
    // zephyrproject-rtos/zephyr#90352).
    needs: [['metadata', 'read']],
    doc: `${D}/collaborators/collaborators#list-repository-collaborators`,
    handle: (r) => {
      const doc = `${D}/collaborators/collaborators#list-repository-collaborators`
      if (
        r.data.owner.type === 'Organization' &&
        rank(r.token.permissions.members) < rank('read')
      ) {
        return errorAnswer(403, 'Resource not accessible by integration', doc)
      }
      const affiliation = r.query.get('affiliation') ?? 'all'
      if (!['all', 'direct', 'outside'].includes(affiliation)) {
        return validationFailed(doc, [
          {
            resource: 'Repository',
            code: 'invalid',
            field: 'affiliation'
          }
        ])
      }
      let list = collaboratorsOf(
        r.data,
        affiliation as 'all' | 'direct' | 'outside'
      )
      // `permission`: those who have it (a higher role includes it)
      const wanted = r.query.get('permission')
      if (wanted !== null) {
        const at: Record<string, number> = {
          pull: 0,
          triage: 1,
          push: 2,
          maintain: 3,
          admin: 4
        }
        const order = ['read', 'triage', 'write', 'maintain', 'admin']
        list = list.filter((c) => order.indexOf(c.role) >= (at[wanted] ?? 5))
      }
      return listed(
        r,
        list.map((c) => shape.collaborator(r.ctx, c.user, c.role))
      )
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/teams$`),
    // Administration read ("Repository permissions for Administration" in
    // permissions-required-for-github-apps): never a GITHUB_TOKEN's
    needs: [['administration', 'read']],
    doc: `${D}/repos/repos#list-repository-teams`,
    handle: (r) => {
      const teams = [...r.data.teams.values()].sort((a, b) =>
        a.team.name.localeCompare(b.team.name)
      )
      return listed(
        r,
        teams.map(({ team, role }) => shape.repoTeam(r.ctx, team, role))
      )
    }
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/issues$`),
    needs: [['issues', 'write']],
    doc: `${D}/issues/issues#create-an-issue`,
    handle: (r) => {
      const doc = `${D}/issues/issues#create-an-issue`
      const b = record(r.body)
      const title = typeof b.title === 'number' ? String(b.title) : str(b.title)
      if (title === undefined || title === '') {
        return validationFailed(doc, [
          { resource: 'Issue', code: 'missing_field', field: 'title' }
        ])
      }
      const labels = labelNames(b.labels)
      if (labels === null) {
        return validationFailed(doc, [
          { resource: 'Issue', code: 'invalid', field: 'labels' }
        ])
      }
      const assignees = Array.isArray(b.assignees)
        ? b.assignees.flatMap((a) => {
            const u = typeof a === 'string' ? r.sim.userByLogin(a) : null
            return u === null ? [] : [u]
          })
        : []
      // Labels the repository lacks are created (colour ededed, no
      // description) rather than refused. GitHub documents only that labels
      // set by someone without push access are "silently dropped"
      // (create-an-issue); creation is what users observe of this route
      // (ballerina-attic/ballerina-extended-library#453: "the labels get
      // automatically added" through POST /repos/{o}/{r}/issues) and of
      // adding labels to an issue (github/docs#35718: "creates a new label
      // if it does not already exist ... null description and a default
      // color of ededed"; googleapis/repo-automation-bots#2211). Creating
      // a label takes `issues: write`
      // (googleapis/release-please-action#1105), which this route needs
      // anyway, so every token that gets here may set and create labels.
      const i = r.repo.issue({
        title,
        body: str(b.body) ?? null,
        author: r.token.actor,
        labels,
        assignees
      })
      const body = shape.issue(r.ctx, r.data, i)
      return created(body, String(body.url))
    }
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/issues/(\\d+)$`),
    // Issues read for an issue; a pull request (every pull request is an
    // issue too) is also readable with Pull requests read.
    // https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps
    needs: [],
    doc: `${D}/issues/issues#get-an-issue`,
    handle: (r) => {
      const doc = `${D}/issues/issues#get-an-issue`
      const number = Number(r.params[2])
      const issue = r.repo.getIssue(number)
      const pr = r.data.pulls.find((p) => p.number === number)
      const canRead =
        rank(r.token.permissions.issues) >= 1 ||
        (pr !== undefined && rank(r.token.permissions.pull_requests) >= 1)
      if (!canRead) {
        return errorAnswer(403, 'Resource not accessible by integration', doc)
      }
      if (issue !== null) return ok(shape.issue(r.ctx, r.data, issue))
      if (pr !== undefined) return ok(shape.pullAsIssue(r.ctx, r.data, pr))
      return notFound(doc)
    }
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${REPO}/issues/(\\d+)$`),
    needs: [['issues', 'write']],
    doc: `${D}/issues/issues#update-an-issue`,
    handle: (r) => updateIssue(r)
  }
]
// GitHub App routes (custom deployment protection rules): app.ts
routes.push(...protectionRuleRoutes)

/** `labels` of an issue body: names or `{ name }` objects; null when malformed. */
function labelNames(value: unknown): string[] | null {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return null
  const names: string[] = []
  for (const l of value) {
    const name = typeof l === 'string' ? l : str(record(l).name)
    if (name === undefined || name.trim() === '') return null
    names.push(name)
  }
  return names
}

const STATE_REASONS = ['completed', 'not_planned', 'duplicate', 'reopened']

/**
 * PATCH /issues/{issue_number}: title, body, labels (replaced; missing ones
 * created as on creation), and `state` with `state_reason` ("ignored unless
 * state is changed"; closing defaults to `completed`). Pull requests are
 * not updated through this route by the simulator (404).
 * https://docs.github.com/en/rest/issues/issues#update-an-issue
 */
function updateIssue(r: RouteContext): Answer {
  const doc = `${D}/issues/issues#update-an-issue`
  const issue = r.repo.getIssue(Number(r.params[2]))
  if (issue === null) return notFound(doc)
  const b = record(r.body)
  const invalid = (field: string) =>
    validationFailed(doc, [{ resource: 'Issue', code: 'invalid', field }])
  if (b.state !== undefined && b.state !== 'open' && b.state !== 'closed') {
    return invalid('state')
  }
  const reason = b.state_reason
  if (
    reason !== undefined &&
    reason !== null &&
    (typeof reason !== 'string' || !STATE_REASONS.includes(reason))
  ) {
    return invalid('state_reason')
  }
  if (b.state === 'closed' && reason === 'reopened')
    return invalid('state_reason')
  if (b.title !== undefined) {
    const title = typeof b.title === 'number' ? String(b.title) : str(b.title)
    if (title === undefined || title === '') return invalid('title')
    issue.title = title
  }
  if (b.body !== undefined) issue.body = str(b.body) ?? null
  if (b.labels !== undefined) {
    const labels = labelNames(b.labels)
    if (labels === null) return invalid('labels')
    issue.labels = [...new Set(labels.map((n) => r.repo.label(n).name))]
  }
  issue.updatedAt = r.sim.now
  if (b.state === 'closed') {
    r.repo.setIssueState(
      issue.number,
      'closed',
      r.token.actor,
      typeof reason === 'string'
        ? (reason as 'completed' | 'not_planned' | 'duplicate')
        : 'completed'
    )
  } else if (b.state === 'open') {
    r.repo.setIssueState(issue.number, 'open', r.token.actor, 'reopened')
  }
  return ok(shape.issue(r.ctx, r.data, issue))
}

function findEnvironment(r: RouteContext) {
  const name = decodeURIComponent(r.params[2] ?? '')
  return r.data.environments.find(
    (e) => e.name.toLowerCase() === name.toLowerCase()
  )
}

function blobSha(_repo: Repository, content: string): string {
  return blobOid(content)
}

function treeSha(repo: Repository, root: string, path: string): string {
  let oid = root
  for (const part of path.split('/')) {
    const e = repo.trees.get(oid)?.find((x) => x.name === part)
    if (e === undefined) return ''
    oid = e.oid
  }
  return oid
}

/** base64 in 60-column lines, as the contents API sends it. */
function chunk64(b64: string): string {
  const out: string[] = []
  for (let i = 0; i < b64.length; i += 60) out.push(b64.slice(i, i + 60))
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

/**
 * GET /compare/{base}...{head}: status, ahead_by/behind_by, commits in
 * chronological order. Without per_page/page at most 250 commits (the most
 * recent ones); with them, a page of the whole list and a Link header.
 * https://docs.github.com/en/rest/commits/commits#compare-two-commits
 */
function compare(r: RouteContext): Answer {
  const doc = `${D}/commits/commits#compare-two-commits`
  const spec = decodeURIComponent(r.params[2] ?? '')
  const m = /^(.+?)\.\.\.(.+)$/.exec(spec)
  if (m === null) return notFound(doc)
  const base = resolveRef(r.data, m[1] ?? '')
  const head = resolveRef(r.data, m[2] ?? '')
  if (base === null || head === null) return notFound(doc)
  const ahead = commitsBetween(r.data, base, head)
  const behind = commitsBetween(r.data, head, base)
  const status =
    base === head
      ? 'identical'
      : behind.length === 0
        ? 'ahead'
        : ahead.length === 0
          ? 'behind'
          : 'diverged'
  const mb = mergeBase(r.data, base, head)
  const paged = r.query.has('per_page') || r.query.has('page')
  let commits = ahead
  const headers: Record<string, string> = {}
  const { perPage, page } = pageParams(r.query, 250)
  if (paged) {
    commits = ahead.slice((page - 1) * perPage, page * perPage)
    const link = linkHeader(r.url, page, perPage, ahead.length)
    if (link !== undefined) headers.link = link
  } else {
    commits = ahead.slice(-250)
  }
  const u = shape.repoUrl(r.ctx, r.data)
  const html = `${r.ctx.web}/${r.repo.fullName}`
  const body: Record<string, unknown> = {
    url: `${u}/compare/${spec}`,
    html_url: `${html}/compare/${spec}`,
    permalink_url: `${html}/compare/${r.data.owner.login}:${base.slice(0, 7)}...${r.data.owner.login}:${head.slice(0, 7)}`,
    diff_url: `${html}/compare/${spec}.diff`,
    patch_url: `${html}/compare/${spec}.patch`,
    base_commit: shape.commit(r.ctx, r.data, getCommit(r.data, base)),
    merge_base_commit: shape.commit(
      r.ctx,
      r.data,
      getCommit(r.data, mb ?? base)
    ),
    status,
    ahead_by: ahead.length,
    behind_by: behind.length,
    total_commits: ahead.length,
    commits: commits.map((o) =>
      shape.commit(r.ctx, r.data, getCommit(r.data, o))
    )
  }
  if (!paged || page === 1) {
    const before =
      mb === null ? new Map<string, string>() : getCommit(r.data, mb).files
    body.files = shape
      .diffFiles(r.ctx, r.data, before, getCommit(r.data, head).files, head)
      .slice(0, 300)
  }
  return ok(body, headers)
}

/**
 * POST /deployments. `required_contexts` (default: every context of the
 * commit's statuses) must all be `success`, else 409. `auto_merge` is not
 * simulated (the sim never merges the default branch into the ref).
 */
function createDeployment(r: RouteContext): Answer {
  const doc = `${D}/deployments/deployments#create-a-deployment`
  const b = record(r.body)
  const ref = str(b.ref)
  if (ref === undefined) {
    return validationFailed(doc, [
      { resource: 'Deployment', code: 'missing_field', field: 'ref' }
    ])
  }
  const sha = resolveRef(r.data, ref)
  if (sha === null) return errorAnswer(422, `No ref found for: ${ref}`, doc)
  const statuses = r.data.commitStatuses.filter((s) => s.sha === sha)
  const latest = new Map<string, string>()
  for (const s of statuses) latest.set(s.context, s.state)
  const required = Array.isArray(b.required_contexts)
    ? b.required_contexts.filter((x): x is string => typeof x === 'string')
    : [...latest.keys()]
  const failing = required.filter((c) => latest.get(c) !== 'success')
  if (failing.length > 0) {
    return errorAnswer(
      409,
      `Conflict: Commit status checks failed for ${ref}.`,
      doc,
      {
        errors: [
          {
            contexts: failing.map((context) => ({
              context,
              state: latest.get(context) ?? 'missing'
            })),
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid'
          }
        ]
      }
    )
  }
  const environment = str(b.environment) ?? 'production'
  const d = r.repo.deploy({
    environment,
    sha,
    ref,
    task: str(b.task) ?? 'deploy',
    creator: r.token.actor,
    description: str(b.description) ?? '',
    payload:
      typeof b.payload === 'string' ||
      (typeof b.payload === 'object' && b.payload !== null)
        ? (b.payload as Record<string, unknown> | string)
        : {},
    transientEnvironment: b.transient_environment === true,
    productionEnvironment:
      typeof b.production_environment === 'boolean'
        ? b.production_environment
        : environment === 'production'
  })
  const body = shape.deployment(r.ctx, r.data, d.data)
  return created(body, String(body.url))
}

interface OrgRouteContext extends RestRequest {
  sim: Simulator
  org: User
  params: string[]
}

/** Routes under /orgs/{org}: no repository, an organization instead. */
interface OrgRoute {
  method: 'GET'
  pattern: RegExp
  needs: [PermissionName, Permission][]
  doc: string
  handle: (r: OrgRouteContext) => Answer
}

const orgRoutes: OrgRoute[] = [
  {
    method: 'GET',
    pattern: /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/,
    // The organization's Members permission (read), which no workflow
    // GITHUB_TOKEN can have.
    // https://docs.github.com/en/rest/teams/members#list-team-members
    needs: [['members', 'read']],
    doc: `${D}/teams/members#list-team-members`,
    handle: (r) => {
      const slug = decodeURIComponent(r.params[1] ?? '')
      const team = r.sim.teams.get(`${r.org.login}/${slug}`.toLowerCase())
      if (team === undefined) {
        return notFound(`${D}/teams/members#list-team-members`)
      }
      // role=maintainer: the sim has no team maintainers
      const role = r.query.get('role') ?? 'all'
      const members = role === 'maintainer' ? [] : team.members
      return listed(
        r,
        members.filter((m) => !m.deleted).map((m) => shape.simpleUser(r.ctx, m))
      )
    }
  }
]

function handleOrg(sim: Simulator, req: RestRequest): Answer | null {
  for (const route of orgRoutes) {
    const m = route.pattern.exec(req.path)
    if (m === null || route.method !== req.method) continue
    const org = sim.userByLogin(decodeURIComponent(m[1] ?? ''))
    if (org === null || org.type !== 'Organization') return notFound(route.doc)
    for (const [perm, level] of route.needs) {
      if (rank(req.token.permissions[perm]) < rank(level)) {
        return errorAnswer(
          403,
          'Resource not accessible by integration',
          route.doc
        )
      }
    }
    return route.handle({ ...req, sim, org, params: m.slice(1) })
  }
  return null
}

/** Route a REST request. Auth has been checked; permissions are here. */
export function handleRest(sim: Simulator, req: RestRequest): Answer {
  const orgAnswer = handleOrg(sim, req)
  if (orgAnswer !== null) return orgAnswer
  for (const route of routes) {
    const m = route.pattern.exec(req.path)
    if (m === null) continue
    if (route.method !== req.method) continue
    const handle = sim.getRepo(
      decodeURIComponent(m[1] ?? ''),
      decodeURIComponent(m[2] ?? '')
    )
    if (handle === null) return notFound(route.doc)
    // an installation token reaches only its installation's repositories
    if (!tokenReaches(sim, req.token, handle.data)) return notFound(route.doc)
    for (const [perm, level] of route.needs) {
      if (rank(req.token.permissions[perm]) < rank(level)) {
        return errorAnswer(
          403,
          'Resource not accessible by integration',
          route.doc
        )
      }
    }
    return route.handle({
      ...req,
      sim,
      repo: handle,
      data: handle.data,
      params: m.slice(1)
    })
  }
  return notFound()
}

/** The routes, for documentation and tests. */
export function restRoutes(): {
  method: string
  pattern: string
  needs: string[]
}[] {
  return [...routes, ...orgRoutes].map((r) => ({
    method: r.method,
    pattern: r.pattern.source,
    needs: r.needs.map(([p, l]) => `${p}:${l}`)
  }))
}
