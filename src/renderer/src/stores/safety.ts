/** The host's safety state (kill switch, daily-loss lock, unresolved orders): snapshot, then changes. */
import { create } from 'zustand';
import type { SafetyState } from '../../../shared/contract';
import { getBridge } from '../bridge';
import { describeError } from '../lib/errors';

interface SafetyStore {
  state: SafetyState | null;
  error: string | null;
}

export const useSafety = create<SafetyStore>(() => ({ state: null, error: null }));

export function watchSafety(): () => void {
  return getBridge().api.safety.state(
    undefined,
    (events) => {
      const last = events[events.length - 1];
      if (last) useSafety.setState({ state: last, error: null });
    },
    (e) => useSafety.setState({ error: describeError(e) }),
  );
}
