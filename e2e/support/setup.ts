import { afterEach, expect } from 'vitest';
import { takePageProblems } from './page-errors.ts';

// Every browser test fails on an uncaught page error or an unexpected console error
// (page-errors.ts lists what is expected), so a broken page cannot pass by looking right.
afterEach(() => {
  expect(takePageProblems(), 'errors in the browser during this test').toEqual([]);
});
