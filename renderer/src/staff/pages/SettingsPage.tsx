// Settings: one card per DisplayConfig field, generated from the schema (contracts/staff.ts settingRule), showing
// the value in force, where it comes from (default, config file, HQ, or changed here) and a control to change it.
import { useCallback, useEffect, useState } from 'react';
import type { UiLanguage } from '../../../../contracts/config.ts';
import type { SettingField, StaffMember, StaffSettings } from '../../../../contracts/staff.ts';
import { ApiCallError, call } from '../../api/client.ts';
import { formFields, type SaveOutcome } from '../settingsForm.ts';
import { st } from '../staffStrings.ts';
import { StaffSessionGone, type StaffCall } from '../useStaffCall.ts';
import { SettingCard } from './SettingCard.tsx';

const SETTINGS_POLL_MS = 5000;

export function SettingsPage({ lang, staffCall, me, onChanged }: { lang: UiLanguage; staffCall: StaffCall; me: StaffMember; onChanged: () => Promise<void> }) {
  const [settings, setSettings] = useState<StaffSettings | null>(null);
  // The built-in privacy notice (from the wall's status, when the agent has the wall) fills the empty notice fields.
  const [notice, setNotice] = useState<Record<string, string>>({});
  useEffect(() => {
    call('wall.status', {}).then((w) => setNotice({ zh: w.notice.zh, ...(w.notice.en ? { en: w.notice.en } : {}) }), () => {});
  }, []);

  // Read again every few seconds: HQ may change a setting (or take one back) while staff are looking.
  useEffect(() => {
    let cancelled = false;
    const load = () => staffCall('staff.settings', {}).then((s) => { if (!cancelled) setSettings(s); }, () => {});
    load();
    const timer = setInterval(load, SETTINGS_POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [staffCall]);

  const run = useCallback(async (op: () => Promise<StaffSettings>): Promise<SaveOutcome> => {
    try {
      setSettings(await op());
      await onChanged();
      return { ok: true };
    } catch (err) {
      if (err instanceof StaffSessionGone) return { ok: true };
      const detail = err instanceof ApiCallError ? err.message : String(err);
      return { ok: false, message: st(lang, 'saveFailed', { detail }) };
    }
  }, [lang, onChanged]);

  const save = useCallback((field: SettingField, value: unknown) => run(() => staffCall('staff.setSetting', { field, value })), [run, staffCall]);
  const clear = useCallback((field: SettingField) => run(() => staffCall('staff.clearSetting', { field })), [run, staffCall]);

  if (!settings) return <p className="staff-note">…</p>;
  return (
    <div className="staff-settings" data-testid="staff-settings">
      <p className="staff-note">{st(lang, 'settingsIntro')}</p>
      {formFields().map(({ field, rule }) => (
        <SettingCard
          key={field}
          field={field}
          rule={rule}
          lang={lang}
          settings={settings}
          me={me}
          onSave={(value) => save(field, value)}
          onClear={() => clear(field)}
          {...(field === 'privacyNotice' ? { placeholders: notice } : {})}
        />
      ))}
    </div>
  );
}
