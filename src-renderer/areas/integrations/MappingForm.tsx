import { Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventMapping } from '../../../src-shared/contract/index.js';
import { isEventCode } from '../../../src-shared/his-events.js';
import { MESSAGES } from '../../../src-shared/messages.js';
import { useCallMutation } from '../../api/hooks.js';
import { UPPERCASE_INPUT } from '../../components/bits.js';
import { FormModal } from '../../components/FormModal.js';
import { useEventCodeOptions } from '../journeys/hisLabels.js';
import { consoleFieldError, useForm } from '../../components/useForm.js';

interface MappingFormProps {
  opened: boolean;
  sourceSystem: string;
  /** null: a new mapping */
  mapping: EventMapping | null;
  onClose: () => void;
}

/** One row of a source's table: its code (optionally `CODE:JOURNEYTYPE`) and the station event it means. */
export function MappingForm({ opened, sourceSystem, mapping, onClose }: MappingFormProps) {
  const { t } = useTranslation('integrations');
  const options = useEventCodeOptions();
  const form = useForm({ externalCode: '', eventCode: '' });
  const save = useCallMutation('mappings.save', ['mappings.list']);
  const { reset } = form;

  useEffect(() => {
    if (opened) reset({ externalCode: mapping?.externalCode ?? '', eventCode: mapping?.eventCode ?? '' });
  }, [opened, mapping, reset]);

  const submit = async () => {
    const { externalCode, eventCode } = form.values;
    const chosen = isEventCode(eventCode) ? eventCode : null;
    const missing = chosen ? [] : [consoleFieldError('eventCode', MESSAGES['field.required'])];
    // with nothing chosen the form stops at `missing`; the placeholder code is never sent
    const saved = await form.submit('mappings.save', { sourceSystem, externalCode, eventCode: chosen ?? 'PATIENT_UPDATED' }, save.mutateAsync, missing);
    if (saved) {
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={mapping ? t('mappings.edit') : t('mappings.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      size="md"
    >
      <TextInput
        label={t('mappings.externalCode')}
        description={t('mappings.externalCodeHint')}
        placeholder="A03:OPD"
        required
        disabled={mapping !== null}
        dir="ltr"
        autoComplete="off"
        styles={UPPERCASE_INPUT}
        {...form.text('externalCode')}
      />
      <Select
        label={t('mappings.eventCode')}
        data={options}
        required
        searchable
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        nothingFoundMessage={t('mappings.noEventCode')}
        {...form.choice('eventCode')}
      />
    </FormModal>
  );
}
