import { createServer, type Server } from 'node:net'
import { describe, expect, it } from '@jest/globals'
import { createClient } from '../../src/github/client.js'
import { originOf, permanentReason } from '../../src/github/unreachable.js'
import { GitHubApiError, silentLogger } from '../../src/engine/index.js'

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('port')
  return address.port
}

describe('a server nobody answers at', () => {
  it('is reported once, naming the address, not retried as a 500', async () => {
    const port = await closedPort()
    const client = createClient({
      token: 't',
      apiUrl: `http://127.0.0.1:${port}`,
      logger: silentLogger,
      timeoutMs: 60_000,
      // a retry would wait at least this long: a retried refusal would
      // show as more than one attempt
      retryBaseMs: 5
    })
    const error = await client.graphql('query { viewer { login } }', {}).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GitHubApiError)
    expect((error as Error).message).toBe(
      `cannot reach http://127.0.0.1:${port}: the connection was refused (ECONNREFUSED)`
    )
    expect((error as GitHubApiError).hint).toMatch(/GITHUB_API_URL/)
    expect(client.requests).toHaveLength(1)
    await expect(
      client.rest('GET /repos/{owner}/{repo}', { owner: 'a', repo: 'b' })
    ).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:\d+: the connection/)
    expect(client.requests).toHaveLength(2)
  })
})

describe('permanentReason', () => {
  const failed = (cause: unknown): Error =>
    new TypeError('fetch failed', { cause })
  const coded = (code: string): Error =>
    Object.assign(new Error(code), { code })

  it.each([
    [
      'ENOTFOUND',
      failed(coded('ENOTFOUND')),
      'the host name is not known (ENOTFOUND)'
    ],
    ['bad port', failed(new Error('bad port')), 'fetch does not use that port'],
    [
      'CERT_HAS_EXPIRED',
      failed(coded('CERT_HAS_EXPIRED')),
      'its TLS certificate has expired (CERT_HAS_EXPIRED)'
    ]
  ])('%s is not worth a retry', (_name, error, reason) => {
    expect(permanentReason(error)).toBe(reason)
  })

  it.each([
    ['ECONNRESET', failed(coded('ECONNRESET'))],
    ['EAI_AGAIN', failed(coded('EAI_AGAIN'))],
    ['a bare failure', new Error('fetch failed')],
    ['a string', 'not an error']
  ])('%s may pass: retried', (_name, error) => {
    expect(permanentReason(error)).toBeUndefined()
  })
})

describe('the address named', () => {
  it('is the origin of the request, else the base it was sent against, else what was asked', () => {
    expect(originOf('/graphql', 'http://127.0.0.1:9/api')).toBe(
      'http://127.0.0.1:9'
    )
    expect(originOf('not a url', 'also not one')).toBe('also not one')
    expect(originOf('not a url', undefined)).toBe('not a url')
  })

  it('gives up on a chain of causes deeper than four', () => {
    const deep = (n: number): unknown =>
      n === 0
        ? Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })
        : new Error(`wrapped ${n}`, { cause: deep(n - 1) })
    expect(permanentReason(deep(3))).toMatch(/ECONNREFUSED/)
    expect(permanentReason(deep(4))).toBeUndefined()
  })
})
