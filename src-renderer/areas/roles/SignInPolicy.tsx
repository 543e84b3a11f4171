import { Alert, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import type { Me } from '../../api/session.js';
import { ErrorAlert } from '../../components/StateViews.js';

/**
 * The group's sign-in policy: whether PX Admins and Hospital Admins must use
 * two-step sign-in. A PX Admin of the whole group may switch it; everyone
 * else who sees roles reads it. (The station decides; this only shows.)
 */
export function SignInPolicy({ me }: { me: Me }) {
  const { t } = useTranslation('roles');
  const holds = usePermission();
  const settings = useCallQuery('groupSettings.get', {});
  const update = useCallMutation('groupSettings.update', ['groupSettings.get', 'totp.status']);
  const [failure, setFailure] = useState<unknown>(null);
  // the switch follows the hand at once; the station's answer confirms it, or puts it back with the reason
  const [chosen, setChosen] = useState<boolean | null>(null);
  const mayChange = holds('roles.write') && me.scope.kind === 'group';
  const checked = chosen ?? settings.data?.requireAdminTotp ?? false;

  const change = async (requireAdminTotp: boolean) => {
    setFailure(null);
    setChosen(requireAdminTotp);
    try {
      await update.mutateAsync({ requireAdminTotp });
      notifications.show({ color: 'teal', message: t('policy.saved') });
    } catch (error) {
      setFailure(error);
    } finally {
      setChosen(null);
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="sign-in-policy-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="sign-in-policy-title">
          {t('policy.title')}
        </Title>
        {settings.isError ? <ErrorAlert error={settings.error} /> : null}
        <Switch
          checked={checked}
          disabled={!mayChange || settings.isPending}
          onChange={(event) => void change(event.currentTarget.checked)}
          label={t('policy.requireAdminTotp')}
          description={t('policy.requireAdminTotpHint')}
        />
        {mayChange ? null : (
          <Text size="xs" c="dimmed">
            {t('policy.whoChanges')}
          </Text>
        )}
        {failure ? <ErrorAlert error={failure} /> : null}
        {checked ? (
          <Alert color="teal" variant="light">
            {t('policy.onNote')}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
