/**
 * Real-time frame throughput of the KIS client (src/main/core/kis/ws): header split + record parse
 * for H0STCNT0 ticks and H0STASP0 books (frames with mixed record counts, as KIS sends around the
 * open), and base64 + AES-256-CBC decrypt + parse for H0STCNI0 notices. Heap is sampled before and
 * after to show the parsers keep nothing.
 *
 * Run: npx tsx bench/kis-frames.ts   (node --expose-gc --import tsx for exact heap figures)
 */
import { createCipheriv } from 'node:crypto';
import { AesKey } from '../src/main/core/kis/ws/crypto';
import { parseFrameHeader, parseRecords, type RecordLayout } from '../src/main/core/kis/ws/frames';
import { BOOK_LAYOUT, NOTICE_LAYOUT, TICK_LAYOUT } from '../src/main/core/kis/ws/records';

const KEY = 'abcdefghijklmnopqrstuvwxyz012345';
const IV = '0123456789abcdef';
const RUN_MS = 1500;
const COUNTS = [1, 1, 1, 2, 3, 5, 1, 20, 1, 4];

function tickRecord(i: number): string {
  const f = new Array<string>(46).fill('0');
  f[0] = '005930';
  f[1] = `09${String(i % 60).padStart(2, '0')}00`;
  f[2] = String(71_000 + (i % 50) * 100);
  f[3] = '2';
  f[4] = String(500 + (i % 50));
  f[5] = '0.71';
  f[6] = '70950.12';
  for (const k of [7, 8, 9, 10, 11]) f[k] = String(70_000 + k * 100);
  f[12] = String(1 + (i % 97));
  f[13] = String(1_000_000 + i);
  f[14] = String(71_000_000_000 + i * 71_000);
  f[21] = '1';
  f[33] = '20260305';
  f[34] = '20';
  f[35] = 'N';
  f[44] = '';
  return f.join('^');
}

function bookRecord(i: number): string {
  const f = new Array<string>(59).fill('0');
  f[0] = '005930';
  f[1] = `09${String(i % 60).padStart(2, '0')}00`;
  for (let k = 0; k < 10; k++) {
    f[3 + k] = String(71_100 + 100 * k);
    f[13 + k] = String(71_000 - 100 * k);
    f[23 + k] = String(1000 + k * 7 + (i % 13));
    f[33 + k] = String(2000 + k * 5 + (i % 11));
  }
  f[58] = '';
  return f.join('^');
}

function noticeRecord(i: number): string {
  const f = new Array<string>(26).fill('');
  f[0] = 'kimtrader';
  f[1] = '5001234501';
  f[2] = String(10_000 + i).padStart(10, '0');
  f[4] = i % 2 ? '01' : '02';
  f[5] = '0';
  f[6] = '00';
  f[7] = '0';
  f[8] = '005930';
  f[9] = String(1 + (i % 10));
  f[10] = '71000';
  f[11] = '093015';
  f[12] = '0';
  f[13] = i % 3 ? '2' : '1';
  f[14] = '2';
  f[15] = '06010';
  f[16] = '10';
  f[17] = '김투자';
  f[24] = '삼성전자';
  f[25] = '71000';
  return f.join('^');
}

function frames(
  trId: string,
  record: (i: number) => string,
  n: number,
): { frames: string[]; records: number } {
  const out: string[] = [];
  let records = 0;
  for (let i = 0; i < n; i++) {
    const count = COUNTS[i % COUNTS.length]!;
    const recs = Array.from({ length: count }, (_, k) => record(i * 20 + k));
    out.push(`0|${trId}|${String(count).padStart(3, '0')}|${recs.join('^')}`);
    records += count;
  }
  return { frames: out, records };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
}

function runParse<T>(
  name: string,
  layout: RecordLayout<T>,
  set: { frames: string[]; records: number },
  checksum: (r: T) => number,
  target: number,
): void {
  let sink = 0;
  // Warm up (JIT) before measuring.
  for (const f of set.frames) {
    const h = parseFrameHeader(f)!;
    const r = parseRecords(h.payload, h.count, layout);
    if (r.ok) sink += checksum(r.records[0]!);
  }
  const before = heapMb();
  let records = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < RUN_MS) {
    for (const f of set.frames) {
      const h = parseFrameHeader(f)!;
      const r = parseRecords(h.payload, h.count, layout);
      if (!r.ok) throw new Error(r.reason);
      for (const rec of r.records) sink += checksum(rec);
    }
    records += set.records;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const after = heapMb();
  const rate = records / (elapsedMs / 1000);
  console.log(
    `BENCH kis-frames ${name}: ${Math.round(rate).toLocaleString('en-US')} records/s (target >= ${target.toLocaleString('en-US')})`,
  );
  console.log(
    `BENCH kis-frames ${name} heap: ${before.toFixed(1)} MB -> ${after.toFixed(1)} MB (checksum ${sink % 997})`,
  );
}

function runNotices(target: number): void {
  const key = new AesKey(KEY, IV);
  const enc = Array.from({ length: 500 }, (_, i) => {
    const c = createCipheriv('aes-256-cbc', Buffer.from(KEY), Buffer.from(IV));
    const b64 = Buffer.concat([c.update(noticeRecord(i), 'utf8'), c.final()]).toString('base64');
    return `1|H0STCNI0|001|${b64}`;
  });
  let sink = 0;
  for (const f of enc) {
    const h = parseFrameHeader(f)!;
    const r = parseRecords(key.decrypt(h.payload), h.count, NOTICE_LAYOUT);
    if (r.ok) sink += r.records[0]!.qty;
  }
  const before = heapMb();
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < RUN_MS) {
    for (const f of enc) {
      const h = parseFrameHeader(f)!;
      const r = parseRecords(key.decrypt(h.payload), h.count, NOTICE_LAYOUT);
      if (!r.ok) throw new Error(r.reason);
      sink += r.records[0]!.qty + (r.records[0]!.kind === 'fill' ? 1 : 0);
    }
    n += enc.length;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const after = heapMb();
  console.log(
    `BENCH kis-frames H0STCNI0 decrypt+parse: ${Math.round(n / (elapsedMs / 1000)).toLocaleString('en-US')} notices/s (target >= ${target.toLocaleString('en-US')})`,
  );
  console.log(
    `BENCH kis-frames H0STCNI0 heap: ${before.toFixed(1)} MB -> ${after.toFixed(1)} MB (checksum ${sink % 997})`,
  );
}

if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for exact heap figures)');
runParse('H0STCNT0', TICK_LAYOUT, frames('H0STCNT0', tickRecord, 2000), (t) => t.price + t.volume, 1_000_000);
runParse(
  'H0STASP0',
  BOOK_LAYOUT,
  frames('H0STASP0', bookRecord, 1000),
  (b) => b.asks[0]!.price + b.bids[9]!.qty,
  300_000,
);
runNotices(50_000);
