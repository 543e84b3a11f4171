import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../components/PasswordField.js';
import { NewPasswordField } from '../components/PasswordStrength.js';
import type { Me } from '../api/session.js';
import { useCallMutation } from '../api/hooks.js';
import { FormModal } from '../components/FormModal.js';
import { consoleFieldError, useForm } from '../components/useForm.js';
import { both } from '../i18n/index.js';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordModal({ opened, onClose, me }: { opened: boolean; onClose: () => void; me: Me }) {
  const { t } = useTranslation();
  const form = useForm(EMPTY);
  const change = useCallMutation('auth.changePassword');
  const { reset } = form;
  useEffect(() => {
    if (opened) reset(EMPTY);
  }, [opened, reset]);

  const submit = async () => {
    const { currentPassword, newPassword, confirmPassword } = form.values;
    // the confirmation never leaves the console, so the console checks it
    const mismatch =
      confirmPassword === newPassword
        ? []
        : [
            consoleFieldError(
              'confirmPassword',
              both((texts) => texts.auth.passwordMismatch),
            ),
          ];
    const done = await form.submit('auth.changePassword', { currentPassword, newPassword }, change.mutateAsync, mismatch);
    if (done) {
      notifications.show({ color: 'teal', message: t('auth.passwordChanged') });
      onClose();
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('auth.changePassword')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      size="md"
    >
      <PasswordField label={t('auth.currentPassword')} autoComplete="current-password" required {...form.text('currentPassword')} />
      <NewPasswordField id="new-password-strength" label={t('auth.newPassword')} owner={me.user} {...form.text('newPassword')} />
      <PasswordField
        label={t('auth.confirmPassword')}
        description={t('auth.confirmHint')}
        autoComplete="new-password"
        required
        {...form.text('confirmPassword')}
      />
    </FormModal>
  );
}
