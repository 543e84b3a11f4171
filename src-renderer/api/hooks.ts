import { keepPreviousData, QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract/index.js';
import type { Permission } from '../../src-shared/roles.js';
import { call, isApiError, type ApiError } from './client.js';
import { useSession } from './session.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // a refusal or a bad input will not change by asking again
        retry: (failures, error) => failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}

/** Cache key of a call: its name first, so a mutation can invalidate every page of a list. */
export function callKey<N extends CallName>(name: N, input?: CallInput<N>): readonly unknown[] {
  return input === undefined ? [name] : [name, input];
}

interface QueryOptions<N extends CallName> {
  enabled?: boolean;
  /** keep showing the last page while the next one loads (paged tables) */
  keepPrevious?: boolean;
  /**
   * ask again every so many ms while the screen is open, and on opening it
   * (live monitors); a function decides from the last answer (faster while
   * something runs)
   */
  refetchInterval?: number | ((data: CallOutput<N> | undefined) => number);
}

export function useCallQuery<N extends CallName>(name: N, input: CallInput<N>, options: QueryOptions<N> = {}) {
  const every = options.refetchInterval;
  return useQuery<CallOutput<N>, ApiError>({
    queryKey: callKey(name, input),
    queryFn: () => call(name, input),
    enabled: options.enabled ?? true,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(every
      ? {
          refetchInterval: typeof every === 'number' ? every : (query: { state: { data: CallOutput<N> | undefined } }) => every(query.state.data),
          staleTime: 0,
        }
      : {}),
  });
}

/** A write; on success every cached page of the named lists is refetched. */
export function useCallMutation<N extends CallName>(name: N, invalidates: readonly CallName[] = []) {
  const queryClient = useQueryClient();
  return useMutation<CallOutput<N>, ApiError, CallInput<N>>({
    mutationFn: (input) => call(name, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((list) => queryClient.invalidateQueries({ queryKey: [list] })));
    },
  });
}

/** Whether the signed-in role holds a permission. Only hides controls; the station decides. */
export function usePermission(): (permission: Permission) => boolean {
  const session = useSession();
  const held = new Set<string>(session?.me.role.permissions ?? []);
  return (permission) => held.has(permission);
}
