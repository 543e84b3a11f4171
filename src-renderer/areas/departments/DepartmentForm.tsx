import { SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { useDepartments } from '../../api/lookups.js';
import { FormModal } from '../../components/FormModal.js';
import { DepartmentSelect, HospitalSelect } from '../../components/pickers.js';
import { useForm } from '../../components/useForm.js';
import { subtreeIds } from '../../components/departmentTree.js';

interface DepartmentFormProps {
  opened: boolean;
  /** null: a new department */
  department: Department | null;
  /** the hospital a new department starts in, and its default parent */
  hospitalId: string | null;
  parentId?: string | null;
  onClose: () => void;
}

const LISTS = ['departments.list', 'departments.get'] as const;

export function DepartmentForm({ opened, department, hospitalId, parentId = null, onClose }: DepartmentFormProps) {
  const { t } = useTranslation('departments');
  const form = useForm({ hospitalId: '', parentId: '', code: '', nameAr: '', nameEn: '' });
  const create = useCallMutation('departments.create', [...LISTS]);
  const update = useCallMutation('departments.update', [...LISTS]);
  const { reset, set } = form;
  const { departments } = useDepartments(form.values.hospitalId || null);

  useEffect(() => {
    if (!opened) return;
    reset(
      department
        ? {
            hospitalId: department.hospitalId,
            parentId: department.parentId ?? '',
            code: department.code,
            nameAr: department.nameAr,
            nameEn: department.nameEn,
          }
        : { hospitalId: hospitalId ?? '', parentId: parentId ?? '', code: '', nameAr: '', nameEn: '' },
    );
  }, [opened, department, hospitalId, parentId, reset]);

  const submit = async () => {
    const v = form.values;
    const saved = department
      ? await form.submit('departments.update', { id: department.id, parentId: v.parentId || null, nameAr: v.nameAr, nameEn: v.nameEn }, update.mutateAsync)
      : await form.submit(
          'departments.create',
          { hospitalId: v.hospitalId, code: v.code, parentId: v.parentId || null, nameAr: v.nameAr, nameEn: v.nameEn },
          create.mutateAsync,
        );
    if (saved) {
      notifications.show({ color: 'teal', message: department ? t('common.saved') : t('common.created') });
      onClose();
    }
  };

  // a department cannot move under itself or its own sub-departments
  const exclude = department ? subtreeIds(departments, department.id) : undefined;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={department ? t('departments.edit') : t('departments.create')}
      onSubmit={submit}
      busy={form.busy}
      failure={form.failure}
      generalText={form.generalText}
    >
      <HospitalSelect
        required
        disabled={department !== null}
        {...form.choice('hospitalId')}
        onChange={(value) => {
          set('hospitalId', value ?? '');
          set('parentId', '');
        }}
      />
      <DepartmentSelect
        label={t('fields.parentDepartment')}
        placeholder={t('fields.noParent')}
        hospitalId={form.values.hospitalId || null}
        clearable
        {...(exclude ? { exclude } : {})}
        {...form.choice('parentId')}
      />
      <TextInput label={t('fields.code')} description={t('fields.codeHint')} required disabled={department !== null} dir="ltr" {...form.text('code')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('fields.nameAr')} required dir="rtl" lang="ar" {...form.text('nameAr')} />
        <TextInput label={t('fields.nameEn')} required dir="ltr" lang="en" {...form.text('nameEn')} />
      </SimpleGrid>
    </FormModal>
  );
}
