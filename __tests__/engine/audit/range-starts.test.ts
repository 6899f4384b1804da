// rangeStarts answers, for all the audit's population in one pass, what the
// gate's own previousSuccess answers for each deployment as of just before
// it: compared here on random histories.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { rangeStarts } from '../../../src/engine/audit/population.js'
import {
  previousSuccess,
  type DeploymentContext
} from '../../../src/engine/deployments.js'
import type { DeploymentFact } from '../../../src/engine/facts.js'
import {
  aDeployment,
  anActor,
  aStatus,
  jobIdOf,
  jobUrl,
  jobsFor
} from '../../../__fixtures__/facts.js'

const ctx: DeploymentContext = {
  owner: 'acme',
  repo: 'shop',
  serverUrl: 'https://github.com',
  sha: '',
  trustedDeployers: ['github-actions[bot]'],
  trustedWorkflows: null
}
const T0 = Date.parse('2024-05-01T00:00:00Z')
const at = (minutes: number): string =>
  new Date(T0 + minutes * 60_000).toISOString()

const deploymentArb = fc.record({
  start: fc.integer({ min: 0, max: 200 }),
  outcome: fc.constantFrom(
    'success',
    'success-then-failure',
    'same-instant-failure',
    'failure',
    'untrusted',
    'forged'
  ),
  failAfter: fc.integer({ min: 1, max: 100 })
})

function build(
  specs: { start: number; outcome: string; failAfter: number }[]
): DeploymentFact[] {
  return specs.map((s, i) => {
    const ok = aStatus({
      state: 'success',
      createdAt: at(s.start + 1),
      logUrl: jobUrl(i + 1, i + 1)
    })
    const statuses =
      s.outcome === 'failure'
        ? [aStatus({ state: 'failure', createdAt: at(s.start + 1) })]
        : s.outcome === 'success-then-failure'
          ? [
              ok,
              aStatus({
                state: 'failure',
                createdAt: at(s.start + 1 + s.failAfter)
              })
            ]
          : s.outcome === 'same-instant-failure'
            ? [ok, aStatus({ state: 'error', createdAt: at(s.start + 1) })]
            : [ok]
    return aDeployment({
      id: i + 1,
      environment: 'production',
      sha: (i + 1).toString(16).padStart(40, '0'),
      createdAt: at(s.start),
      creator:
        s.outcome === 'untrusted'
          ? anActor('mallory')
          : anActor('github-actions[bot]', 'Bot'),
      statuses
    })
  })
}

describe('rangeStarts', () => {
  it('answers as previousSuccess does, as of just before each time', () => {
    fc.assert(
      fc.property(
        fc.array(deploymentArb, { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 320 }), { maxLength: 20 }),
        (specs, minutes) => {
          const list = build(specs)
          // a forged record: its job's check run names no deployment
          const jobs = jobsFor(list)
          specs.forEach((s, i) => {
            const job = jobs.checkRuns[String(jobIdOf(i + 1))]
            if (s.outcome === 'forged' && job !== undefined)
              job.deploymentId = null
          })
          const context = { ...ctx, jobs }
          const times = [...minutes]
            .sort((a, b) => a - b)
            .map((m) => T0 + m * 60_000)
          expect(
            rangeStarts({
              list,
              times,
              environment: 'production',
              context
            })
          ).toEqual(
            times.map((t) =>
              previousSuccess(list, 'production', context, t - 1)
            )
          )
        }
      ),
      { numRuns: 300 }
    )
  })
})
