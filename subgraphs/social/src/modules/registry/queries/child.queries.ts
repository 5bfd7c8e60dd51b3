import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely'
import { cellKeySql, recordKeySql } from '@hub/subgraph-kit/access/analytics'
import { anyText, anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import { inCareOf } from '../../pathway/queries/referral.queries.js'
import type { RegistrySearch } from '../../../names.js'
import type { ChildCriterionTable, ChildTable, DB } from '../../../db/database.js'

export type ChildRow = Awaited<ReturnType<typeof findChildrenByIds>>[number]

export interface ChildFilter {
  municipalityOktmo?: readonly string[]
  registryStatus?: readonly Selectable<ChildTable>['registry_status'][]
  criterion?: readonly Selectable<ChildCriterionTable>['code'][]
  bornOnOrAfter?: string
  bornOnOrBefore?: string
  /** A СНИЛС's 11 digits, or words that begin words of the name key and a birth date (names.ts `registrySearch`). */
  search?: RegistrySearch
  /**
   * Only children in this provider's care — referred to it (not rejected) or given a service by it in their ИПРП: a
   * provider's staff see no others. `null`, for staff of no provider, matches no child.
   */
  referredTo?: string | null
}

export function findChildrenByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('child').select(columns.child).where('child.id', '=', anyUuid(ids)).execute()
}

/** The families' children on the registry; a record merged into another is not one of them. */
export function findChildrenByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return db
    .selectFrom('child')
    .select(columns.child)
    .where('child.family_id', '=', anyUuid(familyIds))
    .where('child.merged_into_id', 'is', null)
    .orderBy('child.birth_date')
    .orderBy('child.id')
    .execute()
}

/**
 * Whether a word of a name key column (names.ts `nameKey`) begins with `word`, one of names.ts `nameWords` (letters and
 * apostrophes, so no wildcard of LIKE): the key with a space before it contains the space and the word. pg_trgm's GIN
 * index on that expression serves it wherever the word stands in the name.
 */
export function nameHasWordStarting(nameKey: `${string}.name_key`, word: string) {
  return sql<boolean>`(' ' || ${sql.ref(nameKey)}) like ${`% ${word}%`}`
}

function matches(filter: ChildFilter) {
  return (eb: ExpressionBuilder<DB, 'child'>) => {
    // A record merged into another is history: the registry lists the child once, under the survivor.
    const conditions: Expression<SqlBool>[] = [eb('child.merged_into_id', 'is', null)]
    if (filter.municipalityOktmo?.length) {
      conditions.push(eb('child.municipality_oktmo', '=', anyText(filter.municipalityOktmo)))
    }
    if (filter.registryStatus?.length) {
      conditions.push(eb('child.registry_status', '=', anyText(filter.registryStatus)))
    }
    if (filter.search && 'snils' in filter.search) conditions.push(eb('child.snils', '=', filter.search.snils))
    if (filter.search && 'words' in filter.search) {
      for (const word of filter.search.words) conditions.push(nameHasWordStarting('child.name_key', word))
      if (filter.search.birthDate) conditions.push(eb('child.birth_date', '=', filter.search.birthDate))
    }
    if (filter.bornOnOrAfter) conditions.push(eb('child.birth_date', '>=', filter.bornOnOrAfter))
    if (filter.bornOnOrBefore) conditions.push(eb('child.birth_date', '<=', filter.bornOnOrBefore))
    if (filter.referredTo === null) conditions.push(eb.lit(false))
    if (typeof filter.referredTo === 'string') conditions.push(inCareOf(eb, filter.referredTo))
    if (filter.criterion?.length) {
      const codes = filter.criterion
      conditions.push(
        eb.exists(
          eb
            .selectFrom('child_criterion')
            .select(sql.lit(1).as('one'))
            .whereRef('child_criterion.child_id', '=', 'child.id')
            .where('child_criterion.code', '=', anyText(codes))
            .where((inner) =>
              inner.or([
                inner('child_criterion.valid_to', 'is', null),
                inner('child_criterion.valid_to', '>=', sql<string>`current_date`),
              ]),
            ),
        ),
      )
    }
    return eb.and(conditions)
  }
}

/** A page of a list in id order: its rows, the number of all matching rows, and whether a next page exists. */
export interface Page<Row> {
  totalCount: number
  rows: Row[]
  hasNextPage: boolean
}

/**
 * One page of `rows` in id order, `first` of them (one more tells whether a next page exists), and the number of all
 * the rows `count` counts as `totalCount`, in one statement: the page is a subquery laterally joined to the count, so
 * that an empty page still carries the total.
 */
export async function pageWithTotal<Row extends { id: string }>(
  db: Kysely<DB>,
  { count, rows, first }: { count: Expression<{ totalCount: number }>; rows: Expression<Row>; first: number },
) {
  const { rows: found } = await sql<{ [K in keyof Row]: Row[K] | null } & { totalCount: number }>`
    select page.*, total."totalCount" from ${count} as total
    left join lateral (select * from ${rows} as row order by row.id limit ${first + 1}) as page on true
  `.execute(db)
  const page = found.filter((row): row is Row & { totalCount: number } => row.id !== null)
  const result: Page<Row> = {
    totalCount: found[0]?.totalCount ?? 0,
    rows: page.slice(0, first).map(({ totalCount: _total, ...row }) => row as unknown as Row),
    hasNextPage: page.length > first,
  }
  return result
}

/** A page of the registry in id order after `afterId`, and the number of children matching the filter. */
export async function listChildren(
  db: Kysely<DB>,
  { filter, first, afterId }: { filter: ChildFilter; first: number; afterId?: string },
) {
  const count = db
    .selectFrom('child')
    .where(matches(filter))
    .select(sql<number>`count(*)::int`.as('totalCount'))
  let rows = db.selectFrom('child').select(columns.child).where(matches(filter))
  if (afterId) rows = rows.where('child.id', '>', afterId)
  return pageWithTotal(db, { count, rows, first })
}

/**
 * Children on the registry (merged records aside) by municipality and status, with the cell key of each cell's
 * children; one municipality's when given.
 */
export function countChildrenByMunicipalityAndStatus(db: Kysely<DB>, municipalityOktmo?: string) {
  let query = db
    .selectFrom('child')
    .select([
      'child.municipality_oktmo as municipalityOktmo',
      'child.registry_status as registryStatus',
      sql<number>`count(*)::int`.as('count'),
      cellKeySql(sql`sum(${recordKeySql(sql.ref('child.id'))})`).as('cellKey'),
    ])
    .where('child.merged_into_id', 'is', null)
  if (municipalityOktmo !== undefined) query = query.where('child.municipality_oktmo', '=', municipalityOktmo)
  return query
    .groupBy(['child.municipality_oktmo', 'child.registry_status'])
    .orderBy('child.municipality_oktmo')
    .orderBy('child.registry_status')
    .execute()
}

/** What a depersonalised list shows of a child: birth date (only its year leaves), sex, criteria in force today. */
function depersonalisedChildren(db: Kysely<DB>) {
  return db.selectFrom('child').select([
    'child.id',
    'child.birth_date as birthDate',
    'child.sex',
    (eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('child_criterion')
            .select(
              sql<Selectable<ChildCriterionTable>['code'][]>`array_agg(distinct child_criterion.code)`.as('codes'),
            )
            .whereRef('child_criterion.child_id', '=', 'child.id')
            .where('child_criterion.valid_from', '<=', sql<string>`current_date`)
            .where((inner) =>
              inner.or([
                inner('child_criterion.valid_to', 'is', null),
                inner('child_criterion.valid_to', '>=', sql<string>`current_date`),
              ]),
            ),
          sql<Selectable<ChildCriterionTable>['code'][]>`'{}'`,
        )
        .as('criteria'),
  ])
}

/** The children of one cell of the registry summary with what a depersonalised list shows of them. */
export function listCohort(
  db: Kysely<DB>,
  municipalityOktmo: string,
  registryStatus: Selectable<ChildTable>['registry_status'],
) {
  return depersonalisedChildren(db)
    .where('child.merged_into_id', 'is', null)
    .where('child.municipality_oktmo', '=', municipalityOktmo)
    .where('child.registry_status', '=', registryStatus)
    .execute()
}

/** Children behind an indicator, as a depersonalised list shows them; merged records too, as a report froze them. */
export function findDepersonalisedByIds(db: Kysely<DB>, ids: readonly string[]) {
  return depersonalisedChildren(db).where('child.id', '=', anyUuid(ids)).execute()
}

export function findChildBySnils(db: Kysely<DB>, snils: string) {
  return db.selectFrom('child').select(columns.child).where('child.snils', '=', snils).executeTakeFirst()
}

export function findChildrenByNameKey(db: Kysely<DB>, nameKey: string, birthDate: string) {
  return db
    .selectFrom('child')
    .select(columns.child)
    .where('child.name_key', '=', nameKey)
    .where('child.birth_date', '=', birthDate)
    .where('child.merged_into_id', 'is', null)
    .orderBy('child.registered_at')
    .execute()
}

export function insertChild(db: Kysely<DB>, row: Insertable<ChildTable>) {
  return db.insertInto('child').values(row).returning(columns.child).executeTakeFirstOrThrow()
}

/** Takes the row lock that serialises changes of one child's status or СНИЛС. */
export function lockChildById(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('child').select(columns.child).where('child.id', '=', id).forUpdate().executeTakeFirst()
}

/** The municipality of a family's children on the registry follows the family when it moves. */
export function moveChildrenOfFamily(db: Kysely<DB>, familyId: string, municipalityOktmo: string) {
  return db
    .updateTable('child')
    .set({ municipality_oktmo: municipalityOktmo })
    .where('child.family_id', '=', familyId)
    .where('child.merged_into_id', 'is', null)
    .execute()
}

export function updateChild(db: Kysely<DB>, id: string, changes: Updateable<ChildTable>) {
  return db
    .updateTable('child')
    .set(changes)
    .where('child.id', '=', id)
    .returning(columns.child)
    .executeTakeFirstOrThrow()
}

/**
 * Serialises registrations that could describe the same child: two
 * registrations with the same СНИЛС, or the same name and birth date,
 * wait for each other inside their transactions, so that the second one
 * finds the first one's child instead of creating another. Keys are
 * locked in one order (name key before СНИЛС), so two registrations
 * cannot wait for each other in a cycle.
 */
export async function lockRegistrationKeys(trx: Transaction<DB>, keys: readonly string[]) {
  for (const key of keys) {
    await sql`select pg_advisory_xact_lock(hashtext('child-registration'), hashtext(${key}))`.execute(trx)
  }
}
