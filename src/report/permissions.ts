// Every permission the token lacked, named once: the problems of the checks
// that could not be verified name them (`checks: read`), and a job's
// `permissions:` block is what fixes those a workflow token can be given.

import type { Decision } from '../engine/index.js'

/**
 * The keys a workflow's `permissions:` block accepts. Others (administration,
 * members, metadata) no workflow token can be given: a GitHub App or a
 * fine-grained token can. docs.github.com/en/actions/writing-workflows/
 * workflow-syntax-for-github-actions#permissions; __tests__/workflows.test.ts
 * holds the list against the workflow parser's own schema.
 */
export const WORKFLOW_PERMISSIONS: ReadonlySet<string> = new Set([
  'actions',
  'artifact-metadata',
  'attestations',
  'checks',
  'code-quality',
  'contents',
  'copilot-requests',
  'deployments',
  'discussions',
  'drives',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
  'vulnerability-alerts'
])

const NAMED = /`([a-z][a-z_-]*): (read|write)`/g

export interface MissingPermissions {
  /** `name: level` a workflow's permissions block can grant, in order met */
  workflow: string[]
  /** what no workflow token can have */
  other: string[]
}

export function missingPermissions(decision: Decision): MissingPermissions {
  const level = new Map<string, string>()
  for (const check of decision.results) {
    if (check.status !== 'error') continue
    for (const text of [check.summary, ...check.problems]) {
      for (const [, raw = '', access = 'read'] of text.matchAll(NAMED)) {
        // GitHub Apps write pull_requests; workflows pull-requests
        const name = raw.replace(/_/g, '-')
        if (level.get(name) !== 'write') level.set(name, access)
      }
    }
  }
  const named = [...level].map(([name, access]) => `${name}: ${access}`)
  return {
    workflow: named.filter((p) =>
      WORKFLOW_PERMISSIONS.has(p.split(':')[0] ?? '')
    ),
    other: named.filter((p) => !WORKFLOW_PERMISSIONS.has(p.split(':')[0] ?? ''))
  }
}

/** One paragraph, or none: what the token lacked and the block that fixes it. */
export function permissionsSection(missing: MissingPermissions): string[] {
  const lines: string[] = []
  if (missing.workflow.length > 0) {
    lines.push(
      `**The token lacked ${missing.workflow.map((p) => `\`${p}\``).join(', ')}.** Add them to the deploy job:`,
      '',
      '```yaml',
      'permissions:',
      ...missing.workflow.map((p) => `  ${p}`),
      '```',
      ''
    )
  }
  if (missing.other.length > 0) {
    lines.push(
      `No workflow token can be given ${missing.other.map((p) => `\`${p}\``).join(', ')}: run the gate with a GitHub App's token (or \`promotion-gate serve\`) that has ${missing.other.length === 1 ? 'it' : 'them'}, or turn off what needs ${missing.other.length === 1 ? 'it' : 'them'} in the policy.`,
      ''
    )
  }
  return lines
}
