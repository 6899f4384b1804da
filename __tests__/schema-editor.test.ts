// The policy as an editor sees it: the README's policy names the published
// schema on its first line (`# yaml-language-server: $schema=URL`), and
// yaml-language-server (VS Code's YAML extension, Neovim, JetBrains, Zed)
// fetches that URL and completes and checks the file with it. Here the
// language service runs in process; the one URL it may fetch is answered
// with schema/promotion-gate.schema.json, the file the URL serves.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { getLanguageService } from 'yaml-language-server'
import { TextDocument } from 'vscode-languageserver-textdocument'
import { POLICY_SCHEMA_URL } from '../scripts/write-schemas.js'

const read = (path: string): string =>
  readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')

const README = read('README.md')
const SCHEMA_FILE = 'schema/promotion-gate.schema.json'
const MODELINE = `# yaml-language-server: $schema=${POLICY_SCHEMA_URL}`

interface JsonSchema {
  $id: string
  definitions: Record<string, { properties: Record<string, unknown> }>
}
const schema = JSON.parse(read(SCHEMA_FILE)) as JsonSchema
const ENVIRONMENT_KEYS = Object.keys(
  schema.definitions.environment?.properties ?? {}
)

/** Every whole policy file the README shows (as __tests__/docs.test.ts finds them). */
const policies = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => m[1] ?? '')
  .filter((block) => /^(#.*\n)*version: 1/m.test(block))

function editor(): {
  requested: string[]
  service: ReturnType<typeof getLanguageService>
} {
  const requested: string[] = []
  const service = getLanguageService({
    schemaRequestService: (uri) => {
      requested.push(uri)
      return uri === POLICY_SCHEMA_URL
        ? Promise.resolve(read(SCHEMA_FILE))
        : Promise.reject(new Error(`no schema at ${uri}`))
    },
    workspaceContext: { resolveRelativePath: (p, r) => new URL(p, r).href }
  })
  service.configure({ validate: true, completion: true, hover: true })
  return { requested, service }
}

// The service caches each parsed document by URI and version: one URI per text.
const doc = (text: string): TextDocument =>
  TextDocument.create(
    `file:///repo-${createHash('sha256').update(text).digest('hex')}/.github/promotion-gate.yml`,
    'yaml',
    1,
    text
  )

/** `text` with `line` inserted after the last line of the mapping at `key:`. */
function insertInto(
  text: string,
  key: string,
  line: string
): { text: string; at: number } {
  const lines = text.split('\n')
  const start = lines.findIndex((l) => l.trimEnd() === key)
  if (start === -1) throw new Error(`no line ${JSON.stringify(key)}`)
  const indent = key.length - key.trimStart().length
  let end = start + 1
  while (
    end < lines.length &&
    (lines[end] ?? '').trim() !== '' &&
    (lines[end] ?? '').length - (lines[end] ?? '').trimStart().length > indent
  ) {
    end++
  }
  lines.splice(end, 0, line)
  return { text: lines.join('\n'), at: end }
}

async function completion(text: string, line: number): Promise<string[]> {
  const { service } = editor()
  const character = (text.split('\n')[line] ?? '').length
  const list = await service.doComplete(doc(text), { line, character }, false)
  return list.items.map((i) => i.label)
}

const policy = policies[0] ?? ''

describe('the published policy schema', () => {
  it("has an $id an editor can fetch: the repository's own file at the release the README's uses: names", () => {
    expect(schema.$id).toBe(POLICY_SCHEMA_URL)
    const url = new URL(POLICY_SCHEMA_URL)
    expect(url.protocol).toBe('https:')
    expect(url.host).toBe('raw.githubusercontent.com')
    const [, owner, repo, ref, ...path] = url.pathname.split('/')
    expect(path.join('/')).toBe(SCHEMA_FILE)
    const uses = [
      ...README.matchAll(/uses: (\S+)\/(promotion-gate)@(\S+)/g)
    ].map(([, o, r, tag]) => `${o}/${r}@${tag}`)
    expect(uses.length).toBeGreaterThan(0)
    expect(new Set(uses)).toEqual(new Set([`${owner}/${repo}@${ref}`]))
  })

  it('every whole policy in the README starts with the line that names it', () => {
    expect(policies.length).toBeGreaterThan(0)
    for (const p of policies) expect(p.split('\n')[0]).toBe(MODELINE)
    expect(README).toContain(`\`\`\`\n${MODELINE}\n\`\`\``)
  })
})

describe("yaml-language-server on the README's policy", () => {
  it('fetches the schema the first line names, and finds nothing wrong', async () => {
    const { requested, service } = editor()
    expect(await service.doValidation(doc(policy), false)).toEqual([])
    expect(requested).toEqual([POLICY_SCHEMA_URL])
  })

  it('completes the policy keys inside an environment', async () => {
    // staging has `after`: the rest are offered
    const staging = insertInto(policy, '  staging:', '    ')
    const offered = await completion(staging.text, staging.at)
    expect(offered).toEqual(expect.arrayContaining(['soak', 'approvals']))
    expect(offered).not.toContain('after')
    expect(new Set(offered)).toEqual(
      new Set(ENVIRONMENT_KEYS.filter((k) => k !== 'after'))
    )

    // a new environment: every key but the one it has, `after`, `soak` and
    // `approvals` included
    const withCanary = insertInto(policy, 'environments:', '  canary:').text
    const canary = insertInto(
      insertInto(withCanary, '  canary:', '    match: commit').text,
      '  canary:',
      '    '
    )
    const fresh = await completion(canary.text, canary.at)
    expect(fresh).toEqual(
      expect.arrayContaining(['after', 'soak', 'approvals'])
    )
    expect(new Set(fresh)).toEqual(
      new Set(ENVIRONMENT_KEYS.filter((k) => k !== 'match'))
    )
  })

  it('completes the keys of approvals', async () => {
    const approvals = insertInto(policy, '    approvals:', '      ')
    expect(await completion(approvals.text, approvals.at)).toEqual(
      expect.arrayContaining(['environment', 'independent_of', 'reviewers'])
    )
  })

  it('marks a misspelt key and a bad duration where they stand', async () => {
    const { service } = editor()
    const typo = insertInto(policy, '  production:', '    aprovals: 1')
    const found = await service.doValidation(doc(typo.text), false)
    expect(found).toHaveLength(1)
    expect(found[0]?.message).toContain('aprovals')
    expect(found[0]?.range.start.line).toBe(typo.at)

    const soak = policy.replace(/soak: \S+/, 'soak: 2 hours')
    expect(soak).not.toBe(policy)
    const bad = await service.doValidation(doc(soak), false)
    expect(bad.map((d) => d.range.start.line)).toEqual([
      soak.split('\n').findIndex((l) => l.includes('soak: 2 hours'))
    ])
  })

  it('without the first line, an editor knows no schema for the file', async () => {
    const { requested, service } = editor()
    const without = policy.split('\n').slice(1).join('\n')
    const typo = insertInto(without, '  production:', '    aprovals: 1')
    expect(await service.doValidation(doc(typo.text), false)).toEqual([])
    expect(requested).toEqual([])
  })
})
