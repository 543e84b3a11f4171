import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Employee } from '../../../src-shared/contract/index.js';
import { useCallMutation, useCallQuery, usePermission } from '../../api/hooks.js';
import { FormModal } from '../../components/FormModal.js';
import { DepartmentSelect, HospitalSelect } from '../../components/pickers.js';
import { useForm } from '../../components/useForm.js';
import { localName, useLanguage } from '../../i18n/index.js';

interface EmployeeFormProps {
  opened: boolean;
  employee: Employee | null;
  /** the hospital a new employee starts in */
  hospitalId: string | null;
  onClose: () => void;
}

const LISTS = ['employees.list', 'employees.get'] as const;

/** Users of the employee's hospital, to link a staff record with a console account. */
function useLinkableUsers(hospitalId: string) {
  const can = usePermission();
  const language = useLanguage();
  const query = useCallQuery('users.list', { pageSize: 500, ...(hospitalId ? { hospitalId } : {}) }, { enabled: can('users.read') && Boolean(hospitalId) });
  return { readable: can('users.read'), data: (query.data?.items ?? []).map((u) => ({ value: u.id, label: `${localName(u, language)} (${u.username})` })) };
}

export function EmployeeForm({ opened, employee, hospitalId, onClose }: EmployeeFormProps) {
  const { t } = useTranslation('employees');
  const form = useForm({ hospitalId: '', departmentId: '', employeeNumber: '', nameAr: '', nameEn: '', jobTitle: '', userId: '', phone: '', email: '' });
  const create = useCallMutation('employees.create', [...LISTS]);
  const update = useCallMutation('employees.update', [...LISTS]);
  const { reset, set } = form;
  const users = useLinkableUsers(form.values.hospitalId);

  useEffect(() => {
    if (!opened) return;
    const e = employee;
    reset({
      hospitalId: e?.hospitalId ?? hospitalId ?? '',
      departmentId: e?.departmentId ?? '',
      employeeNumber: e?.employeeNumber ?? '',
      nameAr: e?.nameAr ?? '',
      nameEn: e?.nameEn ?? '',
      jobTitle: e?.jobTitle ?? '',
      userId: e?.userId ?? '',
      phone: e?.phone ?? '',
      email: e?.email ?? '',
    });
  }, [opened, employee, hospitalId, reset]);

  const submit = async () => {
    const { hospitalId: hospital, employeeNumber, departmentId, userId, ...v } = form.values;
    const fields = { ...v, departmentId: departmentId || null, userId: userId || null };
    const saved = employee
      ? await form.submit('employees.update', { id: employee.id, ...fields }, update.mutateAsync)
      : await form.submit('employees.create', { hospitalId: hospital, employeeNumber, ...fields }, create.mutateAsync);
    if (saved) {
      notifications.show({ color: 'teal', message: employee ? t('common.saved') : t('common.created') });
      onClose();
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={employee ? t('employees.edit') : t('employees.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <HospitalSelect
          required
          disabled={employee !== null}
          {...form.choice('hospitalId')}
          onChange={(value) => {
            set('hospitalId', value ?? '');
            set('departmentId', '');
            set('userId', '');
          }}
        />
        <DepartmentSelect hospitalId={form.values.hospitalId || null} clearable {...form.choice('departmentId')} />
        <TextInput label={t('fields.employeeNumber')} required disabled={employee !== null} dir="ltr" {...form.text('employeeNumber')} />
        <TextInput label={t('fields.jobTitle')} {...form.text('jobTitle')} />
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
        <TextInput label={t('fields.phone')} placeholder="05XXXXXXXX" type="tel" dir="ltr" {...form.text('phone')} />
        <TextInput label={t('fields.email')} type="email" dir="ltr" {...form.text('email')} />
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
    </FormModal>
  );
}
