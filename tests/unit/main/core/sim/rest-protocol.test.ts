/** REST protocol of the simulator, asserted field by field against kis-protocol.md §2–§5, §12. */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isOnTick, priceLimits } from '../../../../../src/shared/domain/krx';
import type { KisSimulator } from '../../../../../src/main/core/sim';
import { PATHS, httpRequest, issueToken, kisGet, kisHeaders, kisPost, startSim, type Json } from './helpers';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
let sim: KisSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function expectEnvelope(body: Json): void {
  expect(typeof body.rt_cd).toBe('string');
  expect(typeof body.msg_cd).toBe('string');
  expect(typeof body.msg1).toBe('string');
  for (const k of Object.keys(body)) expect(k).toMatch(IDENT);
}

/** Every leaf value of a KIS body is a string. */
function expectAllStrings(value: unknown, where = 'body'): void {
  if (Array.isArray(value)) value.forEach((v, i) => expectAllStrings(v, `${where}[${i}]`));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) expectAllStrings(v, `${where}.${k}`);
  else expect(typeof value, where).toBe('string');
}

const priceQuery = { FID_COND_MRKT_DIV_CODE: 'J', FID_INPUT_ISCD: '005930' };

describe('OAuth: tokenP / revokeP / Approval / hashkey', () => {
  it('issues a token with a numeric expires_in and a KST expiry text', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    expect(cred.appKey).toHaveLength(36);
    expect(cred.appSecret).toHaveLength(180);
    expect(cred.cano).toMatch(/^\d{8}$/);
    expect(cred.acntPrdtCd).toBe('01');
    const r = await httpRequest(
      `${sim.restUrl}/oauth2/tokenP`,
      'POST',
      { 'Content-Type': 'application/json' }, // no charset, like the official sample
      JSON.stringify({ grant_type: 'client_credentials', appkey: cred.appKey, appsecret: cred.appSecret }),
    );
    expect(r.status).toBe(200);
    expect(r.json.token_type).toBe('Bearer');
    expect(r.json.expires_in).toBe(86400);
    // Manual clock starts 2026-03-04 10:00:00 KST; 24 h later:
    expect(r.json.access_token_token_expired).toBe('2026-03-05 10:00:00');
    expect(typeof r.json.access_token).toBe('string');
  });

  it('refuses a second issuance within a minute with HTTP 403 EGW00133 and returns the same token within 6 h', async () => {
    sim = await startSim();
    const cred = sim.credentials.paper;
    const body = JSON.stringify({
      grant_type: 'client_credentials',
      appkey: cred.appKey,
      appsecret: cred.appSecret,
    });
    const first = await httpRequest(
      `${sim.restUrl}/oauth2/tokenP`,
      'POST',
      { 'Content-Type': 'application/json' },
      body,
    );
    sim.control.advance(30_000);
    const second = await httpRequest(
      `${sim.restUrl}/oauth2/tokenP`,
      'POST',
      { 'Content-Type': 'application/json' },
      body,
    );
    expect(second.status).toBe(403);
    expect(second.json).toEqual({
      error_description: '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)',
      error_code: 'EGW00133',
    });
    sim.control.advance(31_000);
    const third = await httpRequest(
      `${sim.restUrl}/oauth2/tokenP`,
      'POST',
      { 'Content-Type': 'application/json' },
      body,
    );
    expect(third.status).toBe(200);
    expect(third.json.access_token).toBe(first.json.access_token);
    expect(third.json.access_token_token_expired).toBe(first.json.access_token_token_expired);
    expect(third.json.expires_in).toBe(86400 - 61);
    sim.control.pause(); // no market activity needed for six hours of token time
    sim.control.advance(6 * 3600_000);
    const later = await httpRequest(
      `${sim.restUrl}/oauth2/tokenP`,
      'POST',
      { 'Content-Type': 'application/json' },
      body,
    );
    expect(later.json.access_token).not.toBe(first.json.access_token);
  });

  it('answers EGW00123 once the token lifetime has passed, and after expireAllTokens', async () => {
    sim = await startSim({ tokenLifetimeSec: 120 });
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const okRes = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(okRes.json.rt_cd).toBe('0');
    sim.control.advance(120_000);
    const expired = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(expired.status).toBe(500);
    expect(expired.json.msg_cd).toBe('EGW00123');
    expect(expired.json.rt_cd).toBe('1');

    const fresh = await issueToken(sim, cred);
    expect((await kisGet(sim, cred, fresh, PATHS.price, 'FHKST01010100', priceQuery)).json.rt_cd).toBe('0');
    sim.control.expireAllTokens();
    expect((await kisGet(sim, cred, fresh, PATHS.price, 'FHKST01010100', priceQuery)).json.msg_cd).toBe(
      'EGW00123',
    );
  });

  it('keeps tokens valid across a restart with the same seed (HMAC-signed, §12)', async () => {
    sim = await startSim({ seed: 'restart' });
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    await sim.close();
    sim = await startSim({ seed: 'restart' });
    expect(sim.credentials.real.appKey).toBe(cred.appKey);
    const r = await kisGet(sim, sim.credentials.real, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(r.json.rt_cd).toBe('0');
    await sim.close();
    sim = await startSim({ seed: 'other-seed' });
    const other = sim.credentials.real;
    const bad = await kisGet(sim, other, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(bad.json.msg_cd).toBe('EGW00121');
  });

  it('revokes a token (revokeP) so it is no longer accepted', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const r = await httpRequest(
      `${sim.restUrl}/oauth2/revokeP`,
      'POST',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ appkey: cred.appKey, appsecret: cred.appSecret, token }),
    );
    expect(r.status).toBe(200);
    expect(r.json.code).toBe('200');
    expect((await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery)).json.msg_cd).toBe(
      'EGW00121',
    );
  });

  it('issues the approval key for `secretkey` and explains the appsecret mistake', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const good = await httpRequest(
      `${sim.restUrl}/oauth2/Approval`,
      'POST',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ grant_type: 'client_credentials', appkey: cred.appKey, secretkey: cred.appSecret }),
    );
    expect(good.status).toBe(200);
    expect(good.json.approval_key).toBe(cred.approvalKey);
    expect(good.json.approval_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const wrong = await httpRequest(
      `${sim.restUrl}/oauth2/Approval`,
      'POST',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ grant_type: 'client_credentials', appkey: cred.appKey, appsecret: cred.appSecret }),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.json.error_code).toBe('EGW00104');
    expect(wrong.json.error_description).toContain('secretkey');
  });

  it('hashkey echoes the body with HASH, and an order with a wrong hashkey is refused', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const order = JSON.stringify({
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    });
    const hk = await httpRequest(
      `${sim.restUrl}/uapi/hashkey`,
      'POST',
      { 'content-type': 'application/json; charset=utf-8', appkey: cred.appKey, appsecret: cred.appSecret },
      order,
    );
    expect(hk.status).toBe(200);
    expect(hk.json.BODY.PDNO).toBe('005930');
    expect(typeof hk.json.HASH).toBe('string');
    const withGood = await httpRequest(
      `${sim.restUrl}${PATHS.orderCash}`,
      'POST',
      kisHeaders(cred, token, 'TTTC0012U', { hashkey: hk.json.HASH as string }),
      order,
    );
    expect(withGood.json.rt_cd).toBe('0');
    const withBad = await httpRequest(
      `${sim.restUrl}${PATHS.orderCash}`,
      'POST',
      kisHeaders(cred, token, 'TTTC0012U', { hashkey: 'nope' }),
      order,
    );
    expect(withBad.json.rt_cd).toBe('1');
    expect(withBad.json.msg_cd).toBe('EGW00150');
  });
});

describe('REST gateway checks and headers', () => {
  it('sends lower-case tr_id/tr_cont/gt_uid and mixed-case Content-Type on the wire', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const r = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(r.rawHeaders).toContain('Content-Type');
    expect(r.rawHeaders).not.toContain('content-type');
    expect(r.rawHeaders).toContain('tr_id');
    expect(r.rawHeaders).toContain('tr_cont');
    expect(r.rawHeaders).toContain('gt_uid');
    for (const name of r.rawHeaders) if (name === name.toLowerCase()) expect(name).toMatch(IDENT);
    expect(r.headers['tr_id']).toBe('FHKST01010100');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('maps each header mistake to its EGW code', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const url = `${sim.restUrl}${PATHS.price}?FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930`;
    const base = kisHeaders(cred, token, 'FHKST01010100');
    const call = async (h: Record<string, string>): Promise<Json> => {
      const r = await httpRequest(url, 'GET', h);
      expectEnvelope(r.json);
      expect(r.json.rt_cd).toBe('1');
      return r.json;
    };
    const { appkey: _a, ...noAppKey } = base;
    expect((await call(noAppKey)).msg_cd).toBe('EGW00102');
    expect((await call({ ...base, appkey: `PS${'x'.repeat(34)}` })).msg_cd).toBe('EGW00103');
    const { appsecret: _s, ...noSecret } = base;
    expect((await call(noSecret)).msg_cd).toBe('EGW00104');
    expect((await call({ ...base, appsecret: 'y'.repeat(180) })).msg_cd).toBe('EGW00105');
    expect((await call({ ...base, authorization: token })).msg_cd).toBe('EGW00205');
    expect((await call({ ...base, authorization: 'Bearer garbage.token.here' })).msg_cd).toBe('EGW00121');
    expect((await call({ ...base, custtype: 'X' })).msg_cd).toBe('EGW00208');
    expect((await call({ ...base, tr_id: 'TTTC8434R' })).msg_cd).toBe('EGW00202');
  });

  it('enforces paper/real TR ids, refuses legacy ids and real-only TRs on paper', async () => {
    sim = await startSim({ rateLimit: false });
    const real = sim.credentials.real;
    const paper = sim.credentials.paper;
    const rt = await issueToken(sim, real);
    const pt = await issueToken(sim, paper);
    const bal = (cano: string) => ({
      CANO: cano,
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
    const realWithPaperId = await kisGet(sim, real, rt, PATHS.balance, 'VTTC8434R', bal(real.cano));
    expect(realWithPaperId.status).toBe(500);
    expect(realWithPaperId.json.msg_cd).toBe('EGW02007');
    const paperWithRealId = await kisGet(sim, paper, pt, PATHS.balance, 'TTTC8434R', bal(paper.cano));
    expect(paperWithRealId.json.msg_cd).toBe('EGW02004');
    const paperOk = await kisGet(sim, paper, pt, PATHS.balance, 'VTTC8434R', bal(paper.cano));
    expect(paperOk.json.rt_cd).toBe('0');
    const rv = {
      CANO: paper.cano,
      ACNT_PRDT_CD: '01',
      CTX_AREA_FK100: '',
      CTX_AREA_NK100: '',
      INQR_DVSN_1: '0',
      INQR_DVSN_2: '0',
    };
    const paperRvsecncl = await kisGet(sim, paper, pt, PATHS.psblRvsecncl, 'VTTC0084R', rv);
    expect(paperRvsecncl.status).toBe(500);
    expect(paperRvsecncl.json.msg_cd).toBe('EGW02006');
    expect(paperRvsecncl.json.msg1).toBe('모의투자 TR 이 아닙니다.');
    const legacy = await kisPost(sim, real, rt, PATHS.orderCash, 'TTTC0802U', {
      CANO: real.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    });
    expect(legacy.json.rt_cd).toBe('1');
    expect(legacy.json.msg1).toContain('TTTC0802U');
  });

  it('validates parameters with KIS-style envelopes', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const noCode = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', {
      FID_COND_MRKT_DIV_CODE: 'J',
    });
    expectEnvelope(noCode.json);
    expect(noCode.json).toEqual({
      rt_cd: '1',
      msg_cd: 'OPSQ2001',
      msg1: 'ERROR : INPUT FIELD NOT FOUND [FID_INPUT_ISCD]',
    });
    const badMarket = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', {
      ...priceQuery,
      FID_COND_MRKT_DIV_CODE: 'Z',
    });
    expect(badMarket.json.msg_cd).toBe('OPSQ2001');
    const unknown = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', {
      ...priceQuery,
      FID_INPUT_ISCD: '999999',
    });
    expect(unknown.json.msg_cd).toBe('APBK0656');
    const numeric = await httpRequest(
      `${sim.restUrl}${PATHS.orderCash}`,
      'POST',
      kisHeaders(cred, token, 'TTTC0012U'),
      JSON.stringify({
        CANO: cred.cano,
        ACNT_PRDT_CD: '01',
        PDNO: '005930',
        ORD_DVSN: '01',
        ORD_QTY: 1,
        ORD_UNPR: '0',
      }),
    );
    expect(numeric.json.msg_cd).toBe('OPSQ2002');
    expect(numeric.json.msg1).toContain('ORD_QTY');
    const badJson = await httpRequest(
      `${sim.restUrl}${PATHS.orderCash}`,
      'POST',
      kisHeaders(cred, token, 'TTTC0012U'),
      '{nope',
    );
    expect(badJson.json.msg_cd).toBe('OPSQ9999');
    const wrongAccount = await kisPost(sim, cred, token, PATHS.orderCash, 'TTTC0012U', {
      CANO: '12345678',
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '01',
      ORD_QTY: '1',
      ORD_UNPR: '0',
    });
    expect(wrongAccount.json.msg_cd).toBe('OPSQ2000');
  });

  it('rate-limits per app key in a sliding second: paper 2/s, real 20/s (HTTP 500 EGW00201)', async () => {
    sim = await startSim();
    const paper = sim.credentials.paper;
    const token = await issueToken(sim, paper);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await kisGet(sim, paper, token, PATHS.price, 'FHKST01010100', priceQuery)).json.msg_cd as string,
      );
    expect(codes).toEqual(['MCA00000', 'MCA00000', 'EGW00201']);
    const limited = await kisGet(sim, paper, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(limited.status).toBe(500);
    expect(limited.json).toEqual({ rt_cd: '1', msg_cd: 'EGW00201', msg1: '초당 거래건수를 초과하였습니다.' });
    sim.control.advance(1000);
    expect((await kisGet(sim, paper, token, PATHS.price, 'FHKST01010100', priceQuery)).json.rt_cd).toBe('0');

    const real = sim.credentials.real;
    const rt = await issueToken(sim, real);
    const realCodes: string[] = [];
    for (let i = 0; i < 21; i++)
      realCodes.push(
        (await kisGet(sim, real, rt, PATHS.price, 'FHKST01010100', priceQuery)).json.rt_cd as string,
      );
    expect(realCodes.filter((c) => c === '0')).toHaveLength(20);
    expect(realCodes[20]).toBe('1');
  });

  it('injects faults: HTTP 500, EGW00201 and a hung request', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    sim.control.failNext(1, 'http500');
    sim.control.failNext(1, 'egw00201');
    const a = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(a.status).toBe(500);
    expect(a.text).toContain('Internal Server Error');
    const b = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(b.json.msg_cd).toBe('EGW00201');
    sim.control.failNext(1, 'timeout');
    const controller = new AbortController();
    const hung = fetch(`${sim.restUrl}${PATHS.price}?FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930`, {
      headers: kisHeaders(cred, token, 'FHKST01010100'),
      signal: controller.signal,
    });
    // Wait until the server has taken the fault for the fetch (its queue is then empty).
    for (;;) {
      const st = await httpRequest(`${sim.adminUrl}/status`, 'GET', {});
      if ((st.json.pendingFailures as string[]).length === 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    // The hung request is still pending while the next one is answered normally.
    const c = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery);
    expect(c.json.rt_cd).toBe('0');
    controller.abort();
    await expect(hung).rejects.toThrow();
    const status = await httpRequest(`${sim.adminUrl}/status`, 'GET', {});
    expect(status.json.ok).toBe(true);
    expect(status.json.pendingFailures).toEqual([]);
  });
});

describe('quotations', () => {
  it('inquire-price: strings only, on-tick price inside the limits, consistent change', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    sim.control.advance(120_000);
    const r = await kisGet(sim, cred, token, PATHS.price, 'FHKST01010100', priceQuery);
    expectEnvelope(r.json);
    expectAllStrings(r.json);
    const o = r.json.output as Json;
    const price = Number(o.stck_prpr);
    const base = Number(o.stck_sdpr);
    const limits = priceLimits(base);
    expect(base).toBe(97000); // listings.json refPrice of 005930
    expect(Number(o.stck_mxpr)).toBe(limits.upper);
    expect(Number(o.stck_llam)).toBe(limits.lower);
    expect(isOnTick(price)).toBe(true);
    expect(price).toBeLessThanOrEqual(limits.upper);
    expect(price).toBeGreaterThanOrEqual(limits.lower);
    expect(Number(o.prdy_vrss)).toBe(price - base);
    expect(Number(o.aspr_unit)).toBe(100);
    expect(Number(o.acml_vol)).toBeGreaterThan(0);
    expect(Number(o.stck_hgpr)).toBeGreaterThanOrEqual(price);
    expect(Number(o.stck_lwpr)).toBeLessThanOrEqual(price);
    expect(o.stck_shrn_iscd).toBe('005930');
    expect(r.headers['tr_cont']).toBe('');
  });

  it('inquire-asking-price: 10 levels, best ask > best bid, positive quantities, totals add up', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    sim.control.advance(30_000);
    const r = await kisGet(sim, cred, token, PATHS.asking, 'FHKST01010200', {
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: '000660',
    });
    expectAllStrings(r.json);
    const b = r.json.output1 as Json;
    expect(Number(b.askp1)).toBeGreaterThan(Number(b.bidp1));
    let totalAsk = 0;
    let totalBid = 0;
    for (let i = 1; i <= 10; i++) {
      if (i > 1) expect(Number(b[`askp${i}`])).toBeGreaterThan(Number(b[`askp${i - 1}`]));
      if (i > 1) expect(Number(b[`bidp${i}`])).toBeLessThan(Number(b[`bidp${i - 1}`]));
      expect(isOnTick(Number(b[`askp${i}`]))).toBe(true);
      expect(Number(b[`askp_rsqn${i}`])).toBeGreaterThan(0);
      expect(Number(b[`bidp_rsqn${i}`])).toBeGreaterThan(0);
      totalAsk += Number(b[`askp_rsqn${i}`]);
      totalBid += Number(b[`bidp_rsqn${i}`]);
    }
    expect(Number(b.total_askp_rsqn)).toBe(totalAsk);
    expect(Number(b.total_bidp_rsqn)).toBe(totalBid);
    const o2 = r.json.output2 as Json;
    const last = Number(o2.stck_prpr);
    expect(last).toBeGreaterThanOrEqual(Number(b.bidp1) - 1000);
    expect(last).toBeLessThanOrEqual(Number(b.askp1) + 1000);
  });

  it('daily chart: ≤100 rows newest first inside [DATE_1, DATE_2], last history close = prev close', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const q = {
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: '005930',
      FID_INPUT_DATE_1: '20240101',
      FID_INPUT_DATE_2: '20260304',
      FID_PERIOD_DIV_CODE: 'D',
      FID_ORG_ADJ_PRC: '0',
    };
    const r = await kisGet(sim, cred, token, PATHS.daily, 'FHKST03010100', q);
    expectAllStrings(r.json);
    const rows = r.json.output2 as Json[];
    expect(rows).toHaveLength(100);
    expect(rows[0]?.stck_bsop_date).toBe('20260304');
    expect(rows[0]?.mod_yn).toBe('Y'); // no trade yet today: synthesized bar
    expect(rows[1]?.stck_bsop_date).toBe('20260303');
    expect(rows[1]?.stck_clpr).toBe('97000');
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.stck_bsop_date < rows[i - 1]!.stck_bsop_date).toBe(true);
    for (const row of rows) {
      expect(Number(row.stck_hgpr)).toBeGreaterThanOrEqual(
        Math.max(Number(row.stck_oprc), Number(row.stck_clpr)),
      );
      expect(Number(row.stck_lwpr)).toBeLessThanOrEqual(
        Math.min(Number(row.stck_oprc), Number(row.stck_clpr)),
      );
      expect(isOnTick(Number(row.stck_clpr))).toBe(true);
    }
    // Paging backwards per §3.3: DATE_2 = oldest date − 1 day.
    const oldest = rows[rows.length - 1]!.stck_bsop_date as string;
    const older = await kisGet(sim, cred, token, PATHS.daily, 'FHKST03010100', {
      ...q,
      FID_INPUT_DATE_2: String(Number(oldest) - 1),
    });
    const olderRows = older.json.output2 as Json[];
    expect(olderRows[0]!.stck_bsop_date < oldest).toBe(true);
    const window = await kisGet(sim, cred, token, PATHS.daily, 'FHKST03010100', {
      ...q,
      FID_INPUT_DATE_1: '20260223',
      FID_INPUT_DATE_2: '20260227',
    });
    expect((window.json.output2 as Json[]).map((x) => x.stck_bsop_date)).toEqual([
      '20260227',
      '20260226',
      '20260225',
      '20260224',
      '20260223',
    ]);
    const weekly = await kisGet(sim, cred, token, PATHS.daily, 'FHKST03010100', {
      ...q,
      FID_PERIOD_DIV_CODE: 'W',
    });
    const w = weekly.json.output2 as Json[];
    expect(w[0]!.stck_bsop_date).toBe('20260302'); // Monday of the current week
    expect(w[1]!.stck_bsop_date).toBe('20260223');
    const monthly = await kisGet(sim, cred, token, PATHS.daily, 'FHKST03010100', {
      ...q,
      FID_PERIOD_DIV_CODE: 'M',
    });
    expect((monthly.json.output2 as Json[])[0]!.stck_bsop_date).toBe('20260302');
    expect((monthly.json.output2 as Json[])[1]!.stck_bsop_date).toBe('20260202');
    expect((monthly.json.output2 as Json[]).length).toBeGreaterThanOrEqual(24);
  });

  it('minute chart: up to 30 bars newest first at or before FID_INPUT_HOUR_1', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    sim.control.advance(45 * 60_000); // 10:00 → 10:45 KST
    const r = await kisGet(sim, cred, token, PATHS.minute, 'FHKST03010200', {
      FID_ETC_CLS_CODE: '',
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: '005930',
      FID_INPUT_HOUR_1: '103000',
      FID_PW_DATA_INCU_YN: 'Y',
    });
    const rows = r.json.output2 as Json[];
    expect(rows).toHaveLength(30);
    expect(rows[0]!.stck_cntg_hour).toBe('103000');
    expect(rows[29]!.stck_cntg_hour).toBe('100100');
    for (const row of rows) {
      expect(row.stck_bsop_date).toBe('20260304');
      expect(Number(row.stck_hgpr)).toBeGreaterThanOrEqual(Number(row.stck_prpr));
      expect(Number(row.stck_lwpr)).toBeLessThanOrEqual(Number(row.stck_prpr));
    }
    const future = await kisGet(sim, cred, token, PATHS.minute, 'FHKST03010200', {
      FID_ETC_CLS_CODE: '',
      FID_COND_MRKT_DIV_CODE: 'J',
      FID_INPUT_ISCD: '005930',
      FID_INPUT_HOUR_1: '235959',
      FID_PW_DATA_INCU_YN: 'Y',
    });
    expect((future.json.output2 as Json[])[0]!.stck_cntg_hour).toBe('104400');
    expect((future.json.output1 as Json).hts_kor_isnm).toBe('삼성전자');
  });

  it('intstock-multprice returns one row per requested symbol; overseas price answers for US symbols', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const r = await kisGet(sim, cred, token, PATHS.multi, 'FHKST11300006', {
      FID_COND_MRKT_DIV_CODE_1: 'J',
      FID_INPUT_ISCD_1: '005930',
      FID_COND_MRKT_DIV_CODE_2: 'J',
      FID_INPUT_ISCD_2: '069500',
    });
    const rows = r.json.output as Json[];
    expect(rows.map((x) => [x.inter_shrn_iscd, x.inter_kor_isnm])).toEqual([
      ['005930', '삼성전자'],
      ['069500', 'KODEX 200'],
    ]);
    expect(Number(rows[1]!.inter2_prpr) % 5).toBe(0);
    const us = await kisGet(sim, cred, token, PATHS.overseas, 'HHDFS00000300', {
      AUTH: '',
      EXCD: 'NAS',
      SYMB: 'AAPL',
    });
    expect(us.json.rt_cd).toBe('0');
    expect((us.json.output as Json).rsym).toBe('DNASAAPL');
    expect((us.json.output as Json).zdiv).toBe('4');
    expect((us.json.output as Json).last).toMatch(/^\d+\.\d{4}$/);
  });

  it('decodes + as space in query strings (ctx keys round-trip)', async () => {
    sim = await startSim({ rateLimit: false });
    const cred = sim.credentials.real;
    const token = await issueToken(sim, cred);
    const r = await httpRequest(
      `${sim.restUrl}${PATHS.price}?FID_COND_MRKT_DIV_CODE=J&FID_INPUT_ISCD=005930+`,
      'GET',
      kisHeaders(cred, token, 'FHKST01010100'),
    );
    // "005930 " (with the decoded space) is not a listing: proves '+' became a space, not kept.
    expect(r.json.msg1).toContain('005930 ');
  });

  it('serves "//oauth2/tokenP" (a base URL with a trailing slash, as the official sample builds it)', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const { port } = new URL(sim.restUrl);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: Number(port),
          path: '//oauth2/tokenP',
          method: 'POST',
          agent: false,
          headers: { 'Content-Type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(
        JSON.stringify({ grant_type: 'client_credentials', appkey: cred.appKey, appsecret: cred.appSecret }),
      );
    });
    expect(status).toBe(200);
  });

  it('refuses a non-loopback host', async () => {
    await expect(startSim({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
