/** Today's order journal (or another KST day): filters, newest first, CSV / JSONL export. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JournalEntry, JournalPage } from '../../../shared/contract/safety';
import { getBridge } from '../bridge';
import { useT } from '../i18n';
import { toCsv } from '../lib/csv';
import { describeError } from '../lib/errors';
import { formatKstTime, formatQty, formatWon, kstParts } from '../lib/format';
import { Empty, PanelFrame, type PanelProps } from './frame';

export interface JournalRow {
  key: string;
  at: number;
  kind: string;
  code: string;
  side: string;
  qty: number | undefined;
  price: number | undefined;
  state: string;
  message: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Journal entries carry free-form data; pull out the columns a trader reads. */
export function journalRow(e: JournalEntry, i: number): JournalRow {
  const d = e.data;
  const ticket = (typeof d.ticket === 'object' && d.ticket ? d.ticket : {}) as Record<string, unknown>;
  return {
    key: `${e.at}-${i}`,
    at: e.at,
    kind: e.kind,
    code: str(d.code ?? ticket.code),
    side: str(d.side ?? ticket.side),
    qty: num(d.qty ?? ticket.qty),
    price: num(d.price ?? ticket.price),
    state: str(d.state ?? d.to ?? d.tier ?? d.decision),
    message: str(d.message ?? d.msg1 ?? d.reason ?? d.detail),
  };
}

export interface JournalFilter {
  kind: string;
  code: string;
  side: string;
  text: string;
}

export function filterJournal(rows: JournalRow[], f: JournalFilter): JournalRow[] {
  const text = f.text.trim().toLowerCase();
  return rows
    .filter(
      (r) =>
        (!f.kind || r.kind === f.kind) &&
        (!f.code || r.code.includes(f.code.trim().toUpperCase())) &&
        (!f.side || r.side === f.side) &&
        (!text || JSON.stringify(r).toLowerCase().includes(text)),
    )
    .sort((a, b) => b.at - a.at);
}

function download(name: string, body: string, type: string) {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function JournalPanel(_props: PanelProps) {
  const t = useT();
  const [date, setDate] = useState(() => kstParts(Date.now()).ymd);
  const [page, setPage] = useState<JournalPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<JournalFilter>({ kind: '', code: '', side: '', text: '' });
  const load = useCallback(() => {
    if (!/^\d{8}$/.test(date)) return;
    getBridge()
      .api.safety.journal({ date })
      .then((p) => {
        setPage(p);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [date]);
  useEffect(() => {
    load();
    return getBridge().api.orders.changed(undefined, () => load());
  }, [load]);
  const all = useMemo(() => (page ? page.entries.map(journalRow) : []), [page]);
  const rows = useMemo(() => filterJournal(all, filter), [all, filter]);
  const kinds = useMemo(() => [...new Set(all.map((r) => r.kind))].sort(), [all]);
  const entriesOf = () => {
    const keep = new Set(rows.map((r) => r.key));
    return (page?.entries ?? []).filter((e, i) => keep.has(`${e.at}-${i}`));
  };
  const exportCsv = () =>
    download(
      `journal-${date}.csv`,
      toCsv(
        ['time', 'kind', 'symbol', 'side', 'qty', 'price', 'state', 'message'],
        rows.map((r) => [
          new Date(r.at).toISOString(),
          r.kind,
          r.code,
          r.side,
          r.qty ?? '',
          r.price ?? '',
          r.state,
          r.message,
        ]),
      ),
      'text/csv',
    );
  const exportJsonl = () =>
    download(
      `journal-${date}.jsonl`,
      entriesOf()
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n',
      'application/x-ndjson',
    );
  const set = (p: Partial<JournalFilter>) => setFilter((f) => ({ ...f, ...p }));

  return (
    <PanelFrame
      kind="journal"
      titleKey="panel.journal"
      tools={
        <span className="journal-tools">
          <input
            aria-label={t('jr.date')}
            data-testid="journal-date"
            className="num-input"
            value={date}
            maxLength={8}
            placeholder="YYYYMMDD"
            onChange={(e) => setDate(e.target.value.replace(/\D/g, ''))}
          />
          <select
            aria-label={t('jr.kind')}
            value={filter.kind}
            onChange={(e) => set({ kind: e.target.value })}
          >
            <option value="">{t('jr.all')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <input
            aria-label={t('jr.symbol')}
            placeholder={t('jr.symbol')}
            size={7}
            value={filter.code}
            onChange={(e) => set({ code: e.target.value })}
          />
          <select
            aria-label={t('jr.side')}
            value={filter.side}
            onChange={(e) => set({ side: e.target.value })}
          >
            <option value="">{t('jr.all')}</option>
            <option value="buy">buy</option>
            <option value="sell">sell</option>
          </select>
          <input
            aria-label={t('jr.search')}
            placeholder={t('jr.search')}
            data-testid="journal-search"
            value={filter.text}
            onChange={(e) => set({ text: e.target.value })}
          />
          <button type="button" className="tb-button" onClick={load} data-testid="journal-refresh">
            {t('jr.refresh')}
          </button>
          <button type="button" className="tb-button" onClick={exportCsv} disabled={!rows.length}>
            CSV
          </button>
          <button type="button" className="tb-button" onClick={exportJsonl} disabled={!rows.length}>
            JSONL
          </button>
        </span>
      }
    >
      {error && <div className="error-text">{error}</div>}
      {page && page.damaged > 0 && <div className="warn-text">{t('jr.damaged', { n: page.damaged })}</div>}
      {page && !rows.length ? (
        <Empty>{t('jr.empty')}</Empty>
      ) : (
        <table className="journal-table" data-testid="journal-table" data-count={rows.length}>
          <thead>
            <tr>
              <th>{t('jr.time')}</th>
              <th>{t('jr.kind')}</th>
              <th>{t('jr.symbol')}</th>
              <th>{t('jr.side')}</th>
              <th>{t('jr.qty')}</th>
              <th>{t('jr.price')}</th>
              <th>{t('jr.state')}</th>
              <th>{t('jr.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-kind={r.kind} className={r.side ? `side-${r.side}` : ''}>
                <td>{formatKstTime(r.at)}</td>
                <td>{r.kind}</td>
                <td>{r.code}</td>
                <td className={r.side === 'buy' ? 'up' : r.side === 'sell' ? 'down' : ''}>{r.side}</td>
                <td className="num">{r.qty === undefined ? '' : formatQty(r.qty)}</td>
                <td className="num">{r.price === undefined ? '' : formatWon(r.price)}</td>
                <td>{r.state}</td>
                <td className="msg" title={r.message}>
                  {r.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PanelFrame>
  );
}
