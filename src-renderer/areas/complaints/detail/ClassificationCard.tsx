import { Button, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTags } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, ComplaintDetail, Patient } from '../../../../src-shared/contract/index.js';
import { useCallMutation } from '../../../api/hooks.js';
import { useAllDepartments } from '../../../api/lookups.js';
import { Fact } from '../../../components/bits.js';
import { FormModal } from '../../../components/FormModal.js';
import { PatientPicker } from '../../../components/PatientPicker.js';
import { useNotify } from '../../../components/notify.js';
import { DepartmentSelect } from '../../../components/pickers.js';
import { useForm } from '../../../components/useForm.js';
import { localName, useLanguage } from '../../../i18n/index.js';
import { useTaxonomy } from '../labels.js';

function ClassifyDialog({ complaint, onClose }: { complaint: ComplaintDetail; onClose: () => void }) {
  const notify = useNotify();
  const { t } = useTranslation('complaints');
  const taxonomy = useTaxonomy();
  const classify = useCallMutation('complaints.classify', ['complaints.list', 'complaints.get']);
  const form = useForm({
    hcatCategory: complaint.hcatCategory ?? '',
    subcategory: complaint.subcategory ?? '',
    severity: complaint.severity === null ? '' : String(complaint.severity),
    priority: complaint.priority,
    harmLevel: complaint.harmLevel ?? '',
    stageOfCare: complaint.stageOfCare ?? '',
    departmentId: complaint.departmentId ?? '',
  });
  const { values } = form;
  // a complaint filed without a patient record (a website's, a caller who gave no MRN) gets one once found
  const [patient, setPatient] = useState<Patient | null>(null);
  // typed into, or opened by a click or the arrow keys: a list that opened on focus would cover the next fields
  const select = { searchable: true, openOnFocus: false, comboboxProps: { withinPortal: true } } as const;

  const submit = async () => {
    // every field as it stands: the station keeps what did not change, and puts each change on the timeline
    const input = {
      id: complaint.id,
      hcatCategory: values.hcatCategory || null,
      subcategory: values.subcategory.trim() || null,
      severity: values.severity ? Number(values.severity) : null,
      priority: values.priority,
      harmLevel: values.harmLevel || null,
      stageOfCare: values.stageOfCare || null,
      departmentId: values.departmentId || null,
      ...(patient ? { patientId: patient.id } : {}),
    } as CallInput<'complaints.classify'>;
    if (await form.submit('complaints.classify', input, classify.mutateAsync)) {
      notify.done(t('complaint.classified'));
      onClose();
    }
  };

  return (
    <FormModal
      opened
      title={t('complaint.classifyTitle', { number: complaint.number })}
      onClose={onClose}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
      size="lg"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('complaint.category')} data={taxonomy.categories} clearable {...select} {...form.choice('hcatCategory')} data-autofocus />
        <TextInput label={t('complaint.subcategory')} {...form.text('subcategory')} />
        <Select label={t('complaint.severity')} data={taxonomy.severities} clearable {...select} {...form.choice('severity')} />
        <Select label={t('complaint.priority')} data={taxonomy.priorities} required {...select} {...form.choice('priority')} />
        <Select label={t('complaint.harm')} data={taxonomy.harms} clearable {...select} {...form.choice('harmLevel')} />
        <Select label={t('complaint.stage')} data={taxonomy.stages} clearable {...select} {...form.choice('stageOfCare')} />
        <DepartmentSelect label={t('complaint.department')} hospitalId={complaint.hospitalId} clearable {...form.choice('departmentId')} />
      </SimpleGrid>
      {complaint.patient === null && (
        <PatientPicker
          label={t('complaint.linkPatient')}
          value={patient}
          onChange={setPatient}
          error={form.errorFor('patientId')}
          groupWide={false}
          hospitalId={complaint.hospitalId}
          required={false}
        />
      )}
    </FormModal>
  );
}

/** The HCAT category and its domain, severity, priority, harm and stage of care; a writer may change them. */
export function ClassificationCard({ complaint, writable }: { complaint: ComplaintDetail; writable: boolean }) {
  const { t } = useTranslation('complaints');
  const language = useLanguage();
  const { label } = useTaxonomy();
  const { byId: departments } = useAllDepartments();
  const [editing, setEditing] = useState(false);
  const department = complaint.departmentId ? departments.get(complaint.departmentId) : undefined;
  const orNotSet = (text: string | undefined | null): ReactNode =>
    text ? (
      text
    ) : (
      <Text size="sm" c="dimmed" component="span">
        {t('complaint.notSet')}
      </Text>
    );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="complaint-classification">
      <Title order={3} size="h4" id="complaint-classification" mb="sm">
        {t('complaint.classification')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <Fact label={t('complaint.category')}>{orNotSet(label('category', complaint.hcatCategory))}</Fact>
          <Fact label={t('complaint.domain')}>{orNotSet(label('domain', complaint.hcatDomain))}</Fact>
          <Fact label={t('complaint.subcategory')}>{orNotSet(complaint.subcategory)}</Fact>
          <Fact label={t('complaint.severity')}>{orNotSet(label('severity', complaint.severity))}</Fact>
          <Fact label={t('complaint.priority')}>{label('priority', complaint.priority)}</Fact>
          <Fact label={t('complaint.harm')}>{orNotSet(label('harm', complaint.harmLevel))}</Fact>
          <Fact label={t('complaint.stage')}>{orNotSet(label('stage', complaint.stageOfCare))}</Fact>
          <Fact label={t('complaint.department')}>{orNotSet(department && localName(department, language))}</Fact>
        </SimpleGrid>
        {writable ? (
          <Button variant="light" leftSection={<IconTags size={16} aria-hidden />} onClick={() => setEditing(true)} w="fit-content">
            {t('complaint.classify')}
          </Button>
        ) : null}
      </Stack>
      {editing ? <ClassifyDialog complaint={complaint} onClose={() => setEditing(false)} /> : null}
    </Paper>
  );
}
