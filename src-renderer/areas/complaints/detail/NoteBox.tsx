import { Button, Group, Paper, Radio, Stack, Textarea, Title } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput } from '../../../../src-shared/contract/index.js';
import { useCallMutation } from '../../../api/hooks.js';
import { useNotify } from '../../../components/notify.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { useForm } from '../../../components/useForm.js';

const BLANK = { text: '', visibility: 'internal' };

/**
 * A note on the timeline: internal, or for the complainant to read (the
 * first such note is the complaint's first response). Ctrl+Enter adds it.
 */
export function NoteBox({ complaintId }: { complaintId: string }) {
  const notify = useNotify();
  const { t } = useTranslation('complaints');
  const form = useForm(BLANK);
  const note = useCallMutation('complaints.note', ['complaints.list', 'complaints.get']);
  const { values } = form;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { id: complaintId, text: values.text.trim(), visibility: values.visibility } as CallInput<'complaints.note'>;
    if (await form.submit('complaints.note', input, note.mutateAsync)) {
      notify.done(t('note.added'));
      form.reset({ ...BLANK, visibility: values.visibility });
    }
  };
  const sendOnCtrlEnter = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="form"
      aria-labelledby="complaint-note"
      onSubmit={(event: FormEvent<HTMLFormElement>) => void submit(event)}
      onKeyDown={sendOnCtrlEnter}
      noValidate
    >
      <Title order={3} size="h4" id="complaint-note" mb="sm">
        {t('note.title')}
      </Title>
      <Stack gap="sm">
        <Textarea
          label={t('note.text')}
          required
          autosize
          minRows={3}
          dir="auto"
          value={values.text}
          onChange={(event) => form.set('text', event.currentTarget.value)}
          error={form.errorFor('text')}
        />
        <Radio.Group
          label={t('note.visibility')}
          description={values.visibility === 'patient' ? t('note.patientHint') : undefined}
          {...form.choice('visibility')}
          onChange={(value) => form.set('visibility', value)}
        >
          <Group gap="lg" mt={6}>
            <Radio value="internal" label={t('note.internal')} />
            <Radio value="patient" label={t('note.patient')} />
          </Group>
        </Radio.Group>
        {form.failure ? <ErrorAlert error={form.failure} /> : null}
        {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
        <Button type="submit" loading={form.busy} leftSection={<IconMessagePlus size={16} aria-hidden />} w="fit-content" aria-keyshortcuts="Control+Enter">
          {t('note.add')}
        </Button>
      </Stack>
    </Paper>
  );
}
