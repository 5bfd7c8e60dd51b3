import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, relative } from 'node:path'

/**
 * Writes a generated file, or with `check` compares it with the committed
 * one and reports drift: CI runs the generators in check mode.
 */
export function writeGenerated(path: string, content: string, check: boolean) {
  let current: string | undefined
  try {
    current = readFileSync(path, 'utf8')
  } catch {
    current = undefined
  }
  if (check) {
    if (current !== content) {
      return `${relative(process.cwd(), path)} differs from a fresh generation; run \`npm run generate\` and commit`
    }
    return undefined
  }
  if (current !== content) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
  return undefined
}

export function reportDrift(problems: readonly (string | undefined)[]) {
  const drift = problems.filter((problem): problem is string => problem !== undefined)
  for (const problem of drift) console.error(problem)
  if (drift.length > 0) process.exitCode = 1
}
