// Vite build of the web app: routes are split into chunks, and the heavy libraries (bpmn-js, ECharts) get
// chunks of their own so the login page loads without them. Ant Design is left to Rollup: each route's chunk
// holds the components it uses, so the login page does not download the tables, pickers and menus of the rest.
// Every asset is also written compressed (.br, .gz) so the server sends it small without compressing per request.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

const vendorChunks: Array<[string, RegExp]> = [
  ['bpmn', /node_modules\/(bpmn-js|diagram-js|bpmn-moddle|moddle|moddle-xml|saxen|min-dash|min-dom|tiny-svg|path-intersection|didi|ids|object-refs|bpmnlint|bpmn-js-bpmnlint|inherits-browser|diagram-js-direct-editing|htm)\//],
  ['echarts', /node_modules\/(echarts|zrender)\//],
  ['react', /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@tanstack)\//],
];

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 1024, logLevel: 'silent' })],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        manualChunks(id) {
          for (const [name, pattern] of vendorChunks) if (pattern.test(id)) return name;
          return undefined;
        },
      },
    },
  },
});
