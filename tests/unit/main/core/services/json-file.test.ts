import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveAside, writeJsonFile } from '../../../../../src/main/core/services/json-file';

describe('the data directory JSON files', () => {
  it('writes the whole file (creating folders), private, with no temporary file left', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'observer-json-')), 'a', 'b');
    const file = path.join(dir, 'x.json');
    writeJsonFile(file, { n: 1 });
    writeJsonFile(file, { n: 2 }, { pretty: false });
    expect(readFileSync(file, 'utf8')).toBe('{"n":2}');
    expect(readdirSync(dir)).toEqual(['x.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('moves a damaged file aside under a dated name', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'observer-json-')), 'x.json');
    writeFileSync(file, '{ nope');
    expect(moveAside(file, 42)).toBe(`${file}.damaged-42`);
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(`${file}.damaged-42`, 'utf8')).toBe('{ nope');
  });
});
