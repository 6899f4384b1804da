// Tests talk only to the simulator on loopback: any other host fails the test
// at once instead of hanging on this machine's closed network.
import net from 'node:net'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])
const connect = net.Socket.prototype.connect

net.Socket.prototype.connect = function (
  this: net.Socket,
  ...args: unknown[]
): net.Socket {
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
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args)
} as typeof net.Socket.prototype.connect
