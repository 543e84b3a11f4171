import { ActionIcon, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './StateViews.js';

interface ActiveToggleProps {
  /** the record's name as the reader knows it */
  name: string;
  active: boolean;
  onChange: (active: boolean) => Promise<unknown>;
}

/** Activate or deactivate a record, after the reader confirms. */
export function ActiveToggle({ name, active, onChange }: ActiveToggleProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const verb = active ? t('common.deactivate') : t('common.activate');

  const close = () => {
    setOpened(false);
    setFailure(null);
  };
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onChange(!active);
      notifications.show({ color: 'teal', message: active ? t('common.deactivated') : t('common.activated') });
      setOpened(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Tooltip label={`${verb}: ${name}`} withinPortal>
        <ActionIcon variant="subtle" color={active ? 'red' : 'teal'} aria-label={`${verb}: ${name}`} onClick={() => setOpened(true)}>
          {active ? <IconBan size={18} aria-hidden /> : <IconCircleCheck size={18} aria-hidden />}
        </ActionIcon>
      </Tooltip>
      <Modal
        opened={opened}
        onClose={close}
        title={active ? t('common.deactivateTitle', { name }) : t('common.activateTitle', { name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text size="sm">{active ? t('common.deactivateBody') : t('common.activateBody')}</Text>
          {failure ? <ErrorAlert error={failure} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button color={active ? 'red' : 'teal'} loading={busy} onClick={() => void confirm()}>
              {verb}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
