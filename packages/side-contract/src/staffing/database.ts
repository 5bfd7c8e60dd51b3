import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'

/** The sides of the hub: the four ministries' subgraphs. */
export type Side = 'SOCIAL' | 'HEALTH' | 'EDUCATION' | 'NGO'

/** The roles of early-help specialists, in the order of the GraphQL enum `SpecialistRole`. */
export const SPECIALIST_ROLES = [
  'SOCIAL_WORKER',
  'PSYCHOLOGIST',
  'DEFECTOLOGIST',
  'SPEECH_THERAPIST',
  'ADAPTIVE_PE_INSTRUCTOR',
  'PAEDIATRICIAN',
  'NEONATOLOGIST',
  'NEUROLOGIST',
  'OCCUPATIONAL_THERAPIST',
  'TYPHLOPEDAGOGUE',
  'SURDOPEDAGOGUE',
  'EDUCATOR',
  'NURSE',
] as const

export type SpecialistRole = (typeof SPECIALIST_ROLES)[number]

/**
 * The staffing tables every subgraph's database has: each side employs its own specialists and keeps them in its own
 * database. A specialist is a person, and no database but social's holds a person's name: here a specialist is the
 * personnel number the provider gave them, their role, their period of employment and their training.
 */
export interface StaffingTables {
  specialist: SpecialistTable
  specialist_training: SpecialistTrainingTable
  staffing_indicator_snapshot: StaffingIndicatorSnapshotTable
}

export interface SpecialistTable {
  id: Generated<string>
  /** A provider of social's registry; its side is the side whose database holds the row. */
  provider_id: string
  personnel_number: string
  role: SpecialistRole
  employed_from: string
  employed_until: string | null
}

export interface SpecialistTrainingTable {
  id: Generated<string>
  specialist_id: string
  course: string
  hours: number
  completed_on: string
  certificate_number: string
}

/**
 * A filed report's staffing part, frozen by the side (migration 2026_11_24_1310_create_staffing_indicator_snapshot).
 */
export interface StaffingIndicatorSnapshotTable {
  report_id: string
  /** '' for the region, else a municipality's ОКТМО. */
  territory: string
  figures: ColumnType<StaffingFigures, string, never>
}

export interface StaffingFigures {
  side: Side
  providers: number
  providersMissingRoles: number
  byRole: { role: SpecialistRole; employed: number; trained: number; trainingHours: number }[]
}

/**
 * A subgraph's database seen through its staffing tables alone. Kysely's types hold a database's table map exactly (a
 * `Kysely<DB>` is no `Kysely<StaffingTables>` to the compiler), yet a database with more tables runs every staffing
 * statement unchanged: the view only forgets the subgraph's other tables.
 */
export function staffingView<DB extends StaffingTables>(db: Transaction<DB>): Transaction<StaffingTables>
export function staffingView<DB extends StaffingTables>(db: Kysely<DB>): Kysely<StaffingTables>
export function staffingView(db: unknown) {
  return db
}
