// Where test artefacts live (ignored by git).
import { join } from 'node:path';

export const CACHE_DIR = join(__dirname, '..', '..', '.cache');
export const BUNDLE_PATH = join(CACHE_DIR, 'workflow-bundle.js');
