import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField.js';
import { NewPasswordField } from '../../components/PasswordStrength.js';
import type { User } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { FormModal } from '../../components/FormModal.js';
import { consoleFieldError, useForm } from '../../components/useForm.js';
import { both, localName, useLanguage } from '../../i18n/index.js';

const EMPTY = { newPassword: '', confirmPassword: '' };

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  const language = useLanguage();
  const form = useForm(EMPTY);
  const resetPassword = useCallMutation('users.resetPassword', ['users.list']);
  const { reset } = form;
  useEffect(() => {
    if (user) reset(EMPTY);
  }, [user, reset]);
  if (!user) return null;

  const submit = async () => {
    const { newPassword, confirmPassword } = form.values;
    const mismatch =
      confirmPassword === newPassword
        ? []
        : [
            consoleFieldError(
              'confirmPassword',
              both((texts) => texts.auth.passwordMismatch),
            ),
          ];
    const done = await form.submit('users.resetPassword', { id: user.id, newPassword }, resetPassword.mutateAsync, mismatch);
    if (done) {
      notifications.show({ color: 'teal', message: t('users.resetDone') });
      onClose();
    }
  };

  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('users.resetTitle', { name: localName(user, language) })}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      size="md"
    >
      <Text size="sm" c="dimmed">
        {t('users.resetIntro')}
      </Text>
      <NewPasswordField id="reset-password-strength" label={t('auth.newPassword')} owner={user} {...form.text('newPassword')} />
      <PasswordField
        label={t('auth.confirmPassword')}
        description={t('auth.confirmHint')}
        required
        autoComplete="new-password"
        {...form.text('confirmPassword')}
      />
    </FormModal>
  );
}
