/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder at run time,
  // and postgres.js is a plain Node module: both must stay outside the server bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  poweredByHeader: false,
  // A separate build folder lets two builds (e.g. tests in two checkouts) run side by side.
  distDir: process.env.HYOKA_DIST_DIR || '.next',
};

export default nextConfig;
