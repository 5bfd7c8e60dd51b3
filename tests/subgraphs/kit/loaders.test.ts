import { describe, expect, it } from 'vitest'
import { isUuid, loaderOfMany, loaderOfOne, loadExisting } from '@hub/subgraph-kit/loaders'

interface Row {
  key: string
  value: number
}

function recordingFetch(rows: Row[]) {
  const batches: string[][] = []
  const fetch = async (keys: readonly string[]) => {
    batches.push([...keys])
    return rows.filter((row) => keys.includes(row.key)).reverse()
  }
  return { batches, fetch }
}

describe('loader helpers', () => {
  it('answers one row per key in key order with null for a miss, in one batch', async () => {
    const { batches, fetch } = recordingFetch([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ])
    const loader = loaderOfOne(fetch, (row) => row.key)
    const result = await Promise.all(['b', 'x', 'a'].map((key) => loader.load(key)))
    expect(result).toEqual([{ key: 'b', value: 2 }, null, { key: 'a', value: 1 }])
    expect(batches).toEqual([['b', 'x', 'a']])
  })

  it('answers all rows per key keeping the query order within a key, [] for a miss', async () => {
    const { fetch } = recordingFetch([
      { key: 'a', value: 1 },
      { key: 'a', value: 2 },
      { key: 'b', value: 3 },
    ])
    const loader = loaderOfMany(fetch, (row) => row.key)
    const result = await Promise.all(['x', 'a', 'b'].map((key) => loader.load(key)))
    expect(result).toEqual([
      [],
      [
        { key: 'a', value: 2 },
        { key: 'a', value: 1 },
      ],
      [{ key: 'b', value: 3 }],
    ])
  })

  it('answers malformed keys as misses without sending them to the database', async () => {
    const id = '3f2b1c4e-8a9d-4e5f-9a0b-1c2d3e4f5a6b'
    const { batches, fetch } = recordingFetch([{ key: id, value: 1 }])
    const loader = loaderOfOne(fetch, (row) => row.key, { isValidKey: isUuid })
    expect(await Promise.all([loader.load('nope'), loader.load(id)])).toEqual([null, { key: id, value: 1 }])
    expect(batches).toEqual([[id]])

    const none = recordingFetch([])
    const many = loaderOfMany(none.fetch, (row) => row.key, { isValidKey: isUuid })
    expect(await many.load("'; drop table child; --")).toEqual([])
    expect(none.batches).toEqual([])
  })

  it('treats a miss as a broken invariant when the row must exist', async () => {
    const loader = loaderOfOne(recordingFetch([]).fetch, (row) => row.key)
    await expect(loadExisting(loader, 'k', 'municipality')).rejects.toThrow('municipality k is missing')
  })
})
