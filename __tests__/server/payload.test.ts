// The deployment_protection_rule payload: where the answer goes (strictly,
// on the configured API host only), then what is to be decided.
import { describe, expect, it } from '@jest/globals'
import { parseCallbackUrl, parsePayload } from '../../src/server/payload.js'

const API = 'https://api.github.com'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const CALLBACK = `${API}/repos/acme/shop/actions/runs/42/deployment_protection_rule`

function payload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    action: 'requested',
    environment: 'production',
    event: 'push',
    sha: SHA,
    ref: 'main',
    deployment_callback_url: CALLBACK,
    deployment: { id: 7, sha: SHA, environment: 'production' },
    repository: { full_name: 'acme/shop' },
    installation: { id: 99 },
    sender: { login: 'dora' },
    ...over
  }
}

const TARGET = {
  owner: 'acme',
  repo: 'shop',
  runId: 42,
  environment: 'production',
  installationId: 99
}

describe('parseCallbackUrl', () => {
  it('reads owner, repository and run id', () => {
    expect(parseCallbackUrl(CALLBACK, API)).toEqual({
      owner: 'acme',
      repo: 'shop',
      runId: 42
    })
    expect(
      parseCallbackUrl(
        'https://ghe.example/api/v3/repos/a/b/actions/runs/1/deployment_protection_rule',
        'https://ghe.example/api/v3/'
      )
    ).toEqual({ owner: 'a', repo: 'b', runId: 1 })
  })

  it.each([
    [
      'https://evil.example/repos/acme/shop/actions/runs/42/deployment_protection_rule',
      /is on https:\/\/evil\.example, not on the configured GitHub API/
    ],
    [
      'http://api.github.com/repos/acme/shop/actions/runs/42/deployment_protection_rule',
      /not on the configured GitHub API/
    ],
    [
      'https://api.github.com:444/repos/acme/shop/actions/runs/42/deployment_protection_rule',
      /not on the configured GitHub API/
    ],
    [
      'https://x:y@api.github.com/repos/acme/shop/actions/runs/42/deployment_protection_rule',
      /credentials/
    ],
    [`${CALLBACK}?state=approved`, /a query/],
    [`${API}/repos/acme/shop/actions/runs/42/approve`, /is not \.\.\./],
    [
      `${API}/repos/acme/shop/actions/runs/0/deployment_protection_rule`,
      /is not \.\.\./
    ],
    [
      `${API}/repos/acme/shop/actions/runs/4x/deployment_protection_rule`,
      /is not \.\.\./
    ],
    [
      `${API}/repos/acme/shop/actions/runs/99999999999999999/deployment_protection_rule`,
      /is not \.\.\./
    ],
    [
      `${API}/repos/acme/../actions/runs/1/deployment_protection_rule`,
      /is not \.\.\./
    ],
    [
      `${API}/repos/acme/shop/extra/actions/runs/1/deployment_protection_rule`,
      /is not \.\.\./
    ],
    ['not a url', /is not a URL/]
  ])('refuses %s', (url, message) => {
    const r = parseCallbackUrl(url, API)
    expect(typeof r).toBe('string')
    expect(r).toMatch(message)
  })

  it('refuses a callback outside the GHES API path', () => {
    expect(
      parseCallbackUrl(
        'https://ghe.example/repos/a/b/actions/runs/1/deployment_protection_rule',
        'https://ghe.example/api/v3'
      )
    ).toBe(
      'deployment_callback_url is not under the configured API path (/api/v3)'
    )
  })
})

describe('parsePayload', () => {
  it('reads the target and the deployment', () => {
    expect(parsePayload(payload(), API)).toEqual({
      ok: true,
      target: TARGET,
      deployment: { sha: SHA, deploymentId: 7, sender: 'dora' }
    })
  })

  it.each([
    [null, 'the payload is not a JSON object'],
    [[], 'the payload is not a JSON object'],
    [
      payload({ action: 'completed' }),
      'action is "completed", not "requested"'
    ],
    [
      payload({ deployment_callback_url: undefined }),
      'deployment_callback_url is missing: it is where the verdict goes'
    ],
    [payload({ repository: {} }), 'repository.full_name is missing'],
    [
      payload({ repository: { full_name: 'acme/other' } }),
      'deployment_callback_url names acme/shop, but the payload\'s repository is "acme/other"'
    ],
    [
      payload({ environment: '' }),
      'environment is missing: the verdict must name it'
    ],
    [
      payload({ installation: { id: '99' } }),
      'installation.id is missing: the App answers as that installation'
    ]
  ])('cannot answer %j: %s', (body, problem) => {
    expect(parsePayload(body, API)).toEqual({
      ok: false,
      target: null,
      problem
    })
  })

  it.each([
    [
      payload({ deployment: undefined }),
      'the payload has no deployment object'
    ],
    [
      payload({ deployment: { sha: 'main' } }),
      'deployment.sha must be a full 40-character commit sha, not "main"'
    ],
    [
      payload({ deployment: { sha: SHA.toUpperCase() } }),
      `deployment.sha must be a full 40-character commit sha, not "${SHA.toUpperCase()}"`
    ],
    [
      payload({ sha: 'f'.repeat(40) }),
      `the payload's sha "${'f'.repeat(40)}" differs from deployment.sha ${SHA}`
    ],
    [
      payload({ deployment: { sha: SHA, environment: 'staging' } }),
      'deployment.environment "staging" differs from environment "production"'
    ]
  ])('answers but rejects %j: %s', (body, problem) => {
    expect(parsePayload(body, API)).toEqual({
      ok: false,
      target: TARGET,
      problem
    })
  })

  it('matches repository and environment names without regard to case', () => {
    const r = parsePayload(
      payload({
        repository: { full_name: 'ACME/Shop' },
        deployment: { sha: SHA, environment: 'Production' }
      }),
      API
    )
    expect(r.ok).toBe(true)
  })

  it('quotes what it refuses safely', () => {
    const r = parsePayload(payload({ action: '\u001b[2Jx'.repeat(50) }), API)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.problem).not.toContain('\u001b')
      expect(r.problem.length).toBeLessThan(140)
    }
  })
})
