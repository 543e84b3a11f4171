import { useSyncExternalStore } from 'react';
import type { Session } from '../../src-shared/contract/index.js';

/**
 * The signed-in session: token, expiry and who I am. Kept in
 * sessionStorage so a reload keeps you signed in but closing the window
 * (or the station answering 401) does not.
 */
export type { Session };
export type Me = Session['me'];

const STORAGE_KEY = 'px360.session';
const listeners = new Set<() => void>();
const endListeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    return typeof parsed.token === 'string' && !isExpired(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isExpired(session: Session): boolean {
  const expires = Date.parse(session.expiresAt);
  return !Number.isNaN(expires) && expires <= Date.now();
}

function emit(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return current;
}

export function getToken(): string | null {
  return current?.token ?? null;
}

export function setSession(session: Session): void {
  // only the session itself is kept: whatever else came with it (recovery codes shown once) stays out of storage
  current = { token: session.token, expiresAt: session.expiresAt, me: session.me };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(current));
  emit();
}

/** Replace who I am (after auth.me or a language change) without touching the token. */
export function updateMe(me: Me): void {
  if (!current) return;
  setSession({ ...current, me });
}

export function clearSession(): void {
  if (current === null && sessionStorage.getItem(STORAGE_KEY) === null) return;
  current = null;
  sessionStorage.removeItem(STORAGE_KEY);
  // before anyone re-renders: no screen may show the last user's cached data
  for (const listener of endListeners) listener();
  emit();
}

/** Run when a session ends (sign-out, lock, or the station's 401). */
export function onSessionEnd(listener: () => void): () => void {
  endListeners.add(listener);
  return () => endListeners.delete(listener);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
