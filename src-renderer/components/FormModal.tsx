import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './StateViews.js';

interface FormModalProps {
  opened: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void | Promise<void>;
  busy: boolean;
  /** a failure no field explains */
  failure?: unknown;
  /** field errors the form has no input for */
  generalText?: string;
  submitLabel?: string;
  size?: string;
  children: ReactNode;
}

/** A create/edit dialog: a real <form>, so Enter submits and Escape closes. */
export function FormModal({ opened, title, onClose, onSubmit, busy, failure, generalText, submitLabel, size = 'lg', children }: FormModalProps) {
  const { t } = useTranslation();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {children}
          {failure ? <ErrorAlert error={failure} /> : null}
          {generalText ? <ErrorAlert text={generalText} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
