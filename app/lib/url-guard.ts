/**
 * Addresses the app refuses before any page runs: a NUL character (`%00`) in the path or in any
 * search parameter. PostgreSQL text cannot hold it, so every filter would fail deep in a query.
 */
export function hasNulCharacter(url: URL): boolean {
  for (const [key, value] of url.searchParams) if (key.includes('\u0000') || value.includes('\u0000')) return true;
  return /%00|\u0000/.test(url.pathname);
}

export const NUL_MESSAGE =
  'アドレスに使えない文字（NUL, %00）が含まれています。リンクや検索語を確かめてください。 / The address contains a character that cannot be used (NUL, %00). Check the link or the search text.';
