import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDepartments, useHospitals, useRoles, type RoleOption } from '../api/lookups.js';
import { localName, useLanguage } from '../i18n/index.js';
import { buildDepartmentTree, flattenDepartmentTree } from './departmentTree.js';

interface PickerProps {
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  label?: string;
  required?: boolean;
  disabled?: boolean;
  /** allow choosing nothing (filters, optional fields) */
  clearable?: boolean;
  placeholder?: string;
  /** fixed width, for filter bars */
  w?: number;
  /** the first field of a form */
  autoFocus?: boolean;
  /** for a form filled by keyboard: the list opens as one types, not on focus, and Enter takes the first match */
  typeToPick?: boolean;
}

function shared(props: PickerProps) {
  return {
    value: props.value,
    onChange: props.onChange,
    error: props.error,
    required: props.required ?? false,
    disabled: props.disabled ?? false,
    clearable: props.clearable ?? false,
    allowDeselect: props.clearable ?? false,
    placeholder: props.placeholder,
    w: props.w,
    autoFocus: props.autoFocus ?? false,
    searchable: true,
    ...(props.typeToPick ? { openOnFocus: false, selectFirstOptionOnChange: true } : {}),
    comboboxProps: { withinPortal: true },
  };
}

export function HospitalSelect(props: PickerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { hospitals, query } = useHospitals();
  const data = hospitals.map((hospital) => ({
    value: hospital.id,
    label: `${localName(hospital, language)} (${hospital.code})${hospital.active ? '' : ` — ${t('common.inactive')}`}`,
  }));
  return (
    <Select
      {...shared(props)}
      label={props.label ?? t('fields.hospital')}
      data={data}
      disabled={props.disabled ?? query.isPending}
      nothingFoundMessage={t('fields.noHospitals')}
    />
  );
}

/** Departments of one hospital, indented by depth; `exclude` hides ids a department may not move under. */
export function DepartmentSelect(props: PickerProps & { hospitalId: string | null; exclude?: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { departments } = useDepartments(props.hospitalId);
  const ordered = flattenDepartmentTree(buildDepartmentTree(departments, (d) => localName(d, language)));
  const data = ordered
    .filter(({ department }) => !props.exclude?.has(department.id))
    .map(({ department, depth }) => ({
      value: department.id,
      label: `${'— '.repeat(depth)}${localName(department, language)} (${department.code})`,
    }));
  return (
    <Select
      {...shared(props)}
      label={props.label ?? t('fields.department')}
      data={data}
      disabled={props.disabled ?? !props.hospitalId}
      nothingFoundMessage={t('fields.noDepartments')}
    />
  );
}

export function LanguageSelect(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <Select
      {...shared({ ...props, clearable: false })}
      searchable={false}
      label={props.label ?? t('fields.language')}
      data={[
        { value: 'ar', label: t('language.ar') },
        { value: 'en', label: t('language.en') },
      ]}
    />
  );
}

export function GenderSelect(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <Select
      {...shared({ ...props, clearable: true })}
      searchable={false}
      label={props.label ?? t('fields.gender')}
      data={[
        { value: 'M', label: t('fields.genderM') },
        { value: 'F', label: t('fields.genderF') },
      ]}
    />
  );
}

export function roleName(role: RoleOption, language: 'ar' | 'en'): string {
  return localName(role, language);
}

/** Roles I may give: below my own level (the station refuses others anyway). */
export function RoleSelect(props: PickerProps & { belowLevel: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { roles, loading } = useRoles();
  const data = [...roles]
    .filter((role) => role.level < props.belowLevel)
    .sort((a, b) => b.level - a.level)
    .map((role) => ({ value: role.code, label: roleName(role, language) }));
  return <Select {...shared(props)} label={props.label ?? t('fields.role')} data={data} disabled={props.disabled ?? loading} />;
}
