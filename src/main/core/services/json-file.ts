/**
 * The data directory's small JSON files (settings, link groups, safety, start mode): written whole
 * through a temporary file and a rename, so a crash leaves the old file or the new one, never half
 * of one; private to the user (0600). A file that cannot be used is moved aside, never overwritten.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeJsonFile(file: string, value: unknown, options: { pretty?: boolean } = {}): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, options.pretty === false ? undefined : 2), {
    mode: 0o600,
  });
  renameSync(tmp, file);
}

/** Keeps a damaged file as `<file>.damaged-<ms>` and returns that name. */
export function moveAside(file: string, now: number = Date.now()): string {
  const aside = `${file}.damaged-${now}`;
  renameSync(file, aside);
  return aside;
}
