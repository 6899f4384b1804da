import { describe, expect, it } from '@jest/globals'
import {
  botOfEmail,
  chronological,
  coAuthorTrailers,
  parseActor,
  parseCommit,
  parseStatus
} from '../../../src/engine/gather/parse.js'
import {
  parseClassicProtection,
  parseRules
} from '../../../src/engine/gather/parse-protection.js'
import { ShapeError } from '../../../src/engine/errors.js'

const person = (name: string, login: string | null) => ({
  name,
  email: `${name}@example.com`,
  user: login === null ? null : { login }
})

const commit = (over: Record<string, unknown> = {}) => ({
  oid: 'a'.repeat(40),
  url: 'https://github.com/acme/shop/commit/aaa',
  message: 'Change',
  committedDate: '2026-01-01T00:00:00Z',
  tree: { oid: 'b'.repeat(40) },
  author: person('alice', 'alice'),
  committer: person('alice', 'alice'),
  authors: { nodes: [person('alice', 'alice')] },
  parents: { nodes: [{ oid: 'c'.repeat(40) }] },
  signature: null,
  ...over
})

describe('parseActor', () => {
  it('gives a GraphQL bot the [bot] suffix REST uses', () => {
    expect(
      parseActor({ __typename: 'Bot', login: 'github-actions' }, 'a')
    ).toEqual({
      login: 'github-actions[bot]',
      type: 'Bot'
    })
    expect(parseActor({ type: 'Bot', login: 'renovate[bot]' }, 'a')).toEqual({
      login: 'renovate[bot]',
      type: 'Bot'
    })
  })

  it('reads a deleted account (null) as null', () => {
    expect(parseActor(null, 'a')).toBeNull()
  })
})

describe('parseCommit', () => {
  it("takes co-authors from GitHub's authors list, mapped to accounts", () => {
    const c = parseCommit(
      commit({
        message: 'Change\n\nCo-authored-by: bob <bob@example.com>',
        authors: { nodes: [person('alice', 'alice'), person('bob', 'bob')] }
      }),
      'c'
    )
    expect(c.coAuthors).toEqual([
      { name: 'bob', email: 'bob@example.com', login: 'bob', isWebFlow: false }
    ])
  })

  it('keeps trailers GitHub did not list, without an account', () => {
    const c = parseCommit(
      commit({
        message: 'Change\n\nCo-authored-by: Eve <eve@corp.example>',
        authors: null
      }),
      'c'
    )
    expect(c.coAuthors).toEqual([
      { name: 'Eve', email: 'eve@corp.example', login: null, isWebFlow: false }
    ])
  })

  it('knows GitHub’s committer by account or, unmapped, by its address', () => {
    const mapped = parseCommit(
      commit({
        committer: {
          name: 'GitHub',
          email: 'noreply@github.com',
          user: { login: 'web-flow' }
        }
      }),
      'c'
    )
    const unmapped = parseCommit(
      commit({
        committer: { name: 'GitHub', email: 'noreply@github.com', user: null }
      }),
      'c'
    )
    const other = parseCommit(commit({ committer: person('carol', null) }), 'c')
    expect([mapped, unmapped, other].map((c) => c.committer.isWebFlow)).toEqual(
      [true, true, false]
    )
  })

  it('reads the signature GitHub verified', () => {
    const c = parseCommit(
      commit({
        signature: {
          isValid: false,
          state: 'BAD_EMAIL',
          wasSignedByGitHub: false
        }
      }),
      'c'
    )
    expect(c.signature).toEqual({
      valid: false,
      state: 'BAD_EMAIL',
      byGitHub: false
    })
  })

  it('refuses a time it cannot read', () => {
    expect(() =>
      parseCommit(commit({ committedDate: 'yesterday' }), 'c')
    ).toThrow(ShapeError)
  })
})

describe('statuses', () => {
  it('refuses a status with an unreadable time', () => {
    expect(() =>
      parseStatus(
        {
          state: 'FAILURE',
          createdAt: 'soon',
          logUrl: null,
          environmentUrl: null
        },
        's'
      )
    ).toThrow(/expected a time/)
  })

  it('orders oldest first, keeping GitHub’s newest-first order for ties', () => {
    const at = '2026-01-01T00:00:00Z'
    const listed = [
      {
        state: 'failure' as const,
        createdAt: at,
        logUrl: null,
        environmentUrl: null
      },
      {
        state: 'success' as const,
        createdAt: at,
        logUrl: null,
        environmentUrl: null
      },
      {
        state: 'in_progress' as const,
        createdAt: '2025-12-31T23:00:00Z',
        logUrl: null,
        environmentUrl: null
      }
    ]
    expect(chronological(listed).map((s) => s.state)).toEqual([
      'in_progress',
      'success',
      'failure'
    ])
  })
})

describe('REST shapes', () => {
  it('reads rules for a branch', () => {
    const rules = parseRules(
      [
        {
          type: 'pull_request',
          ruleset_id: 7,
          parameters: {
            required_approving_review_count: 2,
            dismiss_stale_reviews_on_push: true,
            require_code_owner_review: false,
            require_last_push_approval: true
          }
        },
        {
          type: 'required_status_checks',
          parameters: { required_status_checks: [{ context: 'ci' }] }
        },
        { type: 'something_new' }
      ],
      'rules'
    )
    expect(rules.map((r) => r.type)).toEqual([
      'pull_request',
      'required_status_checks',
      'other'
    ])
    expect(rules[0]?.pullRequest?.requiredApprovingReviewCount).toBe(2)
    expect(rules[1]?.requiredStatusChecks).toEqual(['ci'])
  })

  it('reads classic protection, contexts from both lists once', () => {
    const p = parseClassicProtection(
      {
        required_pull_request_reviews: {
          required_approving_review_count: 1,
          dismiss_stale_reviews: true
        },
        required_status_checks: {
          contexts: ['ci'],
          checks: [{ context: 'ci' }, { context: 'lint' }]
        },
        allow_force_pushes: { enabled: false },
        allow_deletions: { enabled: true },
        enforce_admins: { enabled: true }
      },
      'p'
    )
    expect(p).toMatchObject({
      requiredApprovingReviewCount: 1,
      dismissStaleReviews: true,
      allowForcePushes: false,
      allowDeletions: true,
      enforceAdmins: true,
      requiredStatusChecks: ['ci', 'lint']
    })
  })
})

describe('coAuthorTrailers', () => {
  it('reads git trailers in any case, one per line', () => {
    expect(
      coAuthorTrailers(
        'x\n\nco-authored-by: A <a@x>\nCo-Authored-By: B b <b@x>\nSigned-off-by: C <c@x>'
      )
    ).toEqual([
      { name: 'A', email: 'a@x' },
      { name: 'B b', email: 'b@x' }
    ])
  })
})

describe('bot identities GitHub maps to no User', () => {
  const bot = (email: string, name = 'dependabot[bot]') => ({
    name,
    email,
    user: null
  })

  it.each([
    ['49699333+dependabot[bot]@users.noreply.github.com', 'dependabot[bot]'],
    [
      '41898282+github-actions[bot]@users.noreply.github.com',
      'github-actions[bot]'
    ],
    ['github-actions[bot]@users.noreply.github.com', 'github-actions[bot]'],
    ['29139614+Renovate[Bot]@Users.Noreply.GitHub.com', 'Renovate[Bot]'],
    ['198982749+Copilot@users.noreply.github.com', 'Copilot'],
    ['198982749+copilot@users.noreply.github.com', 'Copilot']
  ])('names the bot of %s', (email, login) => {
    expect(botOfEmail(email)).toBe(login)
  })

  it.each([
    null,
    '123+alice@users.noreply.github.com',
    'dependabot[bot]@example.com',
    '1+Copilot@users.noreply.github.com',
    '49699333+dependabot[bot]@users.noreply.github.com.evil.test',
    '1+[bot]@users.noreply.github.com'
  ])('names no bot for %s', (email) => {
    expect(botOfEmail(email)).toBeNull()
  })

  it("reads a bot's commit as the bot, a maker like any other", () => {
    const address = '49699333+dependabot[bot]@users.noreply.github.com'
    const c = parseCommit(
      commit({
        author: bot(address),
        committer: bot(address),
        authors: { nodes: [bot(address)] }
      }),
      'c'
    )
    expect(c.author).toEqual({
      name: 'dependabot[bot]',
      email: address,
      login: 'dependabot[bot]',
      isWebFlow: false
    })
    expect(c.committer.login).toBe('dependabot[bot]')
    expect(c.coAuthors).toEqual([])
  })

  it("keeps the human in Copilot's Co-authored-by as a co-author", () => {
    const copilot = bot('198982749+Copilot@users.noreply.github.com', 'Copilot')
    const c = parseCommit(
      commit({
        message: 'Fix it\n\nCo-authored-by: erin <erin@example.com>',
        author: copilot,
        committer: {
          name: 'GitHub',
          email: 'noreply@github.com',
          user: { login: 'web-flow' }
        },
        authors: { nodes: [copilot, person('erin', 'erin')] }
      }),
      'c'
    )
    expect(c.author.login).toBe('Copilot')
    expect(c.coAuthors.map((p) => p.login)).toEqual(['erin'])
  })

  it('maps a bot named only in a trailer GitHub did not list', () => {
    const c = parseCommit(
      commit({
        message:
          'Bump\n\nCo-authored-by: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>',
        authors: null
      }),
      'c'
    )
    expect(c.coAuthors.map((p) => p.login)).toEqual(['dependabot[bot]'])
  })

  it('keeps the account GitHub mapped over what the address says', () => {
    const c = parseCommit(
      commit({
        author: {
          name: 'x',
          email: '1+evil[bot]@users.noreply.github.com',
          user: { login: 'mallory' }
        }
      }),
      'c'
    )
    expect(c.author.login).toBe('mallory')
  })
})
