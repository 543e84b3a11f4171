import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Employee } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { BilingualNameFields, EmailField, PhoneField, PlacementFields } from '../../components/recordFields.js';
import { RecordFormModal, useRecordForm, type RecordFormProps } from '../../components/recordForm.js';
import { localName, useLanguage } from '../../i18n/index.js';

const LISTS = ['employees.list', 'employees.get'] as const;

/** Users of the employee's hospital, to link a staff record with a console account. */
function useLinkableUsers(hospitalId: string) {
  const can = usePermission();
  const language = useLanguage();
  const query = useCallQuery('users.list', { pageSize: 500, ...(hospitalId ? { hospitalId } : {}) }, { enabled: can('users.read') && Boolean(hospitalId) });
  return { readable: can('users.read'), data: (query.data?.items ?? []).map((u) => ({ value: u.id, label: `${localName(u, language)} (${u.username})` })) };
}

/** `hospitalId`: the hospital a new employee starts in. */
export function EmployeeForm({ opened, record: employee, hospitalId, onClose }: RecordFormProps<Employee> & { hospitalId: string | null }) {
  const { t } = useTranslation('employees');
  const form = useRecordForm(opened, employee, {
    hospitalId: hospitalId ?? '',
    departmentId: '',
    employeeNumber: '',
    nameAr: '',
    nameEn: '',
    jobTitle: '',
    userId: '',
    phone: '',
    email: '',
  });
  const create = useCallMutation('employees.create', LISTS);
  const update = useCallMutation('employees.update', LISTS);
  const users = useLinkableUsers(form.values.hospitalId);

  const submit = () => {
    const { hospitalId: hospital, employeeNumber, departmentId, userId, ...v } = form.values;
    const fields = { ...v, departmentId: departmentId || null, userId: userId || null };
    return employee
      ? form.submit('employees.update', { id: employee.id, ...fields }, update.mutateAsync)
      : form.submit('employees.create', { hospitalId: hospital, employeeNumber, ...fields }, create.mutateAsync);
  };

  return (
    <RecordFormModal
      form={form}
      opened={opened}
      editing={employee !== null}
      title={employee ? t('employees.edit') : t('employees.create')}
      onClose={onClose}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {/* the linked account belongs to the hospital too */}
        <PlacementFields form={form} hospitalLocked={employee !== null} onHospitalChange={() => form.set('userId', '')} />
        <TextInput label={t('fields.employeeNumber')} required disabled={employee !== null} dir="ltr" {...form.text('employeeNumber')} />
        <TextInput label={t('fields.jobTitle')} {...form.text('jobTitle')} />
        <BilingualNameFields form={form} />
        <PhoneField {...form.text('phone')} />
        <EmailField {...form.text('email')} />
        {users.readable ? (
          <Select
            label={t('employees.linkedUser')}
            placeholder={t('common.none')}
            data={users.data}
            searchable
            clearable
            disabled={!form.values.hospitalId}
            {...form.choice('userId')}
          />
        ) : null}
      </SimpleGrid>
    </RecordFormModal>
  );
}
