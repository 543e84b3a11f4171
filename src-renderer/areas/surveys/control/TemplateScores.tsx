import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyFigures } from '../../../../src-shared/contract/index.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { EmptyState } from '../../../components/StateViews.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { Figure, FigureWithBase, useFigureFormat } from '../labels.js';

type TemplateFigures = SurveyFigures['templates'][number];

/** Header text with its definition under it: what a 0–100 score or an NPS means is not obvious to everyone. */
function Explained({ title, hint }: { title: string; hint: string }) {
  return (
    <>
      {title}
      <Text size="xs" c="dimmed" fw={400} maw={220}>
        {hint}
      </Text>
    </>
  );
}

/** Per template: responses, the 0–100 score and the NPS each with the responses behind it, and the top-box share. */
export function TemplateScores({ templates }: { templates: SurveyFigures['templates'] }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  const f = useFigureFormat();
  const columns: Column<TemplateFigures>[] = [
    { key: 'template', header: t('surveys.template'), minWidth: 200, render: (row) => <Text size="sm">{localName(row, language)}</Text> },
    { key: 'responses', header: t('surveys.responses'), nowrap: true, render: (row) => <Figure>{f.count(row.responses)}</Figure> },
    {
      key: 'score',
      header: <Explained title={t('surveys.score')} hint={t('surveys.scoreHint')} />,
      render: (row) => <FigureWithBase value={f.score(row.score)} base={t('surveys.ofResponses', { count: f.count(row.scored) })} />,
    },
    {
      key: 'weighted',
      header: <Explained title={t('surveys.weighted')} hint={t('surveys.weightedHint')} />,
      render: (row) => <Figure>{f.score(row.weightedScore)}</Figure>,
    },
    {
      key: 'nps',
      header: <Explained title={t('surveys.nps')} hint={t('surveys.npsHint')} />,
      render: (row) => <FigureWithBase value={f.nps(row.nps.score)} base={t('surveys.ofResponses', { count: f.count(row.nps.responses) })} />,
    },
    {
      key: 'topBox',
      header: <Explained title={t('surveys.topBox')} hint={t('surveys.topBoxHint')} />,
      render: (row) => <Figure>{f.percent(row.topBox)}</Figure>,
    },
  ];
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="survey-templates">
      <Title order={3} size="h4" id="survey-templates" p="md" pb={0}>
        {t('surveys.templatesTitle')}
      </Title>
      {templates.length === 0 ? (
        <EmptyState text={t('surveys.templatesEmpty')} />
      ) : (
        <DataTable label={t('surveys.templatesLabel')} columns={columns} rows={templates} rowKey={(row) => row.templateId} />
      )}
    </Paper>
  );
}
