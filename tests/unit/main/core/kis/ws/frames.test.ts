import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AesKey } from '../../../../../../src/main/core/kis/ws/crypto';
import { PayloadFields, parseFrameHeader, parseRecords } from '../../../../../../src/main/core/kis/ws/frames';
import {
  BOOK_LAYOUT,
  NOTICE_LAYOUT,
  TICK_LAYOUT,
  noticeKind,
} from '../../../../../../src/main/core/kis/ws/records';
import { AES_IV, AES_KEY, bookFields, noticeFields, tickFields } from '../helpers';

function frame(enc: '0' | '1', trId: string, records: string[][]): string {
  return `${enc}|${trId}|${String(records.length).padStart(3, '0')}|${records.map((r) => r.join('^')).join('^')}`;
}

function encrypt(text: string, key = AES_KEY, iv = AES_IV): string {
  const c = createCipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
}

describe('parseFrameHeader', () => {
  it('reads enc, tr_id, count and payload, splitting only on the first three |', () => {
    const h = parseFrameHeader('0|H0STCNT0|002|a^b|c^d');
    expect(h).toEqual({ encrypted: false, trId: 'H0STCNT0', count: 2, payload: 'a^b|c^d' });
    expect(parseFrameHeader('1|H0STCNI0|001|QUJD')?.encrypted).toBe(true);
  });

  it('rejects JSON and malformed headers', () => {
    expect(parseFrameHeader('{"header":{}}')).toBeUndefined();
    expect(parseFrameHeader('0|H0STCNT0')).toBeUndefined();
    expect(parseFrameHeader('0|H0STCNT0|0x1|a')).toBeUndefined();
    expect(parseFrameHeader('0|H0STCNT0|000|a')).toBeUndefined();
    expect(parseFrameHeader('2|H0STCNT0|001|a')).toBeUndefined();
  });
});

describe('H0STCNT0 ticks', () => {
  it.each([1, 3, 20])('parses a frame with %i records, every record field by field', (count) => {
    const recs = Array.from({ length: count }, (_, i) => tickFields(i));
    const h = parseFrameHeader(frame('0', 'H0STCNT0', recs))!;
    expect(h.count).toBe(count);
    const r = parseRecords(h.payload, h.count, TICK_LAYOUT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.stride).toBe(46);
    expect(r.records).toHaveLength(count);
    r.records.forEach((t, i) => {
      expect(t).toEqual({
        code: '005930',
        time: `0900${String(i % 60).padStart(2, '0')}`,
        price: 71_000 + i * 100,
        change: 500 + i,
        changeRate: 0.71,
        sign: '2',
        open: 70_500,
        high: 72_000 + i,
        low: 70_100,
        volume: 10 + i,
        cumVolume: 1_000_000 + i,
        cumValue: 71_000_000_000 + i,
        askPrice: 71_100 + i * 100,
        bidPrice: 70_900 + i * 100,
      });
    });
  });

  it('tolerates appended columns: maps the known 46, ignores the rest', () => {
    const recs = [0, 1, 2].map((i) => [...tickFields(i), 'EXTRA1', 'EXTRA2']);
    const h = parseFrameHeader(frame('0', 'H0STCNT0', recs))!;
    const r = parseRecords(h.payload, h.count, TICK_LAYOUT);
    expect(r.ok && r.stride).toBe(48);
    expect(r.ok && r.records.map((t) => t.price)).toEqual([71_000, 71_100, 71_200]);
    expect(r.ok && r.records[2]!.code).toBe('005930');
  });

  it('drops uneven frames and frames shorter than the layout', () => {
    const recs = [tickFields(0), tickFields(1)];
    const uneven = `0|H0STCNT0|002|${recs[0]!.join('^')}^${recs[1]!.slice(0, 45).join('^')}`;
    const h = parseFrameHeader(uneven)!;
    const r = parseRecords(h.payload, h.count, TICK_LAYOUT);
    expect(r).toEqual({ ok: false, reason: 'H0STCNT0: 91 fields do not divide into 2 records' });
    const short = parseFrameHeader(`0|H0STCNT0|001|${tickFields(0).slice(0, 40).join('^')}`)!;
    expect(parseRecords(short.payload, 1, TICK_LAYOUT)).toEqual({
      ok: false,
      reason: 'H0STCNT0: 40 fields per record, expected at least 46',
    });
  });

  it('reads blank fields as 0 and negative changes as negative', () => {
    const f = tickFields(0);
    f[4] = '-1500';
    f[5] = '-2.07';
    f[3] = '5';
    f[12] = '';
    const r = parseRecords(f.join('^'), 1, TICK_LAYOUT);
    expect(r.ok && r.records[0]).toMatchObject({ change: -1500, changeRate: -2.07, sign: '5', volume: 0 });
  });
});

describe('H0STASP0 order books', () => {
  it.each([1, 3, 20])('parses %i records with 10 levels each', (count) => {
    const recs = Array.from({ length: count }, (_, i) => bookFields(i));
    const h = parseFrameHeader(frame('0', 'H0STASP0', recs))!;
    const r = parseRecords(h.payload, h.count, BOOK_LAYOUT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    r.records.forEach((b, i) => {
      expect(b.code).toBe('005930');
      expect(b.time).toBe(`0901${String(i % 60).padStart(2, '0')}`);
      expect(b.asks).toEqual(
        Array.from({ length: 10 }, (_, k) => ({ price: 71_100 + 100 * k, qty: 1000 + k + i })),
      );
      expect(b.bids).toEqual(
        Array.from({ length: 10 }, (_, k) => ({ price: 71_000 - 100 * k, qty: 2000 + k + i })),
      );
      expect(b.totalAskQty).toBe(50_000 + i);
      expect(b.totalBidQty).toBe(60_000 + i);
    });
  });

  it('accepts the 65-field NXT-style layout by mapping the first 59', () => {
    const recs = [0, 1].map((i) => [...bookFields(i), '71050', '300', '1', '71050', '200', '1']);
    const r = parseRecords(recs.map((x) => x.join('^')).join('^'), 2, BOOK_LAYOUT);
    expect(r.ok && r.stride).toBe(65);
    expect(r.ok && r.records[1]!.totalBidQty).toBe(60_001);
  });
});

describe('H0STCNI0 notices', () => {
  const key = new AesKey(AES_KEY, AES_IV);

  it('decrypts a receipt and reads order qty/price from CNTG_QTY/CNTG_UNPR', () => {
    const plain = noticeFields({
      orderNo: '0000012345',
      side: '02',
      qty: 10,
      price: 71_000,
      cntgYn: '1',
      acptYn: '1',
    }).join('^');
    const h = parseFrameHeader(`1|H0STCNI0|001|${encrypt(plain)}`)!;
    expect(h.encrypted).toBe(true);
    const r = parseRecords(key.decrypt(h.payload), h.count, NOTICE_LAYOUT);
    expect(r.ok && r.records[0]).toEqual({
      kind: 'accepted',
      orderNo: '0000012345',
      origOrderNo: undefined,
      branchNo: '06010',
      account: '5001234501',
      code: '005930',
      side: 'buy',
      qty: 10,
      price: 71_000,
      orderQty: 10,
      time: '093015',
      name: '삼성전자',
    });
  });

  it('decrypts a fill: qty/price are the fill, orderQty is ODER_QTY', () => {
    const plain = noticeFields({
      orderNo: '0000012345',
      side: '01',
      qty: 3,
      price: 71_100,
      cntgYn: '2',
      orderQty: 10,
    }).join('^');
    const r = parseRecords(key.decrypt(encrypt(plain)), 1, NOTICE_LAYOUT);
    expect(r.ok && r.records[0]).toMatchObject({
      kind: 'fill',
      side: 'sell',
      qty: 3,
      price: 71_100,
      orderQty: 10,
    });
  });

  it('tells reject, cancel, modify and IOC-remainder cancel apart', () => {
    expect(noticeKind('1', '1', '0', '1')).toBe('rejected');
    expect(noticeKind('1', '0', '2', '2')).toBe('cancelled');
    expect(noticeKind('1', '0', '1', '2')).toBe('modified');
    expect(noticeKind('1', '0', '0', '3')).toBe('cancelled');
    expect(noticeKind('1', '0', '0', '2')).toBe('accepted');
    expect(noticeKind('2', '0', '0', '2')).toBe('fill');
    const cancel = noticeFields({
      orderNo: '0000012399',
      origOrderNo: '0000012345',
      side: '02',
      rctfCls: '2',
      qty: 10,
      price: 0,
      cntgYn: '1',
    });
    const r = parseRecords(cancel.join('^'), 1, NOTICE_LAYOUT);
    expect(r.ok && r.records[0]).toMatchObject({
      kind: 'cancelled',
      orderNo: '0000012399',
      origOrderNo: '0000012345',
    });
  });

  it('handles three encrypted notices in one frame and the old 23+3 growth (extra columns)', () => {
    const recs = [1, 2, 3].map((i) => [
      ...noticeFields({
        orderNo: `000001000${i}`,
        side: '02',
        qty: i,
        price: 1000 * i,
        cntgYn: '2',
        orderQty: 10,
      }),
      'NEW',
    ]);
    const r = parseRecords(key.decrypt(encrypt(recs.map((x) => x.join('^')).join('^'))), 3, NOTICE_LAYOUT);
    expect(r.ok && r.stride).toBe(27);
    expect(r.ok && r.records.map((n) => [n.orderNo, n.qty, n.price])).toEqual([
      ['0000010001', 1, 1000],
      ['0000010002', 2, 2000],
      ['0000010003', 3, 3000],
    ]);
  });

  it('refuses a wrong key/iv length and fails loudly on a wrong key', () => {
    expect(() => new AesKey('short', AES_IV)).toThrow(/32 bytes/);
    expect(() => new AesKey(AES_KEY, 'short')).toThrow(/16 bytes/);
    const other = new AesKey('ZYXWVUTSRQPONMLKJIHGFEDCBA987654', AES_IV);
    expect(() => other.decrypt(encrypt('x'.repeat(40)))).toThrow();
  });
});

describe('PayloadFields', () => {
  it('indexes fields, keeps blanks, and parses numbers exactly like Number()', () => {
    const values = [
      '',
      '-150',
      '+0.45',
      '0.71',
      '70950.12',
      '-2.07',
      '71000000000',
      ' 123 ',
      'abc',
      '1e3',
      '-',
      '0012',
      '3.',
    ];
    const f = new PayloadFields();
    expect(f.index(values.join('^'))).toBe(values.length);
    expect(values.map((_, i) => f.str(i))).toEqual(values);
    expect(values.map((_, i) => f.num(i))).toEqual([
      0, -150, 0.45, 0.71, 70950.12, -2.07, 71_000_000_000, 123, 0, 1000, 0, 12, 3,
    ]);
    for (const v of ['0.1', '1.005', '99999.99', '123456.789', '-0.3']) {
      f.index(v);
      expect(f.num(0)).toBe(Number(v));
    }
  });

  it('grows past its initial capacity (large multi-record frames)', () => {
    const f = new PayloadFields();
    const many = Array.from({ length: 5000 }, (_, i) => String(i));
    expect(f.index(many.join('^'))).toBe(5000);
    expect(f.num(4999)).toBe(4999);
    expect(f.str(2500)).toBe('2500');
  });
});
