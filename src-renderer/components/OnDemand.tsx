import { Component, Suspense, use, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './StateViews.js';

/**
 * A part of the console built as a chunk of its own (an area's screens, the
 * password rule's word lists), fetched the first time it is needed. The
 * sign-in screen and the shell load without them.
 */
export interface OnDemandPart<T> {
  /** the part, fetching it on the first call; the same promise until a fetch fails */
  load(): Promise<T>;
  /** the part once it is here, so a second visit renders at once without suspending */
  loaded(): { value: T } | null;
  /** after a failed fetch, the next load() fetches again */
  forgetFailure(): void;
}

/** The fetch of a part failed: a file missing from the build, or the station gone. Not a screen's own bug. */
export class PartNotLoadedError extends Error {
  constructor(cause: unknown) {
    super(`PX360: part of the console could not be loaded (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'PartNotLoadedError';
  }
}

export function onDemand<T>(fetchPart: () => Promise<T>): OnDemandPart<T> {
  let loading: Promise<T> | null = null;
  let failed = false;
  let loaded: { value: T } | null = null;
  return {
    load: () =>
      (loading ??= fetchPart().then(
        (value) => {
          loaded = { value };
          return value;
        },
        (cause: unknown) => {
          // kept until the reader asks to try again: forgetting it here would make React fetch again on its own, in a loop
          failed = true;
          throw new PartNotLoadedError(cause);
        },
      )),
    loaded: () => loaded,
    forgetFailure: () => {
      if (!failed) return;
      failed = false;
      loading = null;
    },
  };
}

function Loaded<T>({ part, children }: { part: OnDemandPart<T>; children: (value: T) => ReactNode }) {
  const here = part.loaded();
  return children(here ? here.value : use(part.load()));
}

function NotLoaded({ error, onRetry }: { error: PartNotLoadedError; onRetry: () => void }) {
  const { t } = useTranslation();
  return <ErrorState error={error} text={t('app.partNotLoaded')} onRetry={onRetry} />;
}

interface BoundaryProps {
  onRetry: () => void;
  children: ReactNode;
}

/** Catches a failed fetch of a part, and only that: a part's own error goes on up, as it would without the split. */
class LoadFailureBoundary extends Component<BoundaryProps, { caught: { error: unknown } | null }> {
  override state: { caught: { error: unknown } | null } = { caught: null };

  static getDerivedStateFromError(error: unknown): { caught: { error: unknown } } {
    return { caught: { error } };
  }

  private readonly retry = () => {
    this.props.onRetry();
    this.setState({ caught: null });
  };

  override render() {
    const { caught } = this.state;
    if (!caught) return this.props.children;
    if (!(caught.error instanceof PartNotLoadedError)) throw caught.error;
    return <NotLoaded error={caught.error} onRetry={this.retry} />;
  }
}

/**
 * `children` once `part` is here; `loading` while it is fetched; the error
 * state with "Try again" if it could not be, never a blank screen.
 */
export function WhenLoaded<T>({ part, loading, children }: { part: OnDemandPart<T>; loading: ReactNode; children: (value: T) => ReactNode }) {
  return (
    <LoadFailureBoundary onRetry={part.forgetFailure}>
      <Suspense fallback={loading}>
        <Loaded part={part}>{children}</Loaded>
      </Suspense>
    </LoadFailureBoundary>
  );
}
