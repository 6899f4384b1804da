// What branch-protection says about ruleset bypass actors (SPEC §5.4, §7):
// an `exempt` actor is named, because "rules will not be run for that actor
// and a bypass audit entry will not be created"
// (docs.github.com/en/rest/repos/rules#create-a-repository-ruleset,
// `bypass_mode`): the branch's protection does not hold for it and nothing
// records its pushes. Bypass actors the token could not read are named too.
// A note, not a violation: SPEC §5.4's required settings say nothing of
// bypass actors, an `always` actor (whose bypasses are at least recorded)
// passes today, and a workflow token can never read them.

import {
  isUnreadable,
  type BranchFact,
  type BypassActorFact,
  type Facts,
  type RulesetBypassFact
} from '../facts.js'
import { andList } from './util.js'

/** `; note: ...` for the summary, or '' when there is nothing to say. */
export function bypassNote(facts: Facts, branches: BranchFact[]): string {
  const rulesets = new Map<number, RulesetBypassFact>()
  for (const b of branches) {
    for (const r of b.rulesetBypass ?? []) rulesets.set(r.id, r)
  }
  const all = [...rulesets.values()]
  const settings = `${facts.repository.url}/settings/rules`
  const notes: string[] = []
  for (const r of all) {
    if (isUnreadable(r.actors)) continue
    const exempt = r.actors.filter((a) => a.mode === 'exempt')
    if (exempt.length === 0) continue
    const them = exempt.length === 1 ? 'it' : 'them'
    notes.push(
      `${rulesetName(r)} exempts ${andList(exempt.map(actorName))} (bypass mode "exempt"): GitHub does not run its rules for ${them} and creates no bypass audit entry, so ${them === 'it' ? 'its' : 'their'} pushes skip this protection without a trace; set the bypass mode to "always" or remove ${them} (${settings})`
    )
  }
  const unread = all.flatMap((r) =>
    isUnreadable(r.actors) ? [{ name: rulesetName(r), why: r.actors }] : []
  )
  const first = unread[0]
  if (first !== undefined) {
    notes.push(
      `the bypass actors of ${andList(unread.map((u) => u.name))} cannot be read with this token (needs \`${first.why.permission}\` or a repository admin's token; a workflow's GITHUB_TOKEN never can): an exempt actor would bypass the rules without a trace; check them in the ruleset settings (${settings}) or run \`promotion-gate access\` with an admin token`
    )
  }
  return notes.length === 0 ? '' : `; note: ${notes.join('; ')}`
}

function rulesetName(r: RulesetBypassFact): string {
  return r.name === null ? `ruleset ${r.id}` : `ruleset "${r.name}" (${r.id})`
}

// Repository roles by id: 2 maintain, 4 write, 5 admin
// (docs.github.com/en/rest/repos/rules, `actor_id`).
const ROLES: Record<number, string> = { 2: 'maintain', 4: 'write', 5: 'admin' }

/** As the access matrix names them (access/bypass.ts). */
function actorName(a: BypassActorFact): string {
  if (a.actorType === 'OrganizationAdmin') return 'organization admins'
  if (a.actorType === 'DeployKey') return 'deploy keys'
  if (a.actorId === null) return a.actorType
  if (a.actorType === 'RepositoryRole') {
    return `repository role ${ROLES[a.actorId] ?? String(a.actorId)}`
  }
  return `${a.actorType} ${a.actorId}`
}
