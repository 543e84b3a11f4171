import { Checkbox, NumberInput, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationSource } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { UPPERCASE_INPUT } from '../../components/bits.js';
import { FormModal } from '../../components/FormModal.js';
import { useForm } from '../../components/useForm.js';
import type { IssuedCredentials } from './CredentialsDialog.js';

interface SourceFormProps {
  opened: boolean;
  /** null: a new source */
  source: IntegrationSource | null;
  onClose: () => void;
  /** a new source's token, to be shown once */
  onIssued: (issued: IssuedCredentials) => void;
}

const DEFAULT_RATE = '60000';
const BLANK = { name: '', sourceSystem: '', rateLimitPerMinute: DEFAULT_RATE, signed: '', enabled: 'yes' };

/** Add a source (its token is answered once), or rename it, change its rate limit, enable or disable it. */
export function SourceForm({ opened, source, onClose, onIssued }: SourceFormProps) {
  const { t } = useTranslation('integrations');
  const form = useForm(BLANK);
  const create = useCallMutation('integrations.create', ['integrations.list']);
  const update = useCallMutation('integrations.update', ['integrations.list']);
  const { reset, set } = form;

  useEffect(() => {
    if (!opened) return;
    reset(
      source
        ? {
            name: source.name,
            sourceSystem: source.sourceSystem,
            rateLimitPerMinute: String(source.rateLimitPerMinute),
            signed: source.signed ? 'yes' : '',
            enabled: source.enabled ? 'yes' : '',
          }
        : BLANK,
    );
  }, [opened, source, reset]);

  const submit = async () => {
    const v = form.values;
    const rateLimitPerMinute = Number(v.rateLimitPerMinute);
    if (source) {
      const saved = await form.submit(
        'integrations.update',
        { id: source.id, name: v.name, rateLimitPerMinute, enabled: v.enabled === 'yes' },
        update.mutateAsync,
      );
      if (saved) {
        notifications.show({ color: 'teal', message: t('common.saved') });
        onClose();
      }
      return;
    }
    const issued = await form.submit(
      'integrations.create',
      { name: v.name, sourceSystem: v.sourceSystem, rateLimitPerMinute, signed: v.signed === 'yes' },
      create.mutateAsync,
    );
    if (issued) {
      onClose();
      onIssued(issued);
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={source ? t('integrations.edit') : t('integrations.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      submitLabel={source ? undefined : t('integrations.createSubmit')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('integrations.name')} description={t('integrations.nameHint')} required dir="auto" {...form.text('name')} />
        <TextInput
          label={t('integrations.sourceSystem')}
          description={t('integrations.sourceSystemHint')}
          required
          disabled={source !== null}
          dir="ltr"
          autoComplete="off"
          styles={UPPERCASE_INPUT}
          {...form.text('sourceSystem')}
        />
        <NumberInput
          label={t('integrations.rateLimit')}
          description={t('integrations.rateLimitHint')}
          required
          min={1}
          max={1_000_000}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          dir="ltr"
          value={form.values.rateLimitPerMinute}
          onChange={(value) => set('rateLimitPerMinute', String(value))}
          error={form.errorFor('rateLimitPerMinute')}
        />
      </SimpleGrid>
      {source ? (
        <Switch
          label={t('integrations.enabled')}
          description={t('integrations.enabledHint')}
          checked={form.values.enabled === 'yes'}
          onChange={(event) => set('enabled', event.currentTarget.checked ? 'yes' : '')}
        />
      ) : (
        <Checkbox
          label={t('integrations.signWithHmac')}
          description={t('integrations.signWithHmacHint')}
          checked={form.values.signed === 'yes'}
          onChange={(event) => set('signed', event.currentTarget.checked ? 'yes' : '')}
        />
      )}
    </FormModal>
  );
}
