// `npm run sim` as a newcomer runs it: started from the repository's root,
// its printed commands copied into another shell, then Ctrl-C. Each printed
// command must do what the line above it says (its exit code) and print what
// a user looks for.
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

interface Ended {
  code: number | null
  signal: NodeJS.Signals | null
}

interface Started {
  child: ChildProcess
  /** stdout so far */
  out: () => string
  exited: Promise<Ended>
}

const running: Started[] = []
afterEach(() => {
  // a test that failed before its Ctrl-C leaves nothing behind
  for (const s of running.splice(0)) {
    if (s.child.pid === undefined) continue
    try {
      process.kill(-s.child.pid, 'SIGKILL')
    } catch {
      // the whole group has ended
    }
  }
})

/** `npm run sim`, in its own process group as a terminal's foreground job. */
async function startSim(args: string[] = []): Promise<Started> {
  const child = spawn('npm', ['run', 'sim', '--silent', '--', ...args], {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')))
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')))
  // npm ends as the signal it was sent, as in a terminal; its stdout closes
  // once the simulator's own process, which holds it too, has ended
  const exited = new Promise<Ended>((resolve) => {
    let code: number | null = null
    let signal: NodeJS.Signals | null = null
    let pending = 2
    const done = (): void => {
      if (--pending === 0) resolve({ code, signal })
    }
    child.on('exit', (c, s) => {
      code = c
      signal = s
      done()
    })
    child.stdout?.on('close', done)
  })
  const started: Started = { child, out: () => out, exited }
  running.push(started)
  const deadline = Date.now() + 30_000
  while (!out.includes('unset GITHUB_TOKEN')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm run sim did not start:\n${out}\n${err}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return started
}

interface Printed {
  url: string
  token: string
  /** each command with the exit code its comment promises */
  commands: { comment: string; exit: number; argv: string[] }[]
}

function parse(text: string): Printed {
  const url = /on (http:\/\/127\.0\.0\.1:\d+) \(Ctrl-C stops it\)/.exec(
    text
  )?.[1]
  const token = /^export GITHUB_TOKEN=(\S+)$/m.exec(text)?.[1]
  if (url === undefined || token === undefined) {
    throw new Error(`no address or token in:\n${text}`)
  }
  const commands = [
    ...text.matchAll(/^# ([^\n]*exit (\d+)[^\n]*)\n(node [^\n]+)$/gm)
  ].map(([, comment, exit, line]) => {
    // printed to be pasted into a shell: plain words, nothing to quote
    expect(line).not.toMatch(/["'$`\\|;&<>]/)
    return {
      comment: comment ?? '',
      exit: Number(exit),
      argv: (line ?? '').split(/ +/)
    }
  })
  return { url, token, commands }
}

function run(
  argv: string[],
  env: Record<string, string>
): Promise<{ code: number; output: string }> {
  const [command, ...args] = argv
  return new Promise((resolve) => {
    execFile(
      command ?? '',
      args,
      {
        cwd: ROOT,
        // what the printed lines set, and nothing from this machine
        env: { PATH: process.env.PATH ?? '', ...env },
        timeout: 60_000
      },
      (error, stdout, stderr) => {
        const code =
          error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, output: `${stdout}${stderr}` })
      }
    )
  })
}

/** npm's end: by the signal, or exit 0 (anything else fails the test) */
function stoppedBy(ended: Ended): string {
  return ended.code === 0 ? 'exit 0' : (ended.signal ?? `exit ${ended.code}`)
}

function refused(url: string): Promise<boolean> {
  const { port } = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

describe('npm run sim', () => {
  it('prints check (allow and block), audit and access commands that do what it says; Ctrl-C stops it', async () => {
    const sim = await startSim()
    const printed = parse(sim.out())
    expect(printed.commands.map((c) => c.argv.slice(0, 3))).toEqual([
      ['node', 'dist/cli/index.js', 'check'],
      ['node', 'dist/cli/index.js', 'check'],
      ['node', 'dist/cli/index.js', 'audit'],
      ['node', 'dist/cli/index.js', 'access']
    ])
    for (const c of printed.commands) {
      expect(c.argv).toContain('--api-url')
      expect(c.argv[c.argv.indexOf('--api-url') + 1]).toBe(printed.url)
    }
    const shas = printed.commands
      .slice(0, 2)
      .map((c) => c.argv[c.argv.indexOf('--sha') + 1])
    expect(shas[0]).toMatch(/^[0-9a-f]{40}$/)
    expect(shas[1]).toMatch(/^[0-9a-f]{40}$/)
    expect(shas[0]).not.toBe(shas[1])

    const env = { GITHUB_TOKEN: printed.token }
    const results = await Promise.all(
      printed.commands.map((c) => run(c.argv, env))
    )
    // every command ends as its comment says
    expect(results.map((r) => r.code)).toEqual(
      printed.commands.map((c) => c.exit)
    )
    expect(printed.commands.map((c) => c.exit)).toEqual([0, 1, 1, 0])
    const [allow, block, audit, access] = results.map((r) => r.output)
    expect(allow).toMatch(/^decision: allow$/m)
    expect(block).toMatch(/^decision: block$/m)
    expect(block).toMatch(/^promotion +fail /m)
    expect(block).toContain('never deployed successfully to staging')
    expect(audit).toMatch(/1 deployments?, 1 would not have passed/)
    expect(audit).toContain('soak')
    // completeness: the world's first commit, acme's push straight to main
    expect(audit).toMatch(
      /reached main without a pull request \(direct push by acme\)/
    )
    expect(access).toContain('Access matrix: acme/shop')
    expect(access).toMatch(/^\| main \| 1 \| ruleset /m)
    expect(access).toMatch(/Gaps against the policy\n+None\./)
    for (const output of results.map((r) => r.output)) {
      expect(output).not.toContain(printed.token)
    }

    // Ctrl-C: the terminal sends SIGINT to the foreground process group
    process.kill(-(sim.child.pid as number), 'SIGINT')
    expect(['exit 0', 'SIGINT']).toContain(stoppedBy(await sim.exited))
    expect(sim.out()).toContain('SIGINT: simulator stopped')
    expect(await refused(printed.url)).toBe(true)
  }, 90_000)

  it('--port N serves on that port; SIGTERM stops it', async () => {
    const port = await freePort()
    const sim = await startSim(['--port', String(port)])
    const printed = parse(sim.out())
    expect(printed.url).toBe(`http://127.0.0.1:${port}`)
    const allow = printed.commands[0]
    expect(allow?.exit).toBe(0)
    const r = await run(allow?.argv ?? [], { GITHUB_TOKEN: printed.token })
    expect(r.output).toMatch(/^decision: allow$/m)
    expect(r.code).toBe(0)

    process.kill(-(sim.child.pid as number), 'SIGTERM')
    expect(['exit 0', 'SIGTERM']).toContain(stoppedBy(await sim.exited))
    expect(sim.out()).toContain('SIGTERM: simulator stopped')
    expect(await refused(printed.url)).toBe(true)
  }, 60_000)

  it('a bad --port is a usage error (exit 2) that says what to give', async () => {
    const r = await run(
      ['npm', 'run', 'sim', '--silent', '--', '--port', 'x'],
      {
        HOME: process.env.HOME ?? ''
      }
    )
    expect(r.code).toBe(2)
    expect(r.output).toContain(
      '--port must be a whole number from 1 to 65535, not "x"'
    )
  }, 30_000)
})
