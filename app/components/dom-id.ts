/**
 * An element id unique to one rendering of a component: a chart or panel drawn several times on
 * one page (the briefing pack repeats the dashboard per まちづくり目標) must not repeat its ids, or
 * aria references and SVG patterns point at the first copy. React's useId keeps server and
 * client in step; only letters, digits and dashes are kept so the id also works in url(#…).
 */
import { useId } from 'react';

export function useDomId(name: string): string {
  return `${name}-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
}
