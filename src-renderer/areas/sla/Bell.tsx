import { ActionIcon, Anchor, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlarm, IconBell, IconUrgent } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BellItem } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery } from '../../api/hooks.js';
import { DateTimeText } from '../../components/bits.js';
import { href } from '../../shell/router.js';

/** Where a notification's record opens. */
function recordPath(item: BellItem): string {
  return item.recordType === 'complaint' ? `/complaints/${item.recordId}` : `/actions/${item.recordId}`;
}

function Entry({ item, onOpen }: { item: BellItem; onOpen: (item: BellItem) => void }) {
  const { t } = useTranslation('sla');
  const clock = t(`bell.clock.${item.clock}`);
  const text =
    item.kind === 'sla_escalation' ? t('bell.escalation', { level: item.level ?? '', clock }) : t('bell.reminder', { percent: item.percent ?? '', clock });
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" p={6} bg={item.readAt ? undefined : 'var(--mantine-color-blue-light)'} style={{ borderRadius: 6 }}>
      <ThemeIcon size={28} radius="xl" variant="light" color={item.kind === 'sla_escalation' ? 'red' : 'orange'} aria-hidden>
        {item.kind === 'sla_escalation' ? <IconUrgent size={16} /> : <IconAlarm size={16} />}
      </ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Anchor
          href={href(recordPath(item))}
          size="sm"
          fw={item.readAt ? 400 : 600}
          onClick={() => onOpen(item)}
          aria-label={`${text} — ${item.recordNumber}${item.readAt ? '' : ` (${t('bell.unread')})`}`}
        >
          {text}
        </Anchor>
        <Text size="xs" c="dimmed">
          <bdi dir="ltr">{item.recordNumber}</bdi>
        </Text>
        <DateTimeText value={item.deliverAt} />
      </Stack>
    </Group>
  );
}

/**
 * The staff notification bell in the header: reminders and escalations for
 * the signed-in person that are due to show (held to business hours by the
 * station), newest first, with how many are unread. Opening one reads it;
 * "mark all read" reads them all (on every station, once synced).
 */
export function Bell() {
  const { t } = useTranslation('sla');
  const [opened, setOpened] = useState(false);
  const list = useCallQuery('bell.list', { limit: 30 }, { refetchInterval: 30_000 });
  const read = useCallMutation('bell.read', ['bell.list']);
  const unread = list.data?.unread ?? 0;
  const label = unread > 0 ? t('bell.labelUnread', { n: unread }) : t('bell.label');
  return (
    // the popover's target is the button itself (it takes aria-expanded and aria-controls); the count sits around it
    <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withArrow trapFocus returnFocus>
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)}>
            <IconBell size={20} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown aria-label={t('bell.title')} role="dialog">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>{t('bell.title')}</Text>
            <Button size="compact-sm" variant="subtle" disabled={unread === 0 || read.isPending} onClick={() => read.mutate({})}>
              {t('bell.readAll')}
            </Button>
          </Group>
          {list.isError ? (
            <Text size="sm" c="red.8">
              {t('bell.error')}
            </Text>
          ) : list.isPending ? (
            <Text size="sm" c="dimmed">
              {t('bell.loading')}
            </Text>
          ) : list.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('bell.empty')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={420}>
              <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {list.data.items.map((item) => (
                  <li key={item.id}>
                    <Entry
                      item={item}
                      onOpen={(opened) => {
                        setOpened(false);
                        if (!opened.readAt) read.mutate({ ids: [opened.id] });
                      }}
                    />
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
