import { Box, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BilingualText } from '../../../../src-shared/surveys/template.js';
import { BilingualInputs } from '../BilingualInputs.js';
import { RemoveButton } from '../ListButtons.js';
import { freeChoiceId } from './draft.js';

type Choice = { id: string; text: BilingualText };

interface ChoicesEditorProps {
  choices: readonly Choice[];
  onChange: (choices: Choice[]) => void;
  /** the message at a path below the question (`choices`, `choices.1.text.ar`) */
  errorAt: (path: string) => string | undefined;
  disabled: boolean;
}

/** A choice question's answers: each with an id (what is stored and compared) and its text in both languages. */
export function ChoicesEditor({ choices, onChange, errorAt, disabled }: ChoicesEditorProps) {
  const { t } = useTranslation('survey-setup');
  const change = (index: number, choice: Choice) => onChange(choices.map((c, i) => (i === index ? choice : c)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('builder.choices')}
      </Text>
      {choices.map((choice, index) => {
        const n = index + 1;
        return (
          <Box key={index} role="group" aria-label={t('builder.choice', { n })}>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                label={t('builder.choiceId', { n })}
                value={choice.id}
                onChange={(event) => change(index, { ...choice, id: event.currentTarget.value })}
                error={errorAt(`choices.${index}.id`)}
                disabled={disabled}
                dir="ltr"
                autoComplete="off"
                w={110}
              />
              <Box style={{ flex: 1, minWidth: 0 }}>
                <BilingualInputs
                  label={t('builder.choice', { n })}
                  value={choice.text}
                  onChange={(text) => change(index, { ...choice, text })}
                  errors={{ ar: errorAt(`choices.${index}.text.ar`), en: errorAt(`choices.${index}.text.en`) }}
                  disabled={disabled}
                  required
                />
              </Box>
              {!disabled ? (
                <RemoveButton
                  label={t('builder.removeChoice', { n })}
                  mt={26}
                  disabled={choices.length <= 2}
                  onClick={() => onChange(choices.filter((_, i) => i !== index))}
                />
              ) : null}
            </Group>
          </Box>
        );
      })}
      {errorAt('choices') ? (
        <Text size="xs" c="red.8">
          {errorAt('choices')}
        </Text>
      ) : null}
      {!disabled ? (
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={choices.length >= 20}
          onClick={() => onChange([...choices, { id: freeChoiceId(choices), text: { ar: '', en: '' } }])}
        >
          {t('builder.addChoice')}
        </Button>
      ) : null}
    </Stack>
  );
}
