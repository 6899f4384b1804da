import { describe, expect, it } from '@jest/globals'
import { makeRequest } from '../../src/engine/request.js'

const SPEC = {
  owner: 'acme',
  repo: 'app',
  environment: 'production',
  sha: 'A'.repeat(40),
  policyPath: '.github/promotion-gate.yml'
}

describe('makeRequest', () => {
  it('lowercases the sha and derives the run url from the server', () => {
    const req = makeRequest({
      ...SPEC,
      serverUrl: 'https://ghe.example/',
      run: { id: 7, attempt: 2, actor: 'alice', triggeringActor: 'bob' }
    })
    expect(req.sha).toBe('a'.repeat(40))
    expect(req.run.url).toBe('https://ghe.example/acme/app/actions/runs/7')
    expect(req.serverUrl).toBe('https://ghe.example')
    // a re-run is deployed by whoever re-ran it
    expect(req.deployer).toBe('bob')
    expect(Object.isFrozen(req)).toBe(true)
  })

  it('keeps an explicit deployer, and empty strings mean none', () => {
    const req = makeRequest({
      ...SPEC,
      deployer: 'carol',
      policyRef: '',
      breakGlassReason: '',
      run: { id: null, attempt: 3, actor: '' }
    })
    expect(req.deployer).toBe('carol')
    expect(req.policyRef).toBeNull()
    expect(req.breakGlassReason).toBeNull()
    expect(req.run).toEqual({
      id: null,
      attempt: null,
      url: null,
      actor: null,
      triggeringActor: null
    })
  })

  it.each([['abc'], ['g'.repeat(40)], ['a'.repeat(41)]])(
    'refuses the sha %s with an input error',
    (sha) => {
      expect(() => makeRequest({ ...SPEC, sha })).toThrow(
        expect.objectContaining({ code: 'input' })
      )
    }
  )

  it('refuses an unnamed environment', () => {
    expect(() => makeRequest({ ...SPEC, environment: ' ' })).toThrow(
      'the environment must be named'
    )
  })
})

describe('makeRequest: the triggering event', () => {
  it('keeps the event, and an empty one means unknown', () => {
    expect(makeRequest({ ...SPEC, event: 'push' }).event).toBe('push')
    expect(makeRequest({ ...SPEC, event: '' }).event).toBeNull()
    expect(makeRequest(SPEC).event).toBeNull()
  })
})
