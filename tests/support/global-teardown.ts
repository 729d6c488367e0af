// Once after every suite: removes the run's template database (test-template.ts).
import { dropTemplate } from './test-template';

export default async function globalTeardown(): Promise<void> {
  await dropTemplate();
}
