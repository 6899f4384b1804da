// Each audited deployment's evidence record, written to a file of its own
// as soon as it is judged (`evidence/<deployment id>.json`, the packet's
// evidence/ of SPEC §7), so the audit holds only the report's rows.

import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EvidenceRecord } from '../engine/index.js'

/** The directory's `evidence/`, created, and a writer of one record per deployment. */
export function evidenceDirectory(
  dir: string
): (deploymentId: number, record: EvidenceRecord) => Promise<void> {
  const evidence = join(dir, 'evidence')
  mkdirSync(evidence, { recursive: true })
  return (deploymentId, record) =>
    writeFile(
      join(evidence, `${deploymentId}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
      { mode: 0o644 }
    )
}
