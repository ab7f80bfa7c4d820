/** WebSocket protocol of the simulator (kis-protocol.md §6, §7, §12), over a real socket. */
import { createDecipheriv } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { KisSimulator } from '../../../../../src/main/core/sim';
import { PATHS, WsProbe, issueToken, kisPost, startSim, type Json } from './helpers';

let sim: KisSimulator | undefined;
const probes: WsProbe[] = [];

afterEach(async () => {
  for (const p of probes.splice(0)) await p.close();
  await sim?.close();
  sim = undefined;
});

async function open(s: KisSimulator): Promise<WsProbe> {
  const p = await WsProbe.open(`${s.wsUrl}/tryitout`);
  probes.push(p);
  return p;
}

/** Waits until every frame the server produced so far has arrived (an ack is sent after them). */
async function flush(p: WsProbe, approvalKey: string, trId: string, trKey: string): Promise<void> {
  const ack = await p.register(approvalKey, trId, trKey);
  expect(ack.body.msg_cd).toBe('OPSP0002');
}

function dataFrames(p: WsProbe, trId: string): string[] {
  return p.messages.filter((m) => m.startsWith(`0|${trId}|`) || m.startsWith(`1|${trId}|`));
}

function decrypt(b64: string, key: string, iv: string): string {
  const d = createDecipheriv('aes-256-cbc', Buffer.from(key, 'utf8'), Buffer.from(iv, 'utf8'));
  return Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]).toString('utf8');
}

describe('subscription acks', () => {
  it('acks subscribe / already / unsubscribe / not found with the documented shape', async () => {
    sim = await startSim();
    const key = sim.credentials.real.approvalKey;
    const p = await open(sim);
    const ack = await p.register(key, 'H0STCNT0', '005930');
    expect(Object.keys(ack)).toEqual(['header', 'body']);
    expect(ack.header).toEqual({ tr_id: 'H0STCNT0', tr_key: '005930', encrypt: 'N' });
    expect(ack.body.rt_cd).toBe('0');
    expect(ack.body.msg_cd).toBe('OPSP0000');
    expect(ack.body.msg1).toBe('SUBSCRIBE SUCCESS');
    expect(ack.body.output.iv).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(ack.body.output.key).toMatch(/^[A-Za-z0-9]{32}$/);
    const again = await p.register(key, 'H0STCNT0', '005930');
    expect(again.body.msg_cd).toBe('OPSP0002');
    expect(again.body.msg1).toBe('ALREADY IN SUBSCRIBE');
    const off = await p.register(key, 'H0STCNT0', '005930', '2');
    expect(off.body).toEqual({ rt_cd: '0', msg_cd: 'OPSP0001', msg1: 'UNSUBSCRIBE SUCCESS' });
    const offAgain = await p.register(key, 'H0STCNT0', '005930', '2');
    expect(offAgain.header).toEqual({ tr_id: 'H0STCNT0', tr_key: '005930', encrypt: 'N' });
    expect(offAgain.body).toEqual({ rt_cd: '1', msg_cd: 'OPSP0003', msg1: 'UNSUBSCRIBE ERROR(not found!)' });
  });

  it('refuses a bad approval key (OPSP0011), bad TR/key (OPSP8991/8992) and malformed JSON (OPSP99xx)', async () => {
    sim = await startSim();
    const p = await open(sim);
    const bad = await p.register('00000000-0000-0000-0000-000000000000', 'H0STCNT0', '005930');
    expect(bad.body.msg_cd).toBe('OPSP0011');
    expect(bad.body.rt_cd).toBe('1');
    expect(bad.header.tr_key).toBe('005930');
    expect(bad.header.encrypt).toBe('N');
    const key = sim.credentials.real.approvalKey;
    expect((await p.register(key, 'H0XXXXX0', '005930')).body.msg_cd).toBe('OPSP8991');
    expect((await p.register(key, 'H0STCNT0', '999999')).body.msg_cd).toBe('OPSP8992');
    expect((await p.register(key, 'H0STCNI9', sim.credentials.real.htsId)).body.msg_cd).toBe('OPSP8991');
    expect((await p.register(key, 'H0STCNI0', 'someoneelse')).body.msg_cd).toBe('OPSP8992');
    const from = p.messages.length;
    p.socket.send('{not json');
    const parseErr = JSON.parse(await p.waitFor(() => true, from)) as Json;
    expect(parseErr.body.msg_cd).toMatch(/^OPSP99\d\d$/);
    expect(parseErr.body.msg1).toContain('JSON PARSING ERROR');
    expect(parseErr.header).toEqual({ tr_id: '', tr_key: '', encrypt: 'N' });
  });

  it('allows 41 registrations and refuses the 42nd with OPSP0008; unregistering frees a slot', async () => {
    sim = await startSim();
    const key = sim.credentials.real.approvalKey;
    const codes = sim.market.order.map((s) => s.code);
    const p = await open(sim);
    const results: string[] = [];
    for (let i = 0; i < 21; i++)
      results.push((await p.register(key, 'H0STCNT0', codes[i]!)).body.msg_cd as string);
    for (let i = 0; i < 20; i++)
      results.push((await p.register(key, 'H0STASP0', codes[i]!)).body.msg_cd as string);
    expect(results.every((c) => c === 'OPSP0000')).toBe(true);
    expect(results).toHaveLength(41);
    const over = await p.register(key, 'H0STASP0', codes[20]!);
    expect(over.body).toEqual({ rt_cd: '1', msg_cd: 'OPSP0008', msg1: 'MAX SUBSCRIBE OVER' });
    expect((await p.register(key, 'H0STCNT0', codes[0]!, '2')).body.msg_cd).toBe('OPSP0001');
    expect((await p.register(key, 'H0STASP0', codes[20]!)).body.msg_cd).toBe('OPSP0000');
  });

  it('gives a second session on the same app key OPSP8996 and frees the key when the first closes', async () => {
    sim = await startSim();
    const key = sim.credentials.real.approvalKey;
    const first = await open(sim);
    expect((await first.register(key, 'H0STCNT0', '005930')).body.msg_cd).toBe('OPSP0000');
    const second = await open(sim);
    const refused = await second.register(key, 'H0STCNT0', '000660');
    expect(refused.body).toEqual({ rt_cd: '1', msg_cd: 'OPSP8996', msg1: 'ALREADY IN USE appkey' });
    // The paper key is another app key: no conflict.
    expect((await second.register(sim.credentials.paper.approvalKey, 'H0STCNT0', '000660')).body.msg_cd).toBe(
      'OPSP0000',
    );
    await first.close();
    const third = await open(sim);
    expect((await third.register(key, 'H0STCNT0', '005930')).body.msg_cd).toBe('OPSP0000');
  });
});

describe('data frames', () => {
  it('sends H0STCNT0 (46 fields) and H0STASP0 (59 fields) with 3-digit counts and multi-record frames', async () => {
    sim = await startSim({ tickIntervalMs: 1000 });
    const key = sim.credentials.real.approvalKey;
    const p = await open(sim);
    await p.register(key, 'H0STCNT0', '005930');
    await p.register(key, 'H0STASP0', '005930');
    sim.control.advance(120_000);
    await flush(p, key, 'H0STCNT0', '005930');
    const trades = dataFrames(p, 'H0STCNT0');
    expect(trades.length).toBeGreaterThan(10);
    let multi = 0;
    for (const f of trades) {
      const parts = f.split('|');
      expect(parts).toHaveLength(4);
      expect(parts[0]).toBe('0');
      expect(parts[2]).toMatch(/^\d{3}$/);
      const n = Number(parts[2]);
      const fields = parts[3]!.split('^');
      expect(fields.length).toBe(46 * n);
      if (n > 1) multi++;
      for (let r = 0; r < n; r++) {
        const rec = fields.slice(r * 46, (r + 1) * 46);
        expect(rec[0]).toBe('005930');
        expect(rec[1]).toMatch(/^\d{6}$/);
        const price = Number(rec[2]);
        expect(Number(rec[4])).toBe(price - 97000);
        expect(rec[3]).toBe(price > 97000 ? '2' : price < 97000 ? '5' : '3');
        expect(Number(rec[10])).toBeGreaterThan(Number(rec[11])); // best ask > best bid
        expect(price === Number(rec[10]) || price === Number(rec[11])).toBe(true);
        expect(['1', '5']).toContain(rec[21]);
        expect(rec[33]).toBe('20260304');
        expect(rec[34]).toBe('20');
        expect(rec[45]).toBe('97000');
      }
    }
    expect(multi).toBeGreaterThan(0);
    const books = dataFrames(p, 'H0STASP0');
    expect(books.length).toBeGreaterThan(0);
    for (const f of books) {
      const [, tr, count, payload] = f.split('|');
      expect(tr).toBe('H0STASP0');
      expect(count).toBe('001');
      const b = payload!.split('^');
      expect(b).toHaveLength(59);
      expect(b[0]).toBe('005930');
      expect(Number(b[3])).toBeGreaterThan(Number(b[13])); // ASKP1 > BIDP1
      let totalAsk = 0;
      for (let i = 0; i < 10; i++) {
        expect(Number(b[23 + i])).toBeGreaterThan(0);
        totalAsk += Number(b[23 + i]);
      }
      expect(Number(b[43])).toBe(totalAsk);
    }
  });

  it('encrypts order notices per subscription (AES-256-CBC, key/iv from the ack) with 26 fields', async () => {
    sim = await startSim();
    const cred = sim.credentials.real;
    const p = await open(sim);
    const ack = await p.register(cred.approvalKey, 'H0STCNI0', cred.htsId);
    expect(ack.header).toEqual({ tr_id: 'H0STCNI0', tr_key: cred.htsId, encrypt: 'Y' });
    const { key, iv } = ack.body.output as { key: string; iv: string };
    const token = await issueToken(sim, cred);
    const from = p.messages.length;
    const r = await kisPost(sim, cred, token, PATHS.orderCash, 'TTTC0012U', {
      CANO: cred.cano,
      ACNT_PRDT_CD: '01',
      PDNO: '005930',
      ORD_DVSN: '01',
      ORD_QTY: '3',
      ORD_UNPR: '0',
      SLL_TYPE: '',
      CNDT_PRIC: '',
    });
    expect(r.json.rt_cd).toBe('0');
    const odno = r.json.output.ODNO as string;
    await p.waitFor((m) => m.startsWith('1|H0STCNI0|'), from);
    await flush(p, cred.approvalKey, 'H0STCNI0', cred.htsId);
    const frames = dataFrames(p, 'H0STCNI0');
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const notices = frames.map((f) => {
      const parts = f.split('|');
      expect(parts[0]).toBe('1');
      expect(parts[2]).toBe('001');
      return decrypt(parts[3]!, key, iv).split('^');
    });
    for (const n of notices) expect(n).toHaveLength(26);
    const receipt = notices[0]!;
    expect(receipt[0]).toBe(cred.htsId);
    expect(receipt[1]).toBe(cred.accountNo);
    expect(receipt[2]).toBe(odno);
    expect(receipt[4]).toBe('02'); // buy
    expect(receipt[5]).toBe('0');
    expect(receipt[6]).toBe('01');
    expect(receipt[8]).toBe('005930');
    expect(receipt[9]).toBe('3'); // order qty on a receipt
    expect(receipt[12]).toBe('0');
    expect(receipt[13]).toBe('1');
    expect(receipt[24]).toBe('삼성전자');
    const fills = notices.slice(1).filter((n) => n[13] === '2');
    expect(fills.reduce((s, n) => s + Number(n[9]), 0)).toBe(3);
    for (const f of fills) {
      expect(f[2]).toBe(odno);
      expect(Number(f[10])).toBeGreaterThan(0); // fill price
      expect(f[16]).toBe('3'); // order qty on fills
    }
  });

  it('sends PINGPONG with datetime and accepts both echo styles', async () => {
    sim = await startSim({ pingIntervalMs: 10_000 });
    const p = await open(sim);
    await p.register(sim.credentials.real.approvalKey, 'H0STCNT0', '005930');
    sim.control.advance(10_000);
    const ping = await p.waitFor((m) => m.includes('PINGPONG'));
    expect(ping).toBe('{"header":{"tr_id":"PINGPONG","datetime":"20260304100010"}}');
    expect(Buffer.byteLength(ping)).toBeLessThanOrEqual(125);
    p.socket.send(ping); // text echo (community clients)
    p.socket.pong(ping); // control-frame echo (official sample)
    const ack = await p.register(sim.credentials.real.approvalKey, 'H0STCNT0', '005930');
    expect(ack.body.msg_cd).toBe('OPSP0002'); // session still healthy
  });

  it('drops a session that leaves PINGPONG unanswered when pingMissLimit is set', async () => {
    sim = await startSim({ pingIntervalMs: 10_000, pingMissLimit: 2 });
    const key = sim.credentials.real.approvalKey;
    const silent = await open(sim);
    const polite = await WsProbe.open(`${sim.wsUrl}/tryitout`);
    probes.push(polite);
    polite.socket.on('message', (d) => {
      const text = d.toString();
      if (text.includes('"PINGPONG"')) polite.socket.send(text);
    });
    await silent.register(key, 'H0STCNT0', '005930');
    await polite.register(sim.credentials.paper.approvalKey, 'H0STCNT0', '005930');
    for (let i = 0; i < 2; i++) {
      const from = polite.messages.length;
      sim.control.advance(10_000);
      await polite.waitFor((m) => m.includes('PINGPONG'), from);
      // Round trip after the echo so the server has read it before the next ping is due.
      await polite.register(sim.credentials.paper.approvalKey, 'H0STCNT0', '005930');
    }
    sim.control.advance(10_000); // third ping time: the silent session has missed two
    expect(await silent.closed).toBe(1006);
    expect((await polite.register(sim.credentials.paper.approvalKey, 'H0STCNT0', '005930')).body.msg_cd).toBe(
      'OPSP0002',
    );
  });

  it('drops every socket on demand (fault injection)', async () => {
    sim = await startSim();
    const p = await open(sim);
    await p.register(sim.credentials.real.approvalKey, 'H0STCNT0', '005930');
    expect(sim.control.dropAllWebSockets()).toBe(1);
    expect(await p.closed).toBe(1006);
  });
});

describe('determinism', () => {
  it('same seed + same manual steps → byte-identical frames', async () => {
    const run = async (): Promise<string[]> => {
      const s = await startSim({ seed: 'det', pingIntervalMs: 20_000 });
      const p = await WsProbe.open(`${s.wsUrl}/tryitout`);
      const key = s.credentials.real.approvalKey;
      for (const code of ['005930', '000660', '069500']) {
        await p.register(key, 'H0STCNT0', code);
        await p.register(key, 'H0STASP0', code);
      }
      for (let i = 0; i < 30; i++) s.control.advance(1000);
      await flush(p, key, 'H0STCNT0', '005930');
      await p.close();
      await s.close();
      return p.messages;
    };
    const a = await run();
    const b = await run();
    expect(a.length).toBeGreaterThan(50);
    expect(a.join('\n')).toBe(b.join('\n'));
    const c = await (async () => {
      const s = await startSim({ seed: 'different', pingIntervalMs: 20_000 });
      const p = await WsProbe.open(`${s.wsUrl}/tryitout`);
      await p.register(s.credentials.real.approvalKey, 'H0STCNT0', '005930');
      for (let i = 0; i < 30; i++) s.control.advance(1000);
      await flush(p, s.credentials.real.approvalKey, 'H0STCNT0', '005930');
      await p.close();
      await s.close();
      return p.messages.filter((m) => m.startsWith('0|H0STCNT0|'));
    })();
    expect(c.join('\n')).not.toBe(a.filter((m) => m.startsWith('0|H0STCNT0|')).join('\n'));
  });
});
