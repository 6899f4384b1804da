// The access matrix as the engine's door offers it: reading it, and the
// types those who render it need.

export { accessMatrix, type AccessMatrixOptions } from './matrix.js'
export {
  ACCESS_LIMITS,
  truncatedNote,
  type AccessLimits,
  type PageLimit
} from './pages.js'
export {
  isCannot,
  type AccessMatrix,
  type BranchAccess,
  type Cannot,
  type EnvironmentAccess,
  type Holder,
  type Maybe,
  type ReviewerAccess,
  type Truncated
} from './types.js'
