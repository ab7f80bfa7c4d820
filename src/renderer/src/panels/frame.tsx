/** What every panel shares: its link colour, the symbol it follows, and a header with both. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { IDockviewPanelProps } from 'dockview-react';
import { useT, type MessageKey } from '../i18n';
import { isLinkChoice, LINK_COLORS, symbolFor, withLink, type LinkChoice } from '../lib/link';
import { useFocusSymbol, useLinks } from '../stores/link';
import { ensureName, useMarket } from '../stores/market';

export interface PanelParams {
  link?: LinkChoice;
  code?: string;
  [key: string]: unknown;
}

export type PanelProps = IDockviewPanelProps<PanelParams>;

/** The panel's link choice and symbol; choosing a symbol drives the whole link group. */
export function usePanelSymbol(props: PanelProps): {
  link: LinkChoice;
  code: string | undefined;
  setLink(l: LinkChoice): void;
  setCode(code: string): void;
} {
  const [params, setParams] = useState<PanelParams>(props.params ?? {});
  useEffect(() => {
    const d = props.api.onDidParametersChange((p) => setParams({ ...(p as PanelParams) }));
    return () => d.dispose();
  }, [props.api]);
  const link: LinkChoice = isLinkChoice(params.link) ? params.link : 'none';
  const groups = useLinks((s) => s.groups);
  const setGroupSymbol = useLinks((s) => s.setSymbol);
  const code = symbolFor(link, typeof params.code === 'string' ? params.code : undefined, groups);
  const { api } = props;
  const setLink = useCallback(
    (l: LinkChoice) => {
      const next: PanelParams = withLink(params, l, groups);
      api.updateParameters(next);
      setParams(next);
    },
    [api, params, groups],
  );
  const setCode = useCallback(
    (c: string) => {
      useFocusSymbol.getState().setCode(c);
      if (link !== 'none') setGroupSymbol(link, c);
      const next = { ...params, code: c };
      api.updateParameters(next);
      setParams(next);
    },
    [api, params, link, setGroupSymbol],
  );
  return { link, code, setLink, setCode };
}

export function LinkPicker({ link, onChange }: { link: LinkChoice; onChange(l: LinkChoice): void }) {
  const t = useT();
  return (
    <select
      className={`link-picker link-${link}`}
      value={link}
      onChange={(e) => onChange(e.target.value as LinkChoice)}
      aria-label={t('link.label')}
      title={t('link.label')}
      data-testid="link-picker"
    >
      <option value="none">{t('link.none')}</option>
      {LINK_COLORS.map((c) => (
        <option key={c} value={c}>
          ● {t(`link.${c}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}

export function SymbolBadge({ code }: { code: string | undefined }) {
  const name = useMarket((s) => (code ? s.names[code] || s.quotes[code]?.name : undefined));
  useEffect(() => {
    if (code) ensureName(code);
  }, [code]);
  if (!code) return null;
  return (
    <span className="symbol-badge" data-testid="panel-symbol" data-code={code}>
      <b>{name || code}</b> <span className="dim">{code}</span>
    </span>
  );
}

export function PanelFrame({
  kind,
  titleKey,
  link,
  onLink,
  code,
  tools,
  children,
}: {
  kind: string;
  titleKey: MessageKey;
  link?: LinkChoice;
  onLink?: (l: LinkChoice) => void;
  code?: string | undefined;
  tools?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <section
      className={`panel panel-${kind} linked-${link ?? 'none'}`}
      aria-label={t(titleKey)}
      data-testid={`panel-${kind}`}
      data-link={link ?? 'none'}
      data-code={code ?? ''}
    >
      {(onLink || tools || code !== undefined) && (
        <header className="panel-head">
          {onLink && <LinkPicker link={link ?? 'none'} onChange={onLink} />}
          {code !== undefined && <SymbolBadge code={code} />}
          <span className="sb-spacer" />
          {tools}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
