/** Text with the search terms in <mark>: React escapes every piece, nothing is parsed as HTML. */
import type { TextSegment } from '@/db/domain/search-text';

export function Highlighted({ segments }: { segments: TextSegment[] }) {
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}
