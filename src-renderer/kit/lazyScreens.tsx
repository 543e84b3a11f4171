import type { ComponentType, ReactNode } from 'react';
import { onDemand, WhenLoaded } from '../components/OnDemand.js';
import { LoadingState } from '../components/StateViews.js';
import type { ScreenProps } from './area.js';

/**
 * An area's screens, fetched the first time one of its pages opens. The
 * area's `area.tsx` (its names, paths, icons and texts: what the navigation
 * needs) is in the console's first bundle; the module `load` imports is a
 * chunk of its own, loaded once for all the area's pages. Meanwhile the page
 * shows the loading state; if the chunk cannot be fetched, the error state
 * with "Try again".
 *
 *     const screens = lazyScreens(() => import('./screens.js'));
 *     screen: screens(({ JourneyScreen }, { rest: [id] }) => <JourneyScreen id={id} />)
 *
 * Why not React.lazy: it keeps a failed import for good, so "Try again"
 * could never fetch the chunk again.
 */
export function lazyScreens<Screens>(load: () => Promise<Screens>) {
  const part = onDemand(load);
  return (render: (screens: Screens, props: ScreenProps) => ReactNode): ComponentType<ScreenProps> =>
    function AreaScreen(props: ScreenProps) {
      return (
        <WhenLoaded part={part} loading={<LoadingState />}>
          {(screens) => render(screens, props)}
        </WhenLoaded>
      );
    };
}
