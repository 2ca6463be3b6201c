/**
 * How a chart's axis ticks read. Server components pass the name (functions cannot cross to
 * the browser); the formatters themselves are app/lib/format.ts's.
 */
import { formatCount, formatPercent, formatThousandYen, formatThousandYenShort, formatYen } from '@/app/lib/format';

export type ValueFormat = 'yen' | 'thousandYen' | 'thousandYenShort' | 'percent' | 'count';

export function formatTick(format: ValueFormat, value: number): string {
  switch (format) {
    case 'yen':
      return formatYen(value);
    case 'thousandYen':
      return formatThousandYen(value);
    case 'thousandYenShort':
      return formatThousandYenShort(value);
    case 'percent':
      return formatPercent(value, 0);
    case 'count':
      return formatCount(value);
  }
}
