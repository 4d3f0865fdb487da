/**
 * Deterministic pseudo-random helpers. Everything random in the simulator (fault draws, generated
 * log lines, ids) is derived from these so a scenario plays back identically on every run.
 */

/** 32-bit FNV-1a over the given parts, finished with a murmur3-style avalanche. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    const s = typeof part === 'number' ? numKey(part) : part
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h ^= 0x1f // part separator
    h = Math.imul(h, 0x01000193)
  }
  return fmix(h)
}

function numKey(n: number): string {
  return Number.isInteger(n) ? `#${n}` : `#${n.toString()}`
}

/** murmur3 finaliser: spreads the bits of a 32-bit integer. */
export function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Combines two 32-bit integers into one well-mixed 32-bit integer (cheap, for hot loops). */
export function mix2(a: number, b: number): number {
  return fmix((Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(b, 0xc2b2ae35)) | 0)
}

/** A float in [0, 1) from a 32-bit integer. */
export function unit(h: number): number {
  return (h >>> 0) / 4294967296
}

/** A small, fast seeded PRNG (mulberry32). Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A random source with convenience draws, built on mulberry32. */
export class Rng {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  /** Float in [0, 1). */
  float(): number {
    return this.next()
  }
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }
  /** `n` lowercase hex digits. */
  hex(n: number): string {
    let out = ''
    while (out.length < n)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0')
    return out.slice(0, n)
  }
}

/** `n` lowercase hex digits derived deterministically from the parts. */
export function hexFrom(n: number, ...parts: ReadonlyArray<string | number>): string {
  return new Rng(hash32(...parts)).hex(n)
}

/** A deterministic RFC-4122-shaped (version 4) UUID derived from the parts. */
export function uuidFrom(...parts: ReadonlyArray<string | number>): string {
  const h = hexFrom(32, ...parts)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16] ?? '0', 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
