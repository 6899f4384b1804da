// The evidence record outlives the runner: uploaded as an artifact of the run
// with @actions/artifact, the one file as it is (no zip: "direct uploads",
// actions/upload-artifact v7, github.com/actions/upload-artifact/pull/764), so
// an auditor downloads the JSON the gate wrote. The artifact is named after
// the file (GitHub names direct uploads so), which is unique per environment,
// commit, run and attempt.
//
// An upload that fails does not change the decision: the record was written
// and its path is the `evidence-file` output; the warning says what to do.

import { basename, dirname } from 'node:path'
import { getErrorMessage } from '../engine/index.js'

export type UploadOutcome =
  | { kind: 'uploaded'; url: string; name: string }
  | { kind: 'skipped'; why: string }
  | { kind: 'failed'; why: string }

export interface UploadRequest {
  file: string
  retentionDays: number | null
  env: Record<string, string | undefined>
  /** the run's page: <server>/<owner>/<repo>/actions/runs/<id> */
  runUrl: string | null
  /** longest the upload may take, retries included */
  timeoutMs: number
}

/** The upload itself, injected by tests that run in process. */
export type Uploader = (
  name: string,
  file: string,
  options: { retentionDays?: number }
) => Promise<{ id: number }>

export async function uploadEvidence(
  r: UploadRequest,
  upload: Uploader = artifactUpload
): Promise<UploadOutcome> {
  // Every job on GitHub's runners has both; without them there is no
  // artifact storage to write to (a local run, act, a test).
  const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter(
    (k) => (r.env[k] ?? '') === ''
  )
  if (missing.length > 0 || r.runUrl === null) {
    return {
      kind: 'skipped',
      why: `no artifact storage on this runner (${missing.length > 0 ? `${missing.join(' and ')} unset` : 'no workflow run'})`
    }
  }
  const name = basename(r.file)
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${r.timeoutMs / 1000}s`)),
      r.timeoutMs
    )
  })
  try {
    const options =
      r.retentionDays === null ? {} : { retentionDays: r.retentionDays }
    const { id } = await Promise.race([upload(name, r.file, options), late])
    return { kind: 'uploaded', name, url: `${r.runUrl}/artifacts/${id}` }
  } catch (error) {
    return { kind: 'failed', why: getErrorMessage(error) }
  } finally {
    clearTimeout(timer)
  }
}

/** What to tell the user when the record stayed on the runner. */
export function uploadProblem(
  outcome: UploadOutcome,
  file: string
): string | null {
  if (outcome.kind !== 'failed') return null
  return `the evidence record was not uploaded as an artifact (${outcome.why}); it is at ${file} on the runner only: keep it with actions/upload-artifact and the evidence-file output, or set evidence-artifact: false`
}

/** @actions/artifact, loaded only when a record is uploaded. */
const artifactUpload: Uploader = async (name, file, options) => {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const result = await new DefaultArtifactClient().uploadArtifact(
    name,
    [file],
    dirname(file),
    { ...options, skipArchive: true }
  )
  if (result.id === undefined) throw new Error('GitHub returned no artifact id')
  return { id: result.id }
}
