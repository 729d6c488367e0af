// Starts a time-skipping test server whose clock begins on a chosen instant, so tests can reach days worked out by
// hand on a published holiday schedule (which the server's own clock, starting at the machine's "now", may have passed).
// The server reads the wall clock when it starts; libfaketime (Debian package `faketime`) shifts that wall clock for
// the server process only, and the caller then skips the last minute to the exact instant.
import { existsSync } from 'node:fs';

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

/**
 * Runs `spawn` with the environment that makes a child process start its wall clock a minute before `startAt`.
 * The variables are set only while the server is being spawned: nothing else this process starts inherits them.
 */
export async function spawnedAt<T>(startAt: Date, spawn: () => Promise<T>): Promise<T> {
  const library = fakeTimeLibrary();
  const offsetSeconds = Math.floor((startAt.getTime() - Date.now()) / 1000) - 60;
  const saved = { LD_PRELOAD: process.env.LD_PRELOAD, FAKETIME: process.env.FAKETIME, DONT_FAKE_MONOTONIC: process.env.DONT_FAKE_MONOTONIC };
  process.env.LD_PRELOAD = library;
  process.env.FAKETIME = `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}s`;
  process.env.DONT_FAKE_MONOTONIC = '1';
  try {
    return await spawn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
