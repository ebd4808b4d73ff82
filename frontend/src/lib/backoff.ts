/** How long to wait before reconnect attempt `attempt` (0-based): doubling from `baseMs` up to
 * `maxMs`, with full jitter so a restarted server is not hit by every console at once. */
export function reconnectDelay(attempt: number, random = Math.random, baseMs = 500, maxMs = 30_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
