import { Alert, Blockquote, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { NegativeCondition, Question } from '../../../../src-shared/surveys/template.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { EmptyState } from '../../../components/StateViews.js';
import { pick, useLanguage } from '../../../i18n/index.js';
import { Figure, useFigureFormat } from '../labels.js';
import type { AnswerRow, AnswerView, ResponseView } from './answerRows.js';

/** An answer in the console's language: the point and the scale's own label, the choice's text, yes or no, or why there is none. */
function AnswerText({ view }: { view: AnswerView }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  const f = useFigureFormat();
  switch (view.kind) {
    case 'scale':
      return (
        <Stack gap={0}>
          {view.label ? (
            <Text size="sm" fw={600}>
              {pick(view.label, language)}
            </Text>
          ) : null}
          <Text size="xs" c={view.label ? 'dimmed' : undefined} fw={view.label ? undefined : 600}>
            {t('detail.scalePoint', { value: f.count(view.value), max: f.count(view.max) })}
          </Text>
        </Stack>
      );
    case 'yes_no':
      return (
        <Text size="sm" fw={600}>
          {view.value ? t('detail.yes') : t('detail.no')}
        </Text>
      );
    case 'choices':
      return (
        <Text size="sm" fw={600}>
          {view.labels.map((label) => pick(label, language)).join(language === 'ar' ? '، ' : ', ')}
        </Text>
      );
    case 'text':
      return (
        <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
          {view.text}
        </Text>
      );
    case 'not_applicable':
      return <Text size="sm">{t('detail.notApplicable')}</Text>;
    case 'blank':
      return (
        <Text size="sm" c="dimmed">
          {t('detail.blank')}
        </Text>
      );
    case 'hidden':
      return (
        <Text size="sm" c="dimmed">
          {t('detail.hidden')}
        </Text>
      );
  }
}

/** Why the response is negative, each of the template's conditions it met in a sentence. */
function useReasonText(questions: readonly Question[]): (reason: NegativeCondition) => string {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  return (reason) => {
    if (reason.kind === 'score_below') return t('negativeReason.score_below', { threshold: reason.threshold });
    if (reason.kind !== 'answer_is') return t(`negativeReason.${reason.kind}`);
    const question = questions.find((q) => q.id === reason.question);
    const choice = question && 'choices' in question ? question.choices.find((c) => c.id === reason.value) : undefined;
    const answer =
      typeof reason.value === 'boolean' ? t(reason.value ? 'detail.yes' : 'detail.no') : choice ? pick(choice.text, language) : String(reason.value);
    return t('negativeReason.answer_is', { answer, question: question ? pick(question.text, language) : reason.question });
  };
}

export function NegativeReasons({ view }: { view: ResponseView }) {
  const { t } = useTranslation('surveys');
  const reasonText = useReasonText(view.rows.map((row) => row.question));
  if (view.negativeReasons.length === 0) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('detail.negativeWhy')}>
      <List size="sm" spacing={2}>
        {view.negativeReasons.map((reason, index) => (
          <List.Item key={index}>{reasonText(reason)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** Each question of the survey's version, in order, with the patient's answer and its score. */
export function AnswerTable({ view }: { view: ResponseView }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  const f = useFigureFormat();
  const columns: Column<AnswerRow>[] = [
    {
      key: 'question',
      header: t('detail.question'),
      minWidth: 260,
      render: (row) => (
        <Text size="sm" c={row.view.kind === 'hidden' ? 'dimmed' : undefined}>
          {pick(row.question.text, language)}
        </Text>
      ),
    },
    { key: 'answer', header: t('detail.answer'), minWidth: 200, render: (row) => <AnswerText view={row.view} /> },
    { key: 'score', header: t('detail.itemScore'), nowrap: true, render: (row) => <Figure dimmed={row.linear === null}>{f.score(row.linear)}</Figure> },
  ];
  return <DataTable label={t('detail.answersLabel')} columns={columns} rows={view.rows} rowKey={(row) => row.question.id} />;
}

/** What the patient wrote in their own words, quoted as written (in whatever language they wrote it). */
export function Comments({ view }: { view: ResponseView }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  return (
    <Stack gap="sm" component="section" aria-labelledby="survey-comments">
      <Title order={3} size="h4" id="survey-comments">
        {t('detail.comments')}
      </Title>
      {view.comments.length === 0 ? (
        <EmptyState text={t('detail.noComments')} />
      ) : (
        view.comments.map((comment) => (
          <Blockquote key={comment.question.id} color="teal" p="md" cite={pick(comment.question.text, language)} iconSize={0}>
            <Text dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {comment.text}
            </Text>
          </Blockquote>
        ))
      )}
    </Stack>
  );
}
