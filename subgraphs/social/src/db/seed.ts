import type { Insertable, Kysely } from 'kysely'
import { batchInserter, clearFrozenTables, clearTables, countTableRows } from '@hub/subgraph-kit/seeding'
import { seedStaffing, STAFFING_TABLES, type StaffingSeedRows } from '@hub/side-contract/staffing/seed'
import type {
  ChildCriterionTable,
  ChildTable,
  ConsentTable,
  DB,
  FamilySituationTable,
  FamilyTable,
  FamilyMemberTable,
  LegalRepresentativeTable,
  MemberContactTable,
  MunicipalityTable,
  PossibleDuplicateTable,
  ProgrammeGoalTable,
  ProgrammeLeadTable,
  ProgrammeReviewRatingTable,
  ProgrammeReviewTable,
  ProgrammeServiceTable,
  ProgrammeTable,
  ProviderTable,
  ProviderMunicipalityTable,
  ProviderServiceTable,
  ReferralPauseTable,
  ReferralTable,
  RegistryStatusChangeTable,
  SocialSessionTable,
  StaffMemberTable,
} from './database.js'

type WithId<T> = Insertable<T> & { id: string }

/**
 * The social part of a synthetic region: the public registries, families, the children's identity, criteria and
 * pathway (status history, referrals, ИПРП with their lead specialists and sessions at social's centres), possible
 * duplicates, the specialists of social's providers and the named staff of every provider.
 */
export interface SocialSeedRows extends StaffingSeedRows {
  municipalities: Insertable<MunicipalityTable>[]
  providers: WithId<ProviderTable>[]
  providerMunicipalities: Insertable<ProviderMunicipalityTable>[]
  providerServices: Insertable<ProviderServiceTable>[]
  families: WithId<FamilyTable>[]
  familyMembers: WithId<FamilyMemberTable>[]
  legalRepresentatives: WithId<LegalRepresentativeTable>[]
  memberContacts: WithId<MemberContactTable>[]
  familySituations: WithId<FamilySituationTable>[]
  children: WithId<ChildTable>[]
  criteria: WithId<ChildCriterionTable>[]
  statusChanges: WithId<RegistryStatusChangeTable>[]
  possibleDuplicates: WithId<PossibleDuplicateTable>[]
  referrals: WithId<ReferralTable>[]
  referralPauses: WithId<ReferralPauseTable>[]
  programmes: WithId<ProgrammeTable>[]
  /** Named staff of the providers, as the staff directory records them when they sign in. */
  staffMembers: Insertable<StaffMemberTable>[]
  programmeLeads: WithId<ProgrammeLeadTable>[]
  programmeGoals: WithId<ProgrammeGoalTable>[]
  programmeServices: WithId<ProgrammeServiceTable>[]
  programmeReviews: WithId<ProgrammeReviewTable>[]
  programmeReviewRatings: WithId<ProgrammeReviewRatingTable>[]
  sessions: WithId<SocialSessionTable>[]
  consents: WithId<ConsentTable>[]
}

// Referenced tables first, so that every batch finds the rows its foreign keys point at.
// service_type is not listed: the regional catalogue belongs to a migration and survives a reset.
const SEEDED_TABLES = [
  'municipality',
  'provider',
  'provider_municipality',
  'provider_service',
  'staff_member',
  ...STAFFING_TABLES,
  'family',
  'family_member',
  'legal_representative',
  'member_contact',
  'family_situation',
  'child',
  'consent',
  'registry_status_change',
  'possible_duplicate',
  'child_merge_step',
  'child_merge_move',
  'child_merge',
  'child_merge_delivery',
  'referral',
  'referral_pause',
  'programme',
  'programme_lead',
  'programme_goal',
  'programme_service',
  'social_session',
  'programme_review',
  'programme_review_rating',
  'child_criterion',
] as const satisfies readonly (keyof DB)[]

/** Inserts one part of the region in a single transaction: all of it or none. */
export async function seedSocial(db: Kysely<DB>, rows: SocialSeedRows) {
  await db.transaction().execute(async (trx) => {
    const insert = batchInserter<DB>(trx)
    await insert('municipality', rows.municipalities)
    await insert('provider', rows.providers)
    await insert('provider_municipality', rows.providerMunicipalities)
    await insert('provider_service', rows.providerServices)
    await insert('staff_member', rows.staffMembers)
    await seedStaffing(trx, rows)
    await insert('family', rows.families)
    await insert('family_member', rows.familyMembers)
    await insert('legal_representative', rows.legalRepresentatives)
    await insert('member_contact', rows.memberContacts)
    await insert('family_situation', rows.familySituations)
    await insert('child', rows.children)
    await insert('consent', rows.consents)
    await insert('registry_status_change', rows.statusChanges)
    await insert('possible_duplicate', rows.possibleDuplicates)
    await insert('referral', rows.referrals)
    await insert('referral_pause', rows.referralPauses)
    await insert('programme', rows.programmes)
    await insert('programme_lead', rows.programmeLeads)
    await insert('programme_goal', rows.programmeGoals)
    await insert('programme_service', rows.programmeServices)
    await insert('social_session', rows.sessions)
    await insert('programme_review', rows.programmeReviews)
    await insert('programme_review_rating', rows.programmeReviewRatings)
    await insert('child_criterion', rows.criteria)
  })
}

/**
 * What the running hub derives from the seeded rows and the seed does not write: the signals delivered from the other
 * sides' outboxes, the deadline notifications, the registry imports with what each row became, and the population
 * counts imported per municipality. They point at seeded rows (children, municipalities), so a reset empties them too.
 */
const DERIVED_TABLES = [
  'child_find_signal',
  'deadline_notification',
  'notification_read',
  'registry_import_row',
  'registry_import',
  'municipality_population',
] as const satisfies readonly (keyof DB)[]

/** Empties every table the seed fills, what the hub derived from them, and the reports filed on them. */
export async function clearSocial(db: Kysely<DB>) {
  await clearTables(db, [...SEEDED_TABLES, ...DERIVED_TABLES])
  // Filed reports count the seeded children (the demo's are filed by `npm run seed`, scripts/seed/reports.ts).
  await clearFrozenTables(db, ['indicator_snapshot', 'quarterly_report'])
}

/** Rows in each table the seed fills. */
export function countSocialRows(db: Kysely<DB>) {
  return countTableRows(db, SEEDED_TABLES)
}
