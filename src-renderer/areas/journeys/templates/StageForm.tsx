import { Checkbox, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../../src-shared/errors.js';
import { isEventCode } from '../../../../src-shared/his-events.js';
import { MESSAGES } from '../../../../src-shared/messages.js';
import { validateInput } from '../../../api/client.js';
import { useCallQuery, usePermission } from '../../../api/hooks.js';
import { UPPERCASE_INPUT } from '../../../components/bits.js';
import { FormModal } from '../../../components/FormModal.js';
import { useEventCodeOptions } from '../hisLabels.js';
import { pick, useLanguage } from '../../../i18n/index.js';
import { newStageKey, stageInput, type DraftStage } from './stages.js';

interface StageFormProps {
  opened: boolean;
  templateId: string;
  /** null: a new stage */
  stage: DraftStage | null;
  /** codes of the template's other stages: a code names one stage only */
  otherCodes: readonly string[];
  onClose: () => void;
  onDone: (stage: DraftStage) => void;
}

const BLANK: Omit<DraftStage, 'key'> = {
  code: '',
  nameEn: '',
  nameAr: '',
  triggerEventCode: '',
  required: true,
  autoSendSurvey: false,
  surveyDelayMinutes: 0,
  surveyTemplateId: null,
};

/**
 * Add or change one stage of the template being built. Nothing is sent yet:
 * the stage is checked against the station's own rules, and the whole
 * ordered list is saved with the template.
 */
export function StageForm({ opened, templateId, stage, otherCodes, onClose, onDone }: StageFormProps) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const options = useEventCodeOptions();
  const can = usePermission();
  const surveys = useCallQuery('surveyTemplates.list', {}, { enabled: opened && can('surveys.read') });
  const surveyOptions = (surveys.data ?? []).map((survey) => ({
    value: survey.id,
    label: `${language === 'ar' ? survey.nameAr : survey.nameEn} (${survey.code})`,
  }));
  const [values, setValues] = useState<DraftStage>({ key: '', ...BLANK });
  const [errors, setErrors] = useState<readonly FieldError[]>([]);

  useEffect(() => {
    if (!opened) return;
    setValues(stage ?? { key: newStageKey(), ...BLANK });
    setErrors([]);
  }, [opened, stage]);

  const set = <K extends keyof DraftStage>(name: K, value: DraftStage[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => previous.filter((e) => e.path !== name));
  };
  const errorFor = (path: string) => {
    const found = errors.find((e) => e.path === path);
    return found ? pick(found.message, language) : undefined;
  };
  const text = (name: 'code' | 'nameEn' | 'nameAr') => ({
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => set(name, event.currentTarget.value),
    error: errorFor(name),
  });

  const submit = () => {
    const found = validateInput('journeyTemplates.update', { id: templateId, stages: [stageInput(values)] })
      .filter((e) => e.path.startsWith('stages.0.'))
      .map((e) => ({ ...e, path: e.path.slice('stages.0.'.length) }));
    const code = values.code.trim().toUpperCase();
    if (otherCodes.includes(code)) found.push({ path: 'code', key: 'field.taken', message: MESSAGES['field.taken'] });
    if (!isEventCode(values.triggerEventCode)) found.push({ path: 'triggerEventCode', key: 'field.required', message: MESSAGES['field.required'] });
    if (found.length > 0) {
      setErrors(found);
      return;
    }
    onDone({ ...values, code, nameEn: values.nameEn.trim(), nameAr: values.nameAr.trim() });
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={stage ? t('templates.editStage') : t('templates.addStage')}
      onSubmit={submit}
      busy={false}
      submitLabel={t('templates.stageDone')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...text('nameEn')} />
        <TextInput
          label={t('templates.stageCode')}
          description={t('templates.stageCodeHint')}
          required
          dir="ltr"
          autoComplete="off"
          styles={UPPERCASE_INPUT}
          {...text('code')}
        />
      </SimpleGrid>
      <Select
        label={t('templates.trigger')}
        description={t('templates.triggerHint')}
        data={options}
        required
        searchable
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        value={values.triggerEventCode || null}
        onChange={(value) => set('triggerEventCode', value && isEventCode(value) ? value : '')}
        error={errorFor('triggerEventCode')}
      />
      <Checkbox
        label={t('templates.required')}
        description={t('templates.requiredHint')}
        checked={values.required}
        onChange={(e) => set('required', e.currentTarget.checked)}
      />
      <Select
        label={t('templates.surveyTemplate')}
        description={t('templates.surveyTemplateHint')}
        data={surveyOptions}
        clearable
        searchable
        comboboxProps={{ withinPortal: true }}
        value={values.surveyTemplateId}
        onChange={(value) => {
          set('surveyTemplateId', value);
          // no survey, nothing to send
          if (value === null) set('autoSendSurvey', false);
        }}
        placeholder={surveys.isLoading ? t('common.loading') : t('common.none')}
        error={surveys.isError ? t('templates.surveysUnavailable') : errorFor('surveyTemplateId')}
      />
      <Checkbox
        label={t('templates.autoSend')}
        description={t('templates.autoSendHint')}
        checked={values.autoSendSurvey}
        disabled={values.surveyTemplateId === null}
        onChange={(e) => set('autoSendSurvey', e.currentTarget.checked)}
      />
      <NumberInput
        label={t('templates.surveyDelay')}
        description={t('templates.surveyDelayHint')}
        min={0}
        max={7 * 24 * 60}
        step={15}
        allowDecimal={false}
        allowNegative={false}
        disabled={!values.autoSendSurvey}
        value={values.surveyDelayMinutes}
        onChange={(value) => set('surveyDelayMinutes', typeof value === 'number' ? value : 0)}
        error={errorFor('surveyDelayMinutes')}
      />
    </FormModal>
  );
}
