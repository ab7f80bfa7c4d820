import type { links } from '../../../shared/contract/links';
import type { HandlerFor } from '../host';
import type { LinkService } from '../services/links';

type Domain = typeof links;

export function linkHandlers(deps: { links: LinkService }): { [K in keyof Domain]: HandlerFor<Domain[K]> } {
  const svc = deps.links;
  return {
    get: () => svc.get(),
    set: ({ color, code }) => svc.set(color, code),
    reset: () => svc.reset(),
    changes: (_args, emit) => {
      emit(svc.get());
      const sub = svc.onDidChange(emit);
      return () => sub.dispose();
    },
  };
}
