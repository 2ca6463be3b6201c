'use server';
/** Saves one municipality's populations; ends in a redirect so a reload shows the stored state. */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import { parsePopulationInput } from '@/db/domain/numbers';
import { savePopulations } from '@/db/queries/settings';

export async function savePopulationsAction(formData: FormData): Promise<void> {
  const user = await requirePermission('editSettings', '/settings');
  const municipalityId = Number(formData.get('municipalityId'));
  const code = String(formData.get('code') ?? '');
  if (!Number.isInteger(municipalityId) || municipalityId <= 0) redirect('/settings');
  const entries: { fiscalYear: number; population: number | null }[] = [];
  for (const [name, value] of formData.entries()) {
    const year = /^population-(\d{4})$/.exec(name)?.[1];
    if (!year) continue;
    const parsed = parsePopulationInput(String(value));
    if (!parsed.ok) redirect(`/settings?invalid=${encodeURIComponent(`${code}:${year}:${String(value)}`)}#m-${code}`);
    entries.push({ fiscalYear: Number(year), population: parsed.value });
  }
  const changed = await savePopulations(await getDb(), municipalityId, entries, user);
  // Every page that shows cost per citizen reads the population.
  revalidatePath('/', 'layout');
  redirect(`/settings?saved=${encodeURIComponent(code)}&changed=${changed}#m-${code}`);
}
