/** Preferences and the hotkey editor (press-to-record, conflicts shown and blocking save). */
import { useState } from 'react';
import type { Keymap, Preferences } from '../../../shared/contract';
import { useT, type MessageKey } from '../i18n';
import { describeError } from '../lib/errors';
import { chordOfEvent, findConflicts, normalizeChord } from '../lib/keymap';
import { updateSettings, useSettings } from '../stores/settings';
import { toast } from '../stores/toasts';
import { CapabilityNotes, DailyLossSetting } from './DailyLossSetting';
import { PanelFrame, type PanelProps } from './frame';

export function SettingsPanel(_props: PanelProps) {
  const t = useT();
  const settings = useSettings((s) => s.settings);
  const [edited, setDraft] = useState<Keymap | null>(null);
  const draft: Keymap = edited ?? settings?.keymap ?? {};
  const [recording, setRecording] = useState<string | null>(null);
  const conflicts = findConflicts(draft);
  const conflictOf = (action: string) => {
    const chord = normalizeChord(draft[action] ?? '');
    return conflicts.get(chord)?.filter((a) => a !== action);
  };
  if (!settings) return null;
  const prefs = settings.preferences;
  const setPref = (p: Partial<Preferences>) =>
    updateSettings({ preferences: p }).catch((e: unknown) =>
      toast({ kind: 'error', title: t('set.prefs'), body: describeError(e) }),
    );
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings.keymap);

  return (
    <PanelFrame kind="settings" titleKey="panel.settings">
      <div className="settings">
        <DailyLossSetting />
        <CapabilityNotes />
        <h3>{t('set.prefs')}</h3>
        <div className="settings-grid">
          <label htmlFor="pref-color">{t('set.colorConvention')}</label>
          <select
            id="pref-color"
            value={prefs.colorConvention}
            data-testid="pref-color"
            onChange={(e) =>
              void setPref({ colorConvention: e.target.value as Preferences['colorConvention'] })
            }
          >
            <option value="korean">{t('set.korean')}</option>
            <option value="western">{t('set.western')}</option>
          </select>
          <label htmlFor="pref-ladder">{t('set.ladderClick')}</label>
          <select
            id="pref-ladder"
            value={prefs.ladderClick}
            data-testid="pref-ladder-click"
            onChange={(e) => void setPref({ ladderClick: e.target.value as Preferences['ladderClick'] })}
          >
            <option value="single">{t('set.single')}</option>
            <option value="double">{t('set.double')}</option>
          </select>
          <label htmlFor="pref-confirm">{t('set.confirmOrders')}</label>
          <span>
            <input
              id="pref-confirm"
              type="checkbox"
              checked={prefs.confirmOrders}
              data-testid="pref-confirm"
              onChange={(e) => void setPref({ confirmOrders: e.target.checked })}
            />{' '}
            <span className="dim">{t('set.realConfirm')}</span>
          </span>
          <label htmlFor="pref-sounds">{t('set.sounds')}</label>
          <input
            id="pref-sounds"
            type="checkbox"
            checked={prefs.sounds}
            data-testid="pref-sounds"
            onChange={(e) => void setPref({ sounds: e.target.checked })}
          />
          <label htmlFor="pref-qty">{t('set.hotkeyQty')}</label>
          <input
            id="pref-qty"
            className="num-input"
            type="number"
            min={1}
            value={prefs.hotkeyQty}
            data-testid="pref-hotkey-qty"
            onChange={(e) => {
              const n = Math.floor(Number(e.target.value));
              if (n >= 1) void setPref({ hotkeyQty: n });
            }}
          />
        </div>
        <h3>{t('set.keymap')}</h3>
        <table className="data-table keymap" data-testid="keymap-editor">
          <thead>
            <tr>
              <th>{t('set.action')}</th>
              <th>{t('set.key')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {Object.keys(draft).map((action) => {
              const clash = conflictOf(action);
              return (
                <tr
                  key={action}
                  data-testid="keymap-row"
                  data-action={action}
                  className={clash?.length ? 'conflict' : ''}
                >
                  <td>{t(`act.${action}` as MessageKey)}</td>
                  <td>
                    <button
                      type="button"
                      className={`key-cap ${recording === action ? 'recording' : ''}`}
                      data-testid="keymap-key"
                      data-hotkey-capture={recording === action ? 'true' : undefined}
                      onClick={() => setRecording(action)}
                      onBlur={() => setRecording((r) => (r === action ? null : r))}
                      onKeyDown={(e) => {
                        if (recording !== action) return;
                        const chord = chordOfEvent(e.nativeEvent);
                        if (!chord) return;
                        e.preventDefault();
                        e.stopPropagation();
                        setDraft({ ...draft, [action]: chord });
                        setRecording(null);
                      }}
                    >
                      {recording === action ? t('set.press') : draft[action]}
                    </button>
                  </td>
                  <td className="error-text" data-testid={clash?.length ? 'keymap-conflict' : undefined}>
                    {clash?.length
                      ? t('set.conflict', {
                          actions: clash.map((a) => t(`act.${a}` as MessageKey)).join(', '),
                        })
                      : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="settings-actions">
          {conflicts.size > 0 && <span className="error-text">{t('set.conflictsBlock')}</span>}
          <button
            type="button"
            className="tb-button"
            disabled={!dirty || conflicts.size > 0}
            data-testid="keymap-save"
            onClick={() =>
              void updateSettings({ keymap: draft })
                .then(() => {
                  setDraft(null);
                  toast({ kind: 'ok', title: t('set.saved') });
                })
                .catch((e: unknown) =>
                  toast({ kind: 'error', title: t('set.keymap'), body: describeError(e) }),
                )
            }
          >
            {t('common.save')}
          </button>
          <button type="button" className="tb-button" disabled={!dirty} onClick={() => setDraft(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </PanelFrame>
  );
}
