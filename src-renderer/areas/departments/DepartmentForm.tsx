import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../src-shared/contract/index.js';
import { useCallMutation } from '../../api/hooks.js';
import { useDepartments } from '../../api/lookups.js';
import { DepartmentSelect, HospitalSelect } from '../../components/pickers.js';
import { BilingualNameFields } from '../../components/recordFields.js';
import { RecordFormModal, useRecordForm, type RecordFormProps } from '../../components/recordForm.js';
import { subtreeIds } from '../../components/departmentTree.js';

interface DepartmentFormProps extends RecordFormProps<Department> {
  /** the hospital a new department starts in, and its default parent */
  hospitalId: string | null;
  parentId: string | null;
}

const LISTS = ['departments.list', 'departments.get'] as const;

export function DepartmentForm({ opened, record: department, hospitalId, parentId, onClose }: DepartmentFormProps) {
  const { t } = useTranslation('departments');
  const form = useRecordForm(opened, department, { hospitalId: hospitalId ?? '', parentId: parentId ?? '', code: '', nameAr: '', nameEn: '' });
  const create = useCallMutation('departments.create', LISTS);
  const update = useCallMutation('departments.update', LISTS);
  const { set } = form;
  const { departments } = useDepartments(form.values.hospitalId || null);

  const submit = () => {
    const v = form.values;
    return department
      ? form.submit('departments.update', { id: department.id, parentId: v.parentId || null, nameAr: v.nameAr, nameEn: v.nameEn }, update.mutateAsync)
      : form.submit(
          'departments.create',
          { hospitalId: v.hospitalId, code: v.code, parentId: v.parentId || null, nameAr: v.nameAr, nameEn: v.nameEn },
          create.mutateAsync,
        );
  };

  // a department cannot move under itself or its own sub-departments
  const exclude = department ? subtreeIds(departments, department.id) : undefined;
  return (
    <RecordFormModal
      form={form}
      opened={opened}
      editing={department !== null}
      title={department ? t('departments.edit') : t('departments.create')}
      onClose={onClose}
      onSubmit={submit}
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
        <BilingualNameFields form={form} />
      </SimpleGrid>
    </RecordFormModal>
  );
}
