/**
 * Sent with every response — pages, route handlers, redirects, the proxy's own answers and pages
 * served from the page cache (Next applies these before the proxy runs): no framing by other
 * sites (clickjacking), no content sniffing, no full URLs (with their filters) to other sites.
 */
export const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder at run time,
  // and postgres.js and exceljs (the .xlsx exports) are plain Node modules: they stay outside the
  // server bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'exceljs'],
  poweredByHeader: false,
  // A separate build folder lets two builds (e.g. tests in two checkouts) run side by side.
  distDir: process.env.HYOKA_DIST_DIR || '.next',
  headers: async () => [{ source: '/:path*', headers: SECURITY_HEADERS }],
};

export default nextConfig;
