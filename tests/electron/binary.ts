/** The installed Electron binary, if the install downloaded one (here it does not). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronBinary(): string | undefined {
  try {
    const p = require('electron') as unknown as string;
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}
