import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { staleSchemaFiles, schemaFiles } from '../scripts/write-schemas.js'
import { VERSION } from '../src/version.js'

describe('published files', () => {
  it('schema/*.json match their TypeScript sources (npx tsx scripts/write-schemas.ts)', () => {
    expect(schemaFiles.map((f) => f.path)).toEqual([
      'schema/promotion-gate.schema.json',
      'schema/evidence.schema.json'
    ])
    expect(staleSchemaFiles()).toEqual([])
  })

  it('the tool version in evidence is the package version', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8')
    ) as {
      version: string
    }
    expect(VERSION).toBe(pkg.version)
  })
})
