import { Box, Checkbox, Group, Paper, Text, VisuallyHidden } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MoveButtons, useMoveFocus } from '../ListButtons.js';
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
  const { moved, announcement } = useMoveFocus(listRef);

  const move = (index: number, delta: -1 | 1) => {
    const item = channels[index];
    if (!item) return;
    onChange(moveChannel(channels, index, delta));
    moved(item.channel, delta, t('settings.channelMoved', { channel: t(`channel.${item.channel}`), n: index + delta + 1 }));
  };

  return (
    <>
      <Box component="ol" ref={listRef} m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('settings.channelsLabel')}>
        {channels.map((item, index) => {
          const name = t(`channel.${item.channel}`);
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
                    <MoveButtons
                      itemKey={item.channel}
                      upLabel={t('settings.moveChannelUp', { channel: name })}
                      downLabel={t('settings.moveChannelDown', { channel: name })}
                      canMoveUp={index > 0}
                      canMoveDown={index < channels.length - 1}
                      onMove={(delta) => move(index, delta)}
                    />
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
