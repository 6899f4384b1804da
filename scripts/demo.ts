// npm run demo: the bundled gate (dist/index.js) against the embedded GitHub
// simulator, one named scenario after another, as a newcomer would watch it.
//
//   npm run demo                 every scenario
//   npm run demo -- happy-path   only the ones named

import { startSimulator } from '../test-support/sim/server.js'
import { runBundledAction } from '../test-support/demo/run-action.js'
import { OWNER, REPO, SCENARIOS } from '../test-support/demo/scenarios.js'

const color = process.stdout.isTTY
  ? {
      green: '\u001b[32m',
      red: '\u001b[31m',
      dim: '\u001b[2m',
      bold: '\u001b[1m',
      off: '\u001b[0m'
    }
  : { green: '', red: '', dim: '', bold: '', off: '' }

/** The job summary as a terminal shows it: Markdown tables kept, HTML trimmed. */
function plain(markdown: string): string {
  return markdown
    .replace(/<br>/g, '\n      ')
    .replace(/<\/?sub>/g, '')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .trim()
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2)
  const chosen =
    wanted.length === 0
      ? SCENARIOS
      : SCENARIOS.filter((s) => wanted.includes(s.name))
  if (chosen.length === 0) {
    console.error(
      `no such scenario; choose from: ${SCENARIOS.map((s) => s.name).join(', ')}`
    )
    return 2
  }
  let surprises = 0
  for (const scenario of chosen) {
    const { world, run } = scenario.build()
    const server = await startSimulator(world.sim)
    try {
      const result = await runBundledAction({
        apiUrl: server.url,
        graphqlUrl: server.graphqlUrl,
        repository: `${OWNER}/${REPO}`,
        run
      })
      const decision = result.outputs.decision ?? '(none)'
      const ok = decision === scenario.expect.decision
      if (!ok) surprises++
      const paint = decision === 'allow' ? color.green : color.red
      console.log(
        `\n${color.bold}━━ ${scenario.name}${color.off}: ${scenario.title}`
      )
      console.log(
        `   decision: ${paint}${color.bold}${decision}${color.off}   violations: ${result.outputs.violations ?? '[]'}   ` +
          `exit code: ${result.exitCode}   ${server.requests.length} API requests, ${result.ms} ms` +
          (ok
            ? ''
            : `   ${color.red}(expected ${scenario.expect.decision})${color.off}`)
      )
      console.log(`${color.dim}${plain(result.summary)}${color.off}`)
    } finally {
      await server.close()
    }
  }
  console.log(
    `\n${chosen.length} scenarios, ${surprises === 0 ? 'each decided as expected' : `${surprises} decided unexpectedly`}.`
  )
  return surprises === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
