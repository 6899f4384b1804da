export { applyBreakGlass, refuse as refuseBreakGlass } from './apply.js'
export {
  breakGlassDecision,
  teamsToRead,
  type BreakGlassGrant,
  type BreakGlassVerdict,
  type TeamMembers
} from './grant.js'
export {
  BREAK_GLASS_LABEL,
  isIndependentReviewer,
  judgeReview,
  parseBreakGlassMarker,
  renderBreakGlassMarker,
  type BreakGlassMarker,
  type IssueClosure,
  type ReviewState
} from './marker.js'
export {
  ISSUES_PERMISSION,
  followUpBody,
  followUpMarker,
  followUpTitle,
  openFollowUpIssue
} from './follow-up.js'
