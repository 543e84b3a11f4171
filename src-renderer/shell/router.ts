import { useSyncExternalStore } from 'react';

/**
 * Screens are addressed by the URL hash (`#/admin/users`): it works the same
 * from `file://` in the desktop app and from the headless station, and
 * survives a reload without any server routing.
 */
function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function href(path: string): string {
  return `#${path}`;
}
