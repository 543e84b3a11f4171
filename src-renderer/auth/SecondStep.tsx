import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session, SignIn } from '../../src-shared/contract/index.js';
import { call } from '../api/client.js';
import { setSession } from '../api/session.js';
import { ErrorAlert } from '../components/StateViews.js';
import { useForm } from '../components/useForm.js';
import { AuthLayout } from './AuthLayout.js';
import { RecoveryCodes } from './RecoveryCodes.js';
import { TotpSetup } from './TotpSetup.js';

export type SecondStepAnswer = Exclude<SignIn, { step: 'signed_in' }>;

/**
 * The second step of signing in, after a right password: the code of the
 * authenticator app (or a recovery code); or, when the group requires one
 * and the account has none, setting one up, then the recovery codes, shown
 * once. A refusal that ends the step (it expired, or the account locked)
 * sends the person back to the password.
 */
export function SecondStep({ answer, username, onBack }: { answer: SecondStepAnswer; username: string; onBack: () => void }) {
  const [codes, setCodes] = useState<{ session: Session; recoveryCodes: string[] } | null>(null);
  const { t } = useTranslation();
  if (codes) {
    return (
      <AuthLayout title={t('auth.recoveryTitle')} intro={t('auth.turnedOn')} width={520}>
        <RecoveryCodes codes={codes.recoveryCodes} onDone={() => setSession(codes.session)} titled={false} />
      </AuthLayout>
    );
  }
  return answer.step === 'totp' ? (
    <CodeStep challenge={answer.challenge} onBack={onBack} />
  ) : (
    <EnrolStep answer={answer} username={username} onBack={onBack} onEnrolled={setCodes} />
  );
}

function BackLink({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Anchor component="button" type="button" size="sm" onClick={onBack}>
      {t('auth.backToSignIn')}
    </Anchor>
  );
}

function CodeStep({ challenge, onBack }: { challenge: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const form = useForm({ code: '' });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const session = await form.submit('auth.verifyTotp', { challenge, code: form.values.code }, (input) => call('auth.verifyTotp', input));
    if (session) setSession(session);
  };

  return (
    <AuthLayout title={t('auth.totpTitle')} intro={recovery ? t('auth.recoveryIntro') : t('auth.totpIntro')}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TextInput
            key={recovery ? 'recovery' : 'totp'}
            label={recovery ? t('auth.recoveryCode') : t('auth.totpCode')}
            required
            data-autofocus
            autoFocus
            dir="ltr"
            inputMode={recovery ? 'text' : 'numeric'}
            autoComplete={recovery ? 'off' : 'one-time-code'}
            maxLength={recovery ? 40 : 6}
            placeholder={recovery ? 'XXXX-XXXX-XXXX-XXXX' : '123456'}
            {...form.text('code')}
          />
          {form.failure ? <ErrorAlert error={form.failure} /> : null}
          {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
          <Button type="submit" loading={form.busy} fullWidth>
            {t('auth.verify')}
          </Button>
          <Group justify="space-between">
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setRecovery(!recovery);
                form.reset({ code: '' });
              }}
            >
              {recovery ? t('auth.useTotpCode') : t('auth.useRecoveryCode')}
            </Anchor>
            <BackLink onBack={onBack} />
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}

function EnrolStep({
  answer,
  username,
  onBack,
  onEnrolled,
}: {
  answer: Extract<SignIn, { step: 'totp_enrolment' }>;
  username: string;
  onBack: () => void;
  onEnrolled: (done: { session: Session; recoveryCodes: string[] }) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ code: '' });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const done = await form.submit('auth.confirmTotpEnrolment', { challenge: answer.challenge, code: form.values.code }, (input) =>
      call('auth.confirmTotpEnrolment', input),
    );
    if (done) {
      const { recoveryCodes, ...session } = done;
      onEnrolled({ session, recoveryCodes });
    }
  };

  return (
    <AuthLayout title={t('auth.enrolTitle')} intro={t('auth.enrolRequired')} width={560}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <TotpSetup enrolment={answer.enrolment} username={username} code={form.text('code')} />
          {form.failure ? <ErrorAlert error={form.failure} /> : null}
          {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
          <Button type="submit" loading={form.busy} fullWidth>
            {t('auth.turnOn')}
          </Button>
          <Text ta="center">
            <BackLink onBack={onBack} />
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
