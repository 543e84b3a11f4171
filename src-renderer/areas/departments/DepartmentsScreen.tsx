import { ActionIcon, Badge, Box, Group, Paper, Stack, Text, Tooltip, useDirection } from '@mantine/core';
import { IconChevronDown, IconChevronLeft, IconChevronRight, IconPlus, IconSubtask } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../src-shared/contract/index.js';
import { useCallMutation, usePermission } from '../../api/hooks.js';
import { useDepartments, useHospitals } from '../../api/lookups.js';
import type { Me } from '../../api/session.js';
import { ActiveToggle } from '../../components/ActiveToggle.js';
import { CreateButton, EditButton, Ltr, PageHeader } from '../../components/bits.js';
import { HospitalSelect } from '../../components/pickers.js';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateViews.js';
import { localName, useLanguage } from '../../i18n/index.js';
import { DepartmentForm } from './DepartmentForm.js';
import { buildDepartmentTree, type DepartmentNode } from '../../components/departmentTree.js';

type Editing = { department: Department | null; parentId: string | null } | null;

/** Departments of one hospital as a tree by parent, with edit, add-under and (de)activate on each. */
export function DepartmentsScreen({ me }: { me: Me }) {
  const { t } = useTranslation('departments');
  const language = useLanguage();
  const can = usePermission();
  const { hospitals, byId: hospitalsById, query: hospitalsQuery } = useHospitals();
  const [hospitalId, setHospitalId] = useState<string | null>(me.scope.hospitalId);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<Editing>(null);
  const { departments, query } = useDepartments(hospitalId);
  const setActive = useCallMutation('departments.setActive', ['departments.list']);
  const writable = can('departments.write');
  const { dir } = useDirection();
  const Collapsed = dir === 'rtl' ? IconChevronLeft : IconChevronRight;

  // open on the first hospital when mine is not fixed
  const firstHospital = hospitals[0]?.id ?? null;
  useEffect(() => {
    if (!hospitalId && firstHospital) setHospitalId(firstHospital);
  }, [hospitalId, firstHospital]);

  const hospital = hospitalId ? hospitalsById.get(hospitalId) : undefined;
  const hospitalName = hospital ? localName(hospital, language) : '';
  const roots = buildDepartmentTree(departments, (d) => localName(d, language));

  const toggle = (id: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNodes = (nodes: readonly DepartmentNode[], depth: number): React.ReactNode => (
    <Box component="ul" role={depth === 0 ? undefined : 'group'} m={0} p={0} style={{ listStyle: 'none' }}>
      {nodes.map(({ department, children }) => {
        const name = localName(department, language);
        const open = !collapsed.has(department.id);
        const addLabel = `${t('departments.create')}: ${name}`;
        return (
          <li key={department.id}>
            <Group gap="xs" py={6} ps={depth * 28} pe="xs" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
              {children.length > 0 ? (
                <ActionIcon variant="subtle" color="gray" size="sm" aria-expanded={open} aria-label={name} onClick={() => toggle(department.id)}>
                  {open ? <IconChevronDown size={16} aria-hidden /> : <Collapsed size={16} aria-hidden />}
                </ActionIcon>
              ) : (
                <Box w={22} aria-hidden />
              )}
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Text fw={500} size="sm" truncate="end">
                  {name}
                </Text>
                <Group gap="xs">
                  <Ltr dimmed>{department.code}</Ltr>
                  {children.length > 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('departments.subDepartments', { count: children.length })}
                    </Text>
                  ) : null}
                </Group>
              </Stack>
              {department.active ? null : (
                <Badge color="gray" variant="light">
                  {t('common.inactive')}
                </Badge>
              )}
              {writable ? (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label={addLabel} withinPortal>
                    <ActionIcon variant="subtle" aria-label={addLabel} onClick={() => setEditing({ department: null, parentId: department.id })}>
                      <IconSubtask size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <EditButton name={name} onClick={() => setEditing({ department, parentId: null })} />
                  <ActiveToggle name={name} active={department.active} onChange={(active) => setActive.mutateAsync({ id: department.id, active })} />
                </Group>
              ) : null}
            </Group>
            {children.length > 0 && open ? renderNodes(children, depth + 1) : null}
          </li>
        );
      })}
    </Box>
  );

  let body: React.ReactNode;
  if (hospitalsQuery.isError) body = <ErrorState error={hospitalsQuery.error} onRetry={() => void hospitalsQuery.refetch()} />;
  else if (hospitalsQuery.isPending) body = <LoadingState />;
  else if (hospitals.length === 0) body = <EmptyState text={t('departments.noHospitals')} />;
  else if (!hospitalId) body = <EmptyState text={t('departments.chooseHospital')} />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.isPending) body = <LoadingState />;
  else if (roots.length === 0) body = <EmptyState text={t('departments.empty')} />;
  else
    body = (
      <Paper withBorder radius="md" p="xs" role="region" aria-label={t('departments.treeLabel', { hospital: hospitalName })}>
        {renderNodes(roots, 0)}
      </Paper>
    );

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('departments.title')}
        actions={
          writable && hospitals.length > 0 ? (
            <CreateButton
              label={t('departments.create')}
              icon={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing({ department: null, parentId: null })}
            />
          ) : null
        }
      />
      <Box maw={420}>
        <HospitalSelect value={hospitalId} onChange={setHospitalId} disabled={me.scope.kind !== 'group'} />
      </Box>
      {body}
      <DepartmentForm
        opened={editing !== null}
        record={editing?.department ?? null}
        hospitalId={hospitalId}
        parentId={editing?.parentId ?? null}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}
