import os from 'node:os';
import type { app } from '../../../shared/contract/app';
import type { Mode } from '../../../shared/domain/mode';
import type { HandlerFor } from '../host';
import type { StatusService } from '../services/status';
import { APP_NAME, APP_VERSION } from '../version';

type AppDomain = typeof app;

export function appHandlers(deps: { mode: Mode; status: StatusService }): {
  [K in keyof AppDomain]: HandlerFor<AppDomain[K]>;
} {
  return {
    info: (_payload, ctx) => ({
      name: APP_NAME,
      version: APP_VERSION,
      mode: deps.mode,
      transport: ctx.transport,
      platform: os.platform(),
    }),
    status: (_args, emit) => {
      emit(deps.status.snapshot);
      const sub = deps.status.onDidChange((s) => emit(s));
      return () => sub.dispose();
    },
  };
}
