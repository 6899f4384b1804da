// npm run sim: the demo world served on 127.0.0.1 until Ctrl-C, with the
// commands that point `check`, `audit` and `access` at it, so a newcomer
// tries every command in a minute, with no GitHub account.
//
//   npm run sim                  a free port
//   npm run sim -- --port 4000   that port

import net from 'node:net'
import { startSimulator } from '../test-support/sim/server.js'
import {
  OWNER,
  REPO,
  promote,
  reviewedChange,
  standard,
  tested,
  type World
} from '../test-support/demo/scenarios.js'

const HELP = `Usage: npm run sim -- [--port N]

Serves the demo repository ${OWNER}/${REPO} (an in-memory GitHub, REST and
GraphQL) on 127.0.0.1 and prints the commands that run promotion-gate's
check, audit and access against it. Ctrl-C stops it.

  --port N   listen on this port (default: a free one)
`

/** The demo world: one commit production may take, one it may not. */
function demo(): {
  world: World
  allow: string
  block: string
} {
  // alice wrote it, bob approved, promoted through development and staging
  // and soaked there: the gate allows it
  const { world: w, sha: allow } = standard(reviewedChange)
  // a later change, tested, deployed to development only: it skipped staging
  const pr = w.repo.mergedPullRequest({
    author: w.people.carol,
    approvals: [w.people.bob],
    method: 'squash',
    title: 'New checkout button'
  })
  const block = pr.data.mergeCommit as string
  tested(w, block)
  promote(w, block, ['development'])
  return { world: w, allow, block }
}

type Parsed = { port: number } | { help: true } | { error: string }

function parse(argv: string[]): Parsed {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true }
  if (argv.length === 0) return { port: 0 }
  const [flag, value, ...rest] = argv
  const inline = /^--port=(.*)$/.exec(flag ?? '')?.[1]
  const raw = inline ?? (flag === '--port' ? value : undefined)
  if (raw === undefined || rest.length > 0 || (inline !== undefined && value)) {
    return { error: `unknown arguments: ${argv.join(' ')}` }
  }
  const port = Number(raw)
  return /^\d+$/.test(raw) && port >= 1 && port <= 65535
    ? { port }
    : { error: `--port must be a whole number from 1 to 65535, not "${raw}"` }
}

/**
 * The simulator listens on a free port of its own; a chosen port is a relay
 * to it on 127.0.0.1 (each connection piped both ways).
 */
async function relay(port: number, target: number): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1')
    const end = (): void => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end)
    upstream.on('error', end)
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return server
}

function instructions(o: {
  url: string
  token: string
  allow: string
  block: string
}): string {
  const cli = 'node dist/cli/index.js'
  const repo = `--repo ${OWNER}/${REPO}`
  const api = `--api-url ${o.url}`
  const check = (sha: string): string =>
    `${cli} check ${repo} --environment production --sha ${sha} --deployer dora ${api}`
  return `promotion-gate simulator: ${OWNER}/${REPO} on ${o.url} (Ctrl-C stops it)

In another terminal, in this folder (the token is the simulator's own):

export GITHUB_TOKEN=${o.token}

# allow, exit 0: alice wrote it, bob approved, promoted through development and staging, soaked 2h
${check(o.allow)}

# block, exit 1: deployed to development, never to staging
${check(o.block)}

# audit, exit 1: the one production deployment did not soak the 1h asked; acme's first commit went straight to main
${cli} audit ${repo} --environment production --since 90d ${api}

# access, exit 0 (no gap): who may deploy, approve and bypass, and the gaps against the policy
${cli} access ${repo} ${api}

Done? unset GITHUB_TOKEN (it opens nothing but this simulator).
`
}

async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv)
  if ('help' in parsed) {
    process.stdout.write(HELP)
    return 0
  }
  if ('error' in parsed) {
    process.stderr.write(`npm run sim: ${parsed.error}\n`)
    return 2
  }
  const { port } = parsed
  const { world, allow, block } = demo()
  const server = await startSimulator(world.sim)
  let front: net.Server | null = null
  if (port !== 0) {
    try {
      front = await relay(port, server.port)
    } catch (error) {
      await server.close()
      const busy = (error as { code?: string }).code === 'EADDRINUSE'
      process.stderr.write(
        busy
          ? `npm run sim: port ${port} is in use: choose another with --port, or leave --port out for a free one\n`
          : `npm run sim: cannot listen on 127.0.0.1:${port}: ${String(error)}\n`
      )
      return 2
    }
  }
  const url = port === 0 ? server.url : `http://127.0.0.1:${port}`
  const stopped = new Promise<number>((resolve) => {
    let stopping = false
    const stop = (signal: NodeJS.Signals): void => {
      // npm and tsx pass a terminal's signal on again: one stop is enough
      if (stopping) return
      stopping = true
      front?.close()
      void server.close().then(() => {
        process.stdout.write(`\n${signal}: simulator stopped\n`)
        resolve(0)
      })
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  // printed once a signal can stop it: whoever reads it may send one at once
  process.stdout.write(
    instructions({ url, token: world.sim.adminToken(), allow, block })
  )
  return stopped
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
