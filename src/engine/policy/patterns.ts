// The patterns of the policy schema (schema.ts) and what each asks, in
// words: a message never shows a regular expression (messages.ts).

/** A GitHub login, a bot's included (`github-actions[bot]`). */
export const LOGIN_PATTERN = '^[A-Za-z0-9-]{1,39}(\\[bot\\])?$'
/** A login, or a team as `org/team-slug`. */
export const LOGIN_OR_TEAM_PATTERN =
  '^[A-Za-z0-9-]{1,39}(\\[bot\\]|/[A-Za-z0-9_.-]{1,255})?$'
export const WORKFLOW_FILE_PATTERN =
  '^\\.github/workflows/[^@\\s]+\\.ya?ml(@[^@\\s]+)?$'
export const EVENT_NAME_PATTERN = '^[a-z_]+$'

/**
 * What each pattern of the schema asks, in words: a message never shows a
 * regular expression (policy/messages.ts).
 */
export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  [LOGIN_PATTERN]:
    'a GitHub login: letters, digits and hyphens, at most 39 characters, ' +
    'a bot ending in [bot]',
  [LOGIN_OR_TEAM_PATTERN]:
    'a GitHub login (letters, digits and hyphens, at most 39 characters, ' +
    'a bot ending in [bot]) or a team as org/team-slug',
  [WORKFLOW_FILE_PATTERN]:
    'a workflow file under .github/workflows/ ending in .yml or .yaml, ' +
    'optionally followed by @ref',
  [EVENT_NAME_PATTERN]:
    'an event name as github.event_name spells it: lower-case letters ' +
    'and underscores, e.g. push or workflow_dispatch'
}
