import { createContext, useContext } from 'react';
import { DEFAULT_TIME_ZONE } from '../../src-shared/dates.js';

/** The zone dates are shown in: the signed-in user's hospital, else the station's default. */
export const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}
