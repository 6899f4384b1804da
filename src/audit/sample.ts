// A reproducible random sample of the population (SPEC §7, `--sample N
// --seed S`): the auditor's "select a sample of 15-20 production
// deployments", drawn so that anyone holding the population and the seed
// draws the same deployments again, with nothing but SHA-256.

import { createHash, randomBytes } from 'node:crypto'

export interface Sample {
  /** how many were asked for */
  size: number
  seed: string
  /** the method in words, as printed: enough to re-draw the sample by hand */
  method: string
  /** the deployments drawn, in deployment id order */
  ids: number[]
}

export const SAMPLE_METHOD =
  'sort the population by deployment id, ascending (M deployments); for i = 0 to N-1: k = the first 8 bytes of SHA-256 of the UTF-8 text "<seed>:<i>" read as an unsigned big-endian 64-bit integer, swap positions i and i + (k mod (M - i)) (a partial Fisher-Yates shuffle); the sample is positions 0 to N-1, listed by deployment id; N >= M takes every deployment'

/** A seed for an auditor who gave none: 64 random bits, printed with the sample. */
export function newSeed(): string {
  return randomBytes(8).toString('hex')
}

function draw(seed: string, i: number): bigint {
  return createHash('sha256')
    .update(`${seed}:${i}`, 'utf8')
    .digest()
    .readBigUInt64BE(0)
}

/** The sample of `ids` that SAMPLE_METHOD describes. */
export function drawSample(
  ids: readonly number[],
  size: number,
  seed: string
): Sample {
  const order = [...new Set(ids)].sort((a, b) => a - b)
  const m = order.length
  const n = Math.min(size, m)
  for (let i = 0; i < n; i++) {
    const j = i + Number(draw(seed, i) % BigInt(m - i))
    const at = order[i] as number
    order[i] = order[j] as number
    order[j] = at
  }
  return {
    size,
    seed,
    method: SAMPLE_METHOD,
    ids: order.slice(0, n).sort((a, b) => a - b)
  }
}
