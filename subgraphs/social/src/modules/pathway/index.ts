import type { Resolvers } from '../../__generated__/resolvers-types.js'
import { Caseload } from './resolvers/Caseload.js'
import { DeadlineNotification } from './resolvers/DeadlineNotification.js'
import { Mutation } from './resolvers/Mutation.js'
import { NotificationPage } from './resolvers/NotificationPage.js'
import { Programme } from './resolvers/Programme.js'
import { ProgrammeExitsDue } from './resolvers/ProgrammeExitsDue.js'
import { ProgrammeLead } from './resolvers/ProgrammeLead.js'
import { ProgrammeReview } from './resolvers/ProgrammeReview.js'
import { ProgrammeService } from './resolvers/ProgrammeService.js'
import { Query } from './resolvers/Query.js'
import { Referral } from './resolvers/Referral.js'
import { SocialSession } from './resolvers/SocialSession.js'
import { StaffMember } from './resolvers/StaffMember.js'

/**
 * The early-help pathway: referrals and their deadline clocks, the region's calendar, need determination, the ИПРП
 * with reviews, leads and sessions, and the deadline notifications.
 */
export const pathway: Resolvers = {
  Query,
  Mutation,
  Referral,
  Programme,
  ProgrammeExitsDue,
  ProgrammeLead,
  StaffMember,
  Caseload,
  ProgrammeService,
  ProgrammeReview,
  SocialSession,
  DeadlineNotification,
  NotificationPage,
}
