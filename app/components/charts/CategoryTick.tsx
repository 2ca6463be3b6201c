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

/** Rough rendered width: full-width characters about one em, others about half. */
function textWidth(text: string, fontSize: number): number {
  return [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.56), 0) * fontSize;
}

/** The label cut with `…` to fit `maxWidth` pixels (the full text stays in the tooltip). */
export function fitLabel(label: string, maxWidth: number, fontSize: number): string {
  if (textWidth(label, fontSize) <= maxWidth) return label;
  const chars = [...label];
  while (chars.length > 1 && textWidth(chars.join('') + '…', fontSize) > maxWidth) chars.pop();
  return chars.join('') + '…';
}

export function CategoryTick({ x, y, payload, fontSize = 13, maxWidth }: TickProps & { maxWidth?: number }) {
  const label = String(payload?.value ?? '');
  return (
    <text x={Number(x)} y={Number(y)} dy="0.35em" textAnchor="end" fontSize={fontSize} fill="#1c2430" className="category-tick">
      {maxWidth ? fitLabel(label, maxWidth, fontSize) : label}
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
 * before `以上`, or in the middle of a word such as データなし) when the columns are too narrow for it on one (a phone's width).
 */
export function ColumnTick({ x, y, payload, fontSize = 13, width, visibleTicksCount }: ColumnTickProps) {
  const label = String(payload?.value ?? '');
  const perTick = Number(width) / Math.max(1, visibleTicksCount ?? 1);
  const lines = textWidth(label, fontSize) > perTick - 4 ? splitLabel(label) : [label];
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
  const chars = [...label];
  if (chars.length >= 4 && !label.includes(' ')) return [chars.slice(0, Math.ceil(chars.length / 2)).join(''), chars.slice(Math.ceil(chars.length / 2)).join('')];
  return [label];
}
