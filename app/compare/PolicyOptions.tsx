'use client';

/**
 * The plan's nodes as the comparison's options, indented by level: a client component so the
 * page's payload carries each as a path and a label, not its markup a second time.
 */
export function PolicyOptions({ options }: { options: [path: string, label: string][] }) {
  return options.map(([path, label]) => (
    <option key={path} value={path}>
      {label}
    </option>
  ));
}
