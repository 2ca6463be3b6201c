'use client';

/**
 * A category axis label on one line, right-aligned against the bars. Recharts' own tick wraps
 * at spaces ("1 子育て・教育" → "1" over "子育て・教育") and clips at the chart's edge; labels
 * are shortened on the server instead, the full name is in the tooltip.
 */
interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  fontSize?: number;
}

export function CategoryTick({ x, y, payload, fontSize = 13 }: TickProps) {
  return (
    <text x={Number(x)} y={Number(y)} dy="0.35em" textAnchor="end" fontSize={fontSize} fill="#1c2430" className="category-tick">
      {String(payload?.value ?? '')}
    </text>
  );
}

interface ColumnTickProps extends TickProps {
  /** The axis' width and tick count, which Recharts passes to a custom tick. */
  width?: number | string;
  visibleTicksCount?: number;
}

/**
 * A column chart's label, centred under its column; split in two lines after `〜`/`–` (or
 * before `以上`) when the columns are too narrow for it on one (a phone's width).
 */
export function ColumnTick({ x, y, payload, fontSize = 13, width, visibleTicksCount }: ColumnTickProps) {
  const label = String(payload?.value ?? '');
  const perTick = Number(width) / Math.max(1, visibleTicksCount ?? 1);
  // Full-width characters take about one em, others about half.
  const estimate = [...label].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.56), 0) * fontSize;
  const lines = estimate > perTick - 4 ? splitLabel(label) : [label];
  return (
    <text x={Number(x)} y={Number(y)} dy="0.9em" textAnchor="middle" fontSize={fontSize} fill="#1c2430" className="category-tick">
      {lines.map((line, i) => (
        <tspan key={i} x={Number(x)} dy={i === 0 ? '0.9em' : '1.15em'}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function splitLabel(label: string): string[] {
  const at = label.search(/[〜–~-]/);
  if (at > 0) return [label.slice(0, at + 1), label.slice(at + 1)];
  const suffix = label.search(/(以上|未満|and over)$/);
  if (suffix > 0) return [label.slice(0, suffix).trim(), label.slice(suffix)];
  return [label];
}
