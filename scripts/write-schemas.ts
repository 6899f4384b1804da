// Writes the published JSON Schemas from their TypeScript sources, so the
// files under schema/ cannot drift from what the engine validates with
// (a test compares them; `--check` does the same).
//
//   npx tsx scripts/write-schemas.ts          write every file
//   npx tsx scripts/write-schemas.ts --check  exit 1 if any file is stale
//
// To publish another schema, add one entry to `schemaFiles`.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { policyJsonSchema } from '../src/engine/policy/schema.js'
import { evidenceJsonSchema } from '../src/report/evidence-schema.js'

export interface SchemaFile {
  /** path relative to the repository root */
  path: string
  schema: object
}

export const schemaFiles: readonly SchemaFile[] = [
  { path: 'schema/promotion-gate.schema.json', schema: policyJsonSchema },
  { path: 'schema/evidence.schema.json', schema: evidenceJsonSchema }
]

export const repositoryRoot = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..'
)

/** The exact bytes of a published schema file. */
export function renderSchema(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`
}

/** Paths (relative to root) whose content differs from the generator's. */
export function staleSchemaFiles(root: string = repositoryRoot): string[] {
  return schemaFiles
    .filter((file) => {
      let current: string
      try {
        current = readFileSync(resolve(root, file.path), 'utf8')
      } catch {
        return true
      }
      return current !== renderSchema(file.schema)
    })
    .map((file) => file.path)
}

export function writeSchemas(root: string = repositoryRoot): string[] {
  return schemaFiles.map((file) => {
    const target = resolve(root, file.path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, renderSchema(file.schema))
    return file.path
  })
}

function main(argv: string[]): number {
  if (argv.includes('--check')) {
    const stale = staleSchemaFiles()
    for (const path of stale) {
      process.stderr.write(
        `${path} is out of date: run npx tsx scripts/write-schemas.ts\n`
      )
    }
    return stale.length === 0 ? 0 : 1
  }
  for (const path of writeSchemas()) process.stdout.write(`wrote ${path}\n`)
  return 0
}

const invokedAs = process.argv[1]
if (
  invokedAs !== undefined &&
  import.meta.url === pathToFileURL(invokedAs).href
) {
  process.exitCode = main(process.argv.slice(2))
}
