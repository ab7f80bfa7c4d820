/** The confirmation dialog and the toast stack. */
import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { useConfirm } from '../stores/confirm';
import { focusOrder } from '../stores/order-focus';
import { useToasts } from '../stores/toasts';

export function ConfirmDialog() {
  const t = useT();
  const req = useConfirm((s) => s.request);
  const boxRef = useRef<HTMLDivElement>(null);
  const openedAt = useRef(0);
  // Focus goes to the dialog, not its OK button: the Enter that opened it (a ladder cell, the
  // ticket) must never also confirm it. A fresh Enter confirms; Escape cancels.
  useEffect(() => {
    if (!req) return;
    openedAt.current = performance.now();
    boxRef.current?.focus();
  }, [req]);
  if (!req) return null;
  return (
    <div className="modal-backdrop" onMouseDown={() => req.resolve(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={req.title}
        className={`modal ${req.side ? `side-${req.side}` : ''} ${req.danger ? 'danger' : ''}`}
        data-testid="confirm-dialog"
        onMouseDown={(e) => e.stopPropagation()}
        ref={boxRef}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            req.resolve(false);
          } else if (e.key === 'Enter' && e.target === e.currentTarget) {
            e.preventDefault();
            e.stopPropagation();
            if (!e.repeat && performance.now() - openedAt.current > 250) req.resolve(true);
          }
        }}
      >
        <h2 className={req.side ?? ''}>{req.title}</h2>
        {req.lines.length > 0 && (
          <dl className="modal-lines">
            {req.lines.map(([k, v]) => (
              <div key={k} className="kv">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
        <div className="modal-actions">
          <button
            type="button"
            className="tb-button"
            onClick={() => req.resolve(false)}
            data-testid="confirm-cancel"
          >
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={`submit ${req.side ?? 'neutral'}`}
            onClick={() => req.resolve(true)}
            data-testid="confirm-ok"
          >
            {req.okLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((x) => (
        <div
          key={x.id}
          className={`toast toast-${x.kind} ${x.side ? `side-${x.side}` : ''}`}
          role={x.kind === 'error' || x.kind === 'reject' ? 'alert' : 'status'}
          data-testid="toast"
          data-kind={x.kind}
          data-order-no={x.orderNo}
          onClick={() => {
            dismiss(x.id);
            if (x.orderNo) focusOrder(x.orderNo, x.kind === 'fill' ? 'exec' : 'open');
          }}
        >
          <b>{x.title}</b>
          {x.body && <div className="toast-body">{x.body}</div>}
        </div>
      ))}
    </div>
  );
}
