import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

/**
 * Tells a process when rows it computed something from may have changed. Triggers in the database `NOTIFY` a
 * channel, and PostgreSQL delivers a notification only after its transaction commits, so a result computed before
 * `version` moved may be kept until it moves again. While the listening connection is down, notifications may be
 * missed: `live` is false and nothing may be kept.
 */
export interface ChangeWatch {
  /** Grows with every notification received and every time the listening connection was lost. */
  readonly version: number
  readonly live: boolean
  stop(): Promise<void>
}

class Watch implements ChangeWatch {
  version = 0
  live = false
  stopped = false

  constructor(private readonly onStop: () => Promise<void>) {}

  changed() {
    this.version += 1
  }

  async stop() {
    this.stopped = true
    this.live = false
    await this.onStop()
  }
}

/** Waits before listening again after the connection was lost: 0.5 s, doubling up to 30 s. */
const RECONNECT_FIRST_MS = 500
const RECONNECT_MOST_MS = 30_000

const listenStatement = (channel: string) => `listen "${channel.replaceAll('"', '""')}"`

/**
 * Listens on its own connection, outside the pool: a pooled connection is handed to other statements. A lost
 * connection marks the watch not live and changed, and it reconnects with backoff until stopped.
 */
export async function watchPostgres(url: string, channel: string): Promise<ChangeWatch> {
  let client: pg.Client | undefined
  let retry: NodeJS.Timeout | undefined
  const watch = new Watch(async () => {
    clearTimeout(retry)
    await client?.end().catch(() => undefined)
  })

  const connect = async (delayMs: number) => {
    const next = new pg.Client({ connectionString: url })
    const lost = () => {
      if (client !== next) return
      client = undefined
      watch.live = false
      watch.changed()
      void next.end().catch(() => undefined)
      if (!watch.stopped) retry = setTimeout(() => void connect(Math.min(delayMs * 2, RECONNECT_MOST_MS)), delayMs)
    }
    client = next
    next.on('error', lost)
    next.on('end', lost)
    next.on('notification', (message) => {
      if (message.channel === channel) watch.changed()
    })
    try {
      await next.connect()
      await next.query(listenStatement(channel))
      if (client === next && !watch.stopped) {
        watch.changed()
        watch.live = true
      }
    } catch {
      lost()
    }
  }

  await connect(RECONNECT_FIRST_MS)
  return watch
}

/** PGlite is in the process: its notifications cannot be lost while it is open. */
export async function watchPGlite(pglite: PGlite, channel: string): Promise<ChangeWatch> {
  const watch: Watch = new Watch(async () => {
    if (!pglite.closed) await unlisten()
  })
  const unlisten = await pglite.listen(channel, () => watch.changed())
  watch.live = true
  return watch
}

/**
 * Results remembered while the watch shows no change since they were computed: at most `size`, the least recently
 * used forgotten first. A result is kept only when no change was notified while it was being computed.
 */
export class RememberedResults<V> {
  private readonly entries = new Map<string, { version: number; value: Promise<V> }>()

  constructor(
    private readonly watch: ChangeWatch,
    private readonly size: number,
  ) {}

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const { version, live } = this.watch
    if (!live) return compute()
    const entry = this.entries.get(key)
    if (entry && entry.version === version) {
      this.entries.delete(key)
      this.entries.set(key, entry)
      return entry.value
    }
    const value = compute()
    this.entries.delete(key)
    this.entries.set(key, { version, value })
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!)
    value.then(
      () => {
        if (this.watch.version !== version) this.forget(key, value)
      },
      () => this.forget(key, value),
    )
    return value
  }

  private forget(key: string, value: Promise<V>) {
    if (this.entries.get(key)?.value === value) this.entries.delete(key)
  }
}
