// Where test artefacts live (ignored by git), and the built web app the browser tests serve.
import { join } from 'node:path';

export const ROOT_DIR = join(__dirname, '..', '..');
export const CACHE_DIR = join(ROOT_DIR, '.cache');
export const BUNDLE_PATH = join(CACHE_DIR, 'workflow-bundle.js');
export const SCREENSHOT_DIR = join(CACHE_DIR, 'screenshots');
export const MODELER_DIST = join(ROOT_DIR, 'modeler', 'dist');
