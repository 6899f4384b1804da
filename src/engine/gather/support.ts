import type { RulesetRuleFact } from '../facts.js'
import type { BranchProtectionRequirement } from '../policy/types.js'
import { meets, settingsOfRules } from '../rules/branch-protection.js'

/**
 * Whether the active ruleset rules alone meet the requirement. Then classic
 * protection need not be read: it can only add to them (SPEC §9 budget).
 */
export function rulesMeet(
  rules: RulesetRuleFact[],
  need: BranchProtectionRequirement
): boolean {
  return rules.length > 0 && meets(settingsOfRules(rules), need)
}
