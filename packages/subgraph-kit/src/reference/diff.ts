import type { ReferenceEntry } from './kinds.js'

/** What an import does to one entry: adds it, changes it (its name, its parent, or brings it back into force), retires it. */
export type ReferenceChangeType = 'ADDED' | 'CHANGED' | 'RETIRED'

export interface ReferenceChange {
  type: ReferenceChangeType
  code: string
  /** The entry as the file states it (for a code the file no longer lists: as it was, now out of force). */
  after: ReferenceEntry
  /** The entry as the dictionary holds it; null for an added one. */
  before: ReferenceEntry | null
}

export interface ReferenceDiff {
  changes: ReferenceChange[]
  added: number
  changed: number
  retired: number
  unchanged: number
}

/** The attributes as a text that two equal values share whatever the order of their keys. */
export function attributesText(attributes: ReferenceEntry['attributes']): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
          )
        : value
  return JSON.stringify(sorted(attributes ?? {}))
}

function same(a: ReferenceEntry, b: ReferenceEntry) {
  return (
    a.name === b.name &&
    a.parentCode === b.parentCode &&
    a.active === b.active &&
    attributesText(a.attributes) === attributesText(b.attributes)
  )
}

/**
 * What a complete dictionary file changes in the dictionary held: a code it adds, a code whose name, parent, attributes
 * or force it changes, and a code in force that the file marks out of force or no longer lists (retired: kept, so that
 * old records still read it, but no longer in force). A code out of force that the file leaves out stays as it is. With
 * `scope`, the file is complete only for the parts its entries belong to: a code of another part stays as it is and is
 * not counted.
 */
export function diffDictionary(
  held: ReadonlyMap<string, ReferenceEntry>,
  file: readonly ReferenceEntry[],
  scope?: (code: string) => string,
): ReferenceDiff {
  const changes: ReferenceChange[] = []
  let unchanged = 0
  const listed = new Set<string>()
  for (const entry of file) {
    listed.add(entry.code)
    const before = held.get(entry.code)
    if (!before) changes.push({ type: 'ADDED', code: entry.code, after: entry, before: null })
    else if (same(before, entry)) unchanged += 1
    else {
      const type = before.active && !entry.active ? 'RETIRED' : 'CHANGED'
      changes.push({ type, code: entry.code, after: entry, before })
    }
  }
  const parts = scope && new Set(file.map((entry) => scope(entry.code)))
  for (const [code, before] of held) {
    if (listed.has(code) || (parts && scope && !parts.has(scope(code)))) continue
    if (before.active) changes.push({ type: 'RETIRED', code, after: { ...before, active: false }, before })
    else unchanged += 1
  }
  changes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const count = (type: ReferenceChangeType) => changes.filter((change) => change.type === type).length
  return { changes, added: count('ADDED'), changed: count('CHANGED'), retired: count('RETIRED'), unchanged }
}
