// Tests talk only to the simulator on loopback: any other host fails the test
// at once instead of hanging on this machine's closed network.
import net from 'node:net'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])
type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket
const original = Object.getOwnPropertyDescriptor(
  net.Socket.prototype,
  'connect'
)?.value as Connect

function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const first = args[0]
  const options =
    typeof first === 'object' && first !== null
      ? (first as { host?: string; path?: string })
      : { host: typeof args[1] === 'string' ? args[1] : 'localhost' }
  if (options.path === undefined) {
    const host = options.host ?? 'localhost'
    if (!LOOPBACK.has(host)) {
      throw new Error(`test tried to reach ${host}: only loopback is allowed`)
    }
  }
  return original.apply(this, args)
}

Object.defineProperty(net.Socket.prototype, 'connect', {
  value: guardedConnect,
  writable: true,
  configurable: true
})

// Node's built-in fetch (undici) opens its sockets below the patch above, so
// fetch is guarded on its own: octokit uses it.
const realFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const url =
    input instanceof Request
      ? input.url
      : input instanceof URL
        ? input.href
        : String(input)
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  if (!LOOPBACK.has(host)) {
    return Promise.reject(
      new Error(`test tried to fetch ${url}: only loopback is allowed`)
    )
  }
  return realFetch(input, init)
}
