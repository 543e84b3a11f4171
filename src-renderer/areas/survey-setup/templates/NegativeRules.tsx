import { Box, Button, Group, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NegativeCondition, Question } from '../../../../src-shared/surveys/template.js';
import { useLanguage } from '../../../i18n/index.js';
import { RemoveButton } from '../ListButtons.js';
import { AnswerPicker } from './AnswerPicker.js';
import { answerOptions } from './conditions.js';

const KINDS = ['score_below', 'nps_detractor', 'bottom_box', 'answer_is'] as const;

interface NegativeRulesProps {
  rules: readonly NegativeCondition[];
  onChange: (rules: NegativeCondition[]) => void;
  /** every question of the template, in order */
  questions: readonly Question[];
  /** the message at or below `negative.N` */
  errorAt: (index: number) => string | undefined;
  disabled: boolean;
}

/** A rule as it starts when chosen: a sensible threshold, the first question that can be compared. */
function ruleOf(kind: (typeof KINDS)[number], questions: readonly Question[]): NegativeCondition {
  if (kind === 'score_below') return { kind, threshold: 50 };
  if (kind !== 'answer_is') return { kind };
  const question = questions.find((q) => answerOptions(q).length > 0);
  return { kind, question: question?.id ?? '', value: answerOptions(question)[0]?.value ?? true };
}

/** What marks a response negative: any of the rules holding (the PX office follows those up the same day). */
export function NegativeRules({ rules, onChange, questions, errorAt, disabled }: NegativeRulesProps) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const comparable = questions.filter((q) => answerOptions(q).length > 0);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const replace = (index: number, rule: NegativeCondition) => onChange(rules.map((r, i) => (i === index ? rule : r)));

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="survey-negative-title" id="survey-negative">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h4" id="survey-negative-title">
            {t('builder.negative')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('builder.negativeHint')}
          </Text>
        </Stack>
        {rules.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('builder.negativeNone')}
          </Text>
        ) : null}
        {rules.map((rule, index) => {
          const n = index + 1;
          const error = errorAt(index);
          return (
            <Box key={index} role="group" aria-label={t('builder.rule', { n })}>
              <Group gap="xs" align="flex-end" wrap="wrap">
                <Select
                  label={t('builder.ruleKind', { n })}
                  data={KINDS.map((kind) => ({ value: kind, label: t(`negativeKind.${kind}`) }))}
                  value={rule.kind}
                  onChange={(kind) => {
                    const chosen = KINDS.find((candidate) => candidate === kind);
                    if (chosen && chosen !== rule.kind) replace(index, ruleOf(chosen, questions));
                  }}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  disabled={disabled}
                  w={320}
                />
                {rule.kind === 'score_below' ? (
                  <NumberInput
                    label={t('builder.threshold')}
                    value={rule.threshold}
                    min={0}
                    max={100}
                    allowDecimal={false}
                    onChange={(value) => replace(index, { ...rule, threshold: typeof value === 'number' ? value : 0 })}
                    disabled={disabled}
                    w={180}
                  />
                ) : null}
                {rule.kind === 'answer_is' ? (
                  <>
                    <Select
                      label={t('builder.ruleQuestion')}
                      data={comparable.map((q) => ({ value: q.id, label: `${q.id} — ${(q.text[language] || q.text.ar || q.text.en).slice(0, 60)}` }))}
                      value={byId.has(rule.question) ? rule.question : null}
                      placeholder={rule.question}
                      onChange={(id) => {
                        const question = id ? byId.get(id) : undefined;
                        if (question) replace(index, { ...rule, question: question.id, value: answerOptions(question)[0]?.value ?? true });
                      }}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                      disabled={disabled}
                      w={260}
                    />
                    <AnswerPicker
                      question={byId.get(rule.question)}
                      label={t('builder.ruleAnswer')}
                      value={rule.value}
                      onChange={(value) => replace(index, { ...rule, value })}
                      disabled={disabled}
                    />
                  </>
                ) : null}
                {!disabled ? (
                  <RemoveButton label={t('builder.removeRule', { n })} mb={4} onClick={() => onChange(rules.filter((_, i) => i !== index))} />
                ) : null}
              </Group>
              {error ? (
                <Text size="xs" c="red.8" mt={4}>
                  {error}
                </Text>
              ) : null}
            </Box>
          );
        })}
        {!disabled ? (
          <Button
            variant="light"
            w="fit-content"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={rules.length >= 10}
            onClick={() => onChange([...rules, ruleOf('bottom_box', questions)])}
          >
            {t('builder.addRule')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
