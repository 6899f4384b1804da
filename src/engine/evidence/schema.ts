// JSON Schema of the evidence record (SPEC §6), published as
// schema/evidence.schema.json by scripts/write-schemas.ts.

import { CHECK_IDS, LINK_KINDS } from '../rules/types.js'
import { EVIDENCE_SCHEMA_ID } from './record.js'
import { evidenceApiJsonSchema } from './api.js'

const nullableString = { type: ['string', 'null'] }
const nullableInt = { type: ['integer', 'null'] }
const sha = { type: 'string', pattern: '^[0-9a-f]{40}$' }
const nullableSha = { anyOf: [sha, { type: 'null' }] }
const strings = { type: 'array', items: { type: 'string' } }

export const evidenceJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: EVIDENCE_SCHEMA_ID,
  title: 'promotion-gate evidence record',
  description:
    'One record per gate decision: what was decided, on what data, under which policy, and which controls it evidences.',
  type: 'object',
  additionalProperties: false,
  required: [
    '$schema',
    'kind',
    'tool',
    'time',
    'decision',
    'mode',
    'repository',
    'environment',
    'sha',
    'deployer',
    'run',
    'policy',
    'scope',
    'checks',
    'changes',
    'environment_settings',
    'checks_relied_on',
    'break_glass',
    'failure',
    'api_requests',
    'api',
    'notes'
  ],
  properties: {
    $schema: { const: EVIDENCE_SCHEMA_ID },
    kind: { const: 'promotion-gate/decision' },
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version'],
      properties: {
        name: { const: 'promotion-gate' },
        version: { type: 'string' }
      }
    },
    time: {
      type: 'string',
      format: 'date-time',
      description: 'when the decision was made'
    },
    decision: { enum: ['allow', 'block'] },
    mode: { enum: ['enforce', 'report', 'audit', 'check', 'server'] },
    repository: { type: 'string', pattern: '^[^/]+/[^/]+$' },
    environment: { type: 'string', minLength: 1 },
    sha,
    deployer: nullableString,
    run: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'attempt', 'url', 'actor', 'triggering_actor'],
      properties: {
        id: nullableInt,
        attempt: nullableInt,
        url: nullableString,
        actor: nullableString,
        triggering_actor: nullableString
      }
    },
    policy: {
      type: 'object',
      additionalProperties: false,
      required: ['path', 'ref', 'blob_sha'],
      properties: {
        path: { type: 'string' },
        ref: nullableString,
        blob_sha: nullableString
      }
    },
    scope: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'since', 'note'],
          properties: {
            kind: { enum: ['range', 'head'] },
            since: nullableSha,
            note: nullableString
          }
        }
      ]
    },
    checks: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'message', 'problems', 'controls', 'links'],
        properties: {
          id: {
            enum: [
              'policy',
              'promotion',
              'source-branch',
              'branch-protection',
              'approval-record',
              'maker-checker',
              'segregation',
              'environment',
              'checks'
            ]
          },
          status: { enum: ['pass', 'fail', 'error', 'skipped'] },
          message: { type: 'string' },
          problems: strings,
          controls: strings,
          links: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['kind', 'url', 'label'],
              properties: {
                kind: { enum: [...LINK_KINDS] },
                url: { type: 'string' },
                label: { type: 'string' }
              }
            }
          }
        }
      }
    },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'sha',
          'url',
          'pull_request',
          'makers',
          'unresolved_identities',
          'approvers',
          'excluded_approvals'
        ],
        properties: {
          sha,
          url: { type: 'string' },
          pull_request: {
            anyOf: [
              { type: 'null' },
              {
                type: 'object',
                additionalProperties: false,
                required: ['number', 'url', 'head_sha', 'merged_at'],
                properties: {
                  number: { type: 'integer' },
                  url: { type: 'string' },
                  head_sha: sha,
                  merged_at: nullableString
                }
              }
            ]
          },
          makers: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['login', 'roles'],
              properties: { login: { type: 'string' }, roles: strings }
            }
          },
          unresolved_identities: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'email', 'role'],
              properties: {
                name: nullableString,
                email: nullableString,
                role: { type: 'string' }
              }
            }
          },
          approvers: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['login', 'review_url', 'submitted_at', 'commit'],
              properties: {
                login: { type: 'string' },
                review_url: { type: 'string' },
                submitted_at: nullableString,
                commit: nullableString
              }
            }
          },
          excluded_approvals: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['login', 'review_url', 'reason'],
              properties: {
                login: nullableString,
                review_url: { type: 'string' },
                reason: { type: 'string' }
              }
            }
          }
        }
      }
    },
    environment_settings: {
      description:
        "The GitHub environment's own settings as the gate read them; null when environment_protection is off or nothing was read.",
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: [
            'name',
            'exists',
            'url',
            'deployment_branch_policy',
            'branch_policies',
            'reviewers',
            'prevent_self_review',
            'can_admins_bypass',
            'wait_timer',
            'unreadable'
          ],
          properties: {
            name: { type: 'string' },
            exists: {
              type: ['boolean', 'null'],
              description: 'null: the settings could not be read'
            },
            url: nullableString,
            deployment_branch_policy: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  additionalProperties: false,
                  required: ['protected_branches', 'custom_branch_policies'],
                  properties: {
                    protected_branches: { type: 'boolean' },
                    custom_branch_policies: { type: 'boolean' }
                  }
                }
              ]
            },
            branch_policies: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['name', 'type'],
                    properties: {
                      name: { type: 'string' },
                      type: { enum: ['branch', 'tag'] }
                    }
                  }
                }
              ]
            },
            reviewers: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['type', 'name'],
                properties: {
                  type: { enum: ['User', 'Team'] },
                  name: { type: 'string' }
                }
              }
            },
            prevent_self_review: { type: ['boolean', 'null'] },
            can_admins_bypass: {
              type: ['boolean', 'null'],
              description: 'null: GitHub did not say; counted as allowed'
            },
            wait_timer: nullableInt,
            unreadable: {
              ...nullableString,
              description:
                'the permission that would read what could not be read'
            }
          }
        }
      ]
    },
    checks_relied_on: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'kind', 'sha', 'conclusion', 'url', 'by'],
        properties: {
          name: { type: 'string' },
          kind: { enum: ['check_run', 'status'] },
          sha,
          conclusion: { type: 'string' },
          url: nullableString,
          by: nullableString
        }
      }
    },
    break_glass: {
      description:
        'Set when the decision is a break-glass allow (SPEC §5.7): the checks it overrode still read fail or error in `checks`.',
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: [
            'reason',
            'approved_by',
            'overridden_checks',
            'review_within',
            'review_due',
            'follow_up_issue'
          ],
          properties: {
            reason: { type: 'string', minLength: 1 },
            approved_by: {
              type: 'string',
              minLength: 1,
              description:
                'the login whose environment approval of the run granted the break-glass'
            },
            overridden_checks: {
              type: 'array',
              minItems: 1,
              items: { enum: [...CHECK_IDS.filter((id) => id !== 'policy')] }
            },
            review_within: {
              type: 'integer',
              minimum: 0,
              description: 'break_glass.review_within, in seconds'
            },
            review_due: {
              type: 'string',
              format: 'date-time',
              description: 'the decision time plus review_within'
            },
            follow_up_issue: {
              description:
                'the issue asking for the independent review; null: not opened',
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  additionalProperties: false,
                  required: ['number', 'url'],
                  properties: {
                    number: { type: 'integer', minimum: 1 },
                    url: { type: 'string' }
                  }
                }
              ]
            }
          }
        }
      ]
    },
    failure: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'message', 'hint'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            hint: nullableString
          }
        }
      ]
    },
    api_requests: nullableInt,
    api: evidenceApiJsonSchema,
    notes: strings
  }
} as const
