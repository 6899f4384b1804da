// The policy file of SPEC §4 as a JSON Schema (draft-07). It is the single
// source of truth for what the YAML may contain: the loader validates with it,
// and scripts/write-schemas.ts publishes it as
// schema/promotion-gate.schema.json for editors. Unknown keys are errors
// everywhere (`additionalProperties: false`): a typo in a security policy must
// not silently mean "no rule".

import { DURATION_EXAMPLES, DURATION_PATTERN } from '../duration.js'
import {
  EVENT_NAME_PATTERN,
  LOGIN_OR_TEAM_PATTERN,
  LOGIN_PATTERN,
  WORKFLOW_FILE_PATTERN
} from './patterns.js'

/**
 * Where editors fetch the schema (the README's yaml-language-server line):
 * the file as the release the README's `uses:` names serves it.
 */
export const POLICY_SCHEMA_ID =
  'https://raw.githubusercontent.com/OWNER/promotion-gate/v1/schema/promotion-gate.schema.json'

export const ENVIRONMENT_NAME_PATTERN = '^[A-Za-z0-9._ -]{1,255}$'

export const MAKER_KINDS = [
  'author',
  'commit_authors',
  'committers',
  'co_authors',
  'deployer'
] as const

/**
 * `independent_of` when the policy does not say: every maker, not the
 * deployer (SPEC v2 §4: a reviewer who also merges, and so triggers a push
 * deployment, is still a checker; `deployer` or `deployer_independent` on
 * request).
 */
export const DEFAULT_INDEPENDENT_OF: readonly (typeof MAKER_KINDS)[number][] = [
  'author',
  'commit_authors',
  'committers',
  'co_authors'
]

/** Logins (`pattern`), e.g. `trusted_deployers`, `direct_pushes`. */
const loginList = (description: string) =>
  ({
    description,
    type: 'array',
    items: { type: 'string', pattern: LOGIN_PATTERN },
    uniqueItems: true
  }) as const

/** Logins or `org/team`, e.g. `reviewers`; `minItems` 1 when `nonEmpty`. */
const loginOrTeamList = (description: string, nonEmpty = false) =>
  ({
    description,
    type: 'array',
    items: { type: 'string', pattern: LOGIN_OR_TEAM_PATTERN },
    ...(nonEmpty ? { minItems: 1 } : {}),
    uniqueItems: true
  }) as const

const nameList = (description: string) =>
  ({
    description,
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true
  }) as const

const nonEmptyNameList = (description: string) =>
  ({
    description,
    type: 'array',
    items: { type: 'string', minLength: 1 },
    minItems: 1,
    uniqueItems: true
  }) as const

/**
 * SPEC §4 `allowed_events`' default: the events whose runs deploy what is on
 * a branch. A pull request's events, `issue_comment` and `workflow_run` are
 * left out: they run for changes nobody merged, and since 2025-12 GitHub
 * checks the environment branch rules of a `pull_request_target` run
 * against the default branch (github.blog/changelog/2025-11-07-actions-
 * pull_request_target-and-environment-branch-protections-changes).
 */
export const DEFAULT_ALLOWED_EVENTS: readonly string[] = [
  'push',
  'workflow_dispatch',
  'deployment',
  'release',
  'schedule',
  'merge_group',
  'repository_dispatch'
]

const count = (description: string) =>
  ({ description, type: 'integer', minimum: 0 }) as const

const flag = (description: string) =>
  ({ description, type: 'boolean' }) as const

const turnedOff = (description: string) =>
  ({ description, type: 'boolean', const: false }) as const

export const policyJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: POLICY_SCHEMA_ID,
  title: 'promotion-gate policy',
  description:
    'Policy file of the promotion-gate deployment gate ' +
    '(.github/promotion-gate.yml): which environments exist, the order ' +
    'commits must be promoted through them, and the approvals, branch ' +
    'protection, environment settings and checks each one requires.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'environments'],
  properties: {
    version: {
      description: 'Version of the policy format. Always 1.',
      type: 'integer',
      const: 1
    },
    defaults: {
      description:
        'Environment settings merged into every environment. A key set in ' +
        'an environment wins; approvals, branch_protection, ' +
        'environment_protection, checks and break_glass are merged one ' +
        'level deep, and false replaces the whole key.',
      $ref: '#/definitions/environment'
    },
    environments: {
      description:
        'The environments the gate knows, by the name of their GitHub ' +
        'environment. Deploying to an environment not listed here is blocked.',
      type: 'object',
      propertyNames: {
        description: 'Name of the GitHub environment.',
        type: 'string',
        pattern: ENVIRONMENT_NAME_PATTERN
      },
      additionalProperties: { $ref: '#/definitions/environment' }
    }
  },
  definitions: {
    duration: {
      description: `A duration: 0, or whole numbers with units d, h, m, s, largest first (${DURATION_EXAMPLES}, 1d12h).`,
      anyOf: [
        { type: 'string', pattern: DURATION_PATTERN },
        { type: 'integer', const: 0 }
      ]
    },
    environment: {
      description: 'What a deployment to this environment requires.',
      type: 'object',
      additionalProperties: false,
      properties: {
        after: {
          description:
            'Environment (or list of environments, all of which must hold) ' +
            'the commit must have been deployed to successfully first. ' +
            'Transitive: the commit must have passed every environment up ' +
            'the chain. Default: none.',
          anyOf: [
            { type: 'string', minLength: 1 },
            {
              type: 'array',
              items: { type: 'string', minLength: 1 },
              minItems: 1,
              uniqueItems: true
            }
          ]
        },
        soak: {
          description:
            'Minimum time since the commit succeeded in each `after` ' +
            `environment (${DURATION_EXAMPLES}). Default: 0.`,
          $ref: '#/definitions/duration'
        },
        match: {
          description:
            '`commit` requires the very same sha upstream; `tree` also ' +
            'accepts a commit with an identical tree (merge-based branch ' +
            'promotion). Default: commit.',
          type: 'string',
          enum: ['commit', 'tree']
        },
        trusted_deployers: loginList(
          'Creators whose deployment records count as evidence; a ' +
            'deployment record anyone could create by hand through the API ' +
            'proves nothing. Default: [github-actions[bot]].'
        ),
        trusted_workflows: {
          description:
            "Workflow files (path, optionally @ref) whose jobs' deployments " +
            'count as evidence for this environment, e.g. ' +
            '.github/workflows/deploy.yml@refs/heads/main. A ref without ' +
            'refs/ is a branch; with a ref, the deployment must have been ' +
            'made for it. Default: any workflow of the repository.',
          type: 'array',
          items: {
            description: 'A workflow file, optionally @ref.',
            type: 'string',
            pattern: WORKFLOW_FILE_PATTERN
          },
          minItems: 1,
          uniqueItems: true
        },
        branches: nonEmptyNameList(
          'Branches (minimatch globs); the commit must be contained in one ' +
            "of them. Default: the repository's default branch."
        ),
        allowed_events: {
          ...nonEmptyNameList(
            'Events (github.event_name) that may trigger a run deploying to ' +
              'this environment. pull_request, pull_request_target, ' +
              'issue_comment and workflow_run are refused unless listed: ' +
              'since 2025-12 GitHub checks environment branch rules of ' +
              'pull_request_target runs against the default branch. Default: ' +
              `[${DEFAULT_ALLOWED_EVENTS.join(', ')}].`
          ),
          items: { type: 'string', pattern: EVENT_NAME_PATTERN }
        },
        branch_protection: {
          description:
            'Protection the branch must have (classic branch protection or ' +
            'rulesets), or false to not check it. Default: the defaults of ' +
            'each setting.',
          anyOf: [
            turnedOff('Do not check branch protection.'),
            {
              description:
                'Settings the branch protection or rulesets must enforce.',
              type: 'object',
              additionalProperties: false,
              properties: {
                required_approvals: count(
                  'Minimum number of approving reviews the protection requires. ' +
                    'Default: 1.'
                ),
                dismiss_stale_reviews: flag(
                  'New commits must dismiss earlier approvals. Default: true.'
                ),
                require_last_push_approval: flag(
                  'The most recent push must be approved by someone other than its ' +
                    'pusher. Default: false.'
                ),
                require_code_owner_review: flag(
                  'Code owners must review. Default: false.'
                ),
                block_force_pushes: flag(
                  'Force pushes must be blocked. Default: true.'
                ),
                block_deletions: flag(
                  'Deleting the branch must be blocked. Default: true.'
                ),
                required_status_checks: nameList(
                  'Status check contexts the protection must require. Default: [].'
                )
              }
            }
          ]
        },
        scope: {
          description:
            "`range` checks every change since this environment's previous " +
            'successful deployment; `head` only the change that introduced ' +
            'the deployed commit. Default: range.',
          type: 'string',
          enum: ['range', 'head']
        },
        approvals: {
          description:
            'Independent approvals: how many each change and each run need, ' +
            'who may not give them and who may.',
          $ref: '#/definitions/approvals'
        },
        deployer_independent: flag(
          'The person who triggered the deployment may not be a maker of ' +
            'any change in it. Default: false.'
        ),
        break_glass: {
          description:
            'Emergency path: who may approve a deployment that skips the ' +
            'gate, and how soon it must be reviewed afterwards; false turns ' +
            'it off. Default: off.',
          anyOf: [
            turnedOff('No break-glass path.'),
            {
              description: 'The emergency path.',
              type: 'object',
              additionalProperties: false,
              required: ['approvers', 'review_within'],
              properties: {
                approvers: loginOrTeamList(
                  'Users or org/team who may approve a break-glass deployment.',
                  true
                ),
                review_within: {
                  description:
                    'How soon after a break-glass deployment it must be reviewed ' +
                    `(${DURATION_EXAMPLES}).`,
                  $ref: '#/definitions/duration'
                }
              }
            }
          ]
        },
        environment_protection: {
          description:
            'What the GitHub environment of the same name must itself ' +
            'enforce, or false to not check it. Default: the defaults of ' +
            'each setting.',
          anyOf: [
            turnedOff('Do not check the environment settings.'),
            {
              description:
                'Settings the GitHub environment must itself enforce.',
              type: 'object',
              additionalProperties: false,
              properties: {
                deployment_branches: {
                  description:
                    '`protected`: only protected branches, or custom branch policies ' +
                    'whose every pattern falls within `branches`; `any`: not ' +
                    'checked. Default: protected.',
                  type: 'string',
                  enum: ['protected', 'any']
                },
                required_reviewers: count(
                  'Minimum number of configured required reviewers (users or ' +
                    'teams). Default: 0.'
                ),
                prevent_self_review: flag(
                  'The environment must prevent self-review. Default: true when ' +
                    'required_reviewers > 0, else false.'
                ),
                admin_bypass: flag(
                  'true: administrators may bypass the environment; false: the ' +
                    'environment must refuse it (an absent setting counts as ' +
                    'allowed). Default: true.'
                ),
                wait_timer: count('Minimum wait timer, in minutes. Default: 0.')
              }
            }
          ]
        },
        checks: {
          description:
            'Tests the deployed commit must have passed, or false to not ' +
            'check them. Default: the defaults of each setting.',
          anyOf: [
            turnedOff('Do not check check runs and statuses.'),
            {
              description: 'Tests the deployed commit must have passed.',
              type: 'object',
              additionalProperties: false,
              properties: {
                required: nameList(
                  'Check or status names that must have succeeded on the deployed ' +
                    'commit or on the final head of the pull request that ' +
                    "introduced it. Default: the required status checks of the branch's " +
                    'rules and protection.'
                ),
                no_failures: flag(
                  'No check run or commit status on the deployed commit ended in ' +
                    'failure, error, timed_out, cancelled or action_required (the ' +
                    "gate's own status and the jobs of the current run excluded). " +
                    'Default: true.'
                )
              }
            }
          ]
        }
      }
    },
    approvals: {
      description: 'Independent approvals each change and each run need.',
      type: 'object',
      additionalProperties: false,
      properties: {
        pull_request: count(
          'Independent approving reviews each change needs. Default: 1.'
        ),
        environment: count(
          'Independent environment approvals this run needs. Default: 0.'
        ),
        independent_of: {
          description:
            'Who may not approve: the pull request author, commit authors, ' +
            'committers, co-authors (Co-authored-by trailers) and, when ' +
            'listed, the deployers (who started the run and who re-ran it). ' +
            "GitHub's own web-flow committer is not a person. " +
            'Default: author, commit_authors, committers, co_authors.',
          type: 'array',
          items: {
            description: 'A kind of maker.',
            type: 'string',
            enum: MAKER_KINDS
          },
          uniqueItems: true
        },
        reviewers: loginOrTeamList(
          'Users or org/team that may approve. Default: anyone with write ' +
            'access.'
        ),
        on_latest_commit: flag(
          "A review counts only if it was given on the pull request's final " +
            'head. Default: true.'
        ),
        allow_bots: flag(
          'Reviews by bots count. Default: false (they never count).'
        ),
        unresolved_identities: {
          description:
            '`block`: a commit whose author cannot be mapped to an account ' +
            'blocks; `ignore` allows it. Default: block.',
          type: 'string',
          enum: ['block', 'ignore']
        },
        direct_pushes: loginList(
          'Logins whose commits may reach the branch without a pull ' +
            'request. Default: [].'
        ),
        require_verified_commits: flag(
          'Every commit of every change must carry a signature GitHub shows ' +
            'as Verified, so the committer is authenticated rather than ' +
            'taken from a git email anyone can set. Default: false.'
        )
      }
    }
  }
} as const

// The YAML as the schema admits it (snake_case, everything optional). Only
// the loader reads these; __tests__/engine/policy/load.test.ts checks at
// compile time that they name exactly the schema's keys.

/** `0` or a duration string such as `1h30m` */
export type DurationValue = string | number

export interface BranchProtectionDocument {
  required_approvals?: number
  dismiss_stale_reviews?: boolean
  require_last_push_approval?: boolean
  require_code_owner_review?: boolean
  block_force_pushes?: boolean
  block_deletions?: boolean
  required_status_checks?: string[]
}

export interface ApprovalsDocument {
  pull_request?: number
  environment?: number
  independent_of?: (typeof MAKER_KINDS)[number][]
  reviewers?: string[]
  on_latest_commit?: boolean
  allow_bots?: boolean
  unresolved_identities?: 'block' | 'ignore'
  direct_pushes?: string[]
  require_verified_commits?: boolean
}

export interface BreakGlassDocument {
  approvers: string[]
  review_within: DurationValue
}

export interface EnvironmentProtectionDocument {
  deployment_branches?: 'protected' | 'any'
  required_reviewers?: number
  prevent_self_review?: boolean
  admin_bypass?: boolean
  wait_timer?: number
}

export interface ChecksDocument {
  required?: string[]
  no_failures?: boolean
}

export interface EnvironmentDocument {
  after?: string | string[]
  soak?: DurationValue
  match?: 'commit' | 'tree'
  trusted_deployers?: string[]
  trusted_workflows?: string[]
  branches?: string[]
  allowed_events?: string[]
  branch_protection?: false | BranchProtectionDocument
  scope?: 'range' | 'head'
  approvals?: ApprovalsDocument
  deployer_independent?: boolean
  break_glass?: false | BreakGlassDocument
  environment_protection?: false | EnvironmentProtectionDocument
  checks?: false | ChecksDocument
}

export interface PolicyDocument {
  version: 1
  defaults?: EnvironmentDocument
  environments: Record<string, EnvironmentDocument>
}
