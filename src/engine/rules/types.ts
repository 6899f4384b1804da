// The outcome of one check (SPEC §5). Checks are pure: they turn Facts, the
// resolved policy and a time into a CheckResult; `decide` in index.ts is the
// only place that turns results into `allow`.

/** The check ids SPEC §3 exposes in the `violations` output, in SPEC order. */
export const CHECK_IDS = [
  'policy',
  'promotion',
  'source-branch',
  'branch-protection',
  'approval-record',
  'maker-checker',
  'segregation',
  'environment',
  'checks'
] as const

export type CheckId = (typeof CHECK_IDS)[number]

export const CHECK_STATUSES = ['pass', 'fail', 'error', 'skipped'] as const

/**
 * `pass`: verified. `fail`: verified to be violated. `error`: could not be
 * verified (a missing permission, missing data); it blocks like `fail`.
 * `skipped`: turned off by the policy.
 */
export type CheckStatus = (typeof CHECK_STATUSES)[number]

export const LINK_KINDS = [
  'pull_request',
  'review',
  'deployment',
  'commit',
  'settings',
  'check'
] as const

export type LinkKind = (typeof LINK_KINDS)[number]

/** Something a check relied on, for the job summary and the evidence. */
export interface CheckLink {
  kind: LinkKind
  url: string
  label: string
}

export interface CheckResult {
  id: CheckId
  status: CheckStatus
  /** one line for humans */
  summary: string
  /** one per violation: what is wrong and what would fix it */
  problems: string[]
  /** the audit controls this check evidences */
  controls: string[]
  /** what the check relied on */
  links: CheckLink[]
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`)
}

export const CONTROL = {
  iso27001SeparationOfEnvironments: 'ISO/IEC 27001:2022 A.8.31',
  iso27001ChangeManagement: 'ISO/IEC 27001:2022 A.8.32',
  soc2ChangeManagement: 'SOC 2 CC8.1',
  nistChangeControl: 'NIST SP 800-53 CM-3',
  nistAccessRestrictionsForChange: 'NIST SP 800-53 CM-5',
  nistSeparationOfDuties: 'NIST SP 800-53 AC-5'
} as const

const C = CONTROL

/** The controls each check evidences. */
export const CONTROLS: Readonly<Record<CheckId, readonly string[]>> = {
  policy: [
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistChangeControl
  ],
  promotion: [
    C.iso27001SeparationOfEnvironments,
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistChangeControl
  ],
  'source-branch': [
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistChangeControl
  ],
  'branch-protection': [
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistChangeControl,
    C.nistAccessRestrictionsForChange
  ],
  'approval-record': [
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistChangeControl
  ],
  'maker-checker': [
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistChangeControl,
    C.nistSeparationOfDuties
  ],
  segregation: [
    C.iso27001SeparationOfEnvironments,
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistAccessRestrictionsForChange,
    C.nistSeparationOfDuties
  ],
  environment: [
    C.iso27001SeparationOfEnvironments,
    C.soc2ChangeManagement,
    C.nistAccessRestrictionsForChange
  ],
  checks: [
    C.iso27001ChangeManagement,
    C.soc2ChangeManagement,
    C.nistChangeControl
  ]
}
