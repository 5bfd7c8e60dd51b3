import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stageService } from '../scripts/check-subgraph-build.js'

// The generators run as CI runs them, in their own process, in check mode: they compare, they do not write.
function check(script: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' })
}

describe('generated files', () => {
  it('npm run compose reproduces the committed supergraph exactly', () => {
    const result = check('scripts/compose-supergraph.ts')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('codegen reproduces the committed resolver types and typed operations exactly', () => {
    const result = check('scripts/codegen.ts')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it("each service's .env.example and the generated sections of its README are what its code gives", () => {
    const result = check('scripts/service-docs.ts')
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})

describe("a subgraph's own codegen entry", () => {
  it('checks and regenerates its schema and resolver types from its folder and the packages it declares alone', () => {
    const staged = realpathSync(mkdtempSync(join(tmpdir(), 'hub-ngo-codegen-')))
    try {
      stageService('ngo', staged)
      const folder = join(staged, 'subgraphs/ngo')
      // `npm run codegen` and `npm run codegen:check` in the subgraph's folder.
      const codegen = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'codegen.ts', ...args], { cwd: folder, encoding: 'utf8' })
      const resolverTypes = join(folder, 'src/__generated__/resolvers-types.ts')
      const drift = (path: string) => `${path} differs from a fresh generation; run \`npm run codegen\` and commit\n`

      expect(codegen('--check')).toMatchObject({ status: 0, stderr: '' })

      appendFileSync(resolverTypes, '// edited by hand\n')
      expect(codegen('--check')).toMatchObject({ status: 1, stderr: drift('src/__generated__/resolvers-types.ts') })

      appendFileSync(join(folder, 'src/schema.graphql'), '\n"Проба генерации."\ntype CodegenProbe {\n  id: ID!\n}\n')
      expect(codegen('--check')).toMatchObject({
        status: 1,
        stderr: drift('schema.graphql') + drift('src/__generated__/resolvers-types.ts'),
      })

      expect(codegen()).toMatchObject({ status: 0, stderr: '' })
      expect(readFileSync(join(folder, 'schema.graphql'), 'utf8')).toContain('type CodegenProbe {')
      expect(readFileSync(resolverTypes, 'utf8')).not.toContain('// edited by hand')
      expect(readFileSync(resolverTypes, 'utf8')).toContain('export type CodegenProbe = {')
      expect(codegen('--check')).toMatchObject({ status: 0, stderr: '' })
    } finally {
      rmSync(staged, { recursive: true, force: true })
    }
  }, 60_000)
})
