import type { Kysely } from 'kysely'
import { auditView, insertAuditRows } from '../../kit/src/access/audit.js'
import type { GrantSource } from '../../kit/src/access/request.js'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { INDICATOR_AND_AUDIT_WORK } from '../../kit/src/work-budget.js'
import { DEFAULT_TRANSITION_AGE_MONTHS } from './config.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { inputs } from './inputs.js'
import type { AttachmentSettings } from '../../kit/src/attachments/attachments.js'
import { DEFAULT_ATTACHMENTS } from '../../kit/src/attachments/config.js'
import { attachmentBodyBytes } from '../../kit/src/attachments/content.js'
import { educationAttachments } from './services/attachments.js'

const typeDefs = subgraphTypeDefs('education')

export function createEducationServer({
  db,
  grants,
  transitionAgeMonths = DEFAULT_TRANSITION_AGE_MONTHS,
  attachments = educationAttachments(DEFAULT_ATTACHMENTS),
}: {
  db: Kysely<DB>
  grants: GrantSource
  transitionAgeMonths?: number
  /** Where the signed scans are kept and how large one may be; unset: in the database, up to the default size. */
  attachments?: AttachmentSettings<DB>
}): SubgraphDefinition<Context> {
  const settings = Object.freeze({ transitionAgeMonths })
  return {
    name: 'education',
    typeDefs,
    inputs,
    resolvers,
    createContext: (access, scoped) => createContext(access, scoped(db), settings, attachments),
    access: { policy, gates, grants, audit: (rows) => insertAuditRows(auditView(db), rows) },
    expensive: INDICATOR_AND_AUDIT_WORK,
    bodyBytes: attachmentBodyBytes(attachments.maxBytes),
  }
}
