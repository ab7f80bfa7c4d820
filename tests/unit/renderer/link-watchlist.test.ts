import { describe, expect, it } from 'vitest';
import type { Watchlist } from '../../../src/shared/contract';
import { applyTrade, bucketOf, volumeInBars } from '../../../src/renderer/src/lib/bars';
import { toCsv } from '../../../src/renderer/src/lib/csv';
import { describeError } from '../../../src/renderer/src/lib/errors';
import { nextLink, symbolFor, withLink } from '../../../src/renderer/src/lib/link';
import { livePosition } from '../../../src/renderer/src/lib/positions';
import {
  addCode,
  addGroup,
  removeCode,
  removeGroup,
  renameGroup,
  reorderCodes,
} from '../../../src/renderer/src/lib/watchlist';

describe('link groups', () => {
  it('cycles none → colours → none', () => {
    expect(nextLink('none')).toBe('green');
    expect(nextLink('green')).toBe('amber');
    expect(nextLink('cyan')).toBe('none');
  });
  it('follows the group symbol when linked, its own otherwise', () => {
    expect(symbolFor('green', '000660', { green: '005930' })).toBe('005930');
    expect(symbolFor('none', '000660', { green: '005930' })).toBe('000660');
    expect(symbolFor('amber', '000660', {})).toBe('000660');
  });
});

describe('moving a panel between link choices', () => {
  const groups = { green: '000660' };
  it('keeps the symbol it showed when it leaves a group or joins an empty one', () => {
    // Linked green (showing 000660) → amber, where nothing has been picked yet: still 000660.
    const amber = withLink({ link: 'green', code: '005930' }, 'amber', groups);
    expect(amber).toEqual({ link: 'amber', code: '000660' });
    expect(symbolFor(amber.link, amber.code, groups)).toBe('000660');
    // Out of every group: keeps it as its own.
    expect(withLink(amber, 'none', groups)).toEqual({ link: 'none', code: '000660' });
  });
  it("takes the group's symbol when it joins a group that has one", () => {
    const green = withLink({ link: 'none', code: '035420', other: 1 }, 'green', groups);
    expect(green).toEqual({ link: 'green', code: '035420', other: 1 });
    expect(symbolFor(green.link, green.code, groups)).toBe('000660');
  });
  it('leaves a panel without a symbol without one', () => {
    expect(withLink({}, 'cyan', {})).toEqual({ link: 'cyan' });
  });
});

describe('watchlist edits', () => {
  const lists: Watchlist[] = [{ id: 'main', name: '관심종목', codes: ['005930', '000660'] }];
  it('adds once, removes, reorders', () => {
    expect(addCode(lists, 'main', '035420')[0]!.codes).toEqual(['005930', '000660', '035420']);
    expect(addCode(lists, 'main', '005930')[0]!.codes).toEqual(['005930', '000660']);
    expect(removeCode(lists, 'main', '005930')[0]!.codes).toEqual(['000660']);
    expect(reorderCodes(lists, 'main', ['000660', '005930'])[0]!.codes).toEqual(['000660', '005930']);
  });
  it('adds, renames and removes groups but keeps at least one', () => {
    const { lists: two, id } = addGroup(lists, '반도체');
    expect(two).toHaveLength(2);
    expect(renameGroup(two, id, '  2차전지 ')[1]!.name).toBe('2차전지');
    expect(renameGroup(two, id, '   ')[1]!.name).toBe('반도체');
    expect(removeGroup(two, id)).toHaveLength(1);
    expect(removeGroup(lists, 'main')).toHaveLength(1);
  });
});

describe('the day volume loaded bars already hold', () => {
  const bar = (date: string, volume: number) => ({ date, open: 1, high: 1, low: 1, close: 1, volume });
  it("sums today's minute bars, takes today's daily bar, and cannot tell for weeks and months", () => {
    const minutes = [bar('20261123153000', 99), bar('20261124090000', 10), bar('20261124090100', 5)];
    expect(volumeInBars(minutes, '1m', '20261124')).toBe(15);
    expect(volumeInBars(minutes, '5m', '20261124')).toBe(15);
    expect(volumeInBars([bar('20261121', 7), bar('20261124', 1234)], 'D', '20261124')).toBe(1234);
    // Before the day's first trade: nothing of today is in the bars.
    expect(volumeInBars([bar('20261121', 7)], 'D', '20261124')).toBe(0);
    expect(volumeInBars([bar('20261123', 500)], 'W', '20261124')).toBeUndefined();
    expect(volumeInBars([bar('20261101', 500)], 'M', '20261124')).toBeUndefined();
  });
});

describe('chart bars from ticks', () => {
  it('buckets trades by period', () => {
    expect(bucketOf('1m', '20261124', '093512')).toBe('20261124093500');
    expect(bucketOf('5m', '20261124', '093712')).toBe('20261124093500');
    expect(bucketOf('D', '20261124', '093712')).toBe('20261124');
    expect(bucketOf('W', '20261126', '093712')).toBe('20261123');
    expect(bucketOf('M', '20261126', '093712')).toBe('20261101');
  });
  it('updates the last bar or starts a new one', () => {
    const bars = [{ date: '20261124093500', open: 100, high: 100, low: 100, close: 100, volume: 5 }];
    expect(applyTrade(bars, '1m', { ymd: '20261124', hms: '093559', price: 105, volume: 2 })).toBe('update');
    expect(bars[0]).toMatchObject({ high: 105, close: 105, volume: 7 });
    expect(applyTrade(bars, '1m', { ymd: '20261124', hms: '093600', price: 99, volume: 1 })).toBe('append');
    expect(bars).toHaveLength(2);
    expect(applyTrade(bars, '1m', { ymd: '20261124', hms: '093400', price: 99, volume: 1 })).toBe('none');
  });
});

describe('small helpers', () => {
  it('writes CSV with a BOM and quotes', () => {
    expect(toCsv(['a', 'b'], [['삼성,전자', 1]])).toBe('\uFEFFa,b\r\n"삼성,전자",1\r\n');
  });
  it('puts host errors in words', () => {
    expect(
      describeError({
        code: 'broker_error',
        message: 'Order refused',
        msgCd: 'APBK0013',
        msg1: '주문가능금액 초과',
        hint: 'Lower the quantity.',
      }),
    ).toBe('[APBK0013] 주문가능금액 초과 — Order refused — Lower the quantity.');
  });
  it('re-prices a position', () => {
    const p = livePosition(
      { code: '005930', name: '삼성전자', qty: 10, avgPrice: 70000, price: 70000, pnl: 0 },
      71000,
    );
    expect(p).toEqual({ price: 71000, evalAmount: 710000, pnl: 10000, pnlRate: (10000 / 700000) * 100 });
  });
});
