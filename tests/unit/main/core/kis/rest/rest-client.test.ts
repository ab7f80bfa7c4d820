import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../../../src/main/core/kis/clock';
import type { KisClient } from '../../../../../../src/main/core/kis/kis-client';
import { ok, startFakeKis, type FakeKisServer, type RecordedRequest } from '../helpers';
import { makeClient, withToken } from './stack';

const P = {
  price: '/uapi/domestic-stock/v1/quotations/inquire-price',
  asking: '/uapi/domestic-stock/v1/quotations/inquire-asking-price-exp-ccn',
  daily: '/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice',
  minute: '/uapi/domestic-stock/v1/quotations/inquire-time-itemchartprice',
  orderCash: '/uapi/domestic-stock/v1/trading/order-cash',
  rvsecncl: '/uapi/domestic-stock/v1/trading/order-rvsecncl',
  psblOrder: '/uapi/domestic-stock/v1/trading/inquire-psbl-order',
  psblRvsecncl: '/uapi/domestic-stock/v1/trading/inquire-psbl-rvsecncl',
  dailyCcld: '/uapi/domestic-stock/v1/trading/inquire-daily-ccld',
  overseas: '/uapi/overseas-price/v1/quotations/price',
};

let server: FakeKisServer | undefined;
let client: KisClient | undefined;
afterEach(async () => {
  client?.dispose();
  client = undefined;
  await server?.close();
  server = undefined;
});

async function start(
  api: (req: RecordedRequest) => ReturnType<typeof ok>,
  paperLike = false,
): Promise<KisClient> {
  server = await startFakeKis(withToken(api));
  ({ client } = makeClient(server.url, { paperLike }));
  return client;
}

describe('quotes', () => {
  it('getQuote maps inquire-price field by field', async () => {
    const c = await start(() =>
      ok({
        output: {
          stck_shrn_iscd: '005930',
          stck_prpr: '71300',
          prdy_vrss: '-200',
          prdy_vrss_sign: '5',
          prdy_ctrt: '-0.28',
          stck_oprc: '71500',
          stck_hgpr: '71900',
          stck_lwpr: '71000',
          acml_vol: '12345678',
          acml_tr_pbmn: '880000000000',
          stck_sdpr: '71500',
          stck_mxpr: '92900',
          stck_llam: '50100',
          aspr_unit: '100',
          w52_hgpr: '88800',
          w52_lwpr: '49900',
          per: '15.20',
          pbr: '1.31',
        },
      }),
    );
    expect(await c.rest.getQuote('005930')).toEqual({
      code: '005930',
      name: undefined,
      price: 71_300,
      change: -200,
      changeRate: -0.28,
      sign: '5',
      open: 71_500,
      high: 71_900,
      low: 71_000,
      volume: 12_345_678,
      value: 880_000_000_000,
      prevClose: 71_500,
      upperLimit: 92_900,
      lowerLimit: 50_100,
      tickSize: 100,
      w52High: 88_800,
      w52Low: 49_900,
      per: 15.2,
      pbr: 1.31,
    });
  });

  it('getOrderBook maps output1 levels', async () => {
    const o: Record<string, string> = {
      aspr_acpt_hour: '093000',
      total_askp_rsqn: '5000',
      total_bidp_rsqn: '6000',
    };
    for (let i = 1; i <= 10; i++) {
      o[`askp${i}`] = String(71_000 + 100 * i);
      o[`bidp${i}`] = String(71_000 - 100 * (i - 1));
      o[`askp_rsqn${i}`] = String(i);
      o[`bidp_rsqn${i}`] = String(100 + i);
    }
    const c = await start(() => ok({ output1: o, output2: {} }));
    const b = await c.rest.getOrderBook('005930');
    expect(b.time).toBe('093000');
    expect(b.asks[0]).toEqual({ price: 71_100, qty: 1 });
    expect(b.asks[9]).toEqual({ price: 72_000, qty: 10 });
    expect(b.bids[0]).toEqual({ price: 71_000, qty: 101 });
    expect(b.bids[9]).toEqual({ price: 70_100, qty: 110 });
    expect([b.totalAskQty, b.totalBidQty]).toEqual([5000, 6000]);
    expect(server!.to(P.asking)[0]!.headers.tr_id).toBe('FHKST01010200');
  });

  it('getDailyBars pages by date past the 100-row cap and returns ascending bars', async () => {
    // 250 calendar days of bars from 20250101; the server answers ≤100 rows, newest first.
    const days = Array.from({ length: 250 }, (_, i) => addDays('20250101', i));
    const c = await start((req) => {
      const d1 = req.query.get('FID_INPUT_DATE_1')!;
      const d2 = req.query.get('FID_INPUT_DATE_2')!;
      const rows = days
        .filter((d) => d >= d1 && d <= d2)
        .reverse()
        .slice(0, 100)
        .map((d) => ({
          stck_bsop_date: d,
          stck_oprc: '100',
          stck_hgpr: '110',
          stck_lwpr: '90',
          stck_clpr: d.slice(4),
          acml_vol: '7',
        }));
      return ok({ output1: {}, output2: [...rows, {}] }); // KIS sometimes pads with empty rows
    });
    const bars = await c.rest.getDailyBars('005930', 'D', '20250110', '20250831');
    const expected = days.filter((d) => d >= '20250110' && d <= '20250831');
    expect(bars.map((b) => b.date)).toEqual(expected);
    expect(bars[0]).toEqual({ date: '20250110', open: 100, high: 110, low: 90, close: 110, volume: 7 });
    const reqs = server!.to(P.daily);
    expect(reqs.map((r) => r.query.get('FID_INPUT_DATE_2'))).toEqual([
      '20250831',
      addDays(expected[expected.length - 100]!, -1),
      addDays(expected[expected.length - 200]!, -1),
    ]);
    expect(
      reqs.every((r) => r.query.get('FID_PERIOD_DIV_CODE') === 'D' && r.query.get('FID_ORG_ADJ_PRC') === '0'),
    ).toBe(true);
  });

  it('getMinuteBars pages backwards by FID_INPUT_HOUR_1 and returns ascending bars', async () => {
    const minutes: string[] = [];
    for (let m = 9 * 60; m <= 10 * 60 + 14; m++)
      minutes.push(`${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}00`);
    const c = await start((req) => {
      const until = req.query.get('FID_INPUT_HOUR_1')!;
      const rows = minutes
        .filter((h) => h <= until)
        .reverse()
        .slice(0, 30)
        .map((h) => ({
          stck_bsop_date: '20260305',
          stck_cntg_hour: h,
          stck_prpr: h.slice(0, 4),
          stck_oprc: '1',
          stck_hgpr: '2',
          stck_lwpr: '1',
          cntg_vol: '5',
        }));
      return ok({ output1: {}, output2: rows });
    });
    const bars = await c.rest.getMinuteBars('005930', { until: '101459' });
    expect(bars).toHaveLength(75);
    expect(bars[0]).toEqual({ date: '20260305090000', open: 1, high: 2, low: 1, close: 900, volume: 5 });
    expect(bars[74]!.date).toBe('20260305101400');
    expect(server!.to(P.minute).map((r) => r.query.get('FID_INPUT_HOUR_1'))).toEqual([
      '101459',
      '094459',
      '091459',
    ]);
    expect(server!.to(P.minute)[0]!.query.get('FID_PW_DATA_INCU_YN')).toBe('Y');
  });

  it('getOverseasQuote maps HHDFS00000300', async () => {
    const c = await start(() =>
      ok({
        output: {
          rsym: 'DNASAAPL',
          zdiv: '4',
          base: '189.2500',
          pvol: '1',
          last: '190.1000',
          sign: '2',
          diff: '0.8500',
          rate: '+0.45',
          tvol: '5500000',
          tamt: '1045000000',
          ordy: '매수가능',
        },
      }),
    );
    expect(await c.rest.getOverseasQuote('NAS', 'AAPL')).toEqual({
      exchange: 'NAS',
      symbol: 'AAPL',
      realtimeSymbol: 'DNASAAPL',
      decimals: 4,
      price: 190.1,
      change: 0.85,
      changeRate: 0.45,
      sign: '2',
      prevClose: 189.25,
      volume: 5_500_000,
      value: 1_045_000_000,
      orderable: true,
    });
    const [req] = server!.to(P.overseas);
    expect([req!.query.get('EXCD'), req!.query.get('SYMB'), req!.headers.tr_id]).toEqual([
      'NAS',
      'AAPL',
      'HHDFS00000300',
    ]);
  });
});

describe('account', () => {
  it('getBuyingPower sends the account and maps output', async () => {
    const c = await start(() =>
      ok({
        output: {
          ord_psbl_cash: '1000000',
          nrcvb_buy_qty: '14',
          nrcvb_buy_amt: '994000',
          max_buy_qty: '20',
          max_buy_amt: '1420000',
          psbl_qty_calc_unpr: '71000',
        },
      }),
    );
    expect(await c.rest.getBuyingPower('005930', 71_000)).toEqual({
      orderableCash: 1_000_000,
      cashBuyQty: 14,
      cashBuyAmount: 994_000,
      maxBuyQty: 20,
      maxBuyAmount: 1_420_000,
      calcPrice: 71_000,
    });
    const q = server!.to(P.psblOrder)[0]!.query;
    expect([
      q.get('CANO'),
      q.get('ACNT_PRDT_CD'),
      q.get('PDNO'),
      q.get('ORD_UNPR'),
      q.get('ORD_DVSN'),
    ]).toEqual(['12345678', '01', '005930', '71000', '00']);
  });

  it('getBalance maps positions and totals, dropping sold-out rows', async () => {
    const c = await start(() =>
      ok({
        output1: [
          {
            pdno: '005930',
            prdt_name: '삼성전자',
            hldg_qty: '10',
            ord_psbl_qty: '8',
            pchs_avg_pric: '70500.5000',
            prpr: '71300',
            evlu_amt: '713000',
            evlu_pfls_amt: '7995',
            evlu_pfls_rt: '1.13',
          },
          {
            pdno: '000660',
            prdt_name: 'SK하이닉스',
            hldg_qty: '0',
            pchs_avg_pric: '0',
            prpr: '200000',
            evlu_pfls_amt: '0',
          },
        ],
        output2: [
          {
            dnca_tot_amt: '5000000',
            prvs_rcdl_excc_amt: '4200000',
            tot_evlu_amt: '5713000',
            evlu_pfls_smtl_amt: '7995',
          },
        ],
      }),
    );
    expect(await c.rest.getBalance()).toEqual({
      cash: 5_000_000,
      orderable: 4_200_000,
      totalEval: 5_713_000,
      pnl: 7995,
      positions: [
        {
          code: '005930',
          name: '삼성전자',
          qty: 10,
          orderableQty: 8,
          avgPrice: 70_500.5,
          price: 71_300,
          evalAmount: 713_000,
          pnl: 7995,
          pnlRate: 1.13,
        },
      ],
    });
    expect(server!.to('/uapi/domestic-stock/v1/trading/inquire-balance')[0]!.headers.tr_id).toBe('TTTC8434R');
  });
});

describe('orders', () => {
  it('placeOrder: current TR ids, UPPER-case body, accepted outcome from UPPER-case output', async () => {
    const c = await start(() =>
      ok({
        msg_cd: 'APBK0013',
        msg1: '주문 전송 완료 되었습니다.',
        output: { KRX_FWDG_ORD_ORGNO: '06010', ODNO: '0000012345', ORD_TMD: '093015' },
      }),
    );
    const out = await c.rest.placeOrder({ side: 'buy', code: '005930', qty: 3, price: 71_000 });
    expect(out).toEqual({
      outcome: 'accepted',
      orderNo: '0000012345',
      branchNo: '06010',
      time: '093015',
      msgCd: 'APBK0013',
      message: '주문 전송 완료 되었습니다.',
    });
    await c.rest.placeOrder({ side: 'sell', code: '005930', qty: 1, price: 0, ordDvsn: '01' });
    const [buy, sell] = server!.to(P.orderCash);
    expect(buy!.headers.tr_id).toBe('TTTC0012U');
    expect(buy!.body).toEqual({
      CANO: '12345678',
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '00',
      ORD_QTY: '3',
      ORD_UNPR: '71000',
    });
    expect(sell!.headers.tr_id).toBe('TTTC0011U');
    expect(sell!.body).toMatchObject({ ORD_DVSN: '01', ORD_UNPR: '0' });
  });

  it('paper: V-prefixed order TR ids', async () => {
    const c = await start(
      () => ok({ output: { KRX_FWDG_ORD_ORGNO: '00950', ODNO: '0000000001', ORD_TMD: '090000' } }),
      true,
    );
    await c.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    await c.rest.placeOrder({ side: 'sell', code: '005930', qty: 1, price: 71_000 });
    await c.rest.cancelOrder({ orderNo: '0000000001', branchNo: '00950' });
    expect(server!.to(P.orderCash).map((r) => r.headers.tr_id)).toEqual(['VTTC0012U', 'VTTC0011U']);
    expect(server!.to(P.rvsecncl)[0]!.headers.tr_id).toBe('VTTC0013U');
  });

  it('modify/cancel: order-rvsecncl body, lower-case output read case-insensitively', async () => {
    const c = await start(() =>
      ok({ output: { krx_fwdg_ord_orgno: '06010', odno: '0000012399', ord_tmd: '094500' } }),
    );
    const mod = await c.rest.modifyOrder({ orderNo: '0000012345', branchNo: '06010', price: 70_900, qty: 2 });
    expect(mod).toMatchObject({
      outcome: 'accepted',
      orderNo: '0000012399',
      branchNo: '06010',
      time: '094500',
    });
    const cancel = await c.rest.cancelOrder({ orderNo: '0000012345', branchNo: '06010' });
    expect(cancel.outcome).toBe('accepted');
    const [m, x] = server!.to(P.rvsecncl);
    expect(m!.headers.tr_id).toBe('TTTC0013U');
    expect(m!.body).toEqual({
      CANO: '12345678',
      ACNT_PRDT_CD: '01',
      KRX_FWDG_ORD_ORGNO: '06010',
      ORGN_ODNO: '0000012345',
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '01',
      ORD_QTY: '2',
      ORD_UNPR: '70900',
      QTY_ALL_ORD_YN: 'N',
    });
    expect(x!.body).toMatchObject({
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: '0',
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: 'Y',
    });
  });

  it('getDailyOrders maps rows and statuses', async () => {
    const row = (o: Record<string, string>): Record<string, string> => ({
      ord_dt: '20260305',
      ord_gno_brno: '06010',
      orgn_odno: '',
      sll_buy_dvsn_cd: '02',
      pdno: '005930',
      prdt_name: '삼성전자',
      ord_qty: '10',
      ord_unpr: '71000',
      ord_tmd: '090101',
      tot_ccld_qty: '0',
      avg_prvs: '0',
      cncl_yn: 'N',
      rmn_qty: '10',
      rjct_qty: '0',
      ord_dvsn_cd: '00',
      excg_id_dvsn_Cd: 'KRX',
      ...o,
    });
    const c = await start(() =>
      ok({
        output1: [
          row({ odno: '0000000001' }),
          row({ odno: '0000000002', tot_ccld_qty: '4', avg_prvs: '70950', rmn_qty: '6' }),
          row({
            odno: '0000000003',
            tot_ccld_qty: '10',
            avg_prvs: '71000',
            rmn_qty: '0',
            sll_buy_dvsn_cd: '01',
          }),
          row({ odno: '0000000004', orgn_odno: '0000000001', cncl_yn: 'Y', rmn_qty: '0' }),
          row({ odno: '0000000005', rjct_qty: '10', rmn_qty: '0' }),
        ],
        output2: {},
      }),
    );
    const rows = await c.rest.getDailyOrders({ from: '20260305', to: '20260305' });
    expect(
      rows.map((r) => [r.orderNo, r.status, r.side, r.filledQty, r.avgFillPrice, r.remainingQty]),
    ).toEqual([
      ['0000000001', 'open', 'buy', 0, undefined, 10],
      ['0000000002', 'partial', 'buy', 4, 70_950, 6],
      ['0000000003', 'filled', 'sell', 10, 71_000, 0],
      ['0000000004', 'cancelled', 'buy', 0, undefined, 0],
      ['0000000005', 'rejected', 'buy', 0, undefined, 0],
    ]);
    expect(rows[3]!.origOrderNo).toBe('0000000001');
    expect(rows[0]).toMatchObject({
      code: '005930',
      name: '삼성전자',
      qty: 10,
      price: 71_000,
      branchNo: '06010',
      time: '090101',
      orderType: '00',
    });
    const q = server!.to(P.dailyCcld)[0]!;
    expect(q.headers.tr_id).toBe('TTTC0081R');
    expect([q.query.get('INQR_STRT_DT'), q.query.get('CCLD_DVSN'), q.query.get('SLL_BUY_DVSN_CD')]).toEqual([
      '20260305',
      '00',
      '00',
    ]);
  });

  it('getDailyOrders uses the >3-months TR for old ranges', async () => {
    const c = await start(() => ok({ output1: [], output2: {} }));
    await c.rest.getDailyOrders({ from: '20250101', to: '20250131' });
    expect(server!.to(P.dailyCcld)[0]!.headers.tr_id).toBe('CTSC9215R');
  });

  it('getOpenOrders: real uses inquire-psbl-rvsecncl (TTTC0084R)', async () => {
    const c = await start(() =>
      ok({
        output: [
          {
            ord_gno_brno: '06010',
            odno: '0000000009',
            orgn_odno: '',
            pdno: '005930',
            prdt_name: '삼성전자',
            ord_qty: '10',
            ord_unpr: '71000',
            ord_tmd: '091000',
            tot_ccld_qty: '3',
            tot_ccld_amt: '213000',
            psbl_qty: '7',
            sll_buy_dvsn_cd: '02',
            ord_dvsn_cd: '00',
          },
        ],
      }),
    );
    const open = await c.rest.getOpenOrders();
    expect(open).toEqual([
      {
        orderNo: '0000000009',
        origOrderNo: undefined,
        branchNo: '06010',
        code: '005930',
        name: '삼성전자',
        side: 'buy',
        qty: 10,
        price: 71_000,
        filledQty: 3,
        avgFillPrice: 71_000,
        remainingQty: 7,
        orderType: '00',
        time: '091000',
        status: 'partial',
      },
    ]);
    expect(server!.to(P.psblRvsecncl)[0]!.headers.tr_id).toBe('TTTC0084R');
  });

  it('getOpenOrders: paper falls back to inquire-daily-ccld CCLD_DVSN 02 (no psbl-rvsecncl call)', async () => {
    const c = await start(
      () =>
        ok({
          output1: [
            {
              odno: '0000000011',
              ord_gno_brno: '00950',
              sll_buy_dvsn_cd: '02',
              pdno: '005930',
              ord_qty: '5',
              ord_unpr: '70000',
              tot_ccld_qty: '0',
              rmn_qty: '5',
              cncl_yn: 'N',
            },
          ],
          output2: {},
        }),
      true,
    );
    const open = await c.rest.getOpenOrders();
    expect(open.map((o) => [o.orderNo, o.status, o.remainingQty])).toEqual([['0000000011', 'open', 5]]);
    expect(server!.to(P.psblRvsecncl)).toHaveLength(0);
    const q = server!.to(P.dailyCcld)[0]!;
    expect([
      q.headers.tr_id,
      q.query.get('CCLD_DVSN'),
      q.query.get('INQR_STRT_DT'),
      q.query.get('INQR_END_DT'),
    ]).toEqual(['VTTC0081R', '02', '20260305', '20260305']);
  });
});
