import { Anchor, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The station's listener defaults (src-main/listener): the console is not told the ports the station was started with. */
export const DEFAULT_LISTENER_PORT = 8088;
export const DEFAULT_MLLP_PORT = 2575;

/** Addresses and flags stay left to right, isolated from the Arabic sentence around them. */
function Literal({ children }: { children: string }) {
  return (
    <Code dir="ltr" style={{ unicodeBidi: 'isolate', whiteSpace: 'nowrap' }}>
      {children}
    </Code>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm" fw={500} w={220}>
        {label}
      </Text>
      {children}
    </Group>
  );
}

/** How to point a HIS at this station: JSON over HTTP, HL7 v2 over MLLP, and where the listener documents itself. */
export function ConnectionHelp() {
  const { t } = useTranslation('integrations');
  const base = `http://<station>:${DEFAULT_LISTENER_PORT}`;
  // the docs are served by the listener of this very station; from the desktop app (app://) that is loopback
  const here = window.location.protocol.startsWith('http') ? window.location.hostname : '127.0.0.1';
  const docs = `http://${here}:${DEFAULT_LISTENER_PORT}/api/v1/docs`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="connect-his-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="connect-his-title">
          {t('integrations.connectTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('integrations.connectStation')}
        </Text>
        <Stack gap={6}>
          <Row label={t('integrations.connectJson')}>
            <Literal>{`POST ${base}/api/v1/events`}</Literal>
          </Row>
          <Row label={t('integrations.connectBatch')}>
            <Literal>{`POST ${base}/api/v1/events/batch`}</Literal>
          </Row>
          <Row label={t('integrations.connectAuth')}>
            <Literal>{'Authorization: Bearer <token>'}</Literal>
          </Row>
          <Row label={t('integrations.connectMllp')}>
            <Literal>{`<station>:${DEFAULT_MLLP_PORT}`}</Literal>
          </Row>
          <Row label={t('integrations.connectDocs')}>
            <Anchor href={docs} target="_blank" rel="noreferrer" size="sm" dir="ltr" style={{ unicodeBidi: 'isolate' }}>
              {docs}
            </Anchor>
          </Row>
        </Stack>
        <Group gap={6} wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('integrations.connectPorts')}
          </Text>
          <Literal>{`--listener-port ${DEFAULT_LISTENER_PORT}`}</Literal>
          <Literal>{`--mllp-port ${DEFAULT_MLLP_PORT}`}</Literal>
        </Group>
        <Group gap={6} wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('integrations.connectLan')}
          </Text>
          <Literal>--listener-host 0.0.0.0</Literal>
        </Group>
      </Stack>
    </Paper>
  );
}
