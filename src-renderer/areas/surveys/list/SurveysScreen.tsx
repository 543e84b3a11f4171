import { Anchor, Button, Stack, Text } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SurveySummary } from '../../../../src-shared/contract/index.js';
import { useCallQuery } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { DateTimeText, Ltr, PageHeader } from '../../../components/bits.js';
import { LIST_PAGE_SIZE, usePlaceName } from '../../../components/listScreen.js';
import { PagedTable, type Column } from '../../../components/PagedTable.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { href, navigate } from '../../../shell/router.js';
import { ExportButton } from '../ExportButton.js';
import { readListFilter, RESPONSES_PATH, surveyPath, SURVEYS_PATH, withFilter, type SurveyListFilter } from '../filters.js';
import { Figure, NegativeFlag, SurveyStatusBadge, useChannelLabel, useFigureFormat } from '../labels.js';
import { SurveyFilterBar } from '../SurveyFilterBar.js';

/** The input of `surveys.list` for a filter: only what is set. */
function listInput(filter: SurveyListFilter) {
  const { page, ...rest } = filter;
  return { page, pageSize: LIST_PAGE_SIZE, ...rest };
}

/** Every survey sent or handed out, newest first, filtered as the control center is, and by status, negative flag and MRN. */
export function SurveysScreen({ me, params }: { me: Me; params: URLSearchParams }) {
  const { t } = useTranslation('surveys');
  const language = useLanguage();
  const channelLabel = useChannelLabel();
  const place = usePlaceName();
  const f = useFigureFormat();
  const filter = readListFilter(params);
  const query = useCallQuery('surveys.list', listInput(filter), { keepPrevious: true, refetchInterval: 15_000 });
  const { page, ...withoutPage } = filter;

  const columns: Column<SurveySummary>[] = [
    {
      key: 'patient',
      header: t('list.patient'),
      minWidth: 180,
      render: (s) => (
        <Stack gap={0} align="flex-start">
          <Anchor href={href(surveyPath(s.id))} fw={500} size="sm" aria-label={t('list.open', { name: localName(s.patient, language) })}>
            {localName(s.patient, language)}
          </Anchor>
          <Ltr dimmed>{s.patient.mrn}</Ltr>
        </Stack>
      ),
    },
    {
      key: 'template',
      header: t('detail.template'),
      minWidth: 160,
      render: (s) => localName({ nameEn: s.templateNameEn, nameAr: s.templateNameAr }, language),
    },
    {
      key: 'stage',
      header: t('list.stage'),
      render: (s) =>
        s.stageNameEn !== null || s.stageNameAr !== null ? (
          localName({ nameEn: s.stageNameEn ?? '', nameAr: s.stageNameAr ?? '' }, language)
        ) : (
          <Text size="sm" c="dimmed">
            {s.origin === 'kiosk' || s.origin === 'qr' ? t('list.handedOut') : s.origin === 'complaint' ? t('list.afterComplaint') : t('list.byHand')}
          </Text>
        ),
    },
    { key: 'channel', header: t('list.channel'), nowrap: true, render: (s) => channelLabel(s.channel) },
    { key: 'status', header: t('common.status'), nowrap: true, render: (s) => <SurveyStatusBadge status={s.status} /> },
    { key: 'score', header: t('list.score'), nowrap: true, render: (s) => <Figure>{f.score(s.score)}</Figure> },
    { key: 'negative', header: t('list.negative'), nowrap: true, render: (s) => (s.negative ? <NegativeFlag /> : null) },
    { key: 'created', header: t('list.created'), render: (s) => <DateTimeText value={s.createdAt} /> },
  ];
  if (me.scope.kind === 'group') columns.splice(2, 0, { key: 'hospital', header: t('fields.hospital'), render: (s) => place(s.hospitalId, null) || '—' });

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('list.title')}
        intro={t('list.intro')}
        actions={
          <>
            <Button component="a" variant="default" href={href(withFilter(SURVEYS_PATH, withoutPage))} leftSection={<IconGauge size={16} aria-hidden />}>
              {t('surveys.title')}
            </Button>
            <ExportButton filter={withoutPage} />
          </>
        }
      />
      <SurveyFilterBar me={me} filter={withoutPage} list onApply={(next) => navigate(withFilter(RESPONSES_PATH, { ...next, page: 1 }))} />
      <PagedTable
        label={t('list.tableLabel')}
        query={query}
        columns={columns}
        rowKey={(s) => s.id}
        page={page}
        onPage={(next) => navigate(withFilter(RESPONSES_PATH, { ...withoutPage, page: next }))}
        emptyText={t('list.empty')}
      />
    </Stack>
  );
}
