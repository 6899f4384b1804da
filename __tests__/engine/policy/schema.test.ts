import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ajv } from 'ajv'
import {
  policyJsonSchema,
  type ApprovalsDocument,
  type BranchProtectionDocument,
  type BreakGlassDocument,
  type ChecksDocument,
  type EnvironmentDocument,
  type EnvironmentProtectionDocument,
  type PolicyDocument
} from '../../../src/engine/policy/schema.js'
import {
  renderSchema,
  repositoryRoot,
  schemaFiles
} from '../../../scripts/write-schemas.js'

describe('policyJsonSchema', () => {
  it('is what schema/promotion-gate.schema.json holds (run scripts/write-schemas.ts)', () => {
    const file = schemaFiles.find(
      (f) => f.path === 'schema/promotion-gate.schema.json'
    )
    expect(file?.schema).toBe(policyJsonSchema)
    for (const { path, schema } of schemaFiles) {
      const written = readFileSync(resolve(repositoryRoot, path), 'utf8')
      expect(written).toBe(renderSchema(schema))
    }
  })

  it('is a valid draft-07 schema with an id and a title', () => {
    const ajv = new Ajv({ strict: true })
    expect(ajv.validateSchema(policyJsonSchema)).toBe(true)
    expect(ajv.errors ?? null).toBeNull()
    expect(policyJsonSchema.$id).toBe(
      'https://raw.githubusercontent.com/OWNER/promotion-gate/v1/schema/promotion-gate.schema.json'
    )
    expect(policyJsonSchema.title).toBeTruthy()
  })

  it('describes every property, for editors', () => {
    const missing: string[] = []
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, `${where}/${i}`))
        return
      }
      if (typeof node !== 'object' || node === null) return
      const record = node as Record<string, unknown>
      const properties = record.properties
      if (typeof properties === 'object' && properties !== null) {
        for (const [key, value] of Object.entries(properties)) {
          const described =
            typeof value === 'object' &&
            value !== null &&
            typeof (value as { description?: unknown }).description === 'string'
          if (!described) missing.push(`${where}/properties/${key}`)
        }
      }
      for (const [key, value] of Object.entries(record)) {
        walk(value, `${where}/${key}`)
      }
    }
    walk(policyJsonSchema, '#')
    expect(missing).toEqual([])
  })

  it('is strict: ajv compiles it in strict mode', () => {
    expect(() =>
      new Ajv({ strict: true, allErrors: true }).compile(policyJsonSchema)
    ).not.toThrow()
  })
})

// Compile-time: the YAML document types name exactly the schema's keys, so
// the loader and the published schema cannot drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Keys<T> = T extends { properties: infer P } ? keyof P : never
type Definitions = typeof policyJsonSchema.definitions
type EnvironmentProperties = Definitions['environment']['properties']
type ObjectBranch<K extends keyof EnvironmentProperties> =
  EnvironmentProperties[K] extends { anyOf: readonly (infer B)[] }
    ? Extract<B, { type: 'object' }>
    : never

describe('schema document types', () => {
  it('match the schema keys', () => {
    const checks: true[] = [
      true satisfies Same<keyof PolicyDocument, Keys<typeof policyJsonSchema>>,
      true satisfies Same<
        keyof EnvironmentDocument,
        Keys<Definitions['environment']>
      >,
      true satisfies Same<
        keyof ApprovalsDocument,
        Keys<Definitions['approvals']>
      >,
      true satisfies Same<
        keyof BranchProtectionDocument,
        Keys<ObjectBranch<'branch_protection'>>
      >,
      true satisfies Same<
        keyof BreakGlassDocument,
        Keys<ObjectBranch<'break_glass'>>
      >,
      true satisfies Same<
        keyof EnvironmentProtectionDocument,
        Keys<ObjectBranch<'environment_protection'>>
      >,
      true satisfies Same<keyof ChecksDocument, Keys<ObjectBranch<'checks'>>>
    ]
    expect(checks.every(Boolean)).toBe(true)
  })
})
