// Builds the static site into dist/. config.json is copied from public/ (the production
// config) unless COMMENTS_CLIENT_CONFIG names another file, e.g. a local network's.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defineConfig } from 'vite'
import { mergeConfig } from '@comments/protocol'

const configFile = process.env.COMMENTS_CLIENT_CONFIG

export default defineConfig({
  base: './', // works at any path: github.io/<repo>/, a local server's root
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
  plugins: [{
    name: 'comments-config',
    writeBundle (options) {
      if (configFile == null) return
      const text = readFileSync(resolve(configFile), 'utf8')
      mergeConfig(JSON.parse(text)) // refuse to build with a config the page would refuse
      writeFileSync(join(options.dir, 'config.json'), text) // replaces the copy from public/
    }
  }]
})
