// proxyFetch through a real proxy on loopback: once a proxy applies (and
// undici has been loaded for it), a request travels through it in a CONNECT
// tunnel, as undici's ProxyAgent opens for every target.
import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { proxyFetch } from '../../src/github/proxy.js'

const VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]))

afterEach(() => {
  for (const k of VARS) {
    if (saved[k] === undefined) delete process.env[k]
    else process.env[k] = saved[k]
  }
})

/** A CONNECT proxy that answers the request of each tunnel itself. */
async function proxyServer(): Promise<{
  seen: string[]
  port: number
  close: () => Promise<void>
}> {
  const seen: string[] = []
  const tunnels = new Set<Duplex>()
  const server = createServer()
  server.on('connect', (req, socket: Duplex) => {
    tunnels.add(socket)
    seen.push(`CONNECT ${req.url ?? ''}`)
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    socket.once('data', (chunk: Buffer) => {
      seen.push(chunk.toString('latin1').split('\r\n')[0] ?? '')
      socket.write(
        'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 7\r\n\r\nproxied'
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    seen,
    port: (server.address() as AddressInfo).port,
    // a tunnel is no longer the server's connection: end each one here
    close: async () => {
      for (const socket of tunnels) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
}

describe('proxyFetch', () => {
  it('is undefined for a proxy variable without a host', () => {
    for (const k of VARS) delete process.env[k]
    process.env.HTTPS_PROXY = 'http://'
    expect(proxyFetch('https://api.github.com')).toBeUndefined()
  })

  it('sends every request through the proxy', async () => {
    for (const k of VARS) delete process.env[k]
    const proxy = await proxyServer()
    try {
      process.env.HTTP_PROXY = `http://127.0.0.1:${proxy.port}`
      const viaProxy = proxyFetch('http://api.example.test')
      expect(viaProxy).toBeDefined()
      const first = await viaProxy?.('http://api.example.test/rate_limit')
      expect(first?.status).toBe(200)
      expect(await first?.text()).toBe('proxied')
      const second = await viaProxy?.('http://api.example.test/graphql', {
        method: 'POST',
        body: '{}'
      })
      expect(await second?.text()).toBe('proxied')
      // @actions/http-client keeps no connection alive: a tunnel a request
      expect(proxy.seen).toEqual([
        'CONNECT api.example.test:80',
        'GET /rate_limit HTTP/1.1',
        'CONNECT api.example.test:80',
        'POST /graphql HTTP/1.1'
      ])
    } finally {
      await proxy.close()
    }
  })
})
