import { Alert, Button, Fieldset, Group, Kbd, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../src-shared/contract/index.js';
import { useCallMutation, usePermission } from '../../../api/hooks.js';
import { useHospitals } from '../../../api/lookups.js';
import type { Me } from '../../../api/session.js';
import { BackLink, PageHeader } from '../../../components/bits.js';
import { useNotify } from '../../../components/notify.js';
import { PatientPicker } from '../../../components/PatientPicker.js';
import { DepartmentSelect, HospitalSelect } from '../../../components/pickers.js';
import { ErrorAlert } from '../../../components/StateViews.js';
import { useForm } from '../../../components/useForm.js';
import { useLanguage } from '../../../i18n/index.js';
import { navigate } from '../../../shell/router.js';
import { useTimeZone } from '../../../shell/useTimeZone.js';
import { complaintPath, COMPLAINTS_PATH } from '../filters.js';
import { useTaxonomy } from '../labels.js';
import { enterMovesOn } from './keyboard.js';
import { BLANK, createInput, formProblems } from './newComplaint.js';

/** Lists typed into, not opened by every Tab: typing narrows and picks the first match, Enter takes it. */
const TYPE_TO_PICK = { searchable: true, openOnFocus: false, selectFirstOptionOnChange: true, comboboxProps: { withinPortal: true } } as const;

const LEGEND = { legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)', marginBottom: 'var(--mantine-spacing-xs)' } } as const;

/**
 * File a complaint, an inquiry or a compliment, by keyboard: the first
 * field has the focus, Enter goes on to the next field, Ctrl+Enter files
 * it. The patient is found by MRN or name, or the complainant is named
 * (or left anonymous) with a way to reach them. What the station refuses
 * is said at its field, in the reader's language. Once filed, the
 * complaint opens with its number.
 */
export function NewComplaintScreen({ me }: { me: Me }) {
  const notify = useNotify();
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const can = usePermission();
  const taxonomy = useTaxonomy();
  const { byId: hospitals } = useHospitals();
  const fallbackZone = useTimeZone();
  const groupWide = me.scope.kind === 'group';
  const form = useForm({ ...BLANK, hospitalId: me.scope.hospitalId ?? '', departmentId: me.scope.kind === 'department' ? (me.scope.departmentId ?? '') : '' });
  const [patient, setPatient] = useState<Patient | null>(null);
  const create = useCallMutation('complaints.create', ['complaints.list']);
  const { values } = form;
  const timeZone = hospitals.get(values.hospitalId)?.timeZone ?? fallbackZone;

  if (!can('complaints.write')) {
    return (
      <Stack gap="lg">
        <PageHeader title={t('new.title')} />
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('new.noWrite')}
        </Alert>
      </Stack>
    );
  }

  const choosePatient = (chosen: Patient | null) => {
    setPatient(chosen);
    form.set('patientId', chosen?.id ?? '');
    if (!chosen) return;
    // a group-wide reader may find the patient first: the complaint is of the patient's hospital
    if (groupWide && values.hospitalId !== chosen.hospitalId) {
      form.set('hospitalId', chosen.hospitalId);
      form.set('departmentId', '');
    }
    if (!values.contactPhone && chosen.phone) form.set('contactPhone', chosen.phone);
    if (!values.contactEmail && chosen.email) form.set('contactEmail', chosen.email);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fallback = patient?.preferredLanguage ?? language;
    const input = createInput(values, { timeZone, language: fallback });
    const filed = await form.submit('complaints.create', input, create.mutateAsync, formProblems(values, new Date(), timeZone));
    if (!filed) return;
    notify.done(t('new.filed', { number: filed.number }));
    navigate(complaintPath(filed.id));
  };

  return (
    <Stack gap="lg">
      <BackLink to={COMPLAINTS_PATH} label={t('complaint.back')} />
      <PageHeader title={t('new.title')} intro={t('new.intro')} />
      <Paper
        withBorder
        radius="md"
        p="lg"
        component="form"
        aria-label={t('new.formLabel')}
        onSubmit={(event: FormEvent<HTMLFormElement>) => void submit(event)}
        onKeyDown={enterMovesOn}
        noValidate
      >
        <Stack gap="lg" maw={880}>
          <Fieldset legend={t('new.what')} variant="unstyled" styles={LEGEND}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {groupWide ? (
                  <HospitalSelect
                    {...form.choice('hospitalId')}
                    onChange={(value) => {
                      form.set('hospitalId', value ?? '');
                      form.set('departmentId', '');
                      if (patient && patient.hospitalId !== value) choosePatient(null);
                    }}
                    required
                    autoFocus
                    typeToPick
                  />
                ) : null}
                <Select label={t('complaint.channel')} required data={taxonomy.channels} {...TYPE_TO_PICK} {...form.choice('channel')} autoFocus={!groupWide} />
              </SimpleGrid>
              <Radio.Group label={t('complaint.type')} required {...form.choice('type')} onChange={(value) => form.set('type', value)}>
                <Group gap="lg" mt={6}>
                  {taxonomy.types.map((type) => (
                    <Radio key={type.value} value={type.value} label={type.label} />
                  ))}
                </Group>
              </Radio.Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('new.who')} variant="unstyled" styles={LEGEND}>
            <Stack gap="md">
              <Radio.Group label={t('new.complainantKind')} {...form.choice('who')} onChange={(value) => form.set('who', value)}>
                <Group gap="lg" mt={6}>
                  <Radio value="patient" label={t('new.knownPatient')} />
                  <Radio value="other" label={t('new.notPatient')} />
                </Group>
              </Radio.Group>
              {values.who === 'patient' ? (
                <PatientPicker
                  value={patient}
                  onChange={choosePatient}
                  error={form.errorFor('patientId')}
                  groupWide={groupWide && !values.hospitalId}
                  hospitalId={values.hospitalId || null}
                />
              ) : (
                <TextInput label={t('new.complainantName')} description={t('new.complainantNameHint')} {...form.text('complainantName')} />
              )}
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('new.contactPhone')} type="tel" dir="ltr" placeholder="05XXXXXXXX" {...form.text('contactPhone')} />
                <TextInput label={t('new.contactEmail')} type="email" dir="ltr" {...form.text('contactEmail')} />
                <Select label={t('complaint.contactPreference')} data={taxonomy.contacts} {...TYPE_TO_PICK} {...form.choice('contactPreference')} />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('complaint.descriptions')} variant="unstyled" styles={LEGEND}>
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                {t('new.descriptionHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Textarea
                  label={t('new.descriptionAr')}
                  dir="rtl"
                  lang="ar"
                  autosize
                  minRows={4}
                  maxRows={12}
                  value={values.descriptionAr}
                  onChange={(event) => form.set('descriptionAr', event.currentTarget.value)}
                  error={form.errorFor('descriptionAr')}
                />
                <Textarea
                  label={t('new.descriptionEn')}
                  dir="ltr"
                  lang="en"
                  autosize
                  minRows={4}
                  maxRows={12}
                  value={values.descriptionEn}
                  onChange={(event) => form.set('descriptionEn', event.currentTarget.value)}
                  error={form.errorFor('descriptionEn')}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <DepartmentSelect hospitalId={values.hospitalId || null} {...form.choice('departmentId')} clearable typeToPick />
                <TextInput label={t('new.occurredAt')} description={t('new.occurredAtHint')} type="datetime-local" dir="ltr" {...form.text('occurredAt')} />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('new.classification')} variant="unstyled" styles={LEGEND}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              <Select label={t('complaint.category')} data={taxonomy.categories} clearable {...TYPE_TO_PICK} {...form.choice('hcatCategory')} />
              <Select label={t('complaint.severity')} data={taxonomy.severities} clearable {...TYPE_TO_PICK} {...form.choice('severity')} />
              <Select label={t('complaint.priority')} data={taxonomy.priorities} {...TYPE_TO_PICK} {...form.choice('priority')} />
              <Select label={t('complaint.harm')} data={taxonomy.harms} clearable {...TYPE_TO_PICK} {...form.choice('harmLevel')} />
              <Select label={t('complaint.stage')} data={taxonomy.stages} clearable {...TYPE_TO_PICK} {...form.choice('stageOfCare')} />
            </SimpleGrid>
          </Fieldset>

          {form.failure ? <ErrorAlert error={form.failure} /> : null}
          {form.generalText ? <ErrorAlert text={form.generalText} /> : null}
          <Group gap="sm">
            <Button type="submit" loading={form.busy} leftSection={<IconDeviceFloppy size={16} aria-hidden />} aria-keyshortcuts="Control+Enter">
              {t('new.submit')}
            </Button>
            <Text size="xs" c="dimmed" aria-hidden dir="ltr">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd>
            </Text>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
