import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { call, isApiError } from '../api/client.js';
import { getSession, updateMe } from '../api/session.js';
import { applyLanguage, pick, type Language } from '../i18n/index.js';

/**
 * Switch the console's language. Signed in, the choice is remembered for
 * the user on the station (auth.setLanguage); before sign-in, on this machine.
 */
export function useSwitchLanguage(): (language: Language) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (language: Language) => {
      applyLanguage(language);
      const session = getSession();
      if (!session || session.me.user.preferredLanguage === language) return;
      const previous = session.me;
      updateMe({ ...previous, user: { ...previous.user, preferredLanguage: language } });
      call('auth.setLanguage', { language })
        .then(() => queryClient.invalidateQueries({ queryKey: ['auth.me'] }))
        .catch((error: unknown) => {
          // the screen stays in the chosen language; only remembering it failed
          notifications.show({ color: 'red', message: isApiError(error) ? pick(error.bilingual, language) : String(error) });
        });
    },
    [queryClient],
  );
}
