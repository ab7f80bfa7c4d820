/**
 * The installer configuration, checked offline: electron-builder.yml against electron-builder's
 * own JSON schema (app-builder-lib/scheme.json), the settings that matter for safety, and the
 * icon containers scripts/make-icons.mjs writes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
const section = (key: string) => config[key] as Record<string, unknown>;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };

function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

  it('is valid against electron-builder 26’s schema', () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is not vacuous: an unknown fuse is rejected', () => {
    expect(
      validate({ ...config, electronFuses: { ...section('electronFuses'), enableEverything: true } }),
    ).toBe(false);
  });

  it('builds per-user NSIS for Windows and a universal dmg for macOS, with asar', () => {
    expect(config['appId']).toBe('org.observer.terminal');
    expect(config['productName']).toBe('Observer');
    expect(config['asar']).toBe(true);
    expect(section('win').target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(section('nsis')).toMatchObject({ oneClick: false, perMachine: false });
    expect(section('mac').target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(section('win').icon).toBe('resources/build/icon.ico');
    expect(section('mac').icon).toBe('resources/build/icon.icns');
  });

  it('burns fuses that shut Node options, the inspector and run-as-node in production', () => {
    expect(section('electronFuses')).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs only the built app and main-process runtime dependencies', () => {
    expect(config['files']).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    const renderer = ['react', 'react-dom', 'ag-grid-community', 'dockview-react', 'echarts', 'zustand'];
    for (const r of renderer) expect(pkg.dependencies[r]).toBeUndefined();
    expect(pkg.dependencies['electron']).toBeUndefined();
  });
});

describe('icons', () => {
  it('icon.png is a square source of at least 512 px', () => {
    const { width, height } = pngSize(readFileSync('resources/build/icon.png'));
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });

  it('icon.ico holds 16, 32, 48 and 256 px images', () => {
    const ico = readFileSync('resources/build/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + i * 16;
      const size = ico[e] === 0 ? 256 : ico[e]!;
      const len = ico.readUInt32LE(e + 8);
      const off = ico.readUInt32LE(e + 12);
      expect(off + len).toBeLessThanOrEqual(ico.length);
      const data = ico.subarray(off, off + len);
      if (data.subarray(1, 4).toString('latin1') === 'PNG')
        expect(pngSize(data)).toEqual({ width: size, height: size });
      else {
        expect(data.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
        expect([data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)]).toEqual([
          size,
          size * 2,
          32,
        ]);
      }
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 32, 48, 256]);
  });

  it('icon.icns holds the standard sizes as PNGs', () => {
    const icns = readFileSync('resources/build/icon.icns');
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let pos = 8; pos < icns.length;) {
      const type = icns.subarray(pos, pos + 4).toString('latin1');
      const len = icns.readUInt32BE(pos + 4);
      found[type] = pngSize(icns.subarray(pos + 8, pos + len)).width;
      pos += len;
    }
    expect(found).toMatchObject({
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
  });

  it('the icon images are not blank', () => {
    const icns = readFileSync('resources/build/icon.icns');
    // First entry (16 px PNG): inflate its pixels and expect some opaque ones.
    const len = icns.readUInt32BE(12);
    const png = icns.subarray(16, 8 + len);
    let pos = 8;
    const idat: Buffer[] = [];
    while (pos < png.length) {
      const l = png.readUInt32BE(pos);
      if (png.subarray(pos + 4, pos + 8).toString('latin1') === 'IDAT')
        idat.push(png.subarray(pos + 8, pos + 8 + l));
      pos += 12 + l;
    }
    const raw = inflateSync(Buffer.concat(idat));
    let opaque = 0;
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 16; x++) if (raw[y * 65 + 1 + x * 4 + 3]! > 200) opaque++;
    expect(opaque).toBeGreaterThan(50);
  });
});
