import { Button, Grid, Paper, Stack } from '@mantine/core';
import { IconListDetails, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SurveyFigures } from '../../../../src-shared/contract/index.js';
import { useCallQuery, usePermission } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { PageHeader } from '../../../components/bits.js';
import { EmptyState, ErrorAlert, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { href, navigate } from '../../../shell/router.js';
import { ExportButton } from '../ExportButton.js';
import { figuresInput, isFiltered, readFilter, RESPONSES_PATH, SEND_PATH, SURVEYS_PATH, withFilter } from '../filters.js';
import { SurveyFilterBar } from '../SurveyFilterBar.js';
import { DailyChart } from './DailyChart.js';
import { FigureCards, SkippedNote } from './FigureCards.js';
import { FunnelChart } from './FunnelChart.js';
import { TemplateScores } from './TemplateScores.js';
import { DomainScores } from './DomainScores.js';

function nothingYet(figures: SurveyFigures): boolean {
  const { skipped } = figures;
  return figures.invited + figures.completed + skipped.fatigue + skipped.optedOut + skipped.noContact === 0 && figures.templates.length === 0;
}

/**
 * The survey control center: for the filter in the address, how many were
 * asked and answered, the way from invitation to answer, scores per day
 * and per template with the responses behind each, and what was held back.
 */
export function ControlCenterScreen({ me, params }: { me: Me; params: URLSearchParams }) {
  const { t } = useTranslation('surveys');
  const can = usePermission();
  const filter = readFilter(params);
  const figures = useCallQuery('surveys.figures', figuresInput(filter), { keepPrevious: true, refetchInterval: 30_000 });
  const sendButton = can('surveys.write') ? (
    <Button component="a" href={href(SEND_PATH)} leftSection={<IconSend size={16} aria-hidden />}>
      {t('surveys.send')}
    </Button>
  ) : null;

  let body;
  if (figures.isPending) body = <LoadingState />;
  else if (figures.isError && !figures.data) body = <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />;
  else if (nothingYet(figures.data)) {
    body = (
      <Paper withBorder radius="md">
        <EmptyState text={isFiltered(filter) ? t('surveys.emptyFiltered') : t('surveys.empty')}>{isFiltered(filter) ? null : sendButton}</EmptyState>
      </Paper>
    );
  } else {
    const data = figures.data;
    body = (
      <Stack gap="lg" aria-busy={figures.isFetching}>
        {figures.isError ? <ErrorAlert error={figures.error} /> : null}
        <FigureCards figures={data} />
        <SkippedNote skipped={data.skipped} />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <FunnelChart figures={data} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <DailyChart byDay={data.byDay} range={filter} />
          </Grid.Col>
        </Grid>
        <TemplateScores templates={data.templates} />
        <DomainScores domains={data.domains} />
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('surveys.title')}
        intro={t('surveys.intro')}
        actions={
          <>
            <Button component="a" variant="default" href={href(withFilter(RESPONSES_PATH, filter))} leftSection={<IconListDetails size={16} aria-hidden />}>
              {t('surveys.seeList')}
            </Button>
            <ExportButton filter={filter} />
            {sendButton}
          </>
        }
      />
      <SurveyFilterBar me={me} filter={filter} onApply={(next) => navigate(withFilter(SURVEYS_PATH, figuresInput(next)))} />
      {body}
    </Stack>
  );
}
