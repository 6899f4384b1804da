// What src/action/index.ts does with the runner's environment: typed inputs
// first (a mistake fails the step there), the token masked (index.ts does
// it once the first requests have left), then runAction(inputs, deps).
import { runAction, type ActionDeps } from '../src/action/main.js'
import { readInputs } from '../src/action/start.js'

export async function runFromEnv(deps: ActionDeps): Promise<void> {
  const inputs = await readInputs(deps.env, deps.io)
  if (inputs === null) return
  deps.io.setSecret(inputs.token)
  await runAction(inputs, deps)
}
