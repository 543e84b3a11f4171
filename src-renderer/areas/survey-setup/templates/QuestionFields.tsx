import { Checkbox, Divider, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SURVEY_DOMAINS, type Question } from '../../../../src-shared/surveys/template.js';
import { BilingualInputs } from '../BilingualInputs.js';
import { ChoicesEditor } from './ChoicesEditor.js';
import { QUESTION_TYPES, withType } from './draft.js';
import { ShowIfEditor } from './ShowIfEditor.js';

interface QuestionFieldsProps {
  question: Question;
  onChange: (question: Question) => void;
  /** the questions asked before this one (what its show-if may look at) */
  earlier: readonly Question[];
  /** the message at a path below the question (`text.ar`, `showIf`) */
  errorAt: (path: string) => string | undefined;
  /** the first message at or below a path (`showIf` and whatever is inside it) */
  errorUnder: (path: string) => string | undefined;
  disabled: boolean;
}

const RATING_STYLES = ['stars', 'faces', 'numbers'] as const;

/** Everything one question is made of, the fields a type has and no others. */
export function QuestionFields({ question, onChange, earlier, errorAt, errorUnder, disabled }: QuestionFieldsProps) {
  const { t } = useTranslation('survey-setup');
  const help = question.help ?? { ar: '', en: '' };
  const number = (value: string | number, fallback: number) => (typeof value === 'number' ? value : fallback);

  return (
    <Stack gap="sm" pt="sm">
      <SimpleGrid type="container" cols={{ base: 1, '420px': 2, '700px': 3 }} spacing="sm">
        <TextInput
          label={t('builder.questionId')}
          description={t('builder.questionIdHint')}
          value={question.id}
          onChange={(event) => onChange({ ...question, id: event.currentTarget.value })}
          error={errorAt('id')}
          disabled={disabled}
          required
          dir="ltr"
          autoComplete="off"
        />
        <Select
          label={t('builder.type')}
          data={QUESTION_TYPES.map((type) => ({ value: type, label: t(`questionType.${type}`) }))}
          value={question.type}
          onChange={(type) => {
            const chosen = QUESTION_TYPES.find((candidate) => candidate === type);
            if (chosen) onChange(withType(question, chosen));
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          disabled={disabled}
        />
        <Select
          label={t('builder.domain')}
          description={t('builder.domainHint')}
          data={SURVEY_DOMAINS.map((domain) => ({ value: domain, label: t(`domain.${domain}`) }))}
          value={question.domain}
          onChange={(domain) => {
            const chosen = SURVEY_DOMAINS.find((candidate) => candidate === domain);
            if (chosen) onChange({ ...question, domain: chosen });
          }}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: true }}
          disabled={disabled}
        />
      </SimpleGrid>
      <BilingualInputs
        label={t('builder.questionText')}
        value={question.text}
        onChange={(text) => onChange({ ...question, text })}
        errors={{ ar: errorAt('text.ar'), en: errorAt('text.en') }}
        required
        disabled={disabled}
      />
      <BilingualInputs
        label={t('builder.help')}
        value={help}
        onChange={(text) => onChange({ ...question, help: text })}
        errors={{ ar: errorAt('help.ar'), en: errorAt('help.en') }}
        disabled={disabled}
      />
      <Group gap="lg" align="flex-start">
        <Checkbox
          label={t('builder.required')}
          checked={question.required}
          disabled={disabled}
          onChange={(event) => onChange({ ...question, required: event.currentTarget.checked })}
        />
        {'notApplicable' in question ? (
          <Checkbox
            label={t('builder.notApplicable')}
            description={t('builder.notApplicableHint')}
            checked={question.notApplicable}
            disabled={disabled}
            onChange={(event) => onChange({ ...question, notApplicable: event.currentTarget.checked })}
          />
        ) : null}
        {question.type === 'yes_no' ? (
          <Checkbox
            label={t('builder.scored')}
            description={t('builder.scoredHint')}
            checked={question.scored}
            disabled={disabled}
            onChange={(event) => onChange({ ...question, scored: event.currentTarget.checked })}
          />
        ) : null}
      </Group>
      <Group gap="sm" align="flex-start">
        {question.type === 'rating' ? (
          <Select
            label={t('builder.style')}
            data={RATING_STYLES.map((style) => ({ value: style, label: t(`ratingStyle.${style}`) }))}
            value={question.style}
            onChange={(style) => {
              const chosen = RATING_STYLES.find((candidate) => candidate === style);
              if (chosen) onChange({ ...question, style: chosen });
            }}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            disabled={disabled}
            w={160}
          />
        ) : null}
        {question.type === 'yes_no' ? (
          <Select
            label={t('builder.positive')}
            data={[
              { value: 'yes', label: t('yesNo.yes') },
              { value: 'no', label: t('yesNo.no') },
            ]}
            value={question.positive}
            onChange={(positive) => onChange({ ...question, positive: positive === 'no' ? 'no' : 'yes' })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            disabled={disabled}
            w={160}
          />
        ) : null}
        {'weight' in question ? (
          <NumberInput
            label={t('builder.weight')}
            description={t('builder.weightHint')}
            value={question.weight}
            min={0.1}
            max={10}
            step={0.5}
            decimalScale={2}
            onChange={(value) => onChange({ ...question, weight: number(value, 1) })}
            error={errorAt('weight')}
            disabled={disabled}
            w={260}
          />
        ) : null}
        {question.type === 'text' ? (
          <NumberInput
            label={t('builder.maxLength')}
            value={question.maxLength}
            min={10}
            max={2000}
            step={100}
            allowDecimal={false}
            onChange={(value) => onChange({ ...question, maxLength: number(value, 1000) })}
            error={errorAt('maxLength')}
            disabled={disabled}
            w={220}
          />
        ) : null}
      </Group>
      {'choices' in question ? (
        <ChoicesEditor choices={question.choices} onChange={(choices) => onChange({ ...question, choices })} errorAt={errorAt} disabled={disabled} />
      ) : null}
      <Divider />
      <ShowIfEditor
        showIf={question.showIf}
        earlier={earlier}
        onChange={(showIf) => onChange({ ...question, showIf })}
        error={errorUnder('showIf')}
        disabled={disabled}
      />
    </Stack>
  );
}
