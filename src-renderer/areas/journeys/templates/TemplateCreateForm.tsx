import { Alert, Checkbox, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyTemplate } from '../../../../src-shared/contract/index.js';
import { isEventCode, JOURNEY_TYPES, type JourneyType } from '../../../../src-shared/his-events.js';
import { useCallMutation } from '../../../api/hooks.js';
import { FormModal } from '../../../components/FormModal.js';
import { useJourneyTypeOptions } from '../hisLabels.js';
import { useForm } from '../../../components/useForm.js';
import { draftFrom, stageInput } from './stages.js';

interface TemplateCreateFormProps {
  opened: boolean;
  hospitalId: string;
  journeyType: JourneyType;
  /** the hospital's templates, to start from the active one's stages */
  templates: readonly JourneyTemplate[];
  onClose: () => void;
  onCreated: (template: JourneyTemplate) => void;
}

/** A new template for the hospital and a journey type; it becomes the active one of its type. */
export function TemplateCreateForm({ opened, hospitalId, journeyType, templates, onClose, onCreated }: TemplateCreateFormProps) {
  const { t } = useTranslation('journeys');
  const typeOptions = useJourneyTypeOptions();
  const form = useForm({ journeyType: journeyType as string, code: '', nameAr: '', nameEn: '' });
  const [copyStages, setCopyStages] = useState(true);
  const create = useCallMutation('journeyTemplates.create', ['journeyTemplates.list']);
  const { reset } = form;

  useEffect(() => {
    if (!opened) return;
    reset({ journeyType, code: '', nameAr: '', nameEn: '' });
    setCopyStages(true);
  }, [opened, journeyType, reset]);

  const type = JOURNEY_TYPES.find((candidate) => candidate === form.values.journeyType) ?? journeyType;
  const current = templates.find((tpl) => tpl.journeyType === type && tpl.active);

  const submit = async () => {
    const { code, nameAr, nameEn } = form.values;
    // copied stages are new stages of the new template: their ids stay with the old one
    const stages = copyStages && current ? current.stages.map((s) => ({ ...stageInput(draftFrom(s, isEventCode)), id: undefined })) : [];
    const created = await form.submit('journeyTemplates.create', { hospitalId, journeyType: type, code, nameAr, nameEn, stages }, create.mutateAsync);
    if (created) {
      onClose();
      onCreated(created);
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('templates.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
    >
      <Alert variant="light" color="orange" icon={<IconInfoCircle aria-hidden />} role="note">
        {t('templates.createNote')}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('journeys.type')}
          data={typeOptions}
          required
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.choice('journeyType')}
        />
        <TextInput
          label={t('fields.code')}
          description={t('fields.codeHint')}
          placeholder="OPD-2026"
          required
          dir="ltr"
          autoComplete="off"
          {...form.text('code')}
        />
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
      </SimpleGrid>
      <Checkbox
        label={t('templates.copyStages')}
        description={current ? t('templates.copyStagesFrom', { count: current.stages.length }) : t('templates.noActiveToCopy')}
        checked={copyStages && current !== undefined}
        disabled={!current}
        onChange={(e) => setCopyStages(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
