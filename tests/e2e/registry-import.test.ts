import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { startHub, type Hub } from '../support/hub.js'

const run = promisify(execFile)
const folder = mkdtempSync(join(tmpdir(), 'hub-registry-import-'))
const file = join(folder, 'реестр.xlsx')
copyFileSync(new URL('../../samples/registry/registry-sample.xlsx', import.meta.url), file)

describe('npm run import -- registry against a running hub', () => {
  let hub: Hub
  let token: string

  beforeAll(async () => {
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

  it('checks the sample without writing, then imports it once, reporting the refused rows by line, column and rule', async () => {
    const before = await children()
    const dry = await importCommand()
    expect(dry.stdout).toContain('реестр.xlsx: 12 строк')
    expect(dry.stdout).toMatch(/пробный импорт за [\d.]+ с: будет внесено 5, объединено 1, отклонено 6/)
    expect('code' in dry && dry.code).toBe(3)
    expect(await children()).toBe(before)
    const report = readFileSync(`${file}.ошибки.csv`, 'utf8')
    expect(report.split('\r\n')[0]).toBe('\uFEFFСтрока;Столбец;Правило;Ошибка')
    expect(report).toContain('5;Дата рождения;IMPORT_DATE;')
    expect(report).toContain(
      '6;ОКТМО;UNKNOWN_MUNICIPALITY;В регионе нет муниципального образования с кодом ОКТМО 99999999',
    )
    expect(report).toContain('9;Дата рождения;CHILD_TOO_OLD;')
    expect(report).toContain('13;Документ критерия;REQUIRED_TEXT;Заполните поле')

    const applied = await importCommand('--apply')
    expect(applied.stderr).toBe('')
    expect(applied.stdout).toMatch(/строк 12 из 12: внесено 5, объединено 1, отклонено 6/)
    expect(applied.stdout).toMatch(/импорт [0-9a-f-]{36} завершён за [\d.]+ с/)
    expect(await children()).toBe(before + 5)

    // The same file once more: a new import whose rows all merge into what the first one made.
    const again = await importCommand('--apply')
    expect(again.stdout).toMatch(/строк 12 из 12: внесено 0, объединено 6, отклонено 6/)
    expect(await children()).toBe(before + 5)
  }, 120_000)
})
