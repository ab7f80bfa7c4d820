import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Mode } from '../../../src/shared/domain/mode';
import { startRuntime, type ObserverRuntime } from '../../../src/main/core/runtime';
import type { HostOptions } from '../../../src/main/core/host';
import { InstrumentService } from '../../../src/main/core/services/instruments';
import { FakeBroker } from './fake-broker';

export const testInstruments = new InstrumentService([
  { code: '005930', name: '삼성전자', nameEn: 'Samsung Electronics', market: 'KOSPI', kind: 'stock' },
  { code: '000660', name: 'SK하이닉스', nameEn: 'SK hynix', market: 'KOSPI', kind: 'stock' },
  { code: '069500', name: 'KODEX 200', nameEn: 'KODEX 200', market: 'KOSPI', kind: 'etf' },
]);

/** A runtime over a FakeBroker with a throw-away data directory (removed on dispose). */
export async function fakeRuntime(
  mode: Mode = 'demo',
  host?: HostOptions,
): Promise<ObserverRuntime & { fake: FakeBroker }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'observer-test-'));
  const fake = new FakeBroker();
  const rt = await startRuntime({
    mode,
    broker: fake,
    dataDir,
    instruments: testInstruments,
    ...(host ? { host } : {}),
    onDispose: () => rmSync(dataDir, { recursive: true, force: true }),
  });
  return Object.assign(rt, { fake });
}
