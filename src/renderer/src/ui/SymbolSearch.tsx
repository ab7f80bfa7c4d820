/** Search box: code, Korean name, English name and 초성 ("ㅅㅅㅈㅈ" → 삼성전자), keyboard first. */
import { useEffect, useRef, useState } from 'react';
import type { Instrument } from '../../../shared/domain/instruments';
import { getBridge } from '../bridge';
import { useT } from '../i18n';
import { describeError } from '../lib/errors';

export function SymbolSearch({
  onPick,
  testId = 'symbol-search',
}: {
  onPick(i: Instrument): void;
  testId?: string;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [found, setResults] = useState<Instrument[]>([]);
  const results = query.trim() ? found : [];
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) return;
    getBridge()
      .api.market.search({ query: q.slice(0, 40), limit: 12 })
      .then((r) => {
        if (mine !== seq.current) return;
        setResults(r);
        setActive(0);
        setError(null);
      })
      .catch((e: unknown) => mine === seq.current && setError(describeError(e)));
  }, [query]);

  const pick = (i: Instrument | undefined) => {
    if (!i) return;
    onPick(i);
    setQuery('');
    setResults([]);
    setOpen(false);
  };

  return (
    <div className="symbol-search">
      <input
        type="search"
        value={query}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        data-testid={testId}
        data-hotkey-target="search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-autocomplete="list"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            pick(results[active]);
          } else if (e.key === 'Escape') {
            setQuery('');
            setOpen(false);
          }
        }}
      />
      {open && query.trim() && (
        <ul className="search-results" role="listbox" data-testid={`${testId}-results`}>
          {error && <li className="error-text">{error}</li>}
          {!error && results.length === 0 && <li className="dim">{t('search.noResults')}</li>}
          {results.map((r, i) => (
            <li
              key={r.code}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              data-testid="search-result"
              data-code={r.code}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(r);
              }}
            >
              <span className="code">{r.code}</span> <b>{r.name}</b> <span className="dim">{r.nameEn}</span>
              <span className="dim market">{r.market}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
