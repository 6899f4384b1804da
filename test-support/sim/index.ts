// The GitHub simulator: an in-memory model of repositories (model.ts) served
// over REST and GraphQL on 127.0.0.1 (server.ts), for tests, the demo and the
// benchmarks.
export * from './model.js'
export {
  startSimulator,
  type Fault,
  type FaultKind,
  type FaultSpec,
  type Faults,
  type RequestLog,
  type SimulatorServer,
  type SimulatorServerOptions
} from './server.js'
export { githubSchema, executeGraphql, type GraphqlAnswer } from './graphql.js'
export {
  NODE_LIMIT,
  nodeLimitError,
  pointsFor,
  queryCost,
  type ConnectionCost,
  type CostInput,
  type QueryCost
} from './graphql-cost.js'
export {
  DEFAULT_POINTS_PER_HOUR,
  GraphqlBudgets,
  type BudgetState,
  type PointsPerHour,
  type Spend
} from './graphql-budget.js'
export { restRoutes } from './rest.js'
export {
  blobOid,
  buildTree,
  coAuthors,
  commitOid,
  fnmatch,
  parseTrailers,
  type GitSignature,
  type TreeEntry
} from './git.js'
export { iso, nodeId } from './rest-shapes.js'
export {
  awaitProtectionRules,
  deliver,
  deploymentProtectionRuleEvent,
  installationFor,
  looksLikeJwt,
  mintInstallationToken,
  requestProtectionRules,
  signAppJwt,
  signWebhook,
  verifyAppJwt,
  waitingDeployment,
  JWT_ERRORS,
  type Delivery,
  type WebhookEvent
} from './app.js'
