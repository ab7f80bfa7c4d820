/** Quotation endpoints (kis-protocol.md §3.1–§3.4, §3.10a, §3.13): same TR ids real and paper. */
import { tickSize } from '../../../shared/domain/krx';
import { kstDate, kstTime, parseYmd } from './clock';
import { MSG, withHint } from './errors';
import { rate } from './frames';
import type { DailyBar, SymbolState } from './market';
import {
  fail,
  field,
  invalid,
  isMsg,
  marketDivOk,
  missing,
  ok,
  required,
  s,
  symbolParam,
  type Body,
  type Endpoint,
  type RestContext,
} from './rest-common';

function highLow(sym: SymbolState, days: number): { hi: DailyBar; lo: DailyBar } {
  const bars = sym.history.slice(-days);
  let hi = bars[0] as DailyBar;
  let lo = bars[0] as DailyBar;
  for (const b of bars) {
    if (b.high >= hi.high) hi = b;
    if (b.low <= lo.low) lo = b;
  }
  return { hi, lo };
}

function priceOutput(ctx: RestContext, sym: SymbolState): Body {
  const p = sym.last;
  const change = p - sym.prevClose;
  const { hi, lo } = highLow(sym, 250);
  const todayHi = Math.max(hi.high, sym.high);
  const todayLo = sym.low > 0 ? Math.min(lo.low, sym.low) : lo.low;
  const today = ctx.market.todayDate;
  const shares = sym.listing.listedShares;
  const eps = Math.round(sym.prevClose / 12);
  const bps = Math.round(sym.prevClose / 1.4);
  return {
    iscd_stat_cls_code: '55',
    marg_rate: '20.00',
    rprs_mrkt_kor_name:
      sym.listing.kind === 'etf' ? 'ETF' : sym.listing.market === 'KOSPI' ? 'KOSPI' : 'KOSDAQ',
    bstp_kor_isnm: sym.listing.kind === 'etf' ? '기타' : '시뮬레이션',
    temp_stop_yn: 'N',
    oprc_rang_cont_yn: 'N',
    clpr_rang_cont_yn: 'N',
    crdt_able_yn: 'Y',
    grmn_rate_cls_code: '40',
    elw_pblc_yn: 'N',
    stck_prpr: s(p),
    prdy_vrss: s(change),
    prdy_vrss_sign: signOf(sym, p),
    prdy_ctrt: rate(change, sym.prevClose),
    acml_tr_pbmn: s(sym.value),
    acml_vol: s(sym.volume),
    prdy_vrss_vol_rate: rate(sym.volume, sym.prevDayVolume()),
    stck_oprc: s(sym.open),
    stck_hgpr: s(sym.high),
    stck_lwpr: s(sym.low),
    stck_mxpr: s(sym.upper),
    stck_llam: s(sym.lower),
    stck_sdpr: s(sym.prevClose),
    wghn_avrg_stck_prc: s(sym.vwap()),
    hts_frgn_ehrt: '0.00',
    frgn_ntby_qty: '0',
    pgtr_ntby_qty: '0',
    dmrs_val: '0',
    dmsp_val: '0',
    cpfn: s(Math.round((shares * 100) / 1e8)),
    rstc_wdth_prc: s(sym.upper - sym.prevClose),
    stck_fcam: '100',
    stck_sspr: s(Math.floor(p * 0.8)),
    aspr_unit: s(tickSize(p, sym.kind)),
    hts_deal_qty_unit_val: '1',
    lstn_stcn: s(shares),
    hts_avls: s(Math.round((p * shares) / 1e8)),
    per: (p / eps).toFixed(2),
    pbr: (p / bps).toFixed(2),
    stac_month: '12',
    vol_tnrt: rate(sym.volume, shares),
    eps: eps.toFixed(2),
    bps: bps.toFixed(2),
    d250_hgpr: s(todayHi),
    d250_hgpr_date: todayHi === hi.high ? hi.date : today,
    d250_hgpr_vrss_prpr_rate: rate(p - todayHi, todayHi),
    d250_lwpr: s(todayLo),
    d250_lwpr_date: todayLo === lo.low ? lo.date : today,
    d250_lwpr_vrss_prpr_rate: rate(p - todayLo, todayLo),
    stck_dryy_hgpr: s(todayHi),
    dryy_hgpr_vrss_prpr_rate: rate(p - todayHi, todayHi),
    dryy_hgpr_date: todayHi === hi.high ? hi.date : today,
    stck_dryy_lwpr: s(todayLo),
    dryy_lwpr_vrss_prpr_rate: rate(p - todayLo, todayLo),
    dryy_lwpr_date: todayLo === lo.low ? lo.date : today,
    w52_hgpr: s(todayHi),
    w52_hgpr_vrss_prpr_ctrt: rate(p - todayHi, todayHi),
    w52_hgpr_date: todayHi === hi.high ? hi.date : today,
    w52_lwpr: s(todayLo),
    w52_lwpr_vrss_prpr_ctrt: rate(p - todayLo, todayLo),
    w52_lwpr_date: todayLo === lo.low ? lo.date : today,
    whol_loan_rmnd_rate: '0.00',
    ssts_yn: 'Y',
    stck_shrn_iscd: sym.code,
    fcam_cnnm: '100',
    cpfn_cnnm: `${Math.round((shares * 100) / 1e8)} 억`,
    frgn_hldn_qty: '0',
    vi_cls_code: 'N',
    ovtm_vi_cls_code: 'N',
    last_ssts_cntg_qty: '0',
    invt_caful_yn: 'N',
    mrkt_warn_cls_code: '00',
    short_over_yn: 'N',
    sltr_yn: 'N',
    mang_issu_cls_code: 'N',
  };
}

function signOf(sym: SymbolState, price: number): string {
  if (price >= sym.upper) return '1';
  if (price <= sym.lower) return '4';
  return price > sym.prevClose ? '2' : price < sym.prevClose ? '5' : '3';
}

export const inquirePrice: Endpoint = {
  method: 'GET',
  real: ['FHKST01010100'],
  paper: ['FHKST01010100'],
  handle(ctx, call) {
    const bad = marketDivOk(call);
    if (bad) return fail(bad);
    const sym = symbolParam(ctx, call);
    if (isMsg(sym)) return fail(sym);
    return ok({ output: priceOutput(ctx, sym) });
  },
};

export const askingPrice: Endpoint = {
  method: 'GET',
  real: ['FHKST01010200'],
  paper: ['FHKST01010200'],
  handle(ctx, call) {
    const bad = marketDivOk(call);
    if (bad) return fail(bad);
    const sym = symbolParam(ctx, call);
    if (isMsg(sym)) return fail(sym);
    const book: Body = { aspr_acpt_hour: kstTime(sym.bookTime) };
    for (let i = 0; i < 10; i++) book[`askp${i + 1}`] = s(sym.askPrice(i));
    for (let i = 0; i < 10; i++) book[`bidp${i + 1}`] = s(sym.bidPrice(i));
    for (let i = 0; i < 10; i++) book[`askp_rsqn${i + 1}`] = s(sym.askQtyAt(i));
    for (let i = 0; i < 10; i++) book[`bidp_rsqn${i + 1}`] = s(sym.bidQtyAt(i));
    for (let i = 0; i < 10; i++) book[`askp_rsqn_icdc${i + 1}`] = '0';
    for (let i = 0; i < 10; i++) book[`bidp_rsqn_icdc${i + 1}`] = '0';
    const totalAsk = sym.totalAsk();
    const totalBid = sym.totalBid();
    Object.assign(book, {
      total_askp_rsqn: s(totalAsk),
      total_bidp_rsqn: s(totalBid),
      total_askp_rsqn_icdc: '0',
      total_bidp_rsqn_icdc: '0',
      ovtm_total_askp_icdc: '0',
      ovtm_total_bidp_icdc: '0',
      ovtm_total_askp_rsqn: '0',
      ovtm_total_bidp_rsqn: '0',
      ntby_aspr_rsqn: s(totalBid - totalAsk),
      new_mkop_cls_code: '20',
    });
    const change = sym.last - sym.prevClose;
    return ok({
      output1: book,
      output2: {
        antc_mkop_cls_code: '311',
        stck_prpr: s(sym.last),
        stck_oprc: s(sym.open),
        stck_hgpr: s(sym.high),
        stck_lwpr: s(sym.low),
        stck_sdpr: s(sym.prevClose),
        // Expected-fill values are zeros outside call auctions (§3.2).
        antc_cnpr: '0',
        antc_cntg_vrss_sign: '3',
        antc_cntg_vrss: '0',
        antc_cntg_prdy_ctrt: '0.00',
        antc_vol: '0',
        stck_shrn_iscd: sym.code,
        vi_cls_code: 'N',
        prdy_vrss: s(change),
      },
    });
  },
};

function snapshot(sym: SymbolState): Body {
  const change = sym.last - sym.prevClose;
  const prev = sym.history[sym.history.length - 1];
  return {
    prdy_vrss: s(change),
    prdy_vrss_sign: signOf(sym, sym.last),
    prdy_ctrt: rate(change, sym.prevClose),
    stck_prdy_clpr: s(sym.prevClose),
    acml_vol: s(sym.volume),
    acml_tr_pbmn: s(sym.value),
    hts_kor_isnm: sym.listing.name,
    stck_prpr: s(sym.last),
    stck_shrn_iscd: sym.code,
    prdy_vol: s(prev?.volume ?? 0),
    stck_mxpr: s(sym.upper),
    stck_llam: s(sym.lower),
    stck_oprc: s(sym.open),
    stck_hgpr: s(sym.high),
    stck_lwpr: s(sym.low),
    stck_prdy_oprc: s(prev?.open ?? 0),
    stck_prdy_hgpr: s(prev?.high ?? 0),
    stck_prdy_lwpr: s(prev?.low ?? 0),
    askp: s(sym.askPrice(0)),
    bidp: s(sym.bidPrice(0)),
    prdy_vrss_vol: s(sym.volume - (prev?.volume ?? 0)),
    vol_tnrt: rate(sym.volume, sym.listing.listedShares),
    stck_fcam: '100',
    lstn_stcn: s(sym.listing.listedShares),
    cpfn: s(Math.round((sym.listing.listedShares * 100) / 1e8)),
    hts_avls: s(Math.round((sym.last * sym.listing.listedShares) / 1e8)),
    per: '0.00',
    eps: '0.00',
    pbr: '0.00',
    itewhol_loan_rmnd_ratem: '0.00',
  };
}

/** Groups daily bars by ISO week / month / year; each group is dated by its first trading day. */
function aggregate(
  bars: DailyBar[],
  period: 'D' | 'W' | 'M' | 'Y',
): Array<DailyBar & { synthesized?: boolean }> {
  if (period === 'D') return bars;
  const keyOf = (date: string): string => {
    if (period === 'Y') return date.slice(0, 4);
    if (period === 'M') return date.slice(0, 6);
    const t = parseYmd(date) ?? 0;
    const weekday = (new Date(t + 9 * 3600_000).getUTCDay() + 6) % 7; // Monday = 0
    return kstDate(t - weekday * 86_400_000);
  };
  const out: DailyBar[] = [];
  let key = '';
  for (const b of bars) {
    const k = keyOf(b.date);
    const cur = out[out.length - 1];
    if (cur && k === key) {
      cur.high = Math.max(cur.high, b.high);
      cur.low = Math.min(cur.low, b.low);
      cur.close = b.close;
      cur.volume += b.volume;
      cur.value += b.value;
    } else {
      out.push({ ...b });
      key = k;
    }
  }
  return out;
}

export const dailyChart: Endpoint = {
  method: 'GET',
  real: ['FHKST03010100'],
  paper: ['FHKST03010100'],
  handle(ctx, call) {
    const bad = marketDivOk(call);
    if (bad) return fail(bad);
    const sym = symbolParam(ctx, call);
    if (isMsg(sym)) return fail(sym);
    const from = required(call, 'FID_INPUT_DATE_1');
    if (isMsg(from)) return fail(from);
    const to = required(call, 'FID_INPUT_DATE_2');
    if (isMsg(to)) return fail(to);
    if (parseYmd(from) === undefined) return fail(invalid('FID_INPUT_DATE_1', 'YYYYMMDD'));
    if (parseYmd(to) === undefined) return fail(invalid('FID_INPUT_DATE_2', 'YYYYMMDD'));
    const period = required(call, 'FID_PERIOD_DIV_CODE');
    if (isMsg(period)) return fail(period);
    if (period !== 'D' && period !== 'W' && period !== 'M' && period !== 'Y')
      return fail(invalid('FID_PERIOD_DIV_CODE', 'D, W, M or Y'));
    const adj = field(call, 'FID_ORG_ADJ_PRC');
    if (adj !== undefined && adj !== '' && adj !== '0' && adj !== '1')
      return fail(invalid('FID_ORG_ADJ_PRC', '0 or 1'));
    // No corporate actions are simulated, so adjusted and original prices coincide.
    const today = sym.todayBar(ctx.market.todayDate);
    const all: Array<DailyBar & { synthesized?: boolean }> = [...sym.history, today];
    // Bars whose date lies in [DATE_1, DATE_2]; the change column compares with the bar before
    // it in the whole series, so the oldest row of a page still has a correct prdy_vrss.
    const series = aggregate(all, period);
    const rows: Body[] = [];
    for (let i = series.length - 1; i >= 0 && rows.length < 100; i--) {
      const b = series[i];
      if (!b || b.date > to || b.date < from) continue;
      // A period bar counts when its first trading day is in range (W/M/Y bars start inside the window).
      const prevClose = series[i - 1]?.close ?? b.open;
      const change = b.close - prevClose;
      rows.push({
        stck_bsop_date: b.date,
        stck_clpr: s(b.close),
        stck_oprc: s(b.open),
        stck_hgpr: s(b.high),
        stck_lwpr: s(b.low),
        acml_vol: s(b.volume),
        acml_tr_pbmn: s(b.value),
        flng_cls_code: '00',
        prtt_rate: '0.00',
        mod_yn: b === today && today.synthesized ? 'Y' : 'N',
        prdy_vrss_sign: change > 0 ? '2' : change < 0 ? '5' : '3',
        prdy_vrss: s(change),
        revl_issu_reas: '',
      });
    }
    return ok({ output1: snapshot(sym), output2: rows });
  },
};

export const minuteChart: Endpoint = {
  method: 'GET',
  real: ['FHKST03010200'],
  paper: ['FHKST03010200'],
  handle(ctx, call) {
    const bad = marketDivOk(call);
    if (bad) return fail(bad);
    const sym = symbolParam(ctx, call);
    if (isMsg(sym)) return fail(sym);
    const hour = required(call, 'FID_INPUT_HOUR_1');
    if (isMsg(hour)) return fail(hour);
    if (!/^\d{6}$/.test(hour)) return fail(invalid('FID_INPUT_HOUR_1', 'HHMMSS'));
    // A future time is answered with "now" (§3.4). Bars are stamped with their minute's start.
    const now = kstTime(ctx.clock.now());
    const until = hour > now ? now : hour;
    const rows: Body[] = [];
    for (let i = sym.minuteBars.length - 1; i >= 0 && rows.length < 30; i--) {
      const b = sym.minuteBars[i];
      if (!b || b.time > until) continue;
      rows.push({
        stck_bsop_date: ctx.market.todayDate,
        stck_cntg_hour: b.time,
        stck_prpr: s(b.close),
        stck_oprc: s(b.open),
        stck_hgpr: s(b.high),
        stck_lwpr: s(b.low),
        cntg_vol: s(b.volume),
        acml_tr_pbmn: s(b.value),
      });
    }
    const snap = snapshot(sym);
    return ok({
      output1: {
        prdy_vrss: snap.prdy_vrss,
        prdy_vrss_sign: snap.prdy_vrss_sign,
        prdy_ctrt: snap.prdy_ctrt,
        stck_prdy_clpr: snap.stck_prdy_clpr,
        acml_vol: snap.acml_vol,
        acml_tr_pbmn: snap.acml_tr_pbmn,
        hts_kor_isnm: snap.hts_kor_isnm,
        stck_prpr: snap.stck_prpr,
      },
      output2: rows,
    });
  },
};

export const multiPrice: Endpoint = {
  method: 'GET',
  real: ['FHKST11300006'],
  paper: ['FHKST11300006'],
  handle(ctx, call) {
    const rows: Body[] = [];
    for (let n = 1; n <= 30; n++) {
      const code = field(call, `FID_INPUT_ISCD_${n}`);
      if (!code) {
        if (n === 1) return fail(missing('FID_INPUT_ISCD_1'));
        continue;
      }
      const bad = marketDivOk(call, `FID_COND_MRKT_DIV_CODE_${n}`);
      if (bad) return fail(bad);
      const sym = ctx.market.get(code);
      if (!sym) return fail(withHint(MSG.noSuchProduct, `FID_INPUT_ISCD_${n}=${code}`));
      const change = sym.last - sym.prevClose;
      rows.push({
        kospi_kosdaq_cls_name: sym.listing.market,
        mrkt_trtm_cls_name: '',
        hour_cls_code: '0',
        inter_shrn_iscd: sym.code,
        inter_kor_isnm: sym.listing.name,
        inter2_prpr: s(sym.last),
        inter2_prdy_vrss: s(change),
        prdy_vrss_sign: signOf(sym, sym.last),
        prdy_ctrt: rate(change, sym.prevClose),
        acml_vol: s(sym.volume),
        inter2_oprc: s(sym.open),
        inter2_hgpr: s(sym.high),
        inter2_lwpr: s(sym.low),
        inter2_llam: s(sym.lower),
        inter2_mxpr: s(sym.upper),
        inter2_askp: s(sym.askPrice(0)),
        inter2_bidp: s(sym.bidPrice(0)),
        seln_rsqn: s(sym.askQtyAt(0)),
        shnu_rsqn: s(sym.bidQtyAt(0)),
        total_askp_rsqn: s(sym.totalAsk()),
        total_bidp_rsqn: s(sym.totalBid()),
        acml_tr_pbmn: s(sym.value),
        inter2_prdy_clpr: s(sym.prevClose),
        oprc_vrss_hgpr_rate: rate(sym.high - sym.open, sym.open || 1),
        intr_antc_cntg_vrss: '0',
        intr_antc_cntg_vrss_sign: '3',
        intr_antc_cntg_prdy_ctrt: '0.00',
        intr_antc_vol: '0',
        inter2_sdpr: s(sym.prevClose),
      });
    }
    return ok({ output: rows });
  },
};

export const overseasPrice: Endpoint = {
  method: 'GET',
  real: ['HHDFS00000300'],
  paper: ['HHDFS00000300'],
  handle(ctx, call) {
    const excd = required(call, 'EXCD');
    if (isMsg(excd)) return fail(excd);
    const symb = required(call, 'SYMB');
    if (isMsg(symb)) return fail(symb);
    const q = ctx.overseas.quote(excd, symb, ctx.clock.now());
    if (!q)
      return fail(withHint(MSG.noSuchProduct, `${excd} ${symb}: the simulator knows a few US symbols only`));
    const diff = q.price - q.prevClose;
    return ok({
      output: {
        rsym: `D${excd}${q.symbol}`,
        zdiv: '4',
        base: q.prevClose.toFixed(4),
        pvol: '0',
        last: q.price.toFixed(4),
        sign: diff > 0 ? '2' : diff < 0 ? '5' : '3',
        diff: Math.abs(diff).toFixed(4),
        rate: ((diff / q.prevClose) * 100).toFixed(2),
        tvol: s(q.volume),
        tamt: s(Math.round(q.volume * q.price)),
        ordy: 'Y',
      },
    });
  },
};
