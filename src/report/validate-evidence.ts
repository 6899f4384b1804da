import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { evidenceJsonSchema } from './evidence-schema.js'
import type { EvidenceRecord } from './evidence.js'

type ValidateFn = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null
}

// ajv-formats is CommonJS; under ESM its default export may be wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown })
  .default ?? addFormatsModule) as (ajv: Ajv) => Ajv

let compiled: ValidateFn | null = null

/** Problems with the record, empty when it matches schema/evidence.schema.json. */
export function evidenceProblems(record: EvidenceRecord): string[] {
  if (compiled === null) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    compiled = ajv.compile(evidenceJsonSchema) as ValidateFn
  }
  if (compiled(record)) return []
  return (compiled.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`
  )
}
