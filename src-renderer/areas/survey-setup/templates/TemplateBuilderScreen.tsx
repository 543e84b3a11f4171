import { Alert, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../../api/hooks.js';
import type { Me } from '../../../api/session.js';
import { BackLink } from '../../../components/bits.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StateViews.js';
import { TEMPLATES_PATH } from '../paths.js';
import { blankDraft, draftOf } from './draft.js';
import { TemplateBuilder } from './TemplateBuilder.js';
import { useTemplatesWritable } from './TemplatesScreen.js';

/** `/survey-setup/new`: a blank template; `/survey-setup/<id>`: the template as the station holds it. */
export function TemplateBuilderScreen({ me, templateId }: { me: Me; templateId: string }) {
  const { t } = useTranslation('survey-setup');
  const writable = useTemplatesWritable(me);
  const isNew = templateId === 'new';
  const detail = useCallQuery('surveyTemplates.get', { id: templateId }, { enabled: !isNew });
  const back = <BackLink to={TEMPLATES_PATH} label={t('builder.back')} />;

  if (isNew) return <TemplateBuilder key="new" initial={blankDraft()} detail={null} writable={writable} back={back} />;
  if (detail.isError) {
    return (
      <Stack gap="lg">
        {back}
        {detail.error.status === 404 ? <EmptyState text={t('builder.notFound')} /> : <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
      </Stack>
    );
  }
  if (detail.isPending) return <LoadingState />;
  const template = detail.data;
  if (!template.content) {
    return (
      <Stack gap="lg">
        {back}
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('builder.unreadable')}
        </Alert>
      </Stack>
    );
  }
  // a new version (or new names) saved: start again from what the station now holds
  return (
    <TemplateBuilder
      key={`${template.id}:${template.currentVersionId ?? ''}:${template.updatedAt}`}
      initial={draftOf({ ...template, content: template.content })}
      detail={template}
      writable={writable}
      back={back}
    />
  );
}
