import { describe, expect, it } from '@jest/globals'
import { defaultGraphqlUrl, proxyFetch } from '../../src/github/client.js'
import { permissionFor } from '../../src/github/permissions.js'

describe('defaultGraphqlUrl', () => {
  it.each([
    ['https://api.github.com', 'https://api.github.com/graphql'],
    ['https://api.github.com/', 'https://api.github.com/graphql'],
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api/graphql'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/graphql'],
    ['http://127.0.0.1:8080/api/v3', 'http://127.0.0.1:8080/api/graphql']
  ])('%s -> %s', (api, graphql) => {
    expect(defaultGraphqlUrl(api)).toBe(graphql)
  })
})

describe('permissionFor', () => {
  it.each([
    [
      'GET',
      '/repos/{owner}/{repo}/branches/{branch}/protection',
      'administration: read'
    ],
    ['GET', '/repos/{owner}/{repo}/rules/branches/{branch}', 'metadata: read'],
    ['GET', '/repos/{owner}/{repo}/deployments', 'deployments: read'],
    [
      'GET',
      '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
      'actions: read'
    ],
    ['GET', '/repos/{owner}/{repo}/environments/{name}', 'actions: read'],
    ['GET', '/repos/{owner}/{repo}/pulls/{n}/reviews', 'pull-requests: read'],
    ['GET', '/repos/{owner}/{repo}/compare/{basehead}', 'contents: read'],
    ['POST', '/repos/{owner}/{repo}/statuses/{sha}', 'statuses: write'],
    ['POST', '/repos/{owner}/{repo}/issues', 'issues: write'],
    ['GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', 'checks: read']
  ])('%s %s needs %s', (method, path, permission) => {
    expect(permissionFor(method, path)).toBe(permission)
  })

  it('knows nothing of other routes', () => {
    expect(permissionFor('GET', '/user')).toBeUndefined()
  })
})

describe('proxyFetch', () => {
  const saved = { ...process.env }
  const restore = () => {
    for (const k of [
      'HTTPS_PROXY',
      'https_proxy',
      'HTTP_PROXY',
      'http_proxy',
      'NO_PROXY',
      'no_proxy'
    ]) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
  }

  it('is not used without a proxy', () => {
    for (const k of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'])
      delete process.env[k]
    expect(proxyFetch('https://api.github.com')).toBeUndefined()
    restore()
  })

  it('goes through HTTPS_PROXY, except for NO_PROXY hosts and loopback', () => {
    process.env.HTTPS_PROXY = 'http://127.0.0.1:3128'
    process.env.NO_PROXY = 'ghe.internal'
    expect(typeof proxyFetch('https://api.github.com')).toBe('function')
    expect(proxyFetch('https://ghe.internal/api/v3')).toBeUndefined()
    expect(proxyFetch('http://127.0.0.1:8080')).toBeUndefined()
    restore()
  })
})
