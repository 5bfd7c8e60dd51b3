import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, relative } from 'node:path'

/**
 * Writes a generated file, or with `check` compares it with the committed one and returns its path (relative to the
 * working folder) when they differ: CI runs the generators in check mode.
 */
export function writeGenerated(path: string, content: string, check: boolean) {
  let current: string | undefined
  try {
    current = readFileSync(path, 'utf8')
  } catch {
    current = undefined
  }
  if (check) return current === content ? undefined : relative(process.cwd(), path)
  if (current !== content) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
  return undefined
}

/** Names each drifted file and the command that regenerates it, and makes the process fail when there is one. */
export function reportDrift(drifted: readonly (string | undefined)[], regenerate = 'npm run generate') {
  const paths = drifted.filter((path): path is string => path !== undefined)
  for (const path of paths) console.error(`${path} differs from a fresh generation; run \`${regenerate}\` and commit`)
  if (paths.length > 0) process.exitCode = 1
}
