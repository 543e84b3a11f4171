import { Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UPPERCASE_INPUT } from '../../../components/bits.js';
import { BilingualInputs } from '../BilingualInputs.js';
import type { Draft } from './draft.js';

interface TemplateTextsProps {
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** a new template: its code can still be chosen */
  isNew: boolean;
  /** the message at a path of the create call (`code`, `content.title.ar`) */
  errorAt: (path: string) => string | undefined;
  writable: boolean;
}

/** The template's code and names (how the console lists it), and the texts around the questions (what patients read). */
export function TemplateTexts({ draft, onChange, isNew, errorAt, writable }: TemplateTextsProps) {
  const { t } = useTranslation('survey-setup');
  const disabled = !writable;
  const both = (field: 'title' | 'introduction' | 'thankYou') => ({ ar: errorAt(`content.${field}.ar`), en: errorAt(`content.${field}.en`) });
  return (
    <>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-identity-title" id="survey-identity">
        <Stack gap="sm">
          <Title order={3} size="h4" id="survey-identity-title">
            {t('builder.identity')}
          </Title>
          <SimpleGrid type="container" cols={{ base: 1, '640px': 3 }} spacing="sm">
            <TextInput
              label={t('builder.code')}
              description={isNew ? t('builder.codeHint') : undefined}
              required
              dir="ltr"
              autoComplete="off"
              styles={UPPERCASE_INPUT}
              disabled={disabled || !isNew}
              value={draft.code}
              onChange={(event) => onChange({ ...draft, code: event.currentTarget.value })}
              error={errorAt('code')}
            />
            <TextInput
              label={t('fields.nameAr')}
              description={t('builder.nameHint')}
              required
              dir="rtl"
              lang="ar"
              disabled={disabled}
              value={draft.nameAr}
              onChange={(event) => onChange({ ...draft, nameAr: event.currentTarget.value })}
              error={errorAt('nameAr')}
            />
            <TextInput
              label={t('fields.nameEn')}
              description={t('builder.nameHint')}
              required
              dir="ltr"
              lang="en"
              disabled={disabled}
              value={draft.nameEn}
              onChange={(event) => onChange({ ...draft, nameEn: event.currentTarget.value })}
              error={errorAt('nameEn')}
            />
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-texts-title" id="survey-texts">
        <Stack gap="sm">
          <Title order={3} size="h4" id="survey-texts-title">
            {t('builder.texts')}
          </Title>
          <BilingualInputs
            label={t('builder.titleLabel')}
            value={draft.title}
            onChange={(title) => onChange({ ...draft, title })}
            errors={both('title')}
            required
            disabled={disabled}
          />
          <BilingualInputs
            label={t('builder.introduction')}
            value={draft.introduction}
            onChange={(introduction) => onChange({ ...draft, introduction })}
            errors={both('introduction')}
            multiline
            disabled={disabled}
          />
          <BilingualInputs
            label={t('builder.thankYou')}
            value={draft.thankYou}
            onChange={(thankYou) => onChange({ ...draft, thankYou })}
            errors={both('thankYou')}
            multiline
            required
            disabled={disabled}
          />
        </Stack>
      </Paper>
    </>
  );
}
