// Scenario tests run the committed bundle (dist/index.js) as the runner does,
// against the simulator on 127.0.0.1.
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'
import {
  runBundledAction,
  type ActionResult
} from '../../test-support/demo/run-action.js'
import {
  OWNER,
  REPO,
  type GateRun,
  type World
} from '../../test-support/demo/scenarios.js'

export interface Ran extends ActionResult {
  server: SimulatorServer
  violations: string[]
}

export async function runGate(
  world: World,
  run: GateRun,
  o: {
    before?: (server: SimulatorServer) => void
    enterprise?: boolean
    env?: Record<string, string>
  } = {}
): Promise<Ran> {
  const server = await startSimulator(world.sim)
  try {
    o.before?.(server)
    const urls = o.enterprise === true ? server.enterprise : server
    const result = await runBundledAction({
      apiUrl: urls.url,
      graphqlUrl: urls.graphqlUrl,
      repository: `${OWNER}/${REPO}`,
      run,
      env: o.env
    })
    const raw = result.outputs.violations
    return {
      ...result,
      server,
      violations:
        raw === undefined || raw === '' ? [] : (JSON.parse(raw) as string[])
    }
  } finally {
    await server.close()
  }
}
