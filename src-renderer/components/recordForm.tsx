import { notifications } from '@mantine/notifications';
import { useEffect, useEffectEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './FormModal.js';
import { formValues, useForm, type Values } from './useForm.js';

/** How a list screen opens the create/edit dialog of its records. */
export interface RecordFormProps<T> {
  opened: boolean;
  /** null: a new record */
  record: T | null;
  onClose: () => void;
}

/**
 * The form of a create/edit dialog, filled afresh each time it opens: from
 * the record being edited, or from `blank` for a new one.
 */
export function useRecordForm<V extends Values>(opened: boolean, record: Partial<Record<keyof V, string | null>> | null, blank: V) {
  const form = useForm(blank);
  const { reset } = form;
  const refill = useEffectEvent(() => reset(formValues(blank, record)));
  useEffect(() => {
    if (opened) refill();
  }, [opened, record]);
  return form;
}

interface RecordFormModalProps {
  form: { busy: boolean; failure: unknown; generalText: string };
  opened: boolean;
  /** editing a record (else creating one): says "Saved." rather than "Created." */
  editing: boolean;
  title: string;
  onClose: () => void;
  /** sends the form: answers the saved record, or null when a field or the station said no */
  onSubmit: () => Promise<unknown>;
  size?: string;
  children: ReactNode;
}

/** The dialog around a record's form: shows its errors, and once the station took it, says so and closes. */
export function RecordFormModal({ form, opened, editing, title, onClose, onSubmit, size, children }: RecordFormModalProps) {
  const { t } = useTranslation();
  const submit = async () => {
    const saved = await onSubmit();
    if (!saved) return;
    notifications.show({ color: 'teal', message: editing ? t('common.saved') : t('common.created') });
    onClose();
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={title}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      size={size}
    >
      {children}
    </FormModal>
  );
}
