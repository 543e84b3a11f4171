import { MultiSelect, Select } from '@mantine/core';
import type { Question } from '../../../../src-shared/surveys/template.js';
import { useLanguage } from '../../../i18n/index.js';
import { answerOptions, keyOfValue } from './conditions.js';

type Value = number | string | boolean;

interface PickerProps {
  question: Question | undefined;
  label: string;
  error?: string | undefined;
  disabled?: boolean;
}

/** One answer a question can have: a point of its scale (with its label), yes or no, or one of its choices. */
export function AnswerPicker({ question, label, value, onChange, error, disabled = false }: PickerProps & { value: Value; onChange: (value: Value) => void }) {
  const language = useLanguage();
  const options = answerOptions(question);
  return (
    <Select
      label={label}
      data={options.map((option) => ({ value: option.key, label: option.label[language] }))}
      value={options.some((option) => option.key === keyOfValue(value)) ? keyOfValue(value) : null}
      onChange={(key) => {
        const chosen = options.find((option) => option.key === key);
        if (chosen) onChange(chosen.value);
      }}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      error={error}
      disabled={disabled}
      miw={150}
    />
  );
}

/** Several answers (for "is one of"): points of a scale or choices. */
export function AnswersPicker({
  question,
  label,
  values,
  onChange,
  error,
  disabled = false,
}: PickerProps & { values: readonly (number | string)[]; onChange: (values: (number | string)[]) => void }) {
  const language = useLanguage();
  const options = answerOptions(question).filter((option): option is typeof option & { value: number | string } => typeof option.value !== 'boolean');
  return (
    <MultiSelect
      label={label}
      data={options.map((option) => ({ value: option.key, label: option.label[language] }))}
      value={values.map((value) => keyOfValue(value)).filter((key) => options.some((option) => option.key === key))}
      onChange={(keys) => onChange(options.filter((option) => keys.includes(option.key)).map((option) => option.value))}
      comboboxProps={{ withinPortal: true }}
      error={error}
      disabled={disabled}
      miw={180}
    />
  );
}
