import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backends } from '@hub/testing/databases'
import { openHubDatabases, type HubDatabases } from '../support/hub.js'

// Column names that would carry a person's identity or contacts.
const IDENTITY =
  /(^|_)(name|last_name|first_name|patronymic|full_name|birth|birth_date|snils|phone|email|address|contact|passport)($|_)/

describe.each(backends)('where identity is stored (%s)', (backend) => {
  let databases: HubDatabases

  beforeAll(async () => {
    databases = await openHubDatabases(backend)
  })
  afterAll(async () => {
    for (const database of Object.values(databases)) await database.close()
  })

  async function columnsOf(name: keyof HubDatabases) {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name not like 'kysely_%'
    `.execute(databases[name].db)
    return rows.map((row) => `${row.table_name}.${row.column_name}`)
  }

  it.each(['health', 'education', 'ngo'] as const)(
    '%s has no column for a person’s name, birth date, СНИЛС or contact',
    async (name) => {
      const personal = (await columnsOf(name)).filter((column) => {
        const [table, field] = column.split('.') as [string, string]
        // Organisations' and groups' names are not personal data.
        if (['icd10_code', 'kindergarten', 'parent_group'].includes(table) && field === 'name') return false
        // Nor is a kindergarten's address: an organisation's, from the education department's file.
        if (column === 'kindergarten.address') return false
        // Nor are a dictionary's entries' names and the names of its imported files.
        if (['reference_entry', 'reference_entry_version'].includes(table) && field === 'name') return false
        if (column === 'reference_import.file_name') return false
        return IDENTITY.test(field)
      })
      expect(personal).toEqual([])
    },
  )

  it('social holds the children’s and their families’ identity and contacts', async () => {
    expect(await columnsOf('social')).toEqual(
      expect.arrayContaining([
        'child.last_name',
        'child.first_name',
        'child.birth_date',
        'child.snils',
        'family_member.last_name',
        'family_member.birth_date',
        'member_contact.value',
      ]),
    )
  })
})
