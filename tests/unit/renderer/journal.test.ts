import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/shared/contract/safety';
import { filterJournal, journalRow } from '../../../src/renderer/src/panels/JournalPanel';
import { unavailableReason } from '../../../src/renderer/src/stores/capabilities';

const entries: JournalEntry[] = [
  {
    at: 1000,
    kind: 'request',
    mode: 'demo',
    id: 'a',
    data: { ticket: { code: '005930', side: 'buy', qty: 2, price: 96000 } },
  },
  { at: 3000, kind: 'lock', mode: 'demo', data: { reason: 'kill-switch', message: 'button' } },
  {
    at: 2000,
    kind: 'transition',
    mode: 'demo',
    id: 'b',
    data: { code: '000660', side: 'sell', qty: 1, to: 'cancelled' },
  },
];

describe('journal rows', () => {
  it('pulls symbol, side, qty and price out of nested tickets', () => {
    const r = journalRow(entries[0]!, 0);
    expect(r).toMatchObject({ kind: 'request', code: '005930', side: 'buy', qty: 2, price: 96000 });
    expect(journalRow(entries[2]!, 2).state).toBe('cancelled');
  });

  it('filters by kind, symbol, side and free text, newest first', () => {
    const rows = entries.map(journalRow);
    const none = { kind: '', code: '', side: '', text: '' };
    expect(filterJournal(rows, none).map((r) => r.at)).toEqual([3000, 2000, 1000]);
    expect(filterJournal(rows, { ...none, kind: 'lock' })).toHaveLength(1);
    expect(filterJournal(rows, { ...none, code: '5930' }).map((r) => r.at)).toEqual([1000]);
    expect(filterJournal(rows, { ...none, side: 'sell' }).map((r) => r.at)).toEqual([2000]);
    expect(filterJournal(rows, { ...none, text: 'BUTTON' }).map((r) => r.kind)).toEqual(['lock']);
  });
});

describe('capabilities', () => {
  it('gives the reason only for what the account lacks', () => {
    const caps = {
      mode: 'paper' as const,
      paper: true,
      real: false,
      items: [
        { id: 'nxtRouting' as const, available: false, reason: 'KRX only' },
        { id: 'creditOrders' as const, available: true },
      ],
    };
    expect(unavailableReason(caps, 'nxtRouting')).toBe('KRX only');
    expect(unavailableReason(caps, 'creditOrders')).toBeUndefined();
    expect(unavailableReason(null, 'nxtRouting')).toBeUndefined();
  });
});
