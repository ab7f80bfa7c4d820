/**
 * `observer journal [--date YYYYMMDD] [--json]`: prints a day of the order journal (requests, risk
 * decisions, sends, answers, notices, locks) from the data directory. Reads only; no broker.
 */
import type { JournalEntry } from '../../../shared/contract/safety';
import { defaultDataDir } from '../../core/kis';
import { kstDay, readJournalDay } from '../../core/services/journal';
import path from 'node:path';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exit-codes';

function time(at: number): string {
  const d = new Date(at + 9 * 3600_000);
  return d.toISOString().slice(11, 19);
}

function summary(e: JournalEntry): string {
  const d = e.data;
  const t = d.ticket as
    { code?: string; side?: string; qty?: number; price?: number; type?: string } | undefined;
  const ticket = t ? `${t.side} ${t.qty} × ${t.code} ${t.type === 'limit' ? `@ ${t.price}` : t.type}` : '';
  switch (e.kind) {
    case 'transition':
      return `${String(d.from)} → ${String(d.to)} ${ticket}${d.orderNo ? ` #${String(d.orderNo)}` : ''}`;
    case 'request':
      return d.invalid ? `invalid: ${String(d.invalid)}` : `${ticket} (${String(d.source)})`;
    case 'decision':
      return ((d.checks as Array<{ tier: string; rule: string; message: string }> | undefined) ?? [])
        .map((c) => `[${c.tier}] ${c.rule}: ${c.message}`)
        .join(' · ');
    case 'response':
      return d.error
        ? `error: ${String(d.error)}`
        : `${d.for ? `${String(d.for)} ` : ''}${String(d.outcome)}${d.orderNo ? ` #${String(d.orderNo)}` : ''}${d.message ? ` — ${String(d.message)}` : ''}`;
    case 'notice':
      return `${String(d.kind)} #${String(d.orderNo)} ${String(d.side)} ${String(d.qty)} × ${String(d.code)} @ ${String(d.price)}`;
    default:
      return JSON.stringify(d);
  }
}

export const journalCommand: Command = {
  name: 'journal',
  summary: 'Print the order journal of a day (주문 일지)',
  usage: 'journal [--date YYYYMMDD]',
  positionals: [0, 0],
  options: {
    date: { type: 'string', placeholder: 'YYYYMMDD', description: 'KST day (default: today)' },
  },
  async run(ctx) {
    const raw = ctx.options.date as string | undefined;
    if (raw !== undefined && !/^\d{8}$/.test(raw)) throw new UsageError(`--date is YYYYMMDD, got "${raw}".`);
    const day = raw ?? kstDay(Date.now());
    const page = readJournalDay(path.join(defaultDataDir(ctx.io.env), 'journal'), day);
    if (ctx.global.json) {
      ctx.io.out(JSON.stringify(page));
      return EXIT.ok;
    }
    if (page.entries.length === 0) ctx.io.out(`No journal entries for ${day}.`);
    for (const e of page.entries) {
      ctx.io.out(
        `${time(e.at)} ${e.mode.padEnd(5)} ${e.kind.padEnd(10)} ${(e.id ?? '-').padEnd(14)} ${summary(e)}`,
      );
    }
    if (page.damaged > 0) ctx.io.err(`${page.damaged} damaged line(s) skipped (a crash mid-write).`);
    return EXIT.ok;
  },
};
