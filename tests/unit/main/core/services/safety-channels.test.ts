/**
 * The safety domain and the extended orders:place through the host (in-process transport), on a
 * runtime over a FakeBroker in REAL mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StreamBatch } from '../../../../../src/main/core/host';
import { fakeRuntime } from '../../../helpers/runtime';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function realRuntime() {
  const rt = await fakeRuntime('real', { batchIntervalMs: 1 });
  const batches: StreamBatch[] = [];
  const s = rt.host.openSession('in-process', (b) => batches.push(b));
  cleanups.push(
    () => rt.dispose(),
    () => s.close(),
  );
  return { rt, s, batches };
}

const ticket = { code: '005930', side: 'buy', qty: 1, price: 80_000, type: 'limit' };

describe('safety channels', () => {
  it('orders:place answers needs-confirmation, then sends with exactly those rules confirmed', async () => {
    const { rt, s } = await realRuntime();
    const first = await s.invoke('orders:place', { ticket, source: 'ticket' });
    expect(first.ok).toBe(true);
    const v = (
      first as { value: { outcome: string; message: string; checks: Array<{ rule: string; tier: string }> } }
    ).value;
    expect(v.outcome).toBe('needs-confirmation');
    expect(v.message).toMatch(/한도/);
    const rules = v.checks.filter((c) => c.tier === 'confirm').map((c) => c.rule);
    expect(rt.fake.placed).toHaveLength(0);
    const bad = await s.invoke('orders:place', { ticket, source: 'ticket', confirm: ['not-a-rule'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const sent = await s.invoke('orders:place', { ticket, source: 'ticket', confirm: rules });
    expect(sent).toMatchObject({ ok: true, value: { outcome: 'accepted', orderNo: '0000000001' } });
    expect(rt.fake.placed).toHaveLength(1);
    const tracked = await s.invoke('safety:orders', undefined);
    expect(tracked).toMatchObject({ ok: true, value: [{ state: 'refused' }, { state: 'accepted' }] });
  });

  it('kill switch, state stream, unlock; a block is a refused error naming the rule', async () => {
    const { rt, s, batches } = await realRuntime();
    expect(s.subscribe('st', 'safety:state', undefined)).toEqual({ ok: true, value: null });
    s.flush();
    expect(batches.at(-1)![0]![1]).toMatchObject([{ mode: 'real', locked: false, unresolved: 0 }]);
    rt.fake.openOrders = [
      { orderNo: '0000000005', code: '005930', side: 'buy', qty: 1, price: 1, filledQty: 0, status: 'open' },
    ];
    const k = await s.invoke('safety:killSwitch', { reason: '테스트' });
    expect(k).toMatchObject({
      ok: true,
      value: { cancel: { requested: 1, cancelled: 1 }, state: { locked: true, reason: 'kill-switch' } },
    });
    s.flush();
    expect(batches.at(-1)![0]![1]).toMatchObject([{ locked: true, reason: 'kill-switch' }]);
    const refused = await s.invoke('orders:place', {
      ticket: { ...ticket, price: 70_000 },
      source: 'hotkey',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', hint: 'kill-switch' } });
    expect(await s.invoke('safety:unlock', undefined)).toMatchObject({ ok: true, value: { locked: false } });
    const ok = await s.invoke('orders:place', { ticket: { ...ticket, price: 70_000 }, source: 'hotkey' });
    expect(ok).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
  });

  it('settings get/update per environment, journal query, capabilities', async () => {
    const { s } = await realRuntime();
    const got = (await s.invoke('safety:settings', undefined)) as {
      ok: true;
      value: { real: { tickSize: string } };
    };
    expect(got.value.real.tickSize).toBe('block');
    const upd = await s.invoke('safety:updateSettings', {
      mode: 'real',
      limits: { dailyLossLimit: 500_000 },
    });
    expect(upd).toMatchObject({ ok: true, value: { real: { dailyLossLimit: 500_000 } } });
    expect(
      await s.invoke('safety:updateSettings', { mode: 'real', limits: { tickSize: 'maybe' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    await s.invoke('orders:place', { ticket: { ...ticket, price: 70_000 }, source: 'ticket' });
    const j = (await s.invoke('safety:journal', { limit: 50 })) as {
      ok: true;
      value: { entries: Array<{ kind: string }>; damaged: number };
    };
    expect(j.value.damaged).toBe(0);
    expect(j.value.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['settings', 'request', 'transition', 'response']),
    );
    expect(await s.invoke('safety:journal', { date: '2026-01-01' })).toMatchObject({ ok: false });
    const caps = await s.invoke('safety:capabilities', undefined);
    expect(caps).toMatchObject({ ok: true, value: { mode: 'real', paper: false, real: true } });
  });
});
