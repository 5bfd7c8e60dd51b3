import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * The dashboard (`/dashboard`) and the explorer (`/explorer`), two pages of one build served by the gateway
 * from `dashboard/dist`. Everything they load is in the build: nothing comes from a CDN at run time.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  worker: { format: 'es' },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // Monaco, the explorer's editor, is one large chunk by design; it loads on /explorer only.
    chunkSizeWarningLimit: 5_000,
    rolldownOptions: {
      input: { dashboard: here('index.html'), explorer: here('explorer/index.html') },
      // GraphiQL's libraries mark their modules "use client" for React Server Components; a client bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
})
