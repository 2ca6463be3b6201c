'use client';

import { useSyncExternalStore } from 'react';

const NARROW = '(max-width: 600px)';

/** A phone's width (false on the server, where nothing is drawn yet). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
