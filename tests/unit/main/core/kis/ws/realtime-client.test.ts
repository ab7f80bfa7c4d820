import { createCipheriv } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { OrderNotice, Tick } from '../../../../../../src/shared/domain/market';
import type { ConnectionState } from '../../../../../../src/shared/domain/mode';
import {
  KisPaperUnsupportedError,
  SubscriptionBudgetError,
} from '../../../../../../src/main/core/kis/errors';
import {
  RealtimeClient,
  type RealtimeClientOptions,
  type SubscriptionFailure,
} from '../../../../../../src/main/core/kis/ws/realtime-client';
import { AES_IV, AES_KEY, ManualClock, flush, noticeFields, tickFields, waitFor } from '../helpers';

interface Conn {
  socket: WebSocket;
  path: string;
  messages: string[];
  closed: boolean;
}

interface SubMsg {
  header: { approval_key: string; custtype: string; tr_type: string; 'content-type': string };
  body: { input: { tr_id: string; tr_key: string } };
}

interface FakeWs {
  url: string;
  conns: Conn[];
  /** How the server answers a subscription; default OPSP0000 with key/iv for notice TRs. */
  ack: (m: SubMsg, conn: Conn) => object | undefined;
  close(): Promise<void>;
}

function ackFor(
  m: SubMsg,
  msgCd = 'OPSP0000',
  msg1 = 'SUBSCRIBE SUCCESS',
  key = AES_KEY,
  iv = AES_IV,
): object {
  const notice = m.body.input.tr_id.startsWith('H0STCNI');
  return {
    header: { tr_id: m.body.input.tr_id, tr_key: m.body.input.tr_key, encrypt: notice ? 'Y' : 'N' },
    body: {
      rt_cd: msgCd === 'OPSP0000' || msgCd === 'OPSP0002' ? '0' : '1',
      msg_cd: msgCd,
      msg1,
      ...(notice ? { output: { iv, key } } : {}),
    },
  };
}

async function startWs(): Promise<FakeWs> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const fake: FakeWs = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    conns: [],
    ack: (m) => (m.header.tr_type === '1' ? ackFor(m) : ackFor(m, 'OPSP0001', 'UNSUBSCRIBE SUCCESS')),
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
  wss.on('connection', (socket, req) => {
    const conn: Conn = { socket, path: req.url ?? '', messages: [], closed: false };
    fake.conns.push(conn);
    socket.on('close', () => (conn.closed = true));
    socket.on('message', (data) => {
      const text = String(data);
      conn.messages.push(text);
      if (!text.includes('"tr_type"')) return;
      const reply = fake.ack(JSON.parse(text) as SubMsg, conn);
      if (reply) socket.send(JSON.stringify(reply));
    });
  });
  return fake;
}

function subs(conn: Conn | undefined): Array<[string, string, string]> {
  return (conn?.messages ?? [])
    .filter((m) => m.includes('"tr_type"'))
    .map((m) => JSON.parse(m) as SubMsg)
    .map((m) => [m.header.tr_type, m.body.input.tr_id, m.body.input.tr_key]);
}

function encrypt(text: string, key = AES_KEY, iv = AES_IV): string {
  const c = createCipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
}

let fake: FakeWs | undefined;
let client: RealtimeClient | undefined;
afterEach(async () => {
  client?.dispose();
  client = undefined;
  await fake?.close();
  fake = undefined;
});

let approvals = 0;
function makeClient(options: Partial<RealtimeClientOptions> = {}): RealtimeClient {
  approvals = 0;
  client = new RealtimeClient({
    wsUrl: fake!.url,
    getApprovalKey: async () => `APPROVAL-${++approvals}`,
    paperLike: false,
    htsId: 'kimtrader',
    sendGapMs: 0,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    ...options,
  });
  return client;
}

describe('RealtimeClient', () => {
  it('connects to /tryitout, sends the subscription JSON, and emits parsed ticks from multi-record frames', async () => {
    fake = await startWs();
    const c = makeClient();
    const ticks: Tick[] = [];
    c.onTick((t) => ticks.push(t));
    c.subscribeTicks('005930');
    await waitFor(() => subs(fake!.conns[0]).length === 1, 'subscription');
    const conn = fake.conns[0]!;
    expect(conn.path).toBe('/tryitout');
    expect(JSON.parse(conn.messages[0]!)).toEqual({
      header: { approval_key: 'APPROVAL-1', custtype: 'P', tr_type: '1', 'content-type': 'utf-8' },
      body: { input: { tr_id: 'H0STCNT0', tr_key: '005930' } },
    });
    expect(c.state).toBe('connected');
    conn.socket.send(`0|H0STCNT0|003|${[0, 1, 2].map((i) => tickFields(i).join('^')).join('^')}`);
    await waitFor(() => ticks.length === 3, 'ticks');
    expect(ticks.map((t) => t.price)).toEqual([71_000, 71_100, 71_200]);
    expect(ticks[2]).toMatchObject({ code: '005930', volume: 12, cumVolume: 1_000_002 });
  });

  it('reference-counts subscriptions: one registration, unsubscribe only when the last goes', async () => {
    fake = await startWs();
    const c = makeClient();
    const slots: number[] = [];
    c.onDidChangeSlots((s) => slots.push(s.used));
    const a = c.subscribeTicks('005930');
    const b = c.subscribeTicks('005930');
    const book = c.subscribeOrderBook('005930');
    await waitFor(() => subs(fake!.conns[0]).length === 2, 'two registrations');
    expect(c.slots).toEqual({ used: 2, max: 41 });
    a.dispose();
    a.dispose(); // idempotent
    await flush();
    expect(subs(fake.conns[0])).toHaveLength(2);
    b.dispose();
    await waitFor(() => subs(fake!.conns[0]).length === 3, 'unsubscribe');
    expect(subs(fake.conns[0])).toEqual([
      ['1', 'H0STCNT0', '005930'],
      ['1', 'H0STASP0', '005930'],
      ['2', 'H0STCNT0', '005930'],
    ]);
    book.dispose();
    await waitFor(() => subs(fake!.conns[0]).length === 4, 'second unsubscribe');
    expect(slots).toEqual([1, 2, 1, 0]);
  });

  it('echoes PINGPONG unchanged as a text frame', async () => {
    fake = await startWs();
    const c = makeClient();
    c.connect();
    await waitFor(() => fake!.conns.length === 1 && c.state === 'connected', 'connection');
    const ping = '{"header":{"tr_id":"PINGPONG","datetime":"20260305093000"}}';
    fake.conns[0]!.socket.send(ping);
    await waitFor(() => fake!.conns[0]!.messages.length === 1, 'echo');
    expect(fake.conns[0]!.messages[0]).toBe(ping);
  });

  it('decrypts notices with the key/iv from the ack: receipt vs fill', async () => {
    fake = await startWs();
    const c = makeClient();
    const notices: OrderNotice[] = [];
    c.onNotice((n) => notices.push(n));
    c.subscribeNotices();
    await waitFor(() => subs(fake!.conns[0]).length === 1, 'notice subscription');
    expect(subs(fake.conns[0])).toEqual([['1', 'H0STCNI0', 'kimtrader']]);
    await flush(10);
    const conn = fake.conns[0]!;
    const receipt = noticeFields({
      orderNo: '0000012345',
      side: '02',
      qty: 10,
      price: 71_000,
      cntgYn: '1',
      acptYn: '1',
    });
    const fill = noticeFields({
      orderNo: '0000012345',
      side: '02',
      qty: 4,
      price: 70_900,
      cntgYn: '2',
      orderQty: 10,
    });
    conn.socket.send(`1|H0STCNI0|001|${encrypt(receipt.join('^'))}`);
    conn.socket.send(`1|H0STCNI0|001|${encrypt(fill.join('^'))}`);
    await waitFor(() => notices.length === 2, 'notices');
    expect(notices.map((n) => [n.kind, n.orderNo, n.qty, n.price, n.orderQty])).toEqual([
      ['accepted', '0000012345', 10, 71_000, 10],
      ['fill', '0000012345', 4, 70_900, 10],
    ]);
  });

  it('paper: notices subscribe as H0STCNI9; real-only TRs are refused before sending', async () => {
    fake = await startWs();
    const c = makeClient({ paperLike: true });
    c.subscribeNotices();
    await waitFor(() => subs(fake!.conns[0]).length === 1, 'paper notice subscription');
    expect(subs(fake.conns[0])).toEqual([['1', 'H0STCNI9', 'kimtrader']]);
    expect(() => c.subscribe('H0STANC0', '005930')).toThrow(KisPaperUnsupportedError);
    expect(c.slots.used).toBe(1);
  });

  it('drops uneven frames without killing the socket', async () => {
    fake = await startWs();
    const c = makeClient();
    const ticks: Tick[] = [];
    c.onTick((t) => ticks.push(t));
    c.subscribeTicks('005930');
    await waitFor(() => subs(fake!.conns[0]).length === 1, 'subscription');
    const conn = fake.conns[0]!;
    conn.socket.send(`0|H0STCNT0|002|${tickFields(0).join('^')}^${tickFields(1).slice(0, 30).join('^')}`);
    conn.socket.send(`1|H0STCNI0|001|${encrypt('x')}`); // encrypted before any key: dropped
    conn.socket.send(`0|H0STCNT0|001|${tickFields(5).join('^')}`);
    await waitFor(() => ticks.length === 1, 'the good frame');
    expect(ticks[0]!.price).toBe(71_500);
    expect(c.droppedFrames).toBe(2);
    expect(c.state).toBe('connected');
    expect(fake.conns).toHaveLength(1);
  });

  it('refuses the 42nd registration before sending anything', async () => {
    fake = await startWs();
    const c = makeClient();
    const handles = Array.from({ length: 40 }, (_, i) => c.subscribeTicks(String(100_000 + i)));
    handles.push(c.subscribeNotices());
    await waitFor(() => subs(fake!.conns[0]).length === 41, '41 registrations');
    expect(c.slots).toEqual({ used: 41, max: 41 });
    expect(() => c.subscribeOrderBook('005930')).toThrow(SubscriptionBudgetError);
    // A second reference to an existing registration costs nothing and is fine.
    handles.push(c.subscribeTicks('100000'));
    await flush(10);
    expect(subs(fake.conns[0])).toHaveLength(41);
    // Freeing the slot needs both references to 100000 gone.
    handles[0]!.dispose();
    expect(() => c.subscribeOrderBook('005930')).toThrow(SubscriptionBudgetError);
    handles[handles.length - 1]!.dispose();
    c.subscribeOrderBook('005930');
    expect(c.slots.used).toBe(41);
  });

  it('reconnects after a drop, re-sends every registration, takes the new key, fires onDidReconnect', async () => {
    fake = await startWs();
    const c = makeClient();
    const states: ConnectionState[] = [];
    c.onDidChangeState((s) => states.push(s));
    let reconnects = 0;
    c.onDidReconnect(() => reconnects++);
    const notices: OrderNotice[] = [];
    c.onNotice((n) => notices.push(n));
    c.subscribeTicks('005930');
    c.subscribeOrderBook('000660');
    c.subscribeNotices();
    await waitFor(() => subs(fake!.conns[0]).length === 3, 'first session');
    const KEY2 = 'ZYXWVUTSRQPONMLKJIHGFEDCBA987654';
    fake.ack = (m) => ackFor(m, 'OPSP0000', 'SUBSCRIBE SUCCESS', KEY2);
    fake.conns[0]!.socket.terminate();
    await waitFor(() => subs(fake!.conns[1]).length === 3 && reconnects === 1, 'second session');
    expect(subs(fake.conns[1])).toEqual(subs(fake.conns[0]));
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    await flush(10);
    const fill = noticeFields({
      orderNo: '0000000077',
      side: '01',
      qty: 1,
      price: 1000,
      cntgYn: '2',
      orderQty: 1,
    });
    fake.conns[1]!.socket.send(`1|H0STCNI0|001|${encrypt(fill.join('^'), KEY2)}`);
    await waitFor(() => notices.length === 1, 'notice under the new key');
    expect(notices[0]).toMatchObject({ kind: 'fill', orderNo: '0000000077', side: 'sell' });
  });

  it('OPSP0002 (already subscribed) is not an error; OPSP0008 is reported', async () => {
    fake = await startWs();
    fake.ack = (m) =>
      m.body.input.tr_key === '005930'
        ? ackFor(m, 'OPSP0002', 'ALREADY IN SUBSCRIBE')
        : ackFor(m, 'OPSP0008', 'MAX SUBSCRIBE OVER');
    const c = makeClient();
    const failures: SubscriptionFailure[] = [];
    c.onSubscriptionError((f) => failures.push(f));
    c.subscribeTicks('005930');
    c.subscribeTicks('000660');
    await waitFor(() => failures.length === 1, 'the refusal');
    await flush(10);
    expect(failures).toEqual([
      { trId: 'H0STCNT0', trKey: '000660', msgCd: 'OPSP0008', msg1: 'MAX SUBSCRIBE OVER' },
    ]);
    expect(c.state).toBe('connected');
  });

  it('OPSP8996 (app key in use): closes and waits the long delay before reconnecting, without hammering', async () => {
    fake = await startWs();
    fake.ack = (m) => ackFor(m, 'OPSP8996', 'ALREADY IN USE appkey');
    const clock = new ManualClock();
    const c = makeClient({ clock, appKeyInUseDelayMs: 60_000 });
    c.subscribeTicks('005930');
    await waitFor(() => c.state === 'reconnecting' && clock.pendingTimers === 1, 'the back-off');
    expect(clock.sleeps).toEqual([60_000]);
    await clock.advance(59_999);
    await flush(10);
    expect(fake.conns).toHaveLength(1);
    fake.ack = (m) => ackFor(m);
    await clock.advance(1);
    await waitFor(() => subs(fake!.conns[1]).length === 1 && c.state === 'connected', 'the reconnection');
    expect(fake.conns).toHaveLength(2);
  });

  it('backs off exponentially and gives up after maxAttempts (state down)', async () => {
    fake = await startWs();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const clock = new ManualClock();
    client = new RealtimeClient({
      wsUrl: url,
      getApprovalKey: async () => 'K',
      paperLike: false,
      clock,
      random: () => 0.5,
      reconnect: { initialDelayMs: 1000, maxDelayMs: 5000, multiplier: 2, jitter: 0.3, maxAttempts: 4 },
    });
    client.connect();
    const expected = [1000, 2000, 4000, 5000];
    for (let i = 0; i < 4; i++) {
      await waitFor(() => clock.pendingTimers === 1, `attempt ${i}`);
      await clock.advance(expected[i]!);
    }
    await waitFor(() => client!.state === 'down', 'giving up');
    expect(clock.sleeps).toEqual(expected);
    expect(clock.pendingTimers).toBe(0);
  });

  it('a server that accepts then drops at once keeps the backoff growing (no connect/close hammering)', async () => {
    fake = await startWs();
    const clock = new ManualClock();
    const c = makeClient({
      clock,
      random: () => 0.5,
      reconnect: { initialDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.3 },
    });
    fake.ack = (_m, conn) => {
      conn.socket.close();
      return undefined;
    };
    c.subscribeTicks('005930');
    const expected = [1000, 2000, 4000];
    for (let i = 0; i < expected.length; i++) {
      await waitFor(() => fake!.conns.length === i + 1 && clock.pendingTimers === 1, `drop ${i}`);
      await clock.advance(expected[i]!);
    }
    await waitFor(() => fake!.conns.length === 4 && clock.pendingTimers === 1, 'fourth drop');
    expect(clock.sleeps).toEqual([...expected, 8000]);
  });

  it('dispose closes the socket and leaves no timers', async () => {
    fake = await startWs();
    const clock = new ManualClock();
    const c = makeClient({ clock });
    c.subscribeTicks('005930');
    await waitFor(() => subs(fake!.conns[0]).length === 1, 'subscription');
    c.dispose();
    expect(c.state).toBe('down');
    await waitFor(() => fake!.conns[0]!.closed, 'server-side close');
    await flush(10);
    expect(clock.pendingTimers).toBe(0);
    expect(fake.conns).toHaveLength(1);
    expect(() => c.subscribeTicks('005930')).toThrow(/disposed/);
  });
});
