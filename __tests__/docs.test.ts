// Every policy the docs show must load: docs that cannot drift.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { loadPolicy } from '../src/engine/policy/load.js'

function policies(file: string): string[] {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .filter((block) => /^(#.*\n)*version: 1/m.test(block))
}

describe.each(['README.md', 'SECURITY.md'])('policies in %s', (file) => {
  const found = policies(file)

  it('shows at least one policy', () => {
    expect(found.length).toBeGreaterThan(0)
  })

  it.each(found.map((p, i) => [i + 1, p]))('policy %i loads', (_i, text) => {
    const policy = loadPolicy(text as string, {
      path: `${file}`,
      ref: 'main',
      defaultBranch: 'main'
    })
    expect(Object.keys(policy.environments)).toContain('production')
  })
})
