// Builds dist/embed.js (src/embed/embed.js), the script site owners put in their pages: one
// classic script, after the site's own build (`npm run build` runs both), into the same dist/.
import { defineConfig } from 'vite'

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false, // the site is already there
    copyPublicDir: false,
    sourcemap: true,
    lib: { entry: 'src/embed/embed.js', formats: ['iife'], name: 'commentsEmbed', fileName: () => 'embed.js' }
  }
})
