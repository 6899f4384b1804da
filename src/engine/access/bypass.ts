// Who may bypass a branch's rulesets, and the rulesets' names, from each
// ruleset the branch's active rules come from.

import { num, obj, optStr } from '../gather/shape.js'
import { readOr } from '../gather/support.js'
import type { GitHubPort } from '../port.js'
import {
  cannot,
  isCannot,
  type AccessRepository,
  type Cannot,
  type Maybe
} from './types.js'

export interface RulesetsRead {
  /** e.g. `repository role admin (always)` */
  actors: Maybe<string[]>
  /** ruleset id → name, where the token could read the ruleset */
  names: Map<number, string>
}

/**
 * docs.github.com/en/rest/repos/rules#get-a-repository-ruleset: GitHub shows
 * `bypass_actors` only to those who may edit the ruleset; without it the
 * bypass list is unknown, never empty.
 */
export async function readRulesets(
  port: GitHubPort,
  repo: Pick<AccessRepository, 'owner' | 'name'>,
  ids: number[]
): Promise<RulesetsRead> {
  const names = new Map<number, string>()
  const out: string[] = []
  let unread: Cannot | null = null
  for (const id of ids) {
    const got = await readOr('administration: read', async () => {
      const r = await port.rest(
        'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
        {
          owner: repo.owner,
          repo: repo.name,
          ruleset_id: id
        }
      )
      return obj(r.data, `rulesets/${id}`)
    })
    // The names read so far still name their rulesets.
    if (isCannot(got)) return { actors: got, names }
    if (typeof got.name === 'string') names.set(id, got.name)
    if (!Array.isArray(got.bypass_actors)) {
      unread ??= cannot(
        'administration: read',
        `ruleset ${id} was read without its bypass actors`
      )
      continue
    }
    got.bypass_actors.forEach((value, i) => {
      const a = obj(value, `rulesets/${id}.bypass_actors[${i}]`)
      const type =
        optStr(a.actor_type, `bypass_actors[${i}].actor_type`) ?? 'actor'
      const actorId =
        a.actor_id === null || a.actor_id === undefined
          ? ''
          : ` ${num(a.actor_id, `bypass_actors[${i}].actor_id`)}`
      const mode =
        optStr(a.bypass_mode, `bypass_actors[${i}].bypass_mode`) ?? 'always'
      out.push(`${bypassName(type, actorId)} (${mode})`)
    })
  }
  return { actors: unread ?? out, names }
}

function bypassName(type: string, id: string): string {
  // Repository roles by id in bypass actors: 2 maintain, 4 write, 5 admin
  // (docs.github.com/en/rest/repos/rules, `actor_id`); others shown by id.
  if (type === 'RepositoryRole') {
    const role: Record<string, string> = {
      ' 2': 'maintain',
      ' 4': 'write',
      ' 5': 'admin'
    }
    return `repository role ${role[id] ?? id.trim()}`
  }
  if (type === 'OrganizationAdmin') return 'organization admins'
  if (type === 'DeployKey') return 'deploy keys'
  return `${type}${id}`
}
