import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizationFor, viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

/** `npm run import -- icd10 …` as a region's administrator runs it, against a hub started in this process. */
describe.each(backends)('npm run import -- icd10 through the gateway (%s)', (backend) => {
  let hub: Hub

  beforeAll(async () => {
    hub = await startHub(backend)
  })
  afterAll(() => hub?.stop())

  async function importCommand(args: string[], as: TestViewer = viewers.administrator('health')) {
    const token = (await authorizationFor(as)).replace(/^Bearer /, '')
    const gateway = hub.gateway.url.replace(/\/graphql$/, '')
    try {
      const { stdout, stderr } = await run(
        'npx',
        ['tsx', 'scripts/import.ts', 'icd10', ...args, '--gateway', gateway, '--token', token],
        { cwd: ROOT },
      )
      return { code: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  it('prints the dry run’s report, applies with --apply, and a second --apply finds no changes', async () => {
    const checked = await importCommand(['samples/reference/icd10.json'])
    expect(checked.code).toBe(0)
    expect(checked.stdout).toContain('МКБ-10, файл «icd10.json»')
    expect(checked.stdout).toContain('Будет добавлено: 34, изменено: 35, выведено из действия: 0, без изменений: 0')
    expect(checked.stdout).toContain('повторите команду с --apply')

    const applied = await importCommand(['samples/reference/icd10.csv', '--apply'])
    expect(applied.code).toBe(0)
    expect(applied.stdout).toContain('загружен.')
    const again = await importCommand(['samples/reference/icd10.csv', '--apply'])
    expect(again.stdout).toContain('изменений нет')
    const history = await hub.databases.health.db.selectFrom('reference_import').selectAll().execute()
    expect(history.map((entry) => [entry.file_name, entry.added])).toEqual([
      ['icd10.csv', 34],
      ['icd10.csv', 0],
    ])
  })

  it('ends with 1 and names the refusal for a caller who is not health’s administrator', async () => {
    const refused = await importCommand(['samples/reference/icd10.csv', '--apply'], viewers.coordinator('health'))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^icd10: /)
  })
})
