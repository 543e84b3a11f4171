import { Button, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../components/PasswordField.js';
import { NewPasswordField } from '../components/PasswordStrength.js';
import { call } from '../api/client.js';
import { setSession } from '../api/session.js';
import { LanguageSelect } from '../components/pickers.js';
import { ErrorAlert } from '../components/StateViews.js';
import { consoleFieldError, useForm } from '../components/useForm.js';
import { both, useLanguage } from '../i18n/index.js';
import { AuthLayout } from './AuthLayout.js';
import { SecondStep, type SecondStepAnswer } from './SecondStep.js';

/** First run: the station has no users; create the first PX Admin, who is then signed in. */
export function SetupScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const form = useForm({ username: '', password: '', confirmPassword: '', nameAr: '', nameEn: '', email: '', phone: '', preferredLanguage: language });
  // the language toggle above is a choice of language too: the admin's preference follows it
  const { set } = form;
  useEffect(() => set('preferredLanguage', language), [language, set]);
  // a station enrolled before setup may already hold the group's requirement of two-step sign-in for admins
  const [second, setSecond] = useState<SecondStepAnswer | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { confirmPassword, preferredLanguage, ...fields } = form.values;
    const mismatch =
      confirmPassword === fields.password
        ? []
        : [
            consoleFieldError(
              'confirmPassword',
              both((texts) => texts.auth.passwordMismatch),
            ),
          ];
    const session = await form.submit(
      'auth.setup',
      { ...fields, preferredLanguage: preferredLanguage === 'en' ? 'en' : 'ar' },
      (input) => call('auth.setup', input),
      mismatch,
    );
    if (!session) return;
    if (session.step === 'signed_in') setSession(session);
    else setSecond(session);
  };

  if (second) return <SecondStep answer={second} username={form.values.username.trim().toLowerCase()} onBack={() => window.location.reload()} />;

  return (
    <AuthLayout title={t('auth.setupTitle')} intro={t('auth.setupIntro')} width={640}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('fields.username')}
            description={t('fields.usernameHint')}
            autoComplete="username"
            required
            dir="ltr"
            {...form.text('username')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NewPasswordField
              id="setup-password-strength"
              label={t('auth.password')}
              owner={{ username: form.values.username, nameEn: form.values.nameEn, nameAr: form.values.nameAr, email: form.values.email }}
              {...form.text('password')}
            />
            <PasswordField
              label={t('auth.confirmPassword')}
              description={t('auth.confirmHint')}
              autoComplete="new-password"
              required
              {...form.text('confirmPassword')}
            />
            <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
            <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
            <TextInput label={t('fields.email')} type="email" autoComplete="email" dir="ltr" {...form.text('email')} />
            <TextInput label={t('fields.phone')} placeholder="05XXXXXXXX" type="tel" autoComplete="tel" dir="ltr" {...form.text('phone')} />
          </SimpleGrid>
          <LanguageSelect {...form.choice('preferredLanguage')} />
          {form.failure ? <ErrorAlert error={form.failure} /> : null}
          {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
          <Button type="submit" loading={form.busy}>
            {t('auth.createAdmin')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
