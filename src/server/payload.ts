// The `deployment_protection_rule` payload, read strictly. Two questions,
// in this order:
//   1. where is the answer to go? (the callback: repository, run id,
//      environment, installation). Without all four nothing can be answered:
//      the delivery is refused (400) and nothing is done.
//   2. what is to be decided? (the deployed sha). When the answer can go
//      somewhere but this part is wrong, the deployment is rejected with the
//      reason (fail closed) and the delivery is still refused (400).
// Shape: @octokit/openapi-webhooks `webhook-deployment-protection-rule-requested`
// plus the `sha` and `ref` real deliveries carry. The run id is only in
// `deployment_callback_url`, which must be on the configured API host.

type Json = Record<string, unknown>

/** Where the verdict goes. */
export interface CallbackTarget {
  owner: string
  repo: string
  runId: number
  environment: string
  installationId: number
}

export interface DeploymentRequest {
  sha: string
  deploymentId: number | null
  /** who the payload says caused the event (the run's triggering actor) */
  sender: string | null
}

export type ParsedPayload =
  | { ok: true; target: CallbackTarget; deployment: DeploymentRequest }
  | { ok: false; target: CallbackTarget | null; problem: string }

const NAME_PART = /^[A-Za-z0-9_.-]{1,100}$/
const SHA = /^[0-9a-f]{40}$/

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function quote(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v)
  const shown = (text ?? String(v)).slice(0, 80)
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(shown.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?'))
}

function positiveId(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null
}

/**
 * `${apiUrl}/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule`
 * exactly: same scheme, host, port and path prefix as the configured API
 * URL, no query, fragment or credentials, one segment per name.
 */
export function parseCallbackUrl(
  raw: string,
  apiUrl: string
): { owner: string; repo: string; runId: number } | string {
  let url: URL
  let api: URL
  try {
    url = new URL(raw)
    api = new URL(apiUrl)
  } catch {
    return `deployment_callback_url is not a URL: ${quote(raw)}`
  }
  if (url.origin !== api.origin) {
    return `deployment_callback_url is on ${url.origin}, not on the configured GitHub API (${api.origin}); set GITHUB_API_URL if this server answers another GitHub`
  }
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    return 'deployment_callback_url carries credentials, a query or a fragment'
  }
  const prefix = api.pathname.replace(/\/+$/, '')
  if (!url.pathname.startsWith(`${prefix}/repos/`)) {
    return `deployment_callback_url is not under the configured API path (${prefix || '/'})`
  }
  const parts = url.pathname.slice(prefix.length + 1).split('/')
  const [repos, owner = '', repo = '', actions, runs, id = '', rule, extra] =
    parts
  const runId = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN
  if (
    repos !== 'repos' ||
    actions !== 'actions' ||
    runs !== 'runs' ||
    rule !== 'deployment_protection_rule' ||
    extra !== undefined ||
    !NAME_PART.test(owner) ||
    !NAME_PART.test(repo) ||
    repo === '.' ||
    repo === '..' ||
    !Number.isSafeInteger(runId)
  ) {
    return `deployment_callback_url is not .../repos/OWNER/REPO/actions/runs/RUN_ID/deployment_protection_rule: ${quote(url.pathname)}`
  }
  return { owner, repo, runId }
}

/** Reads a parsed JSON body; `apiUrl` is the configured REST base. */
export function parsePayload(body: unknown, apiUrl: string): ParsedPayload {
  const refuse = (problem: string): ParsedPayload => ({
    ok: false,
    target: null,
    problem
  })
  if (!isObject(body)) return refuse('the payload is not a JSON object')
  if (body.action !== 'requested') {
    return refuse(`action is ${quote(body.action)}, not "requested"`)
  }
  const callback = body.deployment_callback_url
  if (typeof callback !== 'string') {
    return refuse(
      'deployment_callback_url is missing: it is where the verdict goes'
    )
  }
  const parsed = parseCallbackUrl(callback, apiUrl)
  if (typeof parsed === 'string') return refuse(parsed)

  const repository = body.repository
  const fullName = isObject(repository) ? repository.full_name : undefined
  if (typeof fullName !== 'string') {
    return refuse('repository.full_name is missing')
  }
  if (
    fullName.toLowerCase() !== `${parsed.owner}/${parsed.repo}`.toLowerCase()
  ) {
    return refuse(
      `deployment_callback_url names ${parsed.owner}/${parsed.repo}, but the payload's repository is ${quote(fullName)}`
    )
  }
  const environment = body.environment
  if (typeof environment !== 'string' || environment.trim() === '') {
    return refuse('environment is missing: the verdict must name it')
  }
  const installation = body.installation
  const installationId = isObject(installation)
    ? positiveId(installation.id)
    : null
  if (installationId === null) {
    return refuse(
      'installation.id is missing: the App answers as that installation'
    )
  }
  const target: CallbackTarget = {
    owner: parsed.owner,
    repo: parsed.repo,
    runId: parsed.runId,
    environment,
    installationId
  }

  // From here the verdict can be delivered: problems reject the deployment.
  const reject = (problem: string): ParsedPayload => ({
    ok: false,
    target,
    problem
  })
  const deployment = body.deployment
  if (!isObject(deployment)) {
    return reject('the payload has no deployment object')
  }
  const sha = deployment.sha
  if (typeof sha !== 'string' || !SHA.test(sha)) {
    return reject(
      `deployment.sha must be a full 40-character commit sha, not ${quote(sha)}`
    )
  }
  if (body.sha !== undefined && body.sha !== sha) {
    return reject(
      `the payload's sha ${quote(body.sha)} differs from deployment.sha ${sha}`
    )
  }
  const deploymentEnv = deployment.environment
  if (
    deploymentEnv !== undefined &&
    (typeof deploymentEnv !== 'string' ||
      deploymentEnv.toLowerCase() !== environment.toLowerCase())
  ) {
    return reject(
      `deployment.environment ${quote(deploymentEnv)} differs from environment ${quote(environment)}`
    )
  }
  const sender = isObject(body.sender) ? body.sender.login : undefined
  return {
    ok: true,
    target,
    deployment: {
      sha,
      deploymentId: positiveId(deployment.id),
      sender: typeof sender === 'string' ? sender : null
    }
  }
}
