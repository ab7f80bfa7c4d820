/** What this account can do (paper lacks several KIS features), so actions are disabled up front. */
import { create } from 'zustand';
import type { Capabilities } from '../../../shared/contract';
import type { CapabilityId } from '../../../shared/contract/safety';
import { getBridge } from '../bridge';
import { describeError } from '../lib/errors';

interface CapabilityStore {
  caps: Capabilities | null;
  error: string | null;
}

export const useCapabilities = create<CapabilityStore>(() => ({ caps: null, error: null }));

export async function loadCapabilities(): Promise<void> {
  try {
    useCapabilities.setState({ caps: await getBridge().api.safety.capabilities(), error: null });
  } catch (e) {
    useCapabilities.setState({ error: describeError(e) });
  }
}

/** Why an action is unavailable, or undefined when it is available (or not yet known). */
export function unavailableReason(caps: Capabilities | null, id: CapabilityId): string | undefined {
  const item = caps?.items.find((i) => i.id === id);
  return item && !item.available ? (item.reason ?? id) : undefined;
}

export function useUnavailable(id: CapabilityId): string | undefined {
  return useCapabilities((s) => unavailableReason(s.caps, id));
}
