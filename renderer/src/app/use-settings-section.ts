import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/domain/settings';
import { invoke, toApiError } from '../api/client';

/**
 * One section of the settings as a Settings card edits it: the saved value (null until read), the error of the
 * last read or save, and `save`, which writes the section alone and says so in a notification.
 */
export function useSettingsSection<K extends keyof Settings>(
  section: K,
  savedMessage: string,
  onLoad: (value: Settings[K]) => void,
) {
  const [saved, setSaved] = useState<Settings[K] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    invoke('settings:get', {}).then(
      (s) => {
        if (cancelled) return;
        setSaved(s[section]);
        onLoad(s[section]);
      },
      (err: unknown) => !cancelled && setError(toApiError(err).message),
    );
    return () => {
      cancelled = true;
    };
    // Read once when the card opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [section]);

  const save = async (value: Partial<Settings[K]>) => {
    setSaving(true);
    setError(null);
    try {
      const s = await invoke('settings:update', { [section]: value });
      setSaved(s[section]);
      notifications.show({ color: 'green', title: 'Settings saved', message: savedMessage });
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setSaving(false);
    }
  };

  return { saved, error, saving, save };
}
