import { Alert, Box, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Condition, Question } from '../../../../src-shared/surveys/template.js';
import { useLanguage } from '../../../i18n/index.js';
import { RemoveButton } from '../ListButtons.js';
import { AnswerPicker, AnswersPicker } from './AnswerPicker.js';
import { comparisonFor, conditionOf, operatorsFor, rowsOf, type Comparison, type Join } from './conditions.js';

interface ShowIfEditorProps {
  showIf: Condition | undefined;
  /** the questions asked before this one, in order */
  earlier: readonly Question[];
  onChange: (showIf: Condition | undefined) => void;
  error: string | undefined;
  disabled: boolean;
}

/** A question's show-if: a few comparisons with earlier answers, joined by "all" or "any". */
export function ShowIfEditor({ showIf, earlier, onChange, error, disabled }: ShowIfEditorProps) {
  const { t } = useTranslation('survey-setup');
  const language = useLanguage();
  const state = rowsOf(showIf);
  const byId = new Map(earlier.map((q) => [q.id, q]));
  const last = earlier.at(-1);
  const fresh = (): Comparison | null => (last ? comparisonFor(last, last.id) : null);
  const questionOptions = earlier.map((q) => ({ value: q.id, label: `${q.id} — ${(q.text[language] || q.text.ar || q.text.en).slice(0, 60)}` }));

  const setRows = (join: Join, rows: Comparison[]) => onChange(conditionOf(join, rows));

  const toggle = (on: boolean) => {
    const row = fresh();
    onChange(on && row ? row : undefined);
  };

  return (
    <Stack gap="xs">
      <Checkbox
        label={t('builder.showIf')}
        description={earlier.length === 0 && state.kind === 'none' ? t('builder.noEarlier') : t('builder.showIfHint')}
        checked={state.kind !== 'none'}
        disabled={disabled || (earlier.length === 0 && state.kind === 'none')}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      {state.kind === 'nested' ? (
        <Alert variant="light" color="gray">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('builder.nested')}</Text>
            {!disabled ? (
              <Button size="xs" variant="light" onClick={() => toggle(true)} disabled={earlier.length === 0}>
                {t('builder.replaceNested')}
              </Button>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      {state.kind === 'rows' ? (
        <Stack gap="xs" ps="lg">
          {state.rows.length > 1 ? (
            <SegmentedControl
              aria-label={t('builder.join')}
              value={state.join}
              onChange={(value) => setRows(value === 'any' ? 'any' : 'all', state.rows)}
              disabled={disabled}
              data={[
                { value: 'all', label: t('builder.joinAll') },
                { value: 'any', label: t('builder.joinAny') },
              ]}
              w="fit-content"
            />
          ) : null}
          {state.rows.map((row, index) => {
            const question = byId.get(row.question);
            const replace = (next: Comparison) =>
              setRows(
                state.join,
                state.rows.map((r, i) => (i === index ? next : r)),
              );
            const n = index + 1;
            return (
              <Box key={index} role="group" aria-label={t('builder.condition', { n })}>
                <Group gap="xs" align="flex-end" wrap="wrap">
                  <Select
                    label={t('builder.conditionQuestion')}
                    data={questionOptions}
                    value={question ? row.question : null}
                    placeholder={row.question}
                    onChange={(id) => {
                      const chosen = id ? byId.get(id) : undefined;
                      if (chosen) replace(comparisonFor(chosen, chosen.id, row.op));
                    }}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    disabled={disabled}
                    w={240}
                  />
                  <Select
                    label={t('builder.operator')}
                    data={operatorsFor(question).map((op) => ({ value: op, label: t(`operator.${op}`) }))}
                    value={row.op}
                    onChange={(op) => {
                      const wanted = operatorsFor(question).find((candidate) => candidate === op);
                      if (wanted) replace(comparisonFor(question, row.question, wanted));
                    }}
                    allowDeselect={false}
                    comboboxProps={{ withinPortal: true }}
                    disabled={disabled}
                    w={170}
                  />
                  {row.op === 'equals' || row.op === 'less_than' || row.op === 'greater_than' ? (
                    <AnswerPicker
                      question={question}
                      label={t('builder.answer')}
                      value={row.value}
                      disabled={disabled}
                      onChange={(value) => {
                        if (row.op === 'equals') replace({ ...row, value });
                        else if (typeof value === 'number') replace({ ...row, value });
                      }}
                    />
                  ) : null}
                  {row.op === 'one_of' ? (
                    <AnswersPicker
                      question={question}
                      label={t('builder.answers')}
                      values={row.values}
                      disabled={disabled}
                      onChange={(values) => replace({ ...row, values })}
                    />
                  ) : null}
                  {!disabled ? (
                    <RemoveButton
                      label={t('builder.removeCondition', { n })}
                      mb={4}
                      onClick={() =>
                        setRows(
                          state.join,
                          state.rows.filter((_, i) => i !== index),
                        )
                      }
                    />
                  ) : null}
                </Group>
              </Box>
            );
          })}
          {!disabled ? (
            <Button
              variant="subtle"
              size="xs"
              w="fit-content"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => {
                const row = fresh();
                if (row) setRows(state.join, [...state.rows, row]);
              }}
            >
              {t('builder.addCondition')}
            </Button>
          ) : null}
        </Stack>
      ) : null}
      {error ? (
        <Text size="xs" c="red.8">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
