/** The window's dockview api, for hotkeys (next panel, link cycling). */
import type { DockviewApi } from 'dockview-react';

let current: DockviewApi | null = null;
export function setDockApi(api: DockviewApi | null): void {
  current = api;
}
export function getDockApi(): DockviewApi | null {
  return current;
}
