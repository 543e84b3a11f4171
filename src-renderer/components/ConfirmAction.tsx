import { ActionIcon, Button, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './StateViews.js';

interface ConfirmActionProps {
  /** what the icon button says to a screen reader and in its tooltip, naming the record */
  label: string;
  icon: ReactNode;
  color?: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** shown as a notification once done */
  doneText: string;
  onConfirm: () => Promise<unknown>;
}

/** An icon button whose action runs only after the reader confirms it in a dialog. */
export function ConfirmAction({ label, icon, color = 'red', title, body, confirmLabel, doneText, onConfirm }: ConfirmActionProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const close = () => {
    setOpened(false);
    setFailure(null);
  };
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm();
      notifications.show({ color: 'teal', message: doneText });
      setOpened(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Tooltip label={label} withinPortal>
        <ActionIcon variant="subtle" color={color} aria-label={label} onClick={() => setOpened(true)}>
          {icon}
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          {typeof body === 'string' ? <Text size="sm">{body}</Text> : body}
          {failure ? <ErrorAlert error={failure} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button color={color} loading={busy} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
