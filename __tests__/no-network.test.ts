import { describe, expect, it } from '@jest/globals'
import net from 'node:net'

describe('the test network guard', () => {
  it('refuses any host but loopback', () => {
    const socket = new net.Socket()
    expect(() => socket.connect(443, '192.0.2.10')).toThrow(/only loopback/)
    socket.destroy()
  })

  it('refuses fetch to a non-loopback host', async () => {
    await expect(fetch('http://192.0.2.10/')).rejects.toThrow(/only loopback/)
  })

  it('lets loopback through', async () => {
    const server = net.createServer((s) => s.end())
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as net.AddressInfo
    const socket = net.connect(port, '127.0.0.1')
    await new Promise<void>((done, fail) => {
      socket.on('connect', () => done())
      socket.on('error', fail)
    })
    socket.destroy()
    await new Promise<void>((done) => server.close(() => done()))
  })
})
