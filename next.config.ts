import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Enables forbidden() in pages, so a wrong role renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
  // Native and worker-thread packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino", "pino-pretty"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
