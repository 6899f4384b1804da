import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { SCENARIOS } from '../../test-support/demo/scenarios.js'
import { evidenceJsonSchema } from '../../src/engine/evidence/schema.js'
import { runGate } from './helpers.js'

const addFormats = ((addFormatsModule as unknown as { default?: unknown })
  .default ?? addFormatsModule) as (ajv: Ajv) => Ajv
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
const validEvidence = ajv.compile(evidenceJsonSchema)

beforeAll(() => {
  if (!existsSync(new URL('../../dist/index.js', import.meta.url))) {
    throw new Error('dist/index.js is missing: run `npm run bundle` first')
  }
})

describe.each(SCENARIOS)('scenario $name', (scenario) => {
  it(`${scenario.expect.decision}s: ${scenario.title}`, async () => {
    const { world, run } = scenario.build()
    const result = await runGate(world, run)

    expect(result.outputs.decision).toBe(scenario.expect.decision)
    expect(result.violations).toEqual(scenario.expect.violations)
    expect(result.exitCode).toBe(scenario.expect.decision === 'allow' ? 0 : 1)
    expect(result.summary).toContain(
      scenario.expect.decision === 'allow' ? '**allow**' : '**block**'
    )
    expect(result.outputs.summary).toMatch(/^promotion-gate (allowed|blocked)/)
    for (const id of scenario.expect.violations) {
      // one error annotation per violation, titled with the check id
      expect(result.stdout).toMatch(
        new RegExp(`::error title=promotion-gate%3A ${id}(::| )`)
      )
    }
    expect(result.evidence).not.toBeNull()
    expect(validEvidence(result.evidence)).toBe(true)
    expect(result.evidence).toMatchObject({
      decision: scenario.expect.decision,
      sha: run.sha
    })
    // the token reaches the log only in the runner's mask command
    const printed = (result.stdout + result.stderr)
      .split('\n')
      .filter((line) => line !== `::add-mask::${run.token}`)
      .join('\n')
    expect(printed).not.toContain(run.token)
    // and the mask is the first line written, before anything else
    expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${run.token}`)
  })
})
