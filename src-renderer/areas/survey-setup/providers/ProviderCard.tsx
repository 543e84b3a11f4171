import { Alert, Badge, Button, Divider, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationProviderView } from '../../../../src-shared/contract/index.js';
import type { FieldError } from '../../../../src-shared/errors.js';
import { PROVIDER_KINDS } from '../../../../src-shared/notifications/senders/outbound.js';
import { isApiError } from '../../../api/client.js';
import { useCallMutation } from '../../../api/hooks.js';
import { PasswordField } from '../../../components/PasswordField.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { pick, useLanguage } from '../../../i18n/index.js';
import { FIELDS, formForKind, formOf, KINDS_FOR_CHANNEL, SECURITY_OPTIONS, settingsOf, type FieldSpec, type ProviderForm } from './provider-fields.js';
import { TestSend } from './TestSend.js';

const HINTED = ['senderId', 'apiVersion', 'url', 'host', 'baseUrl'] as const;

/** One channel's provider: its kind, that kind's fields (secrets only as set or not), saving, and a test send. */
export function ProviderCard({ provider }: { provider: NotificationProviderView }) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const set = useCallMutation('notificationProviders.set', ['notificationProviders.list']);
  const [form, setForm] = useState<ProviderForm>(() => formOf(provider));
  const [errors, setErrors] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const channel = t(`channel.${provider.channel}`);
  const titleId = `provider-${provider.channel}-title`;

  // the station names a setting's field `settings.host`
  const errorAt = (name: string) => {
    const found = errors.find((error) => error.path === `settings.${name}` || error.path === name);
    return found ? pick(found.message, language) : undefined;
  };
  const placed = new Set(['kind', ...FIELDS[form.kind].map((field) => field.name)]);
  const unplaced = errors.filter((error) => !placed.has(error.path.replace(/^settings\./, '')));
  const setValue = (name: string, value: string) => {
    setForm((previous) => ({ ...previous, values: { ...previous.values, [name]: value } }));
    setErrors((previous) => previous.filter((error) => error.path !== `settings.${name}`));
  };

  const save = async () => {
    setFailure(null);
    try {
      const saved = await set.mutateAsync({ channel: provider.channel, settings: settingsOf(form) });
      // what the station now holds: secrets shown as set, never as typed
      setForm(formOf(saved));
      setErrors([]);
      notifications.show({ color: 'teal', message: t('providers.saved', { channel }) });
    } catch (error) {
      if (isApiError(error) && error.fields.length > 0) setErrors(error.fields);
      else setFailure(error);
    }
  };

  const input = (field: FieldSpec) => {
    const label = t(`providers.fields.${field.name}`);
    const value = form.values[field.name] ?? '';
    const hintKey = HINTED.find((name) => name === field.name);
    const hint = hintKey === 'baseUrl' ? t('providers.hints.url') : hintKey ? t(`providers.hints.${hintKey}`) : undefined;
    const common = { key: field.name, label, error: errorAt(field.name), required: !field.optional };
    switch (field.input) {
      case 'secret': {
        const isSet = form.secretsSet[field.name] === true;
        return (
          <PasswordField
            {...common}
            required={!field.optional && !isSet}
            description={isSet ? t('providers.secretKeep') : t('providers.secretNeeded')}
            value={value}
            onChange={(event) => setValue(field.name, event.currentTarget.value)}
            autoComplete="new-password"
            dir="ltr"
          />
        );
      }
      case 'number':
        return (
          <NumberInput
            {...common}
            value={value === '' ? '' : Number(value)}
            onChange={(next) => setValue(field.name, next === '' ? '' : String(next))}
            min={1}
            max={65535}
            allowDecimal={false}
            allowNegative={false}
            w={140}
          />
        );
      case 'security':
        return (
          <Select
            {...common}
            data={SECURITY_OPTIONS.map((option) => ({ value: option, label: t(`providers.security.${option}`) }))}
            value={value || null}
            onChange={(next) => setValue(field.name, next ?? '')}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        );
      default:
        return (
          <TextInput
            {...common}
            description={hint}
            value={value}
            onChange={(event) => setValue(field.name, event.currentTarget.value)}
            type={field.input === 'email' ? 'email' : field.input === 'url' ? 'url' : 'text'}
            dir="ltr"
            autoComplete="off"
          />
        );
    }
  };

  const kinds = KINDS_FOR_CHANNEL[provider.channel];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4" id={titleId}>
            {t('providers.channelCard', { channel })}
          </Title>
          <Badge variant="light" color={provider.configured ? 'teal' : 'gray'}>
            {provider.configured ? t('providers.configured') : t('providers.notConfigured')}
          </Badge>
        </Group>
        {!provider.readable ? (
          <Alert variant="light" color="orange" icon={<IconAlertTriangle aria-hidden />}>
            {t('providers.unreadable')}
          </Alert>
        ) : null}
        <Select
          label={t('providers.kind')}
          data={PROVIDER_KINDS.filter((kind) => kinds.includes(kind)).map((kind) => ({ value: kind, label: t(`providers.kinds.${kind}`) }))}
          value={form.kind}
          onChange={(kind) => {
            const chosen = kinds.find((candidate) => candidate === kind);
            if (chosen) {
              setForm(formForKind(chosen, provider));
              setErrors([]);
            }
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          error={errorAt('kind')}
        />
        {form.kind === 'console' ? (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconFileText size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm" c="dimmed">
              {t('providers.consoleHint')}
            </Text>
          </Group>
        ) : null}
        {FIELDS[form.kind].map(input)}
        {unplaced.length > 0 ? <ErrorAlert text={unplaced.map((error) => pick(error.message, language)).join(' ')} /> : null}
        {failure ? <ErrorAlert error={failure} /> : null}
        <Group justify="flex-end">
          <Button leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={set.isPending} onClick={() => void save()}>
            {t('providers.save', { channel })}
          </Button>
        </Group>
        <Divider />
        <TestSend channel={provider.channel} />
      </Stack>
    </Paper>
  );
}
