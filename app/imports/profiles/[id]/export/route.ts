/**
 * `GET /imports/profiles/<id>/export`: one version of a saved profile as the JSON file the
 * command line takes (`npm run import -- FILE --profile saved.json`), for importers only.
 */
import { authorizeRequest } from '@/app/lib/auth';
import { contentDisposition } from '@/app/lib/download';
import { getDb } from '@/db/client';
import { exportProfileJson, profileFileName, savedProfileById } from '@/db/import/saved-profiles';

export const dynamic = 'force-dynamic';

const notFound = () =>
  new Response('取込設定が見つかりません / No such profile\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // Before anything is read: anonymous visitors and viewers get 401/403 and no profile data.
  const allowed = await authorizeRequest(request, 'import');
  if ('response' in allowed) return allowed.response;
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return notFound();
  const saved = await savedProfileById(await getDb(), Number(id));
  if (!saved) return notFound();
  const name = profileFileName(saved);
  return new Response(exportProfileJson(saved), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': contentDisposition(name, name),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
