/**
 * Trading endpoints (kis-protocol.md §3.5–§3.11): orders, buying power, balance, open orders and
 * daily orders/fills, with `tr_cont` + ctx_area_fk100/nk100 paging.
 */
import type { SimOrder } from './accounts';
import { kstDate, kstTime, parseYmd } from './clock';
import { MSG, type KisMessage } from './errors';
import { rate } from './frames';
import {
  checkAccount,
  fail,
  field,
  invalid,
  isMsg,
  missing,
  ok,
  required,
  s,
  type Body,
  type Call,
  type Endpoint,
} from './rest-common';

const ORD_DVSN_NAMES: Record<string, string> = {
  '00': '지정가',
  '01': '시장가',
  '11': 'IOC지정가',
  '12': 'FOK지정가',
  '13': 'IOC시장가',
  '14': 'FOK시장가',
};

function parseQty(call: Call, name: string): number | KisMessage {
  const v = required(call, name);
  if (isMsg(v)) return v;
  if (!/^\d+$/.test(v)) return invalid(name, 'whole number as a string');
  return Number(v);
}

function parsePrice(call: Call, name: string): number | KisMessage {
  const v = field(call, name);
  if (v === undefined) return missing(name);
  if (v === '') return 0;
  if (!/^\d+$/.test(v)) return invalid(name, 'whole won as a string');
  return Number(v);
}

function exchangeCheck(call: Call): KisMessage | undefined {
  const ex = field(call, 'EXCG_ID_DVSN_CD');
  if (ex === undefined || ex === '' || ex === 'KRX') return undefined;
  if (call.account.info.kind === 'paper') return MSG.paperUnsupported;
  return invalid('EXCG_ID_DVSN_CD', 'the simulator routes to KRX only');
}

export const orderCash: Endpoint = {
  method: 'POST',
  real: ['TTTC0012U', 'TTTC0011U'],
  paper: ['VTTC0012U', 'VTTC0011U'],
  legacy: ['TTTC0802U', 'TTTC0801U', 'VTTC0802U', 'VTTC0801U'],
  handle(ctx, call) {
    const acct = checkAccount(call);
    if (acct) return fail(acct);
    const code = required(call, 'PDNO');
    if (isMsg(code)) return fail(code);
    const ordDvsn = required(call, 'ORD_DVSN');
    if (isMsg(ordDvsn)) return fail(ordDvsn);
    const qty = parseQty(call, 'ORD_QTY');
    if (isMsg(qty)) return fail(qty);
    const price = parsePrice(call, 'ORD_UNPR');
    if (isMsg(price)) return fail(price);
    const ex = exchangeCheck(call);
    if (ex) return fail(ex);
    const side = call.trId.endsWith('0012U') ? 'buy' : 'sell';
    const r = ctx.engine.place(call.account, { side, code, ordDvsn, qty, price });
    if (!r.ok) return fail(r.error);
    const paper = call.account.info.kind === 'paper';
    const msg = paper
      ? {
          msg_cd: MSG.orderOk.msg_cd,
          msg1: `모의투자 ${side === 'buy' ? '매수' : '매도'}주문이 완료 되었습니다.`,
        }
      : MSG.orderOk;
    return ok(
      {
        output: { KRX_FWDG_ORD_ORGNO: r.order.branchNo, ODNO: r.order.odno, ORD_TMD: kstTime(r.order.time) },
      },
      msg,
    );
  },
};

export const orderRevise: Endpoint = {
  method: 'POST',
  real: ['TTTC0013U'],
  paper: ['VTTC0013U'],
  legacy: ['TTTC0803U', 'VTTC0803U'],
  handle(ctx, call) {
    const acct = checkAccount(call);
    if (acct) return fail(acct);
    const orgn = required(call, 'ORGN_ODNO');
    if (isMsg(orgn)) return fail(orgn);
    const action = required(call, 'RVSE_CNCL_DVSN_CD');
    if (isMsg(action)) return fail(action);
    if (action !== '01' && action !== '02')
      return fail(invalid('RVSE_CNCL_DVSN_CD', '01 modify or 02 cancel'));
    const all = field(call, 'QTY_ALL_ORD_YN') ?? '';
    if (all !== 'Y' && all !== 'N') return fail(invalid('QTY_ALL_ORD_YN', 'Y or N'));
    const qtyText = field(call, 'ORD_QTY') ?? '';
    if (all === 'N' && !/^\d+$/.test(qtyText)) return fail(invalid('ORD_QTY', 'whole number as a string'));
    const price = parsePrice(call, 'ORD_UNPR');
    if (isMsg(price)) return fail(price);
    const ex = exchangeCheck(call);
    if (ex) return fail(ex);
    const r = ctx.engine.revise(call.account, {
      originalOdno: orgn,
      branchNo: field(call, 'KRX_FWDG_ORD_ORGNO') ?? '',
      action,
      ordDvsn: field(call, 'ORD_DVSN') ?? '',
      qty: all === 'Y' ? 0 : Number(qtyText),
      price,
      all: all === 'Y',
    });
    if (!r.ok) return fail(r.error);
    const paper = call.account.info.kind === 'paper';
    const msg = paper
      ? {
          msg_cd: MSG.orderOk.msg_cd,
          msg1: `모의투자 ${action === '01' ? '정정' : '취소'}주문이 완료 되었습니다.`,
        }
      : MSG.orderOk;
    // order-rvsecncl answers with lower-case output keys (§3.6), unlike order-cash.
    return ok(
      {
        output: { krx_fwdg_ord_orgno: r.order.branchNo, odno: r.order.odno, ord_tmd: kstTime(r.order.time) },
      },
      msg,
    );
  },
};

export const psblOrder: Endpoint = {
  method: 'GET',
  real: ['TTTC8908R'],
  paper: ['VTTC8908R'],
  handle(ctx, call) {
    const acct = checkAccount(call);
    if (acct) return fail(acct);
    const code = field(call, 'PDNO') ?? '';
    if (code && !ctx.market.get(code)) return fail(MSG.noSuchProduct);
    const price = parsePrice(call, 'ORD_UNPR');
    if (isMsg(price)) return fail(price);
    const ordDvsn = field(call, 'ORD_DVSN') ?? '00';
    // Market-type orders are sized at the upper limit, as KIS reserves them (§3.5).
    const unit = ordDvsn === '01' || ordDvsn === '13' || ordDvsn === '14' ? 0 : price;
    const bp = ctx.engine.buyingPower(call.account, code, unit);
    const amt = bp.qty * bp.unitPrice;
    return ok({
      output: {
        ord_psbl_cash: s(bp.cash),
        ord_psbl_sbst: '0',
        ruse_psbl_amt: '0',
        fund_rpch_chgs: '0',
        psbl_qty_calc_unpr: s(bp.unitPrice),
        nrcvb_buy_amt: s(amt),
        nrcvb_buy_qty: s(bp.qty),
        max_buy_amt: s(amt),
        max_buy_qty: s(bp.qty),
        cma_evlu_amt: '0',
        ovrs_re_use_amt_wcrc: '0',
        ord_psbl_frcr_amt_wcrc: '0',
      },
    });
  },
};

/** Fixed-width continuation keys like KIS's (space padded to 100; clients must not trim). */
function ctxKeys(call: Call, nextOffset: number | null): { fk: string; nk: string } {
  const info = call.account.info;
  const fk = `${info.cano}^${info.acntPrdtCd}^`.padEnd(100, ' ');
  const nk =
    nextOffset === null
      ? ''.padEnd(100, ' ')
      : `${info.cano}${info.acntPrdtCd}^${nextOffset}`.padEnd(100, ' ');
  return { fk, nk };
}

function pageStart(call: Call): number | KisMessage {
  const nk = (field(call, 'CTX_AREA_NK100') ?? '').trimEnd();
  if (nk === '') return 0;
  const m = /\^(\d+)$/.exec(nk);
  if (!m) return invalid('CTX_AREA_NK100', 'pass the previous response ctx_area_nk100 verbatim');
  return Number(m[1]);
}

function paginate<T>(
  call: Call,
  rows: T[],
  pageSize: number,
): { page: T[]; trCont: string; fk: string; nk: string } | KisMessage {
  const start = pageStart(call);
  if (isMsg(start)) return start;
  const page = rows.slice(start, start + pageSize);
  const more = start + pageSize < rows.length;
  const continued = call.trCont === 'N' || start > 0;
  const { fk, nk } = ctxKeys(call, more ? start + pageSize : null);
  // F/M = more follows (first / later page), D/E = last page (first / later) (§2.6, §3.11).
  const trCont = more ? (continued ? 'M' : 'F') : continued ? 'E' : 'D';
  return { page, trCont, fk, nk };
}

export const balance: Endpoint = {
  method: 'GET',
  real: ['TTTC8434R'],
  paper: ['VTTC8434R'],
  handle(ctx, call) {
    const acct = checkAccount(call);
    if (acct) return fail(acct);
    for (const name of [
      'AFHR_FLPR_YN',
      'INQR_DVSN',
      'UNPR_DVSN',
      'FUND_STTL_ICLD_YN',
      'FNCG_AMT_AUTO_RDPT_YN',
      'PRCS_DVSN',
    ]) {
      const v = field(call, name);
      if (v === undefined) return fail(missing(name));
    }
    const a = call.account;
    let pchsTotal = 0;
    let evluTotal = 0;
    const rows: Body[] = [];
    const positions = [...a.positions.values()].sort((x, y) => x.code.localeCompare(y.code));
    for (const p of positions) {
      const sym = ctx.market.get(p.code);
      if (!sym) continue;
      const pchs = Math.round(p.avgPrice * p.qty);
      const evlu = sym.last * p.qty;
      pchsTotal += pchs;
      evluTotal += evlu;
      rows.push({
        pdno: p.code,
        prdt_name: sym.listing.name,
        trad_dvsn_name: '현금',
        bfdy_buy_qty: '0',
        bfdy_sll_qty: '0',
        thdt_buyqty: s(p.buyQtyToday),
        thdt_sll_qty: s(p.sellQtyToday),
        hldg_qty: s(p.qty),
        ord_psbl_qty: s(a.sellableQty(p.code)),
        pchs_avg_pric: p.avgPrice.toFixed(4),
        pchs_amt: s(pchs),
        prpr: s(sym.last),
        evlu_amt: s(evlu),
        evlu_pfls_amt: s(evlu - pchs),
        evlu_pfls_rt: rate(evlu - pchs, pchs),
        evlu_erng_rt: '0',
        loan_dt: '',
        loan_amt: '0',
        stln_slng_chgs: '0',
        expd_dt: '',
        fltt_rt: rate(sym.last - sym.prevClose, sym.prevClose),
        bfdy_cprs_icdc: s(sym.last - sym.prevClose),
        item_mgna_rt_name: '20%',
        grta_rt_name: '',
        sbst_pric: '0',
        stck_loan_unpr: '0',
      });
    }
    const pageSize = a.info.kind === 'paper' ? 20 : 50;
    const pg = paginate(call, rows, pageSize);
    if (isMsg(pg)) return fail(pg);
    const fees = a.feesToday + a.taxesToday;
    const total = a.cash + evluTotal;
    return {
      ...ok({
        ctx_area_fk100: pg.fk,
        ctx_area_nk100: pg.nk,
        output1: pg.page,
        output2: [
          {
            dnca_tot_amt: s(a.cash),
            nxdy_excc_amt: s(a.cash),
            prvs_rcdl_excc_amt: s(a.cash),
            cma_evlu_amt: '0',
            bfdy_buy_amt: '0',
            thdt_buy_amt: s(a.buyAmountToday),
            nxdy_auto_rdpt_amt: '0',
            bfdy_sll_amt: '0',
            thdt_sll_amt: s(a.sellAmountToday),
            d2_auto_rdpt_amt: '0',
            bfdy_tlex_amt: '0',
            thdt_tlex_amt: s(fees),
            tot_loan_amt: '0',
            scts_evlu_amt: s(evluTotal),
            tot_evlu_amt: s(total),
            nass_amt: s(total),
            fncg_gld_auto_rdpt_yn: 'N',
            pchs_amt_smtl_amt: s(pchsTotal),
            evlu_amt_smtl_amt: s(evluTotal),
            evlu_pfls_smtl_amt: s(evluTotal - pchsTotal),
            tot_stln_slng_chgs: '0',
            bfdy_tot_asst_evlu_amt: s(a.info.startingCash),
            asst_icdc_amt: s(total - a.info.startingCash),
            asst_icdc_erng_rt: rate(total - a.info.startingCash, a.info.startingCash),
          },
        ],
      }),
      trCont: pg.trCont,
    };
  },
};

function sideName(o: SimOrder): string {
  const base = o.side === 'buy' ? '매수' : '매도';
  if (o.kind === 'modify') return `${base}정정*`;
  if (o.kind === 'cancel') return `${base}취소*`;
  return `현금${base}`;
}

export const psblRvsecncl: Endpoint = {
  method: 'GET',
  real: ['TTTC0084R'],
  paper: [],
  legacy: ['TTTC8036R', 'VTTC8036R'],
  handle(ctx, call) {
    const acct = checkAccount(call);
    if (acct) return fail(acct);
    const side = field(call, 'INQR_DVSN_2') ?? '0';
    const byStock = field(call, 'INQR_DVSN_1') === '1';
    let open = call.account.openOrders();
    if (side === '1') open = open.filter((o) => o.side === 'sell');
    if (side === '2') open = open.filter((o) => o.side === 'buy');
    if (byStock)
      open = [...open].sort((x, y) => x.code.localeCompare(y.code) || x.odno.localeCompare(y.odno));
    const rows: Body[] = open.map((o) => ({
      ord_gno_brno: o.branchNo,
      odno: o.odno,
      orgn_odno: o.orgnOdno,
      ord_dvsn_name: ORD_DVSN_NAMES[o.ordDvsn] ?? o.ordDvsn,
      pdno: o.code,
      prdt_name: o.name,
      rvse_cncl_dvsn_name: o.kind === 'modify' ? '정정' : '',
      ord_qty: s(o.qty),
      ord_unpr: s(o.price),
      ord_tmd: kstTime(o.time),
      tot_ccld_qty: s(o.filledQty),
      tot_ccld_amt: s(o.filledAmount),
      psbl_qty: s(o.remaining),
      sll_buy_dvsn_cd: o.side === 'sell' ? '01' : '02',
      ord_dvsn_cd: o.ordDvsn,
      mgco_aptm_odno: '',
      excg_dvsn_cd: '02',
      excg_id_dvsn_cd: 'KRX',
      excg_id_dvsn_name: '한국거래소',
      stpm_cndt_pric: '0',
      stpm_efct_occr_yn: 'N',
    }));
    const pg = paginate(call, rows, 50);
    if (isMsg(pg)) return fail(pg);
    return { ...ok({ ctx_area_fk100: pg.fk, ctx_area_nk100: pg.nk, output: pg.page }), trCont: pg.trCont };
  },
};

export const dailyCcld: Endpoint = {
  method: 'GET',
  real: ['TTTC0081R', 'CTSC9215R'],
  paper: ['VTTC0081R', 'VTSC9215R'],
  legacy: ['TTTC8001R', 'VTTC8001R', 'CTSC9115R', 'VTSC9115R'],
  handle(ctx, call) {
    const acct = checkAccount(call);
    if (acct) return fail(acct);
    const from = required(call, 'INQR_STRT_DT');
    if (isMsg(from)) return fail(from);
    const to = required(call, 'INQR_END_DT');
    if (isMsg(to)) return fail(to);
    if (parseYmd(from) === undefined) return fail(invalid('INQR_STRT_DT', 'YYYYMMDD'));
    if (parseYmd(to) === undefined) return fail(invalid('INQR_END_DT', 'YYYYMMDD'));
    const sllBuy = field(call, 'SLL_BUY_DVSN_CD') ?? '00';
    const pdno = field(call, 'PDNO') ?? '';
    const odno = field(call, 'ODNO') ?? '';
    const ccld = field(call, 'CCLD_DVSN') ?? '00';
    const oldestFirst = field(call, 'INQR_DVSN') === '01';
    const today = ctx.market.todayDate;
    let orders = from <= today && today <= to ? [...call.account.orders] : [];
    if (sllBuy === '01') orders = orders.filter((o) => o.side === 'sell');
    if (sllBuy === '02') orders = orders.filter((o) => o.side === 'buy');
    if (pdno) orders = orders.filter((o) => o.code === pdno);
    if (odno) orders = orders.filter((o) => o.odno === odno.padStart(10, '0'));
    if (ccld === '01') orders = orders.filter((o) => o.filledQty > 0);
    if (ccld === '02') orders = orders.filter((o) => o.remaining > 0);
    if (!oldestFirst) orders.reverse();
    const rows: Body[] = orders.map((o) => ({
      ord_dt: kstDate(o.time),
      ord_gno_brno: o.branchNo,
      odno: o.odno,
      orgn_odno: o.orgnOdno,
      ord_dvsn_name: ORD_DVSN_NAMES[o.ordDvsn] ?? o.ordDvsn,
      sll_buy_dvsn_cd: o.side === 'sell' ? '01' : '02',
      sll_buy_dvsn_cd_name: sideName(o),
      pdno: o.code,
      prdt_name: o.name,
      ord_qty: s(o.qty),
      ord_unpr: s(o.price),
      ord_tmd: kstTime(o.time),
      tot_ccld_qty: s(o.filledQty),
      avg_prvs: s(o.filledQty > 0 ? Math.round(o.filledAmount / o.filledQty) : 0),
      cncl_yn: o.kind === 'cancel' ? 'Y' : 'N',
      tot_ccld_amt: s(o.filledAmount),
      loan_dt: '',
      ordr_empno: '',
      ord_dvsn_cd: o.ordDvsn,
      cnc_cfrm_qty: s(o.kind === 'new' || o.kind === 'modify' ? o.cancelledQty : o.qty),
      rmn_qty: s(o.remaining),
      rjct_qty: s(o.rejected ? o.qty : 0),
      ccld_cndt_name: o.cond === '1' ? 'IOC' : o.cond === '2' ? 'FOK' : '없음',
      inqr_ip_addr: '',
      cpbc_ordp_ord_rcit_dvsn_cd: '',
      cpbc_ordp_infm_mthd_dvsn_cd: '',
      infm_tmd: '',
      ctac_tlno: '',
      prdt_type_cd: '300',
      excg_dvsn_cd: '02',
      cpbc_ordp_mtrl_dvsn_cd: '',
      ord_orgno: o.branchNo,
      rsvn_ord_end_dt: '',
      excg_id_dvsn_Cd: 'KRX',
      stpm_cndt_pric: '0',
      stpm_efct_occr_dtmd: '',
    }));
    const pageSize = call.account.info.kind === 'paper' ? 15 : 100;
    const pg = paginate(call, rows, pageSize);
    if (isMsg(pg)) return fail(pg);
    const totQty = orders.reduce((n, o) => n + (o.kind === 'cancel' ? 0 : o.qty), 0);
    const ccldQty = orders.reduce((n, o) => n + o.filledQty, 0);
    const ccldAmt = orders.reduce((n, o) => n + o.filledAmount, 0);
    const fees = orders.reduce((n, o) => n + o.fees, 0);
    return {
      ...ok({
        ctx_area_fk100: pg.fk,
        ctx_area_nk100: pg.nk,
        output1: pg.page,
        output2: {
          tot_ord_qty: s(totQty),
          tot_ccld_qty: s(ccldQty),
          tot_ccld_amt: s(ccldAmt),
          prsm_tlex_smtl: s(fees),
          pchs_avg_pric: ccldQty > 0 ? (ccldAmt / ccldQty).toFixed(4) : '0.0000',
        },
      }),
      trCont: pg.trCont,
    };
  },
};
