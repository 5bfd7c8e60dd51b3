import DataLoader from 'dataloader'

/**
 * Large enough that a registry page of 1,000 children is one batch, and
 * so one SQL statement; keys travel as one array parameter, so the batch
 * size is not bound by PostgreSQL's parameter limit.
 */
export const MAX_BATCH_SIZE = 5_000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string) {
  return UUID.test(value)
}

interface LoaderOptions<K> {
  /** Keys that cannot exist (a malformed id) are answered as misses without reaching the database. */
  isValidKey?: (key: K) => boolean
}

/** The options of a loader keyed by UUID: a malformed id is a miss. */
export const BY_UUID: LoaderOptions<string> = { isValidKey: isUuid }

/** One row per key, in key order; `null` where the database has none. */
export function loaderOfOne<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
  options: LoaderOptions<K> = {},
) {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const valid = options.isValidKey ? keys.filter(options.isValidKey) : keys
      const rows = valid.length > 0 ? await fetch(valid) : []
      const byKey = new Map<K, V>()
      for (const row of rows) byKey.set(keyOf(row), row)
      return keys.map((key) => byKey.get(key) ?? null)
    },
    { maxBatchSize: MAX_BATCH_SIZE },
  )
}

/** All rows per key, in key order; `[]` where the database has none. Row order within a key is the query's. */
export function loaderOfMany<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
  options: LoaderOptions<K> = {},
) {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const valid = options.isValidKey ? keys.filter(options.isValidKey) : keys
      const rows = valid.length > 0 ? await fetch(valid) : []
      const byKey = new Map<K, V[]>()
      for (const row of rows) {
        const key = keyOf(row)
        const list = byKey.get(key)
        if (list) list.push(row)
        else byKey.set(key, [row])
      }
      return keys.map((key) => byKey.get(key) ?? [])
    },
    { maxBatchSize: MAX_BATCH_SIZE },
  )
}

/**
 * Loads a row that a foreign key guarantees (a child's municipality). A
 * miss is a broken invariant, not an empty answer, so it is an error.
 */
export async function loadExisting<K, V>(loader: DataLoader<K, V | null>, key: K, what: string): Promise<V> {
  const row = await loader.load(key)
  if (row === null) throw new Error(`${what} ${String(key)} is missing`)
  return row
}
