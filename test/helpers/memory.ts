/**
 * How much the resident set grows while `run` works, sampled every few milliseconds: for "a 50 MB
 * message must not cost 50 MB" assertions. Garbage is collected first when the runtime allows it
 * (node --expose-gc), so earlier tests' leftovers do not count.
 */
export async function rssGrowth(run: () => Promise<void>): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    await run();
  } finally {
    clearInterval(sample);
  }
  return Math.max(peak, process.memoryUsage.rss()) - before;
}

export const MB = 1024 * 1024;
