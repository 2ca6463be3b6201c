/** A dashboard panel: a section named by its heading, through an id unique on the page. */
import type { ReactNode } from 'react';
import { useDomId } from '../dom-id';

export function Panel({ name, title, children }: { name: string; title: ReactNode; children: ReactNode }) {
  const id = useDomId(name);
  return (
    <section className="panel" aria-labelledby={id} data-panel={name}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
