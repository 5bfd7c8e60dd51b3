import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { registrySampleXlsx, yearsSinceSample } from '../../scripts/registry-sample.js'
import { startHub, type Hub } from '../support/hub.js'

const run = promisify(execFile)
const folder = mkdtempSync(join(tmpdir(), 'hub-registry-import-'))
const file = join(folder, 'реестр.xlsx')

describe('npm run import -- registry against a running hub', () => {
  let hub: Hub
  let token: string

  beforeAll(async () => {
    // The sample with its dates moved on to this year, so that its children are as old as it was written for.
    writeFileSync(file, await registrySampleXlsx(yearsSinceSample()))
    hub = await startHub('pglite', { timeoutMs: 30_000 })
    // A region with data: the import merges into it.
    await hub.seed(20)
    token = (await authorizationFor(viewers.administrator('social'))).replace(/^Bearer /, '')
  }, 120_000)
  afterAll(async () => {
    await hub?.stop()
    rmSync(folder, { recursive: true, force: true })
  })

  const importCommand = (...args: string[]) =>
    run(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/import.ts',
        'registry',
        file,
        '--gateway',
        hub.gateway.url.replace(/\/graphql$/, ''),
        '--token',
        token,
        ...args,
      ],
      { cwd: join(import.meta.dirname, '../..') },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error)

  const children = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from child`.execute(hub.databases.social.db)).rows[0]!.n
  const pathway = async () =>
    (
      await sql<{ referrals: number; programmes: number }>`
        select (select count(*)::int from referral) as referrals, (select count(*)::int from programme) as programmes
      `.execute(hub.databases.social.db)
    ).rows[0]!

  it('checks the sample without writing, then imports it once, reporting the refused rows by line, column and rule', async () => {
    const before = await children()
    const pathwayBefore = await pathway()
    const dry = await importCommand()
    expect(dry.stdout).toContain('реестр.xlsx: 13 строк')
    expect(dry.stdout).toMatch(/пробный импорт за [\d.]+ с: будет внесено 5, объединено 1, отклонено 7/)
    expect('code' in dry && dry.code).toBe(3)
    expect(await children()).toBe(before)
    expect(await pathway()).toEqual(pathwayBefore)
    const report = readFileSync(`${file}.ошибки.csv`, 'utf8')
    expect(report.split('\r\n')[0]).toBe('\uFEFFСтрока;Столбец;Правило;Ошибка')
    expect(report).toContain('5;Дата рождения;IMPORT_DATE;')
    expect(report).toContain(
      '6;ОКТМО;UNKNOWN_MUNICIPALITY;В регионе нет муниципального образования с кодом ОКТМО 99999999',
    )
    expect(report).toContain('9;Дата рождения;CHILD_TOO_OLD;')
    expect(report).toContain('13;Документ критерия;REQUIRED_TEXT;Заполните поле')
    expect(report).toContain(
      '14;Направлен к поставщику (ОГРН или ИНН);CHECK_DIGIT;Контрольное число не сходится: проверьте цифры',
    )

    const applied = await importCommand('--apply')
    expect(applied.stderr).toBe('')
    expect(applied.stdout).toMatch(/строк 13 из 13: внесено 5, объединено 1, отклонено 7/)
    expect(applied.stdout).toMatch(/импорт [0-9a-f-]{36} завершён за [\d.]+ с/)
    expect(await children()).toBe(before + 5)
    // Line 2's accepted referral with its programme, line 4's open referral.
    const imported = { referrals: pathwayBefore.referrals + 2, programmes: pathwayBefore.programmes + 1 }
    expect(await pathway()).toEqual(imported)

    // The same file once more: a new import whose rows all merge into what the first one made.
    const again = await importCommand('--apply')
    expect(again.stdout).toMatch(/строк 13 из 13: внесено 0, объединено 6, отклонено 7/)
    expect(await children()).toBe(before + 5)
    expect(await pathway()).toEqual(imported)
  }, 120_000)
})
