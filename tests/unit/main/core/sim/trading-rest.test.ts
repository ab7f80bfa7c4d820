/** Trading REST endpoints: order keys' case, inquiries and tr_cont paging (kis-protocol.md §3.5–§3.11). */
import { afterEach, describe, expect, it } from 'vitest';
import type { KisSimulator, SimCredentials } from '../../../../../src/main/core/sim';
import { PATHS, issueToken, kisGet, kisPost, startSim, type Json, type RawResponse } from './helpers';

let sim: KisSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function buy(
  s: KisSimulator,
  cred: SimCredentials,
  token: string,
  code: string,
  qty: number,
  ordDvsn = '01',
  price = 0,
): Promise<RawResponse> {
  const trId = cred.kind === 'paper' ? 'VTTC0012U' : 'TTTC0012U';
  return kisPost(s, cred, token, PATHS.orderCash, trId, {
    CANO: cred.cano,
    ACNT_PRDT_CD: cred.acntPrdtCd,
    PDNO: code,
    ORD_DVSN: ordDvsn,
    ORD_QTY: String(qty),
    ORD_UNPR: String(price),
    SLL_TYPE: '',
    CNDT_PRIC: '',
    EXCG_ID_DVSN_CD: 'KRX',
  });
}

function balanceQuery(cred: SimCredentials, fk = '', nk = ''): Record<string, string> {
  return {
    CANO: cred.cano,
    ACNT_PRDT_CD: cred.acntPrdtCd,
    AFHR_FLPR_YN: 'N',
    OFL_YN: '',
    INQR_DVSN: '02',
    UNPR_DVSN: '01',
    FUND_STTL_ICLD_YN: 'N',
    FNCG_AMT_AUTO_RDPT_YN: 'N',
    PRCS_DVSN: '00',
    CTX_AREA_FK100: fk,
    CTX_AREA_NK100: nk,
  };
}

function ccldQuery(cred: SimCredentials, fk = '', nk = '', ccld = '00'): Record<string, string> {
  return {
    CANO: cred.cano,
    ACNT_PRDT_CD: cred.acntPrdtCd,
    INQR_STRT_DT: '20260304',
    INQR_END_DT: '20260304',
    SLL_BUY_DVSN_CD: '00',
    INQR_DVSN: '00',
    PDNO: '',
    CCLD_DVSN: ccld,
    ORD_GNO_BRNO: '',
    ODNO: '',
    INQR_DVSN_3: '00',
    INQR_DVSN_1: '',
    EXCG_ID_DVSN_CD: 'KRX',
    CTX_AREA_FK100: fk,
    CTX_AREA_NK100: nk,
  };
}

describe('orders over REST', () => {
  it('order-cash answers with UPPER-case output keys, order-rvsecncl with lower-case ones', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const low = String(Math.floor((97000 * 0.8) / 100) * 100);
    const r = await buy(sim, cred, token, '005930', 2, '00', Number(low));
    expect(r.json).toEqual({
      rt_cd: '0',
      msg_cd: 'APBK0013',
      msg1: '주문 전송 완료 되었습니다.',
      output: { KRX_FWDG_ORD_ORGNO: '91252', ODNO: '0000000001', ORD_TMD: '100000' },
    });
    const c = await kisPost(sim, cred, token, PATHS.revise, 'TTTC0013U', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      KRX_FWDG_ORD_ORGNO: '91252',
      ORGN_ODNO: '0000000001',
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: '0',
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: 'Y',
    });
    expect(c.json).toEqual({
      rt_cd: '0',
      msg_cd: 'APBK0013',
      msg1: '주문 전송 완료 되었습니다.',
      output: { krx_fwdg_ord_orgno: '91252', odno: '0000000002', ord_tmd: '100000' },
    });
  });

  it('paper orders read "모의투자 …주문이 완료 되었습니다."', async () => {
    sim = await startSim({ rateLimit: false });
    const cred = sim.credentials.paper;
    const token = await issueToken(sim, cred);
    const r = await buy(sim, cred, token, '035720', 1);
    expect(r.json.msg1).toBe('모의투자 매수주문이 완료 되었습니다.');
  });

  it('inquire-psbl-order sizes market orders at the upper limit', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const r = await kisGet(sim, cred, token, PATHS.psblOrder, 'TTTC8908R', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_UNPR: '',
      ORD_DVSN: '01',
      CMA_EVLU_AMT_ICLD_YN: 'N',
      OVRS_ICLD_YN: 'N',
    });
    const o = r.json.output as Json;
    const upper = sim.market.get('005930')!.upper;
    expect(o.ord_psbl_cash).toBe('100000000');
    expect(o.psbl_qty_calc_unpr).toBe(String(upper));
    expect(o.nrcvb_buy_qty).toBe(String(Math.floor(100_000_000 / (upper * 1.00015))));
  });
});

describe('inquiries reflect trading', () => {
  it('balance, daily-ccld and psbl-rvsecncl after a fill, a resting order and a cancel', async () => {
    sim = await startSim({ rateLimit: false });
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    expect((await buy(sim, cred, token, '005930', 10)).json.rt_cd).toBe('0');
    const restingPrice = 80000;
    expect((await buy(sim, cred, token, '000660', 2)).json.rt_cd).toBe('0');
    expect((await buy(sim, cred, token, '005930', 5, '00', restingPrice)).json.rt_cd).toBe('0');

    const bal = await kisGet(sim, cred, token, PATHS.balance, 'TTTC8434R', balanceQuery(cred));
    expect(bal.headers['tr_cont']).toBe('D');
    const rows = bal.json.output1 as Json[];
    const samsung = rows.find((x) => x.pdno === '005930')!;
    expect(samsung.hldg_qty).toBe('10');
    expect(samsung.ord_psbl_qty).toBe('10');
    expect(samsung.prdt_name).toBe('삼성전자');
    expect(Number(samsung.evlu_amt)).toBe(10 * Number(samsung.prpr));
    expect(Number(samsung.evlu_pfls_amt)).toBe(Number(samsung.evlu_amt) - Number(samsung.pchs_amt));
    const totals = (bal.json.output2 as Json[])[0]!;
    expect(Array.isArray(bal.json.output2)).toBe(true);
    const bought = rows.reduce((sum, x) => sum + Number(x.pchs_amt), 0);
    expect(Number(totals.thdt_buy_amt)).toBe(bought);
    expect(Number(totals.dnca_tot_amt)).toBe(100_000_000 - bought - Number(totals.thdt_tlex_amt));
    expect(Number(totals.scts_evlu_amt)).toBe(rows.reduce((s, x) => s + Number(x.evlu_amt), 0));
    expect(Number(totals.tot_evlu_amt)).toBe(Number(totals.dnca_tot_amt) + Number(totals.scts_evlu_amt));
    expect(bal.json.ctx_area_fk100).toHaveLength(100);
    expect(bal.json.ctx_area_nk100).toHaveLength(100);

    const open = await kisGet(sim, cred, token, PATHS.psblRvsecncl, 'TTTC0084R', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      CTX_AREA_FK100: '',
      CTX_AREA_NK100: '',
      INQR_DVSN_1: '0',
      INQR_DVSN_2: '0',
    });
    const openRows = open.json.output as Json[];
    expect(openRows).toHaveLength(1);
    expect(openRows[0]).toMatchObject({
      odno: '0000000003',
      pdno: '005930',
      psbl_qty: '5',
      ord_unpr: '80000',
      sll_buy_dvsn_cd: '02',
    });

    await kisPost(sim, cred, token, PATHS.revise, 'TTTC0013U', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      KRX_FWDG_ORD_ORGNO: '91252',
      ORGN_ODNO: '0000000003',
      ORD_DVSN: '00',
      RVSE_CNCL_DVSN_CD: '02',
      ORD_QTY: '2',
      ORD_UNPR: '0',
      QTY_ALL_ORD_YN: 'N',
    });
    const ccld = await kisGet(sim, cred, token, PATHS.dailyCcld, 'TTTC0081R', ccldQuery(cred));
    const orders = ccld.json.output1 as Json[];
    expect(orders.map((o) => [o.odno, o.orgn_odno, o.ord_qty, o.tot_ccld_qty, o.rmn_qty, o.cncl_yn])).toEqual(
      [
        ['0000000004', '0000000003', '2', '0', '0', 'Y'],
        ['0000000003', '', '5', '0', '3', 'N'],
        ['0000000002', '', '2', '2', '0', 'N'],
        ['0000000001', '', '10', '10', '0', 'N'],
      ],
    );
    expect(orders[3]!.ord_dvsn_name).toBe('시장가');
    expect(orders[3]!.sll_buy_dvsn_cd_name).toBe('현금매수');
    expect(orders[3]!.excg_id_dvsn_Cd).toBe('KRX');
    const o2 = ccld.json.output2 as Json;
    expect(Array.isArray(o2)).toBe(false);
    expect(o2.tot_ccld_qty).toBe('12');
    expect(Number(o2.tot_ccld_amt)).toBe(Number(orders[2]!.tot_ccld_amt) + Number(orders[3]!.tot_ccld_amt));
    const unfilled = await kisGet(
      sim,
      cred,
      token,
      PATHS.dailyCcld,
      'TTTC0081R',
      ccldQuery(cred, '', '', '02'),
    );
    expect((unfilled.json.output1 as Json[]).map((o) => o.odno)).toEqual(['0000000003']);
  });
});

describe('tr_cont paging', () => {
  it('pages paper balance 20 rows at a time; ctx keys round-trip verbatim through + encoding', async () => {
    sim = await startSim({ rateLimit: false });
    const cred = sim.credentials.paper;
    const token = await issueToken(sim, cred);
    const codes = sim.market.order.map((s) => s.code).slice(0, 25);
    for (const code of codes) expect((await buy(sim, cred, token, code, 1)).json.rt_cd).toBe('0');
    const first = await kisGet(sim, cred, token, PATHS.balance, 'VTTC8434R', balanceQuery(cred), {
      tr_cont: '',
    });
    expect(first.headers['tr_cont']).toBe('F');
    expect(first.json.output1).toHaveLength(20);
    const nk = first.json.ctx_area_nk100 as string;
    expect(nk).toHaveLength(100);
    expect(nk.endsWith(' ')).toBe(true);
    const second = await kisGet(
      sim,
      cred,
      token,
      PATHS.balance,
      'VTTC8434R',
      balanceQuery(cred, first.json.ctx_area_fk100 as string, nk),
      { tr_cont: 'N' },
    );
    expect(second.json.rt_cd).toBe('0');
    expect(second.headers['tr_cont']).toBe('E');
    expect(second.json.output1).toHaveLength(5);
    const all = [...(first.json.output1 as Json[]), ...(second.json.output1 as Json[])].map(
      (x) => x.pdno as string,
    );
    expect(all.sort()).toEqual([...codes].sort());

    // daily-ccld: 15 rows per page on paper.
    const c1 = await kisGet(sim, cred, token, PATHS.dailyCcld, 'VTTC0081R', ccldQuery(cred));
    expect(c1.json.output1).toHaveLength(15);
    expect(c1.headers['tr_cont']).toBe('F');
    const c2 = await kisGet(
      sim,
      cred,
      token,
      PATHS.dailyCcld,
      'VTTC0081R',
      ccldQuery(cred, c1.json.ctx_area_fk100 as string, c1.json.ctx_area_nk100 as string),
      { tr_cont: 'N' },
    );
    expect(c2.json.output1).toHaveLength(10);
    expect(c2.headers['tr_cont']).toBe('E');
  });

  it('pages real daily-ccld at 100 rows', async () => {
    sim = await startSim({ rateLimit: false });
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    for (let i = 0; i < 101; i++) expect((await buy(sim, cred, token, '035720', 1)).json.rt_cd).toBe('0');
    const c1 = await kisGet(sim, cred, token, PATHS.dailyCcld, 'TTTC0081R', ccldQuery(cred));
    expect(c1.json.output1).toHaveLength(100);
    expect(c1.headers['tr_cont']).toBe('F');
    const c2 = await kisGet(
      sim,
      cred,
      token,
      PATHS.dailyCcld,
      'TTTC0081R',
      ccldQuery(cred, c1.json.ctx_area_fk100 as string, c1.json.ctx_area_nk100 as string),
      { tr_cont: 'N' },
    );
    expect((c2.json.output1 as Json[]).map((o) => o.odno)).toEqual(['0000000001']);
  });
});
