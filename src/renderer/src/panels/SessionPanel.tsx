/** What this window is connected to, straight from the host. */
import { useT } from '../i18n';
import { useApp } from '../stores/app';
import { formatKstTime } from '../lib/format';

export function SessionPanel() {
  const t = useT();
  const info = useApp((s) => s.info);
  const status = useApp((s) => s.status);
  const link = useApp((s) => s.link);
  if (!info) return null;
  const rows: Array<[string, string]> = [
    [t('session.mode'), `${info.mode.toUpperCase()} (${t(`mode.${info.mode}`)})`],
    [t('session.version'), info.version],
    [t('session.transport'), info.transport],
    [t('session.host'), t(`link.${link}`)],
    [t('session.platform'), info.platform],
  ];
  if (status) {
    rows.push([t('session.connection'), t(`conn.${status.connection.state}`)]);
    rows.push([t('session.since'), `${formatKstTime(status.connection.since)} KST`]);
    if (status.connection.detail) rows.push([t('session.detail'), status.connection.detail]);
  }
  return (
    <section className="panel session-panel" aria-label={t('panel.session')}>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="kv">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
