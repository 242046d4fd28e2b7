/**
 * Bounded fan-out. A plan over thousands of principals must not start thousands of reads at once:
 * they would queue behind the HTTP agent's sockets and reach AWS in bursts above its quota,
 * spending the retry budget on throttles. The limiter sets the rate; this bounds what is in flight.
 */
export const READ_CONCURRENCY = 16;

/** Like Promise.all(items.map(fn)), with at most `limit` calls of fn in flight; order is kept. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
