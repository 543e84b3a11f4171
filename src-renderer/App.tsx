import { Center, Container, DirectionProvider, MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createQueryClient, useCallQuery } from './api/hooks.js';
import { onSessionEnd, useSession } from './api/session.js';
import { ErrorState, LoadingState } from './components/StateViews.js';
import { applyLanguage, i18n, storedLanguage } from './i18n/index.js';
import { LoginScreen } from './auth/LoginScreen.js';
import { SetupScreen } from './auth/SetupScreen.js';
import { AppFrame } from './shell/AppFrame.js';
import { useMenuCommands } from './shell/useMenuCommands.js';
import { theme } from './theme.js';

/** Which screen the console is on: setup on a fresh station, login, or the signed-in console. */
function Root() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const status = useCallQuery('system.status', {}, { enabled: !session });
  useMenuCommands();

  // Signed in, the console speaks the user's remembered language.
  const preferred = session?.me.user.preferredLanguage;
  useEffect(() => {
    if (preferred) applyLanguage(preferred);
  }, [preferred]);

  // Signing out (or a 401) must not leave the last user's data in the cache,
  // nor a stale "needs setup" from before the first admin existed.
  useEffect(
    () =>
      onSessionEnd(() => {
        queryClient.clear();
        notifications.clean();
      }),
    [queryClient],
  );

  if (session) return <AppFrame session={session} />;
  if (status.isPending) return <LoadingState label={t('app.loadingStation')} />;
  if (status.isError) {
    return (
      <Center mih="100vh" p="md">
        <Container size="xs">
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        </Container>
      </Center>
    );
  }
  return status.data.needsSetup ? <SetupScreen /> : <LoginScreen />;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={storedLanguage() === 'ar' ? 'rtl' : 'ltr'} detectDirection>
        <MantineProvider theme={theme}>
          <Notifications position="top-center" />
          <QueryClientProvider client={queryClient}>
            <Root />
          </QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
