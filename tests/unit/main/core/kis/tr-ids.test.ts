import { describe, expect, it } from 'vitest';
import { KisPaperUnsupportedError } from '../../../../../src/main/core/kis/errors';
import { TR, isPaperSupported, trIdFor } from '../../../../../src/main/core/kis/tr-ids';

describe('trIdFor', () => {
  it('leaves every id unchanged for real', () => {
    expect(trIdFor('TTTC0012U', false)).toBe('TTTC0012U');
    expect(trIdFor('TTTC0084R', false)).toBe('TTTC0084R');
    expect(trIdFor('H0STCNI0', false)).toBe('H0STCNI0');
  });

  it('replaces the first letter of T/J/C ids by V for paper', () => {
    expect(trIdFor(TR.orderCashBuy, true)).toBe('VTTC0012U');
    expect(trIdFor(TR.orderCashSell, true)).toBe('VTTC0011U');
    expect(trIdFor(TR.orderModifyCancel, true)).toBe('VTTC0013U');
    expect(trIdFor(TR.balance, true)).toBe('VTTC8434R');
    expect(trIdFor(TR.dailyOrders, true)).toBe('VTTC0081R');
    expect(trIdFor(TR.dailyOrdersOld, true)).toBe('VTSC9215R');
    expect(trIdFor(TR.buyingPower, true)).toBe('VTTC8908R');
    expect(trIdFor(TR.usBuy, true)).toBe('VTTT1002U');
    expect(trIdFor('JTTT3010R', true)).toBe('VTTT3010R');
  });

  it('keeps quote and market-data ids identical in paper', () => {
    expect(trIdFor(TR.inquirePrice, true)).toBe('FHKST01010100');
    expect(trIdFor(TR.overseasPrice, true)).toBe('HHDFS00000300');
    expect(trIdFor(TR.wsTick, true)).toBe('H0STCNT0');
    expect(trIdFor(TR.wsBook, true)).toBe('H0STASP0');
  });

  it('applies the documented exceptions', () => {
    expect(trIdFor(TR.usSell, true)).toBe('VTTT1001U'); // not VTTT1006U
    expect(trIdFor(TR.wsNotice, true)).toBe('H0STCNI9');
    expect(trIdFor(TR.wsOverseasNotice, true)).toBe('H0GSCNI9');
  });

  it('refuses TRs paper does not offer, before anything is sent', () => {
    for (const id of [
      TR.openOrders,
      TR.sellableQty,
      TR.holidays,
      TR.pastMinuteChart,
      TR.creditBuy,
      TR.reservationOrder,
      TR.wsExpectedFill,
      'H0NXCNT0',
      'H0UNASP0',
    ]) {
      expect(isPaperSupported(id)).toBe(false);
      expect(() => trIdFor(id, true)).toThrow(KisPaperUnsupportedError);
    }
    try {
      trIdFor(TR.openOrders, true);
    } catch (e) {
      expect((e as KisPaperUnsupportedError).msgCd).toBe('EGW02006');
      expect((e as KisPaperUnsupportedError).trId).toBe('TTTC0084R');
    }
  });
});
