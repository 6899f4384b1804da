// Reads the policy file of SPEC §4: YAML → schema validation → semantic
// checks → defaults merged and filled in. Every problem found is reported at
// once, each with the key's dotted path and the line and column of the YAML
// node, so one round of fixes is enough.

import { isMap } from 'yaml'
import { PolicyError } from '../errors.js'
import { checkAfter } from './after-graph.js'
import { checkDurations } from './durations.js'
import { schemaProblems } from './messages.js'
// Compiled ahead of time from policyJsonSchema by scripts/write-schemas.ts
// (compiling at run time was most of a decision's CPU time); a test keeps
// the generated module in step with the schema.
import validatePolicy from './policy-validator.generated.js'
import { resolvePolicy } from './resolve.js'
import type { PolicyDocument } from './schema.js'
import { closest } from './suggest.js'
import type { EnvironmentPolicy, Policy, PolicySource } from './types.js'
import { describeValue, errorText, exoticValue } from './values.js'
import { PolicyText } from './yaml-text.js'

/**
 * Parses, validates and resolves a policy. Throws a PolicyError naming every
 * problem (path, line, column) when the text is not a valid policy.
 */
export function loadPolicy(text: string, source: PolicySource): Policy {
  const file = new PolicyText(text)
  const failure = (): PolicyError =>
    new PolicyError(
      source.path,
      file.sortedProblems(),
      `Fix ${source.path} on ${source.ref}: the gate reads the policy from ` +
        'there and blocks every deployment while it is invalid.'
    )
  const fail = (message: string, at = { line: 1, column: 1 }): PolicyError => {
    file.addAt({ path: '', ...at, message })
    return failure()
  }

  const { doc } = file
  for (const error of doc.errors) file.addYamlError(error)
  for (const warning of doc.warnings) file.addYamlError(warning)
  // A duplicate key leaves a usable document (the last value wins), so keep
  // going and report the rest too; after a syntax error the shape is a guess.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) throw failure()

  if (doc.contents === null) {
    throw fail(
      'the policy file is empty: it needs at least "version: 1" and ' +
        '"environments:"'
    )
  }
  if (!isMap(doc.contents)) {
    throw fail(
      'the policy must be a mapping with the keys version and environments, ' +
        `not ${describeValue(doc.contents.toJSON())}`
    )
  }

  // `? [a, b]: ...` keys cannot become object keys without losing meaning.
  if (file.addCollectionKeys() > 0) throw failure()

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    throw fail(
      `cannot read the YAML: ${errorText(error)}`,
      file.unresolvedAlias()
    )
  }

  // Maps, Sets, buffers and dates from YAML tags look like objects with no
  // keys to a JSON Schema: a setting written that way would silently drop.
  const exotic = exoticValue(data, [])
  if (exotic !== null) {
    file.add({
      path: exotic.path,
      at: 'value',
      message: `a ${exotic.kind} (from a YAML tag such as !!omap or !!set) is not allowed here: write a plain mapping, list or value`
    })
    throw failure()
  }

  if (!validatePolicy(data)) {
    for (const problem of schemaProblems(validatePolicy.errors ?? [], data)) {
      file.add(problem)
    }
  }
  checkAfter(data, file)
  // Only once the shapes are right: a bad duration is already reported.
  if (file.problems.length === 0) checkDurations(data, file)
  if (file.problems.length > 0) throw failure()

  return resolvePolicy(data as PolicyDocument, source)
}

/**
 * The policy of one environment; throws a PolicyError listing the
 * environments the policy has when `name` is not one of them.
 */
export function environmentPolicy(
  policy: Policy,
  name: string
): EnvironmentPolicy {
  if (Object.hasOwn(policy.environments, name)) {
    const env = policy.environments[name]
    if (env !== undefined) return env
  }
  const file = policy.source.path
  const names = Object.keys(policy.environments)
  const known =
    names.length === 0 ? 'it has none' : `it has: ${names.join(', ')}`
  const guess = closest(name, names)
  throw new PolicyError(
    file,
    [
      {
        path: 'environments',
        line: 0,
        column: 0,
        message:
          `environment ${JSON.stringify(name)} is not in the policy ` +
          `(${known})` +
          (guess === undefined
            ? ''
            : `; did you mean ${JSON.stringify(guess)}?`)
      }
    ],
    `Add ${JSON.stringify(name)} under environments: in ${file}, or deploy ` +
      'to an environment the policy names.'
  )
}
