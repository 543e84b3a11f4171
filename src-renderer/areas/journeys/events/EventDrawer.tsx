import { Alert, Anchor, Button, Code, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InboundEvent } from '../../../../src-shared/contract/index.js';
import { useCallQuery } from '../../../api/hooks.js';
import { DateTimeText, Fact, Ltr } from '../../../components/bits.js';
import { EventStatusBadge, mappedCode, useEventCodeLabel } from '../hisLabels.js';
import { ErrorState, LoadingState } from '../../../components/StateViews.js';
import { useLanguage } from '../../../i18n/index.js';
import { href } from '../../../shell/router.js';
import { hl7Segments, hl7Tokens, prettyJson } from './payload.js';

/** A payload exactly as written: left to right whatever the page direction, scrolling rather than wrapping. */
function Payload({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={4} size="h6">
        {title}
      </Title>
      <Code block dir="ltr" style={{ maxHeight: 360, overflow: 'auto', textAlign: 'left', whiteSpace: 'pre' }}>
        {children}
      </Code>
    </Stack>
  );
}

/** An HL7 v2 message a segment a line, each field isolated so Arabic values stay in place. */
function Hl7Lines({ raw }: { raw: string }) {
  const segments = hl7Segments(raw);
  const msh = segments.find((segment) => segment.startsWith('MSH'));
  return segments.map((segment, line) => (
    <span key={line}>
      {hl7Tokens(segment, msh).map((token, index) => (token.delimiter ? token.text : <bdi key={index}>{token.text}</bdi>))}
      {line < segments.length - 1 ? '\n' : null}
    </span>
  ));
}

export const canReprocess = (event: Pick<InboundEvent, 'status'>) => event.status === 'failed' || event.status === 'quarantined';

interface EventDrawerProps {
  id: string | null;
  hospitalName: (code: string | null) => string;
  onClose: () => void;
  onReprocess: (ids: string[]) => Promise<unknown>;
  reprocessing: boolean;
}

/** One received event: what it said, what became of it, and its payload as it arrived. */
export function EventDrawer({ id, hospitalName, onClose, onReprocess, reprocessing }: EventDrawerProps) {
  const { t } = useTranslation('journeys');
  const language = useLanguage();
  const eventLabel = useEventCodeLabel();
  const event = useCallQuery('events.get', { id: id ?? '' }, { enabled: id !== null, refetchInterval: 5_000 });

  let body: React.ReactNode;
  if (event.isError) body = <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  else if (event.isPending) body = <LoadingState />;
  else {
    const e = event.data;
    const raw = e.raw ?? '';
    body = (
      <Stack gap="md">
        <Group justify="space-between">
          <EventStatusBadge status={e.status} />
          {canReprocess(e) ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRefresh size={14} aria-hidden />}
              loading={reprocessing}
              onClick={() => void onReprocess([e.id])}
            >
              {t('events.reprocess')}
            </Button>
          ) : null}
        </Group>
        {e.error ? (
          <Alert color={e.status === 'pending' ? 'blue' : 'red'} variant="light" title={t('events.error')} icon={<IconAlertTriangle aria-hidden />}>
            {e.error.message[language]}
          </Alert>
        ) : null}
        <SimpleGrid cols={2} spacing="md">
          <Fact label={t('events.received')}>
            <DateTimeText value={e.receivedAt} />
          </Fact>
          <Fact label={t('events.occurred')}>
            <DateTimeText value={e.occurredAt} />
          </Fact>
          <Fact label={t('events.source')}>
            <Ltr>{`${e.sourceSystem} · ${e.format === 'hl7' ? 'HL7 v2' : 'JSON'}`}</Ltr>
          </Fact>
          <Fact label={t('events.externalId')}>
            <Ltr>{e.externalId}</Ltr>
          </Fact>
          <Fact label={t('events.code')}>
            <Ltr>{mappedCode(e.externalCode, e.eventCode)}</Ltr>
            {e.eventCode ? (
              <Text size="xs" c="dimmed">
                {eventLabel(e.eventCode)}
              </Text>
            ) : null}
          </Fact>
          <Fact label={t('fields.hospital')}>{hospitalName(e.hospitalCode)}</Fact>
          <Fact label={t('events.encounter')}>{e.encounterId ? <Ltr>{e.encounterId}</Ltr> : '—'}</Fact>
          <Fact label={t('events.attempts')}>{e.attempts}</Fact>
          {e.nextAttemptAt && e.status !== 'processed' ? (
            <Fact label={t('events.nextAttempt')}>
              <DateTimeText value={e.nextAttemptAt} />
            </Fact>
          ) : null}
          {e.processedAt ? (
            <Fact label={t('events.processedAt')}>
              <DateTimeText value={e.processedAt} />
            </Fact>
          ) : null}
        </SimpleGrid>
        {e.journeyInstanceId ? <Anchor href={href(`/journeys/${e.journeyInstanceId}`)}>{t('events.openJourney')}</Anchor> : null}
        {e.format === 'hl7' && raw ? (
          <Payload title={t('events.rawHl7')}>
            <Hl7Lines raw={raw} />
          </Payload>
        ) : null}
        <Payload title={e.format === 'hl7' ? t('events.asRead') : t('events.rawJson')}>{prettyJson(e.format === 'json' && raw ? raw : e.body)}</Payload>
      </Stack>
    );
  }

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      // Mantine mirrors the side in right-to-left: the details open at the reading end either way
      position="right"
      size="xl"
      title={t('events.detailTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {body}
    </Drawer>
  );
}
