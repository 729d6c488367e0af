// In production the checkpoint signing key must live outside the data folder, or whoever can rewrite the data
// could sign over a rewritten log; embedded and demo mode keep the key in the data folder as before.
import { join } from 'node:path';
import { loadConfig } from '../../runtime/config';

const dataDir = join('/', 'srv', 'shanzhi', 'data');

test('production without SHANZHI_CHECKPOINT_KEY_FILE refuses to start, saying what to set', () => {
  expect(() => loadConfig({ NODE_ENV: 'production', SHANZHI_DATA_DIR: dataDir }, []))
    .toThrow(/SHANZHI_CHECKPOINT_KEY_FILE: required when NODE_ENV=production .* outside SHANZHI_DATA_DIR/);
});

test('production with the key inside the data folder refuses to start', () => {
  for (const keyFile of [join(dataDir, 'keys', 'checkpoint.pem'), join(dataDir, '..', 'data', 'checkpoint.pem')]) {
    expect(() => loadConfig({ NODE_ENV: 'production', SHANZHI_DATA_DIR: dataDir, SHANZHI_CHECKPOINT_KEY_FILE: keyFile }, []))
      .toThrow(/is inside SHANZHI_DATA_DIR .* must be kept outside the data folder/);
  }
});

test('production with the key outside the data folder starts with that key', () => {
  const keyFile = join('/', 'etc', 'shanzhi', 'checkpoint-ed25519.pem');
  const config = loadConfig({ NODE_ENV: 'production', SHANZHI_DATA_DIR: dataDir, SHANZHI_CHECKPOINT_KEY_FILE: keyFile }, []);
  expect(config.checkpoints.keyFile).toBe(keyFile);
  // A sibling whose name merely starts like the data folder is outside it.
  expect(() => loadConfig({ NODE_ENV: 'production', SHANZHI_DATA_DIR: dataDir, SHANZHI_CHECKPOINT_KEY_FILE: `${dataDir}-keys/k.pem` }, [])).not.toThrow();
});

test('embedded mode keeps the key in the data folder by default', () => {
  expect(loadConfig({ SHANZHI_DATA_DIR: dataDir }, []).checkpoints).toMatchObject({
    keyFile: join(dataDir, 'keys', 'checkpoint-ed25519.pem'), dir: join(dataDir, 'checkpoints'), debounceMs: 5000, batchEvents: 200,
  });
});
