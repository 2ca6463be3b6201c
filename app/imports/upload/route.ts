/**
 * POST /imports/upload, the upload form's target: the file is streamed to a temporary file with
 * a byte limit as it arrives (_lib/receive-upload.ts), checked (a dry run) and kept as a pending
 * batch. Every answer is a redirect (303) to the import page: the check result, or the form with
 * its message — a file over the limit included — so the form works the same without JavaScript.
 *
 * proxy.ts does not run for this path (see its matcher): Next buffers in memory the whole body of
 * every request the proxy sees (and cuts it at proxyClientMaxBodySize).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentUser, viewMode } from '@/app/lib/auth';
import { isSameOriginPost } from '@/app/lib/same-origin';
import { getDb } from '@/db/client';
import { can } from '@/db/domain/access';
import { mappingFileSchema, type MappingFile } from '@/db/import/headers';
import { stageUpload } from '@/db/import/pending';
import { parseFiscalYear } from '@/db/domain/fiscal-year';
import { POPULATION_PROFILE } from '@/db/import/population/load';
import { DEFAULT_PROFILE, findProfile } from '@/db/import/profiles';
import { recordRejectedUpload } from '@/db/import/rejected';
import { attributeImport } from '@/db/import/attribution';
import { nearUpload, recogniseUpload } from '@/db/import/propose/recognise-upload';
import { receiveUpload } from '../_lib/receive-upload';
import { uploadProblemSearch, type UploadProblem } from '../_lib/upload-problem';

export const dynamic = 'force-dynamic';

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
const formProblem = (problem: UploadProblem) => seeOther(`/imports${uploadProblemSearch(problem)}`);

export async function POST(request: Request): Promise<Response> {
  if (!isSameOriginPost(request.headers)) {
    return new Response('別のサイトからの送信は受け付けません / Cross-site request refused', { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  // As a server action would: a form sent without the role goes to the login page, which says why.
  const user = await currentUser(request.headers);
  if (!user || !can(user.role, 'import', viewMode())) return seeOther(user ? '/login?denied=import&next=%2Fimports' : '/login?next=%2Fimports');
  if (!request.headers.get('content-type')?.startsWith('multipart/form-data')) return formProblem({ code: 'no-file' });

  const dir = await mkdtemp(join(tmpdir(), 'hyoka-upload-'));
  try {
    const upload = await receiveUpload(request, dir);
    if (upload.tooLarge) return formProblem({ code: 'too-large' });
    if (!upload.file || upload.file.size === 0) return formProblem({ code: 'no-file' });
    const code = (upload.fields.municipalityCode ?? '').trim();
    const name = (upload.fields.municipalityName ?? '').trim();
    if (name && !code) return formProblem({ code: 'name-without-code' });
    const mapping = readMapping(upload.mapping, upload.mappingTooLarge);
    if ('problem' in mapping) return formProblem(mapping.problem);
    const profile = upload.fields.profile || DEFAULT_PROFILE;
    if (!findProfile(profile) && profile !== POPULATION_PROFILE) return formProblem({ code: 'bad-profile', detail: profile });
    const yearText = (upload.fields.fiscalYear ?? '').trim();
    const year = yearText === '' ? null : parseFiscalYear(yearText);
    if (year && (!year.ok || year.value === null)) return formProblem({ code: 'bad-fiscal-year', detail: yearText });
    const fiscalYear = year?.ok ? (year.value ?? undefined) : undefined;

    const municipality = code ? { code, ...(name ? { name } : {}) } : undefined;
    // Within the limit, on disk: the check reads it whole, as it always has for uploads.
    const bytes = new Uint8Array(await readFile(upload.file.path));
    const db = await getDb();
    const createdBy = user.name;
    // A file whose header row a saved profile was made for is read with it, without asking.
    const saved = profile === DEFAULT_PROFILE && !mapping.mapping ? await recogniseUpload(db, upload.file.name, bytes) : null;
    const staged = saved
      ? await stageUpload(db, bytes, {
          fileName: upload.file.name,
          createdBy,
          profile: saved.profile,
          municipality: municipality?.name ? municipality : saved.municipality,
        })
      : await stageUpload(db, bytes, { fileName: upload.file.name, createdBy, mapping: mapping.mapping, municipality, profile, fiscalYear });
    const id = staged.pendingId ?? (await recordRejectedUpload(db, bytes, staged.outcome, { createdBy, mapping: mapping.mapping, municipality }));
    await attributeImport(db, id, 'import.checked', user, { ok: staged.pendingId !== null });
    // Near a saved profile (a renamed or added column): the mapping step, from that profile's choices.
    const near = !saved && profile === DEFAULT_PROFILE && !mapping.mapping ? await nearUpload(db, upload.file.name, bytes) : null;
    if (near) return seeOther(`/imports/map?batch=${id}&from-profile=${near.saved.id}`);
    return seeOther(`/imports?batch=${id}#preview`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function readMapping(bytes: Buffer | null, tooLarge: boolean): { mapping?: MappingFile } | { problem: UploadProblem } {
  if (tooLarge) return { problem: { code: 'bad-mapping', detail: 'over 1 MB' } };
  if (!bytes) return {};
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { problem: { code: 'bad-mapping', detail: e instanceof Error ? e.message : String(e) } };
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { problem: { code: 'bad-mapping', detail } };
  }
  return { mapping: parsed.data };
}
