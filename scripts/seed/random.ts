/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of
 * state, so streams seeded differently do not overlap in practice, unlike
 * mulberry32's 32-bit state. Everything the seed produces, ids included,
 * comes from here: the same seed gives byte-identical data.
 */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number, stream: number) {
    this.a = seed >>> 0
    this.b = stream >>> 0
    this.c = 0x9e3779b9
    this.d = 1
    // The first outputs of a freshly seeded sfc32 still resemble the seed.
    for (let i = 0; i < 15; i++) this.next()
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  next() {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  float() {
    return this.next() / 4294967296
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number) {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  chance(probability: number) {
    return this.float() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Random.pick: no items to pick from')
    return items[Math.floor(this.float() * items.length)] as T
  }

  /** One of the values, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, weight] of entries) total += weight
    let point = this.float() * total
    for (const [value, weight] of entries) {
      point -= weight
      if (point < 0) return value
    }
    const last = entries[entries.length - 1]
    if (!last) throw new Error('Random.weighted: no entries to pick from')
    return last[0]
  }

  /** `count` random decimal digits. */
  digits(count: number) {
    let text = ''
    for (let i = 0; i < count; i++) text += String(this.int(0, 9))
    return text
  }

  /** An RFC 4122 version-4-shaped UUID built from 128 generated bits. */
  uuid() {
    const first = this.next()
    const second = (this.next() & 0xffff0fff) | 0x00004000
    const third = ((this.next() & 0x3fffffff) | 0x80000000) >>> 0
    const fourth = this.next()
    return `${hex16(first >>> 16)}${hex16(first)}-${hex16(second >>> 16)}-${hex16(second)}-${hex16(third >>> 16)}-${hex16(third)}${hex16(fourth >>> 16)}${hex16(fourth)}`
  }
}

// A lookup table: a hundred thousand children need millions of ids, and number-to-hex conversion dominated the generator.
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/** The low 16 bits of `word` as four hex digits. */
function hex16(word: number) {
  return `${HEX_BYTES[(word >>> 8) & 0xff]}${HEX_BYTES[word & 0xff]}`
}
