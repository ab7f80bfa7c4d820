/**
 * THE bridge contract: every channel the renderer may use, one file per domain. Main, preload,
 * renderer and tests import it from here.
 */
import { app } from './app';
import type { ContractApi } from './define';

export const contract = {
  app,
} as const;

export type Contract = typeof contract;
export type ObserverApi = ContractApi<Contract>;

export * from './define';
export * from './errors';
export { AppInfo, AppStatus } from './app';
export * from './api';
export * from './wire';
