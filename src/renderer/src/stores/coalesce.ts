/** Collects stream events and hands them to the store once per animation frame. */
export function frameCoalescer<T>(flush: (items: T[]) => void): {
  push(items: readonly T[]): void;
  dispose(): void;
} {
  let pending: T[] = [];
  let scheduled = 0;
  const raf =
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame
      : (cb: FrameRequestCallback) => setTimeout(() => cb(0), 16) as unknown as number;
  const caf =
    typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (id: number) => clearTimeout(id);
  const run = () => {
    scheduled = 0;
    const items = pending;
    pending = [];
    if (items.length) flush(items);
  };
  return {
    push(items) {
      for (const i of items) pending.push(i);
      // Background tabs throttle rAF; a timer keeps data flowing there.
      if (!scheduled) {
        const hidden = typeof document !== 'undefined' && document.hidden;
        scheduled = hidden ? (setTimeout(run, 250) as unknown as number) : raf(run);
      }
    },
    dispose() {
      if (scheduled) caf(scheduled);
      pending = [];
    },
  };
}
