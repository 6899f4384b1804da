// The audit judges each deployment by the policy file as it stood on the
// policy ref at its success (SPEC §7 "as of its own time"), not by today's:
// in process against the simulator, and the choice of version alone.
import { afterEach, describe, expect, it } from '@jest/globals'
import { runAudit, silentLogger } from '../../../src/engine/index.js'
import type { AuditReport, EvidenceRecord } from '../../../src/engine/index.js'
import { createClient } from '../../../src/github/client.js'
import {
  policyAt,
  versionsUsed,
  withinReads
} from '../../../src/engine/audit/policy-at.js'
import type { EnvironmentPolicy } from '../../../src/engine/policy/index.js'
import {
  standsFrom,
  type PolicyHistory,
  type PolicyVersion
} from '../../../src/engine/audit/policy-history.js'
import { auditWorld, release } from '../../../test-support/demo/audit-world.js'
import {
  OWNER,
  POLICY,
  POLICY_PATH,
  READ_PERMISSIONS,
  REPO,
  type World
} from '../../../test-support/demo/scenarios.js'
import {
  startSimulator,
  type SimulatorServer
} from '../../../test-support/sim/server.js'

let server: SimulatorServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function audit(w: World, policyPath = POLICY_PATH): Promise<AuditReport> {
  server = await startSimulator(w.sim)
  const github = createClient({
    token: w.sim.workflowToken({ ...READ_PERMISSIONS, issues: 'read' }),
    apiUrl: server.url,
    graphqlUrl: server.graphqlUrl,
    logger: silentLogger,
    timeoutMs: 20_000,
    retryBaseMs: 5
  })
  return runAudit(
    {
      owner: OWNER,
      repo: REPO,
      environment: 'production',
      policyPath,
      policyRef: null,
      since: new Date(Date.now() - 30 * 86_400_000),
      until: new Date(),
      serverUrl: 'https://github.com'
    },
    { github, logger: silentLogger, now: () => new Date() }
  )
}

const RAISED = POLICY.replace('pull_request: 1', 'pull_request: 2')

/** A reviewed change of the policy file, squash-merged onto main. */
function changePolicy(w: World, text: string, path = POLICY_PATH): string {
  const pr = w.repo.mergedPullRequest({
    author: w.people.alice,
    approvals: [w.people.bob],
    method: 'squash',
    commits: [{ files: { [path]: text } }]
  })
  w.sim.advance('10m')
  return pr.data.mergeCommit as string
}

const record = (r: AuditReport, i: number): EvidenceRecord =>
  r.entries[i]?.evidence as EvidenceRecord
const messages = (r: AuditReport, i: number): string[] =>
  record(r, i).checks.flatMap((c) => [c.message, ...c.problems])

describe('the audit judges each deployment by the policy of its time', () => {
  it('keeps releases made under pull_request: 1 allowed after it is raised to 2, and blocks a later one with one approval', async () => {
    const { world: w } = auditWorld(3, { room: 8 * 3_600_000 })
    const raise = changePolicy(w, RAISED)
    const fourth = release(w)
    const fifth = release(w, { approvals: [w.people.bob, w.people.carol] })
    const report = await audit(w)

    expect(report.entries.map((e) => e.decision)).toEqual([
      'allow',
      'allow',
      'allow',
      'block',
      'allow'
    ])
    expect(report.entries[3]?.deployment.sha).toBe(fourth.sha)
    expect(report.entries[4]?.deployment.sha).toBe(fifth.sha)
    expect(report.entries[3]?.violations).toEqual(['maker-checker'])
    const [first, second] = report.policyVersions
    expect(report.policyVersions).toHaveLength(2)
    expect(first?.deployments).toEqual(
      report.entries.slice(0, 3).map((e) => e.deployment.id)
    )
    expect(second).toMatchObject({
      commit: raise,
      blobSha: report.policy.blobSha,
      deployments: report.entries.slice(3).map((e) => e.deployment.id)
    })
    // each record names the blob that judged it, and says so in its notes
    for (const i of [0, 1, 2])
      expect(record(report, i).policy.blob_sha).toBe(first?.blobSha)
    expect(record(report, 3).policy.blob_sha).toBe(report.policy.blobSha)
    expect(first?.blobSha).not.toBe(report.policy.blobSha)
    expect(record(report, 0).notes.join('\n')).toContain(
      `judged by the policy as it stood on main at ${report.entries[0]?.deployment.succeededAt}: blob ${first?.blobSha?.slice(0, 7)}`
    )
  })

  it('does not turn a violating release into allow when the policy is loosened after it', async () => {
    const strict = POLICY.replace('pull_request: 1', 'pull_request: 2')
    const { world: w } = auditWorld(1, { policy: strict, room: 4 * 3_600_000 })
    changePolicy(w, POLICY)
    release(w)
    const report = await audit(w)
    expect(report.entries.map((e) => e.decision)).toEqual(['block', 'allow'])
    expect(report.entries[0]?.violations).toEqual(['maker-checker'])
    expect(report.policyVersions.map((v) => v.deployments.length)).toEqual([
      1, 1
    ])
  })

  it('blocks a deployment made before the policy file existed, naming the first version', async () => {
    const path = '.github/gate-v2.yml'
    const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
    const added = changePolicy(w, POLICY, path)
    release(w)
    const report = await audit(w, path)
    expect(report.entries.map((e) => e.decision)).toEqual(['block', 'allow'])
    expect(report.entries[0]?.violations).toContain('policy')
    const at = report.entries[0]?.deployment.succeededAt as string
    expect(messages(report, 0).join('\n')).toContain(
      `no policy stood at ${path} on main at ${at}: its first version is blob ${report.policy.blobSha.slice(0, 7)}, commit ${added.slice(0, 7)}, on the ref from `
    )
    expect(record(report, 0).policy.blob_sha).toBeNull()
    expect(report.policyVersions[0]).toMatchObject({
      blobSha: null,
      commit: null,
      deployments: [report.entries[0]?.deployment.id]
    })
  })

  it('blocks a deployment made while the policy file was invalid or removed, naming the version', async () => {
    const { world: w } = auditWorld(1, { room: 10 * 3_600_000 })
    const broken = changePolicy(w, POLICY.replace('soak: 1h', 'soak: soon'))
    release(w)
    const removed = w.repo.commit({
      branch: 'main',
      files: { [POLICY_PATH]: null },
      author: w.people.dora
    }).oid
    w.sim.advance('10m')
    release(w)
    changePolicy(w, POLICY)
    release(w)
    const report = await audit(w)
    expect(report.entries.map((e) => e.decision)).toEqual([
      'allow',
      'block',
      'block',
      'allow'
    ])
    const invalid = messages(report, 1).join('\n')
    expect(invalid).toContain('the policy on main is not valid (1 problem)')
    expect(invalid).toContain('soak')
    expect(record(report, 1).notes.join('\n')).toContain(
      `commit ${broken.slice(0, 7)}`
    )
    expect(messages(report, 2).join('\n')).toContain(
      `commit ${removed.slice(0, 7)} removed the policy file`
    )
    expect(
      report.policyVersions.find((v) => v.commit === removed)
    ).toMatchObject({ blobSha: null })
  })

  it('dates a version changed on a merged branch from its merge, not from its commit', async () => {
    const { world: w } = auditWorld(0, { room: 12 * 3_600_000 })
    w.repo.branch('raise', 'main')
    w.repo.commit({
      branch: 'raise',
      files: { [POLICY_PATH]: RAISED },
      author: w.people.alice
    })
    w.sim.advance('10m')
    // deployed while the raise sat unmerged on its branch: pull_request: 1 stood
    release(w)
    const pr = w.repo.pullRequest({
      head: 'raise',
      base: 'main',
      author: w.people.alice
    })
    pr.review(w.people.bob, 'APPROVED')
    pr.merge({ by: w.people.bob, method: 'merge' })
    w.sim.advance('10m')
    release(w)
    const report = await audit(w)
    expect(report.entries.map((e) => e.decision)).toEqual(['allow', 'block'])
    const raised = report.policyVersions[1]
    expect(Date.parse(raised?.from ?? '')).toBe(pr.data.mergedAt?.getTime())
    expect(Date.parse(raised?.committedAt ?? '')).toBeLessThan(
      Date.parse(raised?.from ?? '')
    )
  })

  it("fails closed when the policy of the time promotes through an environment today's policy does not read", async () => {
    const { world: w } = auditWorld(1, { room: 4 * 3_600_000 })
    changePolicy(w, POLICY.replace('after: staging', 'after: development'))
    const report = await audit(w)
    expect(report.entries.map((e) => e.decision)).toEqual(['block'])
    expect(messages(report, 0).join('\n')).toContain(
      "the policy of the deployment's time promotes through staging, whose deployments the audit did not read: it reads the upstream chain of today's policy (development)"
    )
  })
})

const version = (
  o: Partial<PolicyVersion> & { from: string }
): PolicyVersion => ({
  commit: 'c'.repeat(40),
  committedAt: o.from,
  file: { text: 'version: 1\n', blobSha: 'b'.repeat(40) },
  ...o
})

describe('policyAt and versionsUsed', () => {
  const h = (versions: PolicyVersion[], complete = true): PolicyHistory => ({
    ref: 'main',
    path: '.github/promotion-gate.yml',
    versions,
    complete
  })

  it('says the history was not read back far enough when it was cut short', () => {
    const got = policyAt({
      history: h([version({ from: '2026-06-01T00:00:00Z' })], false),
      at: new Date('2026-05-01T00:00:00Z'),
      defaultBranch: 'main'
    })
    expect(got).toEqual({
      version: null,
      read: {
        ref: 'main',
        missing:
          'the history of .github/promotion-gate.yml on main was not read back to 2026-05-01T00:00:00Z (more versions than the audit reads); the oldest read is blob bbbbbbb, commit ccccccc, on the ref from 2026-06-01T00:00:00Z'
      }
    })
  })

  it('takes the latest version standing at the moment, a version dated at it included', () => {
    const a = version({ from: '2026-01-01T00:00:00Z', commit: 'a'.repeat(40) })
    const b = version({ from: '2026-02-01T00:00:00Z', commit: 'd'.repeat(40) })
    const at = (t: string): string | null =>
      policyAt({ history: h([a, b]), at: new Date(t), defaultBranch: 'main' })
        .version?.commit ?? null
    expect(at('2026-01-31T23:59:59Z')).toBe(a.commit)
    expect(at('2026-02-01T00:00:00Z')).toBe(b.commit)
    expect(
      policyAt({ history: h([]), at: new Date(), defaultBranch: 'main' }).read
    ).toMatchObject({
      missing: expect.stringContaining('first version is none')
    })
  })

  it('dates a version by the earliest merge that carried it, never before its commit', () => {
    expect(standsFrom('2026-01-02T00:00:00Z', [])).toBe('2026-01-02T00:00:00Z')
    expect(
      standsFrom('2026-01-02T00:00:00Z', [
        '2026-01-09T00:00:00Z',
        '2026-01-05T00:00:00Z'
      ])
    ).toBe('2026-01-05T00:00:00Z')
    // a merge dated before the commit (a clock set back) does not move it earlier
    expect(standsFrom('2026-01-02T00:00:00Z', ['2026-01-01T00:00:00Z'])).toBe(
      '2026-01-02T00:00:00Z'
    )
  })

  it('lists the versions used oldest first, with no blob for a removed file', () => {
    const a = version({ from: '2026-01-01T00:00:00Z', commit: 'a'.repeat(40) })
    const gone = version({
      from: '2026-02-01T00:00:00Z',
      commit: 'd'.repeat(40),
      file: { missing: 'commit ddddddd removed the policy file' }
    })
    const entry = (id: number, t: string) => ({
      deployment: {
        id,
        sha: 'e'.repeat(40),
        createdAt: t,
        succeededAt: t,
        creator: null
      }
    })
    const used = versionsUsed({
      history: h([a, gone]),
      entries: [
        entry(3, '2026-02-02T00:00:00Z'),
        entry(1, '2025-12-01T00:00:00Z'),
        entry(2, '2026-01-02T00:00:00Z')
      ],
      defaultBranch: 'main'
    })
    expect(used.map((v) => [v.commit, v.blobSha, v.deployments])).toEqual([
      [null, null, [1]],
      [a.commit, 'b'.repeat(40), [2]],
      [gone.commit, null, [3]]
    ])
  })

  it("fails closed when the policy of the time asks a range where today's read the deployed change alone", async () => {
    const source = withinReads(
      () =>
        Promise.resolve({
          policy: { missing: 'unused', ref: 'main' },
          facts: () => Promise.reject(new Error('not asked'))
        }),
      { chain: [], scope: 'head' }
    )
    const read = await source()
    await expect(
      read.facts({
        policy: { scope: 'range' } as EnvironmentPolicy,
        chain: [],
        now: new Date()
      })
    ).rejects.toThrow(
      "the policy of the deployment's time checks every change since the previous deployment (scope: range); the audit read only the deployed change, as today's policy asks (scope: head)"
    )
  })
})
