import { describe, expect, it } from '@jest/globals'
import { GitHubApiError } from '../../../src/engine/errors.js'
import {
  assertComplete,
  errorText,
  permissionForPath
} from '../../../src/engine/gather/errors.js'

describe('permissionForPath', () => {
  it.each([
    [['d0', 'nodes', 0, 'statuses'], 'deployments: read'],
    [['repository', 'commit', 'associatedPullRequests'], 'pull-requests: read'],
    [['repository', 'p3', 'reviews'], 'pull-requests: read'],
    [['repository', 'defaultBranchRef'], 'contents: read'],
    [undefined, 'contents: read']
  ])('%j needs %s', (path, permission) => {
    expect(permissionForPath(path)).toBe(permission)
  })
})

describe('assertComplete', () => {
  it('passes when every error is tolerated', () => {
    expect(() =>
      assertComplete(
        [{ message: 'gone', type: 'NOT_FOUND' }],
        'the policy',
        (e) => e.type === 'NOT_FOUND'
      )
    ).not.toThrow()
  })

  it('names what is missing and the permission GitHub refused', () => {
    let thrown: unknown
    try {
      assertComplete(
        [
          {
            message: 'Resource not accessible by integration',
            type: 'FORBIDDEN',
            path: ['recent', 'shipped', 'deployments']
          }
        ],
        'the deployments and branches'
      )
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(GitHubApiError)
    expect(thrown).toMatchObject({
      message:
        'the deployments and branches could not be read completely: Resource not accessible by integration',
      permission: 'deployments: read',
      hint: 'The token probably lacks the `deployments: read` permission.'
    })
  })

  it('names no permission when GitHub did not refuse', () => {
    expect(() =>
      assertComplete([{ message: 'timeout' }], 'further pages')
    ).toThrow(
      expect.objectContaining({
        message: 'further pages could not be read completely: timeout',
        permission: undefined
      })
    )
  })
})

describe('errorText', () => {
  it('is empty without errors and lists their messages otherwise', () => {
    expect(errorText([])).toBe('')
    expect(errorText([{ message: 'a' }, { message: 'b' }])).toBe(' (a; b)')
  })
})
