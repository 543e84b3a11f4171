import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface BilingualInputsProps {
  /** what the pair holds, e.g. "Title": each input is labelled "Title in Arabic", "Title in English" */
  label: string;
  value: { ar: string; en: string };
  onChange: (value: { ar: string; en: string }) => void;
  /** the message at each language's field, in the reader's language */
  errors?: { ar?: string | undefined; en?: string | undefined };
  description?: string;
  multiline?: boolean;
  required?: boolean;
  disabled?: boolean;
}

/**
 * The same text in Arabic and English, side by side: the Arabic typed right
 * to left, the English left to right, whatever the console's language.
 */
export function BilingualInputs({
  label,
  value,
  onChange,
  errors = {},
  description,
  multiline = false,
  required = false,
  disabled = false,
}: BilingualInputsProps) {
  const { t } = useTranslation('survey-setup');
  const Input = multiline ? Textarea : TextInput;
  const extra = multiline ? { autosize: true, minRows: 2, maxRows: 8 } : {};
  return (
    <SimpleGrid type="container" cols={{ base: 1, '360px': 2 }} spacing="sm" verticalSpacing="xs">
      {(['ar', 'en'] as const).map((language) => (
        <Input
          key={language}
          label={t(language === 'ar' ? 'both.inArabic' : 'both.inEnglish', { label })}
          description={description}
          required={required}
          disabled={disabled}
          dir={language === 'ar' ? 'rtl' : 'ltr'}
          lang={language}
          value={value[language]}
          onChange={(event) => onChange({ ...value, [language]: event.currentTarget.value })}
          error={errors[language]}
          {...extra}
        />
      ))}
    </SimpleGrid>
  );
}
