/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep the input order.
 * A rejection of `fn` rejects the whole map (callers that must not fail catch inside `fn`).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const width = Math.max(1, Math.min(limit, items.length))
  const workers = Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T, index)
    }
  })
  await Promise.all(workers)
  return results
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError(`chunk size must be >= 1, got ${size}`)
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * A limiter: `run(fn)` calls `fn` when fewer than `limit` calls started through the same limiter
 * are in flight, else queues it (first come, first served). For work that is started from many
 * places at once (e.g. recursive splitting) where {@link mapLimit} does not fit.
 */
export function createLimiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  const width = Math.max(1, limit)
  let active = 0
  const queue: Array<() => void> = []
  // A finished call hands its slot straight to the next queued one, so none can slip in between.
  const release = (): void => {
    const next = queue.shift()
    if (next) next()
    else active--
  }
  return async <R>(fn: () => Promise<R>): Promise<R> => {
    if (active >= width) await new Promise<void>(resolve => queue.push(resolve))
    else active++
    try {
      return await fn()
    } finally {
      release()
    }
  }
}
