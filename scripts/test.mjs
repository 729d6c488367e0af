// `npm test`: the whole Jest suite, then the domain suite again with the process in UTC and in New York, because
// every deadline must come out the same whatever the machine's TZ (DOMAIN §3). With arguments
// (`npm test -- tests/domain/deadline.test.ts`) it runs Jest once with them.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const args = process.argv.slice(2);

function run(jestArgs, tz) {
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ') };
  if (tz) {
    env.TZ = tz;
    console.log(`\n== domain tests with TZ=${tz} ==`);
  }
  const { status, signal } = spawnSync(process.execPath, [jest, ...jestArgs], { stdio: 'inherit', env });
  if (status !== 0) process.exit(status ?? (signal ? 1 : 0));
}

run(args);
if (args.length === 0) {
  for (const tz of ['UTC', 'America/New_York']) run(['tests/domain'], tz);
}
