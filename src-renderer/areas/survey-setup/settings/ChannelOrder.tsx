import { ActionIcon, Box, Checkbox, Group, Paper, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveChannel, type SettingsDraft } from './settings-form.js';

interface ChannelOrderProps {
  channels: SettingsDraft['channels'];
  onChange: (channels: SettingsDraft['channels']) => void;
  error: string | undefined;
  disabled: boolean;
}

/** The channels a patient may be invited on, ticked when used, in the order they are tried; moved by buttons. */
export function ChannelOrder({ channels, onChange, error, disabled }: ChannelOrderProps) {
  const { t } = useTranslation('survey-setup');
  const listRef = useRef<HTMLOListElement>(null);
  const [focus, setFocus] = useState<{ channel: string; direction: 'up' | 'down' } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!focus) return;
    const buttonFor = (direction: string) => listRef.current?.querySelector<HTMLButtonElement>(`[data-channel="${focus.channel}"][data-move="${direction}"]`);
    const wanted = buttonFor(focus.direction);
    (wanted && !wanted.disabled ? wanted : buttonFor(focus.direction === 'up' ? 'down' : 'up'))?.focus();
    setFocus(null);
  }, [focus]);

  const move = (index: number, delta: -1 | 1) => {
    const item = channels[index];
    if (!item) return;
    onChange(moveChannel(channels, index, delta));
    setFocus({ channel: item.channel, direction: delta < 0 ? 'up' : 'down' });
    setAnnouncement(t('settings.channelMoved', { channel: t(`channel.${item.channel}`), n: index + delta + 1 }));
  };

  return (
    <>
      <Box component="ol" ref={listRef} m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('settings.channelsLabel')}>
        {channels.map((item, index) => {
          const name = t(`channel.${item.channel}`);
          const up = t('settings.moveChannelUp', { channel: name });
          const down = t('settings.moveChannelDown', { channel: name });
          return (
            <Paper component="li" key={item.channel} withBorder radius="sm" px="sm" py={6} mb={6}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="sm">
                  <Text fw={700} c="dimmed" w={16} ta="center" aria-hidden>
                    {index + 1}
                  </Text>
                  <Checkbox
                    label={name}
                    checked={item.used}
                    disabled={disabled}
                    onChange={(event) => {
                      const used = event.currentTarget.checked;
                      onChange(channels.map((c, i) => (i === index ? { ...c, used } : c)));
                    }}
                  />
                </Group>
                {!disabled ? (
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={up} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={up}
                        disabled={index === 0}
                        data-channel={item.channel}
                        data-move="up"
                        onClick={() => move(index, -1)}
                      >
                        <IconArrowUp size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={down} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={down}
                        disabled={index === channels.length - 1}
                        data-channel={item.channel}
                        data-move="down"
                        onClick={() => move(index, 1)}
                      >
                        <IconArrowDown size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                ) : null}
              </Group>
            </Paper>
          );
        })}
      </Box>
      {error ? (
        <Text size="xs" c="red.8">
          {error}
        </Text>
      ) : null}
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
    </>
  );
}
