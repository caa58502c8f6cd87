// A 64-bit xorshift PRNG over BigInt: the runtime's scheduler draws its tie-breaks from it, so a
// seed fixes every decision and a replay with the same seed is exact (u64 state never becomes a
// JS number, which would round it).
const MASK = (1n << 64n) - 1n;

export class Prng {
  private state: bigint;

  constructor(seed: bigint) {
    // Zero is a fixed point of xorshift; fold it onto a constant.
    this.state = (seed & MASK) === 0n ? 0x9e3779b97f4a7c15n : seed & MASK;
  }

  next(): bigint {
    let x = this.state;
    x ^= (x << 13n) & MASK;
    x ^= x >> 7n;
    x ^= (x << 17n) & MASK;
    this.state = x;
    return x;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Number(this.next() % BigInt(n));
  }
}

/** FNV-1a over UTF-8 text, 64-bit: the fingerprint the replay certificate carries. */
export function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & MASK;
  }
  return h;
}
