import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

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
