// fast-check arbitraries of the adapters' raw inputs, for fuzzing
// (__tests__/properties/fuzz.test.ts): policy YAML, runner environment and
// event payloads, from plausible to hostile. Apart from arbitraries.ts (the
// decision's Facts and policies) because some build binary strings, whose
// set-up costs fast-check over a second in every test file that loads them.

import fc from 'fast-check'
import { stringify } from 'yaml'
import { MAKER_KINDS } from '../src/engine/policy/schema.js'
import { PEOPLE, loginArb, weighted, w } from './arbitraries.js'

// ---------------------------------------------------------------------------
// Policy YAML

/** Environment names: real ones, and names JavaScript or the schema dislike. */
const envNameArb = weighted<string>(
  [6, fc.constantFrom('development', 'staging', 'production', 'qa', 'eu west')],
  [
    1,
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'a/b',
      'x'.repeat(300),
      '1',
      'true',
      'null'
    )
  ]
)

/** A value of the wrong type, or a wrong value of the right type. */
export const wrongValueArb: fc.Arbitrary<unknown> = weighted<unknown>(
  [2, fc.integer({ min: -5, max: 5 })],
  [
    1,
    fc.constantFrom(
      1.5,
      -0,
      Number.MAX_SAFE_INTEGER + 2,
      1e300,
      Infinity,
      -Infinity,
      NaN
    )
  ],
  [1, fc.boolean()],
  w(1, null),
  [2, fc.string({ maxLength: 12 })],
  [
    1,
    fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), {
      maxLength: 3
    })
  ],
  [1, fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 })],
  w(1, {}),
  w(1, []),
  [1, envNameArb]
)

/**
 * Policy documents built from the real keys, as JS values, where a value is
 * wrong (wrong type, bad duration, unknown key...) with a weight of `noise`
 * against 4 for a plausible one.
 */
function policyDocumentAt(noise: number): fc.Arbitrary<unknown> {
  const key = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    weighted<unknown>([4, valid], [noise, wrongValueArb])
  const unknownKey = noise > 0 ? wrongValueArb : fc.constant(undefined)
  const durationArb = weighted<string | number>(
    [4, fc.constantFrom('0', '90s', '30m', '2h', '1d', '1h30m', '1d12h')],
    w(1, 0),
    [
      noise,
      fc.constantFrom(
        '2x',
        '1.5h',
        '-1h',
        '90',
        ' 2h',
        '',
        '30m1h',
        '1h1h',
        '0s',
        '00h',
        '1H'
      )
    ],
    // valid by the schema, at the edges: zeros, every unit, any number of
    // digits
    [
      1,
      fc.constantFrom(
        '0s',
        '00h',
        '1d0h0m0s',
        '104249991374d',
        '9999999999999999d',
        '99999999999999999999h'
      )
    ]
  )
  const nameArb = weighted<string>(
    [4, fc.constantFrom(...PEOPLE, 'org/team')],
    [1, fc.constantFrom('release/**', '*', 'dépôt', 'x'.repeat(300), '#1')],
    [noise, fc.string({ maxLength: 8 })]
  )
  const namesArb =
    noise > 0
      ? fc.array(nameArb, { minLength: 1, maxLength: 3 })
      : fc.uniqueArray(nameArb, { minLength: 1, maxLength: 3 })
  // logins (and `org/team` where `teams`): the schema refuses what can never
  // match (`@bob`, `acme/`), so other text is noise here
  const loginsArb = (teams: boolean): fc.Arbitrary<string[]> => {
    const login = weighted<string>(
      [
        4,
        fc.constantFrom(
          ...PEOPLE,
          'renovate[bot]',
          ...(teams ? ['org/team'] : [])
        )
      ],
      [noise, fc.constantFrom('@bob', 'acme/', 'a b', 'x'.repeat(40))],
      [noise, fc.string({ maxLength: 8 })]
    )
    return noise > 0
      ? fc.array(login, { minLength: 1, maxLength: 3 })
      : fc.uniqueArray(login, { minLength: 1, maxLength: 3 })
  }
  const countArb = weighted<number>(
    [8, fc.integer({ min: noise > 0 ? -1 : 0, max: 3 })],
    // whole numbers the schema takes, however large
    [1, fc.constantFrom(100, Number.MAX_SAFE_INTEGER, 1e300)]
  )
  const optional = { requiredKeys: [] as never[] }

  const approvals = fc.record(
    {
      pull_request: key(countArb),
      environment: key(countArb),
      independent_of: key(
        fc.subarray(
          noise > 0 ? [...MAKER_KINDS, 'reviewer'] : [...MAKER_KINDS],
          { minLength: 1 }
        )
      ),
      reviewers: key(loginsArb(true)),
      on_latest_commit: key(fc.boolean()),
      allow_bots: key(fc.boolean()),
      unresolved_identities: key(fc.constantFrom('block', 'ignore')),
      direct_pushes: key(loginsArb(false)),
      require_verified_commits: key(fc.boolean()),
      pull_requests: unknownKey
    },
    optional
  )
  const environment = fc.record(
    {
      // without noise, `after` is drawn below from the environments before
      after:
        noise > 0
          ? key(
              weighted<unknown>(
                [3, envNameArb],
                [2, fc.array(envNameArb, { minLength: 1, maxLength: 3 })]
              )
            )
          : fc.constant(undefined),
      soak: key(durationArb),
      match: key(fc.constantFrom('commit', 'tree')),
      trusted_deployers: key(loginsArb(false)),
      branches: key(namesArb),
      branch_protection: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record(
            {
              required_approvals: key(countArb),
              dismiss_stale_reviews: key(fc.boolean()),
              require_last_push_approval: key(fc.boolean()),
              require_code_owner_review: key(fc.boolean()),
              block_force_pushes: key(fc.boolean()),
              block_deletions: key(fc.boolean()),
              required_status_checks: key(namesArb)
            },
            optional
          )
        ])
      ),
      scope: key(fc.constantFrom('range', 'head')),
      approvals: key(approvals),
      deployer_independent: key(fc.boolean()),
      break_glass: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record({
            approvers: key(loginsArb(true)),
            review_within: key(durationArb)
          })
        ])
      ),
      environment_protection: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record(
            {
              deployment_branches: key(fc.constantFrom('protected', 'any')),
              required_reviewers: key(countArb),
              prevent_self_review: key(fc.boolean()),
              admin_bypass: key(fc.boolean()),
              wait_timer: key(fc.integer({ min: noise > 0 ? -1 : 0, max: 100 }))
            },
            optional
          )
        ])
      ),
      checks: key(
        weighted<unknown>(w(1, false), [
          4,
          fc.record(
            { required: key(namesArb), no_failures: key(fc.boolean()) },
            optional
          )
        ])
      ),
      soak_time: unknownKey
    },
    optional
  )
  const environments =
    noise > 0
      ? fc.dictionary(envNameArb, key(environment), { minKeys: 1, maxKeys: 4 })
      : fc
          .uniqueArray(
            fc.tuple(
              fc.constantFrom(...ENVIRONMENTS),
              environment,
              fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }))
            ),
            { minLength: 1, maxLength: 4, selector: ([name]) => name }
          )
          .map((list) =>
            Object.fromEntries(
              list.map(([name, settings, picks], index) => {
                // only environments listed before: no cycles
                const before = list.slice(0, index).map(([n]) => n)
                if (picks === null || before.length === 0) {
                  return [name, settings]
                }
                const after = [
                  ...new Set(picks.map((i) => before[i % before.length]))
                ]
                return [
                  name,
                  { ...settings, after: after.length === 1 ? after[0] : after }
                ]
              })
            )
          )
  return fc.record({
    version: key(fc.constant(1)),
    defaults: weighted<unknown>(w(1, undefined), [1, key(environment)]),
    environments: key(environments),
    environment: unknownKey
  })
}

const ENVIRONMENTS = ['development', 'staging', 'production', 'qa']

/**
 * Policy documents from the real keys: some plausible throughout, most with
 * a wrong type or value here and there, some wrong everywhere; or not a
 * mapping at all.
 */
export const policyDocumentArb: fc.Arbitrary<unknown> = weighted<unknown>(
  [3, policyDocumentAt(0)],
  [4, policyDocumentAt(0.05)],
  [2, policyDocumentAt(0.5)],
  [1, wrongValueArb]
)

/** `policyDocumentArb` as YAML text, block or flow style. */
export const policyYamlArb: fc.Arbitrary<string> = fc
  .tuple(policyDocumentArb, fc.constantFrom<'block' | 'flow'>('block', 'flow'))
  .map(([doc, style]) => {
    const text = stringify(doc, {
      collectionStyle: style,
      aliasDuplicateObjects: false
    })
    return typeof text === 'string' ? text : ''
  })

/** One edit of a text: delete, insert, duplicate a line, swap two lines. */
export type TextMutation =
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    char: weighted<string>(
      [
        4,
        fc.constantFrom(
          ' ',
          '\n',
          '\t',
          ':',
          '-',
          '[',
          ']',
          '{',
          '}',
          '#',
          '&',
          '*',
          '!',
          '|',
          '>',
          "'",
          '"',
          ',',
          '?',
          '%',
          '@',
          '`',
          '0',
          'x'
        )
      ],
      [1, fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })]
    )
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('swap-lines' as const),
    a: fc.nat(),
    b: fc.nat()
  })
)

export function applyMutation(text: string, m: TextMutation): string {
  switch (m.kind) {
    case 'delete': {
      if (text.length === 0) return text
      const at = m.at % text.length
      return text.slice(0, at) + text.slice(at + 1)
    }
    case 'insert': {
      const at = m.at % (text.length + 1)
      return text.slice(0, at) + m.char + text.slice(at)
    }
    case 'duplicate-line': {
      const lines = text.split('\n')
      const at = m.line % lines.length
      lines.splice(at, 0, lines[at] ?? '')
      return lines.join('\n')
    }
    case 'swap-lines': {
      const lines = text.split('\n')
      const a = m.a % lines.length
      const b = m.b % lines.length
      const la = lines[a] ?? ''
      lines[a] = lines[b] ?? ''
      lines[b] = la
      return lines.join('\n')
    }
  }
}

// ---------------------------------------------------------------------------
// The runner's environment and the event payload

/**
 * A value a user or the runner could put in a variable: a valid one (maybe
 * padded with blanks), none, or, with weight `noise`, a wrong one.
 */
const variableArb = (
  valid: fc.Arbitrary<string>,
  wrong: fc.Arbitrary<string>,
  noise: number
) =>
  weighted<string | undefined>(
    [4, valid],
    [1, valid.map((v) => ` ${v}\n`)],
    w(2, undefined),
    w(noise, ''),
    [noise * 2, wrong],
    [noise, fc.string({ maxLength: 20 })],
    [noise, fc.string({ maxLength: 20, unit: 'binary' })]
  )

export const hexShaArb = fc.stringMatching(/^[0-9a-f]{40}$/)

/** A token that is not a substring of anything else generated. */
export const tokenArb = fc
  .stringMatching(/^[A-Za-z0-9]{24}$/)
  .map((s) => `ghs_${s}`)

/** Valid and wrong values of the action's inputs (and the runner's), by name. */
const VARIABLES: Readonly<
  Record<string, { valid: fc.Arbitrary<string>; wrong: fc.Arbitrary<string> }>
> = {
  environment: {
    valid: fc.constantFrom('production', 'staging', 'eu west'),
    wrong: envNameArb
  },
  sha: {
    valid: weighted<string>(
      [3, hexShaArb],
      [1, hexShaArb.map((s) => s.toUpperCase())]
    ),
    wrong: fc.constantFrom('HEAD', 'main', '$(id)', 'a'.repeat(41), 'abc123')
  },
  policy: {
    valid: fc.constantFrom('.github/promotion-gate.yml', 'policy.yml', 'a/b'),
    wrong: fc.constantFrom('/etc/passwd', '../x.yml', 'a//b', './p', 'c:/x')
  },
  'policy-ref': {
    valid: fc.constantFrom('main', 'refs/heads/main', 'v1.0', 'release/1'),
    wrong: fc.constantFrom('a..b', 'a b', 'x~1', 'main:evil', 'x^', '[x')
  },
  mode: {
    valid: fc.constantFrom('enforce', 'report', 'audit'),
    wrong: fc.constantFrom('Enforce', 'block', 'allow')
  },
  'audit-since': {
    valid: fc.constantFrom('30d', '2024-01-31', '1h30m'),
    wrong: fc.constantFrom('last week', '-1d', '30 d')
  },
  'timeout-seconds': {
    valid: fc.constantFrom('1', '120', '3600', '007'),
    wrong: fc.constantFrom('3601', '0', '-5', '1e3', '0x10', '9'.repeat(30))
  },
  'commit-status': {
    valid: fc.constantFrom('true', 'false', 'True', 'FALSE'),
    wrong: fc.constantFrom('yes', '1', 'on')
  },
  'audit-exceptions': {
    valid: fc.constantFrom('fail', 'report', ''),
    wrong: fc.constantFrom('Fail', 'warn', 'true')
  },
  'evidence-artifact': {
    valid: fc.constantFrom('true', 'false', 'FALSE', ''),
    wrong: fc.constantFrom('yes', '0', 'off')
  },
  'evidence-retention-days': {
    valid: fc.constantFrom('1', '30', '400', ''),
    wrong: fc.constantFrom('0', '401', '-1', '7d', '1.5')
  },
  attest: {
    valid: fc.constantFrom('false', 'FALSE', ''),
    wrong: fc.constantFrom('yes', '1', 'on')
  },
  'subject-digest': {
    valid: fc.constantFrom(''),
    wrong: fc.constantFrom('sha256:abc', 'md5:' + 'a'.repeat(32), 'x')
  },
  'subject-name': {
    valid: fc.constantFrom(''),
    wrong: fc.constantFrom('img', 'ghcr.io/acme/shop')
  },
  'break-glass-reason': {
    valid: fc.constantFrom('outage', 'INC-42: payments down'),
    wrong: fc.constant(' ')
  },
  GITHUB_SHA: { valid: hexShaArb, wrong: fc.constantFrom('HEAD', '') },
  GITHUB_ACTOR: { valid: loginArb, wrong: fc.constant('') },
  GITHUB_TRIGGERING_ACTOR: { valid: loginArb, wrong: fc.constant('') },
  // not a run of hundreds of digits: a known bug (fuzz.test.ts, run ids)
  GITHUB_RUN_ID: {
    valid: fc.constantFrom('77', '0', '007'),
    wrong: fc.constantFrom('-1', '1.5', '1e3', 'x')
  },
  GITHUB_RUN_ATTEMPT: {
    valid: fc.constantFrom('1', '2'),
    wrong: fc.constantFrom('x', '-1')
  },
  GITHUB_SERVER_URL: {
    valid: fc.constantFrom('https://github.com', 'https://ghe.example.com/'),
    wrong: fc.constantFrom('ftp://x', 'not a url')
  },
  GITHUB_API_URL: {
    valid: fc.constant('https://api.github.com'),
    wrong: fc.constant('x')
  },
  GITHUB_GRAPHQL_URL: {
    valid: fc.constant('https://api.github.com/graphql'),
    wrong: fc.constant('x')
  }
}

const RUNNER_VARIABLES = Object.keys(VARIABLES).filter((k) =>
  k.startsWith('GITHUB_')
)

function actionEnvAt(
  inputNames: readonly string[],
  noise: number
): fc.Arbitrary<Record<string, string | undefined>> {
  const random = {
    valid: fc.string({ maxLength: 20 }),
    wrong: fc.string({ maxLength: 20 })
  }
  const model: Record<string, fc.Arbitrary<string | undefined>> = {}
  for (const name of [...inputNames, ...RUNNER_VARIABLES]) {
    if (name === 'token') continue
    const { valid, wrong } = VARIABLES[name] ?? random
    const key = name.startsWith('GITHUB_')
      ? name
      : `INPUT_${name.toUpperCase()}`
    model[key] = variableArb(valid, wrong, noise)
  }
  model.GITHUB_REPOSITORY = weighted<string | undefined>(
    [8, fc.constantFrom('acme/shop', 'Acme/shop.js')],
    w(noise, undefined),
    [noise, fc.constantFrom('acme', 'acme/shop/x', '/shop', 'acme/', '')],
    [noise, fc.string({ maxLength: 12 })]
  )
  return fc.record(model)
}

/**
 * A runner environment: `INPUT_<NAME>` for every input name given (random
 * strings for a name this file does not know), GITHUB_REPOSITORY and the
 * other GITHUB_* variables the action reads; mostly valid, often not.
 * `INPUT_TOKEN` and GITHUB_EVENT_PATH are the caller's.
 */
export function actionEnvArb(
  inputNames: readonly string[]
): fc.Arbitrary<Record<string, string | undefined>> {
  return weighted(
    [2, actionEnvAt(inputNames, 0)],
    [2, actionEnvAt(inputNames, 0.1)],
    [1, actionEnvAt(inputNames, 1)]
  )
}

/** What the hostile payloads put in a prototype's deployment fields. */
export const PROTOTYPE_SHA = 'from-the-prototype'

/** JSON text of an event payload, from plausible to hostile. */
export const eventTextArb: fc.Arbitrary<string> = (() => {
  const fieldArb = weighted<unknown>(
    [3, hexShaArb],
    [2, envNameArb],
    [2, fc.jsonValue({ maxDepth: 2 })],
    w(1, null)
  )
  const deploymentArb = weighted<unknown>(
    [
      3,
      fc.record({
        environment: envNameArb,
        sha: hexShaArb,
        creator: loginArb.map((login) => ({ login }))
      })
    ],
    [
      6,
      fc.record(
        {
          environment: fieldArb,
          sha: fieldArb,
          creator: weighted<unknown>(
            [3, loginArb.map((login) => ({ login }))],
            [1, fc.jsonValue({ maxDepth: 2 })]
          )
        },
        { requiredKeys: [] }
      )
    ],
    [2, fc.jsonValue({ maxDepth: 3 })],
    // every JSON type
    [2, fc.constantFrom<unknown>(null, true, 0, -1.5, 'production', [], {})]
  )
  const payloadArb = weighted<unknown>(
    [6, fc.record({ deployment: deploymentArb }, { requiredKeys: [] })],
    [2, fc.jsonValue({ maxDepth: 4 })]
  )
  // An object literal cannot carry an own `__proto__` key (it sets the
  // prototype instead): splice the hostile keys in as text. A prototype's
  // fields say PROTOTYPE_SHA, never a real payload's.
  const hostile: string[] = [
    `"__proto__": {"polluted": "yes", "deployment": {"sha": "${PROTOTYPE_SHA}"}}`,
    '"constructor": {"prototype": {"polluted": "yes"}}',
    '"prototype": {"polluted": "yes"}',
    `"deployment": {"__proto__": {"polluted": "yes", "sha": "${PROTOTYPE_SHA}", "environment": "${PROTOTYPE_SHA}"}}`
  ]
  return weighted<string>(
    [
      8,
      fc.tuple(payloadArb, fc.subarray(hostile)).map(([payload, keys]) => {
        const text = JSON.stringify(payload) ?? 'null'
        if (keys.length === 0 || !text.startsWith('{')) return text
        const rest = text === '{}' ? '' : `,${text.slice(1, -1)}`
        return `{${keys.join(',')}${rest}}`
      })
    ],
    [2, fc.string({ maxLength: 40 })],
    [1, fc.string({ maxLength: 40, unit: 'binary' })],
    [
      1,
      fc
        .integer({ min: 1, max: 200_000 })
        .map((n) => `{"deployment":${'['.repeat(n)}${']'.repeat(n)}}`)
    ],
    [
      1,
      fc
        .integer({ min: 1, max: 50_000 })
        .map((n) => `${'{"a":'.repeat(n)}null${'}'.repeat(n)}`)
    ],
    [
      1,
      fc
        .constantFrom(1, 1 << 20)
        .map(
          (n) =>
            `{"deployment":{"sha":"${'a'.repeat(n)}","environment":"${'e'.repeat(n)}"}}`
        )
    ],
    [1, fc.constantFrom('', ' ', '\uFEFF{}', 'null', '[]', '"x"', '1', '{}')]
  )
})()
