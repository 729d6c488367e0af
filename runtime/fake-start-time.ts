// Starts a time-skipping test server whose clock begins on a chosen instant, so tests can reach days worked out by
// hand on a published holiday schedule (which the server's own clock, starting at the machine's "now", may have passed).
// The server reads the wall clock when it starts; libfaketime (Debian package `faketime`) shifts that wall clock for
// the server process only, and the caller then skips the last minute to the exact instant. The shift goes into a
// small launcher script, because the SDK spawns the server itself and a test runner's process.env is not the
// environment a native spawn inherits.
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executable } from './temporal-executables';

const LIBRARY_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
  '/usr/local/lib/faketime/libfaketimeMT.so.1',
];

function fakeTimeLibrary(): string {
  const found = [process.env.SHANZHI_LIBFAKETIME, ...LIBRARY_CANDIDATES].find((p): p is string => Boolean(p) && existsSync(p!));
  if (!found) throw new Error('starting the test server on a chosen day needs libfaketime: apt-get install faketime (or set SHANZHI_LIBFAKETIME to libfaketimeMT.so.1)');
  return found;
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** An executable that runs `server` with its wall clock starting a minute before `startAt`. */
export function startingAt(server: Executable, startAt: Date): Executable {
  if (server.type !== 'existing-path') throw new Error('starting the test server on a chosen day needs a local test server binary (.tools/temporal)');
  const offsetSeconds = Math.floor((startAt.getTime() - Date.now()) / 1000) - 60;
  const launcher = join(mkdtempSync(join(tmpdir(), 'shanzhi-faketime-')), 'temporal-test-server');
  writeFileSync(launcher, [
    '#!/bin/sh',
    `LD_PRELOAD=${quote(fakeTimeLibrary())} FAKETIME=${quote(`${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`)} DONT_FAKE_MONOTONIC=1 exec ${quote(server.path)} "$@"`,
    '',
  ].join('\n'));
  chmodSync(launcher, 0o755);
  return { type: 'existing-path', path: launcher };
}
