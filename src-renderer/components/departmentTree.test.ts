import { describe, expect, it } from 'vitest';
import type { Department } from '../../src-shared/contract/index.js';
import { buildDepartmentTree, flattenDepartmentTree, subtreeIds } from './departmentTree.js';

function dept(id: string, parentId: string | null, nameEn = id): Department {
  return {
    id,
    parentId,
    nameEn,
    nameAr: nameEn,
    code: id.toUpperCase(),
    hospitalId: 'h',
    active: true,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
}

const byName = (d: Department) => d.nameEn;
const shape = (departments: Department[]) =>
  flattenDepartmentTree(buildDepartmentTree(departments, byName)).map(({ department, depth }) => `${depth}:${department.id}`);

describe('department tree', () => {
  const cases: Array<{ name: string; departments: Department[]; expected: string[] }> = [
    { name: 'empty', departments: [], expected: [] },
    {
      name: 'nests children under parents, siblings by name',
      departments: [dept('surgery', null), dept('icu', 'medicine'), dept('medicine', null), dept('cardio', 'medicine'), dept('ccu', 'cardio')],
      expected: ['0:medicine', '1:cardio', '2:ccu', '1:icu', '0:surgery'],
    },
    { name: 'a missing parent puts the child at the top', departments: [dept('ward', 'gone')], expected: ['0:ward'] },
    { name: 'a cycle does not hide departments', departments: [dept('a', 'b'), dept('b', 'a')], expected: ['0:a', '0:b'] },
    { name: 'a self-parent is a root', departments: [dept('a', 'a')], expected: ['0:a'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(shape(c.departments)).toEqual(c.expected);
    });
  }

  it('finds a subtree, for forbidding moves under oneself', () => {
    const departments = [dept('medicine', null), dept('cardio', 'medicine'), dept('ccu', 'cardio'), dept('surgery', null)];
    expect([...subtreeIds(departments, 'medicine')].sort()).toEqual(['cardio', 'ccu', 'medicine']);
    expect([...subtreeIds(departments, 'surgery')]).toEqual(['surgery']);
  });
});
