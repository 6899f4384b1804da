// Every workflow file the project ships or documents goes through GitHub's own
// workflow parser (@actions/workflow-parser, from actions/languageservices):
// the repository's .github/workflows/*.yml, and every ```yaml block of the
// README whose first line is `# .github/workflows/<name>.yml`, the README's
// convention for "this is a complete workflow file". Then the rules of SPEC
// §2 and §3: inputs the action declares, least-privilege permissions, and
// nothing from the event interpolated into a shell. Docs that cannot drift.
import { describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import {
  convertWorkflowTemplate,
  isBasicExpression,
  isLiteral,
  isMapping,
  isSequence,
  NoOperationTraceWriter,
  parseWorkflow
} from '@actions/workflow-parser'
import {
  convertActionTemplate,
  parseAction
} from '@actions/workflow-parser/actions/index'
import { getWorkflowSchema } from '@actions/workflow-parser/workflows/workflow-schema'
import { MappingDefinition } from '@actions/workflow-parser/templates/schema/mapping-definition'
import { StringDefinition } from '@actions/workflow-parser/templates/schema/string-definition'
import type {
  MappingToken,
  TemplateToken
} from '@actions/workflow-parser/templates/tokens/index'
import type { TemplateValidationError } from '@actions/workflow-parser/templates/template-validation-error'
import { COMMANDS } from '../src/cli/main.js'
import { WORKFLOW_PERMISSIONS } from '../src/report/permissions.js'
import { parse as parseYaml } from 'yaml'

const root = new URL('../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8')

// ---------------------------------------------------------------- sources

/** One workflow file: where it is, and how to name a line of it. */
interface Source {
  /** the file name, e.g. `deploy.yml` */
  name: string
  text: string
  /** `README.md:123` or `.github/workflows/ci.yml:12` for a line of `text` */
  where: (line: number | undefined) => string
}

const WORKFLOW_DIR = '.github/workflows/'
const README_WORKFLOW = /^# \.github\/workflows\/([\w.-]+\.ya?ml)[ \t]*$/

function repositoryWorkflows(): Source[] {
  return readdirSync(new URL(WORKFLOW_DIR, root))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((name) => ({
      name,
      text: read(WORKFLOW_DIR + name),
      where: (line) => `${WORKFLOW_DIR}${name}:${line ?? 1}`
    }))
}

/** The README's complete workflow files, found by their first line. */
function readmeWorkflows(file: string, markdown: string): Source[] {
  const lines = markdown.split('\n')
  const found: Source[] = []
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```yaml') continue
    const start = i + 1 // index of the block's first line
    let end = start
    while (end < lines.length && lines[end] !== '```') end++
    const name = README_WORKFLOW.exec(lines[start] ?? '')?.[1]
    if (name !== undefined) {
      found.push({
        name,
        text: lines.slice(start, end).join('\n') + '\n',
        // block line 1 is README line start + 1 (lines count from 1)
        where: (line) => `${file}:${start + (line ?? 1)}`
      })
    }
    i = end
  }
  return found
}

// ------------------------------------------------- what action.yml declares

interface ActionInterface {
  inputs: Set<string>
  required: Set<string>
  outputs: Set<string>
}

function actionInterface(): ActionInterface {
  const parsed = parseAction(
    { name: 'action.yml', content: read('action.yml') },
    new NoOperationTraceWriter()
  )
  const errors = parsed.context.errors.getErrors().map(String)
  if (errors.length > 0 || parsed.value === undefined) {
    throw new Error(`action.yml does not parse: ${errors.join('; ')}`)
  }
  const action = convertActionTemplate(parsed.context, parsed.value)
  const inputs = action.inputs ?? []
  return {
    inputs: new Set(inputs.map((i) => i.id)),
    required: new Set(
      inputs.filter((i) => i.required === true).map((i) => i.id)
    ),
    outputs: new Set((action.outputs ?? []).map((o) => o.id))
  }
}

// ------------------------------------- permission names, from the parser

/**
 * The permission names and the levels each accepts, from the parser's own
 * workflow schema (definition `permissions-mapping`; GitHub documents the same
 * list under "permissions" in the workflow syntax reference).
 */
function permissionLevels(): Map<string, Set<string>> {
  const schema = getWorkflowSchema()
  const mapping = schema.getDefinition('permissions-mapping')
  if (!(mapping instanceof MappingDefinition)) {
    throw new Error('the parser schema has no permissions-mapping')
  }
  const levels = new Map<string, Set<string>>()
  for (const [name, property] of Object.entries(mapping.properties)) {
    const values = schema
      .getScalarDefinitions(schema.getDefinition(property.type))
      .filter((d) => d instanceof StringDefinition)
      .map((d) => d.constant)
    levels.set(name, new Set(values))
  }
  return levels
}

/** SPEC §2: least privilege for the gate's step. */
const GATE_READS = [
  'contents',
  'pull-requests',
  'deployments',
  'actions',
  'checks',
  'statuses'
] as const

// ------------------------------------------------------ the workflow model

interface Located<T> {
  value: T
  line: number | undefined
}

type Permissions = Map<string, Located<string>>

interface Step {
  line: number | undefined
  uses: Located<string> | null
  with: Map<string, Located<string>>
  env: Map<string, Located<string>>
  run: Located<string> | null
  /** every `${{ }}` expression written in `run:` */
  runExpressions: Located<string>[]
}

interface Job {
  id: string
  line: number | undefined
  /** null: the job declares none and inherits the workflow's */
  permissions: Located<Permissions | string> | null
  environment: string | null
  env: Map<string, Located<string>>
  steps: Step[]
}

interface Workflow {
  keys: Set<string>
  events: Map<string, TemplateToken>
  permissions: Located<Permissions | string> | null
  jobs: Job[]
}

const lineOf = (t: TemplateToken | undefined): number | undefined =>
  t?.range?.start.line

function text(t: TemplateToken): string {
  if (isBasicExpression(t)) return t.source ?? t.toDisplayString()
  if (isLiteral(t)) return t.toString()
  return JSON.stringify(t.toJSON())
}

function entries(t: TemplateToken | undefined): [string, TemplateToken][] {
  if (t === undefined || !isMapping(t)) return []
  return [...t].map((pair) => [pair.key.toString(), pair.value])
}

function located(t: TemplateToken | undefined): Map<string, Located<string>> {
  return new Map(
    entries(t).map(([k, v]) => [k, { value: text(v), line: lineOf(v) }])
  )
}

function permissionsOf(
  t: TemplateToken | undefined
): Located<Permissions | string> | null {
  if (t === undefined) return null
  return {
    value: isMapping(t) ? located(t) : text(t),
    line: lineOf(t)
  }
}

function expressionsOf(t: TemplateToken): Located<string>[] {
  if (!isBasicExpression(t)) return []
  return (t.originalExpressions ?? [t]).map((e) => ({
    value: e.expression,
    line: lineOf(e) ?? lineOf(t)
  }))
}

function stepOf(t: TemplateToken): Step {
  const m = isMapping(t) ? t : undefined
  const uses = m?.find('uses')
  const run = m?.find('run')
  return {
    line: lineOf(t),
    uses: uses === undefined ? null : { value: text(uses), line: lineOf(uses) },
    with: located(m?.find('with')),
    env: located(m?.find('env')),
    run: run === undefined ? null : { value: text(run), line: lineOf(run) },
    runExpressions: run === undefined ? [] : expressionsOf(run)
  }
}

function model(rootToken: MappingToken): Workflow {
  const jobsToken = rootToken.find('jobs')
  const jobPairs =
    jobsToken !== undefined && isMapping(jobsToken) ? [...jobsToken] : []
  const jobs = jobPairs.map(({ key, value: t }): Job => {
    const job = isMapping(t) ? t : undefined
    const environment = job?.find('environment')
    const steps = job?.find('steps')
    return {
      id: key.toString(),
      line: lineOf(key),
      permissions: permissionsOf(job?.find('permissions')),
      environment:
        environment === undefined
          ? null
          : isMapping(environment)
            ? text(environment.find('name') ?? environment)
            : text(environment),
      env: located(job?.find('env')),
      steps:
        steps !== undefined && isSequence(steps) ? [...steps].map(stepOf) : []
    }
  })
  const on = rootToken.find('on')
  const events = new Map<string, TemplateToken>()
  if (on !== undefined) {
    if (isMapping(on)) for (const [k, v] of entries(on)) events.set(k, v)
    else if (isSequence(on)) for (const e of on) events.set(text(e), e)
    else events.set(text(on), on)
  }
  return {
    keys: new Set(entries(rootToken).map(([k]) => k)),
    events,
    permissions: permissionsOf(rootToken.find('permissions')),
    jobs
  }
}

// -------------------------------------------------------------- the rules

const OUR_ACTION = /^(?:[\w.-]+\/promotion-gate@[\w.-]+|\.\/?)$/
const CLI = /\bpromotion-gate\s+(check|audit|access|validate)\b/
const FULL_SHA = /^[^@\s]+@[0-9a-f]{40}$/

/**
 * Contexts whose text an outsider can choose (the event payload, dispatch
 * inputs, and step or job outputs made from them): never interpolated into
 * a shell script; pass them through `env:` instead. SPEC §8.
 */
const UNTRUSTED =
  /\bgithub\s*\.\s*(?:event|head_ref)\b|\bgithub\s*\[|\btoJSON\s*\(\s*github\s*\)|\binputs\b|\bsteps\s*\.[\w-]+\s*\.\s*outputs\b|\bneeds\s*\.[\w-]+\s*\.\s*outputs\b/

interface Analysis {
  /** parse and conversion errors, with their lines */
  errors: string[]
  /** rule violations, with their lines */
  problems: string[]
  workflow: Workflow | null
}

const ACTION = actionInterface()
const LEVELS = permissionLevels()

function grants(
  perms: Permissions | string | undefined,
  name: string,
  level: 'read' | 'write'
): boolean {
  if (perms === undefined) return false
  if (typeof perms === 'string') {
    return perms === 'write-all' || (perms === 'read-all' && level === 'read')
  }
  const value = perms.get(name)?.value
  return value === 'write' || (value === 'read' && level === 'read')
}

function checkPermissions(
  source: Source,
  owner: string,
  perms: Located<Permissions | string>,
  problems: string[]
): void {
  if (typeof perms.value === 'string') {
    problems.push(
      `${source.where(perms.line)}: ${owner}: permissions: ${perms.value} is not least privilege; list each permission`
    )
    return
  }
  for (const [name, { value, line }] of perms.value) {
    const allowed = LEVELS.get(name)
    if (allowed === undefined) {
      problems.push(
        `${source.where(line)}: ${owner}: ${name} is not a permission (known: ${[...LEVELS.keys()].join(', ')})`
      )
    } else if (!allowed.has(value)) {
      problems.push(
        `${source.where(line)}: ${owner}: ${name}: ${value} is not one of ${[...allowed].join(', ')}`
      )
    }
  }
}

async function analyse(source: Source): Promise<Analysis> {
  const parsed = parseWorkflow(
    { name: source.name, content: source.text },
    new NoOperationTraceWriter()
  )
  const describeError = (e: TemplateValidationError): string =>
    `${source.where(e.range?.start.line)}: ${e.rawMessage}`
  if (parsed.value === undefined || !isMapping(parsed.value)) {
    const errors = parsed.context.errors.getErrors().map(describeError)
    return {
      errors:
        errors.length > 0 ? errors : [`${source.where(1)}: not a mapping`],
      problems: [],
      workflow: null
    }
  }
  await convertWorkflowTemplate(parsed.context, parsed.value)
  const errors = parsed.context.errors.getErrors().map(describeError)
  const workflow = model(parsed.value)
  const problems: string[] = []
  const at = source.where
  const lines = source.text.split('\n')

  for (const key of ['on', 'jobs']) {
    if (!workflow.keys.has(key)) problems.push(`${at(1)}: no \`${key}:\``)
  }
  if (workflow.jobs.length === 0) problems.push(`${at(1)}: no jobs`)

  // permissions: {} at the top, and each job asks for its own
  const top = workflow.permissions
  if (top === null) {
    problems.push(`${at(1)}: no top-level \`permissions: {}\``)
  } else {
    checkPermissions(source, 'workflow', top, problems)
    if (typeof top.value !== 'string' && top.value.size > 0) {
      problems.push(
        `${at(top.line)}: the top-level permissions should be \`{}\`; grant per job`
      )
    }
  }

  const hasSchedule = workflow.events.has('schedule')
  for (const job of workflow.jobs) {
    const name = `job ${job.id}`
    if (job.permissions === null) {
      problems.push(`${at(job.line)}: ${name} declares no \`permissions:\``)
    } else {
      checkPermissions(source, name, job.permissions, problems)
    }
    const perms = (job.permissions ?? top)?.value

    for (const step of job.steps) {
      // nothing from the event reaches a shell
      for (const { value, line } of step.runExpressions) {
        if (UNTRUSTED.test(value)) {
          problems.push(
            `${at(line)}: ${name}: \`\${{ ${value} }}\` is interpolated into a run: script; pass it through env: instead`
          )
        }
      }
      if (step.uses === null) continue

      // other actions: pinned by a full commit sha, with a version comment
      // on the same line (STYLE habit 15)
      const uses = step.uses
      if (!OUR_ACTION.test(uses.value)) {
        const usesLine = lines[(uses.line ?? 0) - 1] ?? ''
        if (!FULL_SHA.test(uses.value) || !/#\s*v\d/.test(usesLine)) {
          problems.push(
            `${at(uses.line)}: ${name}: ${uses.value} must be pinned by a full commit sha with a version comment (# vX.Y.Z)`
          )
        }
        continue
      }

      // our action: declared inputs only, required ones given
      for (const [input, { line }] of step.with) {
        if (!ACTION.inputs.has(input)) {
          problems.push(
            `${at(line)}: ${name}: input ${input} is not declared in action.yml (${[...ACTION.inputs].join(', ')})`
          )
        }
      }
      for (const input of ACTION.required) {
        if (!step.with.has(input)) {
          problems.push(
            `${at(step.line)}: ${name}: required input ${input} is missing`
          )
        }
      }
      for (const permission of GATE_READS) {
        if (!grants(perms, permission, 'read')) {
          problems.push(
            `${at(job.line)}: ${name} runs the gate without \`${permission}: read\``
          )
        }
      }
      // an expression may turn out true: only a literal false is safe
      if (!/^(false)?$/i.test(step.with.get('commit-status')?.value ?? '')) {
        if (!grants(perms, 'statuses', 'write')) {
          problems.push(
            `${at(job.line)}: ${name}: commit-status: true needs \`statuses: write\``
          )
        }
      }
      if ((step.with.get('break-glass-reason')?.value ?? '') !== '') {
        if (!grants(perms, 'issues', 'write')) {
          problems.push(
            `${at(job.line)}: ${name}: break-glass-reason needs \`issues: write\` (the follow-up issue)`
          )
        }
      }
      if (step.with.get('mode')?.value === 'audit') {
        if (!grants(perms, 'issues', 'read')) {
          problems.push(
            `${at(job.line)}: ${name}: mode: audit needs \`issues: read\` (break-glass follow-ups)`
          )
        }
        if (!hasSchedule) {
          problems.push(
            `${at(1)}: ${name}: mode: audit belongs in a workflow with a \`schedule:\` trigger`
          )
        }
      }
    }
  }
  return { errors, problems, workflow }
}

// ------------------------------------------------- what each mode needs

const isGate = (s: Step | undefined): boolean =>
  s?.uses != null && OUR_ACTION.test(s.uses.value)
const usesGate = (job: Job): boolean => job.steps.some(isGate)
const runsCli = (job: Job): boolean =>
  job.steps.some((s) => s.run !== null && CLI.test(s.run.value))
const gateSteps = (w: Workflow): Step[] =>
  w.jobs.flatMap((j) => j.steps.filter(isGate))
const effective = (w: Workflow, job: Job): Permissions | string | undefined =>
  (job.permissions ?? w.permissions)?.value

/**
 * The README's workflow files, one per way of running the gate (SPEC §2,
 * §5.7, §7), and what each must show beyond the rules every file follows.
 */
const MODES: Record<string, (w: Workflow) => string[]> = {
  'deploy.yml': (w) => {
    const job = w.jobs.find(usesGate)
    if (job === undefined) return ['no job runs the gate']
    const out: string[] = []
    if (job.environment === null) out.push(`job ${job.id} names no environment`)
    if (!isGate(job.steps[0])) {
      out.push(`the gate is not the first step of job ${job.id}`)
    }
    return out
  },
  'promotion-status.yml': (w) =>
    gateSteps(w).some((s) =>
      /^true$/i.test(s.with.get('commit-status')?.value ?? '')
    )
      ? []
      : ['no gate step sets commit-status: true'],
  'break-glass.yml': (w) => {
    const out: string[] = []
    const reason = entries(w.events.get('workflow_dispatch'))
      .filter(([k]) => k === 'inputs')
      .flatMap(([, v]) => entries(v))
      .find(([k]) => k === 'reason')
    if (reason === undefined) out.push('no workflow_dispatch input `reason`')
    const passed = gateSteps(w).some((s) =>
      /^\$\{\{\s*inputs\.reason\s*\}\}$/.test(
        s.with.get('break-glass-reason')?.value ?? ''
      )
    )
    if (!passed) {
      out.push('no gate step has break-glass-reason: ${{ inputs.reason }}')
    }
    const job = w.jobs.find(usesGate)
    if (job !== undefined && job.environment === null) {
      out.push(`job ${job.id} names no environment (its reviewers approve)`)
    }
    return out
  },
  'promotion-audit.yml': (w) => {
    const out: string[] = []
    const audit = gateSteps(w).find(
      (s) => s.with.get('mode')?.value === 'audit'
    )
    if (audit === undefined) return ['no gate step with mode: audit']
    if (!audit.with.has('environment'))
      out.push('the audit names no environment')
    if (!w.events.has('schedule')) out.push('no schedule trigger')
    if (!w.events.has('workflow_dispatch')) out.push('no workflow_dispatch')
    for (const job of w.jobs.filter(usesGate)) {
      if (job.environment !== null) {
        out.push(
          `job ${job.id} names environment ${job.environment}: an audit is not a deployment`
        )
      }
    }
    return out
  },
  'deploy-cli.yml': (w) => {
    const job = w.jobs.find(runsCli)
    if (job === undefined) return ['no job runs promotion-gate check']
    const out: string[] = []
    if (usesGate(job)) out.push(`job ${job.id} also uses the action`)
    for (const permission of GATE_READS) {
      if (!grants(effective(w, job), permission, 'read')) {
        out.push(
          `job ${job.id} runs the command line without \`${permission}: read\``
        )
      }
    }
    const step = job.steps.find((s) => s.run !== null && CLI.test(s.run.value))
    const token = step?.env.get('GITHUB_TOKEN') ?? job.env.get('GITHUB_TOKEN')
    if (
      token === undefined ||
      !/^\$\{\{\s*(github\.token|secrets\.[\w-]+)\s*\}\}$/.test(token.value)
    ) {
      out.push('the command line gets no GITHUB_TOKEN through env:')
    }
    return out
  },
  'deploy-app.yml': (w) => {
    const out: string[] = []
    // The App reads with its own installation token and answers GitHub
    // itself: the workflow runs no gate and grants it nothing.
    if (w.jobs.some(usesGate) || w.jobs.some(runsCli)) {
      out.push('the App-mode workflow runs the gate itself')
    }
    const deploy = w.jobs.filter((j) => j.environment !== null)
    if (deploy.length === 0) {
      out.push('no job names an environment, so GitHub never asks the App')
    }
    for (const job of w.jobs) {
      for (const p of ['statuses', 'deployments', 'issues', 'actions']) {
        if (grants(effective(w, job), p, 'write')) {
          out.push(
            `job ${job.id} grants ${p}: write, which the App mode does not need`
          )
        }
      }
    }
    return out
  }
}

// ------------------------------------------------------------------ tests

const readme = readmeWorkflows('README.md', read('README.md'))

describe('the rules catch what they are for', () => {
  const bad = (body: string): Source => ({
    name: 'bad.yml',
    text: body,
    where: (line) => `bad.yml:${line ?? 1}`
  })
  const header = `on:
  workflow_dispatch:
    inputs:
      reason: { type: string }
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-latest
`
  const reads = `    permissions:
      contents: read
      pull-requests: read
      deployments: read
      actions: read
      checks: read
      statuses: read
`

  it('a parse error, with its line', async () => {
    const a = await analyse(
      bad(
        `${header}    permissions:\n      contents: maybe\n    steps:\n      - run: true\n`
      )
    )
    expect(a.errors.join('\n')).toMatch(/^bad\.yml:10: .*maybe/m)
  })

  it('an input action.yml does not declare', async () => {
    const a = await analyse(
      bad(
        `${header}${reads}    steps:\n      - uses: OWNER/promotion-gate@v1\n        with:\n          enviroment: production\n`
      )
    )
    expect(a.errors).toEqual([])
    expect(a.problems.join('\n')).toMatch(
      /bad\.yml:19: .*input enviroment is not declared/
    )
  })

  it('a missing permission, and what commit-status and break-glass need', async () => {
    const a = await analyse(
      bad(
        `${header}    permissions:\n      contents: read\n    steps:\n      - uses: OWNER/promotion-gate@v1\n        with:\n          commit-status: true\n          break-glass-reason: \${{ inputs.reason }}\n`
      )
    )
    const text = a.problems.join('\n')
    expect(text).toMatch(/without `pull-requests: read`/)
    expect(text).toMatch(/commit-status: true needs `statuses: write`/)
    expect(text).toMatch(/break-glass-reason needs `issues: write`/)
  })

  it('an audit without a schedule or issues: read', async () => {
    const a = await analyse(
      bad(
        `${header}${reads}    steps:\n      - uses: OWNER/promotion-gate@v1\n        with:\n          mode: audit\n`
      )
    )
    expect(a.problems.join('\n')).toMatch(/needs `issues: read`/)
    expect(a.problems.join('\n')).toMatch(/`schedule:` trigger/)
  })

  it('event data interpolated into a run: script', async () => {
    const a = await analyse(
      bad(
        `${header}${reads}    steps:\n      - run: echo "\${{ inputs.reason }}"\n      - run: |\n          echo ok\n          echo \${{ github.event.pull_request.title }}\n      - run: echo "\${{ github.sha }}"\n`
      )
    )
    const text = a.problems.join('\n')
    expect(text).toMatch(/bad\.yml:17: .*inputs\.reason/)
    expect(text).toMatch(/bad\.yml:20: .*github\.event\.pull_request\.title/)
    expect(text).not.toMatch(/github\.sha/)
  })

  it('an unpinned action and a shorthand permission', async () => {
    const a = await analyse(
      bad(
        `${header}    permissions: read-all\n    steps:\n      - uses: actions/checkout@v4\n`
      )
    )
    const text = a.problems.join('\n')
    expect(text).toMatch(/read-all is not least privilege/)
    expect(text).toMatch(/actions\/checkout@v4 must be pinned/)
  })
})

describe('.github/workflows', () => {
  const sources = repositoryWorkflows()

  it('has workflow files', () => {
    expect(sources.length).toBeGreaterThan(0)
  })

  it.each(sources.map((s) => [s.name, s]))('%s', async (_name, source) => {
    const a = await analyse(source as Source)
    expect(a.errors).toEqual([])
    expect(a.problems).toEqual([])
  })
})

describe('README.md workflow files', () => {
  it('has one for every mode', () => {
    const names = readme.map((s) => s.name)
    expect(names).toEqual(expect.arrayContaining(Object.keys(MODES)))
    expect(new Set(names).size).toBe(names.length)
  })

  it('shows no workflow without its `# .github/workflows/<name>.yml` line', () => {
    const lines = read('README.md').split('\n')
    const unnamed = lines.flatMap((line, i) => {
      if (line !== '```yaml') return []
      const end = lines.indexOf('```', i + 1)
      const block = lines.slice(i + 1, end)
      const named = README_WORKFLOW.test(block[0] ?? '')
      return !named && block.includes('jobs:') ? [`README.md:${i + 2}`] : []
    })
    expect(unnamed).toEqual([])
  })

  it.each(readme.map((s) => [s.name, s.where(1), s]))(
    '%s (%s)',
    async (_name, _where, source) => {
      const s = source as Source
      const a = await analyse(s)
      expect(a.errors).toEqual([])
      expect(a.problems).toEqual([])
      const rules = MODES[s.name]
      if (rules !== undefined && a.workflow !== null) {
        expect(rules(a.workflow).map((p) => `${s.where(1)}: ${p}`)).toEqual([])
      }
    }
  )
})

describe('what action.yml and the job summary say', () => {
  it('describes the action in under 125 characters (the Marketplace limit)', () => {
    const action = parseYaml(read('action.yml')) as { description: string }
    expect(action.description.length).toBeLessThan(125)
  })

  it("names as workflow permissions exactly the parser's permission keys", () => {
    expect([...WORKFLOW_PERMISSIONS].sort()).toEqual([...LEVELS.keys()].sort())
  })
})

describe('README.md against action.yml and the command line', () => {
  const markdown = read('README.md')

  // the first column of the table under a heading
  const tableNames = (heading: string): string[] => {
    const section = markdown.split(`\n### ${heading}\n`)[1]?.split('\n#')[0]
    return [...(section ?? '').matchAll(/^\| `([\w-]+)` \|/gm)].map(
      (m) => m[1] ?? ''
    )
  }

  it('the inputs table lists exactly the inputs of action.yml', () => {
    expect(tableNames('Inputs').sort()).toEqual([...ACTION.inputs].sort())
  })

  it('the outputs table lists exactly the outputs of action.yml', () => {
    expect(tableNames('Outputs').sort()).toEqual([...ACTION.outputs].sort())
  })

  it('every promotion-gate command line uses options its command has', () => {
    // fenced blocks and inline code, `\`-continued lines joined
    const code = [
      ...[...markdown.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) =>
        (m[1] ?? '').replace(/\\\n/g, ' ')
      ),
      ...[...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '')
    ].join('\n')
    const used = [
      ...code.matchAll(
        /promotion-gate\s+(check|audit|access|validate|serve)\b([^\n]*(?:\n\s+--[^\n]*)*)/g
      )
    ]
    expect(used.length).toBeGreaterThan(0)
    const problems: string[] = []
    for (const [, name, rest] of used) {
      const command = COMMANDS.find((c) => c.name === name)
      if (command === undefined) {
        problems.push(`promotion-gate ${name}: no such command`)
        continue
      }
      for (const [option] of (rest ?? '').matchAll(/--[a-z][\w-]*/g)) {
        if (!new RegExp(`(^|\\s)${option}\\b`, 'm').test(command.help)) {
          problems.push(
            `promotion-gate ${name}: ${option} is not in its --help`
          )
        }
      }
    }
    expect(problems).toEqual([])
  })
})
