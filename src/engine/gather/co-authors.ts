// Co-authors as GitHub maps them to accounts, asked only for the commits
// whose message names one. GitHub's `authors` is "the git author and the
// Co-authored-by message trailer" (docs.github.com/en/graphql/reference/objects#commit):
// a commit whose message has no such trailer has no co-author to map, and
// asking `authors` under every pull request commit would cost 100 requests
// per pull request (queries.ts, COMMIT_FIELDS).

import { GitHubApiError } from '../errors.js'
import type { CommitFact } from '../facts.js'
import type { GitHubPort } from '../port.js'
import { askInBatches } from './budget.js'
import { assertComplete, errorText } from './errors.js'
import { coAuthorsOf, parseAuthors } from './parse.js'
import { CO_AUTHORS_COST, coAuthorsQuery } from './queries.js'
import { num, obj, optObj, type Json } from './shape.js'

/**
 * Wider than any trailer git or GitHub writes (any case, with or without the
 * hyphens), so that no co-author GitHub would list goes unasked.
 */
const NAMES_A_CO_AUTHOR = /co-?authored-?by/i

/**
 * Sets the co-authors of every commit that names one to those GitHub lists,
 * with their accounts. A commit may appear more than once (as a change and
 * as a pull request's commit): each copy is set, and each oid asked once.
 */
export async function resolveCoAuthors(
  port: GitHubPort,
  repository: { owner: string; repo: string },
  commits: Iterable<CommitFact>
): Promise<void> {
  const byOid = new Map<string, CommitFact[]>()
  for (const c of commits) {
    if (!NAMES_A_CO_AUTHOR.test(c.message)) continue
    byOid.set(c.oid, [...(byOid.get(c.oid) ?? []), c])
  }
  await askInBatches({
    items: [...byOid.keys()],
    each: () => CO_AUTHORS_COST,
    ask: async (batch) => {
      const { query, variables } = coAuthorsQuery(batch)
      const answer = await port.graphql<Json>(
        query,
        { owner: repository.owner, name: repository.repo, ...variables },
        { splittable: true }
      )
      assertComplete(answer.errors, 'the co-authors of commits')
      const repo = obj(obj(answer.data, 'data').repository, 'repository')
      batch.forEach((oid, i) => {
        const at = `commit ${oid.slice(0, 7)}`
        const node = optObj(repo[`a${i}`], at)
        if (node === null) {
          throw new GitHubApiError(
            `${at} could not be read for its co-authors${errorText(answer.errors)}`,
            { permission: 'contents: read' }
          )
        }
        const authors = obj(node.authors, `${at}.authors`)
        const listed = parseAuthors(authors, `${at}.authors`)
        const total = num(authors.totalCount, `${at}.authors.totalCount`)
        // A co-author not listed could be an approver: judge none of it.
        if (listed.length < total) {
          throw new GitHubApiError(
            `GitHub listed ${listed.length} of the ${total} authors of ${at}: the others cannot be verified as makers`
          )
        }
        for (const copy of byOid.get(oid) ?? []) {
          copy.coAuthors = coAuthorsOf(copy.author, listed, copy.message)
        }
      })
    }
  })
}
