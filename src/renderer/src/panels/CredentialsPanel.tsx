/**
 * Accounts and keys: what the vault holds (never the keys themselves), a form per environment,
 * kis_devlp.yaml import, forget, logout, the connection test, and the demo / paper / REAL switch
 * (REAL is typed to confirm). In the browser every action is shown disabled with the host's reason.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  REAL_CONFIRMATION,
  type ConnectionTestResult,
  type CredentialEnv,
  type CredentialStatus,
} from '../../../shared/contract/windows';
import type { Mode } from '../../../shared/domain/mode';
import { getBridge } from '../bridge';
import { useT, type MessageKey } from '../i18n';
import {
  draftErrors,
  EMPTY_DRAFT,
  isConfigured,
  modeBlock,
  toInput,
  type CredentialDraft,
  type CredentialField,
} from '../lib/credentials';
import { describeError } from '../lib/errors';
import { formatKstDateTime } from '../lib/format';
import { useApp } from '../stores/app';
import { confirmAction } from '../stores/confirm';
import { toast } from '../stores/toasts';
import { PanelFrame, type PanelProps } from './frame';

const ENVS: readonly CredentialEnv[] = ['paper', 'real'];
const MODES: readonly Mode[] = ['demo', 'paper', 'real'];
const FIELDS: ReadonlyArray<{
  field: CredentialField;
  label: MessageKey;
  secret: boolean;
  placeholder?: string;
}> = [
  { field: 'appKey', label: 'cred.appKey', secret: true },
  { field: 'appSecret', label: 'cred.appSecret', secret: true },
  { field: 'account', label: 'cred.account', secret: false, placeholder: '12345678-01' },
  { field: 'htsId', label: 'cred.htsId', secret: false },
];

const modeKey = (m: Mode) => `mode.${m}` as MessageKey;

export function CredentialsPanel(_props: PanelProps) {
  const t = useT();
  const desktop = getBridge().kind === 'electron';
  const runningMode = useApp((s) => s.status?.mode ?? s.info?.mode);
  const [status, setStatus] = useState<CredentialStatus | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tests, setTests] = useState<Partial<Record<CredentialEnv, ConnectionTestResult | string>>>({});
  const [restarting, setRestarting] = useState<Mode | null>(null);
  const [realDialog, setRealDialog] = useState(false);

  const fail = useCallback(
    (title: MessageKey) => (e: unknown) => toast({ kind: 'error', title: t(title), body: describeError(e) }),
    [t],
  );
  useEffect(() => {
    let live = true;
    getBridge()
      .api.credentials.status()
      .then((s) => live && setStatus(s))
      .catch(fail('panel.accounts'));
    return () => {
      live = false;
    };
  }, [fail]);

  if (!status)
    return (
      <PanelFrame kind="accounts" titleKey="panel.accounts">
        <div className="empty">{t('common.loading')}</div>
      </PanelFrame>
    );
  /** Set when nothing here can be done on this host; every action shows it as its title. */
  // In the browser the reason is always the same one, said in the trader's language.
  const blocked = status.available
    ? undefined
    : getBridge().kind === 'web'
      ? t('cred.webOnly')
      : (status.reason ?? t('cred.unavailable'));
  const run = <T,>(key: string, p: () => Promise<T>, title: MessageKey, then: (v: T) => void) => {
    setBusy(key);
    p()
      .then(then)
      .catch(fail(title))
      .finally(() => setBusy(null));
  };

  const importYaml = () =>
    run(
      'import',
      () => getBridge().api.credentials.importYaml({ envs: ['paper', 'real'] }),
      'cred.import',
      (r) => {
        setStatus(r.status);
        if (r.imported.length)
          toast({
            kind: 'ok',
            title: t('cred.imported', { envs: r.imported.map((e) => t(modeKey(e))).join(', ') }),
          });
      },
    );

  const forget = async (env: CredentialEnv) => {
    const ok = await confirmAction({
      title: t('cred.forgetConfirm', { env: t(modeKey(env)) }),
      lines: [],
      danger: env === 'real',
      okLabel: t('cred.forget'),
    });
    if (ok)
      run(
        `forget-${env}`,
        () => getBridge().api.credentials.forget({ env }),
        'cred.forget',
        (s) => {
          setStatus(s);
          setTests((x) => ({ ...x, [env]: undefined }));
        },
      );
  };

  const logout = async () => {
    const ok = await confirmAction({ title: t('cred.logoutConfirm'), lines: [], okLabel: t('cred.logout') });
    if (ok)
      run(
        'logout',
        () => getBridge().api.credentials.logout(),
        'cred.logout',
        (s) => {
          setStatus(s);
          toast({ kind: 'ok', title: t('cred.loggedOut') });
        },
      );
  };

  const test = (env: CredentialEnv) => {
    setTests((x) => ({ ...x, [env]: undefined }));
    setBusy(`test-${env}`);
    getBridge()
      .api.credentials.test({ env })
      .then((r) => setTests((x) => ({ ...x, [env]: r })))
      .catch((e: unknown) => setTests((x) => ({ ...x, [env]: describeError(e) })))
      .finally(() => setBusy(null));
  };

  const switchTo = async (mode: Mode, confirm?: string) => {
    if (mode !== 'real') {
      const ok = await confirmAction({
        title: t('cred.switchConfirm', { mode: t(modeKey(mode)) }),
        lines: [],
        okLabel: t('cred.restart'),
      });
      if (!ok) return;
    }
    run(
      'mode',
      () => getBridge().api.credentials.switchMode({ mode, ...(confirm ? { confirm } : {}) }),
      'cred.mode',
      (r) => {
        setStatus((s) => (s ? { ...s, startMode: r.mode } : s));
        if (r.restart) setRestarting(r.mode);
        else toast({ kind: 'ok', title: t('cred.modeStored', { mode: t(modeKey(r.mode)) }) });
      },
    );
  };

  const modeTitle = (m: Mode): string | undefined => {
    const why = modeBlock(m, status, desktop);
    if (why === 'web') return `${blocked ?? ''} ${t('cred.fixedMode')}`.trim();
    if (why === 'vault') return blocked;
    if (why === 'keys') return t('cred.needKeys', { env: t(modeKey(m)) });
    return undefined;
  };

  return (
    <PanelFrame kind="accounts" titleKey="panel.accounts">
      <div className="settings credentials" data-testid="credentials" data-available={status.available}>
        {blocked && (
          <p className="warn-text" role="note" data-testid="cred-reason">
            {blocked}
          </p>
        )}

        <h3>{t('cred.vault')}</h3>
        <table className="data-table" data-testid="cred-status">
          <thead>
            <tr>
              <th />
              <th>{t('cred.state')}</th>
              <th>{t('cred.account')}</th>
              <th>{t('cred.htsId')}</th>
              <th>{t('cred.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {status.environments.map((e) => (
              <tr key={e.env} data-testid="cred-env" data-env={e.env} data-configured={e.configured}>
                <td>{t(modeKey(e.env))}</td>
                <td>{e.configured ? t('cred.configured') : t('cred.notConfigured')}</td>
                <td data-testid="cred-account-masked">{e.accountMasked ?? '–'}</td>
                <td>{e.hasHtsId ? t('cred.htsPresent') : '–'}</td>
                <td>{e.updatedAt ? formatKstDateTime(e.updatedAt) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="settings-grid">
          <span>{t('cred.backend')}</span>
          <span data-testid="cred-backend">{status.backend ?? '–'}</span>
        </div>
        <div className="settings-actions">
          <button
            type="button"
            className="tb-button"
            data-testid="cred-import"
            disabled={!!blocked || busy !== null}
            title={blocked}
            onClick={importYaml}
          >
            {t('cred.import')}
          </button>
          <button
            type="button"
            className="tb-button"
            data-testid="cred-logout"
            disabled={!!blocked || busy !== null}
            title={blocked}
            onClick={() => void logout()}
          >
            {t('cred.logout')}
          </button>
        </div>

        {ENVS.map((env) => (
          <EnvForm
            key={env}
            env={env}
            configured={isConfigured(status, env)}
            blocked={blocked}
            busy={busy}
            result={tests[env]}
            onSaved={setStatus}
            onBusy={setBusy}
            onForget={() => void forget(env)}
            onTest={() => test(env)}
          />
        ))}

        <h3>{t('cred.mode')}</h3>
        <div className="settings-grid" data-testid="cred-mode" data-start-mode={status.startMode ?? ''}>
          <span>{t('cred.modeNow')}</span>
          <span data-testid="cred-mode-now">
            {runningMode ? t(modeKey(runningMode)) : '–'}
            {status.startMode && status.startMode !== runningMode
              ? ` → ${t('cred.nextStart', { mode: t(modeKey(status.startMode)) })}`
              : ''}
          </span>
          <span>{t('cred.switchTo')}</span>
          <span className="settings-actions" style={{ padding: 0 }}>
            {MODES.map((m) => {
              const title = modeTitle(m);
              return (
                <button
                  key={m}
                  type="button"
                  className={`tb-button ${m === 'real' ? 'danger' : ''}`}
                  data-testid={`cred-mode-${m}`}
                  aria-pressed={status.startMode === m}
                  disabled={!!title || busy !== null || restarting !== null}
                  title={title}
                  onClick={() => (m === 'real' ? setRealDialog(true) : void switchTo(m))}
                >
                  {t(modeKey(m))}
                </button>
              );
            })}
          </span>
        </div>
        {restarting && (
          <p className="warn-text" role="status" data-testid="cred-restarting">
            {t('cred.restarting', { mode: t(modeKey(restarting)) })}
          </p>
        )}
        {realDialog && (
          <RealConfirmDialog
            onCancel={() => setRealDialog(false)}
            onConfirm={(typed) => {
              setRealDialog(false);
              void switchTo('real', typed);
            }}
          />
        )}
      </div>
    </PanelFrame>
  );
}

function EnvForm({
  env,
  configured,
  blocked,
  busy,
  result,
  onSaved,
  onBusy,
  onForget,
  onTest,
}: {
  env: CredentialEnv;
  configured: boolean;
  blocked: string | undefined;
  busy: string | null;
  result: ConnectionTestResult | string | undefined;
  onSaved(s: CredentialStatus): void;
  onBusy(key: string | null): void;
  onForget(): void;
  onTest(): void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<CredentialDraft>(EMPTY_DRAFT);
  const [touched, setTouched] = useState<Partial<Record<CredentialField, boolean>>>({});
  const errors = draftErrors(env, draft);
  const shown = (f: CredentialField) => touched[f] && errors.has(f);
  const save = () => {
    if (blocked || errors.size) return;
    onBusy(`save-${env}`);
    getBridge()
      .api.credentials.save(toInput(env, draft))
      .then((s) => {
        // The keys have gone to main; nothing of them stays in this window.
        setDraft(EMPTY_DRAFT);
        setTouched({});
        onSaved(s);
        toast({ kind: 'ok', title: t('cred.saved', { env: t(modeKey(env)) }) });
      })
      .catch((e: unknown) => toast({ kind: 'error', title: t('common.save'), body: describeError(e) }))
      .finally(() => onBusy(null));
  };
  const testing = busy === `test-${env}`;
  return (
    <form
      className="cred-env"
      data-testid={`cred-form-${env}`}
      aria-label={t('cred.formTitle', { env: t(modeKey(env)) })}
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h3>{t('cred.formTitle', { env: t(modeKey(env)) })}</h3>
      <div className="settings-grid">
        {FIELDS.map(({ field, label, secret, placeholder }) => {
          const id = `cred-${env}-${field}`;
          return [
            <label key={`${id}-l`} htmlFor={id}>
              {t(label)}
              {field === 'htsId' ? ` (${t('cred.optional')})` : ''}
            </label>,
            <span key={`${id}-i`}>
              <input
                id={id}
                name={field}
                type={secret ? 'password' : 'text'}
                autoComplete={secret ? 'new-password' : 'off'}
                spellCheck={false}
                placeholder={placeholder}
                value={draft[field]}
                disabled={!!blocked}
                title={blocked}
                aria-invalid={shown(field) || undefined}
                aria-describedby={shown(field) ? `${id}-err` : undefined}
                data-testid={`cred-input-${field}`}
                onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
                onBlur={() => setTouched((x) => ({ ...x, [field]: true }))}
              />{' '}
              {shown(field) && (
                <span
                  id={`${id}-err`}
                  className="error-text"
                  style={{ display: 'block' }}
                  data-testid={`cred-${field}-error`}
                >
                  {t(`cred.err.${field}` as MessageKey)}
                </span>
              )}
            </span>,
          ];
        })}
      </div>
      {configured && <p className="dim">{t('cred.secretsHidden')}</p>}
      <div className="settings-actions">
        <button
          type="submit"
          className="tb-button"
          data-testid="cred-save"
          disabled={!!blocked || errors.size > 0 || busy !== null}
          title={blocked}
        >
          {t('common.save')}
        </button>
        <button
          type="button"
          className="tb-button"
          data-testid="cred-test"
          disabled={!!blocked || !configured || busy !== null}
          title={blocked ?? (configured ? undefined : t('cred.needKeys', { env: t(modeKey(env)) }))}
          onClick={onTest}
        >
          {testing ? t('cred.testing') : t('cred.test')}
        </button>
        <button
          type="button"
          className="tb-button"
          data-testid="cred-forget"
          disabled={!!blocked || !configured || busy !== null}
          title={blocked}
          onClick={onForget}
        >
          {t('cred.forget')}
        </button>
      </div>
      {result !== undefined && <TestResult result={result} />}
    </form>
  );
}

function TestResult({ result }: { result: ConnectionTestResult | string }) {
  const t = useT();
  if (typeof result === 'string')
    return (
      <p className="error-text" role="alert" data-testid="cred-test-result" data-ok="false">
        {result}
      </p>
    );
  return (
    <div data-testid="cred-test-result" data-ok={result.ok} role="status">
      <b style={{ color: result.ok ? 'var(--ok)' : 'var(--bad)' }}>
        {result.ok ? t('cred.testOk') : t('cred.testFailed')}
      </b>
      <ul>
        {result.steps.map((s) => (
          <li key={s.step} data-testid="cred-test-step" data-step={s.step} data-ok={s.ok}>
            <span style={{ color: s.ok ? 'var(--ok)' : s.skipped ? 'var(--text-dim)' : 'var(--bad)' }}>
              {s.ok ? '✓' : s.skipped ? '–' : '✗'}
            </span>{' '}
            {t(`cred.step.${s.step}` as MessageKey)}
            {s.ms !== undefined ? <span className="dim"> · {Math.round(s.ms)} ms</span> : null}
            {s.message && <div className={s.ok ? 'dim' : 'error-text'}>{s.message}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RealConfirmDialog({ onCancel, onConfirm }: { onCancel(): void; onConfirm(typed: string): void }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const matches = typed.trim() === REAL_CONFIRMATION;
  return (
    <div className="modal-backdrop" onMouseDown={onCancel}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={t('cred.realTitle')}
        className="modal danger"
        data-testid="real-confirm-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2>{t('cred.realTitle')}</h2>
        <p>{t('cred.realWarning', { word: REAL_CONFIRMATION })}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (matches) onConfirm(typed.trim());
          }}
        >
          <label htmlFor="cred-real-confirm">{t('cred.realInput', { word: REAL_CONFIRMATION })}</label>{' '}
          <input
            id="cred-real-confirm"
            ref={input}
            autoComplete="off"
            spellCheck={false}
            value={typed}
            data-testid="real-confirm-input"
            data-hotkey-capture="true"
            onChange={(e) => setTyped(e.target.value)}
          />
          <div className="modal-actions" style={{ marginTop: 12 }}>
            <button type="button" className="tb-button" data-testid="real-confirm-cancel" onClick={onCancel}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="submit" data-testid="real-confirm-ok" disabled={!matches}>
              {t('cred.realOk')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
