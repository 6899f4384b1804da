// The README quick start's settings, as the `gh api` commands it shows, read
// and applied to the simulator's repository. Each request body is checked
// against GitHub's own OpenAPI description of the operation (@octokit/openapi)
// before it is applied, so a command the README shows is one GitHub accepts.
// `gh api`'s field syntax (docs: cli.github.com/manual/gh_api): `-f k=v` a
// string, `-F k=v` typed (true, false, null, integers), `k[sub]=v` nested,
// `--input -` the body from stdin; `{owner}` and `{repo}` are filled in from
// the repository of the current directory.
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { RepoHandle, RulesetRule } from '../../test-support/sim/model.js'
import { convertNullable } from '../sim/openapi.js'

type Json = Record<string, unknown>

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

export interface GhApiCall {
  method: string
  /** as written, e.g. `repos/{owner}/{repo}/rulesets` */
  path: string
  body: Json
}

/** Shell words of one line: '…', "…" and bare words; nothing is expanded. */
function words(line: string): string[] {
  const out: string[] = []
  const re = /'([^']*)'|"([^"$`\\]*)"|(\S+)/g
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? '')
  return out
}

function typed(value: string): unknown {
  if (value === 'true') return true
  if (value === 'false') return false
  if (value === 'null') return null
  if (/^-?\d+$/.test(value)) return Number(value)
  return value
}

/** `a[b][c]=v` into `body`. */
function setField(body: Json, field: string, value: unknown): void {
  const at = field.indexOf('=')
  if (at < 1) throw new Error(`not a key=value field: ${field}`)
  const keys = field
    .slice(0, at)
    .split(/[[\]]+/)
    .filter((k) => k !== '')
  let node = body
  keys.slice(0, -1).forEach((k) => {
    const next = node[k] ?? {}
    node[k] = next
    node = next as Json
  })
  node[keys[keys.length - 1] as string] =
    value === undefined ? field.slice(at + 1) : value
}

/** Every `gh api` command of a sh block; any other command is an error. */
export function parseGhApi(script: string): GhApiCall[] {
  const lines = script.replace(/\\\n/g, ' ').split('\n')
  const calls: GhApiCall[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '' || line.startsWith('#')) continue
    const argv = words(line)
    if (argv[0] !== 'gh' || argv[1] !== 'api') {
      throw new Error(`the settings run something other than gh api: ${line}`)
    }
    let method = 'GET'
    let path: string | null = null
    let body: Json = {}
    for (let a = 2; a < argv.length; a++) {
      const arg = argv[a] as string
      const next = (): string => argv[++a] ?? ''
      if (arg === '-X' || arg === '--method') method = next()
      else if (arg === '-F' || arg === '--field') {
        const f = next()
        setField(body, f, typed(f.slice(f.indexOf('=') + 1)))
      } else if (arg === '-f' || arg === '--raw-field')
        setField(body, next(), undefined)
      else if (arg === '--input') {
        if (next() !== '-') throw new Error('--input other than stdin')
      } else if (/^<<'?(\w+)'?$/.test(arg)) {
        const end = /^<<'?(\w+)'?$/.exec(arg)?.[1]
        const stdin: string[] = []
        for (i++; i < lines.length && lines[i]?.trim() !== end; i++) {
          stdin.push(lines[i] ?? '')
        }
        body = JSON.parse(stdin.join('\n')) as Json
      } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`)
      else if (path === null) path = arg
      else throw new Error(`a second endpoint ${arg}`)
    }
    if (path === null) throw new Error(`no endpoint: ${line}`)
    calls.push({ method, path, body })
  }
  return calls
}

// ------------------------------------------------ GitHub's request schemas

const OPERATIONS: Record<string, [string, string]> = {
  environment: ['/repos/{owner}/{repo}/environments/{environment_name}', 'put'],
  branchPolicy: [
    '/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
    'post'
  ],
  ruleset: ['/repos/{owner}/{repo}/rulesets', 'post']
}

function requestValidators(): Record<string, (body: unknown) => string[]> {
  const require = createRequire(import.meta.url)
  const api =
    require('@octokit/openapi/generated/api.github.com.deref.json') as {
      paths: Record<string, Record<string, { requestBody: Json }>>
    }
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))
  const out: Record<string, (body: unknown) => string[]> = {}
  for (const [name, [path, method]] of Object.entries(OPERATIONS)) {
    const content = api.paths[path]?.[method]?.requestBody.content as
      Record<string, { schema: unknown }> | undefined
    const schema = content?.['application/json']?.schema
    if (schema === undefined)
      throw new Error(`no request schema: ${method} ${path}`)
    const validate = ajv.compile(convertNullable(schema) as Json)
    out[name] = (body) =>
      validate(body)
        ? []
        : (validate.errors ?? []).map(
            (e) =>
              `${method.toUpperCase()} ${path}: ${e.instancePath} ${e.message ?? ''}`
          )
  }
  return out
}

// --------------------------------------------------------------- applying

const ENVIRONMENT = /^repos\/\{owner\}\/\{repo\}\/environments\/([\w.-]+)$/
const BRANCH_POLICY =
  /^repos\/\{owner\}\/\{repo\}\/environments\/([\w.-]+)\/deployment-branch-policies$/
const RULESETS = /^repos\/\{owner\}\/\{repo\}\/rulesets$/

/** Applies the calls in order, as GitHub would answer them. */
export function applySettings(repo: RepoHandle, calls: GhApiCall[]): void {
  const valid = requestValidators()
  for (const call of calls) {
    const at = `${call.method} ${call.path}`
    let m: RegExpExecArray | null
    const check = (name: string): void => {
      const problems = valid[name]?.(call.body) ?? ['no validator']
      if (problems.length > 0) throw new Error(`${at}: ${problems.join('; ')}`)
    }
    if (call.method === 'PUT' && (m = ENVIRONMENT.exec(call.path)) !== null) {
      check('environment')
      environment(repo, m[1] as string, call.body)
    } else if (
      call.method === 'POST' &&
      (m = BRANCH_POLICY.exec(call.path)) !== null
    ) {
      check('branchPolicy')
      branchPolicy(repo, m[1] as string, call.body)
    } else if (call.method === 'POST' && RULESETS.test(call.path)) {
      check('ruleset')
      ruleset(repo, call.body)
    } else {
      throw new Error(`the quick start test does not know ${at}`)
    }
  }
}

/**
 * Create or update an environment. "If protected_branches is true,
 * custom_branch_policies must be false; if protected_branches is false,
 * custom_branch_policies must be true"; `deployment_branch_policy: null`
 * lets every branch deploy (docs.github.com/en/rest/deployments/environments
 * #create-or-update-an-environment).
 */
function environment(repo: RepoHandle, name: string, body: Json): void {
  const policy = body.deployment_branch_policy as
    | { protected_branches: boolean; custom_branch_policies: boolean }
    | null
    | undefined
  if (
    policy != null &&
    policy.protected_branches === policy.custom_branch_policies
  ) {
    throw new Error(
      `${name}: exactly one of protected_branches and custom_branch_policies must be true (GitHub answers 422)`
    )
  }
  const existing = repo.data.environments.find((e) => e.name === name)
  repo.environment(name, {
    ...(typeof body.wait_timer === 'number'
      ? { waitTimer: body.wait_timer }
      : {}),
    ...(typeof body.prevent_self_review === 'boolean'
      ? { preventSelfReview: body.prevent_self_review }
      : {}),
    ...(policy === undefined
      ? {}
      : {
          deploymentBranches:
            policy === null
              ? 'all'
              : policy.protected_branches
                ? 'protected'
                : {
                    custom: (existing?.branchPolicies ?? []).map((p) => ({
                      name: p.name,
                      type: p.type
                    }))
                  }
        })
  })
  if (body.reviewers !== undefined) {
    throw new Error('environment reviewers: not read by this test yet')
  }
}

/**
 * A deployment branch or tag pattern: only for an environment whose
 * deployment branch policy is custom (GitHub refuses it otherwise).
 */
function branchPolicy(repo: RepoHandle, name: string, body: Json): void {
  const env = repo.data.environments.find((e) => e.name === name)
  if (env?.deploymentBranchPolicy?.customBranchPolicies !== true) {
    throw new Error(`${name}: no custom deployment branch policy to add to`)
  }
  repo.environment(name, {
    deploymentBranches: {
      custom: [
        ...env.branchPolicies.map((p) => ({ name: p.name, type: p.type })),
        {
          name: String(body.name),
          type: body.type === 'tag' ? 'tag' : 'branch'
        }
      ]
    }
  })
}

function ruleset(repo: RepoHandle, body: Json): void {
  const ref = (body.conditions as { ref_name?: Json } | undefined)?.ref_name
  repo.ruleset({
    name: String(body.name),
    target: (body.target as 'branch' | 'tag' | 'push' | undefined) ?? 'branch',
    enforcement: body.enforcement as 'active' | 'evaluate' | 'disabled',
    include: (ref?.include as string[] | undefined) ?? [],
    exclude: (ref?.exclude as string[] | undefined) ?? [],
    rules: (body.rules as RulesetRule[] | undefined) ?? []
  })
}
