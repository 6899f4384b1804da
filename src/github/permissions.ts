// Which token permission a REST route needs, so a 403 can name it.
// Source: GitHub's "Permissions required for GitHub Apps" reference
// (docs.github.com/en/rest/authentication/permissions-required-for-github-apps).

const RULES: [RegExp, string, string][] = [
  // [path pattern, permission for reads, permission for writes]
  [
    /\/branches\/[^/]+\/protection/,
    'administration: read',
    'administration: write'
  ],
  [/\/rulesets|\/rules\/branches\//, 'metadata: read', 'administration: write'],
  [/\/deployments/, 'deployments: read', 'deployments: write'],
  [/\/environments/, 'actions: read', 'administration: write'],
  [/\/actions\//, 'actions: read', 'actions: write'],
  [/\/pulls/, 'pull-requests: read', 'pull-requests: write'],
  [/\/check-runs|\/check-suites/, 'checks: read', 'checks: write'],
  [/\/statuses\/|\/status$|\/statuses$/, 'statuses: read', 'statuses: write'],
  [/\/issues/, 'issues: read', 'issues: write'],
  [/\/collaborators/, 'metadata: read', 'administration: write'],
  [
    /\/contents\/|\/compare\/|\/commits|\/git\//,
    'contents: read',
    'contents: write'
  ]
]

export function permissionFor(
  method: string,
  path: string
): string | undefined {
  const write = method !== 'GET' && method !== 'HEAD'
  for (const [pattern, read, writePermission] of RULES) {
    if (pattern.test(path)) return write ? writePermission : read
  }
  return undefined
}
