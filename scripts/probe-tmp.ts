import { CASES } from './bench/cases.js'
import { evaluate, silentLogger } from '../src/engine/index.js'
import { createClient } from '../src/github/client.js'
import { startSimulator } from '../test-support/sim/server.js'
import { requestFor } from '../__fixtures__/request.js'
for (const name of process.argv.slice(2)) {
  const c = CASES.find((x) => x.name === name)!
  const { world, run } = c.build()
  const server = await startSimulator(world.sim, { latencyMs: 50 })
  const t0 = performance.now()
  const at = new Map<unknown, number>()
  const push = server.requests.push.bind(server.requests)
  server.requests.push = (...xs) => { for (const x of xs) at.set(x, performance.now() - t0); return push(...xs) }
  const client = createClient({ token: run.token, apiUrl: server.url, graphqlUrl: server.graphqlUrl, logger: silentLogger, timeoutMs: 60000 })
  const d = await evaluate(requestFor(run), { github: client, logger: silentLogger, now: () => new Date() })
  console.log(name, d.decision)
  for (const r of server.requests) console.log('  ', Math.round((at.get(r) ?? 0) - r.durationMs), r.status, r.operationName ?? `${r.method} ${r.path}`, r.points ?? '', r.nodes ?? '')
  await server.close()
}
