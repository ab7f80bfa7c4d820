/** Day rollover, KRX sessions through the simulator driver, and the /__sim admin endpoints. */
import { afterEach, describe, expect, it } from 'vitest';
import { kstToEpoch } from '../../../../../src/main/core/sim/clock';
import type { KisSimulator } from '../../../../../src/main/core/sim';
import { PATHS, WsProbe, httpRequest, issueToken, kisGet, kisPost, startSim, type Json } from './helpers';

let sim: KisSimulator | undefined;
const probes: WsProbe[] = [];
afterEach(async () => {
  for (const p of probes.splice(0)) await p.close();
  await sim?.close();
  sim = undefined;
});

describe('daily rollover (KST midnight)', () => {
  it('closes the day into the history, moves the base price and expires open orders', async () => {
    sim = await startSim({ startTime: kstToEpoch(2026, 3, 4, 23, 50, 0), rateLimit: false });
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    sim.control.advance(5 * 60_000);
    const s = sim.market.get('005930')!;
    const r = await kisPost(sim, cred, token, PATHS.orderCash, 'TTTC0012U', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '00',
      ORD_QTY: '1',
      ORD_UNPR: '70000',
    });
    expect(r.json.rt_cd).toBe('0');
    expect(sim.market.todayDate).toBe('20260304');
    sim.control.advance(5 * 60_000 - 100); // 23:59:59.900
    expect(sim.market.todayDate).toBe('20260304');
    const lastOfDay = s.last;
    const dayHigh = s.high;
    sim.control.advance(200); // past 00:00 KST
    expect(sim.market.todayDate).toBe('20260305');
    const closed = s.history[s.history.length - 1]!;
    expect(closed.date).toBe('20260304');
    expect(closed.close).toBe(lastOfDay);
    expect(closed.high).toBe(dayHigh);
    expect(s.prevClose).toBe(closed.close);
    const q = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', {
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: '005930',
    });
    expect(q.json.output.stck_sdpr).toBe(String(closed.close));
    const ccld = await kisGet(sim, cred, token, PATHS.dailyCcld, 'TTTC0081R', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      INQR_STRT_DT: '20260305',
      INQR_END_DT: '20260305',
      SLL_BUY_DVSN_CD: '00',
      INQR_DVSN: '00',
      PDNO: '',
      CCLD_DVSN: '02',
      ORD_GNO_BRNO: '',
      ODNO: '',
      INQR_DVSN_3: '00',
      INQR_DVSN_1: '',
      CTX_AREA_FK100: '',
      CTX_AREA_NK100: '',
    });
    expect(ccld.json.output1).toEqual([]);
    const bal = await kisGet(sim, cred, token, PATHS.psblOrder, 'TTTC8908R', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_UNPR: '70000',
      ORD_DVSN: '00',
      CMA_EVLU_AMT_ICLD_YN: 'N',
      OVRS_ICLD_YN: 'N',
    });
    expect(bal.json.output.ord_psbl_cash).toBe('100000000'); // reservation released
  });
});

describe("sessions: 'krx'", () => {
  it('queues a real order in the pre-open auction and fills it when continuous trading starts', async () => {
    sim = await startSim({ sessions: 'krx', startTime: kstToEpoch(2026, 3, 4, 8, 50, 0) });
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const r = await kisPost(sim, cred, token, PATHS.orderCash, 'TTTC0012U', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '01',
      ORD_QTY: '4',
      ORD_UNPR: '0',
    });
    expect(r.json.rt_cd).toBe('0');
    sim.control.advance(9 * 60_000);
    expect(sim.market.get('005930')!.volume).toBe(0); // still the auction: no trades
    sim.control.advance(2 * 60_000);
    const account = sim.credentials.real;
    const pos = await kisGet(sim, account, token, PATHS.balance, 'TTTC8434R', {
      CANO: account.cano,
      ACNT_PRDT_CD: '01',
      AFHR_FLPR_YN: 'N',
      OFL_YN: '',
      INQR_DVSN: '02',
      UNPR_DVSN: '01',
      FUND_STTL_ICLD_YN: 'N',
      FNCG_AMT_AUTO_RDPT_YN: 'N',
      PRCS_DVSN: '00',
      CTX_AREA_FK100: '',
      CTX_AREA_NK100: '',
    });
    expect((pos.json.output1 as Json[]).map((x) => [x.pdno, x.hldg_qty])).toEqual([['005930', '4']]);
  });

  it('refuses paper orders before 09:00 with 40570000 over REST', async () => {
    sim = await startSim({ sessions: 'krx', startTime: kstToEpoch(2026, 3, 4, 8, 0, 0) });
    const cred = sim.credentials.paper;
    const token = await issueToken(sim, cred);
    const r = await kisPost(sim, cred, token, PATHS.orderCash, 'VTTC0012U', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    });
    expect(r.json).toEqual({ rt_cd: '1', msg_cd: '40570000', msg1: '모의투자 장시작전 입니다.' });
  });
});

describe('/__sim admin endpoints', () => {
  it('advances the manual clock, pauses/resumes the feed, sets burst mode and lists credentials', async () => {
    sim = await startSim();
    const admin = (op: string, body?: unknown) =>
      httpRequest(
        `${sim!.adminUrl}/${op}`,
        body === undefined ? 'GET' : 'POST',
        { 'Content-Type': 'application/json' },
        body === undefined ? undefined : JSON.stringify(body),
      );
    const creds = await admin('credentials');
    expect(creds.json.real.appKey).toBe(sim.credentials.real.appKey);
    expect(creds.json.paper.accountNo).toBe(sim.credentials.paper.accountNo);
    const start = sim.clock.now();
    expect((await admin('advance', { ms: 1000 })).json.now).toBe(start + 1000);
    await admin('pause', {});
    const volume = sim.market.get('005930')!.volume;
    await admin('advance', { ms: 10_000 });
    expect(sim.market.get('005930')!.volume).toBe(volume);
    await admin('resume', {});
    await admin('advance', { ms: 10_000 });
    expect(sim.market.get('005930')!.volume).toBeGreaterThan(volume);
    await admin('burst', { ticksPerSecond: 4700 });
    const p = await WsProbe.open(`${sim.wsUrl}/tryitout`);
    probes.push(p);
    await p.register(sim.credentials.real.approvalKey, 'H0STCNT0', '005930');
    sim.control.advance(1000);
    await p.register(sim.credentials.real.approvalKey, 'H0STCNT0', '005930'); // OPSP0002 flushes
    const records = p.messages
      .filter((m) => m.startsWith('0|H0STCNT0|'))
      .reduce((sum, m) => sum + Number(m.split('|')[2]), 0);
    // 4,700 burst ticks/s over 47 listings = 100 per symbol per second, plus normal activity.
    expect(records).toBeGreaterThanOrEqual(100);
    const status = await admin('status');
    expect(status.json.burstTicksPerSecond).toBe(4700);
    expect(status.json.webSocketSessions).toBe(1);
    expect((await admin('fail-next', { count: 2, mode: 'egw00201' })).json.pending).toBe(2);
    expect((await admin('fail-next', { count: 1, mode: 'bogus' })).status).toBe(400);
    expect((await admin('nope', {})).status).toBe(404);
    expect((await admin('drop-websockets', {})).json.dropped).toBe(1);
    expect(await p.closed).toBe(1006);
  });
});
