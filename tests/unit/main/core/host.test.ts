import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { request, stream, type ContractDef } from '../../../../src/shared/contract';
import { Host, type StreamBatch } from '../../../../src/main/core/host';
import type { ObserverRuntime } from '../../../../src/main/core/runtime';
import { fakeRuntime } from '../../helpers/runtime';
import { connectInProcess } from '../../../../src/main/core/transports/in-process';

const testContract = {
  demo: {
    echo: request(
      'demo:echo',
      z.object({ code: z.string().regex(/^\d{6}$/), qty: z.number().int().positive() }),
      z.object({ code: z.string(), qty: z.number() }),
    ),
    leaky: request('demo:leaky', z.object({}).optional(), z.object({ ok: z.boolean() }).strict()),
    boom: request('demo:boom', z.object({}).optional(), z.object({})),
    books: stream(
      'demo:books',
      z.object({ code: z.string() }),
      z.object({ code: z.string(), n: z.number() }),
      {
        coalesceKey: (e) => e.code,
      },
    ),
    ticks: stream('demo:ticks', z.object({}), z.object({ n: z.number() })),
  },
} as const satisfies ContractDef;

function makeHost() {
  const emitters: Array<(e: unknown) => void> = [];
  const disposed: string[] = [];
  const internal: string[] = [];
  const host = new Host(
    testContract,
    {
      demo: {
        echo: (p) => ({ code: p.code, qty: p.qty }),
        leaky: () => ({ ok: true, secret: 'app-secret' }) as never,
        boom: () => {
          throw new Error('kaboom with /home/user/path');
        },
        books: (args, emit) => {
          emitters.push(emit as (e: unknown) => void);
          return () => disposed.push(`books:${args.code}`);
        },
        ticks: (_args, emit) => {
          emitters.push(emit as (e: unknown) => void);
          return () => disposed.push('ticks');
        },
      },
    },
    { batchIntervalMs: 16, onInternalError: (c) => internal.push(c) },
  );
  return { host, emitters, disposed, internal };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Host requests', () => {
  it('parses the payload and answers with the handler result', async () => {
    const { host } = makeHost();
    const s = host.openSession('in-process', () => {});
    expect(await s.invoke('demo:echo', { code: '005930', qty: 3 })).toEqual({
      ok: true,
      value: { code: '005930', qty: 3 },
    });
  });

  it('rejects a malformed payload with an error naming the field', async () => {
    const { host } = makeHost();
    const s = host.openSession('in-process', () => {});
    const r = await s.invoke('demo:echo', { code: '005930', qty: -1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_payload');
    expect(r.error.field).toBe('qty');
    expect(r.error.message).toContain('demo:echo');
    expect(r.error.message).toContain('"qty"');

    const r2 = await s.invoke('demo:echo', 'not an object');
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.code).toBe('invalid_payload');
  });

  it('rejects unknown channels and channel kind mix-ups', async () => {
    const { host } = makeHost();
    const s = host.openSession('in-process', () => {});
    const r = await s.invoke('demo:nope', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const r2 = await s.invoke('demo:books', { code: 'x' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const r3 = await s.invoke(42, {});
    expect(r3).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'channel' } });
  });

  it('never lets a handler leak fields the contract does not know', async () => {
    const { host, internal } = makeHost();
    const s = host.openSession('in-process', () => {});
    const r = await s.invoke('demo:leaky', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('app-secret');
    expect(internal).toEqual(['demo:leaky']);
  });

  it('hides internal error details from the caller', async () => {
    const { host } = makeHost();
    const s = host.openSession('in-process', () => {});
    const r = await s.invoke('demo:boom', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('/home/user');
  });

  it('refuses to start with a channel that has no handler', () => {
    expect(() => new Host(testContract, { demo: {} } as never)).toThrow(/No handler for demo:echo/);
  });
});

describe('Host streams', () => {
  it('batches events per session and coalesces keyed events latest-wins', () => {
    vi.useFakeTimers();
    const { host, emitters } = makeHost();
    const batches: StreamBatch[] = [];
    const s = host.openSession('in-process', (b) => batches.push(b));
    expect(s.subscribe('b1', 'demo:books', { code: '005930' })).toEqual({ ok: true, value: null });
    expect(s.subscribe('t1', 'demo:ticks', {})).toEqual({ ok: true, value: null });
    const [books, ticks] = emitters;
    books!({ code: '005930', n: 1 });
    books!({ code: '000660', n: 1 });
    books!({ code: '005930', n: 2 });
    ticks!({ n: 1 });
    ticks!({ n: 2 });
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(16);
    expect(batches).toEqual([
      [
        [
          'b1',
          [
            { code: '005930', n: 2 },
            { code: '000660', n: 1 },
          ],
        ],
        ['t1', [{ n: 1 }, { n: 2 }]],
      ],
    ]);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
  });

  it('sends an event after a quiet spell at once, and then at most one batch per interval', () => {
    vi.useFakeTimers();
    const { host, emitters } = makeHost();
    const batches: StreamBatch[] = [];
    const s = host.openSession('in-process', (b) => batches.push(b));
    s.subscribe('t1', 'demo:ticks', {});
    const tick = emitters[0]!;
    tick({ n: 1 });
    tick({ n: 2 });
    // Same turn: one batch, without waiting out the 16 ms.
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([[['t1', [{ n: 1 }, { n: 2 }]]]]);
    // Right after a batch, the next event waits for the rest of the interval.
    vi.advanceTimersByTime(5);
    tick({ n: 3 });
    vi.advanceTimersByTime(10);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batches).toHaveLength(2);
    // Quiet again for longer than an interval: straight out.
    vi.advanceTimersByTime(40);
    tick({ n: 4 });
    vi.advanceTimersByTime(0);
    expect(batches).toHaveLength(3);
    vi.useRealTimers();
  });

  it('rejects bad stream arguments with the field, and duplicate ids', () => {
    const { host } = makeHost();
    const s = host.openSession('in-process', () => {});
    expect(s.subscribe('b1', 'demo:books', { code: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'code' },
    });
    expect(s.subscribe('b1', 'demo:books', { code: 'a' }).ok).toBe(true);
    expect(s.subscribe('b1', 'demo:books', { code: 'a' })).toMatchObject({
      ok: false,
      error: { field: 'subscriptionId' },
    });
  });

  it('disposes the handler on unsubscribe and every subscription on close', () => {
    const { host, disposed } = makeHost();
    const s = host.openSession('in-process', () => {});
    s.subscribe('a', 'demo:books', { code: 'A' });
    s.subscribe('b', 'demo:books', { code: 'B' });
    s.subscribe('c', 'demo:ticks', {});
    s.unsubscribe('a');
    expect(disposed).toEqual(['books:A']);
    expect(host.sessionCount).toBe(1);
    s.close();
    expect(disposed.sort()).toEqual(['books:A', 'books:B', 'ticks']);
    expect(s.subscriptionCount).toBe(0);
    expect(host.sessionCount).toBe(0);
  });

  it('drops events emitted after a subscription ended', () => {
    vi.useFakeTimers();
    const { host, emitters } = makeHost();
    const batches: StreamBatch[] = [];
    const s = host.openSession('in-process', (b) => batches.push(b));
    s.subscribe('t', 'demo:ticks', {});
    s.unsubscribe('t');
    emitters[0]!({ n: 1 });
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([]);
  });
});

describe('runtime + in-process transport', () => {
  let runtime: ObserverRuntime | undefined;
  afterEach(async () => {
    await runtime?.dispose();
  });

  it('serves app info and a status snapshot through the typed API', async () => {
    runtime = await fakeRuntime('demo', { batchIntervalMs: 1, validateEvents: true });
    const client = connectInProcess(runtime.host);
    const info = await client.api.app.info();
    expect(info).toMatchObject({ name: 'Observer', mode: 'demo', transport: 'in-process' });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    const status = await new Promise<unknown[]>((resolve) => {
      const off = client.api.app.status({}, (events) => {
        off();
        resolve(events);
      });
    });
    expect(status[0]).toMatchObject({ mode: 'demo', version: info.version });
    client.close();
    expect(runtime.host.sessionCount).toBe(0);
  });

  it('throws a BridgeError carrying the field for a bad payload', async () => {
    runtime = await fakeRuntime('paper');
    const client = connectInProcess(runtime.host);
    await expect(client.api.app.info({ unexpected: 1 } as never)).rejects.toMatchObject({
      name: 'BridgeError',
      code: 'invalid_payload',
    });
  });
});
