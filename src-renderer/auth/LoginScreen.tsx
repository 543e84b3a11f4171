import { Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../components/PasswordField.js';
import { call } from '../api/client.js';
import { setSession } from '../api/session.js';
import { ErrorAlert } from '../components/StateViews.js';
import { useForm } from '../components/useForm.js';
import { AuthLayout } from './AuthLayout.js';
import { SecondStep, type SecondStepAnswer } from './SecondStep.js';

export function LoginScreen() {
  const { t } = useTranslation();
  const form = useForm({ username: '', password: '' });
  const [second, setSecond] = useState<SecondStepAnswer | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const answer = await form.submit('auth.login', { username: form.values.username, password: form.values.password }, (input) => call('auth.login', input));
    if (!answer) return;
    // the password is not kept for the second step: the challenge stands for it
    form.set('password', '');
    if (answer.step === 'signed_in') setSession(answer);
    else setSecond(answer);
  };

  if (second) return <SecondStep answer={second} username={form.values.username.trim().toLowerCase()} onBack={() => setSecond(null)} />;

  return (
    <AuthLayout title={t('auth.loginTitle')} intro={t('auth.loginIntro')}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput label={t('auth.username')} autoComplete="username" required data-autofocus autoFocus dir="ltr" {...form.text('username')} />
          <PasswordField label={t('auth.password')} autoComplete="current-password" required {...form.text('password')} />
          {form.failure ? <ErrorAlert error={form.failure} /> : null}
          {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
          <Button type="submit" loading={form.busy} fullWidth>
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
