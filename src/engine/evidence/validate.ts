import validate from './evidence-validator.generated.js'
import type { EvidenceRecord } from './record.js'

/**
 * Problems with the record, empty when it matches schema/evidence.schema.json.
 * The validator is compiled ahead of time by scripts/write-schemas.ts.
 */
export function evidenceProblems(record: EvidenceRecord): string[] {
  if (validate(record)) return []
  // ajv sets `errors`, each with a message, whenever it returns false: the
  // fallbacks are for its types
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`
  )
}
