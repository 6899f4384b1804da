// Co-authors asked only where a commit names one, and never judged in part.
import { describe, expect, it } from '@jest/globals'
import type { CommitFact } from '../../../src/engine/facts.js'
import { resolveCoAuthors } from '../../../src/engine/gather/co-authors.js'
import { answer, scripted } from './ports.js'

const REPO = { owner: 'acme', repo: 'shop' }

const commit = (oid: string, message: string): CommitFact => ({
  oid: oid.repeat(40),
  treeOid: 't'.repeat(40),
  url: `https://github.com/acme/shop/commit/${oid}`,
  message,
  author: {
    name: 'Alice',
    email: 'alice@example.com',
    login: 'alice',
    isWebFlow: false
  },
  committer: {
    name: 'Alice',
    email: 'alice@example.com',
    login: 'alice',
    isWebFlow: false
  },
  coAuthors: [],
  parents: null,
  committedDate: '2026-12-01T00:00:00Z',
  signature: null
})

const ALICE = {
  name: 'Alice',
  email: 'alice@example.com',
  user: { login: 'alice' }
}
const BOB = { name: 'Bob', email: 'bob@example.com', user: { login: 'bob' } }

describe('resolveCoAuthors', () => {
  it('asks nothing when no message names a co-author', async () => {
    const port = scripted({ graphql: [] })
    await resolveCoAuthors(port, REPO, [commit('a', 'Fix the cart')])
    expect(port.calls).toEqual([])
  })

  it('sets every copy of a commit to the co-authors GitHub lists, asking each once', async () => {
    const port = scripted({
      graphql: [
        answer({
          repository: {
            a0: { authors: { totalCount: 2, nodes: [ALICE, BOB] } }
          }
        })
      ]
    })
    const message = 'Fix\n\nco-authored-by: Bob <bob@example.com>'
    const first = commit('a', message)
    const copy = commit('a', message)
    await resolveCoAuthors(port, REPO, [first, copy])
    expect(port.calls).toHaveLength(1)
    for (const c of [first, copy]) {
      expect(c.coAuthors).toEqual([
        {
          name: 'Bob',
          email: 'bob@example.com',
          login: 'bob',
          isWebFlow: false
        }
      ])
    }
  })

  it('blocks when GitHub lists fewer authors than it counts', async () => {
    const port = scripted({
      graphql: [
        answer({
          repository: {
            a0: { authors: { totalCount: 3, nodes: [ALICE, BOB] } }
          }
        })
      ]
    })
    await expect(
      resolveCoAuthors(port, REPO, [
        commit('a', 'Fix\n\nCo-authored-by: Bob <bob@example.com>')
      ])
    ).rejects.toThrow(
      'GitHub listed 2 of the 3 authors of commit aaaaaaa: the others cannot be verified as makers'
    )
  })

  it('names the commit GitHub did not return', async () => {
    const port = scripted({
      graphql: [answer({ repository: { a0: null } })]
    })
    await expect(
      resolveCoAuthors(port, REPO, [
        commit('a', 'Fix\n\nCo-authored-by: Bob <bob@example.com>')
      ])
    ).rejects.toThrow('commit aaaaaaa could not be read for its co-authors')
  })
})
