import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolment } from '../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery } from '../api/hooks.js';
import type { Me } from '../api/session.js';
import { RecoveryCodes } from '../auth/RecoveryCodes.js';
import { TotpSetup } from '../auth/TotpSetup.js';
import { DateTimeText, Fact } from '../components/bits.js';
import { ErrorAlert, LoadingState } from '../components/StateViews.js';
import { useForm } from '../components/useForm.js';

type Stage = { kind: 'status' } | { kind: 'setup'; enrolment: TotpEnrolment } | { kind: 'codes'; codes: string[] };

/** My two-step sign-in, from the user menu: set up an authenticator app (then the recovery codes, once), or turn it off with a code. */
export function TwoStepModal({ opened, onClose, me }: { opened: boolean; onClose: () => void; me: Me }) {
  const { t } = useTranslation();
  const status = useCallQuery('totp.status', {}, { enabled: opened });
  const begin = useCallMutation('totp.begin');
  const confirm = useCallMutation('totp.confirm', ['totp.status']);
  const disable = useCallMutation('totp.disable', ['totp.status']);
  const [stage, setStage] = useState<Stage>({ kind: 'status' });
  const [startFailure, setStartFailure] = useState<unknown>(null);
  const form = useForm({ code: '' });
  const { reset } = form;

  useEffect(() => {
    if (opened) {
      setStage({ kind: 'status' });
      setStartFailure(null);
      reset({ code: '' });
    }
  }, [opened, reset]);

  const start = async () => {
    setStartFailure(null);
    try {
      setStage({ kind: 'setup', enrolment: await begin.mutateAsync({}) });
      reset({ code: '' });
    } catch (error) {
      setStartFailure(error);
    }
  };

  const submitSetup = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await form.submit('totp.confirm', { code: form.values.code }, confirm.mutateAsync);
    if (done) setStage({ kind: 'codes', codes: done.recoveryCodes });
  };

  const submitDisable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await form.submit('totp.disable', { code: form.values.code }, disable.mutateAsync);
    if (done) {
      notifications.show({ color: 'teal', message: t('auth.turnedOff') });
      onClose();
    }
  };

  const finish = () => {
    notifications.show({ color: 'teal', message: t('auth.turnedOn') });
    onClose();
  };

  const body = () => {
    if (stage.kind === 'codes') return <RecoveryCodes codes={stage.codes} onDone={finish} />;
    if (stage.kind === 'setup') {
      return (
        <form onSubmit={(event) => void submitSetup(event)} noValidate>
          <Stack gap="md">
            <TotpSetup enrolment={stage.enrolment} username={me.user.username} code={form.text('code')} />
            {form.failure ? <ErrorAlert error={form.failure} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={form.busy}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={form.busy}>
                {t('auth.turnOn')}
              </Button>
            </Group>
          </Stack>
        </form>
      );
    }
    if (status.isPending) return <LoadingState label={t('common.loading')} />;
    if (status.isError) return <ErrorAlert error={status.error} />;
    const { enrolled, enrolledAt, recoveryCodesLeft, required } = status.data;
    return (
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {enrolled ? <IconShieldCheck color="var(--mantine-color-teal-7)" aria-hidden /> : <IconShieldOff color="var(--mantine-color-gray-6)" aria-hidden />}
          <Stack gap={4}>
            <Text size="sm" fw={enrolled ? 500 : undefined}>
              {enrolled ? t('auth.twoStepOn') : t('auth.twoStepOff')}
            </Text>
            {enrolled && enrolledAt ? (
              <Fact label={t('auth.twoStepSince')}>
                <DateTimeText value={enrolledAt} />
              </Fact>
            ) : null}
            {required ? (
              <Badge color="orange" variant="light" style={{ alignSelf: 'flex-start' }}>
                {t('auth.twoStepRequired')}
              </Badge>
            ) : null}
            {enrolled ? (
              <Text size="sm" c={recoveryCodesLeft <= 2 ? 'red' : 'dimmed'}>
                {t('auth.codesLeft', { count: recoveryCodesLeft })}
              </Text>
            ) : null}
          </Stack>
        </Group>
        {startFailure ? <ErrorAlert error={startFailure} /> : null}
        {enrolled ? (
          <form onSubmit={(event) => void submitDisable(event)} noValidate>
            <Stack gap="sm">
              <Text size="sm">{t('auth.turnOffIntro')}</Text>
              {required ? (
                <Alert color="orange" variant="light">
                  {t('auth.turnOffRequired')}
                </Alert>
              ) : null}
              <TextInput
                label={t('auth.totpCode')}
                required
                dir="ltr"
                autoComplete="one-time-code"
                maxLength={40}
                style={{ maxWidth: 260 }}
                {...form.text('code')}
              />
              {form.failure ? <ErrorAlert error={form.failure} /> : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('common.close')}
                </Button>
                <Button type="submit" color="red" loading={form.busy}>
                  {t('auth.turnOff')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button onClick={() => void start()} loading={begin.isPending}>
              {t('auth.setUp')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('auth.twoStepMenu')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {body()}
    </Modal>
  );
}
