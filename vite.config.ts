import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The Remix plugin breaks Vitest runs ("can't detect preamble"): leave it out under Vitest.
const isVitest = Boolean(process.env.VITEST);

export default defineConfig({
  plugins: [
    !isVitest &&
      remix({
        // Another directory lets two builds run side by side without clobbering each other.
        buildDirectory: process.env.PAS_BUILD_DIR ?? "build",
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
          v3_routeConfig: true,
        },
      }),
    tailwindcss(),
    tsconfigPaths(),
  ],
  build: {
    // Message files are fetched as files of their own (modules/i18n/load-text.ts), never inlined
    // into a script as data: URLs however small.
    assetsInlineLimit: (file: string) => (file.endsWith(".json") ? false : undefined),
  },
  optimizeDeps: {
    // The dev server's dependency scan also reads .server modules; native addons have no browser build.
    exclude: ["@node-rs/argon2", "better-sqlite3"],
  },
  ssr: {
    // Native addons stay outside the server bundle.
    external: ["better-sqlite3", "@node-rs/argon2"],
  },
  test: {
    include: ["tests/**/*.test.ts", "machines/**/*.test.ts", "app/**/*.test.ts"],
    exclude: ["tests/bench/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
