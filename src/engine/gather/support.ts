import { GitHubApiError } from '../errors.js'
import type { RulesetRuleFact, Unreadable } from '../facts.js'
import type { BranchProtectionRequirement } from '../policy/index.js'
import { meets, settingsOfRules } from '../protection.js'

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

export function unreadable(permission: string, detail: string): Unreadable {
  return { unreadable: true, permission, detail }
}

/**
 * A 403 or 404 becomes "cannot read, needs `permission`": GitHub answers
 * both when the token lacks a permission, and neither means "none". Any
 * other failure throws.
 */
export async function readOr<T>(
  permission: string,
  read: () => Promise<T>
): Promise<T | Unreadable> {
  try {
    return await read()
  } catch (error) {
    if (
      error instanceof GitHubApiError &&
      (error.status === 403 || error.status === 404)
    ) {
      return unreadable(permission, error.message)
    }
    throw error
  }
}
