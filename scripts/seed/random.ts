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
    writeHex(first, 8, 8)
    writeHex(second >>> 16, 13, 4)
    writeHex(second, 18, 4)
    writeHex(third >>> 16, 23, 4)
    writeHex(third, 28, 4)
    writeHex(fourth, 36, 8)
    return String.fromCharCode(...UUID_CODES)
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0))
const DASH = '-'.charCodeAt(0)

/**
 * The character codes of the UUID being built, dashes in place. A hundred thousand children need millions of ids,
 * kept until their chunk is inserted: built from one array, each is a single flat string, where a template of its
 * sixteen hex pieces left V8 a rope of them that made the garbage collector cost several times the generation.
 */
const UUID_CODES = Array.from({ length: 36 }, (_, i) => (i === 8 || i === 13 || i === 18 || i === 23 ? DASH : 0))

/** Writes the low `digits` hex digits of `word` into UUID_CODES, the last one just before `end`. */
function writeHex(word: number, end: number, digits: number) {
  let rest = word
  for (let at = end - 1; at >= end - digits; at--) {
    UUID_CODES[at] = HEX_CODES[rest & 15] as number
    rest >>>= 4
  }
}
