/**
 * Run `work` now and then every `intervalMs`, never two at once: a run that outlasts the interval (a slow
 * SMTP server, a large database) makes the next tick wait for it rather than start beside it, and
 * `stop()` waits for a run under way. Across processes each job makes itself safe (claims in the
 * database); this keeps one process from competing with itself.
 */
export interface Repeating {
  stop(): Promise<void>;
}

export function repeatWithoutOverlap(work: () => Promise<void>, intervalMs: number): Repeating {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = work().finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
