import type { Department } from '../../src-shared/contract/index.js';

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
}

type Named = (department: Department) => string;

/**
 * Departments of one hospital as a tree by `parentId`, siblings sorted by
 * name. A department whose parent is missing from the list (outside my
 * scope, or deactivated and filtered out) is shown at the top level rather
 * than lost; a cycle cannot hide a department either.
 */
export function buildDepartmentTree(departments: readonly Department[], name: Named): DepartmentNode[] {
  const nodes = new Map(departments.map((department) => [department.id, { department, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.department.parentId;
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (parent && !isAncestor(node.department.id, parentId, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => name(a.department).localeCompare(name(b.department)));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Whether `candidate` is `start` or one of its ancestors: linking would close a cycle. */
function isAncestor(candidate: string, start: string | null, nodes: ReadonlyMap<string, DepartmentNode>): boolean {
  const seen = new Set<string>();
  let current = start;
  while (current && !seen.has(current)) {
    if (current === candidate) return true;
    seen.add(current);
    current = nodes.get(current)?.department.parentId ?? null;
  }
  return false;
}

/** The tree in reading order with each department's depth (for indented pickers). */
export function flattenDepartmentTree(roots: readonly DepartmentNode[]): Array<{ department: Department; depth: number }> {
  const out: Array<{ department: Department; depth: number }> = [];
  const walk = (list: readonly DepartmentNode[], depth: number) => {
    for (const node of list) {
      out.push({ department: node.department, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/** Ids of a department and everything under it: a department cannot move beneath these. */
export function subtreeIds(departments: readonly Department[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of departments) {
      if (department.parentId && ids.has(department.parentId) && !ids.has(department.id)) {
        ids.add(department.id);
        grew = true;
      }
    }
  }
  return ids;
}
