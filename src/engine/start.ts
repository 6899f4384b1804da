// The engine's second door, for what an adapter needs before the engine
// itself has loaded: reading its inputs into a request, and the requests
// every decision sends first, so that they can go out while the rest loads
// (SPEC §9: the first request under 100 ms of the start). Everything here
// is also exported by ./index.ts; nothing here decides anything.

export {
  GateError,
  InputError,
  getErrorMessage,
  toFailure,
  type Failure
} from './errors.js'
export { DURATION_EXAMPLES, parseDuration } from './duration.js'
export {
  makeRequest,
  type EngineRequest,
  type RequestSpec,
  type RunRecord
} from './request.js'
export { firstAsks, type FirstAsks, type RestAsk } from './gather/first-asks.js'
export { CHECK_IDS } from './rules/types.js'
