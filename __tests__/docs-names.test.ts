// Nothing the docs or the code tell a user to run may resolve to a package
// name the project does not own: `npx promotion-gate` would run whatever
// someone registers under that unowned npm name, with GITHUB_TOKEN exported
// (docs/publishing.md). Until the package is published, every command runs
// the CLI from this repository.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Registry names the project has published and may name in docs. */
const PUBLISHED: readonly string[] = []

/** The repository, as every other doc form names it (`uses: OWNER/…`). */
const REPOSITORY = 'OWNER/promotion-gate'

interface Package {
  name: string
  scripts: Record<string, string>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

const pkg = JSON.parse(
  readFileSync(join(ROOT, 'package.json'), 'utf8')
) as Package

/**
 * Names a bare `npx NAME` resolves inside a clone without the registry: the
 * direct dependencies and their commands (installed from the lockfile).
 */
function localNames(): Set<string> {
  const names = new Set<string>()
  for (const dep of Object.keys({
    ...pkg.dependencies,
    ...pkg.devDependencies
  })) {
    names.add(dep)
    const file = join(ROOT, 'node_modules', dep, 'package.json')
    if (!existsSync(file)) continue
    const bin = (
      JSON.parse(readFileSync(file, 'utf8')) as {
        bin?: string | Record<string, string>
      }
    ).bin
    if (typeof bin === 'object') for (const b of Object.keys(bin)) names.add(b)
  }
  return names
}

const LOCAL = localNames()

function withoutVersion(spec: string): string {
  const at = spec.indexOf('@', 1)
  return at === -1 ? spec : spec.slice(0, at)
}

/** Why `spec` may resolve to code the project does not own; null if it cannot. */
function foreign(spec: string): string | null {
  const repo = REPOSITORY.replace('/', '\\/')
  if (
    new RegExp(
      `^(github:|(git\\+)?https:\\/\\/github\\.com\\/)${repo}(\\.git)?(#\\S+)?$`
    ).test(spec)
  ) {
    return null
  }
  if (/^(\.|\/|~)/.test(spec)) return null
  const name = withoutVersion(spec)
  if (PUBLISHED.includes(name)) return null
  if (LOCAL.has(name)) return null
  if (name === pkg.name) return 'not published yet: pin it to the repository'
  return /[:/#]/.test(name) && !name.startsWith('@')
    ? `not ${REPOSITORY}`
    : 'a registry name the project does not own'
}

// How a package gets run or installed: the command, then its arguments.
const RUNNER =
  /(?:^|[^\w-])(npx|bunx|pnpx|(?:npm|pnpm|yarn)\s+(?:exec|x|dlx|install|i|add|global\s+add))\s+([^\n`|;&)]*)/g

/** The package specs one invocation would fetch. */
function specsOf(runner: string, rest: string): string[] {
  const installs = /\s(install|i|add)$/.test(runner)
  const tokens = rest
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => t.replace(/^["']|["']$/g, ''))
  const specs: string[] = []
  let packaged = false
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? ''
    if (t.startsWith('#')) break
    const inline = /^--package=(.+)$/.exec(t)?.[1]
    if (inline !== undefined) {
      specs.push(inline)
      packaged = true
      continue
    }
    if (t === '-p' || t === '--package') {
      specs.push(tokens[++i] ?? '')
      packaged = true
      continue
    }
    if (t === '--') {
      // npx -- NAME: with no --package, NAME is what gets fetched
      if (!packaged && !installs && tokens[i + 1] !== undefined) {
        specs.push(tokens[i + 1] ?? '')
      }
      break
    }
    if (t.startsWith('-')) continue
    if (installs) {
      specs.push(t)
      continue
    }
    // the command to run: fetched itself unless --package named its package
    if (!packaged) specs.push(t)
    break
  }
  return specs
}

/** Every package reference in `text` that resolves outside the project. */
function problems(text: string): string[] {
  const joined = text.replace(/\\\n/g, ' ')
  const found: string[] = []
  for (const m of joined.matchAll(RUNNER)) {
    const runner = (m[1] ?? '').replace(/\s+/g, ' ')
    for (const spec of specsOf(runner, m[2] ?? '')) {
      const why = foreign(spec)
      if (why !== null) found.push(`${runner} ${spec}: ${why}`)
    }
  }
  return found
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  const full = join(ROOT, dir)
  if (!existsSync(full)) return []
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .map((f) => relative(ROOT, join(full, f)))
}

const FILES = [
  ...readdirSync(ROOT).filter((f) => f.endsWith('.md')),
  'action.yml',
  ...filesUnder('docs', /\.md$/),
  ...filesUnder('src', /\.ts$/),
  ...filesUnder('scripts', /\.ts$/),
  ...filesUnder('.github/workflows', /\.ya?ml$/)
]

describe('the detector', () => {
  it.each([
    'npx promotion-gate check --repo acme/shop',
    'run `npx promotion-gate`',
    'npx --yes promotion-gate audit',
    'npx -y -- promotion-gate',
    'npx -p promotion-gate promotion-gate check',
    'npx --package=promotion-gate -- promotion-gate',
    'npx --package=github:someone/promotion-gate#v1 -- promotion-gate',
    'npm exec promotion-gate -- check',
    'npm i -g promotion-gate',
    'npm install --save-dev promotion-gate',
    'pnpm dlx promotion-gate',
    'yarn dlx promotion-gate',
    'bunx promotion-gate',
    'npx @promotion-gate/cli check',
    'npx left-pad-gate',
    'APP_ID=1 npx promotion-gate \\\n  serve'
  ])('flags %j', (text) => {
    expect(problems(text)).toHaveLength(1)
  })

  it.each([
    'npx --yes --package=github:OWNER/promotion-gate#v1 -- promotion-gate check',
    'npx --yes --package=github:OWNER/promotion-gate#v1 --\n  promotion-gate check',
    'npm install github:OWNER/promotion-gate',
    'node dist/cli/index.js check --repo acme/shop',
    'npx tsx scripts/write-schemas.ts',
    'npx tsc --noEmit',
    'npm ci && npm run sim',
    'npm install',
    'npx prettier --write .'
  ])('accepts %j', (text) => {
    expect(problems(text)).toEqual([])
  })
})

describe('package names in what users read and run', () => {
  it('looks at the README, SECURITY.md, docs/, action.yml, src/ and scripts/', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'README.md',
        'SECURITY.md',
        'action.yml',
        'docs/publishing.md',
        'src/cli/main.ts',
        'scripts/sim.ts'
      ])
    )
  })

  it('every command resolves to the repository, a published name of ours or a local dependency', () => {
    const found = FILES.flatMap((file) =>
      problems(readFileSync(join(ROOT, file), 'utf8')).map(
        (p) => `${file}: ${p}`
      )
    )
    expect(found).toEqual([])
  })

  it('the package is scoped, ready to publish, and keeps the promotion-gate command', () => {
    const full = JSON.parse(
      readFileSync(join(ROOT, 'package.json'), 'utf8')
    ) as Package & {
      bin: Record<string, string>
      exports: Record<string, string>
      files: string[]
      publishConfig?: { access?: string }
      private?: boolean
    }
    expect(full.name).toBe('@promotion-gate/cli')
    expect(full.bin).toEqual({ 'promotion-gate': 'dist/cli/index.js' })
    expect(full.private).toBeUndefined()
    // a scoped package is published restricted unless told otherwise
    expect(full.publishConfig?.access).toBe('public')
    // what the bin and exports point at ships, git installs included
    for (const target of [
      ...Object.values(full.bin),
      ...Object.values(full.exports)
    ]) {
      const path = target.replace(/^\.\//, '')
      expect(full.files.some((f) => path.startsWith(f))).toBe(true)
    }
    const lock = JSON.parse(
      readFileSync(join(ROOT, 'package-lock.json'), 'utf8')
    ) as { name: string; packages: Record<string, { name?: string }> }
    expect(lock.name).toBe(full.name)
    expect(lock.packages['']?.name).toBe(full.name)
  })
})

describe('the README opens with what a newcomer runs', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(
    (m) => m[2] ?? ''
  )

  it('the two opening commands come first, then npm run sim', () => {
    const head = readme.slice(0, readme.indexOf('```', 3))
    expect(head.replace(/^# .*\n+/, '')).toBe('')
    const first = (blocks[0] ?? '').split('\n').map((l) => l.split('#')[0])
    expect(first.map((l) => l?.trim()).filter((l) => l !== '')).toEqual([
      'npm ci && npm run demo',
      'npm ci && npm test'
    ])
    expect(blocks[1]).toMatch(/^npm run sim\b/)
  })

  it('every npm script the README names exists', () => {
    const named = [...readme.matchAll(/\bnpm run ([\w:-]+)/g)].map(
      (m) => m[1] ?? ''
    )
    expect(named).toEqual(expect.arrayContaining(['demo', 'sim']))
    expect(named.filter((n) => !(n in pkg.scripts))).toEqual([])
  })
})
