import { afterEach, describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS } from '../../../../../../src/main/core/kis/kis-client';
import {
  KisApiError,
  KisNetworkError,
  KisPaperUnsupportedError,
  KisRateLimitError,
  KisTokenError,
} from '../../../../../../src/main/core/kis/errors';
import type { KisClient } from '../../../../../../src/main/core/kis/kis-client';
import { RateLimiter } from '../../../../../../src/main/core/kis/rest/rate-limiter';
import { TR } from '../../../../../../src/main/core/kis/tr-ids';
import {
  TOKEN_PATH,
  flush,
  kisError,
  ok,
  startFakeKis,
  tokenReply,
  waitFor,
  type FakeKisServer,
  type FakeReply,
} from '../helpers';
import { makeClient, withToken } from './stack';

const PRICE = '/uapi/domestic-stock/v1/quotations/inquire-price';
const ORDER = '/uapi/domestic-stock/v1/trading/order-cash';
const BALANCE = '/uapi/domestic-stock/v1/trading/inquire-balance';

let server: FakeKisServer | undefined;
let client: KisClient | undefined;
afterEach(async () => {
  client?.dispose();
  client = undefined;
  await server?.close();
  server = undefined;
});

const quoteBody = {
  output: { stck_prpr: '71000', prdy_vrss: '500', prdy_vrss_sign: '2', prdy_ctrt: '0.71' },
};

describe('REST headers and envelope', () => {
  it('sends the §2.5 headers and parses HTTP 200 bodies', async () => {
    server = await startFakeKis(withToken(() => ok(quoteBody)));
    ({ client } = makeClient(server.url));
    const q = await client.rest.getQuote('005930');
    expect(q.price).toBe(71_000);
    const [req] = server.to(PRICE);
    expect(req!.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      authorization: 'Bearer TOKEN-1',
      appkey: 'APPKEY',
      appsecret: 'APPSECRET',
      tr_id: 'FHKST01010100',
      custtype: 'P',
      tr_cont: '',
    });
    expect(req!.query.get('FID_INPUT_ISCD')).toBe('005930');
    expect(req!.query.get('FID_COND_MRKT_DIV_CODE')).toBe('J');
  });

  /** §4.1: every listed code → the right class and a plain hint. */
  const TABLE: Array<[code: string, status: number, cls: typeof KisApiError, hint: RegExp]> = [
    ['EGW00201', 500, KisRateLimitError, /per second/],
    ['EGW00215', 500, KisRateLimitError, /account\/order/],
    ['EGW00121', 500, KisTokenError, /invalid/],
    ['EGW00122', 500, KisTokenError, /not found/],
    ['EGW00123', 500, KisTokenError, /expired/],
    ['EGW00102', 500, KisApiError, /App key missing/],
    ['EGW00103', 500, KisApiError, /App key invalid/],
    ['EGW00104', 500, KisApiError, /App secret missing/],
    ['EGW00105', 500, KisApiError, /App secret invalid/],
    ['EGW00205', 500, KisApiError, /Bearer/],
    ['EGW00206', 500, KisApiError, /No permission/],
    ['EGW00208', 500, KisApiError, /custtype/],
    ['EGW00202', 500, KisApiError, /routing/],
    ['EGW00301', 500, KisApiError, /check daily orders/],
    ['EGW00302', 500, KisApiError, /check daily orders/],
    ['EGW02004', 500, KisApiError, /paper app key/],
    ['EGW02006', 500, KisPaperUnsupportedError, /not offered on the paper/],
    ['EGW02007', 500, KisApiError, /real app key/],
    ['OPSQ2000', 200, KisApiError, /Invalid account/],
    ['OPSQ2001', 200, KisApiError, /market code/],
    ['OPSQ2002', 200, KisApiError, /wrong length/],
    ['OPSQ9995', 200, KisApiError, /could not parse/],
    ['APBK0656', 200, KisApiError, /No such product/],
    ['APBK1664', 200, KisApiError, /overseas market is closed/],
    ['40570000', 200, KisApiError, /not opened yet/],
    ['40580000', 200, KisApiError, /market is closed/],
    ['90000000', 200, KisPaperUnsupportedError, /not offered in paper/],
  ];

  it.each(TABLE)('%s (HTTP %i) → %o with a hint', async (code, status, cls, hint) => {
    server = await startFakeKis(withToken(() => kisError(code, `메시지 ${code}  `, status)));
    ({ client } = makeClient(server.url, { maxRateLimitRetries: 0 }));
    // A POST is never replayed, so the mapping is seen for exactly one response.
    const err = await client.transport
      .call({
        method: 'POST',
        path: ORDER,
        trId: TR.orderCashBuy,
        body: {},
        priority: 'order',
        idempotent: false,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    const e = err as KisApiError;
    expect(e.constructor).toBe(cls);
    expect([e.msgCd, e.msg1, e.trId, e.httpStatus]).toEqual([code, `메시지 ${code}`, 'TTTC0012U', status]);
    expect(e.hint).toMatch(hint);
    expect(e.message).toContain(code);
    expect(server.to(ORDER)).toHaveLength(1);
  });

  it('classifies overloaded APBK codes by their text', async () => {
    server = await startFakeKis(withToken(() => kisError('APBK0919', '주문가능금액을 초과 했습니다', 200)));
    ({ client } = makeClient(server.url));
    const out = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(out.outcome).toBe('rejected');
    expect(out.outcome === 'rejected' && (out.error as KisApiError).hint).toMatch(
      /Insufficient buying power/,
    );
  });

  it('reports an OAuth-style error_code envelope and a non-JSON 502 page', async () => {
    let n = 0;
    server = await startFakeKis(
      withToken(() =>
        n++ === 0
          ? { status: 403, body: { error_code: 'EGW00206', error_description: '권한 없음' } }
          : { status: 502, body: '<html>Bad Gateway</html>' },
      ),
    );
    ({ client } = makeClient(server.url));
    const a = (await client.rest.getQuote('005930').catch((e: unknown) => e)) as KisApiError;
    expect([a.msgCd, a.msg1, a.httpStatus]).toEqual(['EGW00206', '권한 없음', 403]);
    const b = (await client.rest.getQuote('005930').catch((e: unknown) => e)) as KisApiError;
    expect([b.msgCd, b.msg1, b.httpStatus]).toEqual(['HTTP502', '<html>Bad Gateway</html>', 502]);
  });
});

describe('retry policy', () => {
  it('reads: EGW00201 → backs off ≥1 s (doubling) and retries, bounded', async () => {
    const replies: FakeReply[] = [
      kisError('EGW00201', '초당 거래건수를 초과하였습니다.'),
      kisError('EGW00201', '초당'),
      ok(quoteBody),
    ];
    server = await startFakeKis(withToken(() => replies.shift()!));
    const made = makeClient(server.url);
    client = made.client;
    const pending = client.rest.getQuote('005930');
    await waitFor(() => made.clock.pendingTimers === 1 && server!.to(PRICE).length === 1, 'first backoff');
    await made.clock.advance(999);
    expect(server.to(PRICE)).toHaveLength(1);
    await made.clock.advance(1);
    await waitFor(() => made.clock.pendingTimers === 1 && server!.to(PRICE).length === 2, 'second backoff');
    await made.clock.advance(2000);
    expect((await pending).price).toBe(71_000);
    expect(server.to(PRICE)).toHaveLength(3);
    expect(made.clock.sleeps).toEqual([1000, 2000]);
  });

  it('reads: gives up with KisRateLimitError after maxRateLimitRetries', async () => {
    server = await startFakeKis(withToken(() => kisError('EGW00201', '초당 거래건수를 초과하였습니다.')));
    const made = makeClient(server.url, { maxRateLimitRetries: 2 });
    client = made.client;
    const pending = client.rest.getQuote('005930').catch((e: unknown) => e);
    for (let i = 1; i <= 2; i++) {
      await waitFor(
        () => made.clock.pendingTimers === 1 && server!.to(PRICE).length === i,
        () => `backoff ${i} (timers ${made.clock.pendingTimers}, reqs ${server!.to(PRICE).length})`,
      );
      await made.clock.advance(1000 * 2 ** (i - 1));
    }
    expect(await pending).toBeInstanceOf(KisRateLimitError);
    expect(server.to(PRICE)).toHaveLength(3);
  });

  it('reads: EGW00123 → invalidate, reissue (after the 1/min window) and replay once with the new token', async () => {
    let tokens = 0;
    server = await startFakeKis(
      withToken(
        (req) =>
          req.headers.authorization === 'Bearer OLD'
            ? kisError('EGW00123', '기간이 만료된 token 입니다.')
            : ok(quoteBody),
        () => tokenReply(tokens++ === 0 ? 'OLD' : 'NEW'),
      ),
    );
    const made = makeClient(server.url);
    client = made.client;
    const pending = client.rest.getQuote('005930');
    await waitFor(() => made.clock.pendingTimers === 1, 'the issuance window');
    await made.clock.advance(61_000);
    expect((await pending).price).toBe(71_000);
    expect(server.to(PRICE).map((r) => r.headers.authorization)).toEqual(['Bearer OLD', 'Bearer NEW']);
    expect(server.to(TOKEN_PATH)).toHaveLength(2);
  });

  it('reads: a second token rejection is not replayed again', async () => {
    server = await startFakeKis(withToken(() => kisError('EGW00121', '유효하지 않은 token 입니다.')));
    const made = makeClient(server.url, { tokenIssueIntervalMs: 0 });
    client = made.client;
    const err = await client.rest.getQuote('005930').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KisTokenError);
    expect(server.to(PRICE)).toHaveLength(2);
  });

  it('orders: EGW00201 → exactly one request, outcome rejected (nothing was queued by KIS)', async () => {
    server = await startFakeKis(withToken(() => kisError('EGW00201', '초당 거래건수를 초과하였습니다.')));
    ({ client } = makeClient(server.url));
    const out = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(out.outcome).toBe('rejected');
    expect(out.outcome === 'rejected' && out.error).toBeInstanceOf(KisRateLimitError);
    await flush();
    expect(server.to(ORDER)).toHaveLength(1);
  });

  it('orders: expired token → exactly one request, rejected; the next call uses a new token', async () => {
    let tokens = 0;
    server = await startFakeKis(
      withToken(
        (req) =>
          req.headers.authorization === 'Bearer OLD'
            ? kisError('EGW00123', '기간이 만료된 token 입니다.')
            : ok({ output: { KRX_FWDG_ORD_ORGNO: '06010', ODNO: '0000012345', ORD_TMD: '093015' } }),
        () => tokenReply(tokens++ === 0 ? 'OLD' : 'NEW'),
      ),
    );
    ({ client } = makeClient(server.url, { tokenIssueIntervalMs: 0 }));
    const first = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(first.outcome).toBe('rejected');
    expect(first.outcome === 'rejected' && first.error).toBeInstanceOf(KisTokenError);
    expect(server.to(ORDER)).toHaveLength(1);
    const second = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(second).toMatchObject({ outcome: 'accepted', orderNo: '0000012345' });
    expect(server.to(ORDER).map((r) => r.headers.authorization)).toEqual(['Bearer OLD', 'Bearer NEW']);
  });

  it('orders: a timeout after sending → exactly one request, outcome unknown', async () => {
    server = await startFakeKis(withToken((req) => (req.path === ORDER ? { hang: true } : ok({}))));
    ({ client } = makeClient(server.url, { timeoutMs: 150 }));
    const out = await client.rest.placeOrder({ side: 'sell', code: '005930', qty: 2, price: 72_000 });
    expect(out.outcome).toBe('unknown');
    expect(out.outcome === 'unknown' && out.error).toBeInstanceOf(KisNetworkError);
    expect(out.outcome === 'unknown' && out.reconcileFrom).toBe('20260305');
    expect(server.to(ORDER)).toHaveLength(1);
  });

  it('orders: a dropped connection → unknown; EGW00301 → unknown; connection refused → rejected (never sent)', async () => {
    const replies: FakeReply[] = [{ destroy: true }, kisError('EGW00301', '연결시간이 초과되었습니다')];
    server = await startFakeKis(withToken(() => replies.shift() ?? ok({})));
    ({ client } = makeClient(server.url));
    const dropped = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(dropped.outcome).toBe('unknown');
    const gw = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(gw.outcome).toBe('unknown');
    expect(gw.outcome === 'unknown' && (gw.error as KisApiError).msgCd).toBe('EGW00301');
    expect(server.to(ORDER)).toHaveLength(2);
    const url = server.url;
    await client.rest.getQuote('005930').catch(() => undefined); // token cached
    await server.close();
    server = undefined;
    client.dispose();
    const refused = makeClient(url);
    client = refused.client;
    // The token comes from a fresh store, so the refusal happens at tokenP: still never sent.
    const out = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(out.outcome).toBe('rejected');
    expect(out.outcome === 'rejected' && (out.error as KisNetworkError).requestSent).toBe(false);
  });

  it('orders: an answer without a KIS envelope (HTTP 200, not JSON) → unknown', async () => {
    server = await startFakeKis(withToken(() => ({ status: 200, body: '<html>proxy</html>' })));
    ({ client } = makeClient(server.url));
    const out = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(out.outcome).toBe('unknown');
    expect(out.outcome === 'unknown' && (out.error as KisApiError).msgCd).toBe('HTTP200');
    expect(server.to(ORDER)).toHaveLength(1);
  });

  it('reads: one resend after a dropped connection; a second drop is reported', async () => {
    const replies: FakeReply[] = [{ destroy: true }, ok(quoteBody), { destroy: true }, { destroy: true }];
    server = await startFakeKis(withToken(() => replies.shift()!));
    ({ client } = makeClient(server.url));
    expect((await client.rest.getQuote('005930')).price).toBe(71_000);
    expect(server.to(PRICE)).toHaveLength(2);
    const err = await client.rest.getQuote('005930').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KisNetworkError);
    expect((err as KisNetworkError).requestSent).toBe(true);
    expect(server.to(PRICE)).toHaveLength(4);
  });

  it('orders: invalid quantities and prices are refused before anything is sent', async () => {
    server = await startFakeKis(withToken(() => ok({})));
    ({ client } = makeClient(server.url));
    expect(
      (await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 0, price: 71_000 })).outcome,
    ).toBe('rejected');
    expect(
      (await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1.5, price: 71_000 })).outcome,
    ).toBe('rejected');
    expect((await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 0 })).outcome).toBe(
      'rejected',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('paper: real-only TRs are refused before sending', async () => {
    server = await startFakeKis(withToken(() => ok({})));
    ({ client } = makeClient(server.url, { paperLike: true }));
    const err = await client.transport
      .call({ method: 'GET', path: '/x', trId: TR.openOrders, priority: 'account', idempotent: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KisPaperUnsupportedError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('rate limiting against the server', () => {
  it('never lets more than the limit reach the server per window; orders jump queued quotes', async () => {
    server = await startFakeKis(
      withToken((req) =>
        req.path === ORDER
          ? ok({ output: { ODNO: '0000000001', KRX_FWDG_ORD_ORGNO: '06010', ORD_TMD: '090000' } })
          : ok(quoteBody),
      ),
    );
    const made = makeClient(server.url, { requestsPerSecond: 2 });
    client = made.client;
    await client.tokens.getToken();
    const api = (): number => server!.requests.filter((r) => r.path !== TOKEN_PATH).length;
    const quotes = Array.from({ length: 6 }, () => client!.rest.getQuote('005930'));
    await waitFor(() => api() === 2, 'first window');
    const order = client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    await flush(20);
    expect(api()).toBe(2);
    await made.clock.advance(RATE_WINDOW_MS);
    await waitFor(() => api() === 4, 'second window');
    await flush(20);
    expect(api()).toBe(4);
    // The order was queued after six quotes but goes out in the next window, first.
    expect(server.requests.filter((r) => r.path !== TOKEN_PATH)[2]!.path).toBe(ORDER);
    await made.clock.advance(RATE_WINDOW_MS);
    await waitFor(() => api() === 6, 'third window');
    await made.clock.advance(RATE_WINDOW_MS);
    await Promise.all([...quotes, order]);
    expect(api()).toBe(7);
  });
});

describe('shared limiter', () => {
  it('two clients of one app key share one budget; disposing one leaves the limiter to the other', async () => {
    server = await startFakeKis(withToken(() => ok(quoteBody)));
    const made = makeClient(server.url);
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, clock: made.clock });
    made.client.dispose();
    const a = makeClient(server.url, { clock: made.clock, limiter });
    const b = makeClient(server.url, { clock: made.clock, limiter });
    client = a.client;
    await Promise.all([a.client.tokens.getToken(), b.client.tokens.getToken()]);
    const quotes = () => server!.to(PRICE).length;
    const pending = [a.client, b.client, a.client, b.client].map((c) => c.rest.getQuote('005930'));
    await waitFor(() => quotes() === 2, 'the first window');
    await flush(20);
    expect(quotes()).toBe(2);
    const bQueued = pending[3]!.catch((e: Error) => e.name);
    b.client.dispose();
    // The disposed client's queued request is aborted; its place goes to the other client.
    expect(await bQueued).toBe('AbortError');
    await made.clock.advance(1000);
    await waitFor(() => quotes() === 3, 'the second window');
    await expect(pending[0]).resolves.toMatchObject({ price: 71_000 });
    await expect(pending[2]).resolves.toMatchObject({ price: 71_000 });
    limiter.dispose();
  });
});

describe('tr_cont paging', () => {
  const FK = 'FK-KEY-1' + ' '.repeat(12);
  it('follows M/F with tr_cont N and the CTX keys verbatim, stops at D', async () => {
    server = await startFakeKis(
      withToken(() => {
        const n = server!.to(BALANCE).length;
        const nk = (i: number): string => `NK-${i}  `;
        if (n === 1)
          return ok(
            {
              output1: [{ pdno: '005930', prdt_name: '삼성전자', hldg_qty: '10' }],
              output2: [{}],
              ctx_area_fk100: FK,
              ctx_area_nk100: nk(1),
            },
            { tr_cont: 'M' },
          );
        if (n === 2)
          return ok(
            {
              output1: [{ pdno: '000660', prdt_name: 'SK하이닉스', hldg_qty: '3' }],
              output2: [{}],
              ctx_area_fk100: FK,
              ctx_area_nk100: nk(2),
            },
            { tr_cont: 'F' },
          );
        return ok(
          {
            output1: [{ pdno: '035420', prdt_name: 'NAVER', hldg_qty: '1' }],
            output2: [{ dnca_tot_amt: '1000000' }],
            ctx_area_fk100: FK,
            ctx_area_nk100: '',
          },
          { tr_cont: 'D' },
        );
      }),
    );
    ({ client } = makeClient(server.url));
    const b = await client.rest.getBalance();
    expect(b.positions.map((p) => p.code)).toEqual(['005930', '000660', '035420']);
    expect(b.cash).toBe(1_000_000);
    const reqs = server.to(BALANCE);
    expect(reqs.map((r) => r.headers.tr_cont)).toEqual(['', 'N', 'N']);
    expect(reqs.map((r) => r.query.get('CTX_AREA_FK100'))).toEqual(['', FK, FK]);
    expect(reqs.map((r) => r.query.get('CTX_AREA_NK100'))).toEqual(['', 'NK-1  ', 'NK-2  ']);
  });

  it('loop guard: stops when the keys repeat', async () => {
    server = await startFakeKis(
      withToken(() => ok({ output1: [], ctx_area_fk100: 'SAME', ctx_area_nk100: 'SAME' }, { tr_cont: 'M' })),
    );
    ({ client } = makeClient(server.url));
    const r = await client.transport.paged({
      method: 'GET',
      path: BALANCE,
      trId: TR.balance,
      priority: 'account',
      idempotent: true,
    });
    expect(r.truncated).toBe(true);
    expect(r.pages).toHaveLength(2);
    expect(server.to(BALANCE)).toHaveLength(2);
  });

  it('loop guard: stops after maxPages', async () => {
    let i = 0;
    server = await startFakeKis(
      withToken(() => ok({ output1: [], ctx_area_fk100: 'F', ctx_area_nk100: `K${i++}` }, { tr_cont: 'M' })),
    );
    ({ client } = makeClient(server.url));
    const r = await client.transport.paged(
      { method: 'GET', path: BALANCE, trId: TR.balance, priority: 'account', idempotent: true },
      { maxPages: 5 },
    );
    expect(r).toMatchObject({ truncated: true });
    expect(server.to(BALANCE)).toHaveLength(5);
  });
});

describe('hashkey', () => {
  it('when enabled, hashes exactly the body that is then sent', async () => {
    server = await startFakeKis(
      withToken((req) =>
        req.path === '/uapi/hashkey'
          ? { body: { JsonBody: req.body, HASH: `H(${req.raw.length})` } }
          : ok({ output: { ODNO: '0000000007', KRX_FWDG_ORD_ORGNO: '06010', ORD_TMD: '090001' } }),
      ),
    );
    ({ client } = makeClient(server.url, { useHashkey: true }));
    const out = await client.rest.placeOrder({ side: 'buy', code: '005930', qty: 1, price: 71_000 });
    expect(out.outcome).toBe('accepted');
    const [hash] = server.to('/uapi/hashkey');
    const [order] = server.to(ORDER);
    expect(hash!.raw).toBe(order!.raw);
    expect(order!.headers.hashkey).toBe(`H(${order!.raw.length})`);
  });
});
