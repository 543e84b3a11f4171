import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../../src-shared/contract/index.js';
import type { FieldError } from '../../../../src-shared/errors.js';
import type { Channel } from '../../../../src-shared/notifications/senders/outbound.js';
import { isApiError, validateInput } from '../../../api/client.js';
import { useCallMutation } from '../../../api/hooks.js';
import { LanguageSelect } from '../../../components/pickers.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { pick, useLanguage, type Language } from '../../../i18n/index.js';

type Outcome = CallOutput<'notificationProviders.test'>;

/** A test message through the channel's saved provider to an address typed here, and what the provider answered. */
export function TestSend({ channel }: { channel: Channel }) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const test = useCallMutation('notificationProviders.test');
  const [to, setTo] = useState('');
  const [testLanguage, setTestLanguage] = useState<Language>(language);
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const name = t(`channel.${channel}`);
  const toError = errors.find((error) => error.path === 'to' || error.path === 'channel');

  const send = async () => {
    setFailure(null);
    setOutcome(null);
    const input = { channel, to, language: testLanguage };
    const local = validateInput('notificationProviders.test', input);
    if (local.length > 0) {
      setErrors(local);
      return;
    }
    try {
      setOutcome(await test.mutateAsync(input));
      setErrors([]);
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) setErrors(error.fields);
      else setFailure(error);
    }
  };

  return (
    <form
      noValidate
      aria-label={t('providers.testSend', { channel: name })}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('providers.test')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('providers.testHint')}
        </Text>
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput
            label={channel === 'email' ? t('providers.testToEmail') : t('providers.testToPhone')}
            value={to}
            onChange={(event) => {
              setTo(event.currentTarget.value);
              setErrors([]);
            }}
            type={channel === 'email' ? 'email' : 'tel'}
            placeholder={channel === 'email' ? 'name@hospital.sa' : '05xxxxxxxx'}
            error={toError ? pick(toError.message, language) : undefined}
            dir="ltr"
            autoComplete="off"
            style={{ flex: '1 1 200px' }}
          />
          <LanguageSelect
            label={t('providers.testLanguage')}
            value={testLanguage}
            onChange={(value) => setTestLanguage(value === 'en' ? 'en' : 'ar')}
            w={150}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" variant="light" leftSection={<IconSend size={16} aria-hidden />} loading={test.isPending}>
            {t('providers.testSend', { channel: name })}
          </Button>
        </Group>
        <div aria-live="polite">
          {outcome ? (
            outcome.outcome === 'sent' ? (
              <Alert variant="light" color="teal" icon={<IconCircleCheck aria-hidden />}>
                {t('providers.testSent')}
              </Alert>
            ) : (
              <Alert variant="light" color={outcome.outcome === 'retry' ? 'orange' : 'red'} icon={<IconAlertTriangle aria-hidden />}>
                {t(outcome.outcome === 'retry' ? 'providers.testRetry' : 'providers.testFailed', { reason: outcome.reason ?? '—' })}
              </Alert>
            )
          ) : null}
        </div>
        {failure ? <ErrorAlert error={failure} /> : null}
      </Stack>
    </form>
  );
}
