// The evidence record kept as an artifact of the run (issue 15, item 3): the
// bundle's @actions/artifact against a stand-in for the runner's artifact
// storage on 127.0.0.1 (test-support/runner/results.ts), as a job on GitHub's
// runners sees it through ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL.
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  gateRun,
  reviewedChange,
  standard
} from '../../test-support/demo/scenarios.js'
import {
  startResultsService,
  type ResultsService
} from '../../test-support/runner/results.js'
import { runGate } from './helpers.js'

let results: ResultsService | null = null
afterEach(async () => {
  await results?.close()
  results = null
})

describe('the evidence record as an artifact of the run', () => {
  it('is uploaded as the JSON file itself, linked from the summary and the evidence-url output', async () => {
    results = await startResultsService()
    const { world: w, sha } = standard(reviewedChange)
    const run = gateRun(w, sha)
    const r = await runGate(
      w,
      { ...run, inputs: { ...run.inputs, 'evidence-retention-days': '30' } },
      {
        env: {
          ACTIONS_RUNTIME_TOKEN: results.token,
          ACTIONS_RESULTS_URL: `${results.url}/`
        }
      }
    )
    expect(r.outputs.decision).toBe('allow')
    expect(r.exitCode).toBe(0)
    const [artifact, ...more] = results.artifacts
    expect(more).toEqual([])
    const file = r.outputs['evidence-file'] ?? ''
    expect(artifact?.name).toBe(file.split('/').pop())
    expect(artifact?.name).toMatch(
      new RegExp(`^evidence-production-${sha.slice(0, 7)}-\\d+-1\\.json$`)
    )
    expect(artifact?.finalized).toBe(true)
    // what an auditor downloads is the record the gate wrote, byte for byte
    expect(JSON.parse(artifact?.content.toString('utf8') ?? '')).toEqual(
      r.evidence
    )
    expect(artifact?.mimeType).toBe('application/json')
    // 30 days from now, give or take the run
    const days =
      (Date.parse(artifact?.expiresAt ?? '') - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThan(30.1)
    const url = `https://github.com/acme/shop/actions/runs/${run.runId}/artifacts/${artifact?.id}`
    expect(r.outputs['evidence-url']).toBe(url)
    expect(r.summary).toContain(`[evidence record](${url})`)
  })

  it('a refused upload warns and leaves the decision as it was', async () => {
    results = await startResultsService()
    results.refuseWith = 400
    const { world: w, sha } = standard(reviewedChange)
    const r = await runGate(w, gateRun(w, sha), {
      env: {
        ACTIONS_RUNTIME_TOKEN: results.token,
        ACTIONS_RESULTS_URL: `${results.url}/`
      }
    })
    expect(r.outputs.decision).toBe('allow')
    expect(r.exitCode).toBe(0)
    expect(r.outputs['evidence-url']).toBe('')
    expect(r.stdout).toMatch(
      /::warning::the evidence record was not uploaded as an artifact \(.*400.*\); it is at .*evidence-production-.*\.json on the runner only/
    )
    expect(results.artifacts).toEqual([])
  })

  it('evidence-artifact: false uploads nothing', async () => {
    results = await startResultsService()
    const { world: w, sha } = standard(reviewedChange)
    const run = gateRun(w, sha)
    const r = await runGate(
      w,
      { ...run, inputs: { ...run.inputs, 'evidence-artifact': 'false' } },
      {
        env: {
          ACTIONS_RUNTIME_TOKEN: results.token,
          ACTIONS_RESULTS_URL: `${results.url}/`
        }
      }
    )
    expect(r.outputs.decision).toBe('allow')
    expect(results.artifacts).toEqual([])
    expect(r.outputs['evidence-url']).toBe('')
    expect(r.summary).toContain('evidence: `')
  })
})
