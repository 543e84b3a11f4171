/**
 * The eight built-in roles, their levels and permission sets. The
 * `create-roles` command writes these into the station's `roles` table;
 * the dispatcher enforces what is stored there.
 */
export const PERMISSIONS = [
  'users.read',
  'users.write',
  'roles.read',
  'roles.write',
  'hospitals.read',
  'hospitals.write',
  'departments.read',
  'departments.write',
  'physicians.read',
  'physicians.write',
  'employees.read',
  'employees.write',
  'patients.read',
  'patients.write',
  'audit.read',
  'audit.verify',
  // areas still to come: declared now so roles are complete from day one
  'complaints.read',
  'complaints.write',
  'actions.read',
  'actions.write',
  'journeys.read',
  'journeys.write',
  'surveys.read',
  'surveys.write',
  'callcenter.read',
  'callcenter.write',
  'social.read',
  'social.write',
  'analytics.read',
  'integrations.manage',
  'sync.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_CODES = ['px_admin', 'hospital_admin', 'department_manager', 'px_coordinator', 'physician', 'nurse', 'staff', 'viewer'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

/** Where a role's view of the data stops. */
export type ScopeKind = 'group' | 'hospital' | 'department';

export interface RoleDefinition {
  readonly code: RoleCode;
  readonly level: number;
  readonly nameEn: string;
  readonly nameAr: string;
  /** the widest scope this role may hold; a user's hospital/department narrow it further */
  readonly scope: ScopeKind;
  readonly permissions: readonly Permission[];
}

const READ_ALL = PERMISSIONS.filter((p) => p.endsWith('.read'));
const without = (list: readonly Permission[], ...drop: Permission[]) => list.filter((p) => !drop.includes(p));

export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  {
    code: 'px_admin',
    level: 100,
    nameEn: 'PX Admin',
    nameAr: 'مدير تجربة المريض',
    scope: 'group',
    permissions: PERMISSIONS,
  },
  {
    code: 'hospital_admin',
    level: 80,
    nameEn: 'Hospital Admin',
    nameAr: 'مدير المستشفى',
    scope: 'hospital',
    permissions: without(PERMISSIONS, 'hospitals.write', 'roles.write', 'sync.manage'),
  },
  {
    code: 'department_manager',
    level: 60,
    nameEn: 'Department Manager',
    nameAr: 'مدير القسم',
    scope: 'department',
    permissions: [
      // their audit trail would show the whole hospital, beyond their subtree
      ...without(READ_ALL, 'roles.read', 'audit.read'),
      'employees.write',
      'patients.write',
      'complaints.write',
      'actions.write',
      'journeys.write',
      'callcenter.write',
    ],
  },
  {
    code: 'px_coordinator',
    level: 50,
    nameEn: 'PX Coordinator',
    nameAr: 'منسق تجربة المريض',
    scope: 'hospital',
    permissions: [
      ...without(READ_ALL, 'users.read', 'roles.read', 'audit.read'),
      'patients.write',
      'complaints.write',
      'actions.write',
      'journeys.write',
      'surveys.write',
      'callcenter.write',
      'social.write',
    ],
  },
  {
    code: 'physician',
    level: 40,
    nameEn: 'Physician',
    nameAr: 'طبيب',
    scope: 'hospital',
    permissions: ['hospitals.read', 'departments.read', 'physicians.read', 'patients.read', 'complaints.read', 'actions.read', 'journeys.read', 'surveys.read'],
  },
  {
    code: 'nurse',
    level: 30,
    nameEn: 'Nurse',
    nameAr: 'ممرض',
    scope: 'hospital',
    permissions: ['hospitals.read', 'departments.read', 'physicians.read', 'patients.read', 'complaints.read', 'journeys.read'],
  },
  {
    code: 'staff',
    level: 20,
    nameEn: 'Staff',
    nameAr: 'موظف',
    scope: 'hospital',
    permissions: [
      'hospitals.read',
      'departments.read',
      'physicians.read',
      'patients.read',
      'patients.write',
      'complaints.read',
      'complaints.write',
      'callcenter.read',
      'callcenter.write',
    ],
  },
  {
    code: 'viewer',
    level: 10,
    nameEn: 'Viewer',
    nameAr: 'مستعرض',
    scope: 'hospital',
    permissions: without(READ_ALL, 'users.read', 'roles.read', 'audit.read'),
  },
];

export function isWritePermission(permission: Permission): boolean {
  return !permission.endsWith('.read');
}

export function roleDefinition(code: RoleCode): RoleDefinition {
  const role = DEFAULT_ROLES.find((r) => r.code === code);
  if (!role) throw new Error(`Unknown role ${code}`);
  return role;
}
