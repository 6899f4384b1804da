// The access matrix as the engine's door offers it: reading it, and the
// types those who render it need.

export { accessMatrix } from './matrix.js'
export {
  isCannot,
  type AccessMatrix,
  type BranchAccess,
  type Cannot,
  type EnvironmentAccess,
  type Holder,
  type Maybe,
  type ReviewerAccess
} from './types.js'
