// Vite build of the web app: routes are split into chunks, and the heavy libraries (bpmn-js, ECharts,
// Ant Design) get chunks of their own so the login page loads without them.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

const vendorChunks: Array<[string, RegExp]> = [
  ['bpmn', /node_modules\/(bpmn-js|diagram-js|bpmn-moddle|moddle|moddle-xml|saxen|min-dash|min-dom|tiny-svg|path-intersection|didi|ids|object-refs|bpmnlint|bpmn-js-bpmnlint|inherits-browser|diagram-js-direct-editing|htm)\//],
  ['echarts', /node_modules\/(echarts|zrender)\//],
  ['antd', /node_modules\/(antd|@ant-design|rc-[^/]+|@rc-component)\//],
  ['react', /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@tanstack)\//],
];

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
