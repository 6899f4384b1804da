// Who may bypass the active rulesets of the branches holding the commit
// (SPEC §5.4: an `exempt` actor is named in branch-protection's message).
// Only REST `GET /repos/{o}/{r}/rulesets/{id}` shows `bypass_mode` with
// `exempt` (GraphQL's RepositoryRulesetBypassActorBypassMode has only ALWAYS
// and PULL_REQUEST), and GitHub returns `bypass_actors` "only if the user
// making the API request has write access to the ruleset"
// (docs.github.com/en/rest/repos/rules#get-a-repository-ruleset): never to a
// workflow's GITHUB_TOKEN, which cannot hold `administration`. So the
// rulesets are read only when the bootstrap's `viewerCanAdminister` says
// the token may see them; otherwise no request is spent (SPEC §9) and each
// ruleset's actors are Unreadable, which the rule turns into a note.

import { ShapeError } from '../errors.js'
import {
  isUnreadable,
  type BranchFact,
  type BypassActorFact,
  type RulesetRuleFact,
  type RulesetBypassFact,
  type Unreadable
} from '../facts.js'
import type { GitHubPort } from '../port.js'
import type { EngineRequest } from '../request.js'
import { arr, num, obj, optStr, type Json } from './shape.js'
import { readOr, unreadable } from './support.js'

const PERMISSION = 'administration: read'

const MODES: Record<string, BypassActorFact['mode']> = {
  always: 'always',
  pull_request: 'pull_request',
  exempt: 'exempt'
}

export interface BypassInput {
  github: GitHubPort
  request: Pick<EngineRequest, 'owner' | 'repo'>
  /** completed in place: `rulesetBypass` of each branch holding the commit */
  branches: BranchFact[]
  /** the bootstrap's `viewerCanAdminister`; null: GitHub did not say */
  viewerCanAdminister: boolean | null
}

export async function readRulesetBypass(input: BypassInput): Promise<void> {
  // each branch holding the commit with the rulesets its rules come from
  const holding = input.branches.flatMap((b) =>
    b.containsCommit && !isUnreadable(b.rules)
      ? [{ b, mine: rulesetIds(b.rules) }]
      : []
  )
  const ids = [...new Set(holding.flatMap((h) => h.mine))]
  if (ids.length === 0) return
  const read = new Map<number, RulesetBypassFact>()
  if (input.viewerCanAdminister === true) {
    const got = await Promise.all(ids.map((id) => readRuleset(input, id)))
    got.forEach((r) => read.set(r.id, r))
  } else {
    const why = unreadable(
      PERMISSION,
      input.viewerCanAdminister === false
        ? 'the token cannot administer the repository (GraphQL viewerCanAdminister is false), and GitHub shows bypass actors only to those who may edit the ruleset'
        : 'GitHub did not say whether the token can administer the repository'
    )
    for (const id of ids) read.set(id, { id, name: null, actors: why })
  }
  for (const { b, mine } of holding) {
    if (mine.length === 0) continue
    b.rulesetBypass = mine.map((id) => read.get(id) as RulesetBypassFact)
  }
}

function rulesetIds(rules: RulesetRuleFact[]): number[] {
  const ids = rules.map((r) => r.rulesetId)
  return [...new Set(ids.filter((id): id is number => id !== null))]
}

async function readRuleset(
  input: BypassInput,
  id: number
): Promise<RulesetBypassFact> {
  const got = await readOr(PERMISSION, async () => {
    const r = await input.github.rest(
      'GET /repos/{owner}/{repo}/rulesets/{ruleset_id}',
      {
        owner: input.request.owner,
        repo: input.request.repo,
        ruleset_id: id
      }
    )
    return obj(r.data, `rulesets/${id}`)
  })
  if (isUnreadable(got)) return { id, name: null, actors: got }
  return {
    id,
    name: optStr(got.name, `rulesets/${id}.name`),
    actors: parseBypassActors(got, `rulesets/${id}`)
  }
}

/** `bypass_actors` of a ruleset; absent: the token may not see them. */
export function parseBypassActors(
  ruleset: Json,
  path: string
): BypassActorFact[] | Unreadable {
  if (ruleset.bypass_actors === undefined || ruleset.bypass_actors === null) {
    return unreadable(
      PERMISSION,
      'GitHub returned the ruleset without its bypass actors: it shows them only to those who may edit the ruleset'
    )
  }
  return arr(ruleset.bypass_actors, `${path}.bypass_actors`).map((v, i) => {
    const at = `${path}.bypass_actors[${i}]`
    const a = obj(v, at)
    const rawMode = optStr(a.bypass_mode, `${at}.bypass_mode`) ?? 'always'
    const mode = MODES[rawMode]
    // An unknown mode may be one that bypasses without a trace: it is not
    // taken for a milder one.
    if (mode === undefined) {
      throw new ShapeError(
        `${at}.bypass_mode: expected always, pull_request or exempt, got ${JSON.stringify(rawMode)}`
      )
    }
    return {
      actorType: optStr(a.actor_type, `${at}.actor_type`) ?? 'unknown',
      actorId:
        a.actor_id === null || a.actor_id === undefined
          ? null
          : num(a.actor_id, `${at}.actor_id`),
      mode
    }
  })
}
