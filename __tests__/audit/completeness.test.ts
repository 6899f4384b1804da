// Completeness in the packet (SPEC §7): the report's section, unexplained.csv
// (one header, RFC 4180) and the manifest's block, from a report's field.
import { describe, expect, it } from '@jest/globals'
import {
  CANNOT_SEE,
  completenessManifest,
  completenessSection,
  unexplainedCsv,
  UNEXPLAINED_HEADER
} from '../../src/audit/completeness.js'
import type { AuditReport } from '../../src/engine/index.js'

type Completeness = AuditReport['completeness']

const SHA = 'a'.repeat(40)
const base: Completeness = {
  branches: ['main'],
  missing: [],
  since: '2026-11-01T00:00:00.000Z',
  until: '2026-12-01T00:00:00.000Z',
  commitsRead: 12,
  unexplained: [],
  errors: []
}
const why = `${SHA.slice(0, 7)} reached main without a pull request (direct push by mallory): merge changes through a pull request, or list mallory in approvals.direct_pushes`
const unexplained: Completeness = {
  ...base,
  unexplained: [
    {
      sha: SHA,
      url: `https://github.com/acme/shop/commit/${SHA}`,
      branch: 'main',
      author: 'mallory',
      committer: 'Mal, "the" pusher <m@example.com>',
      pusher: null,
      committedAt: '2026-11-20T10:00:00Z',
      carriedBy: null,
      deployment: { id: 77, succeededAt: '2026-11-20T12:00:00Z' },
      why
    }
  ]
}

describe('the Completeness section', () => {
  it('says every commit is explained when none is left', () => {
    const text = completenessSection(base).join('\n')
    expect(text).toContain('## Completeness')
    expect(text).toContain(
      '12 commits on `main` committed in the period: ✅ every commit is explained'
    )
    expect(text).toContain(`Not visible to this audit: ${CANNOT_SEE[0]}`)
    expect(text).toContain('`environment: {deployment: false}`')
  })

  it('lists each unexplained commit with its deployment and the gate’s reason', () => {
    const text = completenessSection(unexplained).join('\n')
    expect(text).toContain(
      '⛔ **1** commit no pull request or allowed direct push explains'
    )
    expect(text).toContain(
      `| [\`aaaaaaa\`](https://github.com/acme/shop/commit/${SHA}) | main | mallory |`
    )
    expect(text).toContain('#77 at 2026-11-20T12:00:00Z')
    expect(text).toContain('direct push by mallory')
  })

  it('says completeness is not established, why, and which branches do not exist', () => {
    const text = completenessSection({
      ...base,
      commitsRead: 1,
      missing: ['hotfix'],
      errors: ['the history of main in the period could not be read']
    }).join('\n')
    expect(text).toContain(
      '1 commit on `main` committed in the period: ⚠️ completeness is **not established**'
    )
    expect(text).toContain(
      '- ⚠️ the history of main in the period could not be read'
    )
    expect(text).toContain('- Not on GitHub now, not read: `hotfix`')
  })
})

describe('unexplained.csv', () => {
  it('has one header and quotes what needs quoting (RFC 4180)', () => {
    const csv = unexplainedCsv(unexplained)
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(UNEXPLAINED_HEADER.join(','))
    expect(lines[1]).toBe(
      [
        SHA,
        `https://github.com/acme/shop/commit/${SHA}`,
        'main',
        'mallory',
        '"Mal, ""the"" pusher <m@example.com>"',
        'unknown (GitHub does not record who pushed a commit)',
        '2026-11-20T10:00:00Z',
        '',
        'yes',
        '77',
        '2026-11-20T12:00:00Z',
        `"${why}"`
      ].join(',')
    )
    expect(lines).toHaveLength(3)
  })

  it('is its header alone when every commit is explained', () => {
    expect(unexplainedCsv(base)).toBe(`${UNEXPLAINED_HEADER.join(',')}\r\n`)
  })
})

describe('the manifest’s completeness block', () => {
  it('states the counts and what the population can and cannot see', () => {
    expect(completenessManifest(unexplained)).toMatchObject({
      established: true,
      branches: ['main'],
      commits_read: 12,
      unexplained: 1,
      unexplained_deployed: 1,
      errors: [],
      cannot_see: expect.arrayContaining([
        expect.stringContaining('environment: {deployment: false}'),
        expect.stringContaining('outside GitHub'),
        expect.stringContaining('force pushes'),
        expect.stringContaining('deleted through the API'),
        expect.stringContaining('read as they are now')
      ])
    })
    expect(completenessManifest({ ...base, errors: ['x'] }).established).toBe(
      false
    )
  })
})
