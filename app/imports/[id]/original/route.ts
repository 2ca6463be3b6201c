/** `GET /imports/<id>/original`: the file exactly as it was uploaded, for download. */
import { authorizeRequest } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import { originalFile } from '@/db/import/pending';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const allowed = await authorizeRequest(request, 'downloadOriginal');
  if ('response' in allowed) return allowed.response;
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return new Response('Not found', { status: 404 });
  const file = await originalFile(await getDb(), Number(id));
  if (!file) return new Response('Not found', { status: 404 });
  // ASCII fallback plus the real (often Japanese) name per RFC 6266 / 5987.
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': 'text/csv',
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'private, no-store',
      // The bytes are the city's, unchecked (maybe HTML): never let a browser sniff and render them.
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
