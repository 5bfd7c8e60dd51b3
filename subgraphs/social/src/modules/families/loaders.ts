import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from '../../db/database.js'
import { findConsentsByChildIds, findConsentsByIds } from './queries/consent.queries.js'
import {
  findContactsByFamilyIds,
  findContactsByMemberIds,
  findFamiliesByIds,
  findFamilyMembersByFamilyIds,
  findFamilyMembersByIds,
  findFamilySituationsByFamilyIds,
  findLegalRepresentativesByFamilyIds,
  findLegalRepresentativesByIds,
  findLegalRepresentativesByMemberIds,
} from './queries/family.queries.js'

/**
 * The families module's loaders (families, their members, contacts, representatives and situations, consents), spread
 * into the request's loaders (src/loaders.ts).
 */
export function createFamiliesLoaders(db: Kysely<DB>) {
  return {
    familyById: loaderOfOne(
      (ids) => findFamiliesByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    legalRepresentativesByFamilyId: loaderOfMany(
      (ids) => findLegalRepresentativesByFamilyIds(db, ids),
      (row) => row.familyId,
      BY_UUID,
    ),
    legalRepresentativesByMemberId: loaderOfMany(
      (ids) => findLegalRepresentativesByMemberIds(db, ids),
      (row) => row.memberId,
      BY_UUID,
    ),
    familyMemberById: loaderOfOne(
      (ids) => findFamilyMembersByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    familyMembersByFamilyId: loaderOfMany(
      (ids) => findFamilyMembersByFamilyIds(db, ids),
      (row) => row.familyId,
      BY_UUID,
    ),
    contactsByMemberId: loaderOfMany(
      (ids) => findContactsByMemberIds(db, ids),
      (row) => row.memberId,
      BY_UUID,
    ),
    contactsByFamilyId: loaderOfMany(
      (ids) => findContactsByFamilyIds(db, ids),
      (row) => row.familyId,
      BY_UUID,
    ),
    familySituationsByFamilyId: loaderOfMany(
      (ids) => findFamilySituationsByFamilyIds(db, ids),
      (row) => row.familyId,
      BY_UUID,
    ),
    consentsByChildId: loaderOfMany(
      (ids) => findConsentsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    consentById: loaderOfOne(
      (ids) => findConsentsByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    legalRepresentativeById: loaderOfOne(
      (ids) => findLegalRepresentativesByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
  }
}
