import type { settings } from '../../../shared/contract/settings';
import type { HandlerFor } from '../host';
import type { SettingsService } from '../services/settings';

type Domain = typeof settings;

export function settingsHandlers(deps: { settings: SettingsService }): {
  [K in keyof Domain]: HandlerFor<Domain[K]>;
} {
  const svc = deps.settings;
  return {
    get: () => svc.get(),
    update: (patch) => svc.update(patch),
    changes: (_args, emit) => {
      emit(svc.get());
      const sub = svc.onDidChange(emit);
      return () => sub.dispose();
    },
  };
}
