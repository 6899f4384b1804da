// A github-actions[bot] record counts only when GitHub made it for the job
// its success links to (SPEC §5.2), through the promotion check and through
// previousSuccess, which picks where the range starts.
import { describe, expect, it } from '@jest/globals'
import { previousSuccess, qualify } from '../../src/engine/deployments.js'
import { jobOfThisRepository } from '../../src/engine/deployments-bound.js'
import type { DeploymentFact, JobsFact } from '../../src/engine/facts.js'
import { check, upstreamChain } from '../../src/engine/rules/promotion.js'
import {
  NOW,
  REPO_URL,
  aDeployment,
  aFacts,
  aStatus,
  aSuccessfulDeployment,
  anActor,
  anEnvironmentPolicy,
  jobIdOf,
  jobUrl,
  jobsFor,
  runUrl,
  sha
} from '../../__fixtures__/facts.js'

const STAGING = aSuccessfulDeployment('2024-05-01T09:00:00Z', { id: 7 })
const JOB = jobIdOf(7)

/** staging's record #7 judged with `jobs` (default: made by its job) */
function judged(
  jobs: JobsFact = jobsFor([STAGING]),
  record: DeploymentFact = STAGING,
  trusted: string[] | null = null
): ReturnType<typeof check> {
  const policy = anEnvironmentPolicy({ after: ['staging'] })
  const environments = {
    staging: anEnvironmentPolicy({
      name: 'staging',
      trustedWorkflows:
        trusted === null
          ? null
          : trusted.map((t) => {
              const [path, ref] = t.split('@') as [string, string | undefined]
              return {
                text: t,
                path,
                ref: ref === undefined ? null : `refs/heads/${ref}`
              }
            })
    }),
    production: policy
  }
  return check(
    aFacts({ upstream: { staging: [record] }, jobs }),
    policy,
    NOW,
    upstreamChain(environments, 'production')
  )
}

/** `jobsFor([STAGING])` with job #7's check run changed */
function withJob(
  change: Partial<JobsFact['checkRuns'][string]>,
  jobs = jobsFor([STAGING])
): JobsFact {
  const job = jobs.checkRuns[String(JOB)]
  if (job === undefined) throw new Error('no job')
  jobs.checkRuns[String(JOB)] = { ...job, ...change }
  return jobs
}

describe('a github-actions[bot] record bound to its job', () => {
  it('counts when its job, of the run its log names, from GitHub Actions, names it', () => {
    const r = judged()
    expect(r.status).toBe('pass')
    expect(r.links.map((l) => l.url)).toEqual([jobUrl(7)])
  })

  it('counts for a login spelled in another case', () => {
    const record = {
      ...STAGING,
      creator: anActor('GitHub-Actions[bot]', 'Bot')
    }
    expect(judged(jobsFor([record]), record).status).toBe('pass')
  })

  describe.each([
    [
      'its check run names no deployment (created through the API)',
      withJob({ deploymentId: null }),
      `the deployment #7 of a1b2c3d to staging was not made by a job GitHub ran for staging: its log links to job ${JOB}, whose check run names no deployment. It was created through the API; deploy a1b2c3d to staging again through the deployment workflow (a job with \`environment:\`), whose deployment GitHub makes itself`
    ],
    [
      'its check run names another deployment',
      withJob({ deploymentId: 3 }),
      `its log links to job ${JOB}, whose check run names deployment #3`
    ],
    [
      'the check run is from another app',
      withJob({ app: { id: 999, slug: 'evil-ci' } }),
      `its log links to check run ${JOB}, made by evil-ci, not by a GitHub Actions job`
    ],
    [
      'the check run has no app',
      withJob({ app: null }),
      `made by no app, not by a GitHub Actions job`
    ],
    [
      'the job belongs to another run than the log names',
      withJob({ run: { id: 4242, event: 'push', path: 'x.yml' } }),
      `its log links to job ${JOB} of run 1001, but that job belongs to run 4242`
    ],
    [
      'the job has no workflow run',
      withJob({ run: null }),
      'but that job belongs to no workflow run'
    ],
    [
      "the job is no check run of the record's commit",
      { checkRuns: {}, complete: { [STAGING.sha]: true }, unreadable: {} },
      `its log links to job ${JOB} of run 1001, which is no check run of a1b2c3d. It was created through the API`
    ],
    [
      "the commit's check runs were not read",
      { checkRuns: {}, complete: {}, unreadable: {} },
      `links to job ${JOB}, whose check run was not read, so whether GitHub made the record for that job cannot be verified`
    ],
    [
      "the commit's check runs could not be read",
      {
        checkRuns: {},
        complete: {},
        unreadable: {
          [STAGING.sha]: {
            unreadable: true,
            permission: 'deployments: read',
            detail: 'Resource not accessible by integration'
          }
        }
      },
      'whose check run could not be read, so whether GitHub made the record for that job cannot be verified: grant the token `deployments: read`'
    ]
  ] as [string, JobsFact, string][])('when %s', (_case, jobs, problem) => {
    it('does not count, and says why', () => {
      const r = judged(jobs)
      expect(r.status).toBe('fail')
      expect(r.problems.join('\n')).toContain(problem)
    })
  })

  describe.each([
    [
      'a run, not a job',
      // (runUrl() itself is the fixtures' placeholder for the job's URL)
      runUrl(1002),
      'links to a workflow run, not to a job of it'
    ],
    [
      "a job of another repository's run",
      'https://github.com/evil/fork/actions/runs/1001/job/500007',
      'links to no job of a workflow run of acme/shop'
    ],
    [
      'nothing',
      null,
      'links to no job of a workflow run of acme/shop (no log url)'
    ]
  ])('when its log links to %s', (_case, logUrl, problem) => {
    it('does not count, and says why', () => {
      const record = aDeployment({
        id: 7,
        statuses: [aStatus({ logUrl })]
      })
      const r = judged(jobsFor([STAGING]), record)
      expect(r.status).toBe('fail')
      expect(r.problems.join('\n')).toContain(problem)
    })
  })

  it('does not count without any job read (facts without jobs)', () => {
    const policy = anEnvironmentPolicy({ after: ['staging'] })
    const facts = aFacts({ upstream: { staging: [STAGING] } })
    delete facts.jobs
    const r = check(facts, policy, NOW, ['staging'])
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toContain('whose check run was not read')
  })

  it('leaves other trusted deployers to the rule they had', () => {
    const record = aDeployment({
      id: 7,
      creator: anActor('deploy-bot[bot]', 'Bot'),
      statuses: [aStatus({ logUrl: null })]
    })
    const policy = anEnvironmentPolicy({
      after: ['staging'],
      trustedDeployers: ['deploy-bot[bot]']
    })
    const r = check(
      aFacts({ upstream: { staging: [record] }, jobs: jobsFor([]) }),
      policy,
      NOW,
      ['staging']
    )
    expect(r.status).toBe('pass')
  })
})

describe('trusted_workflows', () => {
  const onMain = { ...STAGING, ref: 'refs/heads/main' }

  it('counts a job of a listed workflow', () => {
    expect(
      judged(jobsFor([onMain]), onMain, ['.github/workflows/deploy.yml']).status
    ).toBe('pass')
  })

  it('counts a job of a listed workflow at the listed ref', () => {
    expect(
      judged(jobsFor([onMain]), onMain, ['.github/workflows/deploy.yml@main'])
        .status
    ).toBe('pass')
  })

  it('does not count a job of another workflow', () => {
    const r = judged(jobsFor([onMain]), onMain, [
      '.github/workflows/release.yml'
    ])
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toBe(
      `the deployment #7 of a1b2c3d to staging was made by job ${JOB} of .github/workflows/deploy.yml@refs/heads/main, not by a workflow in trusted_workflows (.github/workflows/release.yml): deploy a1b2c3d to staging again with one of them`
    )
  })

  it('does not count a record made for another ref', () => {
    const other = { ...STAGING, ref: 'refs/heads/feature' }
    const r = judged(jobsFor([other]), other, [
      '.github/workflows/deploy.yml@main'
    ])
    expect(r.status).toBe('fail')
    expect(r.problems[0]).toContain('deploy.yml@refs/heads/feature, not by')
  })

  it('does not count a record whose ref GitHub no longer knows, when a ref is asked', () => {
    const lost = { ...STAGING, ref: null }
    const r = judged(jobsFor([lost]), lost, [
      '.github/workflows/deploy.yml@main'
    ])
    expect(r.status).toBe('fail')
  })

  it("applies the upstream environment's own list, not the target's", () => {
    const policy = anEnvironmentPolicy({
      after: ['staging'],
      trustedWorkflows: [
        { text: 'x.yml', path: '.github/workflows/x.yml', ref: null }
      ]
    })
    const r = check(
      aFacts({ upstream: { staging: [STAGING] } }),
      policy,
      NOW,
      upstreamChain(
        {
          staging: anEnvironmentPolicy({ name: 'staging' }),
          production: policy
        },
        'production'
      )
    )
    expect(r.status).toBe('pass')
  })
})

describe('previousSuccess', () => {
  const ctx = {
    owner: 'acme',
    repo: 'shop',
    serverUrl: 'https://github.com',
    sha: sha('ffff'),
    trustedDeployers: ['github-actions[bot]'],
    trustedWorkflows: null
  }
  const real = aSuccessfulDeployment('2024-05-01T08:00:00Z', {
    id: 1,
    environment: 'production',
    sha: sha('aaaa')
  })
  const forged = aSuccessfulDeployment('2024-05-01T10:00:00Z', {
    id: 2,
    environment: 'production',
    sha: sha('bbbb')
  })

  it('skips a newer record its job does not name', () => {
    const jobs = jobsFor([real, forged])
    const job = jobs.checkRuns[String(jobIdOf(2))]
    if (job !== undefined) job.deploymentId = null
    expect(
      previousSuccess(
        [forged, real],
        'production',
        { ...ctx, jobs },
        NOW.getTime()
      )
    ).toBe(sha('aaaa'))
    expect(
      typeof qualify(forged, 'production', { ...ctx, jobs }, NOW.getTime())
    ).toBe('string')
  })

  it('takes the newest record its job names', () => {
    const jobs = jobsFor([real, forged])
    expect(
      previousSuccess(
        [forged, real],
        'production',
        { ...ctx, jobs },
        NOW.getTime()
      )
    ).toBe(sha('bbbb'))
  })
})

describe('jobOfThisRepository', () => {
  const repo = { owner: 'acme', repo: 'shop', serverUrl: 'https://github.com' }
  it.each([
    [`${REPO_URL}/actions/runs/12/job/34`, { runId: 12, jobId: 34 }],
    [
      'https://GITHUB.com/ACME/Shop/actions/runs/12/job/34/',
      { runId: 12, jobId: 34 }
    ],
    [
      `${REPO_URL}/actions/runs/12/job/34?pr=1#step:2:1`,
      { runId: 12, jobId: 34 }
    ],
    [`${REPO_URL}/actions/runs/12`, null],
    [`${REPO_URL}/actions/runs/12/attempts/2`, null],
    [`${REPO_URL}/actions/runs/12/job/x`, null],
    ['https://github.com/acme/shopping/actions/runs/12/job/34', null],
    ['https://github.com.evil.com/acme/shop/actions/runs/12/job/34', null],
    [null, null]
  ])('%s', (url, expected) => {
    expect(jobOfThisRepository(url, repo)).toEqual(expected)
  })
})
