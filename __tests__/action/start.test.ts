// What the action does before its engine loads: the first requests of a
// decision sent at once, none for an audit, and nothing sent for inputs that
// are not valid.
import { afterEach, describe, expect, it } from '@jest/globals'
import { parseInputs } from '../../src/action/inputs.js'
import { earlySummary, readInputs, startEarly } from '../../src/action/start.js'
import { CHECK_IDS } from '../../src/engine/start.js'
import type { ActionIO } from '../../src/action/io.js'
import { reviewedChange, standard } from '../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../test-support/sim/server.js'

let server: SimulatorServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function quiet(): ActionIO & {
  outputs: Record<string, string>
  summaries: string[]
  warnings: string[]
  failed: string[]
} {
  const outputs: Record<string, string> = {}
  const summaries: string[] = []
  const warnings: string[] = []
  const failed: string[] = []
  const none = (): void => undefined
  return {
    outputs,
    summaries,
    warnings,
    failed,
    debug: none,
    info: none,
    warning: (m) => {
      warnings.push(m)
    },
    error: none,
    setSecret: none,
    setOutput: (name, value) => {
      outputs[name] = value
    },
    writeSummary: (md) => {
      summaries.push(md)
      return Promise.resolve()
    },
    annotate: none,
    setFailed: (m) => {
      failed.push(m)
    }
  }
}

async function world(mode: string) {
  const { world: w, run } = standard(reviewedChange)
  server = await startSimulator(w.sim)
  const env = {
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: server.url,
    GITHUB_GRAPHQL_URL: server.graphqlUrl,
    INPUT_ENVIRONMENT: run.environment,
    INPUT_SHA: run.sha,
    INPUT_TOKEN: run.token,
    INPUT_MODE: mode
  }
  return { env, inputs: parseInputs(env), server }
}

describe('startEarly', () => {
  it('sends the bootstrap and the environment reads at once', async () => {
    const { env, inputs, server: s } = await world('enforce')
    const early = startEarly(inputs, env)
    await early?.sent
    // all three reach the simulator, before anything else is loaded or asked
    for (let i = 0; i < 100 && s.requests.length < 3; i++)
      await new Promise((r) => setTimeout(r, 20))
    expect(s.requests.map((r) => r.operationName ?? r.path).sort()).toEqual(
      [
        'GateBootstrap',
        '/repos/acme/shop/environments/production',
        '/repos/acme/shop/environments/production/deployment-branch-policies?per_page=100&page=1'
      ].sort()
    )
  })

  it('sends nothing for an audit, which asks other things', async () => {
    const { env, inputs, server: s } = await world('audit')
    expect(startEarly(inputs, env)).toBeUndefined()
    expect(s.requests).toEqual([])
  })
})

describe('readInputs', () => {
  it('fails the step with what to fix, names every check as not verified, and sends nothing, for inputs that are not valid', async () => {
    const io = quiet()
    expect(await readInputs({ GITHUB_REPOSITORY: 'acme/shop' }, io)).toBeNull()
    expect(io.outputs.decision).toBe('block')
    expect(JSON.parse(io.outputs.violations ?? '[]')).toEqual([...CHECK_IDS])
    expect(io.outputs.summary).toMatch(
      /^promotion-gate blocked: input token is empty/
    )
    expect(io.summaries).toHaveLength(1)
  })

  it('in report mode, writes that it would block, and fails nothing', async () => {
    const io = quiet()
    await readInputs({ GITHUB_REPOSITORY: 'acme', INPUT_MODE: 'report' }, io)
    expect(io.summaries[0]).toMatch(
      /^## promotion-gate: ⚠️ \*\*would block\*\* \(mode: report\), cannot decide/
    )
    expect(io.failed).toEqual([])
  })

  it('still fails the step when the job summary cannot be written', async () => {
    const io = quiet()
    io.writeSummary = () => Promise.reject(new Error('no GITHUB_STEP_SUMMARY'))
    await readInputs({ GITHUB_REPOSITORY: 'acme/shop' }, io)
    expect(io.warnings).toEqual([
      'the job summary could not be written: no GITHUB_STEP_SUMMARY'
    ])
    expect(io.failed).toHaveLength(1)
  })
})

describe('earlySummary', () => {
  it('gives the hint after what to fix', () => {
    expect(
      earlySummary({ code: 'input', message: 'bad', hint: 'do this' }, false)
    ).toContain('### What to fix\n\nbad\n\ndo this\n')
  })
})
