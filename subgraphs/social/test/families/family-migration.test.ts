import { Migrator, sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { migrations } from '../../src/db/migrations/index.js'

const FAMILY_MEMBERS = '2026_11_24_1100_add_family_members'
const FAMILY = '6f1b8a2e-0c4d-4e5f-8a9b-0c1d2e3f4a5b'
const MOTHER = '7a2c9b3f-1d5e-4f60-9b0c-1d2e3f4a5b6c'
const GUARDIAN = '8b3d0c4a-2e6f-4a71-8c1d-2e3f4a5b6c7d'

// The representatives written before members existed must come through the migration as members with a representation
// under the same id (programmes keep their signer), with their phones and e-mails as contacts, and back again.
describe('the migration that gives families their members (pglite)', () => {
  let database: Database<unknown>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables change shape under this test
  let db: Kysely<any>
  const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } })

  beforeAll(async () => {
    database = openDatabase({ dataDir: 'memory://' })
    db = database.db
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < FAMILY_MEMBERS))
    await migrateToLatest(db, before)
    await sql`insert into municipality (oktmo, name) values ('71800000', 'Тестовый район')`.execute(db)
    await sql`insert into family (id, municipality_oktmo, created_at) values (${FAMILY}, '71800000', '2026-03-01T10:00:00Z')`.execute(
      db,
    )
    await sql`
      insert into child (family_id, last_name, first_name, birth_date, sex, municipality_oktmo, registry_status, name_key)
      values (${FAMILY}, 'Иванов', 'Пётр', '2025-02-10', 'MALE', '71800000', 'POTENTIALLY_IN_NEED', 'иванов петр')
    `.execute(db)
    await sql`
      insert into legal_representative (id, family_id, last_name, first_name, patronymic, relation, document_basis, phone, email)
      values (${MOTHER}, ${FAMILY}, 'Иванова', 'Мария', 'Петровна', 'MOTHER', 'Свидетельство о рождении', '+79001234567', 'm@example.ru'),
             (${GUARDIAN}, ${FAMILY}, 'Сидорова', 'Нина', null, 'GUARDIAN', null, null, null)
    `.execute(db)
    await migrateToLatest(db, migrations)
  })
  afterAll(() => database?.close())

  it('turns each representative into a member with a representation of the same id from the eldest child’s birth', async () => {
    const { rows: members } = await sql`
      select id, family_id, last_name, first_name, patronymic, kinship from family_member order by last_name
    `.execute(db)
    expect(members).toEqual([
      {
        id: MOTHER,
        family_id: FAMILY,
        last_name: 'Иванова',
        first_name: 'Мария',
        patronymic: 'Петровна',
        kinship: 'PARENT',
      },
      {
        id: GUARDIAN,
        family_id: FAMILY,
        last_name: 'Сидорова',
        first_name: 'Нина',
        patronymic: null,
        kinship: 'OTHER',
      },
    ])
    const { rows: representations } = await sql`
      select id, member_id, relation, valid_from::text, valid_to from legal_representative order by relation
    `.execute(db)
    expect(representations).toEqual([
      { id: GUARDIAN, member_id: GUARDIAN, relation: 'GUARDIAN', valid_from: '2025-02-10', valid_to: null },
      { id: MOTHER, member_id: MOTHER, relation: 'MOTHER', valid_from: '2025-02-10', valid_to: null },
    ])
    // A later migration gives members the name key a search compares.
    const { rows: keys } = await sql`select name_key from family_member order by last_name`.execute(db)
    expect(keys).toEqual([{ name_key: 'иванова мария петровна' }, { name_key: 'сидорова нина' }])
    const { rows: contacts } = await sql`select member_id, kind, value from member_contact order by kind`.execute(db)
    expect(contacts).toEqual([
      { member_id: MOTHER, kind: 'EMAIL', value: 'm@example.ru' },
      { member_id: MOTHER, kind: 'PHONE', value: '+79001234567' },
    ])
  })

  it('restores the representatives as they were when rolled back', async () => {
    // Down to the migration before this one: the later ones are rolled back first, as they would be.
    const previous = Object.keys(migrations)
      .filter((name) => name < FAMILY_MEMBERS)
      .sort()
      .at(-1)!
    const { error } = await migrator().migrateTo(previous)
    expect(error).toBeUndefined()
    const { rows } = await sql`
      select id, family_id, last_name, first_name, patronymic, relation, phone, email
      from legal_representative order by last_name
    `.execute(db)
    expect(rows).toEqual([
      {
        id: MOTHER,
        family_id: FAMILY,
        last_name: 'Иванова',
        first_name: 'Мария',
        patronymic: 'Петровна',
        relation: 'MOTHER',
        phone: '+79001234567',
        email: 'm@example.ru',
      },
      {
        id: GUARDIAN,
        family_id: FAMILY,
        last_name: 'Сидорова',
        first_name: 'Нина',
        patronymic: null,
        relation: 'GUARDIAN',
        phone: null,
        email: null,
      },
    ])
    const { rows: tables } = await sql`
      select table_name from information_schema.tables where table_name in ('family_member', 'member_contact')
    `.execute(db)
    expect(tables).toEqual([])
  })
})
