import DataLoader from 'dataloader'
import type { Viewer } from '@hub/platform/auth/viewer'
import type { SubgraphName } from '@hub/platform/sides'
import { hubError } from '@hub/platform/errors'
import { isUuid, MAX_BATCH_SIZE } from '../loaders.js'
import {
  CONSENT_SCOPES,
  PERSONAL_CATEGORIES,
  ruleFor,
  viewerClass,
  type Category,
  type ConsentScope,
  type PolicyTable,
  type ViewerClass,
} from './policy.js'
import { type Purpose } from '@hub/platform/purpose'

/** What social knows that opens a child's data to one caller for one purpose. */
export interface ChildGrant {
  /** Scopes of the family's consents in force for the caller's side or organisation and the purpose. */
  consentScopes: readonly ConsentScope[]
  /** The child has a referral to the caller's organisation that was not rejected. */
  referred: boolean
}

/** Looks the grants of many children up at once; a child social does not know has no grant. */
export type GrantSource = (
  viewer: Viewer,
  purpose: Purpose,
  childIds: readonly string[],
  /** What a call to another service on this request's behalf carries: its id and trace (telemetry.ts). */
  callHeaders?: Readonly<Record<string, string>>,
) => Promise<ReadonlyMap<string, ChildGrant>>

/**
 * One row of the access audit: one caller's read of one child's data in one request, or of one family's data read as
 * that family's (which names the family whether or not any of its children is in the registry).
 */
export interface AuditRow {
  subject: string
  side: string | null
  organisation: string | null
  role: string
  childId: string | null
  familyId: string | null
  categories: Category[]
  operationName: string | null
  purpose: Purpose
}

const SCOPE_OF: Partial<Record<Category, ConsentScope>> = Object.fromEntries(
  Object.entries(CONSENT_SCOPES).map(([scope, category]) => [category, scope as ConsentScope]),
)

const NO_GRANT: ChildGrant = { consentScopes: [], referred: false }

/**
 * One request's access: the caller's class, the decisions taken (each
 * child's grants fetched once, in one batch), and the reads to write to
 * the audit when the response leaves.
 */
export function createRequestAccess(options: {
  viewer: Viewer
  owner: SubgraphName
  policy: PolicyTable
  purpose: Purpose
  grants: GrantSource
  callHeaders?: Readonly<Record<string, string>>
  /** The request carries the gateway's assertion bound to the caller's token: it comes from the gateway's query plan. */
  viaGateway?: boolean
}) {
  const { viewer, policy, purpose } = options
  const kind = viewerClass(viewer, options.owner)
  const reads = new Map<string, Set<Category>>()
  const familyReads = new Map<string, Set<Category>>()
  const grants = new DataLoader<string, ChildGrant>(
    async (childIds) => {
      const found = await options.grants(viewer, purpose, childIds.filter(isUuid), options.callHeaders)
      return childIds.map((id) => found.get(id) ?? NO_GRANT)
    },
    { maxBatchSize: MAX_BATCH_SIZE },
  )

  function record(category: Category, id: string, into = reads) {
    if (!PERSONAL_CATEGORIES.has(category)) return
    let categories = into.get(id)
    if (!categories) into.set(id, (categories = new Set()))
    categories.add(category)
  }

  function allowedBy(category: Category, grant: ChildGrant) {
    const rule = ruleFor(policy, kind, category)
    if (rule === 'referred') return grant.referred
    const scope = SCOPE_OF[category]
    return rule === 'consent' && scope !== undefined && grant.consentScopes.includes(scope)
  }

  const access = {
    viewer,
    class: kind as ViewerClass,
    purpose,
    viaGateway: options.viaGateway ?? false,
    /** What a call to another service on this request's behalf carries: its id and trace. */
    callHeaders: options.callHeaders ?? {},
    rule: (category: Category) => ruleFor(policy, kind, category),

    /**
     * Whether the caller may read this category of this child's data;
     * an allowed read is recorded for the audit. Synchronous unless the
     * rule needs social's grants.
     */
    may(category: Category, childId: string): boolean | Promise<boolean> {
      const rule = ruleFor(policy, kind, category)
      if (rule === 'all') {
        record(category, childId)
        return true
      }
      if (rule === 'none') return false
      return grants.load(childId).then((grant) => {
        const allowed = allowedBy(category, grant)
        if (allowed) record(category, childId)
        return allowed
      })
    },

    /** Records an allowed read of a family's data under the family, beside any rows of its children. */
    readFamily(category: Category, familyId: string) {
      record(category, familyId, familyReads)
    },

    /** The refusal of a read, naming the field, the category and the rule that applies. */
    refusal(field: string, category: Category) {
      const rule = ruleFor(policy, kind, category)
      const extensions = { field, category, params: { category } }
      if (rule === 'none') {
        const why = `a ${viewer.role} of ${viewer.side ?? 'the public'} may not read ${category} data`
        return hubError('FORBIDDEN', 'CATEGORY_FORBIDDEN', `${field}: ${why}`, extensions)
      }
      if (rule === 'referred') {
        const why = `${category} data is open only for children referred to the caller's organisation`
        return hubError('FORBIDDEN', 'NOT_REFERRED', `${field}: ${why}`, extensions)
      }
      const why = `${category} data of this child needs the family's consent for ${viewer.organisation ?? viewer.side} and purpose ${purpose}`
      return hubError('FORBIDDEN', 'CONSENT_REQUIRED', `${field}: ${why}`, extensions)
    },

    /** The reads of this request, one audit row per child and one per family read as such, taken once. */
    takeAuditRows(operationName: string | null): AuditRow[] {
      const row = (childId: string | null, familyId: string | null, categories: Set<Category>): AuditRow => ({
        subject: viewer.subject,
        side: viewer.side,
        organisation: viewer.organisation,
        role: viewer.role,
        childId,
        familyId,
        categories: [...categories].sort(),
        operationName,
        purpose,
      })
      const rows = [
        ...[...reads].map(([childId, categories]) => row(childId, null, categories)),
        ...[...familyReads].map(([familyId, categories]) => row(null, familyId, categories)),
      ]
      reads.clear()
      familyReads.clear()
      return rows
    },
  }
  return access
}

export type RequestAccess = ReturnType<typeof createRequestAccess>
